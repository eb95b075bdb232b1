"""What a learner does and sees of it: read a section, submit a quiz, review an attempt, their progress.

Pages call these so that scoring and recording always go together: an
attempt is scored by `quiz.score` and written once, with its answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from modules import store
from modules.content.model import Question, TrainingModule
from modules.content.scoring import Answer, ScoreResult, chosen_set, score
from modules.i18n import N_
from modules.learning.progress import PASSED, ModuleProgress, catalog_progress, spec


def progress_of(db: Database, user_id: int, modules: list[TrainingModule]) -> list[ModuleProgress]:
    """A learner's progress on these modules, "passed" decided as every report decides it."""
    facts = store.learning.module_facts(db, user_id, store.scope.Scope(user_id, tuple(spec(m) for m in modules)))
    return catalog_progress(modules, facts)


def read_section(db: Database, user_id: int, module: TrainingModule, section_id: str) -> bool:
    """Record that a section was read; unknown section ids are refused."""
    if all(s.id != section_id for s in module.sections):
        raise ValueError(f"module '{module.id}' has no section '{section_id}'")
    return store.learning.mark_section_read(db, user_id, module.id, section_id)


def sections_read(db: Database, user_id: int, module: TrainingModule) -> set[str]:
    """The ids of the module's sections the learner read, in any of its languages (reads under an alias count)."""
    stored = store.learning.sections_read(db, user_id).get(module.id, set())
    return {s.id for s in module.sections if stored.intersection(s.keys)}


def keep_draft(
    db: Database, user_id: int, module: TrainingModule, attempt_no: int, answers: Mapping[str, Answer]
) -> None:
    """Store the answers chosen so far, so a reload mid-quiz loses none of them."""
    kept = {q.id: sorted(chosen_set(answers.get(q.id))) for q in module.questions if chosen_set(answers.get(q.id))}
    store.learning.save_draft(db, user_id, module.id, attempt_no, kept)


def draft(db: Database, user_id: int, module: TrainingModule, attempt_no: int) -> dict[str, set[int]]:
    """The answers kept for this attempt that still fit the module (a question or option since removed is
    dropped, a single-choice question keeps one answer)."""
    by_id = {q.id: q for q in module.questions}
    kept = {}
    for question_id, chosen in store.learning.draft_of(db, user_id, module.id, attempt_no).items():
        question = by_id.get(question_id)
        if question is None:
            continue
        valid = {i for i in chosen if 0 <= i < len(question.options)}
        if valid and (question.multiple or len(valid) == 1):
            kept[question_id] = valid
    return kept


def unanswered(module: TrainingModule, answers: Mapping[str, Answer]) -> list[int]:
    """1-based numbers of the questions left blank, to tell the learner which."""
    return [n for n, q in enumerate(module.questions, 1) if not chosen_set(answers.get(q.id))]


@dataclass(frozen=True)
class Submission:
    attempt_id: int
    result: ScoreResult
    created: bool


class Refused(ValueError):
    """What the rules do not allow, whoever calls: its message is a msgid a page translates and shows."""


NOT_YOURS = N_("This module is not one of yours.")
LOCKED = N_("This module is locked: pass the modules it requires first.")
NO_ATTEMPTS_LEFT = N_("You have used every attempt this module allows.")
OUT_OF_ORDER = N_("This quiz was submitted meanwhile, in another tab or window. Open the module again.")


def check_open(db: Database, user_id: int, module: TrainingModule, catalog: Sequence[TrainingModule]) -> None:
    """Refuse a module not meant for the learner's stored role, or still locked by a prerequisite (looked up in
    `catalog`: a prerequisite it does not hold cannot be shown passed, so the module stays locked)."""
    role = store.accounts.role_of(db, user_id)
    if role is None or not module.is_for(role):
        raise Refused(NOT_YOURS)
    if not module.requires:
        return
    required = [m for m in catalog if m.id in module.requires]
    passed = {row.module.id for row in progress_of(db, user_id, required) if row.status == PASSED}
    if set(module.requires) - passed:
        raise Refused(LOCKED)


def scored(
    module: TrainingModule, answers: Mapping[str, Answer]
) -> tuple[ScoreResult, list[tuple[str, frozenset[int], float]]]:
    """The quiz's result and its answers as stored (question, options chosen, credit): what an attempt records."""
    result = score(module, answers)
    return result, [(q.id, chosen_set(answers.get(q.id)), result.credits[q.id]) for q in module.questions]


def submit_quiz(
    db: Database,
    user_id: int,
    module: TrainingModule,
    attempt_no: int,
    answers: Mapping[str, Answer],
    submitted_at: str | None = None,
    *,
    catalog: Sequence[TrainingModule] = (),
) -> Submission:
    """Score and record one attempt, under every rule of a quiz: the module is the learner's and unlocked, the
    attempt is the next one (or the same one again: a double click records it once) and within
    `max_attempts`. Raises `Refused` otherwise."""
    check_open(db, user_id, module, catalog)
    result, rows = scored(module, answers)
    saved = store.learning.save_attempt(
        db,
        user_id=user_id,
        module_id=module.id,
        attempt_no=attempt_no,
        content_hash=module.content_hash,
        percent=result.percent,
        passed=result.passed,
        answers=rows,
        submitted_at=submitted_at,
        max_attempts=module.max_attempts,
    )
    if saved is None:
        over = module.max_attempts is not None and attempt_no > module.max_attempts
        raise Refused(NO_ATTEMPTS_LEFT if over else OUT_OF_ORDER)
    return Submission(saved[0], result, saved[1])


def next_attempt(db: Database, user_id: int, module: TrainingModule) -> int:
    """The number the quiz shown now will be submitted under (fixed when shown: a double click sends it twice)."""
    return store.learning.next_attempt_no(db, user_id, module.id)


@dataclass(frozen=True)
class QuestionReview:
    number: int
    question: Question
    chosen: frozenset[int]
    credit: float

    @property
    def right(self) -> bool:
        return self.credit >= 1

    @property
    def partly(self) -> bool:
        return 0 < self.credit < 1


def review(module: TrainingModule, stored: Mapping[str, store.learning.StoredAnswer]) -> list[QuestionReview]:
    """Pair each current question with what was answered to it (nothing if it is new)."""
    reviews = []
    for number, question in enumerate(module.questions, 1):
        answer: store.learning.StoredAnswer = stored.get(question.id, {"chosen": set(), "credit": 0.0})
        reviews.append(QuestionReview(number, question, frozenset(answer["chosen"]), answer["credit"]))
    return reviews
