"""The mirror survey: definitions, anonymous answers, customer imports, results.

An employee's answers are stored with their team and day only; the separate
participation table knows who answered, never what, and stops a second answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import NotRequired, TypedDict

from sqlite_utils import Database

from modules.accounts import roles
from modules.store import dialect, summaries
from modules.store.clock import now
from modules.store.rows import first, typed
from modules.store.scope import Scope, holds, member, scoped_rows
from modules.store.transactions import inserted_id, repeated, write

_DEFINES = f"SELECT 1 FROM users v WHERE v.id = ? AND {holds('v.role', roles.DEFINE_SURVEYS)}"


class Survey(TypedDict):
    id: int
    title: str
    created_at: str
    closed_at: str | None
    employees: int
    customers: int


class QuestionTexts(TypedDict):
    employee_text: str
    customer_text: str


class SurveyQuestion(TypedDict):
    """A question in its main language; `translations` (when defining) gives it in other languages."""

    key: str
    employee_text: str
    customer_text: str
    scale: str
    translations: NotRequired[dict[str, QuestionTexts]]


CustomerRow = tuple[int, str, dict[str, int]]  # team id, day answered, answers by question key


class Import(TypedDict):
    filename: str
    rows: int
    imported_at: str
    imported_by: str


class QuestionResult(TypedDict):
    """One team, source (employee or customer) and question: its answers, mean, promoters and detractors."""

    team_id: int
    team: str
    source: str
    key: str
    responses: int
    answers: int
    mean: float
    promoters: int
    detractors: int


class Wave(TypedDict):
    """The 0–10 question of one survey (a wave), for one team and source."""

    survey_id: int
    title: str
    wave: str
    team_id: int
    team: str
    source: str
    answers: int
    promoters: int
    detractors: int


def create_survey(
    db: Database, title: str, questions: list[SurveyQuestion], created_by: int, stamp: str | None = None
) -> int | None:
    """A new survey replaces the open one (closed, its answers kept): one survey is asked at a time.

    Only a trainer's stored account may start one; None otherwise. Started twice in a minute with the same
    title (a double click), the first one stays open and is returned."""
    stamp = stamp or now()
    with write(db):
        dialect.of(db).lock_key(db, "surveys", 0)  # one survey starts at a time (the unique index backs this)
        if not db.execute(_DEFINES, [created_by]).fetchone():
            return None
        if (earlier := repeated(db, "surveys", {"created_by": created_by, "title": title}, stamp)) is not None:
            return earlier
        db.execute("UPDATE surveys SET closed_at = ? WHERE closed_at IS NULL", [stamp])
        survey_id = inserted_id(
            db,
            "INSERT INTO surveys (title, created_by, created_at) VALUES (?, ?, ?) RETURNING id",
            [title, created_by, stamp],
        )
        db.conn.executemany(
            """INSERT INTO survey_questions (survey_id, key, position, employee_text, customer_text, scale)
                               VALUES (?, ?, ?, ?, ?, ?)""",
            [
                (survey_id, q["key"], n, q["employee_text"], q["customer_text"], q["scale"])
                for n, q in enumerate(questions)
            ],
        )
        db.conn.executemany(
            """INSERT INTO survey_question_texts (survey_id, key, lang, employee_text, customer_text)
                               VALUES (?, ?, ?, ?, ?)""",
            [
                (survey_id, q["key"], lang, texts["employee_text"], texts["customer_text"])
                for q in questions
                for lang, texts in q.get("translations", {}).items()
            ],
        )
    return survey_id


def close_survey(db: Database, survey_id: int) -> None:
    with write(db):
        db.execute("UPDATE surveys SET closed_at = ? WHERE id = ? AND closed_at IS NULL", [now(), survey_id])


_SURVEYS = """
    SELECT s.id, s.title, s.created_at, s.closed_at,
           (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id AND r.source = 'employee') AS employees,
           (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id AND r.source = 'customer') AS customers
    FROM surveys s"""


def surveys(db: Database) -> list[Survey]:
    """Every survey, newest first, with its numbers of employee and customer responses."""
    return typed(db.query(_SURVEYS + " ORDER BY s.id DESC"))


def open_survey(db: Database) -> Survey | None:
    """The survey being asked now (every page view of the home page asks), counted alone."""
    return first(db.query(_SURVEYS + " WHERE s.closed_at IS NULL ORDER BY s.id DESC LIMIT 1"))


def survey_questions(db: Database, survey_id: int, lang: str | None = None) -> list[SurveyQuestion]:
    """The questions in `lang` where the trainer gave that language, else as first written."""
    return typed(
        db.query(
            """SELECT q.key, COALESCE(t.employee_text, q.employee_text) AS employee_text,
                      COALESCE(t.customer_text, q.customer_text) AS customer_text, q.scale
               FROM survey_questions q
               LEFT JOIN survey_question_texts t ON t.survey_id = q.survey_id AND t.key = q.key AND t.lang = ?
               WHERE q.survey_id = ? ORDER BY q.position""",
            [lang or "", survey_id],
        )
    )


def has_answered(db: Database, survey_id: int, user_id: int) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM survey_participation WHERE survey_id = ? AND user_id = ?", [survey_id, user_id]
        ).fetchone()
        is not None
    )


def answer_survey(db: Database, survey_id: int, user_id: int, answers: dict[str, int], day: str) -> bool:
    """Store one employee's answers with their team (from their account) but not their name.

    False if they had already answered, have no team, or the survey closed."""
    with write(db):
        team = db.execute(
            f"SELECT u.team_id FROM users u WHERE u.id = ? AND u.team_id IS NOT NULL AND {member('u')}", [user_id]
        ).fetchone()
        if (
            team is None
            or not db.execute("SELECT 1 FROM surveys WHERE id = ? AND closed_at IS NULL", [survey_id]).fetchone()
        ):
            return False
        if (
            db.execute(
                "INSERT INTO survey_participation (survey_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [survey_id, user_id],
            ).rowcount
            == 0
        ):
            return False
        _insert_responses(db, survey_id, "employee", [(team[0], day, answers)], None)
    return True


def import_customer_responses(
    db: Database, survey_id: int, digest: str, filename: str, rows: list[CustomerRow], imported_by: int
) -> int | None:
    """Add a file's valid rows at once; None if this very file was already imported for the survey,
    or the importer's stored account is not a trainer's."""
    with write(db):
        if not db.execute(_DEFINES, [imported_by]).fetchone():
            return None
        import_id = inserted_id(
            db,
            """INSERT INTO survey_imports (survey_id, digest, filename, rows, imported_by,
                                       imported_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id""",
            [survey_id, digest, filename, len(rows), imported_by, now()],
        )
        if import_id is None:
            return None
        _insert_responses(db, survey_id, "customer", rows, import_id)
    return len(rows)


def save_import_mapping(db: Database, shape: str, mapping: dict[str, str | None], date_order: str | None) -> None:
    """Remember how a file of this shape maps to the survey (the last import's choice wins)."""
    with write(db):
        db.execute(
            """INSERT INTO import_mappings (shape, mapping, date_order, saved_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (shape) DO UPDATE
               SET mapping = excluded.mapping, date_order = excluded.date_order, saved_at = excluded.saved_at""",
            [shape, json.dumps(mapping, sort_keys=True), date_order, now()],
        )


def import_mapping(db: Database, shape: str) -> tuple[dict[str, str | None], str | None] | None:
    """The mapping and day/month order kept for files of this shape, if one was imported before."""
    row = db.execute("SELECT mapping, date_order FROM import_mappings WHERE shape = ?", [shape]).fetchone()
    return (json.loads(row[0]), row[1]) if row else None


def imports(db: Database, survey_id: int) -> list[Import]:
    return typed(
        db.query(
            """SELECT i.filename, i.rows, i.imported_at, u.name AS imported_by FROM survey_imports i
                            JOIN users u ON u.id = i.imported_by WHERE survey_id = ? ORDER BY i.id DESC""",
            [survey_id],
        )
    )


def _insert_responses(
    db: Database, survey_id: int, source: str, rows: Iterable[CustomerRow], import_id: int | None
) -> None:
    for team_id, day, answers in rows:
        response_id = inserted_id(
            db,
            """INSERT INTO survey_responses (survey_id, team_id, source, answered_on, import_id)
                                         VALUES (?, ?, ?, ?, ?) RETURNING id""",
            [survey_id, team_id, source, day, import_id],
        )
        summaries.move_stamp_of_team(db, team_id, summaries.PRACTICES)
        db.conn.executemany(
            "INSERT INTO survey_answers (response_id, key, value) VALUES (?, ?, ?)",
            [(response_id, key, value) for key, value in answers.items()],
        )


_TEAM_RESPONSES = """
responses AS (
    SELECT r.id, r.team_id, r.source, r.survey_id FROM survey_responses r
    WHERE r.team_id IN (SELECT team_id FROM scope) AND (:team IS NULL OR r.team_id = :team)
)"""


_RESULTS = """,
    sizes AS (SELECT team_id, source, COUNT(*) AS responses FROM responses WHERE survey_id = :survey
              GROUP BY team_id, source)
    SELECT r.team_id, t.name AS team, r.source, a.key, z.responses, COUNT(*) AS answers, AVG(a.value) AS mean,
           COUNT(*) FILTER (WHERE a.value >= 9) AS promoters, COUNT(*) FILTER (WHERE a.value <= 6) AS detractors
    FROM responses r JOIN survey_answers a ON a.response_id = r.id JOIN teams t ON t.id = r.team_id
    JOIN sizes z ON z.team_id = r.team_id AND z.source = r.source
    WHERE r.survey_id = :survey GROUP BY r.team_id, t.name, r.source, a.key, z.responses ORDER BY t.name, a.key"""


def question_results(db: Database, scope: Scope, survey_id: int) -> list[QuestionResult]:
    """Per team, source and question: responses, answers, mean, promoters and detractors (0–10 questions)."""
    return scoped_rows(db, _TEAM_RESPONSES + _RESULTS, scope, survey=survey_id)


def own_team_results(db: Database, user_id: int, survey_id: int) -> list[QuestionResult]:
    """The same rows for a person's own team only, the team read from their account (an employee's view)."""
    return typed(
        db.query(
            """WITH responses AS (
        SELECT r.id, r.team_id, r.source, r.survey_id FROM survey_responses r
        WHERE r.team_id = (SELECT team_id FROM users WHERE id = :viewer))"""
            + _RESULTS,
            {"viewer": user_id, "survey": survey_id},
        )
    )


def surveys_stamp(db: Database) -> tuple:
    """Changes when a survey is started or closed: the waves' part of what reports keep (answers move their
    team's stamp)."""
    return tuple(db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0), MAX(closed_at) FROM surveys").fetchone())


def recommendation_over_time(db: Database, scope: Scope) -> list[Wave]:
    """Per survey (a wave), team and source: answers to the 0–10 question, promoters and detractors."""
    return scoped_rows(
        db,
        _TEAM_RESPONSES
        + """
        SELECT s.id AS survey_id, s.title, SUBSTR(s.created_at, 1, 10) AS wave, r.team_id, t.name AS team, r.source,
               COUNT(*) AS answers, COUNT(*) FILTER (WHERE a.value >= 9) AS promoters,
               COUNT(*) FILTER (WHERE a.value <= 6) AS detractors
        FROM responses r JOIN surveys s ON s.id = r.survey_id
        JOIN survey_questions q ON q.survey_id = r.survey_id AND q.scale = 'recommend'
        JOIN survey_answers a ON a.response_id = r.id AND a.key = q.key JOIN teams t ON t.id = r.team_id
        GROUP BY s.id, s.title, s.created_at, r.team_id, t.name, r.source ORDER BY s.id, t.name""",
        scope,
    )
