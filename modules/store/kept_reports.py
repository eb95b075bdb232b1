"""Report rows kept in the database per team, computed again only for the teams whose data moved.

Between two views of a head office's report most of its 2,000 teams did nothing, yet computing the
organisation's figures read every person's standing (seconds at 100,000 people). `kept_reports` holds, per
team and report, the rows last computed, the team's stamps they were computed at (`summaries.KINDS`, moved
in the transaction of each write of the team's data and of each change of its people) and a key of
everything else they depend on (the modules, the period, the day's due dates, the assignments). A view reads the rows whose stamp and key
still hold and computes only the others. Rows are shared by every process and survive a restart.

A duplicate is impossible: the primary key is the team, the report and the key; two processes storing the
same team at once write one row. The stamp is read before the rows are computed, so rows stored under an old
stamp are at worst computed once more, never taken for newer than they are. A past period's figures are kept
under `WHOLE` (no team): what people do now cannot change them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlite_utils import Database

from modules.store import clock, dialect, summaries
from modules.store.scope import ModuleSpec, Scope
from modules.store.transactions import retrying, write

WHOLE = 0  # the team id of rows that cover a whole scope, not one team
FEW = 25  # on SQLite, up to this many teams to compute again (or an eighth of the scope's): one query each;
# more: one query for the whole scope (a team's query costs more than its share of the whole one)
KEPT_DAYS = 2  # rows under another key are deleted after this many days (yesterday's due dates, a catalog edit)

Rows = list[dict[str, Any]]
Compute = Callable[[list[int] | None], dict[int, Rows]]  # the teams (None: every team of the scope) → rows


def key_of(*parts: Any) -> str:
    """A short, stable key for what rows depend on besides their team's data. Modules count as a set: the
    same modules listed in another order (the catalog's, a language's) give the same key."""
    canonical = [
        sorted(part, key=lambda m: m.id)
        if isinstance(part, tuple) and all(isinstance(m, ModuleSpec) for m in part)
        else part
        for part in parts
    ]
    return hashlib.sha256(json.dumps(canonical, sort_keys=True, default=str).encode()).hexdigest()[:32]


def team_versions(db: Database, team_ids: Iterable[int], kinds: tuple[str, ...] = (summaries.TEAM,)) -> dict[int, int]:
    """Each team's stamp: the sum of its stamps of these kinds (each only grows, so the sum moves whenever one
    does); 0 when its people never did anything."""
    wanted = set(team_ids)
    versions = {team: 0 for team in wanted}
    for kind in kinds:
        for area, version in db.execute(
            "SELECT area, version FROM data_stamps WHERE area LIKE ?", [kind + "%"]
        ).fetchall():
            team = int(area[len(kind) :])
            if team in wanted:
                versions[team] += version
    return versions


def grouped(scope: Scope, rows_of: Callable[[Scope], Rows]) -> Compute:
    """A `Compute` from a function of a scope: the given teams one query each (the scope narrowed to each),
    or every team of the scope in one query; its rows (each with a `team_id`) grouped by team."""

    def compute(team_ids: list[int] | None) -> dict[int, Rows]:
        rows = rows_of(scope) if team_ids is None else [r for t in team_ids for r in rows_of(replace(scope, team_id=t))]
        by_team: dict[int, Rows] = {}
        for row in rows:
            by_team.setdefault(row["team_id"], []).append(dict(row))
        return by_team

    return compute


def per_team(db: Database, report: str, key: str, versions: dict[int, int], compute: Compute) -> dict[int, Rows]:
    """The rows of each team in `versions`: kept ones whose stamp still holds, the others computed (and kept)."""
    fresh: dict[int, Rows] = {}
    few = list(versions) if len(versions) <= FEW else []  # a manager's teams: theirs only, not the head office's
    only = f" AND team_id IN ({', '.join('?' * len(few))})" if few else ""
    for team, version, rows in db.execute(
        f"SELECT team_id, version, rows FROM kept_reports WHERE report = ? AND key = ?{only}", [report, key, *few]
    ).fetchall():
        if versions.get(team) == version:
            fresh[team] = json.loads(rows)
    stale = [team for team in versions if team not in fresh]
    if stale:
        computed = compute(stale if _one_by_one(db, len(stale), len(versions)) else None)
        new = {team: computed.get(team, []) for team in stale}
        _keep(db, report, key, {team: (versions[team], rows) for team, rows in new.items()})
        fresh.update(new)
    return fresh


def _one_by_one(db: Database, stale: int, teams: int) -> bool:
    """Whether to compute the stale teams one query each. PostgreSQL misjudges a whole organisation's people (it
    plans for a handful of rows and loops over ten thousand: 10 s for the assignments' counts of 10,000
    people, against 7 ms a team), so there it is always one team at a time; SQLite's whole-scope query is
    cheaper than many teams' ones."""
    return dialect.of(db).name == "postgresql" or stale <= max(FEW, teams // 8)


def whole(db: Database, report: str, key: str, compute: Callable[[], Rows]) -> Rows:
    """Rows that no team's activity changes (a past period): computed once per key, then read."""
    found = db.execute(
        "SELECT rows FROM kept_reports WHERE team_id = ? AND report = ? AND key = ?", [WHOLE, report, key]
    ).fetchone()
    if found:
        return json.loads(found[0])
    rows = compute()
    _keep(db, report, key, {WHOLE: (0, rows)})
    return rows


def _keep(db: Database, report: str, key: str, rows: dict[int, tuple[int, Rows]]) -> None:
    """Store the rows (one per team, key and report, whoever stores them first or last) and drop this report's
    rows kept under other keys more than KEPT_DAYS ago."""
    day = clock.today(clock.current())  # when kept, for the housekeeping only: no figure depends on it
    values = [(team, report, key, version, day.isoformat(), json.dumps(data)) for team, (version, data) in rows.items()]

    def store() -> None:
        with write(db):
            db.conn.executemany(
                """INSERT INTO kept_reports (team_id, report, key, version, kept_on, rows) VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (team_id, report, key) DO UPDATE
                   SET version = excluded.version, kept_on = excluded.kept_on, rows = excluded.rows
                   WHERE kept_reports.version <= excluded.version""",  # a slower process never undoes a newer row
                values,
            )
            db.execute(
                "DELETE FROM kept_reports WHERE report = ? AND key <> ? AND kept_on < ?",
                [report, key, (day - timedelta(days=KEPT_DAYS)).isoformat()],
            )

    retrying(store)


def forget(db: Database) -> None:
    """Inside a write: every kept row goes (a rebuild of the summaries computes them again when asked)."""
    db.execute("DELETE FROM kept_reports")
