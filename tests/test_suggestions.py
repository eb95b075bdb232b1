"""Suggestions: who sees and answers what, form validation, the author sees the answer."""

from __future__ import annotations

import sqlite3

from pathlib import Path

import pytest

from modules import store
from modules.practices import service, suggestions
from tests.helpers import signed_in


@pytest.fixture
def people(org):
    """The shared small organisation (conftest), with team A's id."""
    db, ids, teams = org
    return db, ids, teams["A"]


def test_each_person_sees_only_the_suggestions_they_may(people) -> None:
    db, ids, team_a = people
    idea = store.add_suggestion(db, ids["ann"], "Second till", "Open a second till at peak hours, please.")
    seen = lambda name: [s["id"] for s in store.suggestions_for(db, ids[name])]  # noqa: E731
    assert seen("ann") == [idea] and seen("mia") == [idea] and seen("tess") == [idea]
    assert seen("bob") == [] and seen("max") == []


def test_only_a_manager_of_the_team_or_a_trainer_answers(people) -> None:
    db, ids, team_a = people
    idea = store.add_suggestion(db, ids["ann"], "Second till", "Open a second till at peak hours, please.")
    assert not store.answer_suggestion(db, idea, ids["max"], "done", "No.")
    assert not store.answer_suggestion(db, idea, ids["bob"], "done", "No.")
    assert store.answer_suggestion(db, idea, ids["mia"], "under study", "Trying it on Saturdays.")
    row = store.suggestions_for(db, ids["ann"])[0]
    assert (row["status"], row["answer"], row["answered_by"]) == ("under study", "Trying it on Saturdays.", "Mia")
    with pytest.raises(ValueError):  # the service knows the statuses; the schema refuses others too
        service.answer_suggestion(db, ids["mia"], idea, "maybe", "")
    with pytest.raises(sqlite3.IntegrityError):
        store.answer_suggestion(db, idea, ids["mia"], "maybe", "")


def test_validation() -> None:
    assert suggestions.problems("Ok title", "A long enough idea.") == []
    assert len(suggestions.problems("", "short")) == 2
    assert len(suggestions.problems("x" * 121, "y" * 2001)) == 2


def test_the_suggestion_cycle_in_the_portal(academy: Path) -> None:
    at = signed_in(academy, "alice", "pages/together/suggestions.py")
    submit = "FormSubmitter:new-suggestion-Send my suggestion"
    at.text_input(key="suggestion-title").input("Faster returns desk")
    at.button(key=submit).click().run()
    assert at.error[0].value.startswith("Describe your idea") and at.text_input(key="suggestion-title").value == \
        "Faster returns desk"  # what was typed is kept
    at.text_area(key="suggestion-body").input("Customers wait 15 minutes at returns; a second till would help.")
    at.button(key=submit).click().run()
    assert not at.error and "**Faster returns desk**" in [m.value for m in at.markdown]
    manager = signed_in(academy, "marc", "pages/together/suggestions.py")
    assert manager.subheader[0].value == "Suggestions from your teams"
    manager.selectbox[0].set_value("done")
    manager.text_area[1].input("A second till opens on Saturdays from next week.")
    manager.button(key=next(b.key for b in manager.button if b.key and b.key.startswith("FormSubmitter:answer-"))).click().run()
    back = signed_in(academy, "alice", "pages/together/suggestions.py")
    assert any("A second till opens on Saturdays" in i.value for i in back.info)
    other = signed_in(academy, "nadia", "pages/together/suggestions.py")
    assert "Faster returns desk" not in "\n".join(m.value for m in other.markdown)
