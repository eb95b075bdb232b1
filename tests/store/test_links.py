"""Invitations and "Forgot your password?" against a local SMTP server: single-use, expiring, stored hashed,
the same answer whether or not a name exists, a few a day at most; a manager resets only their team's."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from modules import store
from modules.accounts import links, lockout, passwords, people
from tests import smtp_server

NOW = datetime(2026, 12, 4, 9, tzinfo=UTC)
BASE = "https://academy.example.com"


@pytest.fixture
def mail(monkeypatch):
    controller, inbox = smtp_server.start()
    monkeypatch.setenv("ACADEMY_SMTP_URL", f"smtp://127.0.0.1:{controller.port}?from=academy@example.com")
    yield inbox
    controller.stop()


@pytest.fixture
def staff(org):
    db, ids, teams = org
    ids["ada"] = store.accounts.add_user(db, "ada", "Ada Admin", passwords.hash_password("Admin-pass-1"), "admin")
    db.execute("UPDATE users SET email = 'ann@example.com', password_hash = ? WHERE username = 'ann'",
               [passwords.hash_password("Ann-pass-1")])  # fmt: skip
    return db, ids, teams


def token_in(message) -> str:
    address = re.search(r"https://\S+", message.get_content()).group(0)
    assert address.startswith(f"{BASE}/set-password?token=")
    return parse_qs(urlsplit(address).query)["token"][0]


def test_a_reset_link_sets_a_password_once_and_is_stored_hashed(staff, mail) -> None:
    db, ids, teams = staff
    links.request_reset(db, "ANN@example.com", BASE, NOW)
    (message,) = mail.messages
    assert message["To"].addresses[0].addr_spec == "ann@example.com" and "for an hour" in message.get_content()
    token = token_in(message)
    stored = db.execute("SELECT token_hash FROM password_links").fetchall()
    assert len(stored) == 1 and token not in stored[0][0]
    assert links.holder(db, token, NOW)["username"] == "ann"
    assert links.set_password(db, token, "Fresh-pass-77", "Fresh-pass-77", NOW + timedelta(minutes=5)) == []
    assert links.set_password(db, token, "Other-pass-88", "Other-pass-88", NOW + timedelta(minutes=6)) == [
        links.LINK_UNUSABLE
    ]  # once only
    assert lockout.sign_in(db, "ann", "Fresh-pass-77")[0] is lockout.Outcome.SIGNED_IN
    assert lockout.sign_in(db, "ann", "Ann-pass-1")[0] is lockout.Outcome.WRONG


def test_a_reset_link_expires_after_an_hour_and_an_invitation_after_a_week(staff, mail) -> None:
    db, ids, teams = staff
    links.request_reset(db, "ann", BASE, NOW)
    reset = token_in(mail.messages[-1])
    assert links.holder(db, reset, NOW + timedelta(minutes=59)) is not None
    assert links.set_password(db, reset, "Fresh-pass-77", "Fresh-pass-77", NOW + timedelta(minutes=61)) == [
        links.LINK_UNUSABLE
    ]
    assert links.invite(db, ids["ada"], ids["ann"], BASE, NOW)
    invitation = token_in(mail.messages[-1])
    assert "your username is ann" in mail.messages[-1].get_content()
    assert links.holder(db, invitation, NOW + timedelta(days=6, hours=23)) is not None
    assert links.holder(db, invitation, NOW + timedelta(days=7, minutes=1)) is None
    assert not links.invite(db, ids["mia"], ids["ann"], BASE, NOW)  # only an administrator invites


def test_forgot_password_says_nothing_of_who_exists_and_sends_a_few_a_day(staff, mail) -> None:
    db, ids, teams = staff
    for name in ("nobody", "amy", "ann", "ann", "ann", "ann", "ann"):  # amy has no address
        assert links.request_reset(db, name, BASE, NOW) is None
    assert len(mail.messages) == links.RESETS_PER_DAY
    links.request_reset(db, "ann", BASE, NOW + timedelta(days=1, minutes=1))
    assert len(mail.messages) == links.RESETS_PER_DAY + 1  # a new day, a new link
    people.deactivate(db, ids["ada"], ids["ann"], NOW)
    links.request_reset(db, "ann", BASE, NOW + timedelta(days=1, minutes=2))
    assert len(mail.messages) == links.RESETS_PER_DAY + 1  # a leaver gets none


def test_a_manager_resets_only_a_person_of_their_team(staff, monkeypatch) -> None:
    db, ids, teams = staff
    monkeypatch.delenv("ACADEMY_SMTP_URL", raising=False)
    assert links.reset_for_team_member(db, ids["max"], ids["ann"], BASE, NOW) is None  # team B's manager
    temporary = links.reset_for_team_member(db, ids["mia"], ids["ann"], BASE, NOW)
    assert temporary and temporary != "sent"
    outcome, account = lockout.sign_in(db, "ann", temporary)
    assert outcome is lockout.Outcome.SIGNED_IN
    assert store.accounts.user_by_username(db, "ann")["must_change_password"] == 1
    assert ("mia", "password reset", "ann") in [
        (e["actor"], e["action"], e["subject"]) for e in store.people.audit_entries(db)[0]
    ]
