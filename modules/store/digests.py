"""The weekly e-mail digests: who gets one, who turned them off, and which were sent (each once)."""

from __future__ import annotations

from typing import TypedDict

from sqlite_utils import Database

from modules.store.rows import typed
from modules.store.transactions import retrying, write


class Recipient(TypedDict):
    id: int
    name: str
    email: str
    role: str
    language: str | None
    team_id: int | None


def digest_recipients(db: Database) -> list[Recipient]:
    """Everyone with an e-mail address who has not turned the digest off."""
    return typed(
        db.query(
            "SELECT id, name, email, role, language, team_id FROM users"
            " WHERE email <> '' AND email_digest = 1 AND deactivated_at IS NULL ORDER BY id"
        )
    )


def recipient(db: Database, user_id: int) -> Recipient | None:
    """One person, if reminders may be e-mailed to them (an address, e-mails not turned off, still here)."""
    rows = typed(
        db.query(
            "SELECT id, name, email, role, language, team_id FROM users"
            " WHERE id = ? AND email <> '' AND email_digest = 1 AND deactivated_at IS NULL",
            [user_id],
        )
    )
    return rows[0] if rows else None


def claim_digest(db: Database, user_id: int, week: str, kind: str, at: str, stale_before: str) -> bool:
    """Take this week's digest of this kind for a person before sending it: False if it was sent, or is being
    sent by another process (a claim made since `stale_before`). A claim older than that was left by a sender
    that died mid-run: it is taken over, so the digest still goes. One row per person, week and kind (the
    primary key): two senders at the same instant cannot both claim."""

    def upsert() -> bool:
        with write(db):
            cursor = db.execute(
                """INSERT INTO digests_sent (user_id, week, kind, sent_at, done) VALUES (?, ?, ?, ?, 0)
                   ON CONFLICT (user_id, week, kind) DO UPDATE SET sent_at = excluded.sent_at
                   WHERE digests_sent.done = 0 AND digests_sent.sent_at < ?""",
                [user_id, week, kind, at, stale_before],
            )
        return cursor.rowcount == 1

    return retrying(upsert)


def confirm_digest(db: Database, user_id: int, week: str, kind: str, at: str) -> None:
    """The server took the digest: it is sent, for good."""
    with write(db):
        db.execute(
            "UPDATE digests_sent SET done = 1, sent_at = ? WHERE user_id = ? AND week = ? AND kind = ?",
            [at, user_id, week, kind],
        )


def release_digest(db: Database, user_id: int, week: str, kind: str) -> None:
    """Give a claim back when sending failed, so the next run tries again."""
    with write(db):
        db.execute(
            "DELETE FROM digests_sent WHERE user_id = ? AND week = ? AND kind = ? AND done = 0", [user_id, week, kind]
        )


def digests_sent(db: Database, week: str) -> list[dict]:
    """This week's digests sent or claimed (`done` 0 while a sender holds it)."""
    return typed(
        db.query("SELECT user_id, kind, sent_at, done FROM digests_sent WHERE week = ? ORDER BY user_id, kind", [week])
    )


def set_email_digest(db: Database, user_id: int, wanted: bool) -> None:
    with write(db):
        db.execute("UPDATE users SET email_digest = ? WHERE id = ?", [int(wanted), user_id])


def wants_email_digest(db: Database, user_id: int) -> bool:
    row = db.execute("SELECT email_digest FROM users WHERE id = ?", [user_id]).fetchone()
    return bool(row and row[0])


def claim_run(db: Database, job: str, slot: str, at: str) -> bool:
    """Take `job`'s run for `slot` (an hour): True for the one process of all those sharing the database that
    takes it first, False for every other (the primary key, job and slot, admits one row)."""

    def insert() -> bool:
        with write(db):
            cursor = db.execute(
                "INSERT INTO job_runs (job, slot, started_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [job, slot, at]
            )
        return cursor.rowcount == 1

    return retrying(insert)
