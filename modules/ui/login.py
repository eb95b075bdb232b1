"""Sign-in glue: accounts from the store handed to streamlit-authenticator, failures counted back.

The store is the one source of users; the authenticator gets fresh
credentials on every run because it mutates what it is given.
"""

from __future__ import annotations

import time
from typing import Any

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from sqlite_utils import Database

from modules import store
from modules.accounts.cookie import cookie_key

COOKIE_NAME = "service_academy_auth"
COOKIE_EXPIRY_DAYS = 7
SINCE = "academy_session_began"  # when this session signed in (seconds since the epoch)


class Accounts(dict):
    """The authenticator's accounts, read from the store one at a time, when it asks for one.

    The authenticator only ever looks accounts up by name (the cookie's, or
    the one typed in the sign-in form), so a new session costs one query
    instead of loading every account (10,000 at a large retailer) on each run.
    """

    def __init__(self, db: Database):
        super().__init__()
        self._db = db

    def _load(self, username: object) -> bool:
        if not isinstance(username, str):
            return False
        if dict.__contains__(self, username):
            return True
        rows = store.accounts(self._db, username)
        if not rows or rows[0]["username"] != username:
            return False
        account = rows[0]
        dict.__setitem__(
            self,
            username,
            {
                "name": account["name"],
                "email": account["email"],
                "password": account["password_hash"],
                "roles": [account["role"]],
            },
        )
        return True

    def __contains__(self, username: object) -> bool:
        return self._load(username)

    def __getitem__(self, username: str) -> dict[str, Any]:
        self._load(username)
        return dict.__getitem__(self, username)

    def get(self, username: str, default: Any = None) -> Any:
        return dict.__getitem__(self, username) if self._load(username) else default


def authenticator(db: Database) -> stauth.Authenticate:
    """The one authenticator of this script run (hashes in, no auto-hash, no sleep).

    It re-authenticates a session from its cookie and writes or deletes the
    cookie; the sign-in form and its lockout are the portal's own
    (`accounts.lockout`). It is built on no account (its constructor copies
    whatever it is given), then reads them one at a time from `Accounts`.
    """
    credentials: dict[str, Any] = {"usernames": {}}
    built = stauth.Authenticate(
        credentials, COOKIE_NAME, cookie_key(), COOKIE_EXPIRY_DAYS, auto_hash=False, login_sleep_time=0
    )
    credentials["usernames"] = Accounts(db)  # the same dict object the authenticator keeps
    return built


def cookie_username(db: Database, token: object) -> str | None:
    """The account a sign-in cookie names, if it is one this install signed, unexpired, for an account that exists.

    Anything else (no HS256 signature of ours, `alg: none`, another algorithm,
    an expired or malformed date, an account deleted since, a session ended
    since by a sign-out or a new password) is no sign-in at all: the session starts signed out, with the sign-in form, and the cookie
    is deleted, instead of a traceback on every visit."""
    if not isinstance(token, str) or not token:
        return None
    try:
        claims = jwt.decode(token, cookie_key(), algorithms=["HS256"], options={"require": ["exp_date"]})
        expires, username = float(claims["exp_date"]), claims["username"]
    except (jwt.PyJWTError, KeyError, TypeError, ValueError):
        return None
    found = store.accounts(db, username) if isinstance(username, str) else []
    if expires <= time.time() or not found or ended(found[0], issued(expires)):
        return None
    return username


def issued(expires: float) -> float:
    """When a cookie was written: the authenticator dates it COOKIE_EXPIRY_DAYS ahead."""
    return expires - COOKIE_EXPIRY_DAYS * 86_400


def ended(account: store.Account | store.User, since: float) -> bool:
    """Whether a session begun at `since` has been ended since (a sign-out or a new password)."""
    return account["sessions_valid_from"] is not None and since < account["sessions_valid_from"]


def session_began(cookie: object) -> float:
    """When this session began: its cookie's date when it came back with one, else now (a form sign-in)."""
    try:
        return issued(float(jwt.decode(str(cookie), options={"verify_signature": False})["exp_date"]))
    except (jwt.PyJWTError, KeyError, TypeError, ValueError):
        return time.time()


def start_session(built: stauth.Authenticate, account: store.Account) -> None:
    """Sign a checked account in, as the authenticator's own form would, and have its cookie written.

    No st.rerun() here: the cookie component writes the cookie, then its own
    report reruns the script (a rerun now would remove it first)."""
    st.session_state.update(
        authentication_status=True,
        username=account["username"],
        name=account["name"],
        email=account["email"],
        roles=[account["role"]],
        **{SINCE: time.time()},
    )
    built.cookie_controller.set_cookie()


def forget(built: stauth.Authenticate) -> None:
    """Sign this session out and have the browser delete its cookie, whether or not it was signed in."""
    for key in ("authentication_status", "username", "name", "email", "roles", SINCE):
        st.session_state[key] = None
    built.cookie_controller.delete_cookie()
