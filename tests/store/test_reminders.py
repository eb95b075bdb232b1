"""Weekly digests against a local SMTP server: contents in each person's language, once a week, opt-out,
and a server that is down loses nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from modules import reminders, store
from modules.content import load_catalog
from modules.learning import assignments, learner
from modules.learning.progress import spec
from modules.mail import smtp as mailer
from modules.reminders import __main__ as reminders_cli
from tests import smtp_server
from tests.store.conftest import MONDAY

ROOT = Path(__file__).resolve().parents[2]


def catalog():
    return load_catalog(ROOT / "content")


def test_each_digest_reaches_the_server_in_the_persons_language_once_a_week(db, team, smtp) -> None:
    url, inbox = smtp
    report = reminders.send_weekly(db, catalog(), mailer.parse_url(url), MONDAY)
    assert {(d.email, d.kind) for d in report.sent} == {
        ("ann@example.com", "learner"),
        ("amy@example.com", "learner"),
        ("mia@example.com", "manager"),
    }
    (ann,) = inbox.to("ann@example.com")
    assert ann["Subject"] == "Service Academy: 1 module is late"
    assert "«Welcome to the academy»: late, it was due on Nov 30, 2026" in ann.get_content()
    (amy,) = inbox.to("amy@example.com")
    assert amy["Subject"] == "Service Academy\u00a0: 1 module à faire bientôt"
    assert (
        "«\u00a0Bienvenue à l'académie\u00a0»\u00a0: à faire avant le 15 déc. 2026" in amy.get_content()
    )  # joined 20 days ago
    (mia,) = inbox.to("mia@example.com")
    assert "Ann Martin (Riverside): «Welcome to the academy», due on Nov 30, 2026" in mia.get_content()
    assert "Amy Durand" not in mia.get_content()  # due soon, not late
    again = reminders.send_weekly(db, catalog(), mailer.parse_url(url), MONDAY + timedelta(days=2))
    assert (again.sent, again.already, len(inbox.messages)) == ([], 3, 3)
    next_week = reminders.send_weekly(db, catalog(), mailer.parse_url(url), MONDAY + timedelta(days=7))
    assert len(next_week.sent) == 3 and len(inbox.messages) == 6


def test_nothing_is_sent_to_who_turned_it_off_or_has_nothing_due(db, modules, team, smtp) -> None:
    url, inbox = smtp
    store.digests.set_email_digest(db, team["amy"], False)
    answers = {q.id: set(q.correct) for q in modules[0].questions}
    learner.submit_quiz(db, team["ann"], modules[0], 1, answers, submitted_at="2026-12-01 10:00:00")
    report = reminders.send_weekly(db, catalog(), mailer.parse_url(url), MONDAY)
    assert report.sent == [] and inbox.messages == []  # ann passed, amy said no, so mia has nobody late
    assert not store.digests.wants_email_digest(db, team["amy"])


def test_a_server_that_is_down_loses_no_digest(db, team, smtp) -> None:
    url, inbox = smtp
    down = mailer.parse_url(f"smtp://127.0.0.1:{smtp_server.free_port()}")
    failed = reminders.send_weekly(db, catalog(), down, MONDAY)
    assert failed.sent == [] and len(failed.failed) == 3
    assert store.digests.digests_sent(db, reminders.week_of(MONDAY)) == []
    assert len(reminders.send_weekly(db, catalog(), mailer.parse_url(url), MONDAY).sent) == 3


def test_the_command_needs_a_server_and_says_what_it_sent(database, team, smtp, monkeypatch, capsys) -> None:
    monkeypatch.setenv("ACADEMY_DB", database)
    monkeypatch.setenv("ACADEMY_CONTENT", str(ROOT / "content"))
    monkeypatch.delenv("ACADEMY_SMTP_URL", raising=False)
    assert reminders_cli.main(["send"]) == 2
    assert reminders_cli.main(["preview", "--on", "2026-12-07"]) == 0
    assert "Subject: Service Academy: 1 module is late" in capsys.readouterr().out
    monkeypatch.setenv("ACADEMY_SMTP_URL", smtp[0])
    assert reminders_cli.main(["send", "--on", "2026-12-07"]) == 0
    assert "2026-W50: 3 sent" in capsys.readouterr().out


def test_a_wrong_smtp_url_is_said_at_once() -> None:
    with pytest.raises(ValueError, match="ACADEMY_SMTP_URL"):
        mailer.parse_url("mail.example.com")
    server = mailer.parse_url("smtp+starttls://me%40x:p%2Fw@mail.example.com?from=hr@example.com")
    assert (server.port, server.user, server.password, server.sender) == (587, "me@x", "p/w", "hr@example.com")


def test_the_app_sends_the_weeks_digests_on_its_own_once_an_hour(database, team, smtp, monkeypatch) -> None:
    from modules.reminders import background

    monkeypatch.setenv("ACADEMY_SMTP_URL", smtp[0])
    background.forget_last_send()
    threads = background.maybe_send(database, ROOT / "content")
    assert [t.name for t in threads] == [background.JOB, background.NOTIFY_JOB]
    assert background.maybe_send(database, ROOT / "content") == []  # once an hour, and once a minute
    for thread in threads:
        thread.join(timeout=30)
    assert smtp[1].to("ann@example.com")  # her module is due or late, whatever day the test runs
    background.forget_last_send()
    monkeypatch.delenv("ACADEMY_SMTP_URL")
    assert background.maybe_send(database, ROOT / "content") == []  # no server: nothing starts


def test_replicas_sharing_a_database_build_the_hours_digests_once(database, team, smtp, monkeypatch) -> None:
    """Every process started its own hourly send and built every recipient's digest (a query each) before
    finding it sent; the hour's run is now claimed in the store, by one process of all."""
    from modules.reminders import background

    monkeypatch.setenv("ACADEMY_SMTP_URL", smtp[0])
    built: list[int] = []
    compose = reminders.send_weekly
    monkeypatch.setattr(reminders, "send_weekly", lambda *args: built.append(1) or compose(*args))
    for _replica in range(3):  # a process's own once-an-hour memory forgotten: as a new process would start
        background.forget_last_send()
        for thread in background.maybe_send(database, ROOT / "content"):
            thread.join(timeout=30)
    assert built == [1] and smtp[1].to("ann@example.com")


def test_an_international_address_fails_alone_and_goes_where_the_server_takes_it(db, team, smtp) -> None:
    """`hélène@example.com` made the sender claim every digest, then crash: none sent, and the next run said
    "already sent this week". Now her digest alone fails (and is given back), and goes with SMTPUTF8."""
    url, inbox = smtp
    riverside = store.accounts.team_id_for(db, "Riverside")
    joined = datetime(2026, 6, 1, tzinfo=UTC)
    store.accounts.add_user(db, "helene", "Hélène Roux", "h", "employee", riverside, "hélène@example.com", joined)
    report = reminders.send_weekly(db, catalog(), mailer.parse_url(url), MONDAY)
    assert len(report.sent) == 3 and [d.email for d, _ in report.failed] == ["hélène@example.com"]
    assert {row["user_id"] for row in store.digests.digests_sent(db, report.week)} == {
        team["ann"],
        team["amy"],
        team["mia"],
    }
    controller, international = smtp_server.start(smtputf8=True)
    try:
        server = mailer.parse_url(f"smtp://127.0.0.1:{controller.port}?from=academy@example.com")
        again = reminders.send_weekly(db, catalog(), server, MONDAY + timedelta(hours=1))
    finally:
        controller.stop()
    assert [d.email for d in again.sent] == ["hélène@example.com"] and again.already == 3
    assert "hélène@example.com" in international.messages[0]["To"]


def test_an_address_that_hides_a_second_recipient_is_never_written_on_a_message(db, team, smtp) -> None:
    """`x>,<victim@evil.example` was accepted and the digest went to the victim too."""
    from modules.accounts import roster

    url, inbox = smtp
    injected = "x>,<victim@evil.example"
    assert roster.problems_of(roster.Account("zoe", "Zoe", injected, "Riverside", "employee"))
    assert roster.problems_of(roster.Account("zoe", "Zoe", "a(b@example.com", "Riverside", "employee"))
    db.execute("UPDATE users SET email = ? WHERE id = ?", [injected, team["ann"]])  # stored before the check
    report = reminders.send_weekly(db, catalog(), mailer.parse_url(url), MONDAY)
    assert [d.email for d, _ in report.failed] == [injected]
    assert not any("evil.example" in str(m["To"]) for m in inbox.messages) and len(inbox.messages) == 2


def test_a_sender_that_died_mid_run_loses_no_reminder(db, team, smtp) -> None:
    """A killed sender kept its claims: the week's reminders were lost. A claim not confirmed within
    CLAIM_MINUTES is taken over; a fresh one (another sender at work right now) is left alone."""
    url, inbox = smtp
    week = reminders.week_of(MONDAY)
    assert store.digests.claim_digest(db, team["ann"], week, reminders.LEARNER, store.clock.timestamp(MONDAY), "")
    soon = reminders.send_weekly(db, catalog(), mailer.parse_url(url), MONDAY + timedelta(minutes=5))
    assert soon.already == 1 and not inbox.to("ann@example.com")  # held by a sender that may still be at work
    later = MONDAY + timedelta(minutes=reminders.CLAIM_MINUTES + 1)
    report = reminders.send_weekly(db, catalog(), mailer.parse_url(url), later)
    assert [d.email for d in report.sent] == ["ann@example.com"] and inbox.to("ann@example.com")


def test_a_digest_links_to_the_portal_names_where_to_start_and_lists_people_in_order(
    db, modules, team, smtp, monkeypatch
) -> None:
    """No link to the portal; "start with the first one" whatever it was; a subject counting the late items
    while listing two; a manager's lines person by module unsorted; in French, "à faire avant" a past date."""
    url, inbox = smtp
    monkeypatch.setenv("ACADEMY_BASE_URL", "https://academy.example.com/")
    a = store.accounts.user_by_username(db, "ann")["team_id"]
    store.accounts.add_user(
        db, "aaron", "Aaron Abel", "h", "employee", a, "aaron@example.com", joined=MONDAY - timedelta(days=200)
    )
    assignments.assign(  # a second module for everyone, due in ten days: Ann has one late and one due soon
        db, team["mia"], [modules[1].id], [a], [], date(2026, 12, 17), None, datetime(2026, 11, 2, tzinfo=UTC)
    )
    reminders.send_weekly(db, catalog(), mailer.parse_url(url), MONDAY)
    (ann,) = inbox.to("ann@example.com")
    assert ann["Subject"] == "Service Academy: 2 assigned modules to do (1 late)"
    body = ann.get_content()
    assert "Open the academy: https://academy.example.com/home" in body
    assert "start with «Welcome to the academy»." in body  # the late one, open; the second needs it first
    (mia,) = inbox.to("mia@example.com")
    lines = [line for line in mia.get_content().splitlines() if line.startswith("- ")]
    assert (
        lines == sorted(lines)
        and lines[0].startswith("- Aaron Abel")
        and "https://academy.example.com/team" in mia.get_content()
    )
    store.accounts.set_language(db, team["ann"], "fr")
    reminders.send_weekly(db, catalog(), mailer.parse_url(url), MONDAY + timedelta(days=7))
    (_, ann_fr) = inbox.to("ann@example.com")
    assert "en retard, prévu pour le 30 nov. 2026" in ann_fr.get_content()


def test_one_rule_for_whose_items_count_a_manager_hears_of_her_own_not_her_teams(db, modules, team, smtp) -> None:
    """Marc's Home said he was late on his team's module while Team progress, Organisation and the reminders
    said nothing: an assignment to a team reaches its members; one made to a manager reaches her, by e-mail too."""
    url, inbox = smtp
    mia = team["mia"]
    scope = store.scope.Scope(mia, tuple(spec(m) for m in modules))
    assert store.assignments.own_items(db, mia, scope, assignments.rules_at(MONDAY)) == []  # the team's is not hers
    assignments.assign(db, mia, [modules[1].id], [], [mia], date(2026, 12, 1), None, datetime(2026, 11, 2, tzinfo=UTC))
    assert [i["module_id"] for i in store.assignments.own_items(db, mia, scope, assignments.rules_at(MONDAY))] == [
        modules[1].id
    ]
    reminders.send_weekly(db, catalog(), mailer.parse_url(url), MONDAY)
    subjects = sorted(message["Subject"] for message in inbox.to("mia@example.com"))
    assert subjects == [
        "Service Academy: 1 assigned module is late in your team",
        "Service Academy: 1 module is late",  # her own, the one assigned to her
    ]
