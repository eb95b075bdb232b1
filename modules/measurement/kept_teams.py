"""The organisation's per-team rows, read from what the store keeps (`store.kept_reports`).

A trainer's view of 2,000 teams reads one kept row per team and computes again only the teams whose people
did something since (their data stamp moved): the cost of a view follows the activity since the last one,
not the history. The rows are exactly those of the whole-scope queries (`team_standing`, `counts_per_team`),
computed team by team or, when many teams changed, in one query and split.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlite_utils import Database

from modules import store
from modules.store.scope import Scope

STANDING = "team standing"
DUES = "team dues"


def teams_of(db: Database, scope: Scope) -> dict[int, str]:
    """The scope's teams by id, with their names now: the viewer's, or the one team the scope is narrowed to."""
    return {
        t["id"]: t["name"]
        for t in store.measurement.visible_teams(db, scope.viewer_id)
        if scope.team_id in (None, t["id"])
    }


def kept_rows(
    db: Database,
    scope: Scope,
    report: str,
    key: str,
    query: Callable[[Scope], list[Any]],
    kinds: tuple[str, ...] = (store.summaries.TEAM,),
) -> list[dict[str, Any]]:
    """The rows `query` gives for the scope, read per team from what is kept when the team's stamps of these
    kinds have not moved, computed (and kept) for the others; in the order of team names, each team's rows in
    the query's order, with the team's name now."""
    teams = teams_of(db, scope)
    kept = store.kept_reports.per_team(
        db, report, key, store.kept_reports.team_versions(db, teams, kinds), store.kept_reports.grouped(scope, query)
    )
    return [{**row, "team": teams[team]} for team in sorted(kept, key=lambda t: (teams[t], t)) for row in kept[team]]


def by_part(rows: list[dict[str, Any]], parts: tuple[str, ...]) -> dict[str, list[dict[str, Any]]]:
    """Rows of several parts (each with a `part`), gathered by part in their order."""
    gathered: dict[str, list[dict[str, Any]]] = {part: [] for part in parts}
    for row in rows:
        gathered[row["part"]].append(row)
    return gathered


def standing(db: Database, scope: Scope) -> list[dict[str, Any]]:
    """Per team and module, as things stand: people, passed, average best, attempted (the team's name now)."""
    key = store.kept_reports.key_of(STANDING, scope.modules)
    return kept_rows(db, scope, STANDING, key, lambda s: store.measurement.team_standing(db, s))


ASSIGNMENTS = "team assignments"
COUNTS = ("assigned", "late", "due_soon", "to_do", "done")


def assignment_parts(db: Database, scope: Scope, rules: store.assignments.DueRules) -> list[dict[str, Any]]:
    """Per team: its counts per assignment (part "counts") and its late and due-soon items (part "urgent"),
    under today's rules: the organisation's dues and the assignments tab both fold them."""
    key = store.kept_reports.key_of(
        ASSIGNMENTS, scope.modules, rules.today, rules.soon, rules.cycles, store.assignments.assignments_stamp(db)
    )

    def parts(s: Scope) -> list[dict[str, Any]]:
        return [{"part": "counts", **r} for r in store.assignments.counts_per_team_and_assignment(db, s, rules)] + [
            {"part": "urgent", **r} for r in store.assignments.urgent_items(db, s, rules)
        ]

    return kept_rows(db, scope, ASSIGNMENTS, key, parts)


def _folded(rows: list[dict[str, Any]], by: str) -> dict[Any, dict[str, Any]]:
    folded: dict[Any, dict[str, Any]] = {}
    for row in rows:
        if row["part"] != "counts":
            continue
        into = folded.setdefault(row[by], {by: row[by], **dict.fromkeys(COUNTS, 0), "team": row["team"]})
        for count in COUNTS:
            into[count] += row[count]
    return folded


def dues(db: Database, scope: Scope, rules: store.assignments.DueRules) -> list[store.assignments.TeamCounts]:
    """Per team with assignments: assigned items and how many stand at each status under today's rules."""
    teams = _folded(assignment_parts(db, scope, rules), "team_id")
    return [teams[t] for t in sorted(teams, key=lambda t: (teams[t]["team"], t))]  # type: ignore[misc]


def per_assignment(parts: list[dict[str, Any]]) -> list[store.assignments.AssignmentCounts]:
    """Per assignment: its people in scope and how many stand at each status, over every team."""
    folded = _folded(parts, "assignment_id")
    return [{k: v for k, v in folded[a].items() if k != "team"} for a in sorted(folded)]  # type: ignore[misc]


def urgent(parts: list[dict[str, Any]]) -> list[store.assignments.Item]:
    return [{k: v for k, v in row.items() if k != "part"} for row in parts if row["part"] == "urgent"]  # type: ignore[misc]
