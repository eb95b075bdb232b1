"""Daily practice: scheduling against FSRS itself, once-only answers, changed questions, streaks."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating

from modules import store
from modules.learning import learner, recall
from modules.measurement import recall_figures
from modules.store import schema
from modules.store.clock import day_number

ROOT = Path(__file__).resolve().parents[2]
DAY1 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def alice(db, modules) -> int:
    """A learner who passed the welcome module the day before DAY1."""
    user = store.accounts.add_user(db, "alice", "Alice", "h", "employee")
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
        chosen = set(item.shown.correct) if right else {next(i for i in range(9) if i not in item.shown.correct)}
        feedback = recall.answer(db, alice, item, chosen, when)
        card, _ = recall.SCHEDULER.review_card(card, Rating.Good if right else Rating.Again, when)
        stored = store.recall.cards_of(db, alice)[(item.module.id, item.question.id)]
        assert feedback.right is right and stored["due"] == store.clock.timestamp(card.due)
        assert stored["stability"] == pytest.approx(card.stability)
        when = card.due  # the learner comes back exactly when it is due
    assert [r["correct"] for r in store.recall.reviews_on(db, alice, DAY1.date().isoformat())] == [1]


def test_an_answer_is_recorded_once_a_day(db, alice, modules) -> None:
    item = recall.todays_practice(db, alice, modules, DAY1).items[0]
    first = recall.answer(db, alice, item, set(item.shown.correct), DAY1)
    again = recall.answer(db, alice, item, set(), DAY1 + timedelta(seconds=1))  # a double click, a second tab
    assert first.recorded and not again.recorded
    assert len(store.recall.reviews_on(db, alice, DAY1.date().isoformat())) == 1
    assert store.recall.cards_of(db, alice)[(item.module.id, item.question.id)]["last_review"] == store.clock.timestamp(
        DAY1
    )
    left = recall.todays_practice(db, alice, modules, DAY1 + timedelta(minutes=1))
    assert len(left.items) == recall.DAILY - 1 and item not in left.items and left.answered == 1


def test_a_day_of_practice_ends_and_the_streak_counts_days_in_a_row(db, alice, modules) -> None:
    for offset in range(3):
        when = DAY1 + timedelta(days=offset)
        items = recall.todays_practice(db, alice, modules, when).items
        for item in items:
            recall.answer(db, alice, item, set(item.shown.correct), when)
        today = recall.todays_practice(db, alice, modules, when + timedelta(hours=1))
        assert today.done_for_today and today.answered == today.right == len(items) > 0
    assert recall.todays_practice(db, alice, modules, DAY1 + timedelta(days=3)).streak == 3  # yesterday counts
    assert recall.todays_practice(db, alice, modules, DAY1 + timedelta(days=5)).streak == 0


def test_a_question_with_a_new_key_starts_again_and_a_removed_one_leaves_practice(db, alice, modules) -> None:
    item = recall.todays_practice(db, alice, modules, DAY1).items[0]
    recall.answer(db, alice, item, set(item.shown.correct), DAY1)
    welcome = modules[0]
    later = DAY1 + timedelta(days=1)
    question = item.question
    keys = {frozenset(question.correct)} | {frozenset({i}) for i in range(len(question.options))}
    other_key = next(k for k in keys if k != frozenset(question.correct))
    changed = type(question)(**{**question.__dict__, "prompt": question.prompt + " (revised)", "correct": other_key})
    revised = type(welcome)(**{**welcome.__dict__, "questions": [changed, *welcome.questions[1:]]})
    practice = recall.todays_practice(db, alice, [revised, *modules[1:]], later)
    assert any(i.question.prompt.endswith("(revised)") for i in practice.items)  # a new key: new again, not lost
    reworded = type(question)(**{**question.__dict__, "prompt": question.prompt + " (reworded)"})
    assert recall.version_of(reworded) == recall.version_of(question)  # a wording fixed, or French: the same card
    trimmed = type(welcome)(**{**welcome.__dict__, "questions": welcome.questions[1:]})
    assert all(i.question.id != item.question.id for i in recall.todays_practice(db, alice, [trimmed], later).items)


def test_a_module_can_be_left_out_of_practice(db, alice, modules) -> None:
    welcome = type(modules[0])(**{**modules[0].__dict__, "practice": False})
    assert recall.todays_practice(db, alice, [welcome], DAY1).items == []


def test_retrievability_is_fsrs_own() -> None:
    card, _ = recall.SCHEDULER.review_card(Card(card_id=1), Rating.Good, DAY1)
    later = DAY1 + timedelta(days=4, hours=3)
    ours = recall.retrievability(card.stability, store.clock.timestamp(card.last_review), later)
    assert ours == pytest.approx(recall.SCHEDULER.get_card_retrievability(card, later))


def test_recall_figures_against_hand_worked_values(org, modules) -> None:
    """Two people of team A practised; bob (team B) too. Mia manages A; she sees A's figures only."""
    db, ids, teams = org
    welcome = modules[0]
    for name in ("ann", "amy", "bob"):
        answers = {q.id: set(q.correct) for q in welcome.questions}
        learner.submit_quiz(db, ids[name], welcome, 1, answers, submitted_at="2026-11-01 15:00:00")
    q1, q2 = welcome.questions[:2]
    item1, item2 = recall.PracticeItem(welcome, q1), recall.PracticeItem(welcome, q2)
    recall.answer(db, ids["ann"], item1, set(q1.correct), DAY1)  # right: Good, stability 2.3065
    recall.answer(db, ids["ann"], item2, set(), DAY1)  # blank counts as wrong: Again, stability 0.212
    recall.answer(db, ids["bob"], item1, set(q1.correct), DAY1)
    now = DAY1 + timedelta(days=2)  # ann's first card is due now, her second overdue since DAY1 + 1
    report = recall_figures.recall_report(db, ids["mia"], [welcome], None, now)
    # amy never practised: listed first, the one to follow up (she used to be missing); bob is not in Mia's teams
    assert [p.name for p in report.people] == ["Amy", "Ann"]
    amy = report.people[0]
    assert (amy.recall, amy.questions, amy.practised_this_week) == (None, 0, False)
    r1 = (1 + recall.FACTOR * 2 / 2.3065) ** -recall.DECAY
    r2 = (1 + recall.FACTOR * 2 / 0.212) ** -recall.DECAY
    ann = report.people[1]
    assert ann.recall == pytest.approx(100 * (r1 + r2) / 2) and (ann.due, ann.overdue, ann.questions) == (1, 1, 2)
    (team,) = report.teams
    assert (team.team, team.people, team.practising) == ("A", 2, 50.0)  # one of two practised this week
    assert team.recall == pytest.approx(ann.recall) and report.recall == pytest.approx(ann.recall)
    teams_only = recall_figures.recall_report(db, ids["tess"], [welcome], None, now, by_person=False)
    assert teams_only.people == [] and [t.team for t in teams_only.teams] == ["A", "B"]
    assert teams_only.teams[1].recall == pytest.approx(100 * r1) and (teams_only.due, teams_only.overdue) == (2, 1)
    assert report.retention == [{"interval": "after a day", "right": 50.0, "answers": 2}]  # 0.75 days after the pass
    skills = {s["skill"]: s for s in report.skills}
    assert set(skills) == set(welcome.skills) and all(s["questions"] == 2 for s in skills.values())
    # Who keeps each skill up, in people: ann let a question fall overdue, amy never practised
    upkeep = {(u["skill"], u["status"]): u["people"] for u in report.upkeep}
    for skill in welcome.skills:
        assert [upkeep[skill, status] for status in recall_figures.UPKEEP] == [0, 1, 1]
    everyone = {(u["skill"], u["status"]): u["people"] for u in teams_only.upkeep}
    assert [everyone[welcome.skills[0], status] for status in recall_figures.UPKEEP] == [1, 1, 1]  # bob is up to date
    assert [p.name for p in recall_figures.recall_report(db, ids["tess"], [welcome], None, now).people] == [
        "Amy",
        "Ann",
        "Bob",
    ]
    assert recall_figures.recall_report(db, ids["ann"], [welcome], None, now).people == []  # an employee: no team view
    mine = recall_figures.person_recall(db, ids["ann"], [welcome], now)
    assert mine["recall"] == pytest.approx(ann.recall) and (mine["due"], mine["overdue"]) == (2, 1)
    memory = recall_figures.question_memory(db, welcome)
    assert memory[q1.id]["practice_answers"] == 2 and memory[q1.id]["after a day"] == 100.0
    assert memory[q2.id]["after a day"] == 0.0 and memory[welcome.questions[2].id]["practice_answers"] == 0


def _teams_part(report: recall_figures.RecallReport) -> dict:
    """What a whole organisation's report shows (no people), floats compared to the last digits."""
    shown = dataclasses.asdict(dataclasses.replace(report, people=[]))
    return json.loads(json.dumps(shown), parse_float=lambda x: round(float(x), 9))


def test_the_organisation_s_recall_from_kept_team_parts_is_the_full_computation(org, modules, monkeypatch) -> None:
    """The organisation's Recall tab reads each team's kept parts; after practice, a pass or a move, it says what
    the full computation says, and a team whose people did nothing is not computed again."""
    db, ids, teams = org
    welcome = modules[0]
    for name in ("ann", "amy", "bob"):
        answers = {q.id: set(q.correct) for q in welcome.questions}
        learner.submit_quiz(db, ids[name], welcome, 1, answers, submitted_at="2026-11-01 15:00:00")
    first = welcome.questions[0]
    q1, q2 = (recall.PracticeItem(welcome, q) for q in welcome.questions[:2])
    now = DAY1 + timedelta(days=2)
    asked: list[int | None] = []
    sizes = store.recall.scoped_team_sizes
    monkeypatch.setattr(store.recall, "scoped_team_sizes", lambda d, s: asked.append(s.team_id) or sizes(d, s))
    admin = store.accounts.add_user(db, "ada", "Ada", "h", "admin")
    for change in (
        lambda: recall.answer(db, ids["ann"], q1, set(first.correct), DAY1),
        lambda: recall.answer(db, ids["bob"], q2, set(), DAY1),
        lambda: store.people.update(db, admin, ids["amy"], {"team_id": teams["B"]}),
    ):
        change()
        kept = recall_figures.recall_report(db, ids["tess"], [welcome], None, now, by_person=False)
        assert _teams_part(kept) == _teams_part(recall_figures.recall_report(db, ids["tess"], [welcome], None, now))
    asked.clear()
    recall.answer(db, ids["ann"], q2, set(), DAY1 + timedelta(days=1))
    recall_figures.recall_report(db, ids["tess"], [welcome], None, now, by_person=False)
    assert asked == [teams["A"]]  # bob's team did nothing since: read, not computed


def test_the_recall_charts_are_valid_vega_lite() -> None:
    from modules.measurement import recall_charts

    recall_charts.skill_recall([{"skill": "welcome", "recall": 82.0, "questions": 4}], {"welcome": "Welcome"}).to_dict()
    recall_charts.retention_curve([{"interval": "after a day", "right": 90.0, "answers": 12}]).to_dict()
    upkeep = [{"skill": "welcome", "status": s, "people": n} for s, n in zip(recall_figures.UPKEEP, (5, 2, 3))]
    spec = recall_charts.skill_upkeep(upkeep, {"welcome": "Welcome"}).to_dict()
    from modules.measurement import chart_text

    assert chart_text.summary(spec, "en", lambda s: s).startswith("3 figures.")  # the three groups, in words
    assert [row["Practice"] for row in chart_text.table(spec)[1]] == list(recall_figures.UPKEEP)


def test_cards_written_before_day_numbers_get_theirs(tmp_path) -> None:
    """A file whose cards predate `last_review_day` (m015's first draft): m016 adds the column and fills it."""
    import sqlite3

    path = tmp_path / "old.db"
    with store.engine.opened(path) as db:
        user = store.accounts.add_user(db, "a", "A", "h", "employee")
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX recall_cards_memory")
        conn.execute("ALTER TABLE recall_cards DROP COLUMN last_review_day")
        conn.execute(
            "INSERT INTO recall_cards (user_id, module_id, question_id, version, state, due, last_review)"
            " VALUES (?, 'm', 'q', 'v', 2, '2026-11-05 09:00:00', '2026-11-02 09:00:00')",
            [user],
        )
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm016_recall_day_numbers'")
    schema._migrated.clear()  # this process already migrated the file once
    db = store.engine.connect(path)
    assert store.recall.cards_of(db, user)[("m", "q")]["last_review_day"] == day_number(DAY1)


def test_a_practice_answer_only_for_a_question_of_a_module_passed_before_today(db, alice, modules) -> None:
    """`recall.answer` recorded answers for modules never passed, for question ids that do not exist and for
    any user id; the service now refuses each."""
    import dataclasses

    welcome, emotions = modules[0], modules[1]
    never_passed = recall.PracticeItem(emotions, emotions.questions[0])
    made_up = recall.PracticeItem(welcome, dataclasses.replace(welcome.questions[0], id="no-such-question"))
    nobody = 999_999
    for user, item in (
        (alice, never_passed),
        (alice, made_up),
        (nobody, recall.PracticeItem(welcome, welcome.questions[0])),
    ):
        with pytest.raises(learner.Refused):
            recall.answer(db, user, item, {0}, DAY1)
    same_day = datetime(2026, 11, 1, 18, 0, tzinfo=UTC)  # passed this very day: practice starts tomorrow
    with pytest.raises(learner.Refused):
        recall.answer(db, alice, recall.PracticeItem(welcome, welcome.questions[0]), {0}, same_day)
    assert store.engine.count(db, "recall_reviews") == 0
    assert recall.answer(db, alice, recall.PracticeItem(welcome, welcome.questions[0]), {0}, DAY1).recorded


def test_today_is_the_installs_day_not_utcs(db, alice, modules, monkeypatch) -> None:
    """A shop in Paris: 23:30 UTC on 2 November is already 3 November there, a new practice day (UTC's day
    started the new day at 1 a.m. Paris time)."""
    from modules.store import clock

    monkeypatch.setenv("ACADEMY_TIME_ZONE", "Europe/Paris")
    clock.zone.cache_clear()
    try:
        evening = datetime(2026, 11, 2, 20, 0, tzinfo=UTC)
        item = recall.todays_practice(db, alice, modules, evening).items[0]
        recall.answer(db, alice, item, set(item.shown.correct), evening)
        late = datetime(2026, 11, 2, 23, 30, tzinfo=UTC)
        assert clock.today(late).isoformat() == "2026-11-03"
        assert recall.todays_practice(db, alice, modules, late).answered == 0  # a new day in Paris
        assert recall.streak(db, alice, late) == 1  # yesterday's practice keeps the streak going
        assert [r["day"] for r in store.recall.reviews_on(db, alice, "2026-11-02")] == ["2026-11-02"]
    finally:
        clock.zone.cache_clear()


def test_a_wrong_time_zone_name_is_said_at_once(monkeypatch) -> None:
    from modules import settings

    monkeypatch.setenv("ACADEMY_TIME_ZONE", "Paris/Europe")
    with pytest.raises(ValueError, match="is not a time zone name"):
        settings.time_zone()


def test_the_retention_counts_kept_as_answers_come_are_those_of_every_answer(db, alice, modules) -> None:
    """Question analysis counted a module's every practice answer (2.5 s at 100,000 people); it reads counts
    per half-day since last seen, kept as answers are written, the same as counted from the answers."""
    from modules.measurement.recall_figures import BOUNDS

    when = DAY1
    for day in range(12):  # right, wrong, at growing gaps: answers fall in every band
        when = DAY1 + timedelta(days=day * day / 2)
        for item in recall.todays_practice(db, alice, modules, when).items:
            wrong = {next(i for i in range(9) if i not in item.shown.correct)}
            recall.answer(db, alice, item, set(item.shown.correct) if day % 3 else wrong, when)
    for module in modules:
        kept = store.recall.question_retention(db, module.id, BOUNDS)
        assert kept == store.recall.question_retention_from_reviews(db, module.id, BOUNDS)
    assert any(len(q["points"]) >= 2 for m in modules for q in store.recall.question_retention(db, m.id, BOUNDS))
    with store.transactions.write(db):
        store.recall.rebuild_day_stats(db)
    assert [store.recall.question_retention(db, m.id, BOUNDS) for m in modules] == [
        store.recall.question_retention_from_reviews(db, m.id, BOUNDS) for m in modules
    ]
