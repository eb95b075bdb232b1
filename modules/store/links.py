"""Single-use links to set a password: an invitation for a new account, a reset when a password is forgotten.

Only the SHA-256 of a token is stored (the primary key: a token is once-only). A link is used by an UPDATE
that also checks it is unused and unexpired, in the same transaction as the new password, its audit row and
the end of every other session: two clicks at once set one password.
"""

from __future__ import annotations

from typing import TypedDict

from sqlite_utils import Database

from modules.store import dialect
from modules.store.clock import epoch
from modules.store.people import record_event
from modules.store.rows import first
from modules.store.transactions import write


class LinkHolder(TypedDict):
    user_id: int
    username: str
    name: str
    language: str | None
    purpose: str


def issue(
    db: Database, user_id: int, purpose: str, token_hash: str, at: str, expires_at: str, since: str, limit: int
) -> bool:
    """Store a new link for a person; False (nothing stored) when `limit` links of this purpose were made since
    `since` (a few reset requests a day at most). Writers for one person wait for each other."""
    with write(db):
        dialect.of(db).lock_key(db, "password_links", user_id)
        made = db.execute(
            "SELECT COUNT(*) FROM password_links WHERE user_id = ? AND purpose = ? AND created_at >= ?",
            [user_id, purpose, since],
        ).fetchone()[0]
        if made >= limit:
            return False
        db.execute(
            "INSERT INTO password_links (token_hash, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            [token_hash, user_id, purpose, at, expires_at],
        )
        record_event(db, None, "invitation sent" if purpose == "invitation" else "password reset asked", user_id, {})
    return True


def holder(db: Database, token_hash: str, at: str) -> LinkHolder | None:
    """Whose usable link this is (unused, unexpired, an active account), to greet them by name; None otherwise."""
    return first(
        db.query(
            """SELECT u.id AS user_id, u.username, u.name, u.language, l.purpose FROM password_links l
               JOIN users u ON u.id = l.user_id
               WHERE l.token_hash = ? AND l.used_at IS NULL AND l.expires_at > ? AND u.deactivated_at IS NULL""",
            [token_hash, at],
        )
    )


def redeem(db: Database, token_hash: str, password_hash: str, at: str) -> int | None:
    """Use a link once: set the password, end every session, lift a lockout, clear a forced change, record it;
    the person's id, or None when the link is unknown, used, expired or the account closed."""
    with write(db):
        used = db.execute(
            """UPDATE password_links SET used_at = :at WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :at
               AND user_id IN (SELECT id FROM users WHERE deactivated_at IS NULL) RETURNING user_id""",
            {"at": at, "hash": token_hash},
        ).fetchall()
        if not used:
            return None
        user_id = used[0][0]
        db.execute(
            "UPDATE users SET password_hash = ?, sessions_valid_from = ?, must_change_password = 0 WHERE id = ?",
            [password_hash, epoch(), user_id],
        )
        db.execute("DELETE FROM login_failures WHERE username = (SELECT username FROM users WHERE id = ?)", [user_id])
        record_event(db, user_id, "password set by link", user_id, {})
    return user_id
