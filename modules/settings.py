"""Where the portal keeps things, read from the environment at call time.

Read on every call, not at import, so tests and the scale generator can point
one process at another database or content folder.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def db_path() -> Path:
    """`ACADEMY_DB`, else data/academy.db beside the app."""
    return Path(os.environ.get("ACADEMY_DB") or ROOT / "data" / "academy.db")


def content_folder() -> Path:
    """`ACADEMY_CONTENT`, else the shipped content/ folder."""
    return Path(os.environ.get("ACADEMY_CONTENT") or ROOT / "content")


def demo_enabled() -> bool:
    """A new database gets the demo organisation unless `ACADEMY_DEMO=0`."""
    return os.environ.get("ACADEMY_DEMO", "1").strip().lower() not in ("0", "false", "no", "off")


def secret_file() -> Path:
    """The cookie key lives beside the database, so each install has its own."""
    return db_path().parent / "cookie.key"
