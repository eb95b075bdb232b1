"""Question statistics for the trainer's analysis: sums computed in SQL, per question."""

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
            f"""WITH {_ATTEMPTS}
        SELECT x.question_id, COUNT(*) AS n, SUM(x.credit) AS sx, SUM(x.credit * x.credit) AS sxx,
               SUM(t.total - x.credit) AS sy, SUM((t.total - x.credit) * (t.total - x.credit)) AS syy,
               SUM(x.credit * (t.total - x.credit)) AS sxy
        FROM answers x JOIN totals t ON t.attempt_id = x.attempt_id
        GROUP BY x.question_id""",
            {"module": module_id, "first_only": int(first_only)},
        )
    )


def option_counts(db: Database, module_id: str, first_only: bool) -> list[OptionCount]:
    """How often each option (file-order index) was chosen, per question."""
    return typed(
        db.query(
            f"""WITH {_ATTEMPTS}
        SELECT x.question_id, CAST(j.value AS INTEGER) AS option, COUNT(*) AS chosen
        FROM answers x CROSS JOIN {dialect.of(db).items("x.chosen", "j")}
        WHERE x.attempt_id IN (SELECT id FROM chosen_attempts)
        GROUP BY x.question_id, option""",
            {"module": module_id, "first_only": int(first_only)},
        )
    )
