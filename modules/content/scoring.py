"""Quiz scoring exactly as the content contract states it (part of the format: the checker scores too).

Credits are computed as fractions so that the pass decision is exact: a quiz
at exactly the pass mark passes, whatever floating point would say.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from modules.content.model import Question, TrainingModule

Answer = Iterable[int] | int | None


@dataclass(frozen=True)
class ScoreResult:
    percent: float
    passed: bool
    credits: dict[str, float]

    @property
    def right(self) -> int:
        """Questions answered fully right."""
        return sum(1 for credit in self.credits.values() if credit == 1)


def chosen_set(answer: Answer) -> frozenset[int]:
    """Accept a set, list, single index or nothing, as widgets hand them over."""
    if answer is None:
        return frozenset()
    if isinstance(answer, bool):
        raise TypeError("an answer is option indexes, not True or False")
    if isinstance(answer, int):
        return frozenset({answer})
    return frozenset(int(i) for i in answer)


def credit(question: Question, chosen: frozenset[int]) -> Fraction:
    """The contract's credit for one question, between 0 and 1."""
    chosen = frozenset(i for i in chosen if 0 <= i < len(question.options))
    if not question.multiple:
        return Fraction(1) if len(chosen) == 1 and chosen <= question.correct else Fraction(0)
    right = len(chosen & question.correct)
    wrong = len(chosen - question.correct)
    return max(Fraction(0), Fraction(right - wrong, len(question.correct)))


def score(module: TrainingModule, answers: Mapping[str, Answer]) -> ScoreResult:
    """Score a whole quiz; questions without an answer score 0."""
    if not module.questions:
        raise ValueError(f"module '{module.id}' has no quiz to score")
    credits = {q.id: credit(q, chosen_set(answers.get(q.id))) for q in module.questions}
    percent = 100 * sum(credits.values(), Fraction(0)) / len(module.questions)
    return ScoreResult(
        percent=float(percent),
        passed=percent >= module.pass_mark,
        credits={qid: float(c) for qid, c in credits.items()},
    )


def option_order(module: TrainingModule, question: Question, seed: str) -> list[int]:
    """The order options are shown in: file order, or a stable shuffle per attempt.

    The seed (learner, module, attempt number) keeps the order still across
    reruns of the same attempt; scoring always refers to file order.
    """
    order = list(range(len(question.options)))
    if module.shuffle:
        random.Random(f"{seed}:{question.id}").shuffle(order)
    return order
