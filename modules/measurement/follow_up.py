"""The manager's to-do: the people to follow up and what waits for the manager, each with its next action.

Who is late (the assignments' one status rule), who failed a module twice, who passed modules but has not
practised for two weeks, whose self-rating waits for the manager's view, and the stories, suggestions and
colleagues' rating requests waiting. Read for the viewer's teams only (the store's scope).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from modules import store
from modules.content.model import TrainingModule
from modules.learning import assignments
from modules.learning.progress import spec
from modules.store import clock
from modules.store.assignments import LATE

TRIES = 2  # failed this many times without a pass: time for a word, not another retake
LAPSE = timedelta(days=14)  # no practice for this long, with modules passed before it
SELF_RATED_WITHIN = timedelta(days=60)  # a self-rating older than this is not waiting any more


@dataclass(frozen=True)
class Late:
    item: store.assignments.Item
    title: str
    due: date
    reminded: bool  # reminded today already


@dataclass(frozen=True)
class Failing:
    row: store.follow_up.Failing
    title: str


@dataclass(frozen=True)
class Lapsed:
    row: store.follow_up.Lapsed
    reminded: bool


@dataclass
class ToDo:
    late: list[Late] = field(default_factory=list)
    failing: list[Failing] = field(default_factory=list)
    lapsed: list[Lapsed] = field(default_factory=list)
    self_rated: list[store.follow_up.SelfRated] = field(default_factory=list)
    stories: int = 0
    suggestions: int = 0
    requests: int = 0  # colleagues waiting for the viewer's own rating

    @property
    def count(self) -> int:
        people = len(self.late) + len(self.failing) + len(self.lapsed) + len(self.self_rated)
        return people + self.stories + self.suggestions + self.requests


def to_do(
    db: Database, viewer_id: int, modules: list[TrainingModule], now: datetime, team_id: int | None = None
) -> ToDo:
    """Everything waiting for this manager, most urgent first in each list."""
    scope = store.scope.Scope(viewer_id, tuple(spec(m) for m in modules), team_id)
    titles = {m.id: m.title for m in modules}
    today = clock.today(now)
    late = [i for i in store.assignments.items(db, scope, assignments.rules_at(now)) if i["status"] == LATE]
    lapsed = store.follow_up.lapsed(
        db, scope, clock.timestamp(clock.start_of(today - LAPSE)), (today - LAPSE).isoformat()
    )
    reminded = store.follow_up.nudged(
        db, today.isoformat(), sorted({i["user_id"] for i in late} | {r["user_id"] for r in lapsed})
    )
    return ToDo(
        [
            Late(i, titles.get(i["module_id"], i["module_id"]), due, (i["user_id"], i["module_id"]) in reminded)
            for i in late
            if (due := assignments.due_date(i)) is not None
        ],
        [Failing(r, titles.get(r["module_id"], r["module_id"])) for r in store.follow_up.failing(db, scope, TRIES)],
        [Lapsed(r, (r["user_id"], store.follow_up.PRACTICE) in reminded) for r in lapsed],
        store.follow_up.self_rated(db, scope, clock.timestamp(now - SELF_RATED_WITHIN)),
        store.stories.waiting_for_review(db, viewer_id),
        store.suggestions.new_for_answer(db, viewer_id),
        len(store.debriefing.open_requests(db, viewer_id)),
    )
