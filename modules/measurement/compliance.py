"""The team compliance report: who holds the certificate of each assigned module, and until when.

One line per person and assigned module, from the assignments' one status rule (`store.assignments.items`):
the pass it rests on, the day a recertification runs out, and its status. An auditor or a regional manager
reads it printed; the manager prints it from Team progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from modules import store
from modules.content.model import TrainingModule
from modules.learning import assignments
from modules.learning.progress import spec
from modules.store import clock


@dataclass(frozen=True)
class Holding:
    person: str
    team: str
    module: str
    passed_on: date | None  # the pass the certificate rests on; None: no certificate
    valid_until: date | None  # a recertification's end; None: no end (or nothing held)
    status: str  # one of assignments.STATUSES


def team_compliance(
    db: Database, viewer_id: int, modules: list[TrainingModule], team_id: int | None, now: datetime
) -> list[Holding]:
    """Every assigned person and module the viewer may see, by team, person and module."""
    titles = {m.id: m.title for m in modules}
    scope = store.scope.Scope(viewer_id, tuple(spec(m) for m in modules), team_id)
    rows = []
    for item in store.assignments.items(db, scope, assignments.rules_at(now)):
        passed_on = clock.day_of_stamp(item["last_passed_at"]) if item["passed"] and item["last_passed_at"] else None
        until = assignments.expiry(passed_on, item["every_months"]) if passed_on and item["every_months"] else None
        rows.append(
            Holding(
                item["name"],
                item["team"],
                titles.get(item["module_id"], item["module_id"]),
                passed_on,
                until,
                item["status"],
            )
        )
    return sorted(rows, key=lambda h: (h.team, h.person, h.module))
