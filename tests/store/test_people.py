"""People as a company runs them: find anyone, change an account, deactivate a leaver, passwords, the audit log.
On both engines."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import jwt
import pytest

from modules import store
from modules.accounts import lockout, passwords, people
from modules.accounts import service as account_service
from modules.accounts.cookie import cookie_key
from modules.learning import progress
from modules.store.clock import FAR_FUTURE
from modules.store.scope import Scope
from modules.ui import login

NOW = datetime(2026, 12, 4, 10, tzinfo=UTC)


@pytest.fixture
def staff(org):
    """The small organisation, with an administrator and real passwords."""
    db, ids, teams = org
    ids["ada"] = store.accounts.add_user(db, "ada", "Ada Admin", passwords.hash_password("Admin-pass-1"), "admin")
    db.execute("UPDATE users SET password_hash = ? WHERE username = 'ann'", [passwords.hash_password("Ann-pass-1")])
    return db, ids, teams


def audit(db) -> list[tuple[str, str, str]]:
    return [(r["actor"], r["action"], r["subject"]) for r in reversed(store.people.audit_entries(db, limit=100)[0])]


def test_anyone_is_found_by_name_username_email_or_team_a_page_at_a_time(staff) -> None:
    db, ids, teams = staff
    for n in range(30):
        store.accounts.add_user(
            db, f"crew{n:02}", f"Crew Member {n:02}", "h", "employee", teams["B"], f"c{n}@example.com"
        )
    found, total = store.people.find(db, "crew")
    assert total == 30 and len(found) == store.people.PAGE and found[0]["username"] == "crew00"
    rest, _ = store.people.find(db, "crew", offset=store.people.PAGE)
    assert [p["username"] for p in rest] == [f"crew{n:02}" for n in range(25, 30)]
    assert {p["username"] for p in store.people.find(db, "C7@EXAMPLE")[0]} == {"crew07"}
    assert store.people.find(db, "", team_id=teams["A"])[1] == 3  # ann, amy and mia
    assert {p["username"] for p in store.people.find(db, "", role="manager")[0]} == {"mia", "max"}


def test_an_administrator_changes_an_account_and_the_change_is_recorded(staff) -> None:
    db, ids, teams = staff
    edit = people.Edit("Ann Smith", "ann@example.com", "fr", teams["B"], "employee")
    refused, changed = people.change(db, ids["ada"], ids["ann"], edit)
    assert refused == [] and set(changed) == {"name", "email", "language", "team_id"}
    assert people.change(db, ids["ada"], ids["ann"], edit) == ([], {})  # the same form again: nothing new
    mias = people.Edit("X", "", None, teams["A"], "employee")
    assert people.change(db, ids["mia"], ids["ann"], mias)[0] == [people.NOT_ALLOWED]
    assert people.change(db, ids["ada"], ids["ann"], people.Edit("", "x>,<v@evil.example", "xx", None, "chef"))[0] == [
        people.BAD_NAME,
        people.BAD_EMAIL,
        people.BAD_ROLE,
        people.BAD_LANGUAGE,
    ]
    row = store.people.person(db, ids["ann"])
    assert (row["name"], row["team_id"], row["language"]) == ("Ann Smith", teams["B"], "fr")
    assert audit(db) == [("ada", "changed", "ann")]
    details = json.loads(store.people.audit_entries(db)[0][0]["details"])
    assert details["name"] == {"before": "Ann", "after": "Ann Smith"}


def test_a_leaver_cannot_sign_in_leaves_current_figures_and_keeps_their_history(staff, monkeypatch, tmp_path) -> None:
    db, ids, teams = staff
    monkeypatch.setenv("ACADEMY_DB", str(tmp_path / "key-beside.db"))
    before = Scope(ids["mia"])
    assert {p["name"] for p in store.debriefing.people_in_scope(db, before)} == {"Ann", "Amy"}
    cookie = jwt.encode({"username": "ann", "exp_date": time.time() + 3600}, cookie_key(), algorithm="HS256")
    assert login.from_cookie(db, cookie) is not None
    assert people.deactivate(db, ids["ada"], ids["ann"], NOW)
    assert not people.deactivate(db, ids["ada"], ids["ann"], NOW)  # a double click: one event
    assert not people.deactivate(db, ids["ada"], ids["ada"], NOW)  # never oneself
    assert not people.deactivate(db, ids["mia"], ids["amy"], NOW)  # a manager may not
    assert lockout.sign_in(db, "ann", "Ann-pass-1")[0] is lockout.Outcome.DEACTIVATED
    assert login.from_cookie(db, cookie) is None  # the open session ends at the next click
    assert {p["name"] for p in store.debriefing.people_in_scope(db, before)} == {"Amy"}
    assert "ann@example.com" not in {r["email"] for r in store.digests.digest_recipients(db)}
    rows = store.scope.scoped_rows(db, "SELECT name FROM people", Scope(ids["mia"]), until="2026-12-01 00:00:00")
    assert {r["name"] for r in rows} == {"Ann", "Amy"}  # she still counts in the periods before she left
    assert store.scope.scoped_rows(db, "SELECT name FROM people", Scope(ids["mia"]), until=FAR_FUTURE) == [
        {"name": "Amy"}
    ]
    assert people.reactivate(db, ids["ada"], ids["ann"], NOW)
    assert lockout.sign_in(db, "ann", "Ann-pass-1")[0] is lockout.Outcome.SIGNED_IN
    assert [a for _, a, s in audit(db) if s == "ann"] == ["deactivated", "reactivated"]


def test_a_person_changes_their_password_and_the_old_one_fails(staff) -> None:
    db, ids, teams = staff
    change = account_service.change_password
    assert change(db, "ann", "wrong", "New-pass-22", "New-pass-22") == [account_service.WRONG_CURRENT]
    assert change(db, "ann", "Ann-pass-1", "New-pass-22", "New-pass-23") == [passwords.NOT_THE_SAME]
    assert change(db, "ann", "Ann-pass-1", "short", "short") == [passwords.problem("short")]
    assert passwords.said(passwords.problem("short")) == "a password needs at least 8 characters"
    started = time.time()
    assert change(db, "ann", "Ann-pass-1", "New-pass-22", "New-pass-22") == []
    assert lockout.sign_in(db, "ann", "Ann-pass-1")[0] is lockout.Outcome.WRONG
    assert lockout.sign_in(db, "ann", "New-pass-22")[0] is lockout.Outcome.SIGNED_IN
    account = store.accounts.accounts(db, "ann")[0]
    assert login.ended(account, started - 1)  # the sessions begun before the change have ended
    assert ("ann", "password changed", "ann") in audit(db)


def test_an_administrator_resets_a_password_a_manager_cannot(staff) -> None:
    db, ids, teams = staff
    assert people.reset_password(db, ids["mia"], ids["ann"]) is None
    temporary = people.reset_password(db, ids["ada"], ids["ann"])
    assert temporary and lockout.sign_in(db, "ann", temporary)[0] is lockout.Outcome.SIGNED_IN
    assert ("ada", "password reset", "ann") in audit(db)


def test_sign_in_failures_and_lockouts_are_on_the_record(staff) -> None:
    db, ids, teams = staff
    for _ in range(lockout.MAX_FAILURES + 1):
        lockout.sign_in(db, "ann", "not her password")
    events = [a for _, a, s in audit(db) if s == "ann"]
    assert events == ["sign-in failed"] * (lockout.MAX_FAILURES - 1) + ["locked out"]  # the fifth locks
    assert people.unlock(db, ids["ada"], ids["ann"])
    assert lockout.sign_in(db, "ann", "Ann-pass-1")[0] is lockout.Outcome.SIGNED_IN


def test_a_persons_data_is_exported_whole_and_erased_for_good_with_figures_kept(staff, modules) -> None:
    from modules import certificates
    from modules.learning import learner
    from modules.practices import service

    db, ids, teams = staff
    welcome = modules[0]
    learner.submit_quiz(db, ids["ann"], welcome, 1, {q.id: set(q.correct) for q in welcome.questions})
    code = certificates.certificate_for(db, ids["ann"], welcome, NOW).code
    assert (
        service.rate(db, ids["ann"], ids["ann"], "self", "welcome", 3, {"example": "A calm welcome at the door."}) == []
    )
    service.tell_story(db, ids["ann"], "The umbrella", "Rain at closing.", "I lent mine.", "She came back.")
    service.suggest(db, ids["ann"], "Open earlier", "People wait outside at eight.")

    data = people.export_person(db, ids["ada"], ids["ann"])
    assert data["account"][0]["username"] == "ann" and "password_hash" not in data["account"][0]
    assert len(data["attempts"]) == 1 and len(data["answers"]) == len(welcome.questions)
    assert data["ratings_given"][0]["example"] == "A calm welcome at the door."
    assert data["stories"][0]["title"] == "The umbrella" and data["suggestions"][0]["title"] == "Open earlier"
    assert data["certificates"][0]["code"] == code
    assert people.export_person(db, ids["mia"], ids["ann"]) is None  # a manager may not
    assert people.as_json(data).startswith(b"{") and people.as_csv_zip(data)[:2] == b"PK"

    assert people.erase_person(db, ids["ada"], ids["ann"], NOW)
    assert not people.erase_person(db, ids["ada"], ids["ann"], NOW)  # once
    row = store.people.person(db, ids["ann"])
    assert (row["username"], row["name"], row["email"]) == (f"erased-{ids['ann']}", f"Erased person {ids['ann']}", "")
    after = store.people.personal_data(db, ids["ann"])
    assert after["ratings_given"][0]["example"] == "" and after["stories"][0]["happened"] == ""
    assert after["suggestions"][0]["body"] == "" and len(after["attempts"]) == 1  # anonymous figures stay
    names = {(e["actor"], e["subject"]) for e in store.people.audit_entries(db, limit=100)[0]}
    assert not any(n == "ann" for pair in names for n in pair)  # the log keeps the events, not the name
    assert lockout.sign_in(db, "ann", "Ann-pass-1")[0] is lockout.Outcome.WRONG
    check = certificates.verify(db, code, {})
    assert check.revoked and check.facts is None and not check.valid


def test_a_mover_counts_in_the_old_team_for_the_past_and_the_new_team_now(staff, modules) -> None:
    """The rule for movers: a team's figures for a past period count who was in it then; its manager sees the
    people in it now, with their whole history; the new team's assignments give the mover a newcomer's lead time."""
    from modules.learning import learner

    db, ids, teams = staff
    welcome = modules[0]
    learner.submit_quiz(db, ids["ann"], welcome, 1, {q.id: set(q.correct) for q in welcome.questions})

    def names(viewer: str, until: str) -> set[str]:
        rows = store.scope.scoped_rows(db, "SELECT name FROM people", Scope(ids[viewer]), until=until)
        return {r["name"] for r in rows}

    before_the_move = store.clock.now()
    time.sleep(1.1)  # stored times are whole seconds
    refused, changed = people.change(db, ids["ada"], ids["ann"], people.Edit("Ann", "", None, teams["B"], "employee"))
    assert refused == [] and "team_id" in changed
    assert names("mia", FAR_FUTURE) == {"Amy"}  # team A now
    assert names("mia", before_the_move) == {"Ann", "Amy"}  # team A as it was
    assert names("max", FAR_FUTURE) == {"Ann", "Bob"} and names("max", before_the_move) == {"Bob"}
    facts = store.learning.module_facts(db, ids["ann"], Scope(ids["ann"], (progress.spec(welcome),)))
    assert facts[0]["passed"]  # her history came with her
    row = store.accounts.user_by_username(db, "ann")
    assert row["team_id"] == teams["B"]
    moved = db.execute("SELECT team_id, until_at FROM team_history WHERE user_id = ?", [ids["ann"]]).fetchall()
    assert [m[0] for m in moved] == [teams["A"]]
    assert people.change(db, ids["ada"], ids["ann"], people.Edit("Ann", "", None, teams["B"], "employee")) == ([], {})
