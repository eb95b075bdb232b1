"""The PostgreSQL engine: the store's SQL text run through psycopg 3, from a pool shared by the process.

The store speaks to a handle the way sqlite-utils lets it speak to SQLite
(`execute`, `query`, `conn.executemany`, `atomic`, `close`); this module gives
a PostgreSQL connection the same handle. Parameters are written `:name` or
`?` in the store and bound on the client (psycopg's ClientCursor), so a NULL
or a number needs no type annotation in the SQL.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import ClientCursor
from psycopg.pq import TransactionStatus
from psycopg.rows import dict_row
from psycopg.types.numeric import FloatLoader
from psycopg_pool import ConnectionPool

from modules.store.dialect import POSTGRES

POOL_SIZE = 8
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_pools: dict[str, ConnectionPool] = {}
_pools_lock = threading.Lock()


def pyformat(sql: str) -> str:
    """`:name` and `?` (the store's style, SQLite's) as psycopg's `%(name)s` and `%s`."""
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%")).replace("?", "%s")


def _configure(conn: psycopg.Connection) -> None:
    """Autocommit like sqlite3 between writes (`write` opens each transaction); numbers as floats."""
    conn.autocommit = True
    conn.adapters.register_loader("numeric", FloatLoader)


def pool(url: str) -> ConnectionPool:
    """One pool per database and process: every Streamlit session thread borrows from it."""
    with _pools_lock:
        if url not in _pools:
            _pools[url] = ConnectionPool(
                url,
                min_size=1,
                max_size=POOL_SIZE,
                kwargs={"cursor_factory": ClientCursor},
                configure=_configure,
                open=True,
                name="academy",
            )
        return _pools[url]


def close_pool(url: str) -> None:
    """Close one database's pool (before the database is dropped or copied)."""
    with _pools_lock:
        found = _pools.pop(url, None)
    if found is not None:
        found.close()


def close_pools() -> None:
    for url in list(_pools):
        close_pool(url)


class _Conn:
    """The part of a DB-API connection the store uses beside the handle itself."""

    def __init__(self, raw: psycopg.Connection):
        self.raw = raw

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: Any = None) -> psycopg.Cursor:
        return self.raw.execute(sql if params is None else pyformat(sql), params)

    def executemany(self, sql: str, rows: Any) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(pyformat(sql), list(rows))


class PgDatabase:
    """A pooled PostgreSQL connection with the handle methods the store calls."""

    dialect = POSTGRES

    def __init__(self, url: str):
        self.url = url
        self._pool = pool(url)
        self._conn: _Conn | None = _Conn(self._pool.getconn())

    @property
    def conn(self) -> _Conn:
        """The pooled connection, while this handle is open."""
        if self._conn is None:
            raise RuntimeError("this database handle is closed")
        return self._conn

    def execute(self, sql: str, params: Any = None) -> psycopg.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Any = None) -> Iterator[dict[str, Any]]:
        with self.conn.raw.cursor(row_factory=dict_row) as cursor:
            cursor.execute(sql if params is None else pyformat(sql), params)
            yield from cursor.fetchall()

    @contextmanager
    def atomic(self) -> Iterator[PgDatabase]:
        """One transaction, or a savepoint inside an open one (psycopg nests them)."""
        with self.conn.raw.transaction():
            yield self

    def close(self) -> None:
        """Give the connection back to the pool, rolled back if a transaction was left open."""
        if self._conn is None:
            return
        raw, self._conn = self._conn.raw, None
        if raw.info.transaction_status != TransactionStatus.IDLE:
            raw.rollback()
        self._pool.putconn(raw)
