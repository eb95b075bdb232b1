"""Question statistics for the trainer's analysis: per question, the sums behind facility and correlation, and
how often each option was chosen.

They are kept as attempts are written (`record`, in the attempt's transaction: sums only add), for every
attempt and for first attempts, so the page reads a few rows per question instead of every answer ever
given (5.3 s for a module at 100,000 people). `rebuild` writes them again from the answers, with the same
aggregates the tests compare them to (`question_sums_from_answers`, `option_counts_from_answers`). One row
per module, question, option and first-only flag (the primary keys): a duplicate is impossible.
"""

from __future__ import annotations

from typing import TypedDict

from sqlite_utils import Database

from modules.store import dialect
from modules.store.rows import typed

_ATTEMPTS = """
chosen_attempts AS (
    SELECT id FROM attempts WHERE module_id = :module AND (:first_only = 0 OR attempt_no = 1)
),
totals AS (
    SELECT x.attempt_id, SUM(x.credit) AS total
    FROM answers x WHERE x.attempt_id IN (SELECT id FROM chosen_attempts) GROUP BY x.attempt_id
)"""


class QuestionSums(TypedDict):
    """Per question: n and the sums for facility and the credit / rest-of-quiz correlation."""

    question_id: str
    n: int
    sx: float
    sxx: float
    sy: float
    syy: float
    sxy: float


class OptionCount(TypedDict):
    question_id: str
    option: int
    chosen: int


def question_sums(db: Database, module_id: str, first_only: bool) -> list[QuestionSums]:
    """Per question: n and the sums needed for facility and the credit / rest-of-quiz correlation."""
    return typed(
        db.query(
            "SELECT question_id, n, sx, sxx, sy, syy, sxy FROM question_stats"
            " WHERE module_id = :module AND first_only = :first_only ORDER BY question_id",
            {"module": module_id, "first_only": int(first_only)},
        )
    )


def option_counts(db: Database, module_id: str, first_only: bool) -> list[OptionCount]:
    """How often each option (file-order index) was chosen, per question."""
    return typed(
        db.query(
            "SELECT question_id, option, chosen FROM option_stats"
            " WHERE module_id = :module AND first_only = :first_only ORDER BY question_id, option",
            {"module": module_id, "first_only": int(first_only)},
        )
    )


def record(db: Database, module_id: str, attempt_no: int, answers: list[tuple[str, list[int], float]]) -> None:
    """Inside the attempt's transaction: add its answers to the sums (of every attempt; of first ones too)."""
    total = sum(credit for _question, _chosen, credit in answers)
    for first_only in (0, 1) if attempt_no == 1 else (0,):
        for question_id, chosen, credit in answers:
            rest = total - credit
            db.execute(
                """INSERT INTO question_stats (module_id, question_id, first_only, n, sx, sxx, sy, syy, sxy)
                   VALUES (:module, :question, :first, 1, :x, :x * :x, :y, :y * :y, :x * :y)
                   ON CONFLICT (module_id, question_id, first_only) DO UPDATE SET
                   n = question_stats.n + 1, sx = question_stats.sx + excluded.sx,
                   sxx = question_stats.sxx + excluded.sxx, sy = question_stats.sy + excluded.sy,
                   syy = question_stats.syy + excluded.syy, sxy = question_stats.sxy + excluded.sxy""",
                {"module": module_id, "question": question_id, "first": first_only, "x": credit, "y": rest},
            )
            for option in chosen:
                db.execute(
                    """INSERT INTO option_stats (module_id, question_id, option, first_only, chosen)
                       VALUES (?, ?, ?, ?, 1)
                       ON CONFLICT (module_id, question_id, option, first_only) DO UPDATE SET
                       chosen = option_stats.chosen + 1""",
                    [module_id, question_id, option, first_only],
                )


def rebuild(db: Database) -> None:
    """Inside a write: every sum again from the answers, module by module."""
    db.execute("DELETE FROM question_stats")
    db.execute("DELETE FROM option_stats")
    modules = [row[0] for row in db.execute("SELECT DISTINCT module_id FROM attempts").fetchall()]
    for module_id in modules:
        for first_only in (False, True):
            for sums in question_sums_from_answers(db, module_id, first_only):
                db.execute(
                    """INSERT INTO question_stats (module_id, question_id, first_only, n, sx, sxx, sy, syy, sxy)
                       VALUES (:module, :question_id, :first, :n, :sx, :sxx, :sy, :syy, :sxy)""",
                    {**sums, "module": module_id, "first": int(first_only)},
                )
            for count in option_counts_from_answers(db, module_id, first_only):
                db.execute(
                    "INSERT INTO option_stats (module_id, question_id, option, first_only, chosen) VALUES (?, ?, ?, ?, ?)",
                    [module_id, count["question_id"], count["option"], int(first_only), count["chosen"]],
                )


def question_sums_from_answers(db: Database, module_id: str, first_only: bool) -> list[QuestionSums]:
    """`question_sums` computed from every answer: how the sums are rebuilt, and what the tests compare."""
    return typed(
        db.query(
            f"""WITH {_ATTEMPTS}
        SELECT x.question_id, COUNT(*) AS n, SUM(x.credit) AS sx, SUM(x.credit * x.credit) AS sxx,
               SUM(t.total - x.credit) AS sy, SUM((t.total - x.credit) * (t.total - x.credit)) AS syy,
               SUM(x.credit * (t.total - x.credit)) AS sxy
        FROM answers x JOIN totals t ON t.attempt_id = x.attempt_id
        GROUP BY x.question_id ORDER BY x.question_id""",
            {"module": module_id, "first_only": int(first_only)},
        )
    )


def option_counts_from_answers(db: Database, module_id: str, first_only: bool) -> list[OptionCount]:
    """`option_counts` computed from every answer."""
    return typed(
        db.query(
            f"""WITH {_ATTEMPTS}
        SELECT x.question_id, CAST(j.value AS INTEGER) AS option, COUNT(*) AS chosen
        FROM answers x CROSS JOIN {dialect.of(db).items("x.chosen", "j")}
        WHERE x.attempt_id IN (SELECT id FROM chosen_attempts)
        GROUP BY x.question_id, option ORDER BY x.question_id, option""",
            {"module": module_id, "first_only": int(first_only)},
        )
    )
