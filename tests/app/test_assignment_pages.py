"""Assignments through the pages: a manager assigns and withdraws, learners see what is due and why, a
certificate is offered for every pass, the e-mail switch holds, in English and French."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from streamlit.testing.v1 import AppTest

from modules import store
from tests.helpers import open_tab, signed_in


def texts(at: AppTest) -> str:
    return "\n".join(
        str(e.value) for kind in ("markdown", "caption", "info", "success", "warning", "error") for e in at.get(kind)
    )


def test_a_manager_assigns_a_module_to_his_team_once(academy: Path) -> None:
    at = open_tab(signed_in(academy, "marc", "pages/measure/team.py"), "team-view", "Assignments")
    at.button(key="assign-submit").click().run()  # nothing chosen yet
    assert "Choose at least one module." in texts(at) and "Choose a team or at least one person." not in texts(at)
    at.multiselect(key="assign-modules").set_value(["welcome"])
    due = (datetime.now(UTC) + timedelta(days=7)).date()
    at.date_input(key="assign-due").set_value(due)
    at.button(key="assign-submit").click().run()
    assert "1 assignment made." in texts(at) and not at.exception
    with store.engine.opened(academy) as db:
        made = [
            a
            for a in store.assignments.assignments(db, store.accounts.user_by_username(db, "marc")["id"])
            if a["module_id"] == "welcome"
        ]
    assert [(a["team"], a["every_months"]) for a in made] == [("Riverside store", None)]
    late = at.dataframe[0].value
    assert "Welcome to the academy" in set(late["Module"])  # due within a week: everyone who has not passed it
    at.multiselect(key="assign-modules").set_value(["welcome"])
    at.button(key="assign-submit").click().run()  # a second click, or the same form again
    assert "1 was already assigned and left as it was" in texts(at)
    at.button(key=f"withdraw-{made[0]['id']}").click().run()
    assert "Assignment withdrawn; its history is kept." in texts(at)
    assert "Welcome to the academy" not in set(at.dataframe[0].value["Module"])


def test_a_manager_may_assign_to_chosen_people_and_a_recertification(academy: Path) -> None:
    at = open_tab(signed_in(academy, "marc", "pages/measure/team.py"), "team-view", "Assignments")
    at.multiselect(key="assign-modules").set_value(["welcome"])
    at.toggle(key="assign-some").set_value(True).run()
    with store.engine.opened(academy) as db:
        bruno = store.accounts.user_by_username(db, "bruno")["id"]
    assert at.multiselect(key="assign-people").options  # the team's people, to choose from
    at.multiselect(key="assign-people").set_value([bruno])
    at.selectbox(key="assign-every").set_value(12)
    at.button(key="assign-submit").click().run()
    assert "1 assignment made." in texts(at)
    with store.engine.opened(academy) as db:
        made = [
            a
            for a in store.assignments.assignments(db, store.accounts.user_by_username(db, "marc")["id"])
            if a["module_id"] == "welcome"
        ]
    assert [(a["person"], a["team"], a["every_months"]) for a in made] == [("Bruno Petit", None, 12)]


def test_a_manager_changes_the_due_date_of_his_assignment_in_place(academy: Path) -> None:
    at = open_tab(signed_in(academy, "marc", "pages/measure/team.py"), "team-view", "Assignments")
    at.multiselect(key="assign-modules").set_value(["welcome"])
    at.date_input(key="assign-due").set_value((datetime.now(UTC) + timedelta(days=7)).date())
    at.button(key="assign-submit").click().run()
    with store.engine.opened(academy) as db:
        marc = store.accounts.user_by_username(db, "marc")["id"]
        made = next(
            a
            for a in store.assignments.assignments(db, marc)
            if a["module_id"] == "welcome" and a["withdrawn_at"] is None
        )
    later = (datetime.now(UTC) + timedelta(days=40)).date()
    at.date_input(key=f"due-{made['id']}").set_value(later)
    at.button(key=f"change-due-{made['id']}").click().run()
    assert "Due date changed; everyone assigned sees the new one." in [s.value for s in at.success] and not at.exception
    with store.engine.opened(academy) as db:
        now_open = [
            a
            for a in store.assignments.assignments(db, marc)
            if a["module_id"] == "welcome" and a["withdrawn_at"] is None
        ]
    assert len(now_open) == 1 and store.clock.day_of(now_open[0]["due_day"]) == later


def demo_person(db_path: Path, wanted: Callable[[set[tuple[str, str]]], bool]) -> str:
    """The first demo employee whose (module, status) pairs, a renewal counted as "renewal", are as wanted."""
    from modules.content import load_catalog
    from modules.learning import assignments

    with store.engine.opened(db_path) as db:
        modules = load_catalog(Path(__file__).resolve().parents[2] / "content").for_language("en")
        now = datetime.now(UTC)
        for (username,) in db.execute("SELECT username FROM users WHERE role = 'employee' ORDER BY id").fetchall():
            dues = assignments.learner_dues(db, store.accounts.user_by_username(db, username)["id"], modules, now)
            if wanted({(d.module.id, "renewal" if d.passed and d.status == "due_soon" else d.status) for d in dues}):
                return username
    raise AssertionError("nobody in the demo is in that case")


def renewing(db_path: Path) -> str:
    """The demo's contact-centre employee whose welcome recertification runs out within days."""
    return demo_person(db_path, lambda dues: ("welcome", "renewal") in dues)


def late_and_due_soon(db_path: Path) -> str:
    return demo_person(db_path, lambda dues: {"late", "due_soon"} <= {status for _, status in dues})


def test_learners_see_what_is_assigned_late_first_and_why(academy: Path) -> None:
    learner = signed_in(academy, late_and_due_soon(academy))
    shown = texts(learner)
    assert "Assigned to you" in shown
    assert shown.index("Late: it was due on") < shown.index("Due soon · Due on")  # late first
    renewal = texts(signed_in(academy, renewing(academy)))
    assert "Due again on" in renewal
    assert "renewed every 3 months" in renewal  # on the welcome card: why it is there
    module = signed_in(academy, renewing(academy), "pages/learn/module.py", module="welcome")
    module.button(key="toc-quiz").click().run()
    assert [b.label for b in module.button if b.label in ("Start the recertification", "Retake the quiz")] == [
        "Start the recertification"  # its own wording: not a retake
    ]
    next(b for b in module.button if b.label == "Start the recertification").click().run()
    assert any(i.value.startswith("Recertification: your pass of this module runs out on") for i in module.info)
    alice = signed_in(academy, "alice")
    assert "Pass «Welcome to the academy» first to unlock it." in texts(alice)  # assigned, but locked for now
    nobody = signed_in(academy, "theo")
    assert "Assigned to you" not in texts(nobody)


def test_my_progress_offers_certificates_and_the_email_switch(academy: Path) -> None:
    at = signed_in(academy, "bruno", "pages/learn/my_progress.py")
    assert "Certificates" in [s.value for s in at.subheader]
    assert len(at.get("download_button")) >= 1 and not at.exception
    assert at.toggle(key="email-digest").value is True
    at.toggle(key="email-digest").set_value(False).run()
    with store.engine.opened(academy) as db:
        assert not store.digests.wants_email_digest(db, store.accounts.user_by_username(db, "bruno")["id"])
    assert "This academy does not send e-mails yet" in texts(at)
    fresh = signed_in(academy, "alice", "pages/learn/my_progress.py")
    assert "Pass a module and its certificate appears here" in texts(fresh)


def test_assignments_in_french(academy: Path) -> None:
    person = late_and_due_soon(academy)
    with store.engine.opened(academy) as db:
        store.accounts.set_language(db, store.accounts.user_by_username(db, person)["id"], "fr")
        store.accounts.set_language(db, store.accounts.user_by_username(db, "marc")["id"], "fr")
    learner = signed_in(academy, person)
    assert "Attribués" in texts(learner) or "Attribué" in texts(learner)
    assert "En retard" in texts(learner) and not learner.exception
    marc = open_tab(signed_in(academy, "marc", "pages/measure/team.py"), "team-view", "Attributions")
    assert set(marc.dataframe[0].value["Statut"]) == {"en retard"} and not marc.exception


def test_the_organisation_counts_late_and_due_soon_per_team(academy: Path) -> None:
    org = signed_in(academy, "theo", "pages/measure/organisation.py")
    teams = org.dataframe[0].value.set_index("Team")
    assert teams.loc["Old Town store", "Due soon"] > 0 and teams.loc["Riverside store", "Late"] > 0
    assert not org.exception


def test_the_assign_form_follows_the_rights_table(academy: Path) -> None:
    from modules.accounts import roles

    for username in ("marc", "theo"):
        at = open_tab(signed_in(academy, username, "pages/measure/team.py"), "team-view", "Assignments")
        role = store.accounts.user_by_username(store.engine.connect(academy), username)["role"]
        has_form = any(b.key == "assign-submit" for b in at.button)
        assert has_form == roles.may(role, roles.ASSIGN) and not at.exception
    assert not roles.may("employee", roles.ASSIGN) and not roles.may_open("employee", "team")
