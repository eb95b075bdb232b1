"""The organisation's per-team rows, read from what the store keeps (`store.kept_reports`).

A trainer's view of 2,000 teams reads one kept row per team and computes again only the teams whose people
did something since (their data stamp moved): the cost of a view follows the activity since the last one,
not the history. The rows are exactly those of the whole-scope queries (`team_standing`, `team_first_tries`,
`team_activity`, `counts_per_team_and_assignment`, `urgent_items`), computed team by team or, when many teams
changed, in one query and split (`store.kept_reports`). The recall and practices reports keep their parts
the same way (`recall_figures`, `practice_figures`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from modules import store
from modules.store.scope import Scope

STANDING = "team standing"


def teams_of(db: Database, scope: Scope) -> dict[int, str]:
    """The scope's teams by id, with their names now: the viewer's, or the one team the scope is narrowed to."""
    teams = store.measurement.team_names(db, scope.viewer_id)
    return teams if scope.team_id is None else {t: name for t, name in teams.items() if t == scope.team_id}


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


def standing(db: Database, scope: Scope, since: str) -> list[dict[str, Any]]:
    """Per team and module, as things stand: people, passed, average best, attempted, and the first tries made
    since `since` (a period starts at midnight: the key holds all day) with the share that passed."""
    key = store.kept_reports.key_of(STANDING, scope.modules, since)

    def query(s: Scope) -> list[dict[str, Any]]:
        firsts = {
            (row["team_id"], row["module_id"]): row
            for row in store.measurement.team_first_tries(db, s, since, store.clock.FAR_FUTURE)
        }
        none = {"first_attempt_pass_rate": None, "first_attempts": 0}
        return [
            {**row, **{k: firsts.get((row["team_id"], row["module_id"]), none)[k] for k in none}}
            for row in store.measurement.team_standing(db, s)
        ]

    return kept_rows(db, scope, STANDING, key, query)


ACTIVITY = "team activity"


def activity(db: Database, scope: Scope, now: datetime) -> list[dict[str, Any]]:
    """Per team: its people and how many read or took a quiz in the last seven days, counted from the start of
    the hour a week ago (the key holds for the hour; what is done since moves the team's stamp)."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    week_before = store.clock.timestamp(hour - timedelta(days=7))
    key = store.kept_reports.key_of(ACTIVITY, week_before)
    return kept_rows(
        db, scope, ACTIVITY, key, lambda s: store.measurement.team_activity(db, s, store.clock.FAR_FUTURE, week_before)
    )


ASSIGNMENT_COUNTS = "team assignment counts"
URGENT = "team urgent items"
COUNTS = ("assigned", "late", "due_soon", "to_do", "done")


def _assignments_key(db: Database, report: str, scope: Scope, rules: store.assignments.DueRules) -> str:
    return store.kept_reports.key_of(
        report, scope.modules, rules.today, rules.soon, rules.cycles, store.assignments.assignments_stamp(db)
    )


def assignment_counts(db: Database, scope: Scope, rules: store.assignments.DueRules) -> list[dict[str, Any]]:
    """Per team and assignment, its people and how many stand at each status under today's rules: the
    organisation's dues and the assignments tab both fold them."""
    key = _assignments_key(db, ASSIGNMENT_COUNTS, scope, rules)
    return kept_rows(
        db, scope, ASSIGNMENT_COUNTS, key, lambda s: store.assignments.counts_per_team_and_assignment(db, s, rules)
    )


def urgent(db: Database, scope: Scope, rules: store.assignments.DueRules) -> list[store.assignments.Item]:
    """The late and due-soon items of the scope's people, team by team."""
    key = _assignments_key(db, URGENT, scope, rules)
    return kept_rows(db, scope, URGENT, key, lambda s: store.assignments.urgent_items(db, s, rules))  # type: ignore[return-value]


def _folded(rows: list[dict[str, Any]], by: str) -> dict[Any, dict[str, Any]]:
    folded: dict[Any, dict[str, Any]] = {}
    for row in rows:
        into = folded.setdefault(row[by], {by: row[by], **dict.fromkeys(COUNTS, 0), "team": row["team"]})
        for count in COUNTS:
            into[count] += row[count]
    return folded


def dues(db: Database, scope: Scope, rules: store.assignments.DueRules) -> list[store.assignments.TeamCounts]:
    """Per team with assignments: assigned items and how many stand at each status under today's rules."""
    teams = _folded(assignment_counts(db, scope, rules), "team_id")
    return [teams[t] for t in sorted(teams, key=lambda t: (teams[t]["team"], t))]  # type: ignore[misc]


def per_assignment(counts: list[dict[str, Any]]) -> list[store.assignments.AssignmentCounts]:
    """Per assignment: its people in scope and how many stand at each status, over every team."""
    folded = _folded(counts, "assignment_id")
    return [{k: v for k, v in folded[a].items() if k != "team"} for a in sorted(folded)]  # type: ignore[misc]
