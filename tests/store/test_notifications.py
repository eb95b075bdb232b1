"""The bell and its e-mails (each engine): what is new for a person, read from where it happened; marked read;
e-mailed at once for the kinds chosen, from the choice on, once per event, again if the server refused."""

from __future__ import annotations

from datetime import date, timedelta

from modules import notifications, store
from modules.learning import assignments
from modules.mail import smtp as mailer
from tests.store.conftest import MONDAY
from tests.store.test_reminders import catalog


def _bell(db, user_id: int, moment=MONDAY):
    return notifications.bell(db, user_id, catalog(), {"listening": "Listening"}, "en", moment)


def test_the_bell_says_what_is_new_for_each_person(db, modules, team) -> None:
    ann, amy, mia = team["ann"], team["amy"], team["mia"]
    assert [n.text for n in _bell(db, ann).notices] == []  # the fixture's assignment is older than 30 days
    riverside = store.accounts.user_by_username(db, "ann")["team_id"]
    assignments.assign(db, mia, [modules[1].id], [riverside], [], date(2026, 12, 20), None, MONDAY)
    store.debriefing.add_rating(
        db, ann, mia, "manager", "listening", 3, went_well="Calm", recognition=True, stamp="2026-12-07 08:00:00"
    )
    story = store.stories.add_story(db, ann, "Cold coffee", "It was cold", "I fixed it", "Thanks", "2026-12-06")
    store.stories.review_story(db, story, mia, True, stamp="2026-12-07 09:00:00")
    texts = [n.text for n in _bell(db, ann, MONDAY + timedelta(hours=3)).notices]
    assert texts == [
        "Your story «Cold coffee» was approved: everyone can read it",
        "Mia Martin recognised your work: Listening",
        f"«{modules[1].title}» was assigned to you",
    ]
    assert [n.text for n in _bell(db, amy).notices] == [  # she joined 20 days ago: the team's older one is news too
        f"«{modules[1].title}» was assigned to you",
        f"«{modules[0].title}» was assigned to you",
    ]
    assert _bell(db, mia).notices == []  # she assigned it: not news to her
    newcomer = store.accounts.add_user(db, "nia", "Nia", "h", "employee", riverside, joined=MONDAY)
    assert [n.text for n in _bell(db, newcomer).notices][-1] == f"«{modules[0].title}» was assigned to you"
    assert _bell(db, ann, MONDAY + timedelta(hours=3)).unread == 3
    notifications.mark_read(db, ann, MONDAY + timedelta(hours=3))
    assert _bell(db, ann, MONDAY + timedelta(hours=3)).unread == 0


def test_chosen_kinds_are_mailed_once_from_the_choice_on(db, modules, team, smtp) -> None:
    url, inbox = smtp
    server = mailer.parse_url(url)
    ann, mia = team["ann"], team["mia"]
    riverside = store.accounts.user_by_username(db, "ann")["team_id"]
    assignments.assign(db, mia, [modules[1].id], [riverside], [], date(2026, 12, 20), None, MONDAY)
    notifications.choose(db, ann, "assignment", True, MONDAY + timedelta(minutes=1))  # after it: not mailed
    assert notifications.send_chosen(db, catalog(), server, MONDAY + timedelta(minutes=2)).sent == 0
    later = MONDAY + timedelta(minutes=5)
    assignments.assign(db, mia, [modules[2].id], [riverside], [], date(2026, 12, 21), None, later)
    down = mailer.parse_url("smtp://127.0.0.1:9?from=academy@example.com")
    assert notifications.send_chosen(db, catalog(), down, later).failed  # given back...
    assert notifications.send_chosen(db, catalog(), server, later).sent == 1  # ...and sent by the next run
    assert notifications.send_chosen(db, catalog(), server, later + timedelta(minutes=1)).sent == 0  # once
    (mail,) = inbox.to("ann@example.com")
    assert mail["Subject"] == f"Service Academy: «{modules[2].title}» was assigned to you"
    assert "My account" in mail.get_content()
    assert notifications.chosen(db, ann) == {"assignment"}
    notifications.choose(db, ann, "assignment", False, later)
    assert notifications.chosen(db, ann) == set() and inbox.to("amy@example.com") == []  # amy chose nothing
