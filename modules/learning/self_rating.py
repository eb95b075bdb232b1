"""The "What would you say?" questions after the quiz: the learner rates their own words on the skill's rubric.

Not part of the score (free words have no key); the ratings show a trainer which situations learners feel
unready for. The daily practice rates the same questions again later (`recall.answer_say`).
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from modules import store
from modules.content.model import SayQuestion, TrainingModule
from modules.i18n import N_
from modules.learning.learner import Refused
from modules.learning.recall import say_rating
from modules.store.clock import timestamp, today

QUIZ_FIRST = N_("Submit the quiz first: your own words are rated after it.")


def rate_after_quiz(
    db: Database,
    user_id: int,
    module: TrainingModule,
    question: SayQuestion,
    level: int,
    confidence: int,
    now: datetime,
) -> None:
    """Record one self-rating, once a day per question (the day's last one counts); only for a question of the
    module, on the rubric's scales, by a learner who has submitted its quiz."""
    if all(q.id != question.id for q in module.say_questions):
        raise Refused(QUIZ_FIRST)
    say_rating(level, confidence)  # refuses a level or a confidence off the scales
    if not store.learning.attempts_of(db, user_id, module.id):
        raise Refused(QUIZ_FIRST)
    rating: dict[str, str | int] = {
        "module_id": module.id,
        "question_id": question.id,
        "day": today(now).isoformat(),
        "checked_at": timestamp(now),
        "level": level,
        "confidence": confidence,
    }
    store.practice_answers.record_self_rating(db, user_id, rating)


def rated_today(
    db: Database, user_id: int, module: TrainingModule, question: SayQuestion, now: datetime
) -> tuple[int, int] | None:
    """The level and confidence saved today for this question, if any: the form says it stays saved after the
    toast has gone, and a second rating that day replaces it."""
    return store.practice_answers.own_rating(db, user_id, module.id, question.id, today(now).isoformat())
