"""What is new for a person (the bell), read from where it happened: a module assigned to them (or to their
team), a manager's recognition, their story reviewed, their suggestion answered. Stored: when they last
opened the bell, the kinds they want e-mailed, and each e-mail claimed once (see `m032_notifications`)."""

from __future__ import annotations

from typing import TypedDict

from sqlite_utils import Database

from modules.store.rows import typed
from modules.store.scope import member
from modules.store.transactions import retrying, write

ASSIGNMENT, RECOGNITION, STORY, SUGGESTION = "assignment", "recognition", "story", "suggestion"
KINDS = (ASSIGNMENT, RECOGNITION, STORY, SUGGESTION)


class Event(TypedDict):
    kind: str
    ref: int  # the assignment's, rating's, story's or suggestion's id
    subject: str  # a module id, a skill, a title
    detail: str  # the manager who recognised; a story's or suggestion's status
    happened_at: str


_EVENTS = f"""
    SELECT 'assignment' AS kind, a.id AS ref, a.module_id AS subject, '' AS detail, a.assigned_at AS happened_at
    FROM assignments a JOIN users u ON u.id = :me
    WHERE (a.assigned_at >= :since OR u.joined_day >= :since_day) AND a.withdrawn_at IS NULL AND a.assigned_by <> u.id
      AND (a.user_id = u.id OR (a.user_id IS NULL AND a.team_id = u.team_id AND {member("u")}))
    UNION ALL
    SELECT 'recognition', r.id, r.skill, m.name, r.created_at FROM ratings r JOIN users m ON m.id = r.rater_id
    WHERE r.subject_id = :me AND r.kind = 'manager' AND r.recognition = 1 AND r.created_at >= :since
    UNION ALL
    SELECT 'story', s.id, s.title, s.status, s.reviewed_at FROM stories s
    WHERE s.author_id = :me AND s.status <> 'waiting' AND s.reviewed_at >= :since
    UNION ALL
    SELECT 'suggestion', s.id, s.title, s.status, s.updated_at FROM suggestions s
    WHERE s.author_id = :me AND s.answered_by IS NOT NULL AND s.updated_at >= :since"""


def events(db: Database, user_id: int, since: str, since_day: int, limit: int) -> list[Event]:
    """What happened for this person since `since` (day number `since_day`), newest first. A newcomer who
    joined since then also finds the assignments that were waiting for their team: news to them."""
    return typed(
        db.query(
            f"SELECT * FROM ({_EVENTS}) e ORDER BY happened_at DESC, kind, ref DESC LIMIT :limit",
            {"me": user_id, "since": since, "since_day": since_day, "limit": limit},
        )
    )


def seen_at(db: Database, user_id: int) -> str | None:
    row = db.execute("SELECT seen_at FROM bell_seen WHERE user_id = ?", [user_id]).fetchone()
    return row[0] if row else None


def mark_seen(db: Database, user_id: int, at: str) -> None:
    with write(db):
        db.execute(
            "INSERT INTO bell_seen (user_id, seen_at) VALUES (?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET seen_at = excluded.seen_at",
            [user_id, at],
        )


def choices(db: Database, user_id: int) -> dict[str, str]:
    """The kinds this person wants e-mailed, and since when."""
    return {
        row["kind"]: row["since"]
        for row in db.query("SELECT kind, since FROM notification_choices WHERE user_id = ?", [user_id])
    }


def choose(db: Database, user_id: int, kind: str, wanted: bool, at: str) -> None:
    """Start (from `at`: nothing earlier is mailed) or stop e-mails of one kind."""
    with write(db):
        if wanted:
            db.execute(
                "INSERT INTO notification_choices (user_id, kind, since) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id, kind) DO NOTHING",
                [user_id, kind, at],
            )
        else:
            db.execute("DELETE FROM notification_choices WHERE user_id = ? AND kind = ?", [user_id, kind])


class Subscriber(TypedDict):
    id: int
    name: str
    email: str
    role: str
    language: str | None
    team_id: int | None


def subscribers(db: Database) -> list[Subscriber]:
    """Who chose any e-mail, with an address and an open account."""
    return typed(
        db.query(
            """SELECT u.id, u.name, u.email, u.role, u.language, u.team_id FROM users u
               WHERE u.email <> '' AND u.deactivated_at IS NULL
                 AND EXISTS (SELECT 1 FROM notification_choices c WHERE c.user_id = u.id) ORDER BY u.id"""
        )
    )


def mailed(db: Database, user_id: int) -> set[tuple[str, int]]:
    return {
        (row["kind"], row["ref"])
        for row in db.query("SELECT kind, ref FROM notifications_mailed WHERE user_id = ?", [user_id])
    }


def claim_mail(db: Database, user_id: int, kind: str, ref: int, at: str) -> bool:
    """Take the one e-mail of this event to this person: True for the first to ask (the primary key)."""

    def claim() -> bool:
        with write(db):
            cursor = db.execute(
                "INSERT INTO notifications_mailed (user_id, kind, ref, claimed_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (user_id, kind, ref) DO NOTHING",
                [user_id, kind, ref, at],
            )
            return cursor.rowcount == 1

    return retrying(claim)


def confirm_mail(db: Database, user_id: int, kind: str, ref: int, at: str) -> None:
    with write(db):
        db.execute(
            "UPDATE notifications_mailed SET sent_at = ? WHERE user_id = ? AND kind = ? AND ref = ?",
            [at, user_id, kind, ref],
        )


def release_mail(db: Database, user_id: int, kind: str, ref: int) -> None:
    """The server refused it: the next run tries again."""
    with write(db):
        db.execute(
            "DELETE FROM notifications_mailed WHERE user_id = ? AND kind = ? AND ref = ? AND sent_at IS NULL",
            [user_id, kind, ref],
        )
