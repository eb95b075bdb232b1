"""Suggestions: who sees and answers what, form validation, the author sees the answer."""

from __future__ import annotations

import pytest

from modules import store
from modules.practices import service, suggestions


@pytest.fixture
def people(org):
    """The shared small organisation (conftest), with team A's id."""
    db, ids, teams = org
    return db, ids, teams["A"]


def test_each_person_sees_only_the_suggestions_they_may(people) -> None:
    db, ids, team_a = people
    idea = store.suggestions.add_suggestion(db, ids["ann"], "Second till", "Open a second till at peak hours, please.")
    seen = lambda name: [s["id"] for s in store.suggestions.suggestions_for(db, ids[name])]
    assert seen("ann") == [idea] and seen("mia") == [idea] and seen("tess") == [idea]
    assert seen("bob") == [] and seen("max") == []


def test_only_a_manager_of_the_team_or_a_trainer_answers(people) -> None:
    db, ids, team_a = people
    idea = store.suggestions.add_suggestion(db, ids["ann"], "Second till", "Open a second till at peak hours, please.")
    assert not store.suggestions.answer_suggestion(db, idea, ids["max"], "done", "No.")
    assert not store.suggestions.answer_suggestion(db, idea, ids["bob"], "done", "No.")
    assert store.suggestions.answer_suggestion(db, idea, ids["mia"], "under study", "Trying it on Saturdays.")
    row = store.suggestions.suggestions_for(db, ids["ann"])[0]
    assert (row["status"], row["answer"], row["answered_by"]) == ("under study", "Trying it on Saturdays.", "Mia")
    with pytest.raises(ValueError):  # the service knows the statuses; the schema refuses others too
        service.answer_suggestion(db, ids["mia"], idea, "maybe", "")
    with pytest.raises(store.dialect.INTEGRITY_ERRORS):
        store.suggestions.answer_suggestion(db, idea, ids["mia"], "maybe", "")


def test_an_author_is_told_once_of_an_answer_or_a_review(people) -> None:
    db, ids, team_a = people
    idea = store.suggestions.add_suggestion(
        db, ids["ann"], "Second till", "Open a second till at peak hours, please.", "2026-11-02 09:00:00"
    )
    story = store.stories.add_story(db, ids["ann"], "The lost ring", "It happened.", "I did it.", "Thanks!")
    assert store.news.news_for_author(db, ids["ann"]) == []  # nothing answered yet
    store.suggestions.answer_suggestion(db, idea, ids["mia"], "under study", "Trying it.", "2026-11-03 09:00:00")
    store.stories.review_story(db, story, ids["mia"], True, "", "2026-11-04 09:00:00")
    news = store.news.news_for_author(db, ids["ann"])
    assert [(n["kind"], n["id"], n["status"]) for n in news] == [
        ("story", story, "approved"),
        ("suggestion", idea, "under study"),
    ]
    assert store.news.news_for_author(db, ids["mia"]) == []  # only the author is told
    store.news.mark_news_seen(db, ids["ann"], "suggestion", "2026-11-05 09:00:00")
    assert [n["kind"] for n in store.news.news_for_author(db, ids["ann"])] == ["story"]
    store.suggestions.answer_suggestion(db, idea, ids["mia"], "done", "Open on Saturdays.", "2026-11-06 09:00:00")
    assert [n["kind"] for n in store.news.news_for_author(db, ids["ann"])] == [
        "suggestion",
        "story",
    ]  # a new answer is news again


def test_validation() -> None:
    assert suggestions.problems("Ok title", "A long enough idea.") == []
    assert len(suggestions.problems("", "short")) == 2
    assert len(suggestions.problems("x" * 121, "y" * 2001)) == 2
