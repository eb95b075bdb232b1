"""Where a simulated learner's reads and attempts go: through the portal's services, or in bulk.

The named demo writes through the services a learner's clicks call (`learner.submit_quiz`,
`store.learning.mark_section_read`), so it goes through every rule of a live write. The scale generator
draws the same history (the walk reads nothing back from the database; each learner has their own
random draws) but simulates learners a batch at a time in worker processes and writes each batch's rows
at once, the summaries computed once at the end by `summaries.rebuild`: a live write costs some forty
statements an attempt, 28 minutes for 100,000 people. A test generates one organisation both ways and
finds the same rows.
"""

from __future__ import annotations

import multiprocessing
import random
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime
from typing import TypeVar

from sqlite_utils import Database

from modules import store
from modules.content.model import TrainingModule
from modules.demo.walk import SCALE_WALK, SimulatedLearner, simulate
from modules.learning import learner
from modules.store import summaries
from modules.store.clock import timestamp
from modules.store.learning import PastAttempt

BATCH = 1000  # learners simulated and written at once
T = TypeVar("T")
REFRESH_WEEKS = (2.0, 5.0)  # between a generated learner's refreshers


def draws(seed: int, user_id: int, *purpose: str) -> random.Random:
    """A person's own random draws (for a `purpose`: their practice has its own): the same history whichever
    process, batch or order simulates them."""
    return random.Random(":".join(map(str, (seed, *purpose, user_id))))


def batches(items: list[T]) -> list[list[T]]:
    """`items` a `BATCH` at a time: what a worker simulates and the writer writes at once."""
    return [items[n : n + BATCH] for n in range(0, len(items), BATCH)]


class ThroughServices:
    """Each read and attempt as a learner's click writes it, under every rule."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def read(self, user_id: int, module: TrainingModule, section_id: str, when: datetime) -> None:
        store.learning.mark_section_read(self.db, user_id, module.id, section_id, timestamp(when))

    def attempt(
        self,
        user_id: int,
        module: TrainingModule,
        attempt_no: int,
        chosen: dict[str, set[int]],
        when: datetime,
        catalog: Sequence[TrainingModule],
    ) -> bool:
        submission = learner.submit_quiz(db=self.db, user_id=user_id, module=module, attempt_no=attempt_no,
                                         answers=chosen, submitted_at=timestamp(when), catalog=catalog)  # fmt: skip
        return submission.result.passed


class Collected:
    """The rows, kept to be written at once; each attempt scored by `learner.scored`, as a submission is."""

    def __init__(self) -> None:
        self.reads: list[tuple[int, str, str, str]] = []
        self.attempts: list[PastAttempt] = []
        self._scores: dict[tuple, tuple] = {}  # the same answers score the same: half the attempts repeat one

    def read(self, user_id: int, module: TrainingModule, section_id: str, when: datetime) -> None:
        self.reads.append((user_id, module.id, section_id, timestamp(when)))

    def attempt(
        self,
        user_id: int,
        module: TrainingModule,
        attempt_no: int,
        chosen: dict[str, set[int]],
        when: datetime,
        catalog: Sequence[TrainingModule],
    ) -> bool:
        answers = (module.content_hash, *(frozenset(chosen.get(q.id, ())) for q in module.questions))
        if answers not in self._scores:
            self._scores[answers] = learner.scored(module, chosen)
        result, rows = self._scores[answers]
        self.attempts.append(
            PastAttempt(user_id, module.id, attempt_no, module.content_hash, timestamp(when), result.percent,
                        result.passed, rows)
        )  # fmt: skip
        return result.passed


def simulated(
    people: list[SimulatedLearner], modules: list[TrainingModule], now: datetime, seed: int
) -> tuple[list[tuple[int, str, str, str]], list[PastAttempt]]:
    """One batch's reads and attempts (a worker's task: plain data in and out)."""
    collected = Collected()
    for person in people:
        simulate(collected, draws(seed, person.user_id), person, modules, now, SCALE_WALK, REFRESH_WEEKS)
    return collected.reads, collected.attempts


def write_in_bulk(
    db: Database,
    people: list[SimulatedLearner],
    modules: list[TrainingModule],
    now: datetime,
    seed: int,
    workers: int,
) -> None:
    """Every learner's history, `workers` processes simulating while this one writes, then the summaries."""
    for reads, attempts in _batches(people, modules, now, seed, workers):
        store.learning.add_history(db, reads, attempts)
    summaries.rebuild(db)


def _batches(
    people: list[SimulatedLearner], modules: list[TrainingModule], now: datetime, seed: int, workers: int
) -> Iterator[tuple[list[tuple[int, str, str, str]], list[PastAttempt]]]:
    return in_parallel(simulated, [(batch, modules, now, seed) for batch in batches(people)], workers)


def in_parallel(task: Callable[..., T], arguments: list[tuple], workers: int) -> Iterator[T]:
    """`task` on each tuple of arguments, by `workers` processes, the results in order; in this process when
    one worker (or one task) is enough."""
    if workers <= 1 or len(arguments) <= 1:
        yield from (task(*args) for args in arguments)
        return
    # spawn: a fresh interpreter, whatever threads the caller runs (a test's servers, a page's session)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque[Future[T]] = deque()
        for args in arguments:
            pending.append(pool.submit(task, *args))
            if len(pending) > 2 * workers:  # a few tasks ahead of the writer, not the whole history in memory
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
