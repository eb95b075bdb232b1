"""Daily practice: each learner's scheduling card per question, and the log of every practice answer.

A card holds FSRS's memory state of one question for one learner (stability,
difficulty, when it is due). A review is written once per learner, question
and day, in the same transaction as the card it moves, so a double click or a
second tab never counts an answer twice. Dates are computed in Python.
"""

from __future__ import annotations

import math
from typing import NamedTuple, TypedDict

from sqlite_utils import Database

from modules.store import dialect, practice_answers, summaries
from modules.store.clock import FAR_FUTURE
from modules.store.learning import PASSES
from modules.store.rows import typed
from modules.store.scope import LEARNER, MEMBERS, Scope, scoped_rows, values_list
from modules.store.transactions import inserted_id, retrying, write


class Curve(NamedTuple):
    """FSRS's forgetting-curve constants, from the scheduler the learning code uses."""

    factor: float
    decay: float


class Card(TypedDict):
    module_id: str
    question_id: str
    version: str
    state: int
    stability: float | None
    difficulty: float | None
    due: str
    last_review: str | None
    last_review_day: int | None  # days since 1970-01-01: whole-day ages in portable SQL
    last_asked: str | None  # the situation (question or variant id) the last review asked


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
    asked_id: str  # the situation asked: the question itself or one of its variants
    self_level: int | None  # a "What would you say?": the rubric level the learner gave their words
    confidence: int | None  # and how sure they were of it


class TeamSize(TypedDict):
    team_id: int
    team: str
    people: int


def cards_of(db: Database, user_id: int) -> dict[tuple[str, str], Card]:
    """A learner's cards by (module id, question id)."""
    rows: list[Card] = typed(
        db.query(
            """SELECT module_id, question_id, version, state, stability, difficulty, due, last_review, last_review_day,
                      last_asked FROM recall_cards WHERE user_id = ?""",
            [user_id],
        )
    )
    return {(r["module_id"], r["question_id"]): r for r in rows}


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
    return typed(
        db.query(
            """SELECT module_id, question_id, day, reviewed_at, rating, correct, elapsed_days, retrievability,
                      interval_days, COALESCE(asked_id, question_id) AS asked_id, self_level, confidence
               FROM recall_reviews WHERE user_id = ? AND day = ? ORDER BY id""",
            [user_id, day],
        )
    )


def record_review(db: Database, user_id: int, card: Card, review: Review) -> bool:
    """Write one practice answer and the card it moves, once: False (nothing written) when this question was
    already answered that day (a double click, a second tab)."""

    def attempt() -> bool:
        with write(db):
            created = inserted_id(
                db,
                """INSERT INTO recall_reviews (user_id, module_id, question_id, day, reviewed_at, rating, correct,
                                               elapsed_days, retrievability, interval_days, asked_id, self_level,
                                               confidence)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id""",
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
                    review["asked_id"],
                    review["self_level"],
                    review["confidence"],
                ],
            )
            if created is None:
                return False
            summaries.move_team_stamp(db, user_id, summaries.RECALL)
            _count_review(db, review["module_id"], review["question_id"], review["elapsed_days"], review["correct"])
            practice_answers.count(db, review)
            db.execute(
                """INSERT INTO recall_cards (user_id, module_id, question_id, version, state, stability, difficulty,
                                             due, last_review, last_review_day, last_asked)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (user_id, module_id, question_id) DO UPDATE SET version = excluded.version,
                       state = excluded.state, stability = excluded.stability, difficulty = excluded.difficulty,
                       due = excluded.due, last_review = excluded.last_review,
                       last_review_day = excluded.last_review_day, last_asked = excluded.last_asked""",
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
                    card["last_review_day"],
                    card["last_asked"],
                ],
            )
            return True

    return retrying(attempt)


class PersonModuleFigures(TypedDict):
    """One person's cards of one module: the sum of their predicted recall (and how many have one), due, overdue."""

    user_id: int | None  # None in rows per team
    name: str | None
    team_id: int
    team: str
    module_id: str
    recall_sum: float | None
    recalled: int
    questions: int
    due: int
    overdue: int


class Practiser(TypedDict):
    user_id: int
    team_id: int


class RetentionPoint(TypedDict):
    bucket: int
    right_share: float
    answers: int


# Queries start from the scope's people (CROSS JOIN keeps that order in SQLite): a manager's fifty people,
# then their rows by index, rather than every review of the modules.


def _recall(db: Database) -> str:
    """FSRS's forgetting curve in SQL, R = (1 + factor * days / stability) ^ -decay, on whole days."""
    return dialect.of(db).power("1 + :factor * (:today - c.last_review_day) / c.stability", "-:decay")


def scoped_recall(
    db: Database, scope: Scope, curve: Curve, today: int, start: str, end: str, by_person: bool = True
) -> list[PersonModuleFigures]:
    """Per person (or, for a whole organisation, per team) and module: FSRS's predicted recall summed over the
    cards, cards, due today (`start` ≤ due < `end`) and overdue; totals are summed from these in Python."""
    recall = f"CASE WHEN c.stability > 0 AND c.last_review_day IS NOT NULL THEN {_recall(db)} END"
    who = "p.id AS user_id, p.name," if by_person else "NULL AS user_id, NULL AS name,"
    group = "p.id, p.name, p.team_id, p.team" if by_person else "p.team_id, p.team"
    order = "p.team, p.name" if by_person else "p.team"
    return scoped_rows(
        db,
        f"""SELECT {who} p.team_id, p.team, c.module_id, SUM({recall}) AS recall_sum,
                   COUNT({recall}) AS recalled, COUNT(*) AS questions,
                   COUNT(*) FILTER (WHERE c.due >= :start AND c.due < :end) AS due,
                   COUNT(*) FILTER (WHERE c.due < :start) AS overdue
            FROM people p CROSS JOIN recall_cards c
            WHERE c.user_id = p.id AND c.module_id IN (SELECT module_id FROM mods)
            GROUP BY {group}, c.module_id ORDER BY {order}""",
        scope,
        **curve._asdict(),
        today=today,
        start=start,
        end=end,
    )


class SkillUpkeep(TypedDict):
    skill: str
    passed: int  # people in view who passed one of the skill's modules before today
    unpractised: int  # of them, with no practice card of those modules yet
    overdue: int  # of them, with a question of those modules overdue


def scoped_skill_upkeep(
    db: Database, scope: Scope, skills: list[tuple[str, str]], start: str, per_team: bool = False
) -> list[SkillUpkeep]:
    """Per skill (`skills`: module id, skill), how many people who passed one of its modules keep it up: the
    ones who never practise it, or let it fall overdue, are the manager's to follow up. Counted in people,
    not questions: an average recall over the questions practised says nothing of those who never practise.
    `per_team` counts each team apart (rows with `team_id`): a person is in one team, so teams add up."""
    team = "p.team_id, " if per_team else ""
    values = ", ".join(f"(:km{n}, :ks{n})" for n in range(len(skills)))
    params = {f"km{n}": module for n, (module, _) in enumerate(skills)}
    params |= {f"ks{n}": skill for n, (_, skill) in enumerate(skills)}
    return scoped_rows(
        db,
        f"""skill_of(module_id, skill) AS ({values_list(values, ("TEXT", "TEXT"))}),
            kept AS (
                SELECT {team}k.skill, p.id AS user_id, COUNT(c.question_id) AS cards,
                       COUNT(c.question_id) FILTER (WHERE c.due < :start) AS overdue
                FROM people p CROSS JOIN module_standing ms
                JOIN skill_of k ON k.module_id = ms.module_id
                LEFT JOIN recall_cards c ON c.user_id = p.id AND c.module_id = ms.module_id
                WHERE ms.user_id = p.id AND ms.first_passed_at < :start
                  AND ms.module_id IN (SELECT module_id FROM mods)
                GROUP BY {team}k.skill, p.id)
            SELECT {team.replace("p.", "")}skill, COUNT(*) AS passed, COUNT(*) FILTER (WHERE cards = 0) AS unpractised,
                   COUNT(*) FILTER (WHERE overdue > 0) AS overdue
            FROM kept GROUP BY {team.replace("p.", "")}skill ORDER BY skill""",
        scope,
        start=start,
        **params,
    )


def scoped_practisers(db: Database, scope: Scope, since: str) -> list[Practiser]:
    """Who in scope answered the daily practice since `since` (a day)."""
    return scoped_rows(
        db,
        """SELECT p.id AS user_id, p.team_id FROM people p  -- one index probe a person: found once is enough
           WHERE EXISTS (SELECT 1 FROM recall_reviews r WHERE r.user_id = p.id AND r.day >= :since)""",
        scope,
        since=since,
    )


def _bounds(bounds: list[tuple[float, float]]) -> dict[str, float]:
    return {f"low{n}": low for n, (low, _) in enumerate(bounds)} | {
        f"high{n}": high for n, (_, high) in enumerate(bounds)
    }


def _band_columns(bounds: list[tuple[float, float]]) -> str:
    """Per band of days since last seen (reviews as `r`): answers and right ones, as filtered counts. One pass:
    a GROUP BY over a CASE costs twice as much at scale."""
    bands = [f"r.elapsed_days >= :low{n} AND r.elapsed_days < :high{n}" for n in range(len(bounds))]
    return ", ".join(
        f"COUNT(*) FILTER (WHERE {band}) AS answers{n}, SUM(r.correct) FILTER (WHERE {band}) AS right{n}"
        for n, band in enumerate(bands)
    )


def retention_points(row: dict, bounds: list[tuple[float, float]]) -> list[RetentionPoint]:
    """The bands of one row of `_band_columns` (or of such rows added up) that have answers."""
    return [
        {"bucket": n, "right_share": (row[f"right{n}"] or 0) / row[f"answers{n}"], "answers": row[f"answers{n}"]}
        for n in range(len(bounds))
        if row[f"answers{n}"]
    ]


def scoped_retention(db: Database, scope: Scope, since: str, bounds: list[tuple[float, float]]) -> list[RetentionPoint]:
    """Practice answers since `since`, and how many were right, per band of days since the question was last
    seen."""
    return retention_points(team_retention(db, scope, since, bounds, per_team=False)[0], bounds)


def team_retention(
    db: Database, scope: Scope, since: str, bounds: list[tuple[float, float]], per_team: bool = True
) -> list[dict]:
    """The counts behind `scoped_retention`, per team (`team_id`, `answers<n>`, `right<n>`): they add up."""
    team = ("p.team_id, ", " GROUP BY p.team_id") if per_team else ("", "")
    return scoped_rows(
        db,
        f"""SELECT {team[0]}{_band_columns(bounds)} FROM people p CROSS JOIN recall_reviews r
            WHERE r.user_id = p.id AND r.day >= :since AND r.module_id IN (SELECT module_id FROM mods){team[1]}""",
        scope,
        since=since,
        **_bounds(bounds),
    )


def scoped_team_sizes(db: Database, scope: Scope) -> list[TeamSize]:
    """How many people each team in scope has (the denominator of weekly participation)."""
    return scoped_rows(
        db, "SELECT team_id, team, COUNT(*) AS people FROM people GROUP BY team_id, team ORDER BY team", scope
    )


class QuestionRetention(TypedDict):
    question_id: str
    answers: int  # every practice answer to the question
    points: list[RetentionPoint]


# A review's time since last seen, in whole half-days (floor for the non-negative; SQLite's CAST truncates,
# PostgreSQL's rounds, so the CASE brings both to the floor): the retention bounds are multiples of half a day.
HALF_DAYS = """CASE WHEN CAST({col} * 2 AS INTEGER) > {col} * 2 THEN CAST({col} * 2 AS INTEGER) - 1
                    ELSE CAST({col} * 2 AS INTEGER) END"""


def _half_days(elapsed: float) -> int:
    return math.floor(elapsed * 2)


def _half_day_bands(bounds: list[tuple[float, float]]) -> str:
    """`_band_columns` over `recall_day_stats` (answers and right ones per half-day since last seen)."""
    bands = [f"s.half_days >= :low{n} * 2 AND s.half_days < :high{n} * 2" for n in range(len(bounds))]
    return ", ".join(
        f"COALESCE(SUM(s.answers) FILTER (WHERE {band}), 0) AS answers{n}, SUM(s.right_answers) FILTER (WHERE {band})"
        f" AS right{n}"
        for n, band in enumerate(bands)
    )


def question_retention(db: Database, module_id: str, bounds: list[tuple[float, float]]) -> list[QuestionRetention]:
    """Per question of a module: its practice answers, and per band of days since last seen, how many were right.
    Read from `recall_day_stats`, kept as answers are written (a module's answers at 100,000 people took 2.5 s
    to count); `question_retention_from_reviews` is the same from every answer."""
    rows = db.query(
        f"""SELECT s.question_id, SUM(s.answers) AS answers, {_half_day_bands(bounds)}
            FROM recall_day_stats s WHERE s.module_id = :module GROUP BY s.question_id ORDER BY s.question_id""",
        {"module": module_id, **_bounds(bounds)},
    )
    return [
        {"question_id": r["question_id"], "answers": r["answers"], "points": retention_points(r, bounds)} for r in rows
    ]


def question_retention_from_reviews(
    db: Database, module_id: str, bounds: list[tuple[float, float]]
) -> list[QuestionRetention]:
    rows = db.query(
        f"""SELECT r.question_id, COUNT(*) AS answers, {_band_columns(bounds)}
            FROM recall_reviews r WHERE r.module_id = :module GROUP BY r.question_id ORDER BY r.question_id""",
        {"module": module_id, **_bounds(bounds)},
    )
    return [
        {"question_id": r["question_id"], "answers": r["answers"], "points": retention_points(r, bounds)} for r in rows
    ]


def _count_review(db: Database, module_id: str, question_id: str, elapsed: float | None, correct: int) -> None:
    """Inside the review's transaction: one more answer (and right one) at its half-day since last seen (-1: a
    first sight, in no band). One row per module, question and half-day (the primary key)."""
    db.execute(
        """INSERT INTO recall_day_stats (module_id, question_id, half_days, answers, right_answers)
           VALUES (?, ?, ?, 1, ?) ON CONFLICT (module_id, question_id, half_days) DO UPDATE SET
           answers = recall_day_stats.answers + 1, right_answers = recall_day_stats.right_answers + excluded.right_answers""",
        [module_id, question_id, -1 if elapsed is None else _half_days(elapsed), correct],
    )


def rebuild_day_stats(db: Database) -> None:
    """Inside a write: the practice answers' counts again from every answer."""
    db.execute("DELETE FROM recall_day_stats")
    db.execute(
        f"""INSERT INTO recall_day_stats (module_id, question_id, half_days, answers, right_answers)
            SELECT module_id, question_id, half_days, COUNT(*), SUM(correct) FROM (
                SELECT module_id, question_id, correct,
                       CASE WHEN elapsed_days IS NULL THEN -1 ELSE {HALF_DAYS.format(col="elapsed_days")} END AS half_days
                FROM recall_reviews) r
            GROUP BY module_id, question_id, half_days"""
    )


def first_passes(db: Database, user_id: int, scope: Scope) -> dict[str, str]:
    """When the learner first passed each module of `scope`, as PASSES defines passing: practice starts the
    day after."""
    return {
        r["module_id"]: r["first_passed_at"]
        for r in db.query(
            f"WITH {LEARNER},\n{scope.modules_sql()},\n{PASSES}\nSELECT module_id, first_passed_at FROM passes",
            scope.params(learner=user_id, until=FAR_FUTURE),
        )
    }


def add_practice_history(db: Database, cards: list[tuple], reviews: list[tuple]) -> None:
    """Many cards and reviews at once, in the tables' column order (the demo's simulated weeks of practice)."""
    with write(db):
        db.conn.executemany(
            "INSERT INTO recall_cards (user_id, module_id, question_id, version, state, stability, difficulty, due,"
            " last_review, last_review_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            cards,
        )
        db.conn.executemany(
            "INSERT INTO recall_reviews (user_id, module_id, question_id, day, reviewed_at, rating, correct,"
            " elapsed_days, retrievability, interval_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            reviews,
        )
        rebuild_day_stats(db)  # many at once: counted again in one statement
        practice_answers.rebuild(db)


def members_first_passes(db: Database, scope: Scope) -> dict[int, dict[str, str]]:
    """When every team member first passed each module of `scope` (PASSES), by person: the demo's simulated
    practice starts the day after, as a learner's does."""
    passes: dict[int, dict[str, str]] = {}
    for row in db.query(
        f"WITH {MEMBERS},\n{scope.modules_sql()},\n{PASSES}\nSELECT user_id, module_id, first_passed_at FROM passes",
        scope.params(until=FAR_FUTURE),
    ):
        passes.setdefault(row["user_id"], {})[row["module_id"]] = row["first_passed_at"]
    return passes


def recall_stamp(db: Database) -> tuple:
    """Changes with every practice answer and every new account: the recall reports' cache key."""
    return tuple(
        db.execute(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM recall_reviews), (SELECT COALESCE(MAX(id), 0) FROM users)"
        ).fetchone()
    )
