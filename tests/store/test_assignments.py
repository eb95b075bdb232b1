"""Assignments: due, late, done and due again against hand-worked dates (a fixed clock), newcomers,
withdrawal and rights, on both engines."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from modules import store
from modules.learning import assignments, learner
from modules.learning.progress import spec


def at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


@pytest.fixture
def shop(org):
    """The small organisation (conftest `org`): team A (ann, amy; mia), team B (bob; max), tess the trainer."""
    _, ids, teams = org
    return ids, teams


def pass_module(db, user_id: int, module, day: str) -> None:
    answers = {q.id: set(q.correct) for q in module.questions}
    number = store.learning.next_attempt_no(db, user_id, module.id)
    learner.submit_quiz(db, user_id, module, number, answers, submitted_at=f"{day} 10:00:00")


def statuses(db, viewer: int, modules, moment: datetime) -> dict[tuple[str, str], str]:
    scope = store.scope.Scope(viewer, tuple(spec(m) for m in modules))
    return {
        (i["name"], i["module_id"]): i["status"]
        for i in store.assignments.items(db, scope, assignments.rules_at(moment))
    }


def test_due_soon_late_and_done_on_hand_worked_dates(db, modules, shop) -> None:
    ids, teams = shop
    welcome = modules[0]
    made = assignments.assign(db, ids["mia"], [welcome.id], [teams["A"]], [], date(2026, 1, 31), None, at("2026-01-05"))
    assert (made.created, made.already, made.refused) == (1, 0, 0)
    pass_module(db, ids["ann"], welcome, "2026-01-20")
    assert statuses(db, ids["mia"], modules, at("2026-01-10")) == {
        ("Ann", welcome.id): "to_do",  # 21 days left: more than the 14 of "due soon"
        ("Amy", welcome.id): "to_do",
    }
    assert statuses(db, ids["mia"], modules, at("2026-01-25")) == {
        ("Ann", welcome.id): "done",
        ("Amy", welcome.id): "due_soon",
    }
    assert statuses(db, ids["mia"], modules, at("2026-01-31", 23))[("Amy", welcome.id)] == "due_soon"  # the due day
    assert statuses(db, ids["mia"], modules, at("2026-02-01"))[("Amy", welcome.id)] == "late"
    assert (
        store.assignments.items(
            db, store.scope.Scope(ids["max"], (spec(welcome),)), assignments.rules_at(at("2026-02-01"))
        )
        == []
    )


def test_a_newcomer_gets_the_teams_open_assignments_with_the_same_lead_time(db, modules, shop) -> None:
    ids, teams = shop
    welcome = modules[0]
    assignments.assign(db, ids["mia"], [welcome.id], [teams["A"]], [], date(2026, 1, 31), None, at("2026-01-05"))
    cleo = store.accounts.add_user(db, "cleo", "Cleo", "h", "employee", teams["A"], joined=at("2026-02-10"))
    dues = assignments.learner_dues(db, cleo, modules, at("2026-02-11"))
    assert [(d.module.id, d.status, d.due) for d in dues] == [(welcome.id, "to_do", date(2026, 3, 8))]  # 26 days
    assert assignments.learner_dues(db, cleo, modules, at("2026-03-09"))[0].status == "late"


def test_recertification_is_due_again_months_after_the_last_pass(db, modules, shop) -> None:
    ids, teams = shop
    welcome = modules[0]
    assignments.assign(db, ids["max"], [welcome.id], [teams["B"]], [], date(2026, 9, 15), 6, at("2026-08-01"))
    pass_module(db, ids["bob"], welcome, "2026-08-31")
    due = assignments.learner_dues(db, ids["bob"], modules, at("2026-12-01"))[0]
    assert (due.status, due.due, due.recurring) == ("done", date(2027, 2, 28), True)  # 31 August + 6 months
    assert assignments.learner_dues(db, ids["bob"], modules, at("2027-02-13"))[0].status == "done"
    assert assignments.learner_dues(db, ids["bob"], modules, at("2027-02-14"))[0].status == "due_soon"
    assert assignments.learner_dues(db, ids["bob"], modules, at("2027-02-28"))[0].status == "due_soon"
    late = assignments.learner_dues(db, ids["bob"], modules, at("2027-03-01"))[0]
    assert (late.status, late.due) == ("late", date(2027, 2, 28))
    pass_module(db, ids["bob"], welcome, "2027-03-02")
    again = assignments.learner_dues(db, ids["bob"], modules, at("2027-03-03"))[0]
    assert (again.status, again.due) == ("done", date(2027, 9, 2))


def test_expiry_and_its_inverse_on_month_ends() -> None:
    assert assignments.expiry(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert assignments.first_valid_pass(date(2027, 2, 28), 6) == date(2026, 8, 28)
    assert assignments.first_valid_pass(date(2027, 3, 1), 6) == date(2026, 9, 1)
    assert assignments.first_valid_pass(date(2028, 2, 29), 12) == date(2027, 3, 1)  # 28 Feb + 12 months is 28 Feb


def test_withdrawn_assignments_keep_their_history(db, modules, shop) -> None:
    ids, teams = shop
    welcome = modules[0]
    assignments.assign(db, ids["mia"], [welcome.id], [teams["A"]], [], date(2026, 1, 31), None, at("2026-01-05"))
    (made,) = store.assignments.assignments(db, ids["mia"])
    assert not store.assignments.withdraw(db, ids["max"], made["id"], "2026-02-02 08:00:00")  # not his team
    assert store.assignments.withdraw(db, ids["mia"], made["id"], "2026-02-02 08:00:00")
    assert not store.assignments.withdraw(db, ids["mia"], made["id"], "2026-02-02 08:00:01")  # a double click
    assert statuses(db, ids["mia"], modules, at("2026-02-03")) == {}
    assert statuses(db, ids["mia"], modules, at("2026-02-01"))[("Amy", welcome.id)] == "late"  # as it stood then
    assert store.assignments.assignments(db, ids["mia"])[0]["withdrawn_at"] == "2026-02-02 08:00:00"


def test_rights_to_assign_follow_the_teams_one_manages(db, modules, shop) -> None:
    ids, teams = shop
    welcome = modules[0]
    due = date(2026, 1, 31)
    assert assignments.assign(db, ids["max"], [welcome.id], [teams["A"]], [], due, None, at("2026-01-05")).refused == 1
    assert assignments.assign(db, ids["ann"], [welcome.id], [teams["A"]], [], due, None, at("2026-01-05")).refused == 1
    assert assignments.assign(db, ids["max"], [welcome.id], [], [ids["ann"]], due, None, at("2026-01-05")).refused == 1
    by_trainer = assignments.assign(
        db, ids["tess"], [welcome.id], [teams["A"], teams["B"]], [], due, None, at("2026-01-05")
    )
    assert by_trainer.created == 2
    again = assignments.assign(db, ids["mia"], [welcome.id], [teams["A"]], [ids["amy"]], due, None, at("2026-01-06"))
    assert (again.created, again.already) == (1, 1)  # amy alone is new; team A already has it
    assert {a["team"] or a["person"] for a in store.assignments.assignments(db, ids["mia"])} == {"A", "Amy"}
    assert len(store.assignments.assignments(db, ids["tess"])) == 3
    dues = assignments.learner_dues(db, ids["amy"], modules, at("2026-01-10"))
    assert len(dues) == 1  # assigned twice, shown once


def test_a_half_filled_form_is_refused_with_every_reason(db, modules, shop) -> None:
    problems = assignments.check_new([], [], [], None, None, date(2026, 1, 5))
    assert len(problems) == 3
    assert assignments.check_new(["welcome"], [1], [], date(2026, 1, 4), None, date(2026, 1, 5)) == [
        "The due date is in the past: choose today or a later day."
    ]
    with pytest.raises(assignments.AssignmentError):
        assignments.assign(db, shop[0]["mia"], ["welcome"], [], [], date(2026, 1, 31), None, at("2026-01-05"))


def test_a_manager_cannot_withdraw_a_trainers_assignment(org, modules) -> None:
    """A manager could withdraw the trainer's assignment, and the trainer was not told."""
    db, ids, teams = org
    moment = datetime(2026, 12, 1, tzinfo=UTC)
    assignments.assign(db, ids["tess"], [modules[0].id], [teams["A"]], [], date(2026, 12, 31), None, moment)
    assignments.assign(db, ids["mia"], [modules[1].id], [teams["A"]], [], date(2026, 12, 31), None, moment)
    by_module = {a["module_id"]: a for a in store.assignments.assignments(db, ids["mia"])}
    trainers, mine = by_module[modules[0].id], by_module[modules[1].id]
    assert (trainers["may_withdraw"], mine["may_withdraw"]) == (0, 1)
    assert not assignments.withdraw(db, ids["mia"], trainers["id"], moment)
    assert assignments.withdraw(db, ids["mia"], mine["id"], moment)
    assert {a["may_withdraw"] for a in store.assignments.assignments(db, ids["tess"])} == {1}
    assert assignments.withdraw(db, ids["tess"], trainers["id"], moment)  # whoever sees every team may


def test_a_due_date_changes_in_one_step_and_the_weeks_before_keep_the_old_one(db, modules, shop) -> None:
    """A due date could not be changed (withdraw and assign again by hand). Changed on 5 February to the 28th,
    Amy is no longer late; seen from the 3rd, she was (the old date stood then). Same rights as withdrawing."""
    ids, teams = shop
    welcome = modules[0]
    made = at("2026-01-05")
    assignments.assign(db, ids["tess"], [welcome.id], [teams["A"]], [], date(2026, 1, 31), None, made)
    assignments.assign(db, ids["mia"], [modules[1].id], [teams["A"]], [], date(2026, 1, 31), None, made)
    by_module = {a["module_id"]: a for a in store.assignments.assignments(db, ids["mia"])}
    assert (
        assignments.change_due(db, ids["mia"], by_module[welcome.id]["id"], date(2026, 2, 28), at("2026-02-05")) is None
    )
    assert assignments.change_due(
        db, ids["mia"], by_module[modules[1].id]["id"], date(2026, 2, 1), at("2026-02-05")
    ) == ["The due date is in the past: choose today or a later day."]
    assert (
        assignments.change_due(db, ids["tess"], by_module[welcome.id]["id"], date(2026, 2, 28), at("2026-02-05")) == []
    )
    assert statuses(db, ids["mia"], modules, at("2026-02-06"))[("Amy", welcome.id)] == "to_do"
    assert statuses(db, ids["mia"], modules, at("2026-02-03"))[("Amy", welcome.id)] == "late"
    assert (
        assignments.change_due(db, ids["tess"], by_module[welcome.id]["id"], date(2026, 3, 1), at("2026-02-05")) is None
    )
    open_ones = [a for a in store.assignments.assignments(db, ids["tess"]) if a["withdrawn_at"] is None]
    assert sorted(a["module_id"] for a in open_ones) == sorted([welcome.id, modules[1].id])  # one each, still


def test_completion_week_by_week_reads_past_weeks_through_the_given_counts(db, modules, shop) -> None:
    """Team A (Ann, Amy) is assigned Welcome on 5 January; Ann passes on the 20th. Seen on 2 February: 0 %
    at the end of the 5th, the 12th and the 19th, 50 % at the end of the 26th and now. Past weeks are asked of
    `past_counts` (a cache keeps them: they never change), the present is computed."""
    from modules.measurement import assignment_reports

    ids, teams = shop
    welcome = modules[0]
    assignments.assign(db, ids["mia"], [welcome.id], [teams["A"]], [], date(2026, 1, 31), None, at("2026-01-05"))
    pass_module(db, ids["ann"], welcome, "2026-01-20")
    asked: list[datetime] = []

    def past(moment: datetime):
        asked.append(moment)
        return assignment_reports.counts_at(db, ids["mia"], modules, None, moment)

    report = assignment_reports.assignment_report(db, ids["mia"], modules, None, at("2026-02-02", 9), past)
    assert [(p["week"], p["completion"]) for p in report.completion] == [
        ("2026-01-05", 0.0),
        ("2026-01-12", 0.0),
        ("2026-01-19", 0.0),
        ("2026-01-26", 50.0),
        ("2026-02-02", 50.0),
    ]
    assert [store.clock.timestamp(m) for m in asked] == [
        "2026-01-06 00:00:00",  # the end of the install's day (UTC here), fixed all day long
        "2026-01-13 00:00:00",
        "2026-01-20 00:00:00",
        "2026-01-27 00:00:00",
    ]
    computed = assignment_reports.assignment_report(db, ids["mia"], modules, None, at("2026-02-02", 9))
    assert computed.completion == report.completion
