"""The organisation's per-team rows, read from what the store keeps (`store.kept_reports`).

A trainer's view of 2,000 teams reads one kept row per team and computes again only the teams whose people
did something since (their data stamp moved): the cost of a view follows the activity since the last one,
not the history. The rows are exactly those of the whole-scope queries (`team_standing`, `counts_per_team`),
computed team by team or, when many teams changed, in one query and split.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlite_utils import Database

from modules import store
from modules.store.scope import Scope

STANDING = "team standing"
DUES = "team dues"


def _rows(
    db: Database, scope: Scope, report: str, key: str, query: Callable[[Scope], list[Any]], day: date
) -> list[dict[str, Any]]:
    teams = {t["id"]: t["name"] for t in store.measurement.visible_teams(db, scope.viewer_id)}
    kept = store.kept_reports.per_team(
        db, report, key, store.kept_reports.team_versions(db, teams), store.kept_reports.grouped(scope, query), day
    )
    rows = [{**row, "team": teams[team]} for team, team_rows in kept.items() for row in team_rows]
    return sorted(rows, key=lambda row: (row["team"], row["team_id"], row.get("module_id", "")))


def standing(db: Database, scope: Scope, day: date) -> list[dict[str, Any]]:
    """Per team and module, as things stand: people, passed, average best, attempted (the team's name now)."""
    key = store.kept_reports.key_of(STANDING, scope.modules)
    return _rows(db, scope, STANDING, key, lambda s: store.measurement.team_standing(db, s), day)


def dues(
    db: Database, scope: Scope, rules: store.assignments.DueRules, day: date
) -> list[store.assignments.TeamCounts]:
    """Per team with assignments: assigned items and how many stand at each status under today's rules."""
    key = store.kept_reports.key_of(
        DUES, scope.modules, rules.today, rules.soon, rules.cycles, store.assignments.assignments_stamp(db)
    )
    rows = _rows(db, scope, DUES, key, lambda s: store.assignments.counts_per_team(db, s, rules), day)
    return [store.assignments.TeamCounts(**row) for row in rows]  # type: ignore[typeddict-item]
