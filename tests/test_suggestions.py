"""Suggestions: who sees and answers what, form validation, the author sees the answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from modules import store
from modules.practices import suggestions
from tests.helpers import signed_in


@pytest.fixture
def people(org):
    """The shared small organisation (conftest), with team A's id."""
    db, ids, teams = org
    return db, ids, teams["A"]


def test_each_person_sees_only_the_suggestions_they_may(people) -> None:
    db, ids, team_a = people
    idea = store.add_suggestion(db, ids["ann"], team_a, "Second till", "Open a second till at peak hours, please.")
    seen = lambda name, role: [s["id"] for s in store.suggestions_for(db, ids[name], role)]  # noqa: E731
    assert seen("ann", "employee") == [idea] and seen("mia", "manager") == [idea] and seen("tess", "trainer") == [idea]
    assert seen("bob", "employee") == [] and seen("max", "manager") == []


def test_only_a_manager_of_the_team_or_a_trainer_answers(people) -> None:
    db, ids, team_a = people
    idea = store.add_suggestion(db, ids["ann"], team_a, "Second till", "Open a second till at peak hours, please.")
    assert not store.answer_suggestion(db, idea, ids["max"], "manager", "done", "No.")
    assert not store.answer_suggestion(db, idea, ids["bob"], "employee", "done", "No.")
    assert store.answer_suggestion(db, idea, ids["mia"], "manager", "under study", "Trying it on Saturdays.")
    row = store.suggestions_for(db, ids["ann"], "employee")[0]
    assert (row["status"], row["answer"], row["answered_by"]) == ("under study", "Trying it on Saturdays.", "Mia")
    with pytest.raises(ValueError):
        store.answer_suggestion(db, idea, ids["mia"], "manager", "maybe", "")


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
