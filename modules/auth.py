"""Login glue: accounts from the store handed to streamlit-authenticator.

The store is the one source of users; the authenticator gets a fresh
credentials dict on every run because it mutates the one it is given.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

import streamlit_authenticator as stauth
from sqlite_utils import Database

from modules import settings, store

COOKIE_NAME = "service_academy_auth"
COOKIE_EXPIRY_DAYS = 7


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


def credentials(db: Database) -> dict[str, Any]:
    """The authenticator's credentials dict, built from the users table."""
    return {
        "usernames": {
            user["username"]: {
                "name": user["name"],
                "email": user["email"],
                "password": user["password_hash"],
                "roles": [user["role"]],
            }
            for user in store.users(db)
        }
    }


def authenticator(db: Database) -> stauth.Authenticate:
    """Create the one authenticator of this script run (hashes in, no auto-hash, no sleep)."""
    return stauth.Authenticate(
        credentials(db), COOKIE_NAME, cookie_key(), COOKIE_EXPIRY_DAYS,
        auto_hash=False, login_sleep_time=0,
    )
