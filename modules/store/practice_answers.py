"""What practice and the "What would you say?" self-ratings tell a trainer, per question and situation.

`practice_stats` is kept in the transaction of each practice answer (one row per module, question and
situation asked: the primary key), so Question analysis reads a few rows whatever the history; `rebuild`
writes it again from every answer. `say_checks` holds the self-ratings given after the quiz.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from sqlite_utils import Database

from modules.store.rows import typed
from modules.store.transactions import retrying, write

if TYPE_CHECKING:
    from modules.store.recall import Review

CONFIDENCE = (1, 2, 3)  # how sure a learner is of their self-rating: not sure, fairly sure, sure
SURE = CONFIDENCE[-1]  # counted as "sure" in the figures

_COUNTS = """SELECT module_id, question_id, COALESCE(asked_id, question_id), COUNT(*), SUM(correct),
                    COALESCE(SUM(self_level), 0), COUNT(*) FILTER (WHERE confidence >= :sure)
             FROM recall_reviews {where} GROUP BY module_id, question_id, COALESCE(asked_id, question_id)"""


class SituationCount(TypedDict):
    question_id: str
    asked_id: str
    answers: int
    right_answers: int
    level_sum: int
    sure: int


class SelfRatings(TypedDict):
    question_id: str
    ratings: int
    level_sum: int
    sure: int
    reached: int  # ratings at the rubric's expected level or above


def count(db: Database, review: Review) -> None:
    """Inside the review's transaction: one more answer of its situation."""
    db.execute(
        """INSERT INTO practice_stats (module_id, question_id, asked_id, answers, right_answers, level_sum, sure)
           VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (module_id, question_id, asked_id) DO UPDATE SET
           answers = practice_stats.answers + 1, right_answers = practice_stats.right_answers + excluded.right_answers,
           level_sum = practice_stats.level_sum + excluded.level_sum, sure = practice_stats.sure + excluded.sure""",
        [
            review["module_id"],
            review["question_id"],
            review["asked_id"],
            review["correct"],
            review["self_level"] or 0,
            int((review["confidence"] or 0) >= SURE),
        ],
    )


def rebuild(db: Database) -> None:
    """Inside a write: every situation's counts again from every practice answer."""
    db.execute("DELETE FROM practice_stats")
    db.execute(
        "INSERT INTO practice_stats (module_id, question_id, asked_id, answers, right_answers, level_sum, sure) "
        + _COUNTS.format(where=""),
        {"sure": SURE},
    )


def situations(db: Database, module_id: str) -> list[SituationCount]:
    """The practice answers of one module per question and situation, from the kept counts."""
    return typed(
        db.query(
            """SELECT question_id, asked_id, answers, right_answers, level_sum, sure FROM practice_stats
               WHERE module_id = ? ORDER BY question_id, asked_id""",
            [module_id],
        )
    )


def situations_from_answers(db: Database, module_id: str) -> list[SituationCount]:
    """The same figures from every answer: what the kept counts are checked against."""
    rows = db.execute(_COUNTS.format(where="WHERE module_id = :module"), {"sure": SURE, "module": module_id})
    keys = ("question_id", "asked_id", "answers", "right_answers", "level_sum", "sure")
    found = [dict(zip(keys, row[1:], strict=True)) for row in rows.fetchall()]
    return typed(sorted(found, key=lambda r: (r["question_id"], r["asked_id"])))


def record_self_rating(db: Database, user_id: int, rating: dict[str, str | int]) -> None:
    """A self-rating given after the quiz: once a day per person and question (a second one that day replaces
    the first: the learner corrected themselves, nothing is counted twice)."""

    def attempt() -> None:
        with write(db):
            db.execute(
                """INSERT INTO say_checks (user_id, module_id, question_id, day, checked_at, level, confidence)
                   VALUES (:user, :module_id, :question_id, :day, :checked_at, :level, :confidence)
                   ON CONFLICT (user_id, module_id, question_id, day) DO UPDATE SET
                   checked_at = excluded.checked_at, level = excluded.level, confidence = excluded.confidence""",
                {"user": user_id, **rating},
            )

    retrying(attempt)


def own_rating(db: Database, user_id: int, module_id: str, question_id: str, day: str) -> tuple[int, int] | None:
    """A person's self-rating of one question on one day (level, confidence): what the form shows as saved."""
    row = db.execute(
        "SELECT level, confidence FROM say_checks WHERE user_id = ? AND module_id = ? AND question_id = ? AND day = ?",
        [user_id, module_id, question_id, day],
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else None


def self_ratings(db: Database, module_id: str, expected: int) -> list[SelfRatings]:
    """The self-ratings given after the quiz, per question: how many, their levels, how many sure."""
    return typed(
        db.query(
            """SELECT question_id, COUNT(*) AS ratings, SUM(level) AS level_sum,
                      COUNT(*) FILTER (WHERE confidence >= :sure) AS sure,
                      COUNT(*) FILTER (WHERE level >= :expected) AS reached
               FROM say_checks WHERE module_id = :module GROUP BY question_id ORDER BY question_id""",
            {"module": module_id, "sure": SURE, "expected": expected},
        )
    )
