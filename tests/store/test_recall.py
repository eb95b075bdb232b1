"""Daily practice: scheduling against FSRS itself, once-only answers, changed questions, streaks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating

from modules import store
from modules.content import load_catalog
from modules.learning import learner, recall

ROOT = Path(__file__).resolve().parents[2]
DAY1 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def modules():
    return load_catalog(ROOT / "content").for_language("en")


@pytest.fixture
def db(database: str):
    with store.opened(database) as handle:
        yield handle


@pytest.fixture
def alice(db, modules) -> int:
    """A learner who passed the welcome module the day before DAY1."""
    user = store.add_user(db, "alice", "Alice", "h", "employee")
    welcome = modules[0]
    answers = {q.id: set(q.correct) for q in welcome.questions}
    learner.submit_quiz(db, user, welcome, 1, answers, submitted_at="2026-11-01 15:00:00")
    return user


def test_practice_starts_the_day_after_a_pass_with_new_questions(db, alice, modules) -> None:
    same_day = recall.todays_practice(db, alice, modules, datetime(2026, 11, 1, 18, 0, tzinfo=UTC))
    assert same_day.items == [] and not same_day.done_for_today  # the quiz itself was today's retrieval
    practice = recall.todays_practice(db, alice, modules, DAY1)
    assert len(practice.items) == recall.DAILY and {i.module.id for i in practice.items} == {"welcome"}
    assert (practice.answered, practice.streak) == (0, 0)


def test_scheduling_follows_fsrs_on_a_fixed_sequence_of_answers(db, alice, modules) -> None:
    item = recall.todays_practice(db, alice, modules, DAY1).items[0]
    card, when = Card(card_id=1), DAY1
    for right in (True, True, False, True):
        chosen = set(item.question.correct) if right else {next(i for i in range(9) if i not in item.question.correct)}
        feedback = recall.answer(db, alice, item, chosen, when)
        card, _ = recall.SCHEDULER.review_card(card, Rating.Good if right else Rating.Again, when)
        stored = store.cards_of(db, alice)[(item.module.id, item.question.id)]
        assert feedback.right is right and stored["due"] == store.timestamp(card.due)
        assert stored["stability"] == pytest.approx(card.stability)
        when = card.due  # the learner comes back exactly when it is due
    assert [r["correct"] for r in store.reviews_on(db, alice, DAY1.date().isoformat())] == [1]


def test_an_answer_is_recorded_once_a_day(db, alice, modules) -> None:
    item = recall.todays_practice(db, alice, modules, DAY1).items[0]
    first = recall.answer(db, alice, item, set(item.question.correct), DAY1)
    again = recall.answer(db, alice, item, set(), DAY1 + timedelta(seconds=1))  # a double click, a second tab
    assert first.recorded and not again.recorded
    assert len(store.reviews_on(db, alice, DAY1.date().isoformat())) == 1
    assert store.cards_of(db, alice)[(item.module.id, item.question.id)]["last_review"] == store.timestamp(DAY1)
    left = recall.todays_practice(db, alice, modules, DAY1 + timedelta(minutes=1))
    assert len(left.items) == recall.DAILY - 1 and item not in left.items and left.answered == 1


def test_a_day_of_practice_ends_and_the_streak_counts_days_in_a_row(db, alice, modules) -> None:
    for offset in range(3):
        when = DAY1 + timedelta(days=offset)
        items = recall.todays_practice(db, alice, modules, when).items
        for item in items:
            recall.answer(db, alice, item, set(item.question.correct), when)
        today = recall.todays_practice(db, alice, modules, when + timedelta(hours=1))
        assert today.done_for_today and today.answered == today.right == len(items) > 0
    assert recall.todays_practice(db, alice, modules, DAY1 + timedelta(days=3)).streak == 3  # yesterday counts
    assert recall.todays_practice(db, alice, modules, DAY1 + timedelta(days=5)).streak == 0


def test_a_changed_question_starts_again_and_a_removed_one_leaves_practice(db, alice, modules) -> None:
    item = recall.todays_practice(db, alice, modules, DAY1).items[0]
    recall.answer(db, alice, item, set(item.question.correct), DAY1)
    welcome = modules[0]
    changed = type(item.question)(**{**item.question.__dict__, "prompt": item.question.prompt + " (revised)"})
    revised = type(welcome)(**{**welcome.__dict__, "questions": [changed, *welcome.questions[1:]]})
    later = DAY1 + timedelta(days=1)
    practice = recall.todays_practice(db, alice, [revised, *modules[1:]], later)
    assert any(i.question.prompt.endswith("(revised)") for i in practice.items)  # new again, not lost
    trimmed = type(welcome)(**{**welcome.__dict__, "questions": welcome.questions[1:]})
    assert all(i.question.id != item.question.id for i in recall.todays_practice(db, alice, [trimmed], later).items)


def test_a_module_can_be_left_out_of_practice(db, alice, modules) -> None:
    welcome = type(modules[0])(**{**modules[0].__dict__, "practice": False})
    assert recall.todays_practice(db, alice, [welcome], DAY1).items == []


def test_retrievability_is_fsrs_own() -> None:
    card, _ = recall.SCHEDULER.review_card(Card(card_id=1), Rating.Good, DAY1)
    later = DAY1 + timedelta(days=4, hours=3)
    ours = recall.retrievability(card.stability, store.timestamp(card.last_review), later)
    assert ours == pytest.approx(recall.SCHEDULER.get_card_retrievability(card, later))
