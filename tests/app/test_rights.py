"""One source of rights: change a right in the roles table and the page, the service and the SQL agree.

Rights were written twice (the table decided which forms appear, the SQL hard-coded role names): giving
managers a right showed the form and the store refused it. Every check now derives from `roles.RIGHTS`."""

from __future__ import annotations

from pathlib import Path

import pytest

from modules import store
from modules.accounts import roles
from modules.practices import service
from modules.store import schema
from tests.helpers import signed_in

QUESTIONS: list[store.surveys.SurveyQuestion] = [
    {"key": "q1", "employee_text": "We welcome", "customer_text": "I was welcomed", "scale": "agree"},
    {"key": "nps", "employee_text": "Recommend us?", "customer_text": "Recommend us?", "scale": "recommend"},
]


def defines_surveys(at) -> bool:
    return any(tab.label == "Define a survey" for tab in at.tabs)


def links(at) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def with_rights(monkeypatch: pytest.MonkeyPatch, db, changes: dict[str, frozenset[str]]) -> None:
    """The roles table as a company might change it, copied into the database as a start would."""
    monkeypatch.setattr(roles, "RIGHTS", {**roles.RIGHTS, **changes})
    schema.sync_rights(db)


def test_a_right_moved_in_the_table_moves_in_the_page_the_service_and_the_sql(
    academy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = store.engine.connect(academy)
    marc, theo = (store.accounts.user_by_username(db, name)["id"] for name in ("marc", "theo"))
    assert not defines_surveys(signed_in(academy, "marc", "pages/together/mirror.py"))
    assert service.start_survey(db, marc, "Marc's wave", QUESTIONS) == [service.NOT_A_TRAINER]

    with_rights(
        monkeypatch,
        db,
        {
            "manager": roles.RIGHTS["manager"] | {roles.DEFINE_SURVEYS},
            "trainer": roles.RIGHTS["trainer"] - {roles.DEFINE_SURVEYS},
        },
    )
    assert defines_surveys(signed_in(academy, "marc", "pages/together/mirror.py"))  # the page
    assert service.start_survey(db, marc, "Marc's wave", QUESTIONS) == []  # the service, and its SQL
    assert store.surveys.open_survey(db)["title"] == "Marc's wave"
    assert not defines_surveys(signed_in(academy, "theo", "pages/together/mirror.py"))
    assert service.start_survey(db, theo, "Théo's wave", QUESTIONS) == [service.NOT_A_TRAINER]
    assert store.surveys.create_survey(db, "Théo's wave", QUESTIONS, theo) is None  # the SQL alone refuses too


def test_taking_review_from_managers_takes_it_everywhere(academy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = store.engine.connect(academy)
    marc = store.accounts.user_by_username(db, "marc")["id"]
    waiting = [s for s in store.stories.stories_for(db, marc) if s["status"] == "waiting"]
    assert waiting and store.stories.waiting_for_review(db, marc) == len(waiting)
    assert any("approval" in label for label in links(signed_in(academy, "marc")))
    with_rights(monkeypatch, db, {"manager": roles.RIGHTS["manager"] - {roles.REVIEW}})
    assert store.stories.waiting_for_review(db, marc) == 0  # nothing for him to review, Home says nothing
    assert not service.review_story(db, marc, waiting[0]["id"], True)  # the service and its SQL refuse
    assert [s["status"] for s in store.stories.stories_for(db, marc) if s["id"] == waiting[0]["id"]] == ["waiting"]
    assert not any("approval" in label for label in links(signed_in(academy, "marc")))


def test_only_a_team_member_answers_the_team_survey(academy: Path) -> None:
    """A manager's answers were counted in the team's employee figures."""
    db = store.engine.connect(academy)
    survey = store.surveys.open_survey(db)
    marc = store.accounts.user_by_username(db, "marc")["id"]
    before = store.engine.count(db, "survey_responses")
    answers = {q["key"]: 5 for q in store.surveys.survey_questions(db, survey["id"])}
    assert service.answer_survey(db, marc, survey["id"], answers) == [service.ALREADY_ANSWERED]
    assert store.engine.count(db, "survey_responses") == before
