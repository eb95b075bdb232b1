"""Opening the database: a SQLite file through sqlite-utils, or PostgreSQL through a pool of psycopg connections.

`ACADEMY_DB` chooses: a file path (the default, data/academy.db) or a
`postgresql://user@host/db` URL. Either way callers open a handle for a unit
of work (a script run, a command, a test) and close it at its end; `opened`
does both. sqlite3 handles may not cross threads and Streamlit runs each
session in its own thread, so a handle is never shared between runs.
"""

from __future__ import annotations

import math
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from sqlite_utils import Database

from modules import settings
from modules.store import schema
from modules.store.dialect import is_postgres_url
from modules.store.postgres import PgDatabase

BUSY_TIMEOUT_MS = 10_000


def connect(target: str | Path | None = None, *, migrate: bool = True) -> Database:
    """Open the database `target` (default `ACADEMY_DB`), migrated to the current schema."""
    target = str(target or settings.database())
    if is_postgres_url(target):
        db = cast(Database, PgDatabase(target))  # the same handle methods as sqlite-utils' (the one cast for it)
        if migrate:
            schema.upgrade(db, target)
        return db
    return _sqlite(Path(target), migrate)


def _sqlite(path: Path, migrate: bool) -> Database:
    """A SQLite file (its folder created), with foreign keys on and a busy timeout.

    sqlite3's own `timeout` is SQLite's busy timeout; WAL is a property of the
    file, set once by the migration step, so a handle costs two PRAGMAs.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():  # owner-only, like the cookie key: it holds every account's password hash
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    try:
        conn.execute("SELECT pow(2, 2)")
    except sqlite3.OperationalError:  # a SQLite built without its math functions
        conn.create_function("pow", 2, math.pow, deterministic=True)
    db = Database(conn, execute_plugins=False)  # no sqlite-utils plugin here: the hook cost a page run 2 ms
    if migrate:
        schema.upgrade(db, str(path.resolve()))
    return db


@contextmanager
def opened(target: str | Path | None = None) -> Iterator[Database]:
    """A handle for one unit of work, closed when it ends, whatever happens inside."""
    db = connect(target)
    try:
        yield db
    finally:
        db.close()


def is_empty(db: Database) -> bool:
    """A database with no account yet: the first start seeds it."""
    return db.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 0


def count(db: Database, table: str) -> int:
    """Row count of one of our tables (for checks and the admin summary)."""
    if table not in schema.TABLES:
        raise ValueError(f"unknown table {table!r}")
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
