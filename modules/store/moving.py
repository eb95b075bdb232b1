"""Moving an install from its SQLite file to PostgreSQL, when one machine is no longer enough.

The PostgreSQL database is created by the same migrations, then every table
is copied in the order of its foreign keys with PostgreSQL's COPY, and the
id sequences are moved past the copied ids so new rows do not collide.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from modules.store import engine
from modules.store.postgres import PgDatabase
from modules.store.schema import TABLES


def copy_to_postgres(source: Path, url: str) -> dict[str, int]:
    """Copy every row of a SQLite install into a new, empty PostgreSQL database; rows copied per table."""
    target = engine.connect(url)
    if not isinstance(target, PgDatabase):
        raise ValueError(f"{url} is not a PostgreSQL database")
    try:
        if not engine.is_empty(target):
            raise ValueError("the PostgreSQL database already has accounts; give an empty one")
        copied = {}
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as sqlite, target.atomic():
            for table in TABLES:  # parents before children
                columns = [row[1] for row in sqlite.execute(f"PRAGMA table_info({table})")]
                names = ", ".join(columns)
                with target.conn.raw.cursor() as cursor:
                    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        for row in sqlite.execute(f"SELECT {names} FROM {table}"):
                            copy.write_row(row)
                    copied[table] = cursor.rowcount
                if "id" in columns:
                    target.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"GREATEST((SELECT MAX(id) FROM {table}), 1))"
                    )
        return copied
    finally:
        target.close()
