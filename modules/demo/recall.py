"""Simulated daily practice for the demo and benchmark organisations: some learners regular, some not.

Each employee who passed modules practises from the day after each pass until
yesterday (today's practice is left for whoever signs in), with a habit drawn
once: most days, some days, or never. Answers are right with the chance FSRS
predicts (a little lower for a new question), and cards move with the same
scheduler the portal uses, so every recall chart has something real to show.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

from fsrs import Card, Rating
from sqlite_utils import Database

from modules import store
from modules.content.model import Question, TrainingModule
from modules.demo import history
from modules.learning.progress import spec
from modules.learning.recall import DAILY, SCHEDULER, version_of
from modules.store.clock import day_number, timestamp

HABITS = ((0.45, 0.85), (0.35, 0.3), (0.20, 0.0))  # (share of people, chance to practise on a given day)


def simulate_practice(
    db: Database, rng: random.Random, modules: list[TrainingModule], now: datetime, weeks: int
) -> int:
    """Practice history for every employee with a pass, over the last `weeks`, one draw after another (the named
    demo: the same every install); returns the answers written."""
    cards, reviews = _practised(_passes(db, modules), lambda _user: rng, modules, now, weeks)
    store.recall.add_practice_history(db, cards, reviews)
    return len(reviews)


def generate_practice(
    db: Database, seed: int, modules: list[TrainingModule], now: datetime, weeks: int, workers: int
) -> int:
    """The same for a generated organisation: each person with their own draws, simulated by `workers`
    processes a batch at a time (FSRS's scheduling is most of a generated history's time)."""
    tasks = [(batch, seed, modules, now, weeks) for batch in history.batches(_passes(db, modules))]
    cards, reviews = [], []
    for batch_cards, batch_reviews in history.in_parallel(_batch, tasks, workers):
        cards += batch_cards
        reviews += batch_reviews
    store.recall.add_practice_history(db, cards, reviews)
    return len(reviews)


def _batch(
    people: list[tuple[int, dict[str, str]]], seed: int, modules: list[TrainingModule], now: datetime, weeks: int
) -> tuple[list[tuple], list[tuple]]:
    """A worker's task: one batch's cards and reviews, each person with their own draws."""
    return _practised(people, lambda user_id: history.draws(seed, user_id, "practice"), modules, now, weeks)


def _practised(
    people: list[tuple[int, dict[str, str]]],
    draws: Callable[[int], random.Random],
    modules: list[TrainingModule],
    now: datetime,
    weeks: int,
) -> tuple[list[tuple], list[tuple]]:
    """The cards and reviews of `people` (each with their first passes), drawing from `draws(person)`."""
    questions = _questions(modules)
    cards, reviews = [], []
    for user_id, passed in people:
        person_cards, person_reviews = _person(draws(user_id), user_id, passed, questions, now, weeks)
        cards += person_cards
        reviews += person_reviews
    return cards, reviews


def _questions(modules: list[TrainingModule]) -> dict[tuple[str, str], Question]:
    return {(m.id, q.id): q for m in modules if m.practice for q in m.questions}


def _passes(db: Database, modules: list[TrainingModule]) -> list[tuple[int, dict[str, str]]]:
    """Each employee's first passes of the practised modules, by person in id order."""
    practised = [m for m in modules if m.practice]
    return sorted(
        store.recall.members_first_passes(db, store.scope.Scope(0, tuple(spec(m) for m in practised))).items()
    )


def _person(
    rng: random.Random,
    user_id: int,
    passed: dict[str, str],
    questions: dict[tuple[str, str], Question],
    now: datetime,
    weeks: int,
) -> tuple[list[tuple], list[tuple]]:
    """One person's cards and reviews: a habit drawn once, then each day from the day after their first pass."""
    chance = _habit(rng)
    if not chance:
        return [], []
    cards: dict[tuple[str, str], Card] = {}
    reviews = []
    start = (now - timedelta(weeks=weeks)).date()
    day = max(start, min(datetime.fromisoformat(t).date() for t in passed.values()) + timedelta(days=1))
    while day < now.date():
        if rng.random() < chance:
            moment = datetime.combine(day, time(hour=rng.randint(7, 20), minute=rng.randint(0, 59)), UTC)
            reviews += _practise(rng, user_id, cards, passed, questions, moment)
        day += timedelta(days=1)
    return [
        (user_id, m, q, version_of(questions[(m, q)]), int(c.state), c.stability, c.difficulty,
         timestamp(c.due), timestamp(c.last_review) if c.last_review else None,
         day_number(c.last_review) if c.last_review else None)
        for (m, q), c in cards.items()
    ], reviews  # fmt: skip


def _habit(rng: random.Random) -> float:
    draw = rng.random()
    for share, chance in HABITS:
        if draw < share:
            return chance
        draw -= share
    return 0.0


def _practise(
    rng: random.Random,
    user_id: int,
    cards: dict[tuple[str, str], Card],
    passed: dict[str, str],
    questions: dict,
    moment: datetime,
) -> list[tuple]:
    """One day's practice, as the portal would serve it: due questions first, then new ones."""
    day = moment.date().isoformat()
    eligible = [key for key in questions if key[0] in passed and passed[key[0]] < day]
    due = sorted((c.due, key) for key, c in cards.items() if c.due.date() <= moment.date())
    new = [key for key in eligible if key not in cards]
    ahead = sorted((c.due, key) for key, c in cards.items() if c.due.date() > moment.date())
    rows = []
    for key in ([k for _, k in due] + new + [k for _, k in ahead])[:DAILY]:
        card = cards.get(key, Card(card_id=1))
        known = key in cards
        chance = SCHEDULER.get_card_retrievability(card, moment) if known else 0.8
        right = rng.random() < chance
        seen = card.last_review if known else datetime.fromisoformat(passed[key[0]]).replace(tzinfo=UTC)
        moved, _ = SCHEDULER.review_card(card, Rating.Good if right else Rating.Again, moment)
        cards[key] = moved
        rows.append(
            (user_id, key[0], key[1], day, timestamp(moment), int(Rating.Good if right else Rating.Again), int(right),
             (moment - seen).total_seconds() / 86_400 if seen else None, chance if known else None,
             (moved.due - moment).total_seconds() / 86_400)
        )  # fmt: skip
    return rows
