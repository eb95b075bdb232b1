"""Login glue: accounts from the store handed to streamlit-authenticator.

The store is the one source of users; the authenticator gets a fresh
credentials dict on every run because it mutates the one it is given.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import streamlit_authenticator as stauth
from sqlite_utils import Database

from modules import settings, store
from modules.i18n import N_

COOKIE_NAME = "service_academy_auth"
COOKIE_EXPIRY_DAYS = 7
MAX_FAILURES = 5
LOCK_MINUTES = 15
LOCKED_TEMPLATE = N_("This account is locked for {minutes} minutes after {failures} wrong passwords. "
                     "Try again later, or ask an administrator to unlock it.")
LOCKED_MESSAGE = LOCKED_TEMPLATE.format(minutes=LOCK_MINUTES, failures=MAX_FAILURES)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _failures(row: dict[str, Any] | None, now: datetime) -> int:
    """The count the authenticator should see: a lock that has ended counts as no failure."""
    if row is None:
        return 0
    if row["locked_until"]:
        return MAX_FAILURES if datetime.fromisoformat(row["locked_until"]) > now else 0
    return row["failures"]


def cookie_key(path: Path | None = None) -> str:
    """The install's own cookie-signing key, created on first start, owner-only.

    Written to a temporary file then linked into place, so two processes
    starting at once agree on one key and never read a half-written file.
    """
    path = Path(path or settings.secret_file())
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".cookie-")
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, secrets.token_urlsafe(48).encode())
            os.close(fd)
            os.link(temp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temp)
    return path.read_text().strip()


def credentials(db: Database, signed_in: str | None = None) -> dict[str, Any]:
    """The authenticator's credentials dict, built from the users table, with stored failure counts.

    A signed-in session needs only its own account (the authenticator rebuilds
    the whole dict on every run: 38 ms at 10,000 users); the sign-in page needs
    everyone. The authenticator refuses an account whose count reached
    `max_login_attempts`, and counts new failures in this very dict.
    """
    now, failures = _utc_now(), store.login_failures(db)
    return {
        "usernames": {
            user["username"]: {
                "name": user["name"],
                "email": user["email"],
                "password": user["password_hash"],
                "roles": [user["role"]],
                "failed_login_attempts": _failures(failures.get(user["username"]), now),
            }
            for user in store.accounts(db, signed_in)
        }
    }


def failure_counts(creds: dict[str, Any]) -> dict[str, int]:
    return {name: entry.get("failed_login_attempts", 0) for name, entry in creds["usernames"].items()}


def remember_failures(db: Database, creds: dict[str, Any], before: dict[str, int], signed_in: str | None) -> bool:
    """Store the counts a login attempt changed; True if it has just locked an account.

    A successful sign-in clears that account's record, an ended lock included.
    """
    if signed_in:
        store.save_login_failures(db, signed_in, 0, None)
    locked = False
    for username, count in failure_counts(creds).items():
        if count == before.get(username, 0):
            continue
        until = None
        if count >= MAX_FAILURES:
            until, locked = (_utc_now() + timedelta(minutes=LOCK_MINUTES)).isoformat(sep=" ", timespec="seconds"), True
        store.save_login_failures(db, username, count, until)
    return locked


def authenticator(creds: dict[str, Any]) -> stauth.Authenticate:
    """Create the one authenticator of this script run (hashes in, no auto-hash, no sleep)."""
    return stauth.Authenticate(creds, COOKIE_NAME, cookie_key(), COOKIE_EXPIRY_DAYS, auto_hash=False, login_sleep_time=0)
