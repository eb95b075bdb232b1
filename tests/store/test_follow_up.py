"""The manager's to-do: who is late, stuck, not practising, waiting for a debriefing; a week more given once,
a reminder sent once a day, both only to the manager's own people (each engine)."""

from __future__ import annotations

from datetime import date, timedelta

from modules import store
from modules.learning import assignments, learner, recall
from modules.mail import smtp as mailer
from modules.measurement import follow_up
from modules.reminders import nudge
from tests.store.conftest import MONDAY
from tests.store.test_reminders import catalog


def _wrong(module) -> dict:
    return {q.id: set() for q in module.questions}


def test_the_to_do_lists_each_person_to_follow_up(db, modules, team) -> None:
    welcome = modules[0]
    for tries in (1, 2):  # amy fails twice: a word is due, not a third retake
        learner.submit_quiz(db, team["amy"], welcome, tries, _wrong(welcome), submitted_at=f"2026-11-1{tries} 10:00:00")
    team_id = store.accounts.user_by_username(db, "ann")["team_id"]
    al = store.accounts.add_user(db, "al", "Al Petit", "h", "employee", team_id, joined=MONDAY - timedelta(days=90))
    right = {q.id: set(q.correct) for q in welcome.questions}
    learner.submit_quiz(db, al, welcome, 1, right, submitted_at="2026-11-01 10:00:00")  # passed, never practised
    store.debriefing.add_rating(db, team["ann"], team["ann"], "self", "listening", 2, stamp="2026-12-01 09:00:00")
    todo = follow_up.to_do(db, team["mia"], modules, MONDAY)
    assert [(late.item["name"], late.title, late.due) for late in todo.late] == [
        ("Ann Martin", welcome.title, date(2026, 11, 30))  # amy joined later: hers is not due yet; al passed
    ]
    assert [(f.row["name"], f.title, f.row["attempts"]) for f in todo.failing] == [("Amy Durand", welcome.title, 2)]
    assert [(lapsed.row["name"], lapsed.row["last_practice"]) for lapsed in todo.lapsed] == [("Al Petit", None)]
    assert [(r["name"], r["skill"], r["level"]) for r in todo.self_rated] == [("Ann Martin", "listening", 2)]
    store.debriefing.add_rating(db, team["ann"], team["mia"], "manager", "listening", 3, stamp="2026-12-02 09:00:00")
    item = recall.todays_practice(db, al, modules, MONDAY).items[0]
    recall.answer(db, al, item, set(item.shown.correct), MONDAY)
    after = follow_up.to_do(db, team["mia"], modules, MONDAY)
    assert after.self_rated == [] and after.lapsed == []  # debriefed, and practising again
    assert follow_up.to_do(db, team["ann"], modules, MONDAY).count == 0  # an employee follows nobody up


def test_a_week_more_is_given_once_and_only_by_the_persons_manager(db, modules, team) -> None:
    (late,) = follow_up.to_do(db, team["mia"], modules, MONDAY).late
    stranger = store.accounts.add_user(db, "max", "Max", "h", "manager", store.accounts.add_team(db, "Other"))
    assert assignments.give_more_time(db, stranger, late.item, MONDAY) is None  # not his people: nothing written
    until = assignments.give_more_time(db, team["mia"], late.item, MONDAY)
    assert until == date(2026, 12, 14)  # late already: a week from today, not from the past due date
    assert assignments.give_more_time(db, team["mia"], late.item, MONDAY) == until  # a double click: one week
    assert follow_up.to_do(db, team["mia"], modules, MONDAY).late == []
    (mine,) = assignments.learner_dues(db, team["ann"], modules, MONDAY)
    assert (mine.status, mine.due) == (assignments.DUE_SOON, until)  # the learner sees the new date
    amy = next(d for d in assignments.learner_dues(db, team["amy"], modules, MONDAY))
    assert amy.due == date(2026, 12, 15)  # the rest of the team keeps theirs (her lead time from joining)


def test_a_reminder_goes_once_a_day_to_the_person_in_their_language(db, modules, team, smtp) -> None:
    url, inbox = smtp
    server = mailer.parse_url(url)
    (late,) = follow_up.to_do(db, team["mia"], modules, MONDAY).late
    stranger = store.accounts.add_user(db, "max", "Max", "h", "manager", store.accounts.add_team(db, "Other"))
    title, module_id = late.title, modules[0].id  # ann reads English
    refused = nudge.remind_now(db, stranger, team["ann"], module_id, catalog(), MONDAY, server)
    assert refused == nudge.NotSent(nudge.NOT_YOURS) and inbox.messages == []  # not his people: nothing sent
    assert nudge.remind_now(db, team["mia"], team["ann"], module_id, catalog(), MONDAY, server) is None
    again = nudge.remind_now(db, team["mia"], team["ann"], module_id, catalog(), MONDAY, server)
    assert again == nudge.NotSent(nudge.ALREADY)  # a double click: one e-mail
    (mail,) = inbox.to("ann@example.com")
    assert mail["Subject"] == f"Service Academy: «{title}» is waiting for you"
    assert follow_up.to_do(db, team["mia"], modules, MONDAY).late[0].reminded
    tomorrow = MONDAY + timedelta(days=1)
    assert nudge.remind_now(db, team["mia"], team["amy"], store.follow_up.PRACTICE, catalog(), tomorrow, server) is None
    (amy,) = inbox.to("amy@example.com")
    assert amy["Subject"] == f"Service Academy\u00a0: {recall.DAILY} questions vous attendent"  # French, as she chose


def test_a_reminder_the_server_refuses_can_be_sent_again(db, team, smtp, monkeypatch) -> None:
    down = mailer.parse_url("smtp://127.0.0.1:9?from=academy@example.com")  # nothing listens there
    not_sent = nudge.remind_now(db, team["mia"], team["ann"], store.follow_up.PRACTICE, catalog(), MONDAY, down)
    assert not_sent is not None and not_sent.message == nudge.REFUSED and not_sent.reason
    assert store.follow_up.nudged(db, "2026-12-07", [team["ann"]]) == set()  # the claim was given back
    monkeypatch.delenv("ACADEMY_SMTP_URL", raising=False)
    no_server = nudge.remind_now(db, team["mia"], team["ann"], store.follow_up.PRACTICE, catalog(), MONDAY)
    assert no_server == nudge.NotSent(nudge.NO_SERVER)
    monkeypatch.setenv("ACADEMY_SMTP_URL", smtp[0])  # the install's server, as the page uses it
    assert nudge.remind_now(db, team["mia"], team["ann"], store.follow_up.PRACTICE, catalog(), MONDAY) is None
    assert len(smtp[1].to("ann@example.com")) == 1


def test_nobody_is_reminded_twice_by_two_managers_at_once(db, team) -> None:
    day, at = "2026-12-07", "2026-12-07 08:00:00"
    assert store.follow_up.claim_nudge(db, team["mia"], team["ann"], "practice", day, at)
    assert not store.follow_up.claim_nudge(db, team["mia"], team["ann"], "practice", day, at)
    assert store.follow_up.nudged(db, day, [team["ann"], team["amy"]]) == {(team["ann"], "practice")}


def test_the_compliance_report_says_who_holds_which_certificate_until_when(db, modules, team) -> None:
    import io

    from pypdf import PdfReader

    from modules.certificates.compliance_pdf import compliance_pdf
    from modules.measurement import compliance

    welcome = modules[0]
    right = {q.id: set(q.correct) for q in welcome.questions}
    learner.submit_quiz(db, team["amy"], welcome, 1, right, submitted_at="2026-12-01 10:00:00")
    rows = compliance.team_compliance(db, team["mia"], modules, None, MONDAY)
    assert [(h.person, h.module, h.passed_on, h.valid_until, h.status) for h in rows] == [
        ("Amy Durand", welcome.title, date(2026, 12, 1), None, assignments.DONE),
        ("Ann Martin", welcome.title, None, None, assignments.LATE),
    ]
    stranger = store.accounts.add_user(db, "max", "Max", "h", "manager", store.accounts.add_team(db, "Other"))
    assert compliance.team_compliance(db, stranger, modules, None, MONDAY) == []  # not his teams
    text = PdfReader(io.BytesIO(compliance_pdf(rows, "Riverside", MONDAY.date(), "en"))).pages[0].extract_text()
    for expected in ("Team compliance — Riverside", "Amy Durand", "Dec 1, 2026", "no end date", "late"):
        assert expected in text
    french = PdfReader(io.BytesIO(compliance_pdf(rows, "Riverside", MONDAY.date(), "fr"))).pages[0].extract_text()
    assert "en retard" in french and "1 déc. 2026" in french
