"""The manager's to-do through the pages: on Home and in Team progress, a week more given once, a reminder
sent through a local mail server, a person opened for debriefing; only for those who follow people up."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from modules import store
from modules.content import load_catalog
from modules.learning import progress
from modules.measurement import follow_up
from tests import smtp_server
from tests.app.test_assignment_pages import texts
from tests.helpers import open_tab, signed_in


def _id(academy: Path, username: str) -> int:
    with store.engine.opened(academy) as db:
        return store.accounts.user_by_username(db, username)["id"]


def _reminders(inbox, to: str | None = None) -> list:
    return [m for m in (inbox.to(to) if to else inbox.messages) if "waiting for you" in m["Subject"]]


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch):
    controller, received = smtp_server.start()
    monkeypatch.setenv("ACADEMY_SMTP_URL", f"smtp://127.0.0.1:{controller.port}?from=academy@example.com")
    yield received
    controller.stop()


def _late(academy: Path) -> list:
    """Marc's late people, as his to-do computes them on the demo (who is late follows the demo's history)."""
    with store.engine.opened(academy) as db:
        marc = store.accounts.user_by_username(db, "marc")["id"]
        modules = progress.for_team_members(load_catalog(Path(os.environ["ACADEMY_CONTENT"])).for_language("en"))
        return follow_up.to_do(db, marc, modules, datetime.now(UTC)).late


def test_marc_gives_a_late_person_a_week_more_from_his_home(academy: Path) -> None:
    first, second = _late(academy)[:2]
    name, other = first.item["name"], second.item["name"]
    at = signed_in(academy, "marc", "pages/learn/home.py")
    assert "To do for your team" in [s.value for s in at.subheader] and not at.exception
    line = f"**{name}** (Riverside store): «{first.title}», due on"
    assert line in texts(at)
    assert "This academy does not send e-mails yet" in texts(at)  # no server: the reminder is his to give
    key = f"home-late-{first.item['assignment_id']}-{first.item['user_id']}"
    assert at.button(key=f"{key}-remind").disabled
    at.button(key=f"{key}-extend").click().run()
    assert f"{name} has until" in "\n".join(s.value for s in at.success) and not at.exception
    assert line not in texts(at)  # not late any more
    assert f"**{other}** (Riverside store): «{second.title}», due on" in texts(at)  # the others stay
    given = next(s.value for s in at.success).split("has until ")[1].split(" for ")[0]
    with store.engine.opened(academy) as db:
        username = next(a["username"] for a in store.accounts.accounts(db) if a["id"] == first.item["user_id"])
    their_home = signed_in(academy, username, "pages/learn/home.py")
    assert given in texts(their_home)  # their own Home shows the day they now have


def test_marc_reminds_a_late_person_once_by_e_mail(academy: Path, inbox) -> None:
    late = _late(academy)[0]
    name, key = late.item["name"], f"home-late-{late.item['assignment_id']}-{late.item['user_id']}-remind"
    at = signed_in(academy, "marc", "pages/learn/home.py")
    at.button(key=key).click().run()
    assert f"Reminder sent to {name}." in [s.value for s in at.success] and not at.exception
    reminders = [m for m in _reminders(inbox) if name in str(m["To"])]
    assert [m["Subject"] for m in reminders] == [f"Service Academy: «{late.title}» is waiting for you"]
    again = at.button(key=key)
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
