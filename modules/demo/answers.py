"""How a simulated learner answers: a small item-response model.

A learner has an ability for the attempt and each question a difficulty; the
further the ability is above the difficulty, the surer the right answer. Both
sit on one scale, so strong learners get more questions right than weak ones
on every question, as in a sound quiz: question analysis of the demo then
flags only what the demo makes wrong on purpose (`HARD`, `TEMPTING`), not the
noise of independent coin flips on a few dozen learners.
"""

from __future__ import annotations

import math
import random
import zlib
from functools import lru_cache

from modules.content.model import Question, TrainingModule

# Questions the demo history makes hard, and wrong options that tempt even good learners.
HARD = {"three-dimensions": 0.35, "good-ending": 0.35}
TEMPTING = {"good-ending": 0, "third-call": 0}
DIFFICULTY = 0.73  # about the middle of the learners' abilities (0.55 to 0.98): most questions right two times in three
SPREAD = 0.02  # questions differ a little, always in the same way
TWO_OPTIONS_EASIER = 0.03  # a true/false missed by half the learners would read as misleading
STEEPNESS = 20  # how sharply ability decides: high enough that the strong reliably beat the weak


def simulate_answers(rng: random.Random, module: TrainingModule, ability: float) -> dict[str, set[int]]:
    """A whole quiz answered at one ability."""
    return {q.id: _answer(rng, q, ability) for q in module.questions}


def difficulty(question: Question) -> float:
    """Fixed per question (from its id), so every learner meets the same question."""
    return _difficulty(question.id, len(question.options))


@lru_cache(maxsize=1024)
def _difficulty(question_id: str, options: int) -> float:
    spread = (zlib.crc32(question_id.encode()) % 1001 / 500 - 1) * SPREAD
    easier = TWO_OPTIONS_EASIER if options == 2 else 0.0
    return DIFFICULTY + HARD.get(question_id, 0.0) + spread - easier


def _answer(rng: random.Random, question: Question, ability: float) -> set[int]:
    if question.id in TEMPTING and rng.random() < 0.3 + 0.3 * ability:  # the better you are, the likelier
        return {TEMPTING[question.id]}
    wrong = [i for i in range(len(question.options)) if i not in question.correct]
    knows = 1 / (1 + math.exp(-STEEPNESS * (ability - difficulty(question))))
    if rng.random() < knows or not wrong:
        return set(question.correct)
    if not question.multiple:
        return {rng.choice(wrong)}
    return {i for i in range(len(question.options)) if rng.random() < 0.5} or {rng.choice(wrong)}  # a guess
