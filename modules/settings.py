"""Where the portal keeps things, read from the environment at call time.

Read on every call, not at import, so tests and the scale generator can point
one process at another database or content folder.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ROOT = Path(__file__).resolve().parents[1]


def database() -> str:
    """`ACADEMY_DB`: a SQLite file (default data/academy.db beside the app) or a postgresql:// URL."""
    return os.environ.get("ACADEMY_DB") or str(ROOT / "data" / "academy.db")


def uses_postgres() -> bool:
    return database().startswith(("postgresql://", "postgres://"))


def db_path() -> Path:
    """The SQLite file, when the database is one."""
    return Path(database())


def content_folder() -> Path:
    """`ACADEMY_CONTENT`, else the shipped content/ folder."""
    return Path(os.environ.get("ACADEMY_CONTENT") or ROOT / "content")


def time_zone() -> ZoneInfo:
    """`ACADEMY_TIME_ZONE` (an IANA name such as Europe/Paris, default UTC): where "today" is for the whole
    install, the day a practice counts for, a due date, a survey answer's day. A name that is no zone stops
    the start with a clear message rather than putting every day in the wrong place."""
    name = os.environ.get("ACADEMY_TIME_ZONE", "").strip() or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"ACADEMY_TIME_ZONE={name!r} is not a time zone name (try Europe/Paris or UTC)") from error


def base_url() -> str | None:
    """`ACADEMY_BASE_URL`: the portal's address as people reach it (https://academy.example.com), for links in
    e-mails; unset, the address the browser used for the page that sends them."""
    return os.environ.get("ACADEMY_BASE_URL", "").strip().rstrip("/") or None


def demo_enabled() -> bool:
    """A new database gets the demo organisation only when asked for, `ACADEMY_DEMO=1` (as `make run` does):
    an install whose database was lost must never come back with the demo's published passwords."""
    return os.environ.get("ACADEMY_DEMO", "0").strip().lower() in ("1", "true", "yes", "on")


def secret_file() -> Path:
    """The cookie key lives beside a SQLite database, so each install has its own (data/ for PostgreSQL)."""
    return (ROOT / "data" if uses_postgres() else db_path().parent) / "cookie.key"


def secrets_toml() -> Path:
    """Streamlit's secrets file, never committed: `ACADEMY_SECRETS`, else .streamlit/secrets.toml."""
    return Path(os.environ.get("ACADEMY_SECRETS") or ROOT / ".streamlit" / "secrets.toml")


def secret(name: str) -> str | None:
    """A secret from the environment (`ACADEMY_<NAME>`), else from the secrets file, else None.

    Every replica of a deployment reads the same value this way, instead of
    each one making its own file on first start."""
    value = os.environ.get(f"ACADEMY_{name.upper()}", "").strip()
    if value:
        return value
    path = secrets_toml()
    if path.is_file():
        with path.open("rb") as handle:
            found = tomllib.load(handle).get(name)
        if isinstance(found, str) and found.strip():
            return found.strip()
    return None
