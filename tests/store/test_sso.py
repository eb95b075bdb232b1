"""Which account a company identity opens (single sign-on), on both engines; the browser journeys against a
real provider are in tests/browser/test_single_sign_on.py."""

from __future__ import annotations

from datetime import UTC, datetime

from modules import store
from modules.accounts import people, sso

ISSUER = "https://login.example.com"


def claims(sub: str, email: str, verified: bool = True, **more) -> dict:
    return {"sub": sub, "email": email, "email_verified": verified, **more}


def test_an_identity_opens_its_account_by_verified_email_then_by_its_subject(org) -> None:
    db, ids, teams = org
    db.execute("UPDATE users SET email = 'ann@example.com' WHERE id = ?", [ids["ann"]])
    first = sso.account_for(db, ISSUER, claims("a-1", "ANN@example.com"))
    assert first.account and first.account["username"] == "ann"
    db.execute("UPDATE users SET email = 'ann.martin@example.com' WHERE id = ?", [ids["ann"]])
    again = sso.account_for(db, ISSUER, claims("a-1", "whatever@example.com"))
    assert again.account and again.account["username"] == "ann"  # the stored subject, whatever the address
    assert (
        sso.account_for(db, ISSUER, claims("a-2", "ann.martin@example.com", verified=False)).problem == sso.UNVERIFIED
    )
    stranger = sso.account_for(db, ISSUER, claims("z-9", "zed@example.com"))
    assert stranger.account is None and stranger.problem == sso.UNKNOWN and stranger.email == "zed@example.com"


def test_newcomers_are_created_where_configured_and_leavers_refused(org) -> None:
    db, ids, teams = org
    made = sso.account_for(db, ISSUER, claims("n-1", "nora.new@example.com", name="Nora New"), newcomers_team="A")
    assert made.account and (made.account["name"], made.account["team"]) == ("Nora New", "A")
    assert sso.account_for(db, ISSUER, claims("n-1", "nora.new@example.com")).account["id"] == made.account["id"]
    admin = store.accounts.add_user(db, "ada", "Ada", "h", "admin")
    people.deactivate(db, admin, made.account["id"], datetime(2026, 12, 4, tzinfo=UTC))
    assert sso.account_for(db, ISSUER, claims("n-1", "nora.new@example.com")).problem == sso.CLOSED


def test_the_directory_sets_role_and_team_at_each_sign_on_when_configured(org) -> None:
    db, ids, teams = org
    db.execute("UPDATE users SET email = 'amy@example.com' WHERE id = ?", [ids["amy"]])
    directory = sso.FromClaims("groups", {"academy-managers": "manager", "bogus": "overlord"}, "department")
    outcome = sso.account_for(
        db,
        ISSUER,
        claims("m-1", "amy@example.com", groups=["staff", "academy-managers"], department="b"),
        None,
        directory,
    )
    assert (outcome.account["role"], outcome.account["team"]) == ("manager", "B")
    event = store.people.audit_entries(db)[0][0]
    assert event["action"] == "role changed" and '"source": "single sign-on"' in event["details"]
