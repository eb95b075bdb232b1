"""Roster sync: the weekly HR export applied as it is, on both engines."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from modules import store
from modules.accounts import lockout, sync

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 12, 4, 9, tzinfo=UTC)
HEADER = "username,name,email,team,role,active\n"


def test_the_plan_says_what_will_happen_and_the_same_file_twice_changes_nothing(org) -> None:
    db, ids, teams = org
    roster = HEADER + (
        "ann,Ann,,A,employee,\n"  # unchanged
        "amy,Amy Durand,amy@example.com,A,employee,\n"  # changed: name, e-mail
        "bob,Bob,,A,employee,\n"  # a mover: B -> A
        "zoe,Zoé Blanc,zoe@example.com,C,employee,\n"  # new, in a new team
        "max,Max,,B,manager,no\n"  # changed: leaves (active no)
        "Bad Name,X,,A,employee,\n"  # a bad row, by line
    )
    planned = sync.plan(db, roster)
    assert (len(planned.new), len(planned.changed), len(planned.leaving), planned.unchanged) == (1, 3, 0, 1)
    assert [p.line for p in planned.problems] == [7]
    changes = {c.username: c.fields for c in planned.changed}
    assert changes["amy"] == {"name": ("Amy", "Amy Durand"), "email": ("", "amy@example.com")}
    assert changes["bob"] == {"team": ("B", "A")} and changes["max"] == {"active": ("yes", "no")}
    assert store.engine.count(db, "users") == 6  # a plan writes nothing

    done = sync.apply(db, None, planned, NOW)
    assert ([c.username for c in done.created], done.changed, done.deactivated) == (["zoe"], 3, 0)
    assert store.people.person(db, ids["bob"])["team"] == "A"
    assert lockout.sign_in(db, "zoe", done.created[0].temporary_password)[0] is lockout.Outcome.SIGNED_IN
    assert store.people.person(db, ids["max"])["deactivated_at"] is not None
    again = sync.plan(db, roster)
    assert again.empty and again.unchanged == 5  # the same file twice: nothing to do
    events = [(e["action"], e["subject"]) for e in store.people.audit_entries(db, limit=100)[0]]
    assert ("created", "zoe") in events and ("deactivated", "max") in events and ("changed", "bob") in events


def test_a_full_export_deactivates_who_is_absent_but_never_an_administrator(org) -> None:
    db, ids, teams = org
    store.accounts.add_user(db, "ada", "Ada", "h", "admin")
    planned = sync.plan(db, HEADER + "ann,Ann,,A,employee,\nBad Row,X,,A,employee,\namy,Amy,,Z,chef,\n", full=True)
    leaving = {username for _, username in planned.leaving}
    assert leaving == {"bob", "mia", "max", "tess"}  # amy's row is bad: refused, but she is no leaver; ada stays
    done = sync.apply(db, None, planned, NOW)
    assert done.deactivated == 4
    assert [p["username"] for p in store.people.find(db, active=True)[0]] == ["ada", "amy", "ann"]


def test_the_sync_command_previews_then_applies(tmp_path) -> None:
    db_path = tmp_path / "academy.db"
    with store.engine.opened(db_path) as db:
        store.accounts.add_user(db, "ann", "Ann", "h", "employee", store.accounts.add_team(db, "A"))
    roster = tmp_path / "hr.csv"
    roster.write_text(HEADER + "ann,Ann Martin,,A,employee,\nbea,Bea,bea@example.com,A,employee,\n")
    env = {"ACADEMY_DB": str(db_path), "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-m", "modules.accounts", "sync", str(roster)]
    dry = subprocess.run([*run, "--dry-run"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert dry.returncode == 0 and "1 new, 1 changed, 0 leaving, 0 unchanged" in dry.stdout
    assert "dry run: nothing was changed" in dry.stdout
    done = subprocess.run(run, capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0 and "applied: 1 created, 1 changed, 0 deactivated" in done.stdout
    assert done.stdout.count("bea\t") == 1  # the temporary password, shown once
    again = subprocess.run(run, capture_output=True, text=True, env=env, cwd=ROOT)
    assert "nothing to change" in again.stdout
