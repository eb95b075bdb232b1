"""People, the audit log and My account, through AppTest, as an administrator and as an employee would use them."""

from __future__ import annotations

from pathlib import Path

from modules import store
from modules.accounts import lockout
from tests.helpers import signed_in


def test_an_administrator_finds_a_person_changes_and_deactivates_them(academy: Path) -> None:
    at = signed_in(academy, "irene", "pages/admin/people.py")
    assert not at.exception and at.title[0].value == "People"
    at.text_input(key="people-search").input("bruno").run()
    assert "Bruno Petit" in at.dataframe[0].value["Name"].tolist() and len(at.dataframe[0].value) == 1
    bruno = store.accounts.user_by_username(store.engine.connect(academy), "bruno")["id"]
    at.selectbox(key="people-open").set_value(bruno).run()
    name = next(t for t in at.text_input if t.label == "Name" and (t.form_id or "").startswith("person-"))
    name.input("Bruno Petit-Martin")
    next(b for b in at.button if b.label == "Save").click().run()
    assert any(s.value == "Saved: Name." for s in at.success), [s.value for s in at.success]
    next(b for b in at.button if b.label == "Deactivate (a leaver)").click().run()
    assert any(s.value.startswith("Deactivated: they cannot sign in") for s in at.success)
    assert lockout.sign_in(store.engine.connect(academy), "bruno", "academy")[0] is lockout.Outcome.DEACTIVATED
    bruno_home = signed_in(academy, "bruno")  # a session that was open: signed out at its next run
    assert bruno_home.session_state["authentication_status"] is None

    log = signed_in(academy, "irene", "pages/admin/audit.py")
    events = log.dataframe[0].value
    assert list(events["Event"][:2]) == ["deactivated", "changed"] and set(events["Account"][:2]) == {"bruno"}
    assert "name: Bruno Petit → Bruno Petit-Martin" in events["Details"].tolist()


def test_people_and_the_audit_log_are_for_administrators_only(academy: Path) -> None:
    for username in ("alice", "marc", "theo"):
        at = signed_in(academy, username)
        for page in ("pages/admin/people.py", "pages/admin/audit.py"):
            try:
                at.switch_page(page)
            except ValueError:
                continue  # not in their navigation at all
            at.run()
            assert not at.dataframe and at.error  # refused, nothing shown


def test_a_person_changes_their_own_password_in_my_account(academy: Path) -> None:
    at = signed_in(academy, "alice", "pages/learn/account.py")
    assert at.title[0].value == "My account"
    fields = at.text_input
    fields[0].input("not it")
    fields[1].input("Better-pass-9")
    fields[2].input("Better-pass-9")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Your current password is not right; nothing was changed."]
    at.text_input[0].input("academy")
    at.text_input[1].input("Better-pass-9")
    at.text_input[2].input("Better-pass-9")
    at.button[0].click().run()
    assert at.success[0].value.startswith("Your password is changed.")
    db = store.engine.connect(academy)
    assert lockout.sign_in(db, "alice", "academy")[0] is lockout.Outcome.WRONG
    assert lockout.sign_in(db, "alice", "Better-pass-9")[0] is lockout.Outcome.SIGNED_IN
    assert at.session_state["authentication_status"]  # this session goes on


def test_an_administrator_creates_a_team_and_the_roster_plan_reads_the_demo(academy: Path) -> None:
    from modules.accounts import sync

    db = store.engine.connect(academy)
    roster = "username,name,email,team,role\nbruno,Bruno Petit,,Old Town store,employee\nnew1,Nouvelle Recrue,,Riverside store,employee\n"
    planned = sync.plan(db, roster)
    assert (len(planned.new), len(planned.changed)) == (1, 1)  # what the page shows before Apply
    at = signed_in(academy, "irene", "pages/admin/people.py")
    new_team = next(t for t in at.text_input if t.label == "New team's name")
    new_team.input("Harbour store")
    next(b for b in at.button if b.label == "Create the team").click().run()
    assert any(s.value == "Team «Harbour store» created." for s in at.success)
    assert ("team created", "") in [(e["action"], e["subject"]) for e in store.people.audit_entries(db)[0]]
