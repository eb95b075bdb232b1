"""Write transactions that take the lock at once, and retries when the database is busy."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlite_utils import Database

from modules.store import dialect
from modules.store.clock import timestamp

WRITE_RETRIES = 8
T = TypeVar("T")


@contextmanager
def write(db: Database) -> Iterator[Database]:
    """One write transaction that takes the write lock at its start (SQLite; PostgreSQL locks rows as it goes).

    A deferred SQLite transaction that reads first can fail at once with
    SQLITE_BUSY when it upgrades to writing; BEGIN IMMEDIATE waits (busy timeout) instead.
    Inside an open transaction (the demo seed) it nests as a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute(dialect.of(db).begin_write)
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def retrying(action: Callable[[], T], attempts: int = WRITE_RETRIES) -> T:
    """Run a write again, with growing random pauses, when SQLite reports contention."""
    pause = 0.05
    for attempt in range(attempts):
        try:
            return action()
        except dialect.WRITE_ERRORS as error:
            if not dialect.is_contention(error) or attempt == attempts - 1:
                raise
            time.sleep(pause * (1 + random.random()))
            pause = min(pause * 2, 2.0)
    raise AssertionError("unreachable")


def inserted_id(db: Database, sql: str, params: Any) -> int | None:
    """Run an `INSERT … RETURNING id` and read it whole (an unread row would keep the statement open
    and block the COMMIT); None when ON CONFLICT DO NOTHING skipped the row."""
    rows = db.execute(sql, params).fetchall()
    return rows[0][0] if rows else None


def created_id(db: Database, sql: str, params: Any) -> int:
    """An `INSERT … RETURNING id` that always inserts (no ON CONFLICT): its new id."""
    created = inserted_id(db, sql, params)
    if created is None:
        raise RuntimeError("the INSERT returned no id")
    return created


REPEAT_SECONDS = 60


def repeated(db: Database, table: str, values: dict[str, Any], at: str) -> int | None:
    """The id of the same row saved in the minute before `at`, if any.

    A double click or a second tab sends a form twice with the same content;
    saving it once, and answering the second with the first, is what the
    person meant. Called inside the write transaction, after a lock on the
    table and the row's first value (its author): two at once wait for each
    other and the second sees the first, on PostgreSQL as on SQLite."""
    dialect.of(db).lock_key(db, table, int(next(iter(values.values()))))
    since = timestamp(datetime.fromisoformat(at).replace(tzinfo=UTC) - timedelta(seconds=REPEAT_SECONDS))
    same = " AND ".join(f"{column} = ?" for column in values)
    row = db.execute(
        f"SELECT id FROM {table} WHERE {same} AND created_at >= ? ORDER BY id DESC LIMIT 1", [*values.values(), since]
    ).fetchone()
    return row[0] if row else None
