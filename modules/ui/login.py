"""Sign-in glue: accounts from the store handed to streamlit-authenticator, failures counted back.

The store is the one source of users; the authenticator gets a fresh
credentials dict on every run because it mutates the one it is given.
"""

from __future__ import annotations

from typing import Any

import streamlit_authenticator as stauth
from sqlite_utils import Database

from modules import store
from modules.accounts import lockout
from modules.accounts.cookie import cookie_key

COOKIE_NAME = "service_academy_auth"
COOKIE_EXPIRY_DAYS = 7


def credentials(db: Database, signed_in: str | None = None) -> dict[str, Any]:
    """The authenticator's credentials dict, built from the users table, with stored failure counts.

    A signed-in session needs only its own account (the authenticator rebuilds
    the whole dict on every run: 38 ms at 10,000 users); the sign-in page needs
    everyone. The authenticator refuses an account whose count reached
    `max_login_attempts`, and counts new failures in this very dict.
    """
    failures = store.login_failures(db)
    return {
        "usernames": {
            user["username"]: {
                "name": user["name"],
                "email": user["email"],
                "password": user["password_hash"],
                "roles": [user["role"]],
                "failed_login_attempts": lockout.counted(failures.get(user["username"])),
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
        lockout.clear(db, signed_in)
    changed = [(name, count) for name, count in failure_counts(creds).items() if count != before.get(name, 0)]
    return any([lockout.record(db, name, count) for name, count in changed])


def authenticator(creds: dict[str, Any]) -> stauth.Authenticate:
    """Create the one authenticator of this script run (hashes in, no auto-hash, no sleep)."""
    return stauth.Authenticate(
        creds, COOKIE_NAME, cookie_key(), COOKIE_EXPIRY_DAYS, auto_hash=False, login_sleep_time=0
    )
