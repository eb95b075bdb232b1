"""Summaries kept as the data is written, so a report's cost follows what it shows, not the history.

`module_standing` holds one row per person and module they attempted: attempts, best score, first and last
attempt, their first try (attempt 1) and its result, first and last pass. The attempt that changes a row
refreshes it in the same transaction (`refresh`); `rebuild` (`python -m modules.store rebuild-summaries`)
writes every row again from the attempts. Both use `FROM_ATTEMPTS`, the one aggregate of what the row
means, and the tests compare every report computed from the table with the same report computed from
that aggregate. A duplicate is impossible: the primary key is the person and the module.

`data_stamps` holds a version per team (`team:<id>`), moved in the transaction of each read or attempt of
one of its people: a team's report is cached until its own people do something (a stamp of the whole
organisation changed with every learner's click and emptied every manager's cache; counting the reads
to make it scanned the table on every page run). Two more stamps per team follow other data the same way
(`RECALL`: daily practice answers; `PRACTICES`: debriefings, survey answers, stories, suggestions), so a
practice answer does not empty the learning reports' caches; a change of membership moves all three.
"""

from __future__ import annotations

from sqlite_utils import Database

from modules.store import analysis
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

TEAM = "team:"  # a team's data stamp is named by this and its id: learning (reads, attempts) and membership
RECALL = "recall:"  # a team's daily practice answers: the recall reports' own stamp
PRACTICES = "practices:"  # a team's debriefings, survey answers, stories and suggestions
KINDS = (TEAM, RECALL, PRACTICES)


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
    """Every summary again from the history, in one transaction; the number of person × module rows."""
    from modules.store import kept_reports, practice_answers, recall

    with write(db):
        analysis.rebuild(db)
        recall.rebuild_day_stats(db)  # imported here: recall reads learning, which writes through this module
        practice_answers.rebuild(db)
        db.execute("DELETE FROM module_standing")
        db.execute(f"INSERT INTO module_standing ({COLUMNS})" + FROM_ATTEMPTS.format(where=""))
        _move_every_team_stamp(db)  # what was cached from a wrong summary is computed again
        kept_reports.forget(db)
    return db.execute("SELECT COUNT(*) FROM module_standing").fetchone()[0]


def move_team_stamp(db: Database, user_id: int, kind: str = TEAM) -> None:
    """Inside a write: the person's team has news of a kind (one row per team and kind, the primary key; none
    without a team)."""
    db.execute(
        """INSERT INTO data_stamps (area, version) SELECT ? || CAST(team_id AS TEXT), 1 FROM users
           WHERE id = ? AND team_id IS NOT NULL
           ON CONFLICT (area) DO UPDATE SET version = data_stamps.version + 1""",
        [kind, user_id],
    )


def move_stamp_of_team(db: Database, team_id: int | None, kind: str) -> None:
    """Inside a write: the team has news of a kind (a survey answer or a story is the team's, not a person's)."""
    if team_id is not None:
        db.execute(
            """INSERT INTO data_stamps (area, version) VALUES (?, 1)
               ON CONFLICT (area) DO UPDATE SET version = data_stamps.version + 1""",
            [kind + str(team_id)],
        )


def move_every_stamp(db: Database, user_id: int) -> None:
    """Inside a write: someone joins, leaves or changes in the team: every figure of it may change."""
    for kind in KINDS:
        move_team_stamp(db, user_id, kind)


def _move_every_team_stamp(db: Database) -> None:
    for kind in KINDS:
        db.execute("UPDATE data_stamps SET version = version + 1 WHERE area LIKE ?", [kind + "%"])
