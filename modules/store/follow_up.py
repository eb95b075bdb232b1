"""The manager's to-do, as the store sees it: who failed a module twice, who stopped practising, whose
self-rating waits for the manager's view, and the reminders sent now (one per person, topic and day).

Every query starts from the scope's people (a manager's teams); the late items come from `assignments.items`,
the one status rule.
"""

from __future__ import annotations

from typing import TypedDict

from sqlite_utils import Database

from modules.store.scope import Scope, manages_person, scoped_rows
from modules.store.transactions import retrying, write

PRACTICE = "practice"  # the topic of a reminder to practise; any other topic is a module id


class Failing(TypedDict):
    user_id: int
    name: str
    team: str
    module_id: str
    attempts: int
    best: float | None
    last_attempt_at: str


class Lapsed(TypedDict):
    user_id: int
    name: str
    team: str
    last_practice: str | None  # a day, or None: never practised


class SelfRated(TypedDict):
    user_id: int
    name: str
    team: str
    skill: str
    level: int
    created_at: str


def failing(db: Database, scope: Scope, tries: int) -> list[Failing]:
    """Who tried a module `tries` times or more and never passed it, most tries first."""
    return scoped_rows(
        db,
        """SELECT p.id AS user_id, p.name, p.team, ms.module_id, ms.attempts, ms.best, ms.last_attempt_at
           FROM people p CROSS JOIN module_standing ms
           WHERE ms.user_id = p.id AND ms.attempts >= :tries AND ms.first_passed_at IS NULL
             AND ms.module_id IN (SELECT module_id FROM mods)
           ORDER BY ms.attempts DESC, p.name, ms.module_id""",
        scope,
        tries=tries,
    )


def lapsed(db: Database, scope: Scope, passed_before: str, since_day: str) -> list[Lapsed]:
    """Who passed a module before `passed_before` (so has questions to practise) and has not practised since
    `since_day`: the ones who never practise first, then the longest silent."""
    return scoped_rows(
        db,
        """silent AS (
               SELECT p.id AS user_id, p.name, p.team,
                      (SELECT MAX(r.day) FROM recall_reviews r WHERE r.user_id = p.id) AS last_practice
               FROM people p
               WHERE EXISTS (SELECT 1 FROM module_standing ms WHERE ms.user_id = p.id
                               AND ms.first_passed_at < :passed AND ms.module_id IN (SELECT module_id FROM mods))
                 AND NOT EXISTS (SELECT 1 FROM recall_reviews r WHERE r.user_id = p.id AND r.day >= :since))
           SELECT * FROM silent ORDER BY CASE WHEN last_practice IS NULL THEN 0 ELSE 1 END, last_practice, name""",
        scope,
        passed=passed_before,
        since=since_day,
    )


def self_rated(db: Database, scope: Scope, since: str) -> list[SelfRated]:
    """Each person's latest self-rating of a skill since `since` that their manager has not answered with a
    rating of the same skill after it: a debriefing waiting."""
    return scoped_rows(
        db,
        """SELECT p.id AS user_id, p.name, p.team, s.skill, s.level, s.created_at
           FROM people p CROSS JOIN ratings s
           WHERE s.subject_id = p.id AND s.kind = 'self' AND s.created_at >= :since
             AND NOT EXISTS (SELECT 1 FROM ratings n WHERE n.subject_id = s.subject_id AND n.skill = s.skill
                               AND n.kind = 'self' AND n.created_at > s.created_at)
             AND NOT EXISTS (SELECT 1 FROM ratings m WHERE m.subject_id = s.subject_id AND m.skill = s.skill
                               AND m.kind = 'manager' AND m.created_at >= s.created_at)
           ORDER BY s.created_at, p.name""",
        scope,
        since=since,
    )


def nudged(db: Database, day: str, user_ids: list[int]) -> set[tuple[int, str]]:
    """(person, topic) reminded on `day`."""
    if not user_ids:
        return set()
    marks = ", ".join(f":u{n}" for n in range(len(user_ids)))
    rows = db.query(
        f"SELECT user_id, topic FROM nudges WHERE day = :day AND user_id IN ({marks})",
        {"day": day, **{f"u{n}": user_id for n, user_id in enumerate(user_ids)}},
    )
    return {(row["user_id"], row["topic"]) for row in rows}


def claim_nudge(db: Database, viewer_id: int, user_id: int, topic: str, day: str, at: str) -> bool | None:
    """Take the one reminder of `topic` to this person today: True when taken, False when someone sent it
    already (the primary key), None when the viewer does not manage this person (nothing written)."""

    def claim() -> bool | None:
        with write(db):
            mine = db.execute(f"SELECT 1 WHERE {manages_person(':user')}", {"user": user_id, "viewer": viewer_id})
            if not mine.fetchone():
                return None
            cursor = db.execute(
                """INSERT INTO nudges (user_id, topic, day, sent_by, sent_at) VALUES (:user, :topic, :day, :viewer, :at)
                   ON CONFLICT (user_id, topic, day) DO NOTHING""",
                {"user": user_id, "topic": topic, "day": day, "viewer": viewer_id, "at": at},
            )
            return cursor.rowcount == 1

    return retrying(claim)


def release_nudge(db: Database, user_id: int, topic: str, day: str) -> None:
    """Give the claim back when the mail could not go: the manager may try again."""
    with write(db):
        db.execute("DELETE FROM nudges WHERE user_id = ? AND topic = ? AND day = ?", [user_id, topic, day])
