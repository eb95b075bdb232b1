"""When the install first saw each training module: a new module is too young to be called stalled.

One row per module (`module_releases`, primary key the module id); `record` keeps the first moment seen,
whoever writes second (ON CONFLICT DO NOTHING, on both engines).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from modules.store.transactions import write


def record(db: Database, module_ids: Iterable[str], at: str) -> None:
    """Note each module not seen before as first seen `at`; modules already known keep their date."""
    rows = [(module_id, at) for module_id in sorted(set(module_ids))]
    if not rows:
        return
    with write(db):
        db.conn.executemany(
            "INSERT INTO module_releases (module_id, first_seen_at) VALUES (?, ?) ON CONFLICT (module_id) DO NOTHING",
            rows,
        )


def record_from_history(db: Database) -> None:
    """Date each module people already used from its first attempt or read (an install that had modules
    before it kept this table, or the demo's simulated weeks)."""
    db.execute(
        """INSERT INTO module_releases (module_id, first_seen_at)
           SELECT module_id, MIN(seen) FROM (
               SELECT module_id, MIN(first_attempt_at) AS seen FROM module_standing GROUP BY module_id
               UNION ALL SELECT module_id, MIN(read_at) FROM section_reads GROUP BY module_id) used
           GROUP BY module_id
           ON CONFLICT (module_id) DO NOTHING"""
    )


def seen_since(db: Database, since: str) -> set[str]:
    """The modules first seen at or after `since`."""
    return {
        row["module_id"] for row in db.query("SELECT module_id FROM module_releases WHERE first_seen_at >= ?", [since])
    }
