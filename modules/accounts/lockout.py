"""Signing in, and wrong passwords: how many lock an account, for how long, counted in the database.

Counted in the store, not the browser session, so a new session cannot reset
a count; each attempt is counted before its password is checked, in one
statement, so attempts made at the same instant cannot slip past the limit;
a lock that has ended counts as no failure at all. A name that is no account
costs the same work (a bcrypt check) and gets the same answers, locks
included, so sign-in tells nobody which accounts exist.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from enum import Enum
from functools import lru_cache

from sqlite_utils import Database

from modules import store
from modules.accounts import passwords
from modules.i18n import N_
from modules.store import clock

MAX_FAILURES = 5
LOCK_MINUTES = 15
LOCKED_TEMPLATE = N_(
    "This account is locked for {minutes} minutes after {failures} wrong passwords. "
    "Try again later, or ask an administrator to unlock it."
)


def _utc_now() -> datetime:
    return clock.current().replace(tzinfo=None)


def clear(db: Database, username: str) -> None:
    """A successful sign-in or an administrator's unlock forgets the account's failures."""
    store.accounts.save_login_failures(db, username, 0, None)


class Outcome(Enum):
    SIGNED_IN = "signed in"
    WRONG = "wrong"
    LOCKED = "locked"
    DEACTIVATED = "deactivated"


@lru_cache(maxsize=1)
def _stand_in_hash() -> str:
    """A hash to check a password against when the name is no account: the same work as a real check."""
    return passwords.hash_password(secrets.token_urlsafe(16))


def _stamp(moment: datetime) -> str:
    return moment.isoformat(sep=" ", timespec="seconds")


def sign_in(db: Database, username: str, password: str) -> tuple[Outcome, store.accounts.Account | None]:
    """Count the attempt, then check the password unless the account is locked; the account when signed in."""
    now = _utc_now()
    name = username.strip().lower()
    count = store.accounts.count_sign_in(db, name, _stamp(now))
    if count["locked_until"] or count["failures"] > MAX_FAILURES:
        return Outcome.LOCKED, None
    found = store.accounts.accounts(db, name) if name else []
    account = found[0] if found else None
    stored = account["password_hash"] if account else _stand_in_hash()
    checked = passwords.check_password(password.strip(), stored)
    if passwords.is_cheap(stored):  # a temporary password's quick hash: add a person's cost, so timing tells nothing
        passwords.check_password(password.strip(), _stand_in_hash())
    if checked and account and account["deactivated_at"]:
        return Outcome.DEACTIVATED, None  # only someone who knows the password learns the account is closed
    if checked and account:
        clear(db, name)
        if passwords.is_cheap(stored):  # signed in once: the password is kept under a person's cost from now on
            store.accounts.rehash_password(db, account["id"], stored, passwords.hash_password(password.strip()))
        return Outcome.SIGNED_IN, account
    subject = account["id"] if account else None
    if count["failures"] >= MAX_FAILURES:
        store.accounts.lock(db, name, _stamp(now + timedelta(minutes=LOCK_MINUTES)))
        store.people.record(db, None, "locked out", subject, username=name)
        return Outcome.LOCKED, None
    store.people.record(db, None, "sign-in failed", subject, username=name)
    return Outcome.WRONG, None
