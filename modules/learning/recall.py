"""Daily practice: a few questions a day from the modules a learner passed, spaced by FSRS.

Each question a learner passed comes back just before it would be forgotten:
FSRS keeps a memory state per learner and question (a card). A right answer is
rated Good, anything else Again. Practice starts the day after a module is
passed (the quiz itself was the first retrieval). A question whose text,
options or key changed since it was learned starts again as a new card; its
history is kept.

A question with variants is one card asked in another situation each time (the
quiz asked the first): recognising a wording is not recalling an idea. A "What
would you say?" question is a card too; the learner's rating of their own words
on the skill's rubric, and how sure they are, rate it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State
from sqlite_utils import Database

from modules import store
from modules.content import rubric
from modules.content.model import Question, SayQuestion, TrainingModule
from modules.content.scoring import credit
from modules.i18n import N_
from modules.learning.learner import Refused
from modules.learning.progress import spec
from modules.store.clock import day_bounds, day_number, days_between, timestamp, today

# Whole days: no same-day learning steps in a once-a-day practice.
SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
DAILY = 5  # about three minutes
DECAY = SCHEDULER.parameters[20]
FACTOR = 0.9 ** (1 / -DECAY) - 1
NOT_PRACTISED = N_("This question is not in your practice: it comes from a module you have not passed before today.")
NOT_A_RATING = N_("Choose the level your words reached and how sure you are.")
CONFIDENCE = store.practice_answers.CONFIDENCE  # the stored scale: not sure, fairly sure, sure
Practised = Question | SayQuestion  # what a card is about


@dataclass(frozen=True)
class PracticeItem:
    module: TrainingModule
    question: Practised  # the card: a quiz question or a "What would you say?"
    asked: Question | None = None  # the situation shown, when a variant: else the question itself

    @property
    def shown(self) -> Practised:
        return self.asked or self.question


@dataclass(frozen=True)
class Practice:
    """Today's practice for one learner."""

    items: list[PracticeItem]  # still to answer today, most overdue first
    answered: int  # answered today
    right: int  # of which right
    streak: int  # days in a row with practice, today or yesterday included

    @property
    def done_for_today(self) -> bool:
        return not self.items and self.answered > 0


@dataclass(frozen=True)
class Feedback:
    right: bool
    credit: float
    next_in_days: float
    recorded: bool  # False when this answer had already been recorded (double click, second tab)


def version_of(question: Practised) -> str:
    """What a learner learned of a question, whatever the language it is read in: its options and its key. A new
    option or a new key makes it a new card; the same question in French, or a wording fixed, stays the card
    (a hash of the wording made every card new when a learner switched language, and changed the day's questions).
    Variants are not in it: writing a new situation of an idea keeps what the learner knows of the idea."""
    if isinstance(question, SayQuestion):
        shape = [question.id, "say", "v2"]
    else:
        shape = [question.id, str(len(question.options)), ",".join(map(str, sorted(question.correct))), "v2"]
    return hashlib.sha256("\x1f".join(shape).encode()).hexdigest()[:16]


def _worded(question: Practised) -> str:
    """The version cards were stored with before `version_of` (a hash of the wording): still the same card."""
    if isinstance(question, SayQuestion):
        return version_of(question)
    text = "\x1f".join([question.prompt, *question.options, ",".join(map(str, sorted(question.correct)))])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def same_card(version: str, question: Practised) -> bool:
    return version in (version_of(question), _worded(question))


def retrievability(stability: float | None, last_review: str | None, when: datetime) -> float | None:
    """FSRS's predicted chance of recalling now (the same curve as `Scheduler.get_card_retrievability`),
    computed from stored columns so thousands of cards need no Card objects."""
    if not stability or not last_review:
        return None
    elapsed = max(0, int(days_between(last_review, timestamp(when))))  # whole days, as FSRS counts them
    return (1 + FACTOR * elapsed / stability) ** -DECAY


def first_passes(db: Database, user_id: int, modules: list[TrainingModule]) -> dict[str, str]:
    """When the learner first passed each of these modules ("passed" as every page decides it)."""
    return store.recall.first_passes(db, user_id, store.scope.Scope(user_id, tuple(spec(m) for m in modules)))


def starts_tomorrow(passes: dict[str, str], now: datetime) -> bool:
    """Every module was first passed today: practice asks only of what was passed before today."""
    start_of_day, _end = day_bounds(now)
    return bool(passes) and all(passed >= start_of_day for passed in passes.values())


def next_situation(question: Practised, last_asked: str | None) -> Question | None:
    """The variant after the one asked last (the quiz asked the question itself), round and round; None when the
    question itself comes next."""
    if isinstance(question, SayQuestion) or not question.variants:
        return None
    ids = [s.id for s in question.situations]
    at = ids.index(last_asked) if last_asked in ids else 0
    following = question.situations[(at + 1) % len(ids)]
    return None if following is question else following


def cards_of(module: TrainingModule) -> list[Practised]:
    """What a module brings to the practice: its quiz questions, then its "What would you say?" questions."""
    return [*module.questions, *module.say_questions]


def todays_practice(db: Database, user_id: int, modules: list[TrainingModule], now: datetime) -> Practice:
    """Due questions first (most overdue first), then new ones from passed modules, then the ones due soonest,
    up to `DAILY` a day."""
    day = today(now).isoformat()
    done = store.recall.reviews_on(db, user_id, day)
    answered = {(r["module_id"], r["question_id"]) for r in done}
    passes, cards = first_passes(db, user_id, modules), store.recall.cards_of(db, user_id)
    start_of_day, end_of_day = day_bounds(now)
    due: list[tuple[str, PracticeItem]] = []
    new: list[tuple[int, int, PracticeItem]] = []
    ahead: list[tuple[str, PracticeItem]] = []
    for order, module in enumerate(modules):
        if not module.practice or passes.get(module.id, end_of_day) >= start_of_day:  # passed before today
            continue
        for index, question in enumerate(cards_of(module)):
            if (module.id, question.id) in answered:
                continue
            card = cards.get((module.id, question.id))
            known = card is not None and same_card(card["version"], question)
            item = PracticeItem(
                module, question, next_situation(question, card["last_asked"] if known and card else None)
            )
            if card is None or not known:
                new.append((index, order, item))  # modules interleaved
            elif card["due"] < end_of_day:
                due.append((card["due"], item))
            else:
                ahead.append((card["due"], item))
    room = max(0, DAILY - len(done))
    items = [item for _, item in sorted(due, key=lambda d: d[0])][:room]
    items += [item for *_, item in sorted(new, key=lambda n: n[:2])][: room - len(items)]
    # Nothing left due: the questions due soonest, a little early, so there is always a practice of the day.
    items += [item for _, item in sorted(ahead, key=lambda d: d[0])][: room - len(items)]
    return Practice(items, len(done), sum(r["correct"] for r in done), streak(db, user_id, now))


def answer(db: Database, user_id: int, item: PracticeItem, chosen: set[int], now: datetime) -> Feedback:
    """Score one practice answer on the situation asked, move its card with FSRS and record both, once a day per
    question. Only a question the module has, in one of its situations, of a module the learner passed before
    today (as `todays_practice` offers them): `Refused` otherwise, whoever calls."""
    question = item.question
    if isinstance(question, SayQuestion) or not _offered(item):
        raise Refused(NOT_PRACTISED)
    asked = item.asked or question
    if all(s is not asked and s.id != asked.id for s in question.situations):
        raise Refused(NOT_PRACTISED)
    got = float(credit(asked, frozenset(chosen)))
    right = got == 1.0
    return _record(db, user_id, item, Rating.Good if right else Rating.Again, got, now, (None, None))


def answer_say(db: Database, user_id: int, item: PracticeItem, level: int, confidence: int, now: datetime) -> Feedback:
    """Record a "What would you say?" by the learner's own rating of their words: below the rubric's expected
    level it comes back soon (Again); at it, sooner when unsure (Hard) than when sure (Good); above it and sure,
    later (Easy). Confidence schedules, the level decides whether it was right."""
    if not isinstance(item.question, SayQuestion) or not _offered(item):
        raise Refused(NOT_PRACTISED)
    rating = say_rating(level, confidence)
    return _record(db, user_id, item, rating, float(level >= rubric.EXPECTED), now, (level, confidence))


def say_rating(level: int, confidence: int) -> Rating:
    """FSRS's rating of a self-rated answer; `Refused` for a level or a confidence off the scales."""
    if level not in range(1, rubric.LEVELS + 1) or confidence not in CONFIDENCE:
        raise Refused(NOT_A_RATING)
    if level < rubric.EXPECTED:
        return Rating.Again
    if level == rubric.EXPECTED:
        return Rating.Good if confidence > 1 else Rating.Hard
    return Rating.Easy if confidence == CONFIDENCE[-1] else Rating.Good


def _offered(item: PracticeItem) -> bool:
    """The card is one the module has (a question of another module cannot be slipped in)."""
    return any(c is item.question or c.id == item.question.id for c in cards_of(item.module))


def _record(
    db: Database,
    user_id: int,
    item: PracticeItem,
    rating: Rating,
    got: float,
    now: datetime,
    self_rating: tuple[int | None, int | None],
) -> Feedback:
    """Move the card with FSRS and write it with the review, once a day per question; only for a module the
    learner passed before today."""
    module, question = item.module, item.question
    passed = first_passes(db, user_id, [module]).get(module.id)
    if not module.practice or passed is None or passed >= day_bounds(now)[0]:
        raise Refused(NOT_PRACTISED)
    right = got == 1.0
    stored = store.recall.cards_of(db, user_id).get((module.id, question.id))
    version = version_of(question)
    known = stored if stored is not None and same_card(stored["version"], question) else None
    card = _card(known) if known else Card(card_id=1)
    since = known["last_review"] if known else passed
    moved, _log = SCHEDULER.review_card(card, rating, now)
    asked = item.shown.id
    recorded = store.recall.record_review(
        db,
        user_id,
        {
            "module_id": module.id,
            "question_id": question.id,
            "version": version,
            "state": int(moved.state),
            "stability": moved.stability,
            "difficulty": moved.difficulty,
            "due": timestamp(moved.due),
            "last_review": timestamp(moved.last_review or now),
            "last_review_day": day_number(moved.last_review or now),
            "last_asked": asked,
        },
        {
            "module_id": module.id,
            "question_id": question.id,
            "day": today(now).isoformat(),
            "reviewed_at": timestamp(now),
            "rating": int(rating),
            "correct": int(right),
            "elapsed_days": days_between(since, timestamp(now)) if since else None,
            "retrievability": SCHEDULER.get_card_retrievability(card, now) if known else None,
            "interval_days": (moved.due - now).total_seconds() / 86_400,
            "asked_id": asked,
            "self_level": self_rating[0],
            "confidence": self_rating[1],
        },
    )
    return Feedback(right, got, (moved.due - now).total_seconds() / 86_400, recorded)


def _card(stored: store.recall.Card) -> Card:
    def moment(text: str | None) -> datetime | None:
        return datetime.fromisoformat(text).replace(tzinfo=UTC) if text else None

    return Card(
        card_id=1,
        state=State(stored["state"]),
        step=None,
        stability=stored["stability"],
        difficulty=stored["difficulty"],
        due=moment(stored["due"]),
        last_review=moment(stored["last_review"]),
    )


def streak(db: Database, user_id: int, now: datetime) -> int:
    """Days in a row with at least one practice answer, ending today (or yesterday: today is not over)."""
    day = today(now)
    days = {date.fromisoformat(d) for d in store.recall.review_days(db, user_id, (day - timedelta(400)).isoformat())}
    start = day if day in days else day - timedelta(days=1)
    count = 0
    while start - timedelta(days=count) in days:
        count += 1
    return count
