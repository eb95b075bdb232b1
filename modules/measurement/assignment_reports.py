"""Assignments as managers and trainers read them: who is late or due soon, how each assignment is going,
and its completion week by week."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from modules import store
from modules.content.model import TrainingModule
from modules.learning import assignments
from modules.measurement import kept_teams
from modules.measurement.team_reports import scope_for
from modules.store.clock import day_of

WEEKS_SHOWN = 12  # of completion history per assignment


@dataclass
class AssignmentReport:
    due: list[dict[str, Any]]  # late and due soon, most urgent first
    assignments: list[dict[str, Any]]  # open ones first, with how many are done and late
    completion: list[dict[str, Any]]  # per open assignment and week: the share done


def _label(row: store.assignments.Assignment, titles: dict[str, str]) -> str:
    return f"{titles.get(row['module_id'], row['module_id'])} → {row['team'] or row['person']}"


def due_list(items: list[store.assignments.Item], titles: dict[str, str]) -> list[dict[str, Any]]:
    """The people to talk to: late first, then due within two weeks, each with the date that matters."""
    rows = [
        {
            "user_id": i["user_id"],
            "name": i["name"],
            "team": i["team"],
            "module_id": i["module_id"],
            "module": titles.get(i["module_id"], i["module_id"]),
            "status": i["status"],
            "due": assignments.due_date(i),  # never None: late and due-soon items are not done
            "renewal": bool(i["every_months"] and i["passed"]),
        }
        for i in items
        if i["status"] in (assignments.LATE, assignments.DUE_SOON)
    ]
    return sorted(rows, key=lambda r: (assignments.STATUSES.index(r["status"]), r["due"]))


PAST_COUNTS = "past assignment counts"
CountsAt = Callable[[datetime], list[store.assignments.AssignmentCounts]]


def week_ends(now: datetime, weeks: int) -> list[datetime]:
    """The moments of the history's points, oldest first: the end of the install's day one, two… weeks ago
    (fixed for a whole day, so a past point, which never changes, can be kept), then `now`."""
    today = store.clock.today(now)
    return [store.clock.start_of(today - timedelta(days=7 * back - 1)) for back in range(weeks, 0, -1)] + [now]


def completion_over_time(
    db: Database,
    scope: store.scope.Scope,
    rows: list[store.assignments.Assignment],
    titles: dict[str, str],
    now: datetime,
    current: list[store.assignments.AssignmentCounts],
    counts_at: CountsAt | None = None,
) -> list[dict[str, Any]]:
    """Per open assignment, the share of its people done at the end of each week since it was made (the last
    point is `current`, the counts at `now` the caller already has). `counts_at` gives a past week's counts
    (a cache may keep them: the past does not change); by default they are computed."""
    open_rows = {r["id"]: r for r in rows if r["withdrawn_at"] is None}
    if not open_rows:
        return []
    first = min(datetime.fromisoformat(r["assigned_at"]).replace(tzinfo=now.tzinfo) for r in open_rows.values())
    past = counts_at or (
        lambda moment: store.assignments.counts_per_assignment(db, scope, assignments.rules_at(moment))
    )
    points = []
    for moment in week_ends(now, min(WEEKS_SHOWN, (now - first).days // 7)):
        for counts in current if moment == now else past(moment):
            row = open_rows.get(counts["assignment_id"])
            if row and counts["assigned"]:
                points.append(
                    {
                        "week": store.clock.today(moment - timedelta(seconds=1)).isoformat(),
                        "assignment": _label(row, titles),
                        "module": titles.get(row["module_id"], row["module_id"]),
                        "completion": 100 * counts["done"] / counts["assigned"],
                        "done": counts["done"],
                        "assigned": counts["assigned"],
                    }
                )
    return points


def counts_at(
    db: Database, viewer_id: int, modules: list[TrainingModule], team_id: int | None, moment: datetime
) -> list[store.assignments.AssignmentCounts]:
    """Each assignment's counts as they stood at `moment` (a past week's end), in the viewer's scope: kept in
    the database once computed, as the past does not change (new assignments and accounts are in its key)."""
    scope = scope_for(viewer_id, modules, team_id)
    key = store.kept_reports.key_of(
        PAST_COUNTS, viewer_id, team_id, scope.modules, moment, store.assignments.assignments_stamp(db),
        store.measurement.accounts_stamp(db),
    )  # fmt: skip
    rows = store.kept_reports.whole(
        db,
        PAST_COUNTS,
        key,
        lambda: list(store.assignments.counts_per_assignment(db, scope, assignments.rules_at(moment))),
    )
    return rows  # type: ignore[return-value]


def assignment_report(
    db: Database,
    viewer_id: int,
    modules: list[TrainingModule],
    team_id: int | None,
    now: datetime,
    past_counts: CountsAt | None = None,
) -> AssignmentReport:
    scope = scope_for(viewer_id, modules, team_id)
    titles = {m.id: m.title for m in modules}
    rules = assignments.rules_at(now)
    rows = store.assignments.assignments(db, viewer_id, team_id)
    current = kept_teams.per_assignment(kept_teams.assignment_counts(db, scope, rules))  # teams with news computed
    counts = {c["assignment_id"]: c for c in current}
    listed = [
        {
            **row,
            "module": titles.get(row["module_id"], row["module_id"]),
            "target": row["team"] or row["person"],
            "due": day_of(row["due_day"]),
            "people": counts.get(row["id"], {}).get("assigned", 0),
            "done": counts.get(row["id"], {}).get("done", 0),
            "late": counts.get(row["id"], {}).get("late", 0),
        }
        for row in rows
        if row["module_id"] in titles
    ]
    return AssignmentReport(
        due_list(kept_teams.urgent(db, scope, rules), titles),
        listed,
        completion_over_time(
            db,
            scope,
            rows,
            titles,
            now,
            current,
            past_counts or (lambda moment: counts_at(db, viewer_id, modules, team_id, moment)),
        ),  # fmt: skip
    )
