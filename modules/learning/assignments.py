"""Assigned modules: due dates, recertification, and what each person has to do by when.

The store decides each status (`store.assignments.assignments.ITEMS`) against boundaries
computed here, in Python, because calendar months cannot be added in portable
SQL: a pass on 31 August, renewed every 6 months, is due again on 28 February.
The dates shown to people (due on, due again on) are computed here too, from the
same `expiry`, so what a page says and what the status counts agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from sqlite_utils import Database

from modules import store
from modules.content.model import TrainingModule
from modules.i18n import N_
from modules.learning.progress import spec
from modules.store import clock
from modules.store.assignments import DONE, DUE_SOON, LATE, TO_DO, DueRules, Item, NewAssignment
from modules.store.clock import day_number, day_of, timestamp

SOON_DAYS = 14  # "due soon": within two weeks, time enough to fit a module into a rota
EVERY_MONTHS = (3, 6, 12, 24, 36)  # the recertification periods a trainer may choose
STATUSES = (LATE, DUE_SOON, TO_DO, DONE)  # most urgent first: lists and charts keep this order
STATUS_LABELS = {LATE: N_("late"), DUE_SOON: N_("due soon"), TO_DO: N_("to do"), DONE: N_("done")}


def expiry(passed_on: date, months: int) -> date:
    """When a pass stops counting for a recurring assignment: the same day `months` later (clipped to the
    month's last day)."""
    return passed_on + relativedelta(months=months)


def first_valid_pass(target: date, months: int) -> date:
    """The earliest pass day whose expiry is on or after `target` (expiry is not one-to-one: 29–31 August
    all expire on 28 February)."""
    day = target - relativedelta(months=months) - timedelta(days=4)
    while expiry(day, months) < target:
        day += timedelta(days=1)
    return day


def rules_at(moment: datetime) -> DueRules:
    """The boundaries of every status as things stand at `moment` (a pass still valid today: its expiry is
    today or later; one that stays done: its expiry is after the due-soon window)."""
    today = clock.today(moment)
    soon = today + timedelta(days=SOON_DAYS)
    cycles = tuple(
        (
            months,
            first_valid_pass(today, months).isoformat(),
            first_valid_pass(soon + timedelta(days=1), months).isoformat(),
        )
        for months in EVERY_MONTHS
    )
    return DueRules(timestamp(moment), day_number(moment), day_number(moment) + SOON_DAYS, cycles)


def due_date(item: Item) -> date | None:
    """The date a person must pass by: the due date until they pass; for a recurring assignment, the day their
    pass expires (or the due date if later); None once a one-off assignment is passed."""
    due = day_of(item["due_day"])
    if not item["passed"] or not item["last_passed_at"]:
        return due
    if item["every_months"] is None:
        return None
    passed_on = clock.day_of_stamp(item["last_passed_at"])
    return max(expiry(passed_on, item["every_months"]), due)


@dataclass(frozen=True)
class Due:
    """What a learner sees of one assigned module: the most urgent of its assignments."""

    module: TrainingModule
    status: str
    due: date | None
    every_months: int | None  # a recertification's period; None for a one-off assignment
    passed: bool  # passed (and, for a recertification, the date is when that pass runs out)

    @property
    def recurring(self) -> bool:
        return self.every_months is not None

    @property
    def open(self) -> bool:
        return self.status != DONE


def learner_dues(db: Database, user_id: int, modules: list[TrainingModule], moment: datetime) -> list[Due]:
    """A learner's assigned modules, late first then by date; a module assigned twice (to the team and to
    the person) shows once, at its most urgent."""
    by_id = {m.id: m for m in modules}
    scope = store.scope.Scope(user_id, tuple(spec(m) for m in modules))
    best: dict[str, Due] = {}
    for item in store.assignments.own_items(db, user_id, scope, rules_at(moment)):
        due = Due(
            by_id[item["module_id"]],
            item["status"],
            due_date(item),
            item["every_months"],
            bool(item["passed"]),
        )
        kept = best.get(due.module.id)
        if kept is None or _urgency(due) < _urgency(kept):
            best[due.module.id] = due
    return sorted(best.values(), key=_urgency)


def _urgency(due: Due) -> tuple[int, date]:
    return STATUSES.index(due.status), due.due or date.max


class AssignmentError(ValueError):
    """A half-filled or impossible assignment, said in words the manager can act on."""


def check_new(
    module_ids: list[str],
    team_ids: list[int],
    user_ids: list[int],
    due_on: date | None,
    every_months: int | None,
    today: date,
) -> list[str]:
    """Everything missing or wrong in an assignment form (message ids, to translate)."""
    problems = []
    if not module_ids:
        problems.append(N_("Choose at least one module."))
    if not team_ids and not user_ids:
        problems.append(N_("Choose a team or at least one person."))
    if due_on is None:
        problems.append(N_("Choose a due date."))
    elif due_on < today:
        problems.append(N_("The due date is in the past: choose today or a later day."))
    if every_months is not None and every_months not in EVERY_MONTHS:
        problems.append(N_("Choose a recertification period from the list."))
    return problems


def withdraw(db: Database, viewer_id: int, assignment_id: int, moment: datetime) -> bool:
    """Withdraw an open assignment the viewer may manage (its history stays); False when it was not open (a
    double click) or not theirs to withdraw."""
    return store.assignments.withdraw(db, viewer_id, assignment_id, timestamp(moment))


def change_due(db: Database, viewer_id: int, assignment_id: int, due_on: date, moment: datetime) -> list[str] | None:
    """A new due date for an open assignment (a newcomer's lead time counts from today's change): the problems
    with the date (message ids), an empty list when done, None when it was not the viewer's or not open."""
    today = clock.today(moment)
    if due_on < today:
        return [N_("The due date is in the past: choose today or a later day.")]
    changed = store.assignments.change_due(
        db, viewer_id, assignment_id, clock.number_of(due_on), (due_on - today).days, timestamp(moment)
    )
    return None if changed is None else []


MORE_TIME = timedelta(days=7)  # "a week more" on the manager's to-do


def give_more_time(db: Database, viewer_id: int, item: Item, moment: datetime) -> date | None:
    """A week more for one person on one assigned module, counted from today if it is late already: the new
    due date, or None when it was not the viewer's to give. The same click twice gives one week, not two."""
    until = max(day_of(item["due_day"]), clock.today(moment)) + MORE_TIME
    moved = store.assignments.extend(
        db, viewer_id, item["assignment_id"], item["user_id"], clock.number_of(until), timestamp(moment)
    )
    return None if moved is None else until


def assign(
    db: Database,
    viewer_id: int,
    module_ids: list[str],
    team_ids: list[int],
    user_ids: list[int],
    due_on: date,
    every_months: int | None,
    moment: datetime,
) -> store.assignments.Assigned:
    """Assign modules to teams and people with a due date; a newcomer to a team later gets the same lead time."""
    today = clock.today(moment)
    problems = check_new(module_ids, team_ids, user_ids, due_on, every_months, today)
    if problems:
        raise AssignmentError(problems[0])
    new = NewAssignment(
        tuple(module_ids),
        tuple(team_ids),
        tuple(user_ids),
        clock.number_of(due_on),
        (due_on - today).days,
        every_months,
    )
    return store.assignments.assign(db, viewer_id, new, timestamp(moment))
