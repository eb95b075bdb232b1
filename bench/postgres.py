"""PostgreSQL for the benchmarks: a throw-away server (Debian's binaries, as the tests start it) holding a
copy of a generated SQLite organisation, made by the product's own `copy-to-postgres`."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from modules.store import engine, moving
from tests import postgres_server


@contextmanager
def copied(source: Path) -> Iterator[str]:
    """A new server and database filled from `source`, its URL for the block, stopped and removed after."""
    server = postgres_server.start(Path(tempfile.mkdtemp(prefix="academy-bench-pg-")))
    try:
        url = server.new_database()
        started = time.perf_counter()
        rows = moving.copy_to_postgres(source, url)
        with engine.opened(url) as db:
            db.execute("ANALYZE")  # the statistics autovacuum would have gathered on a live install
        print(f"copied {sum(rows.values()):,} rows into PostgreSQL in {time.perf_counter() - started:.0f} s")
        yield url
    finally:
        server.stop()
