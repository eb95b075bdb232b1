"""Where a simulated learner's reads and attempts go: through the portal's services, or in bulk.

The named demo writes through the services a learner's clicks call (`learner.submit_quiz`,
`store.learning.mark_section_read`), so it goes through every rule of a live write. The scale generator
draws the same history (the walk reads nothing back from the database) but keeps the rows and writes
them in batches, with the summaries computed once at the end by `summaries.rebuild`: a live write costs
some forty statements an attempt, 28 minutes for 100,000 people. A test generates one organisation both
ways and finds the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from sqlite_utils import Database

from modules import store
from modules.content.model import TrainingModule
from modules.learning import learner
from modules.store import summaries
from modules.store.clock import timestamp
from modules.store.learning import PastAttempt


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


class InBulk:
    """The rows kept and written a batch at a time (`flush`); `finish` writes the rest and the summaries."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.reads: list[tuple[int, str, str, str]] = []
        self.attempts: list[PastAttempt] = []

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
        result, rows = learner.scored(module, chosen)
        self.attempts.append(
            PastAttempt(user_id, module.id, attempt_no, module.content_hash, timestamp(when), result.percent,
                        result.passed, rows)
        )  # fmt: skip
        return result.passed

    def flush(self) -> None:
        store.learning.add_history(self.db, self.reads, self.attempts)
        self.reads, self.attempts = [], []

    def finish(self) -> None:
        self.flush()
        summaries.rebuild(self.db)
