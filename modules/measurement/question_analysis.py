"""Question analysis: which questions work, which do not, and why.

Facility is the mean credit. Discrimination is the correlation between a
question's credit and the rest of the quiz score (the score without that
question), as Moodle's quiz statistics compute it, so a question strong
learners miss more than weak ones shows a negative value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sqlite_utils import Database

from modules import store
from modules.content import rubric
from modules.content.model import TrainingModule
from modules.i18n import Translate, untranslated

EASY, HARD, WEAK = 0.9, 0.35, 0.1
INVERTED = -0.05  # below this, clearly reversed; between it and 0, no separation at all
MIN_ANSWERS = 10  # below this, figures are shown but not judged
MIN_FOR_SEPARATION = 30  # a weak correlation means something only on enough answers


@dataclass
class QuestionStats:
    number: int
    question_id: str
    prompt: str
    answers: int
    facility: float | None
    discrimination: float | None
    options: list[dict] = field(default_factory=list)  # text, correct, chosen, share
    flags: list[str] = field(default_factory=list)


def correlation(n: int, sx: float, sy: float, sxx: float, syy: float, sxy: float) -> float | None:
    """Pearson's r from sums; None when either side does not vary."""
    if n < 2:
        return None
    cov = n * sxy - sx * sy
    var_x, var_y = n * sxx - sx * sx, n * syy - sy * sy
    if var_x <= 1e-12 or var_y <= 1e-12:
        return None
    return cov / math.sqrt(var_x * var_y)


def flags_for(stats: QuestionStats, _: Translate = untranslated) -> list[str]:
    if stats.answers < MIN_ANSWERS or stats.facility is None:
        return []
    found = []
    if stats.facility >= EASY:
        found.append(_("almost everyone gets it right"))
    if stats.facility <= HARD:
        found.append(_("most learners miss it"))
    tempting = [
        o
        for o in stats.options
        if not o["correct"]
        and o["share"] is not None
        and o["share"] > max((c["share"] or 0) for c in stats.options if c["correct"])
    ]
    if tempting:
        found.append(
            _("misleading: a wrong option is chosen more often than the right one («{option}»)").format(
                option=tempting[0]["text"]
            )
        )
    r = stats.discrimination
    if r is not None and r < INVERTED:
        found.append(_("strong learners miss it more than weak ones"))
    elif r is not None and (
        r < 0  # never fine, whatever the count: the page says so
        or (r < WEAK and stats.answers >= MIN_FOR_SEPARATION and HARD < stats.facility < EASY)
    ):
        found.append(_("does not separate strong from weak learners"))
    return found


def analyse(db: Database, module: TrainingModule, first_only: bool, _: Translate = untranslated) -> list[QuestionStats]:
    """Statistics for every current question of the module, in quiz order."""
    sums = {row["question_id"]: row for row in store.analysis.question_sums(db, module.id, first_only)}
    counts: dict[str, dict[int, int]] = {}
    for row in store.analysis.option_counts(db, module.id, first_only):
        counts.setdefault(row["question_id"], {})[row["option"]] = row["chosen"]
    result = []
    for number, question in enumerate(module.questions, 1):
        row = sums.get(question.id)
        n = row["n"] if row else 0
        stats = QuestionStats(
            number,
            question.id,
            question.prompt,
            n,
            facility=row["sx"] / n if n else None,
            discrimination=correlation(n, row["sx"], row["sy"], row["sxx"], row["syy"], row["sxy"]) if n else None,
            options=[
                {
                    "text": text,
                    "correct": i in question.correct,
                    "chosen": counts.get(question.id, {}).get(i, 0),
                    "share": counts.get(question.id, {}).get(i, 0) / n if n else None,
                }
                for i, text in enumerate(question.options)
            ],
        )
        stats.flags = flags_for(stats, _)
        result.append(stats)
    return result


@dataclass(frozen=True)
class SituationStats:
    asked_id: str
    prompt: str
    answers: int
    right_share: float | None


@dataclass(frozen=True)
class PracticeStats:
    """One idea's practice answers, per situation it was asked in: a variant far below the others is
    worded worse, or tests something else."""

    question_id: str
    prompt: str
    situations: list[SituationStats]


@dataclass(frozen=True)
class SayStats:
    """How learners rate their own words on a "What would you say?": a low level, or a high level given
    unsure, points at a situation the module does not prepare people for."""

    question_id: str
    prompt: str
    after_quiz: int
    in_practice: int
    mean_level: float | None
    reached_share: float | None  # at the rubric's expected level or above, after the quiz
    sure_share: float | None


def in_practice(db: Database, module: TrainingModule) -> list[PracticeStats]:
    """The practice answers of each question with variants, per situation in file order."""
    counts = {(r["question_id"], r["asked_id"]): r for r in store.practice_answers.situations(db, module.id)}
    found = []
    for question in module.questions:
        if not question.variants:
            continue
        situations = []
        for situation in question.situations:
            row = counts.get((question.id, situation.id))
            n = row["answers"] if row else 0
            share = row["right_answers"] / n if row and n else None
            situations.append(SituationStats(situation.id, situation.prompt, n, share))
        found.append(PracticeStats(question.id, question.prompt, situations))
    return found


def self_ratings(db: Database, module: TrainingModule) -> list[SayStats]:
    """Each "What would you say?" of the module: the ratings after the quiz and in practice together."""
    after = {r["question_id"]: r for r in store.practice_answers.self_ratings(db, module.id, rubric.EXPECTED)}
    practice = {r["question_id"]: r for r in store.practice_answers.situations(db, module.id)}
    found = []
    for question in module.say_questions:
        quiz, drill = after.get(question.id), practice.get(question.id)
        n_quiz, n_drill = quiz["ratings"] if quiz else 0, drill["answers"] if drill else 0
        total = n_quiz + n_drill
        levels = (quiz["level_sum"] if quiz else 0) + (drill["level_sum"] if drill else 0)
        sure = (quiz["sure"] if quiz else 0) + (drill["sure"] if drill else 0)
        found.append(
            SayStats(
                question.id,
                question.prompt,
                n_quiz,
                n_drill,
                levels / total if total else None,
                quiz["reached"] / n_quiz if quiz and n_quiz else None,
                sure / total if total else None,
            )
        )
    return found
