"""Measurement queries: every aggregate the progress pages show, computed in SQL.

Every query starts from the viewer's scope (`scope.PEOPLE`: every team for a
trainer, the managed ones for a manager, none for anyone else, read from the
stored account), so no caller can widen it. Whether a module is passed comes
from `learning.PASSES` (through `PROGRESS` or `SCORES`), the same definition the learner's own pages use.
"""

from __future__ import annotations

from typing import TypedDict

from sqlite_utils import Database

from modules.accounts import roles
from modules.store import dialect, summaries
from modules.store.clock import FAR_FUTURE
from modules.store.learning import PROGRESS, SCORES
from modules.store.rows import typed
from modules.store.scope import VIEWER_TEAMS, Scope, may_manage, member, scoped_rows, viewer_holds


class GridRow(TypedDict):
    """One person and one module: the coaching view's cell."""

    user_id: int
    name: str
    team: str
    module_id: str
    attempts: int
    best: float | None
    passed: int
    sections_read: int
    sections: int


class StandingCount(TypedDict):
    module_id: str
    passed: int
    attempted: int
    started: int
    people: int


class Headline(TypedDict):
    people: int
    assigned: int
    passed: int
    average_best: float | None
    first_attempts: int
    first_attempt_pass_rate: float | None
    active_this_week: int


class WeekActivity(TypedDict):
    week: str
    active_learners: int
    attempts: int
    passes: int


class WeekCompletion(TypedDict):
    week: str
    passes: int
    cumulative: int
    assigned: int


class ScoreBand(TypedDict):
    module_id: str
    band: int
    attempts: int


class TeamModule(TypedDict):
    team_id: int
    team: str
    module_id: str
    people: int
    passed: int
    average_best: float | None
    attempted: int
    first_attempt_pass_rate: float | None
    first_attempts: int


class TeamActivity(TypedDict):
    team_id: int
    team: str
    people: int
    active_this_week: int


class PersonAttempt(TypedDict):
    id: int
    module_id: str
    attempt_no: int
    submitted_at: str
    percent: float
    passed: int


class PersonRead(TypedDict):
    module_id: str
    section_id: str
    read_at: str


class MissedQuestion(TypedDict):
    module_id: str
    question_id: str
    answered: int
    missed: int
    latest_credit: float | None


class VisibleTeam(TypedDict):
    id: int
    name: str
    kind: str
    people: int


def visible_teams(db: Database, viewer_id: int) -> list[VisibleTeam]:
    """The teams a viewer may see, with their number of employees."""
    return typed(
        db.query(
            f"""
        SELECT t.id, t.name, t.kind, COUNT(u.id) AS people
        FROM teams t LEFT JOIN users u ON u.team_id = t.id AND {member("u")}
        WHERE {may_manage("t.id")}
        GROUP BY t.id, t.name, t.kind ORDER BY t.name""",
            {"viewer": viewer_id},
        )
    )


def team_names(db: Database, viewer_id: int) -> dict[int, str]:
    """The teams a viewer may see, by id: what a kept report needs of them (no headcount to count)."""
    rows = db.execute(f"SELECT t.id, t.name FROM teams t WHERE {may_manage('t.id')}", {"viewer": viewer_id})
    return {team: name for team, name in rows.fetchall()}


def team_count(db: Database) -> int:
    return int(db.execute("SELECT COUNT(*) FROM teams").fetchone()[0])


def people_count(db: Database, scope: Scope) -> int:
    return scoped_rows(db, "SELECT COUNT(*) AS n FROM people", scope)[0]["n"]


def person_module_grid(db: Database, scope: Scope) -> list[GridRow]:
    """One row per person and module: attempts, best, passed, reads (the coaching view)."""
    return scoped_rows(
        db,
        PROGRESS
        + """
        SELECT user_id, name, team, module_id, attempts, best, passed, sections_read, sections
        FROM grid ORDER BY team, name, module_id""",
        scope,
        until=FAR_FUTURE,
    )


def standing_counts(db: Database, scope: Scope) -> list[StandingCount]:
    """Per module, how many people stand at each combination of the facts a status is made of. Counted from
    the people who did something (attempted, read or passed) and the rest by subtraction: no people × modules
    grid is built, so a head office costs its activity, not its headcount times its catalog."""
    return scoped_rows(
        db,
        PROGRESS
        + """,
        touched AS (
            SELECT user_id, module_id, MAX(passed) AS passed, MAX(attempted) AS attempted, MAX(started) AS started
            FROM (
                SELECT user_id, module_id, 0 AS passed, 1 AS attempted, 0 AS started FROM tried
                UNION ALL SELECT user_id, module_id, 0, 0, 1 FROM reads WHERE sections_read > 0
                UNION ALL SELECT user_id, module_id, 1, 0, 0 FROM passes
            ) x GROUP BY user_id, module_id
        )
        SELECT module_id, passed, attempted, started, COUNT(*) AS people
        FROM touched GROUP BY module_id, passed, attempted, started
        UNION ALL
        SELECT m.module_id, 0, 0, 0,
               (SELECT COUNT(*) FROM people) - (SELECT COUNT(*) FROM touched t WHERE t.module_id = m.module_id)
        FROM mods m""",
        scope,
        until=FAR_FUTURE,
    )


def headline(db: Database, scope: Scope, since: str, until: str, week_before: str) -> Headline:
    """The headline figures as they stood at `until`, with activity in [since, until) and [week_before, until)."""
    rows = scoped_rows(
        db,
        SCORES
        + """,
        firsts AS (  -- first tries (attempt 1) in the period, from the summary: one row per person and module
            SELECT s.first_try_passed AS passed FROM standing s
            WHERE s.first_try_at >= :since AND s.first_try_at < :until
        ),
        active AS (
            SELECT a.user_id FROM attempts a
            WHERE a.user_id IN (SELECT id FROM people) AND a.submitted_at >= :week_before
              AND a.submitted_at < :until
            UNION
            SELECT r.user_id FROM section_reads r
            WHERE r.user_id IN (SELECT id FROM people) AND r.read_at >= :week_before
              AND r.read_at < :until
        )
        SELECT (SELECT COUNT(*) FROM people) AS people,
               (SELECT COUNT(*) FROM people) * (SELECT COUNT(*) FROM mods) AS assigned,
               (SELECT COUNT(*) FROM passes) AS passed,
               (SELECT AVG(best) FROM tried) AS average_best,
               (SELECT COUNT(*) FROM firsts) AS first_attempts,
               (SELECT AVG(passed) FROM firsts) AS first_attempt_pass_rate,
               (SELECT COUNT(*) FROM active) AS active_this_week""",
        scope,
        since=since,
        until=until,
        week_before=week_before,
    )
    return rows[0]


def weekly_activity(db: Database, scope: Scope, since: str) -> list[WeekActivity]:
    """Per week: learners active (read or attempt), attempts, passes."""
    return scoped_rows(
        db,
        f"""
        events AS (
            SELECT a.user_id, {dialect.of(db).week("a.submitted_at")} AS week, 1 AS attempt, a.passed
            FROM attempts a
            WHERE a.user_id IN (SELECT id FROM people) AND a.submitted_at >= :since
              AND a.module_id IN (SELECT module_id FROM mods)
            UNION ALL
            SELECT r.user_id, {dialect.of(db).week("r.read_at")}, 0, 0
            FROM section_reads r
            WHERE r.user_id IN (SELECT id FROM people) AND r.read_at >= :since
              AND r.module_id IN (SELECT module_id FROM mods)
        )
        SELECT week, COUNT(DISTINCT user_id) AS active_learners, SUM(attempt) AS attempts, SUM(passed) AS passes
        FROM events GROUP BY week ORDER BY week""",
        scope,
        since=since,
    )


def cumulative_completion(db: Database, scope: Scope) -> list[WeekCompletion]:
    """Per week, how many (person, module) pairs had been passed by its end."""
    return scoped_rows(
        db,
        SCORES
        + f""",
        weekly AS (
            SELECT {dialect.of(db).week("first_passed_at")} AS week, COUNT(*) AS passes FROM passes GROUP BY 1
        )
        SELECT week, passes, SUM(passes) OVER (ORDER BY week) AS cumulative,
               (SELECT COUNT(*) FROM people) * (SELECT COUNT(*) FROM mods) AS assigned
        FROM weekly ORDER BY week""",
        scope,
        until=FAR_FUTURE,
    )


def score_distribution(db: Database, scope: Scope, since: str) -> list[ScoreBand]:
    """Attempts per module in 10-point score bands (90–100 is one band)."""
    return scoped_rows(
        db,
        f"""
        SELECT a.module_id, {dialect.of(db).band("a.percent")} AS band, COUNT(*) AS attempts
        FROM attempts a
        WHERE a.user_id IN (SELECT id FROM people) AND a.submitted_at >= :since
          AND a.module_id IN (SELECT module_id FROM mods) GROUP BY a.module_id, band ORDER BY a.module_id, band""",
        scope,
        since=since,
    )


# Per team and module, as things stood at :until: people, passed, average best (from SCORES' CTEs).
_TEAM_STANDING = """,
        team_sizes AS (SELECT team_id, team, COUNT(*) AS people FROM people GROUP BY team_id, team),
        passed_in_team AS (
            SELECT p.team_id, ps.module_id, COUNT(*) AS passed
            FROM passes ps JOIN people p ON p.id = ps.user_id GROUP BY p.team_id, ps.module_id
        ),
        best_in_team AS (
            SELECT p.team_id, t.module_id, AVG(t.best) AS average_best, COUNT(t.best) AS attempted
            FROM tried t JOIN people p ON p.id = t.user_id GROUP BY p.team_id, t.module_id
        ),
        per_team AS (  -- from the team sizes, not the people × modules grid: ten thousand people stay quick
            SELECT s.team_id, s.team, m.module_id, s.people, COALESCE(pt.passed, 0) AS passed, b.average_best,
                   COALESCE(b.attempted, 0) AS attempted
            FROM team_sizes s CROSS JOIN mods m
            LEFT JOIN passed_in_team pt ON pt.team_id = s.team_id AND pt.module_id = m.module_id
            LEFT JOIN best_in_team b ON b.team_id = s.team_id AND b.module_id = m.module_id
        )"""

# Per team and module: the first tries (attempt 1) made in [:since, :until) and the share that passed, read
# from each person's summary rows (people first: a team's fifty people cost fifty index probes, not a scan of
# the organisation's period).
_FIRSTS = """
        firsts AS (
            SELECT p.team_id, s.module_id, AVG(s.first_try_passed) AS rate, COUNT(*) AS n
            FROM people p CROSS JOIN module_standing s
            WHERE s.user_id = p.id AND s.first_try_at >= :since AND s.first_try_at < :until
              AND s.module_id IN (SELECT module_id FROM mods)
            GROUP BY p.team_id, s.module_id
        )"""


class TeamStanding(TypedDict):
    team_id: int
    module_id: str
    people: int
    passed: int
    average_best: float | None
    attempted: int


class TeamFirsts(TypedDict):
    team_id: int
    module_id: str
    first_attempt_pass_rate: float | None
    first_attempts: int


def team_comparison(db: Database, scope: Scope, since: str, until: str) -> list[TeamModule]:
    """Teams side by side, per module, as things stood at `until`: people, passed, average best,
    and the pass rate of first attempts made in [since, until)."""
    return scoped_rows(
        db,
        SCORES
        + _TEAM_STANDING
        + ","
        + _FIRSTS
        + """
        SELECT pt.team_id, pt.team, pt.module_id, pt.people, pt.passed, pt.average_best, pt.attempted,
               f.rate AS first_attempt_pass_rate, COALESCE(f.n, 0) AS first_attempts
        FROM per_team pt LEFT JOIN firsts f ON f.team_id = pt.team_id AND f.module_id = pt.module_id
        ORDER BY pt.team, pt.module_id""",
        scope,
        since=since,
        until=until,
    )


def team_standing(db: Database, scope: Scope) -> list[TeamStanding]:
    """The state part of the comparison, as things stand now: what `kept_reports` keeps per team."""
    return scoped_rows(
        db,
        SCORES
        + _TEAM_STANDING
        + """
        SELECT team_id, module_id, people, passed, average_best, attempted FROM per_team
        ORDER BY team_id, module_id""",
        scope,
        until=FAR_FUTURE,
    )


def team_first_tries(db: Database, scope: Scope, since: str, until: str) -> list[TeamFirsts]:
    """The period part of the comparison: first tries in [since, until) per team and module."""
    return scoped_rows(
        db,
        _FIRSTS
        + """
        SELECT team_id, module_id, rate AS first_attempt_pass_rate, n AS first_attempts FROM firsts""",
        scope,
        since=since,
        until=until,
    )


def team_activity(db: Database, scope: Scope, until: str, week_before: str) -> list[TeamActivity]:
    """Per team: learners active in the week before `until`.

    For a whole organisation the week's activity is found through the time indexes (a week is small beside
    everyone's history); for a manager's teams through their people's own rows (a week of a head office is
    not small beside fifty people). Joining it to `people` keeps the result inside the viewer's scope.
    """
    mine = "" if _sees_every_team(db, scope) else " AND {alias}.user_id IN (SELECT id FROM people)"
    return scoped_rows(
        db,
        f"""
        active AS (
            SELECT a.user_id FROM attempts a
            WHERE a.submitted_at >= :week_before AND a.submitted_at < :until{mine.format(alias="a")}
            UNION
            SELECT r.user_id FROM section_reads r
            WHERE r.read_at >= :week_before AND r.read_at < :until{mine.format(alias="r")}
        )
        SELECT p.team_id, p.team, COUNT(*) AS people, COUNT(a.user_id) AS active_this_week
        FROM people p LEFT JOIN active a ON a.user_id = p.id GROUP BY p.team_id, p.team ORDER BY p.team""",
        scope,
        until=until,
        week_before=week_before,
    )


def _sees_every_team(db: Database, scope: Scope) -> bool:
    """The scope is a whole organisation: every team, seen by whoever holds the right to."""
    if scope.team_id is not None:
        return False
    held = db.execute(f"SELECT {viewer_holds(roles.ALL_TEAMS)}", {"viewer": scope.viewer_id}).fetchone()
    return bool(held and held[0])


def person_attempts(db: Database, scope: Scope, user_id: int) -> list[PersonAttempt]:
    """A visible person's attempts; an invisible person has none, whatever the id."""
    return scoped_rows(
        db,
        """
        SELECT a.id, a.module_id, a.attempt_no, a.submitted_at, a.percent, a.passed
        FROM attempts a
        WHERE a.user_id = :person AND a.user_id IN (SELECT id FROM people)
          AND a.module_id IN (SELECT module_id FROM mods) ORDER BY a.submitted_at""",
        scope,
        person=user_id,
    )


def person_reads(db: Database, scope: Scope, user_id: int) -> list[PersonRead]:
    return scoped_rows(
        db,
        """
        SELECT r.module_id, r.section_id, r.read_at
        FROM section_reads r
        WHERE r.user_id = :person AND r.user_id IN (SELECT id FROM people)
          AND r.module_id IN (SELECT module_id FROM mods) ORDER BY r.read_at""",
        scope,
        person=user_id,
    )


def person_missed_questions(db: Database, scope: Scope, user_id: int) -> list[MissedQuestion]:
    """Questions a visible person did not get fully right, and whether their latest try did."""
    return scoped_rows(
        db,
        """
        answered AS (
            SELECT a.module_id, x.question_id, x.credit, a.submitted_at,
                   ROW_NUMBER() OVER (PARTITION BY a.module_id, x.question_id ORDER BY a.submitted_at DESC) AS recent
            FROM attempts a JOIN answers x ON x.attempt_id = a.id
            WHERE a.user_id = :person AND a.user_id IN (SELECT id FROM people)
              AND a.module_id IN (SELECT module_id FROM mods)
        )
        SELECT module_id, question_id, COUNT(*) AS answered, COUNT(*) FILTER (WHERE credit < 1) AS missed,
               MAX(CASE WHEN recent = 1 THEN credit END) AS latest_credit
        FROM answered GROUP BY module_id, question_id HAVING COUNT(*) FILTER (WHERE credit < 1) > 0
        ORDER BY module_id, missed DESC""",
        scope,
        person=user_id,
    )


def activity_stamp(db: Database, viewer_id: int, team_id: int | None) -> tuple[int, int]:
    """Changes whenever a person of the viewer's teams (or of `team_id`) submits or reads, or an account is
    added: the cache key. Another team's learners leave it as it is, so a manager's report stays cached
    while the rest of the organisation learns."""
    row = db.execute(
        f"""SELECT (SELECT COALESCE(SUM(d.version), 0) FROM data_stamps d
                    WHERE d.area IN (SELECT :prefix || CAST(v.team_id AS TEXT) FROM ({VIEWER_TEAMS}) v
                                     WHERE :team IS NULL OR v.team_id = :team)),
                   (SELECT COALESCE(MAX(id), 0) FROM users)""",
        {"prefix": summaries.TEAM, "viewer": viewer_id, "team": team_id},
    ).fetchone()
    return tuple(row)


def accounts_stamp(db: Database) -> int:
    """The highest account id: a past period's figures change only when someone is added (to its teams)."""
    return int(db.execute("SELECT COALESCE(MAX(id), 0) FROM users").fetchone()[0])


def practices_stamp(db: Database) -> tuple:
    """Changes whenever a rating, a survey answer, a story, a suggestion or a review or answer is added."""
    return tuple(
        db.execute("""
        SELECT (SELECT COALESCE(MAX(id), 0) FROM ratings), (SELECT COALESCE(MAX(id), 0) FROM surveys),
               (SELECT COALESCE(MAX(id), 0) FROM survey_responses), (SELECT COALESCE(MAX(id), 0) FROM stories),
               (SELECT MAX(reviewed_at) FROM stories), (SELECT COALESCE(MAX(id), 0) FROM suggestions),
               (SELECT MAX(answered_at) FROM suggestions), (SELECT COALESCE(MAX(id), 0) FROM users)""").fetchone()
    )
