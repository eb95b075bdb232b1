"""The quiz page and the practice of the day with "What would you say?" questions and practice variants, and
Question analysis and the Studio showing them: as a learner and a trainer use them, in AppTest."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from modules import store
from modules.content import load_catalog
from modules.learning import learner, recall
from modules.store.clock import timestamp
from tests.app.test_pages import answer, open_quiz, right
from tests.helpers import module_by_id, signed_in

SAY = "say:welcome:en:first-seconds"


def test_after_the_quiz_a_learner_says_it_in_their_words_then_rates_them(academy: Path) -> None:
    at = open_quiz(academy)
    assert not any(s.value == "What would you say?" for s in at.subheader)  # not during the quiz
    answer(at, "welcome", 1, right("welcome"))
    at.button(key="submit-welcome-1").click().run()
    assert any(s.value == "What would you say?" for s in at.subheader)
    at.text_area(key=f"{SAY}:words").input("Hello! One moment, I am with you right after this call.").run()
    at.button(key=f"{SAY}:reveal").click().run()
    assert any("I'll be with you in a moment" in i.value for i in at.info)  # the model answer, once asked for
    assert at.text_area(key=f"{SAY}:words").value.startswith("Hello! One moment")  # the words stay beside it
    at.button(key=f"{SAY}:rate").click().run()
    assert at.warning[-1].value == "Choose the level your words reached and how sure you are."
    assert at.radio(key=f"{SAY}:level").options[2].startswith("Level 3: Acknowledges the customer")
    at.radio(key=f"{SAY}:level").set_value(3)
    at.radio(key=f"{SAY}:sure").set_value(2)
    at.button(key=f"{SAY}:rate").click().run()
    assert [t.value for t in at.toast][-1] == "Rating saved: level 3." and not at.exception
    saved = "Saved today: level 3, fairly sure. A new rating today replaces it."
    assert saved in [c.value for c in at.caption]  # still said once the toast has gone
    at.radio(key=f"{SAY}:level").set_value(4)  # a second thought the same day replaces the first
    at.button(key=f"{SAY}:rate").click().run()
    assert saved.replace("level 3", "level 4") in [c.value for c in at.caption]
    db = store.engine.connect(academy)
    (row,) = store.practice_answers.self_ratings(db, "welcome", 3)
    assert (row["question_id"], row["ratings"], row["level_sum"]) == ("first-seconds", 1, 4)


def _vera(academy: Path) -> tuple[int, str]:
    """A newcomer who passed Welcome three days ago and practised every question of it since; the idea of
    three dimensions is due today, asked last in a hotel, and nothing else of the quiz is due for a while."""
    db = store.engine.connect(academy)
    team = store.accounts.user_by_username(db, "alice")["team_id"]
    vera = store.accounts.add_user(db, "quinn", "Quinn Lind", "h", "employee", team)
    catalog = load_catalog(Path(os.environ["ACADEMY_CONTENT"]))
    welcome = module_by_id(catalog, "welcome")
    assert welcome is not None
    now = datetime.now(UTC)
    passed = timestamp(now - timedelta(days=3))

    learner.submit_quiz(db, vera, welcome, 1, {q.id: set(q.correct) for q in welcome.questions}, submitted_at=passed)
    for days in (2, 1):
        for item in recall.todays_practice(db, vera, [welcome], now - timedelta(days=days)).items:
            if item.question in welcome.questions:
                recall.answer(db, vera, item, set(item.shown.correct), now - timedelta(days=days))
    db.execute("UPDATE recall_cards SET due = ? WHERE user_id = ?", [timestamp(now + timedelta(days=30)), vera])
    db.execute(
        "UPDATE recall_cards SET due = ? WHERE user_id = ? AND question_id = 'three-dimensions'",
        [timestamp(now - timedelta(hours=1)), vera],
    )
    return vera, now.date().isoformat()


def test_the_practice_asks_an_idea_in_another_situation_then_a_say_question(academy: Path) -> None:
    vera, day = _vera(academy)
    at = signed_in(academy, "quinn")
    call = f"recall:{day}:welcome:three-dimensions-call:en"
    assert any(b.key == f"{call}:check" for b in at.button)  # the hotel last time: the contact centre today
    at.radio(key=call).set_value(3)  # effort: the call's own key
    at.button(key=f"{call}:check").click().run()
    assert any(s.value.startswith("Right: «A caller gets his refund") for s in at.success), at.success
    say = f"recall:{day}:welcome:first-seconds:en"
    at.button(key=f"{say}:reveal").click().run()
    at.radio(key=f"{say}:level").set_value(4)
    at.radio(key=f"{say}:sure").set_value(3)
    at.button(key=f"{say}:rate").click().run()
    assert any(s.value.startswith("Rating saved for «A customer walks in") for s in at.success) and not at.exception
    db = store.engine.connect(academy)
    reviews = store.recall.reviews_on(db, vera, day)
    assert [(r["asked_id"], r["correct"], r["self_level"]) for r in reviews] == [
        ("three-dimensions-call", 1, None),
        ("first-seconds", 1, 4),
    ]
    trainer = signed_in(academy, "theo", "pages/author/analysis.py")
    trainer.selectbox[0].set_value("welcome").run()
    assert {"Practice, situation by situation", "What would you say? — learners' own ratings"} <= {
        s.value for s in trainer.subheader
    }
    assert not trainer.exception


def test_the_studio_preview_shows_variants_and_say_questions(academy: Path) -> None:
    at = signed_in(academy, "theo", "pages/author/studio.py")
    at.selectbox[1].set_value("01-welcome.md").run()
    captions = [c.value for c in at.caption]
    assert "Practice only: question 5 in another situation" in captions
    assert any(c.startswith("What would you say? Not scored; rated by the learner on «Welcome»") for c in captions)
    assert not at.exception
