"""Wrong passwords: how many lock an account, for how long, counted in the database.

Counted in the store, not the browser session, so a new session cannot reset
a count; a lock that has ended counts as no failure at all.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from modules import store
from modules.i18n import N_

MAX_FAILURES = 5
LOCK_MINUTES = 15
LOCKED_TEMPLATE = N_(
    "This account is locked for {minutes} minutes after {failures} wrong passwords. "
    "Try again later, or ask an administrator to unlock it."
)


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def counted(row: store.LoginFailures | None, now: datetime | None = None) -> int:
    """The failures that still count for an account: all while locked, none once the lock has ended."""
    if row is None:
        return 0
    if row["locked_until"]:
        return MAX_FAILURES if datetime.fromisoformat(row["locked_until"]) > (now or _utc_now()) else 0
    return row["failures"]


def record(db: Database, username: str, failures: int) -> bool:
    """Store an account's new count; True when it reaches the limit and locks the account now."""
    locks = failures >= MAX_FAILURES
    until = (_utc_now() + timedelta(minutes=LOCK_MINUTES)).isoformat(sep=" ", timespec="seconds") if locks else None
    store.save_login_failures(db, username, failures, until)
    return locks


def clear(db: Database, username: str) -> None:
    """A successful sign-in or an administrator's unlock forgets the account's failures."""
    store.save_login_failures(db, username, 0, None)
