"""Summaries kept as the data is written, so a report's cost follows what it shows, not the history.

`module_standing` holds one row per person and module they attempted: attempts, best score, first and last
attempt, their first try (attempt 1) and its result, first and last pass. The attempt that changes a row
refreshes it in the same transaction (`refresh`); `rebuild` (`python -m modules.store rebuild-summaries`)
writes every row again from the attempts. Both use `FROM_ATTEMPTS`, the one aggregate of what the row
means, and the tests compare every report computed from the table with the same report computed from
that aggregate. A duplicate is impossible: the primary key is the person and the module.

`data_stamps` holds a version per kind of data that has no cheap stamp of its own (sections read: a
count of the table scanned it whole on every page run), moved in the transaction of each write.
"""

from __future__ import annotations

from sqlite_utils import Database

from modules.store.transactions import write

COLUMNS = (
    "user_id, module_id, attempts, best, first_attempt_at, last_attempt_at, first_try_at, first_try_passed,"
    " first_passed_at, last_passed_at"
)

# One row per person and module attempted, as the attempts say: what `module_standing` keeps.
FROM_ATTEMPTS = """
    SELECT a.user_id, a.module_id, COUNT(*) AS attempts, MAX(a.percent) AS best,
           MIN(a.submitted_at) AS first_attempt_at, MAX(a.submitted_at) AS last_attempt_at,
           MIN(CASE WHEN a.attempt_no = 1 THEN a.submitted_at END) AS first_try_at,
           MAX(CASE WHEN a.attempt_no = 1 THEN a.passed END) AS first_try_passed,
           MIN(CASE WHEN a.passed = 1 THEN a.submitted_at END) AS first_passed_at,
           MAX(CASE WHEN a.passed = 1 THEN a.submitted_at END) AS last_passed_at
    FROM attempts a {where}
    GROUP BY a.user_id, a.module_id"""

TABLE = "module_standing"  # what reports read
HISTORY = f"({FROM_ATTEMPTS.format(where='')})"  # the same rows computed from every attempt: the tests' check

READS = "reads"  # the data stamp moved by every section read


def refresh(db: Database, user_id: int, module_id: str) -> None:
    """Write one person's row for one module again from their attempts (a handful, through their index).
    Called inside the transaction that changed those attempts."""
    db.execute("DELETE FROM module_standing WHERE user_id = ? AND module_id = ?", [user_id, module_id])
    db.execute(
        f"INSERT INTO module_standing ({COLUMNS})"
        + FROM_ATTEMPTS.format(where="WHERE a.user_id = :user AND a.module_id = :module"),
        {"user": user_id, "module": module_id},
    )


def rebuild(db: Database) -> int:
    """Every row again from the attempts, in one transaction; the number of rows."""
    with write(db):
        db.execute("DELETE FROM module_standing")
        db.execute(f"INSERT INTO module_standing ({COLUMNS})" + FROM_ATTEMPTS.format(where=""))
        move_stamp(db, READS)
    return db.execute("SELECT COUNT(*) FROM module_standing").fetchone()[0]


def move_stamp(db: Database, area: str) -> None:
    """Inside a write: the data of `area` changed."""
    db.execute("UPDATE data_stamps SET version = version + 1 WHERE area = ?", [area])


def stamp(db: Database, area: str) -> int:
    row = db.execute("SELECT version FROM data_stamps WHERE area = ?", [area]).fetchone()
    return row[0] if row else 0
