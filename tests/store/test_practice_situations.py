"""Practice in another situation each time, "What would you say?" rated by the learner, and the counts a
trainer reads, on both engines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from modules import store
from modules.content import load_module
from modules.content.model import TrainingModule
from modules.learning import learner, recall, self_rating
from modules.measurement import question_analysis
from modules.store import summaries
from tests.unit.test_content_situations import situations_module

DAY1 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def peak(tmp_path: Path) -> TrainingModule:
    return load_module(situations_module(tmp_path))


@pytest.fixture
def ann(db, peak: TrainingModule) -> int:
    """A learner who passed the module the day before DAY1."""
    user = store.accounts.add_user(db, "ann", "Ann", "h", "employee")
    answers = {q.id: set(q.correct) for q in peak.questions}
    learner.submit_quiz(db, user, peak, 1, answers, submitted_at="2026-11-01 15:00:00")
    return user


def right_answer(item: recall.PracticeItem) -> set[int]:
    shown = item.shown
    assert not isinstance(shown, type(item.module.say_questions[0]))
    return set(shown.correct)


def test_each_practice_of_an_idea_asks_the_next_situation(db, ann, peak) -> None:
    asked, when = [], DAY1
    for _ in range(4):
        item = next(i for i in recall.todays_practice(db, ann, [peak], when).items if i.question.id == "peak-end")
        asked.append(item.shown.id)
        feedback = recall.answer(db, ann, item, right_answer(item), when)
        assert feedback.right and feedback.recorded  # scored on the situation's own key (the call's is option 2)
        when += timedelta(days=max(1, round(feedback.next_in_days)))
    assert asked == ["peak-end-hotel", "peak-end-call", "peak-end", "peak-end-hotel"]  # the quiz asked peak-end
    cards = store.recall.cards_of(db, ann)
    assert cards[(peak.id, "peak-end")]["last_asked"] == "peak-end-hotel"  # one card for the idea
    assert (peak.id, "peak-end-hotel") not in cards


def test_an_answer_is_scored_on_the_situation_shown_and_counted_per_situation(db, ann, peak) -> None:
    item = next(i for i in recall.todays_practice(db, ann, [peak], DAY1).items if i.question.id == "peak-end")
    assert item.shown.id == "peak-end-hotel"
    wrong = recall.answer(db, ann, item, set(item.question.correct), DAY1)  # the quiz's key, not the hotel's
    assert not wrong.right
    (review,) = store.recall.reviews_on(db, ann, DAY1.date().isoformat())
    assert (review["question_id"], review["asked_id"], review["correct"]) == ("peak-end", "peak-end-hotel", 0)
    kept = store.practice_answers.situations(db, peak.id)
    assert kept == store.practice_answers.situations_from_answers(db, peak.id)
    assert [(r["asked_id"], r["answers"], r["right_answers"]) for r in kept] == [("peak-end-hotel", 1, 0)]
    smuggled = recall.PracticeItem(peak, item.question, peak.questions[1])  # another question's wording
    with pytest.raises(learner.Refused):
        recall.answer(db, ann, smuggled, {0}, DAY1 + timedelta(days=1))


@pytest.mark.parametrize(
    "level, sure, rating, right",
    [(2, 3, Rating.Again, False), (3, 1, Rating.Hard, True), (3, 2, Rating.Good, True), (4, 3, Rating.Easy, True)],
)
def test_a_say_question_is_rated_by_the_learners_own_level_and_confidence(db, ann, peak, level, sure, rating, right):
    item = next(i for i in recall.todays_practice(db, ann, [peak], DAY1).items if i.question.id == "leaving-late")
    feedback = recall.answer_say(db, ann, item, level, sure, DAY1)
    assert feedback.right is right and feedback.recorded
    (review,) = store.recall.reviews_on(db, ann, DAY1.date().isoformat())
    assert (review["rating"], review["self_level"], review["confidence"]) == (int(rating), level, sure)
    (count,) = store.practice_answers.situations(db, peak.id)
    assert (count["asked_id"], count["level_sum"], count["sure"]) == ("leaving-late", level, int(sure == 3))
    assert not recall.answer_say(db, ann, item, 4, 3, DAY1 + timedelta(seconds=1)).recorded  # a double click


def test_a_rating_off_the_scales_or_for_a_choice_question_is_refused(db, ann, peak) -> None:
    items = recall.todays_practice(db, ann, [peak], DAY1).items
    say = next(i for i in items if i.question.id == "leaving-late")
    choice = next(i for i in items if i.question.id == "peak-end")
    for item, level, sure in ((say, 5, 3), (say, 3, 0), (choice, 3, 3)):
        with pytest.raises(learner.Refused):
            recall.answer_say(db, ann, item, level, sure, DAY1)
    with pytest.raises(learner.Refused):
        recall.answer(db, ann, say, {0}, DAY1)
    assert store.engine.count(db, "recall_reviews") == 0


def test_a_self_rating_after_the_quiz_is_kept_once_a_day(db, ann, peak) -> None:
    (say,) = peak.say_questions
    newcomer = store.accounts.add_user(db, "ben", "Ben", "h", "employee")
    with pytest.raises(learner.Refused):  # no quiz submitted yet
        self_rating.rate_after_quiz(db, newcomer, peak, say, 3, 2, DAY1)
    self_rating.rate_after_quiz(db, ann, peak, say, 2, 1, DAY1)
    self_rating.rate_after_quiz(db, ann, peak, say, 3, 3, DAY1 + timedelta(minutes=1))  # corrected, same day
    self_rating.rate_after_quiz(db, ann, peak, say, 4, 3, DAY1 + timedelta(days=1))
    (row,) = store.practice_answers.self_ratings(db, peak.id, 3)
    assert (row["ratings"], row["level_sum"], row["sure"], row["reached"]) == (2, 7, 2, 2)


def test_question_analysis_shows_each_situation_and_the_self_ratings(db, ann, peak) -> None:
    when = DAY1
    for _ in range(2):
        for item in recall.todays_practice(db, ann, [peak], when).items:
            if item.question.id == "leaving-late":
                recall.answer_say(db, ann, item, 3, 2, when)
            else:
                recall.answer(db, ann, item, right_answer(item), when)
        when += timedelta(days=30)
    self_rating.rate_after_quiz(db, ann, peak, peak.say_questions[0], 2, 1, DAY1)
    practice = question_analysis.in_practice(db, peak)
    peak_end = next(p for p in practice if p.question_id == "peak-end")
    assert [(s.asked_id, s.answers, s.right_share) for s in peak_end.situations] == [
        ("peak-end", 0, None),  # the quiz's own wording comes back third
        ("peak-end-hotel", 1, 1.0),
        ("peak-end-call", 1, 1.0),
    ]
    say = question_analysis.self_ratings(db, peak)
    assert [(s.question_id, s.after_quiz, s.in_practice) for s in say] == [("leaving-late", 1, 2)]
    assert say[0].mean_level == pytest.approx((2 + 3 + 3) / 3)


def test_the_kept_counts_are_rebuilt_from_every_answer(db, ann, peak) -> None:
    for item in recall.todays_practice(db, ann, [peak], DAY1).items:
        if item.question.id != "leaving-late":
            recall.answer(db, ann, item, {0}, DAY1)
    before = store.practice_answers.situations(db, peak.id)
    summaries.rebuild(db)
    assert (
        store.practice_answers.situations(db, peak.id)
        == before
        == store.practice_answers.situations_from_answers(db, peak.id)
    )
