"""The manager's to-do through the pages: on Home and in Team progress, a week more given once, a reminder
sent through a local mail server, a person opened for debriefing; only for those who follow people up."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from modules import store
from tests import smtp_server
from tests.app.test_assignment_pages import texts
from tests.helpers import open_tab, signed_in


def _id(academy: Path, username: str) -> int:
    with store.engine.opened(academy) as db:
        return store.accounts.user_by_username(db, username)["id"]


def _button(at: AppTest, prefix: str, suffix: str):
    (found,) = [b for b in at.button if str(b.key).startswith(prefix) and str(b.key).endswith(suffix)]
    return found


def _reminders(inbox, to: str | None = None) -> list:
    return [m for m in (inbox.to(to) if to else inbox.messages) if "waiting for you" in m["Subject"]]


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch):
    controller, received = smtp_server.start()
    monkeypatch.setenv("ACADEMY_SMTP_URL", f"smtp://127.0.0.1:{controller.port}?from=academy@example.com")
    yield received
    controller.stop()


def test_marc_gives_emma_a_week_more_from_his_home(academy: Path) -> None:
    at = signed_in(academy, "marc", "pages/learn/home.py")
    assert "To do for your team" in [s.value for s in at.subheader] and not at.exception
    assert "**Emma Fournier** (Riverside store): «Emotional intelligence», due on" in texts(at)
    assert "This academy does not send e-mails yet" in texts(at)  # no server: the reminder is his to give
    emma = _id(academy, "emma")
    assert _button(at, "home-late-", f"-{emma}-remind").disabled
    _button(at, "home-late-", f"-{emma}-extend").click().run()
    assert "Emma Fournier has until" in "\n".join(s.value for s in at.success) and not at.exception
    assert "**Emma Fournier** (Riverside store): «Emotional intelligence»" not in texts(at)  # not late any more
    assert "**Hugo Girard** (Riverside store): «Emotional intelligence», due on" in texts(at)  # his stays
    given = next(s.value for s in at.success).split("has until ")[1].split(" for ")[0]
    emma_home = signed_in(academy, "emma", "pages/learn/home.py")
    assert given in texts(emma_home)  # Emma's own Home shows the day she now has


def test_marc_reminds_hugo_once_by_e_mail(academy: Path, inbox) -> None:
    at = signed_in(academy, "marc", "pages/learn/home.py")
    hugo = _id(academy, "hugo")
    _button(at, "home-late-", f"-{hugo}-remind").click().run()
    assert "Reminder sent to Hugo Girard." in [s.value for s in at.success] and not at.exception
    (mail,) = _reminders(inbox, "hugo@example.com")  # the weekly digest may go too: the app's hourly thread
    assert mail["Subject"] == "Service Academy: «Emotional intelligence» is waiting for you"
    again = _button(at, "home-late-", f"-{hugo}-remind")
    assert again.disabled and again.label == "Reminded today"  # a second click cannot send it twice
    lapsed = [b for b in at.button if str(b.key).startswith("home-lapsed-")]
    assert lapsed and not lapsed[0].disabled
    lapsed[0].click().run()
    assert len(_reminders(inbox)) == 2 and not at.exception


def test_the_to_do_is_a_tab_of_team_progress_and_in_french(academy: Path) -> None:
    at = open_tab(signed_in(academy, "marc", "pages/measure/team.py"), "team-view", "To do")
    assert "To do for your team" in [s.value for s in at.subheader] and not at.exception
    assert [b for b in at.button if str(b.key).startswith("team-late-")]
    with store.engine.opened(academy) as db:
        store.accounts.set_language(db, _id(academy, "marc"), "fr")
    french = signed_in(academy, "marc", "pages/learn/home.py")
    assert "À faire pour votre équipe" in [s.value for s in french.subheader] and not french.exception
    assert "Une semaine de plus" in [b.label for b in french.button]


@pytest.mark.parametrize("username", ["alice", "theo", "ada"])
def test_only_who_follows_people_up_has_a_to_do(academy: Path, username: str) -> None:
    if username == "ada":
        with store.engine.opened(academy) as db:
            store.accounts.add_user(db, "ada", "Ada Admin", "h", "admin")
    at = signed_in(academy, username, "pages/learn/home.py")
    assert "To do for your team" not in [s.value for s in at.subheader] and not at.exception
    if username == "theo":
        team = signed_in(academy, username, "pages/measure/team.py")
        assert "To do" not in [t.label for t in team.tabs] and not team.exception


def test_the_debrief_link_opens_that_person(academy: Path) -> None:
    emma = _id(academy, "emma")
    at = signed_in(academy, "marc", "pages/together/debriefing.py", person=str(emma))
    assert at.selectbox(key="debrief-person").value == emma and not at.exception
    assert (
        signed_in(academy, "marc", "pages/together/debriefing.py", person="99999").selectbox(key="debrief-person").value
        is None
    )  # someone not his: nobody chosen
