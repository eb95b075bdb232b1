"""How a simulated learner goes through the catalog: reads, tries at quizzes, refreshers.

The walk reads nothing back from the database: what it writes goes to a `Recorder` (`history.py`: through the
services, or kept for a bulk write), so the same draws give the same history either way.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from modules.content.model import TrainingModule
from modules.demo import answers


class Recorder(Protocol):
    def read(self, user_id: int, module: TrainingModule, section_id: str, when: datetime) -> None: ...

    def attempt(
        self,
        user_id: int,
        module: TrainingModule,
        attempt_no: int,
        chosen: dict[str, set[int]],
        when: datetime,
        catalog: Sequence[TrainingModule],
    ) -> bool:
        """Record one attempt; whether it passed."""
        ...


@dataclass
class SimulatedLearner:
    user_id: int
    diligence: float  # how far and how fast they go
    skill: float  # ability on the scale of question difficulty (`answers.py`)
    start: datetime


@dataclass(frozen=True)
class Walk:
    """How learners go through the catalog."""

    keep_going: float  # the least diligent go on to the next module this often; the most always do
    tries: int  # at a quiz
    stop_at_failure: bool  # else a module failed at every try is left for the next one
    days_between: tuple[float, float]  # before the next module, for the most diligent (more for the others)
    days_before_retry: tuple[float, float]


# The named demo: most people through most modules, so question analysis has enough answers to judge each one.
DEMO_WALK = Walk(0.85, 5, False, (1, 4), (0.2, 1.5))
# The scale generator keeps the walk it was first written with: fewer tries, and a failure ends the walk.
SCALE_WALK = Walk(0.6, 3, True, (1, 8), (0.5, 4))


def simulate(
    recorder: Recorder,
    rng: random.Random,
    person: SimulatedLearner,
    modules: list[TrainingModule],
    now: datetime,
    walk: Walk,
    refresh_weeks: tuple[float, float] | None = None,
) -> None:
    """Walk one learner through the catalog in order until they stop or time runs out.

    A module whose prerequisite is not passed is skipped. With `refresh_weeks`, a learner who passed
    a module retakes its quiz every so many weeks (a refresher), as long as
    the period lasts, remembering a little more or less each time.
    """
    when = person.start
    passed: list[tuple[TrainingModule, int]] = []
    for module in modules:
        if any(r not in {m.id for m, _ in passed} for r in module.requires):
            continue
        if rng.random() > walk.keep_going + (1 - walk.keep_going) * person.diligence:
            break
        when = _read(recorder, rng, person, module, when, now)
        if when is None:
            return
        attempt_no, when, ok = _attempts(recorder, rng, person.user_id, module, when, now, person.skill, walk, modules)
        if ok:
            passed.append((module, attempt_no))
        elif walk.stop_at_failure:
            break
        when += timedelta(days=rng.uniform(*walk.days_between) / (0.4 + person.diligence))
    if refresh_weeks:
        for module, attempt_no in passed:
            moment = when
            while True:
                moment += timedelta(weeks=rng.uniform(*refresh_weeks))
                if moment >= now:
                    break
                attempt_no += 1
                chosen = answers.simulate_answers(rng, module, person.skill + rng.gauss(0, 0.06))
                recorder.attempt(person.user_id, module, attempt_no, chosen, moment, modules)


def _read(
    recorder: Recorder,
    rng: random.Random,
    person: SimulatedLearner,
    module: TrainingModule,
    when: datetime,
    now: datetime,
) -> datetime | None:
    """Read the sections in order; None if the learner stops part-way."""
    for section in module.sections:
        when += timedelta(minutes=rng.uniform(2, 9))
        if when >= now or rng.random() < 0.04 * (1 - person.diligence):
            return None
        recorder.read(person.user_id, module, section.id, when)
    return when


def _attempts(
    recorder: Recorder,
    rng: random.Random,
    user_id: int,
    module: TrainingModule,
    when: datetime,
    now: datetime,
    skill: float,
    walk: Walk,
    catalog: list[TrainingModule],
) -> tuple[int, datetime, bool]:
    """Tries at a quiz, a little better after each failure; returns the last number, time, success."""
    if not module.has_quiz:
        return 0, when, True
    ability = skill + rng.gauss(0, 0.03)  # a good or a bad day
    for attempt_no in range(1, walk.tries + 1):
        when += timedelta(minutes=rng.uniform(5, 15))
        if when >= now:
            return attempt_no - 1, when, False
        if recorder.attempt(user_id, module, attempt_no, answers.simulate_answers(rng, module, ability), when, catalog):
            return attempt_no, when, True
        ability += 0.1  # reread what the explanations pointed to
        when += timedelta(days=rng.uniform(*walk.days_before_retry))
    return walk.tries, when, False
