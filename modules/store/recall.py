"""Daily practice: each learner's scheduling card per question, and the log of every practice answer.

A card holds FSRS's memory state of one question for one learner (stability,
difficulty, when it is due). A review is written once per learner, question
and day, in the same transaction as the card it moves, so a double click or a
second tab never counts an answer twice. Dates are computed in Python.
"""

from __future__ import annotations

from typing import TypedDict

from sqlite_utils import Database

from modules.store.scope import Scope, scoped_rows
from modules.store.transactions import inserted_id, retrying, write


class Card(TypedDict):
    module_id: str
    question_id: str
    version: str
    state: int
    stability: float | None
    difficulty: float | None
    due: str
    last_review: str | None


class Review(TypedDict):
    module_id: str
    question_id: str
    day: str
    reviewed_at: str
    rating: int
    correct: int
    elapsed_days: float | None
    retrievability: float | None
    interval_days: float


class ScopedCard(TypedDict):
    user_id: int
    name: str
    team_id: int
    team: str
    module_id: str
    question_id: str
    stability: float | None
    due: str
    last_review: str | None


class ScopedReview(TypedDict):
    user_id: int
    team_id: int
    module_id: str
    question_id: str
    day: str
    correct: int
    elapsed_days: float | None


class TeamSize(TypedDict):
    team_id: int
    team: str
    people: int


def cards_of(db: Database, user_id: int) -> dict[tuple[str, str], Card]:
    """A learner's cards by (module id, question id)."""
    rows = db.query(
        """SELECT module_id, question_id, version, state, stability, difficulty, due, last_review
           FROM recall_cards WHERE user_id = ?""",
        [user_id],
    )
    return {(r["module_id"], r["question_id"]): r for r in rows}  # type: ignore[misc]


def review_days(db: Database, user_id: int, since: str) -> list[str]:
    """The days (YYYY-MM-DD) on which the learner practised, from `since`, newest first."""
    return [
        r["day"]
        for r in db.query(
            "SELECT DISTINCT day FROM recall_reviews WHERE user_id = ? AND day >= ? ORDER BY day DESC", [user_id, since]
        )
    ]


def reviews_on(db: Database, user_id: int, day: str) -> list[Review]:
    """What the learner answered in practice on one day, in order."""
    return list(
        db.query(
            """SELECT module_id, question_id, day, reviewed_at, rating, correct, elapsed_days, retrievability,
                      interval_days FROM recall_reviews WHERE user_id = ? AND day = ? ORDER BY id""",
            [user_id, day],
        )
    )  # type: ignore[arg-type]


def record_review(db: Database, user_id: int, card: Card, review: Review) -> bool:
    """Write one practice answer and the card it moves, once: False (nothing written) when this question was
    already answered that day (a double click, a second tab)."""

    def attempt() -> bool:
        with write(db):
            created = inserted_id(
                db,
                """INSERT INTO recall_reviews (user_id, module_id, question_id, day, reviewed_at, rating, correct,
                                               elapsed_days, retrievability, interval_days)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id""",
                [
                    user_id,
                    review["module_id"],
                    review["question_id"],
                    review["day"],
                    review["reviewed_at"],
                    review["rating"],
                    review["correct"],
                    review["elapsed_days"],
                    review["retrievability"],
                    review["interval_days"],
                ],
            )
            if created is None:
                return False
            db.execute(
                """INSERT INTO recall_cards (user_id, module_id, question_id, version, state, stability, difficulty,
                                             due, last_review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (user_id, module_id, question_id) DO UPDATE SET version = excluded.version,
                       state = excluded.state, stability = excluded.stability, difficulty = excluded.difficulty,
                       due = excluded.due, last_review = excluded.last_review""",
                [
                    user_id,
                    card["module_id"],
                    card["question_id"],
                    card["version"],
                    card["state"],
                    card["stability"],
                    card["difficulty"],
                    card["due"],
                    card["last_review"],
                ],
            )
            return True

    return retrying(attempt)


def scoped_cards(db: Database, scope: Scope) -> list[ScopedCard]:
    """The cards of everyone the viewer may see (the scope's people), for recall figures."""
    return scoped_rows(
        db,
        """SELECT p.id AS user_id, p.name, p.team_id, p.team, c.module_id, c.question_id, c.stability, c.due,
                  c.last_review
           FROM people p JOIN recall_cards c ON c.user_id = p.id
           WHERE c.module_id IN (SELECT module_id FROM mods)
           ORDER BY p.team, p.name""",
        scope,
    )


def scoped_reviews(db: Database, scope: Scope, since: str) -> list[ScopedReview]:
    """Practice answers of everyone the viewer may see, from `since`."""
    return scoped_rows(
        db,
        """SELECT p.id AS user_id, p.team_id, r.module_id, r.question_id, r.day, r.correct, r.elapsed_days
           FROM people p JOIN recall_reviews r ON r.user_id = p.id
           WHERE r.day >= :since AND r.module_id IN (SELECT module_id FROM mods)""",
        scope,
        since=since,
    )


def scoped_team_sizes(db: Database, scope: Scope) -> list[TeamSize]:
    """How many people each team in scope has (the denominator of weekly participation)."""
    return scoped_rows(
        db, "SELECT team_id, team, COUNT(*) AS people FROM people GROUP BY team_id, team ORDER BY team", scope
    )


def question_reviews(db: Database, module_id: str) -> list[Review]:
    """Every practice answer to one module's questions, for question analysis (anonymous figures)."""
    return list(
        db.query(
            """SELECT module_id, question_id, day, reviewed_at, rating, correct, elapsed_days, retrievability,
                      interval_days FROM recall_reviews WHERE module_id = ?""",
            [module_id],
        )
    )  # type: ignore[arg-type]


def first_passes(db: Database, user_id: int) -> dict[str, str]:
    """When the learner first passed each quiz module: practice starts the day after."""
    return {
        r["module_id"]: r["first"]
        for r in db.query(
            "SELECT module_id, MIN(submitted_at) AS first FROM attempts WHERE user_id = ? AND passed = 1"
            " GROUP BY module_id",
            [user_id],
        )
    }


def recall_stamp(db: Database) -> tuple:
    """Changes with every practice answer and every new account: the recall reports' cache key."""
    return tuple(
        db.execute(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM recall_reviews), (SELECT COALESCE(MAX(id), 0) FROM users)"
        ).fetchone()
    )
