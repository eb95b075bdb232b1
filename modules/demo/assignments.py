"""Assignments in the demo: a company-wide module some people are late on, a manager's module due soon, a
recertification one person must renew within days, and a newcomer who has time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dateutil.relativedelta import relativedelta
from sqlite_utils import Database

from modules import store
from modules.content.model import TrainingModule
from modules.learning import assignments, learner

RECERTIFY_MONTHS = 3


def seed_assignments(
    db: Database, modules: list[TrainingModule], now: datetime, trainer: int, teams: list[int], people: dict[str, int]
) -> None:
    """Run after the learners' history: the statuses follow from what they did (a content folder without
    the shipped modules gets no assignment)."""
    by_id = {m.id: m for m in modules}
    if not {"welcome", "emotional-intelligence", "moments-of-truth"} <= set(by_id):
        return
    managers = store.accounts.team_managers(db)
    _, old_town, contact = teams
    _assign(db, trainer, ["emotional-intelligence"], teams, now - timedelta(weeks=7), now - timedelta(days=10))
    _assign(db, managers[old_town], ["moments-of-truth"], [old_town], now - timedelta(weeks=3), now + timedelta(days=9))
    _assign(
        db,
        managers[contact],
        ["welcome"],
        [contact],
        now - timedelta(weeks=13),
        now - timedelta(weeks=9),
        RECERTIFY_MONTHS,
    )
    _renewal_due_soon(db, by_id["welcome"], people["ugo"], now)


def _renewal_due_soon(db: Database, welcome: TrainingModule, person: int, now: datetime) -> None:
    """Ugo did the welcome module last season, so his pass runs out in nine days (the renewal due soon): his
    simulated welcome history moves back to then, or, if he had none, a pass is recorded then."""
    passed_at = now - relativedelta(months=RECERTIFY_MONTHS) + timedelta(days=9)
    last = learner.progress_of(db, person, [welcome])[0].last_passed_at  # passed as every page decides it
    if last:
        store.learning.move_module_history(
            db, person, welcome.id, passed_at - datetime.fromisoformat(last).replace(tzinfo=UTC)
        )
        return
    for section in welcome.sections:
        store.learning.mark_section_read(
            db, person, welcome.id, section.id, store.clock.timestamp(passed_at - timedelta(minutes=20))
        )
    answers = {q.id: set(q.correct) for q in welcome.questions}
    learner.submit_quiz(
        db, person, welcome, learner.next_attempt(db, person, welcome), answers, store.clock.timestamp(passed_at)
    )


def generate_assignments(db: Database, now: datetime, trainer: int, teams: list[int]) -> None:
    """The scale generator's: two company-wide modules (one late for many, one a yearly recertification) and a
    manager's module due soon in every fourth team."""
    managers = store.accounts.team_managers(db)
    _assign(db, trainer, ["emotional-intelligence"], teams, now - timedelta(weeks=8), now - timedelta(days=14))
    _assign(db, trainer, ["welcome"], teams, now - timedelta(weeks=30), now - timedelta(weeks=26), 12)
    for team in teams[::4]:
        _assign(db, managers[team], ["moments-of-truth"], [team], now - timedelta(weeks=2), now + timedelta(days=10))


def _assign(
    db: Database,
    viewer: int,
    module_ids: list[str],
    team_ids: list[int],
    made: datetime,
    due: datetime,
    every_months: int | None = None,
) -> None:
    assignments.assign(db, viewer, module_ids, team_ids, [], due.date(), every_months, made)
