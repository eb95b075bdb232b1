"""A learner's status per module, derived from stored rows; pure.

Statuses are recomputed from reads and attempts every time rather than
stored, so a trainer's edit to a module can never leave a stale status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from modules.content.model import TrainingModule

NOT_STARTED, IN_PROGRESS, PASSED, FAILED = "not started", "in progress", "passed", "failed"


@dataclass(frozen=True)
class ModuleProgress:
    module: TrainingModule
    status: str
    sections_read: int
    attempts: int
    best: float | None
    locked_by: tuple[str, ...]

    @property
    def locked(self) -> bool:
        return bool(self.locked_by)

    @property
    def fraction(self) -> float:
        """Share of the module's steps done: each section, plus passing the quiz."""
        if self.status == PASSED:
            return 1.0
        steps = len(self.module.sections) + (1 if self.module.has_quiz else 0)
        return min(self.sections_read, len(self.module.sections)) / steps if steps else 0.0

    @property
    def attempts_left(self) -> int | None:
        limit = self.module.max_attempts
        return None if limit is None else max(0, limit - self.attempts)


def is_passed(module: TrainingModule, read: set[str], attempts: Iterable[dict[str, Any]]) -> bool:
    """A quiz is passed by one passing attempt; a module without quiz by reading it all."""
    if module.has_quiz:
        return any(a["passed"] for a in attempts if a["module_id"] == module.id)
    return all(s.id in read for s in module.sections)


def catalog_progress(modules: list[TrainingModule], reads: dict[str, set[str]],
                     attempts: list[dict[str, Any]]) -> list[ModuleProgress]:
    """Progress for every module, in catalog order, with locks from prerequisites."""
    passed = {m.id for m in modules if is_passed(m, reads.get(m.id, set()), attempts)}
    titles = {m.id: m.title for m in modules}
    return [_one(m, reads.get(m.id, set()), attempts, passed, titles) for m in modules]


def _one(module: TrainingModule, read: set[str], attempts: list[dict[str, Any]],
         passed: set[str], titles: dict[str, str]) -> ModuleProgress:
    mine = [a for a in attempts if a["module_id"] == module.id]
    current = {s.id for s in module.sections} & read
    if module.id in passed:
        status = PASSED
    elif mine:
        status = FAILED
    elif current:
        status = IN_PROGRESS
    else:
        status = NOT_STARTED
    return ModuleProgress(
        module=module,
        status=status,
        sections_read=len(current),
        attempts=len(mine),
        best=max((a["percent"] for a in mine), default=None),
        locked_by=tuple(titles.get(r, r) for r in module.requires if r not in passed),
    )


@dataclass(frozen=True)
class Summary:
    passed: int
    total: int
    average_best: float | None
    attempts: int
    sections_read: int
    sections_total: int


def summarise(progress: list[ModuleProgress]) -> Summary:
    """The headline figures of "My progress"."""
    bests = [p.best for p in progress if p.best is not None]
    return Summary(
        passed=sum(1 for p in progress if p.status == PASSED),
        total=len(progress),
        average_best=sum(bests) / len(bests) if bests else None,
        attempts=sum(p.attempts for p in progress),
        sections_read=sum(p.sections_read for p in progress),
        sections_total=sum(len(p.module.sections) for p in progress),
    )
