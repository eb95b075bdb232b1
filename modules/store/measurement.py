"""Measurement queries: every aggregate the progress pages show, computed in SQL.

Every query starts from the same scope: the teams the viewer may see (all
for a trainer, the managed ones for a manager, none for anyone else), so no
caller can widen it. Modules come in as JSON (id, number of sections, whether
there is a quiz) because the content, not the database, knows them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

WEEK = "date({col}, 'weekday 0', '-6 days')"  # the Monday starting the week of a timestamp

SCOPE = """
scope AS (
    SELECT id AS team_id FROM teams WHERE :role = 'trainer'
    UNION SELECT team_id FROM team_managers WHERE :role = 'manager' AND user_id = :viewer
),
people AS (
    SELECT u.id, u.name, u.username, u.team_id, t.name AS team
    FROM users u JOIN scope s ON s.team_id = u.team_id JOIN teams t ON t.id = u.team_id
    WHERE u.role = 'employee' AND (:team IS NULL OR u.team_id = :team)
),
mods AS (
    SELECT json_extract(value, '$.id') AS module_id, json_extract(value, '$.sections') AS sections,
           json_extract(value, '$.quiz') AS has_quiz
    FROM json_each(:modules)
)"""


@dataclass(frozen=True)
class Scope:
    """Whose data a query may read, and which slice of it."""

    viewer_id: int
    role: str
    modules: tuple[tuple[str, int, bool], ...]  # (id, sections, has quiz)
    team_id: int | None = None

    def params(self, **extra: Any) -> dict[str, Any]:
        modules = json.dumps([{"id": m, "sections": s, "quiz": int(q)} for m, s, q in self.modules])
        return {"viewer": self.viewer_id, "role": self.role, "team": self.team_id, "modules": modules, **extra}


def scoped_rows(db: Database, sql: str, scope: Scope, **extra: Any) -> list[dict[str, Any]]:
    """Run `sql` after the scope's CTEs; `sql` may add CTEs of its own before its SELECT."""
    joiner = "\n" if sql.lstrip().upper().startswith("SELECT") else ",\n"
    return list(db.query(f"WITH {SCOPE}{joiner}{sql}", scope.params(**extra)))


def visible_teams(db: Database, viewer_id: int, role: str) -> list[dict[str, Any]]:
    """The teams a viewer may see, with their number of employees."""
    return list(db.query("""
        SELECT t.id, t.name, t.kind, COUNT(u.id) AS people
        FROM teams t LEFT JOIN users u ON u.team_id = t.id AND u.role = 'employee'
        WHERE :role = 'trainer'
           OR (:role = 'manager' AND t.id IN (SELECT team_id FROM team_managers WHERE user_id = :viewer))
        GROUP BY t.id ORDER BY t.name""", {"viewer": viewer_id, "role": role}))


_PER_PERSON_MODULE = """
tried AS (
    SELECT a.user_id, a.module_id, COUNT(*) AS attempts, MAX(a.percent) AS best, MAX(a.passed) AS passed,
           MIN(CASE WHEN a.passed THEN a.submitted_at END) AS first_passed_at, MAX(a.submitted_at) AS last_at
    FROM attempts a
    WHERE a.user_id IN (SELECT id FROM people) AND a.submitted_at < :until
      AND a.module_id IN (SELECT module_id FROM mods)
    GROUP BY a.user_id, a.module_id
),
reads AS (
    SELECT r.user_id, r.module_id, COUNT(*) AS sections_read, MAX(r.read_at) AS last_read_at
    FROM section_reads r
    WHERE r.user_id IN (SELECT id FROM people) AND r.read_at < :until AND r.module_id IN (SELECT module_id FROM mods)
    GROUP BY r.user_id, r.module_id
),
grid AS (
    SELECT p.id AS user_id, p.name, p.team_id, p.team, m.module_id, COALESCE(t.attempts, 0) AS attempts, t.best,
           CASE WHEN m.has_quiz THEN COALESCE(t.passed, 0)
                ELSE COALESCE(r.sections_read, 0) >= m.sections END AS passed,
           COALESCE(r.sections_read, 0) AS sections_read, m.sections,
           CASE WHEN m.has_quiz THEN t.first_passed_at ELSE r.last_read_at END AS first_passed_at
    FROM people p CROSS JOIN mods m
    LEFT JOIN tried t ON t.user_id = p.id AND t.module_id = m.module_id
    LEFT JOIN reads r ON r.user_id = p.id AND r.module_id = m.module_id
),
status AS (
    SELECT *, CASE WHEN passed THEN 'passed' WHEN attempts > 0 THEN 'not passed yet'
                   WHEN sections_read > 0 THEN 'in progress' ELSE 'not started' END AS status
    FROM grid
)"""

FAR_FUTURE = "9999-12-31"


def people_count(db: Database, scope: Scope) -> int:
    return scoped_rows(db, "SELECT COUNT(*) AS n FROM people", scope)[0]["n"]


def person_module_grid(db: Database, scope: Scope) -> list[dict[str, Any]]:
    """One row per person and module: attempts, best, passed, reads, status (the coaching view)."""
    return scoped_rows(db, _PER_PERSON_MODULE + """
        SELECT user_id, name, team, module_id, attempts, best, passed, sections_read, sections, status
        FROM status ORDER BY team, name, module_id""", scope, until=FAR_FUTURE)


def status_counts(db: Database, scope: Scope) -> list[dict[str, Any]]:
    """Per module, how many people are at each status."""
    return scoped_rows(db, _PER_PERSON_MODULE + """
        SELECT module_id, status, COUNT(*) AS people FROM status GROUP BY module_id, status""", scope, until=FAR_FUTURE)


def headline(db: Database, scope: Scope, since: str, until: str) -> dict[str, Any]:
    """The headline figures as they stood at `until`, with activity in [since, until)."""
    rows = scoped_rows(db, _PER_PERSON_MODULE + """,
        firsts AS (
            SELECT a.percent, a.passed FROM attempts a
            WHERE a.user_id IN (SELECT id FROM people) AND a.attempt_no = 1 AND a.submitted_at >= :since
              AND a.submitted_at < :until AND a.module_id IN (SELECT module_id FROM mods)
        ),
        active AS (
            SELECT a.user_id FROM attempts a
            WHERE a.user_id IN (SELECT id FROM people) AND a.submitted_at >= datetime(:until, '-7 days')
              AND a.submitted_at < :until
            UNION
            SELECT r.user_id FROM section_reads r
            WHERE r.user_id IN (SELECT id FROM people) AND r.read_at >= datetime(:until, '-7 days')
              AND r.read_at < :until
        )
        SELECT (SELECT COUNT(*) FROM people) AS people,
               (SELECT COUNT(*) FROM grid) AS assigned,
               (SELECT COALESCE(SUM(passed), 0) FROM grid) AS passed,
               (SELECT AVG(best) FROM grid WHERE best IS NOT NULL) AS average_best,
               (SELECT COUNT(*) FROM firsts) AS first_attempts,
               (SELECT AVG(passed) FROM firsts) AS first_attempt_pass_rate,
               (SELECT COUNT(*) FROM active) AS active_this_week""", scope, since=since, until=until)
    return rows[0]


def weekly_activity(db: Database, scope: Scope, since: str) -> list[dict[str, Any]]:
    """Per week: learners active (read or attempt), attempts, passes."""
    return scoped_rows(db, f"""
        events AS (
            SELECT a.user_id, {WEEK.format(col='a.submitted_at')} AS week, 1 AS attempt, a.passed
            FROM attempts a
            WHERE a.user_id IN (SELECT id FROM people) AND a.submitted_at >= :since
              AND a.module_id IN (SELECT module_id FROM mods)
            UNION ALL
            SELECT r.user_id, {WEEK.format(col='r.read_at')}, 0, 0
            FROM section_reads r
            WHERE r.user_id IN (SELECT id FROM people) AND r.read_at >= :since
              AND r.module_id IN (SELECT module_id FROM mods)
        )
        SELECT week, COUNT(DISTINCT user_id) AS active_learners, SUM(attempt) AS attempts, SUM(passed) AS passes
        FROM events GROUP BY week ORDER BY week""", scope, since=since)


def cumulative_completion(db: Database, scope: Scope) -> list[dict[str, Any]]:
    """Per week, how many (person, module) pairs had been passed by its end."""
    return scoped_rows(db, f"""
        firsts AS (
            SELECT MIN(a.submitted_at) AS passed_at
            FROM attempts a
            WHERE a.user_id IN (SELECT id FROM people) AND a.passed
              AND a.module_id IN (SELECT module_id FROM mods) GROUP BY a.user_id, a.module_id
        ),
        weekly AS (SELECT {WEEK.format(col='passed_at')} AS week, COUNT(*) AS passes FROM firsts GROUP BY 1)
        SELECT week, passes, SUM(passes) OVER (ORDER BY week) AS cumulative,
               (SELECT COUNT(*) FROM people) * (SELECT COUNT(*) FROM mods) AS assigned
        FROM weekly ORDER BY week""", scope)


def score_distribution(db: Database, scope: Scope, since: str) -> list[dict[str, Any]]:
    """Attempts per module in 10-point score bands (90–100 is one band)."""
    return scoped_rows(db, """
        SELECT a.module_id, MIN(CAST(a.percent / 10 AS INTEGER) * 10, 90) AS band, COUNT(*) AS attempts
        FROM attempts a
        WHERE a.user_id IN (SELECT id FROM people) AND a.submitted_at >= :since
          AND a.module_id IN (SELECT module_id FROM mods) GROUP BY a.module_id, band ORDER BY a.module_id, band""", scope, since=since)


def team_comparison(db: Database, scope: Scope, since: str, until: str) -> list[dict[str, Any]]:
    """Teams side by side, per module, as things stood at `until`: people, passed, average best,
    and the pass rate of first attempts made in [since, until).

    Aggregates per person first, then per team, without the people × modules grid.
    """
    return scoped_rows(db, """
        tried AS (
            SELECT a.user_id, a.module_id, MAX(a.percent) AS best, MAX(a.passed) AS passed
            FROM attempts a
            WHERE a.user_id IN (SELECT id FROM people) AND a.submitted_at < :until
              AND a.module_id IN (SELECT module_id FROM mods WHERE has_quiz)
            GROUP BY a.user_id, a.module_id
        ),
        read_all AS (
            SELECT r.user_id, r.module_id, NULL AS best, COUNT(*) >= m.sections AS passed
            FROM section_reads r JOIN mods m ON m.module_id = r.module_id AND NOT m.has_quiz
            WHERE r.user_id IN (SELECT id FROM people) AND r.read_at < :until
            GROUP BY r.user_id, r.module_id
        ),
        done AS (SELECT * FROM tried UNION ALL SELECT * FROM read_all),
        per_team AS (
            SELECT p.team_id, d.module_id, SUM(d.passed) AS passed, AVG(d.best) AS average_best, COUNT(d.best) AS attempted
            FROM done d JOIN people p ON p.id = d.user_id GROUP BY p.team_id, d.module_id
        ),
        first_tries AS (
            SELECT a.user_id, a.module_id, a.passed
            FROM attempts a
            WHERE a.user_id IN (SELECT id FROM people) AND a.attempt_no = 1 AND a.submitted_at >= :since
              AND a.submitted_at < :until AND a.module_id IN (SELECT module_id FROM mods)
        ),
        firsts AS (
            SELECT p.team_id, f.module_id, AVG(f.passed) AS rate, COUNT(*) AS n
            FROM first_tries f JOIN people p ON p.id = f.user_id GROUP BY p.team_id, f.module_id
        ),
        team_people AS (SELECT team_id, team, COUNT(*) AS people FROM people GROUP BY team_id, team)
        SELECT tp.team_id, tp.team, m.module_id, tp.people, COALESCE(pt.passed, 0) AS passed,
               pt.average_best, COALESCE(pt.attempted, 0) AS attempted,
               f.rate AS first_attempt_pass_rate, COALESCE(f.n, 0) AS first_attempts
        FROM team_people tp CROSS JOIN mods m
        LEFT JOIN per_team pt ON pt.team_id = tp.team_id AND pt.module_id = m.module_id
        LEFT JOIN firsts f ON f.team_id = tp.team_id AND f.module_id = m.module_id
        ORDER BY tp.team, m.module_id""", scope, since=since, until=until)


def team_activity(db: Database, scope: Scope, until: str) -> list[dict[str, Any]]:
    """Per team: learners active in the week before `until`.

    The week's activity is found through the time indexes (a week is small);
    joining it to `people` is what keeps the result inside the viewer's scope.
    """
    return scoped_rows(db, """
        active AS (
            SELECT a.user_id FROM attempts a
            WHERE a.submitted_at >= datetime(:until, '-7 days') AND a.submitted_at < :until
            UNION
            SELECT r.user_id FROM section_reads r
            WHERE r.read_at >= datetime(:until, '-7 days') AND r.read_at < :until
        )
        SELECT p.team_id, p.team, COUNT(*) AS people, COUNT(a.user_id) AS active_this_week
        FROM people p LEFT JOIN active a ON a.user_id = p.id GROUP BY p.team_id ORDER BY p.team""", scope, until=until)


def person_attempts(db: Database, scope: Scope, user_id: int) -> list[dict[str, Any]]:
    """A visible person's attempts; an invisible person has none, whatever the id."""
    return scoped_rows(db, """
        SELECT a.id, a.module_id, a.attempt_no, a.submitted_at, a.percent, a.passed
        FROM attempts a
        WHERE a.user_id = :person AND a.user_id IN (SELECT id FROM people)
          AND a.module_id IN (SELECT module_id FROM mods) ORDER BY a.submitted_at""", scope, person=user_id)


def person_reads(db: Database, scope: Scope, user_id: int) -> list[dict[str, Any]]:
    return scoped_rows(db, """
        SELECT r.module_id, r.section_id, r.read_at
        FROM section_reads r
        WHERE r.user_id = :person AND r.user_id IN (SELECT id FROM people)
          AND r.module_id IN (SELECT module_id FROM mods) ORDER BY r.read_at""", scope, person=user_id)


def person_missed_questions(db: Database, scope: Scope, user_id: int) -> list[dict[str, Any]]:
    """Questions a visible person did not get fully right, and whether their latest try did."""
    return scoped_rows(db, """
        answered AS (
            SELECT a.module_id, x.question_id, x.credit, a.submitted_at,
                   ROW_NUMBER() OVER (PARTITION BY a.module_id, x.question_id ORDER BY a.submitted_at DESC) AS recent
            FROM attempts a JOIN answers x ON x.attempt_id = a.id
            WHERE a.user_id = :person AND a.user_id IN (SELECT id FROM people)
              AND a.module_id IN (SELECT module_id FROM mods)
        )
        SELECT module_id, question_id, COUNT(*) AS answered, SUM(credit < 1) AS missed,
               MAX(CASE WHEN recent = 1 THEN credit END) AS latest_credit
        FROM answered GROUP BY module_id, question_id HAVING SUM(credit < 1) > 0
        ORDER BY module_id, missed DESC""", scope, person=user_id)


def activity_stamp(db: Database) -> tuple[int, int, int]:
    """Changes whenever a learner submits or reads, or an account is added: the cache key."""
    row = db.execute(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM attempts), (SELECT COALESCE(MAX(rowid), 0) FROM section_reads),"
        " (SELECT COALESCE(MAX(id), 0) FROM users)"
    ).fetchone()
    return tuple(row)


def practices_stamp(db: Database) -> tuple:
    """Changes whenever a rating, a survey answer, a story, a suggestion or a review or answer is added."""
    return tuple(db.execute("""
        SELECT (SELECT COALESCE(MAX(id), 0) FROM ratings), (SELECT COALESCE(MAX(id), 0) FROM surveys),
               (SELECT COALESCE(MAX(id), 0) FROM survey_responses), (SELECT COALESCE(MAX(id), 0) FROM stories),
               (SELECT MAX(reviewed_at) FROM stories), (SELECT COALESCE(MAX(id), 0) FROM suggestions),
               (SELECT MAX(answered_at) FROM suggestions), (SELECT COALESCE(MAX(id), 0) FROM users)""").fetchone())
