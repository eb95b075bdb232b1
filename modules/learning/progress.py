"""Where a learner stands on each module: statuses, locks and figures; the one list of statuses.

Whether a module is passed is decided once, in the store
(`store.learning.PROGRESS`), and read by the learner's pages and every
report alike; this module names the status that follows from it. Nothing is
stored, so a trainer's edit to a module can never leave a stale status.
"""

from __future__ import annotations

from dataclasses import dataclass

from modules import store
from modules.accounts import roles
from modules.content.model import TrainingModule
from modules.i18n import N_

PASSED, NOT_PASSED_YET, IN_PROGRESS, NOT_STARTED = (
    N_("passed"),
    N_("not passed yet"),
    N_("in progress"),
    N_("not started"),
)
STATUSES = (PASSED, NOT_PASSED_YET, IN_PROGRESS, NOT_STARTED)  # from done to not begun: the order charts stack them


def status_of(passed: bool, attempted: bool, started: bool) -> str:
    """The status of one person on one module, from the stored facts (passed as the store decides it)."""
    if passed:
        return PASSED
    if attempted:
        return NOT_PASSED_YET
    return IN_PROGRESS if started else NOT_STARTED


def for_team_members(modules: list[TrainingModule]) -> list[TrainingModule]:
    """The modules that count in a team's figures: those for the roles counted as team members."""
    members = roles.roles_with(roles.MEMBER)
    return [m for m in modules if any(m.is_for(role) for role in members)]


def spec(module: TrainingModule) -> store.scope.ModuleSpec:
    """What the store needs of a module to decide "passed": its current sections and whether it has a quiz."""
    aliases = tuple((alias, s.id) for s in module.sections for alias in s.aliases)
    return store.scope.ModuleSpec(module.id, tuple(s.id for s in module.sections), module.has_quiz, aliases)


@dataclass(frozen=True)
class ModuleProgress:
    module: TrainingModule
    status: str
    sections_read: int
    attempts: int
    best: float | None
    locked_by: tuple[str, ...]
    last_passed_at: str | None = None

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


def catalog_progress(modules: list[TrainingModule], facts: list[store.learning.ModuleFacts]) -> list[ModuleProgress]:
    """Progress for every module, in catalog order, with locks from prerequisites."""
    by_id = {row["module_id"]: row for row in facts}
    empty: store.learning.ModuleFacts = {
        "user_id": 0,
        "module_id": "",
        "attempts": 0,
        "best": None,
        "passed": 0,
        "sections_read": 0,
        "last_passed_at": None,
    }
    passed = {m.id for m in modules if by_id.get(m.id, empty)["passed"]}
    titles = {m.id: m.title for m in modules}
    rows = []
    for module in modules:
        row = by_id.get(module.id, empty)
        rows.append(
            ModuleProgress(
                module=module,
                status=status_of(bool(row["passed"]), row["attempts"] > 0, row["sections_read"] > 0),
                sections_read=row["sections_read"],
                attempts=row["attempts"],
                best=row["best"],
                locked_by=tuple(titles.get(r, r) for r in module.requires if r not in passed),
                last_passed_at=row.get("last_passed_at") if row["passed"] else None,
            )
        )
    return rows


def where_to_start(rows: list[ModuleProgress]) -> dict[str, str]:
    """For each locked module, the module to open first: down its chain of prerequisites not yet passed, the
    first one that is open (a link to a module that is itself locked would lead nowhere)."""
    by_id = {r.module.id: r for r in rows}

    def opener(row: ModuleProgress, seen: frozenset[str]) -> str | None:
        for required in row.module.requires:
            found = by_id.get(required)
            if found is None or found.status == PASSED or required in seen:
                continue
            return required if not found.locked else opener(found, seen | {required})
        return None

    starts = {r.module.id: opener(r, frozenset({r.module.id})) for r in rows if r.locked}
    return {module: start for module, start in starts.items() if start}


def next_step(rows: list[ModuleProgress], after: str, assigned: list[str]) -> ModuleProgress | None:
    """What to open after passing `after`: the most urgent assigned module not passed and open (`assigned` is
    most urgent first), else the next open module not passed in catalog order (then from the start)."""
    candidates = {r.module.id: r for r in rows if r.module.id != after and r.status != PASSED and not r.locked}
    for module_id in assigned:
        if module_id in candidates:
            return candidates[module_id]
    order = [r.module.id for r in rows]
    here = order.index(after) if after in order else -1
    for module_id in order[here + 1 :] + order[: here + 1]:
        if module_id in candidates:
            return candidates[module_id]
    return None


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
