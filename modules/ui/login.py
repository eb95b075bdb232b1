"""Sign-in glue: accounts from the store handed to streamlit-authenticator, failures counted back.

The store is the one source of users; the authenticator gets fresh
credentials on every run because it mutates what it is given.
"""

from __future__ import annotations

import math
import threading
import time

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from sqlite_utils import Database

from modules import store
from modules.accounts.cookie import cookie_key

COOKIE_NAME = "service_academy_auth"
COOKIE_EXPIRY_DAYS = 7
SINCE = "academy_session_began"  # when this session signed in (seconds since the epoch)
_run = threading.local()  # this script run's authenticator (Streamlit runs each session in its own thread)


def authenticator() -> stauth.Authenticate:
    """The one authenticator of this script run (hashes in, no auto-hash, no sleep).

    It only writes and deletes the sign-in cookie and draws the Log out
    button: the portal checks the cookie itself (`from_cookie`) and has its own
    sign-in form and lockout (`accounts.lockout`), so it is given no account.
    """
    built = stauth.Authenticate(
        {"usernames": {}}, COOKIE_NAME, cookie_key(), COOKIE_EXPIRY_DAYS, auto_hash=False, login_sleep_time=0
    )
    _run.built = built
    return built


def keep_this_session() -> None:
    """After a change that ends every session of the account (a new password): this one goes on, with a new
    cookie dated now, while the other browsers and devices are signed out."""
    st.session_state[SINCE] = time.time()
    built: stauth.Authenticate | None = getattr(_run, "built", None)
    if built is not None:
        built.cookie_controller.set_cookie()


def from_cookie(db: Database, token: object) -> tuple[store.accounts.Account, float] | None:
    """The account a sign-in cookie names and when it was written, if this install signed it, it has not
    expired, the account exists and its sessions were not ended since.

    Anything else (no HS256 signature of ours, `alg: none`, another algorithm,
    an expired or malformed date, an account deleted since, a session ended
    since by a sign-out or a new password) is no sign-in at all: the session
    starts signed out, with the sign-in form, and the cookie is deleted,
    instead of a traceback on every visit."""
    if not isinstance(token, str) or not token:
        return None
    try:
        claims = jwt.decode(token, cookie_key(), algorithms=["HS256"], options={"require": ["exp_date"]})
        expires, username = float(claims["exp_date"]), claims["username"]
    except (jwt.PyJWTError, KeyError, TypeError, ValueError):
        return None
    found = store.accounts.accounts(db, username) if isinstance(username, str) else []
    if (
        not is_current(expires, time.time())
        or not found
        or found[0]["deactivated_at"]
        or ended(found[0], issued(expires))
    ):
        return None
    return found[0], issued(expires)


def is_current(expires: float, now: float) -> bool:
    """A cookie's date is in force: later than now, and no later than a cookie written now would say (a date
    of 1e400, infinite, or years ahead was not written by this install's authenticator, signed or not)."""
    return math.isfinite(expires) and now < expires <= now + COOKIE_EXPIRY_DAYS * 86_400 + 60


def issued(expires: float) -> float:
    """When a cookie was written: the authenticator dates it COOKIE_EXPIRY_DAYS ahead."""
    return expires - COOKIE_EXPIRY_DAYS * 86_400


def ended(account: store.accounts.Account | store.accounts.User, since: float) -> bool:
    """Whether a session begun at `since` has been ended since (a sign-out or a new password)."""
    return account["sessions_valid_from"] is not None and since < account["sessions_valid_from"]


def start_session(built: stauth.Authenticate, account: store.accounts.Account) -> None:
    """Sign a checked account in, as the authenticator's own form would, and have its cookie written.

    No st.rerun() here: the cookie component writes the cookie, then its own
    report reruns the script (a rerun now would remove it first)."""
    resume(account, time.time())
    built.cookie_controller.set_cookie()


def resume(account: store.accounts.Account, since: float) -> None:
    """This session is the account's, signed in at `since` (now, or when its cookie was written)."""
    st.session_state.update(
        authentication_status=True,
        username=account["username"],
        name=account["name"],
        email=account["email"],
        roles=[account["role"]],
        **{SINCE: since},
    )


def forget(built: stauth.Authenticate) -> None:
    """Sign this session out and have the browser delete its cookie, whether or not it was signed in."""
    for key in ("authentication_status", "username", "name", "email", "roles", SINCE):
        st.session_state[key] = None
    built.cookie_controller.delete_cookie()
