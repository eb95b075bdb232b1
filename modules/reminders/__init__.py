"""Reminders of assigned modules: the weekly e-mail digest, in each person's language.

Learners hear of what is late or due within two weeks; managers of their teams'
late items. A digest goes once a week at most: it is claimed in the store
before it is sent (so two processes, or a run repeated the same week, never send it
twice) and the claim is given back if the server refuses it. Nothing is sent
unless `ACADEMY_SMTP_URL` names a server; people can turn the e-mails off on
My progress. In the app, Home says the same things every day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from modules import i18n, settings, store
from modules.accounts import roles
from modules.content.catalog import Catalog
from modules.content.model import TrainingModule
from modules.learning import assignments, learner
from modules.learning.progress import for_team_members, spec
from modules.mail import addresses, smtp
from modules.store import clock
from modules.store.assignments import DUE_SOON, LATE
from modules.store.clock import timestamp

LEARNER, MANAGER = "learner", "manager"


def week_of(moment: datetime) -> str:
    """'2026-W49': the ISO week a digest belongs to (one per person, kind and week)."""
    year, week, _ = clock.today(moment).isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Digest:
    user_id: int
    kind: str
    email: str
    name: str
    subject: str
    body: str


def _modules(catalog: Catalog, lang: str) -> list[TrainingModule]:
    return for_team_members(catalog.for_language(lang))


def _line(title: str, status: str, due: str, recurring: bool, _: i18n.Translate) -> str:
    if status == LATE:
        return _("- «{module}»: late, it was due on {date}").format(module=title, date=due)
    if recurring:
        return _("- «{module}»: due again on {date}").format(module=title, date=due)
    return _("- «{module}»: due on {date}").format(module=title, date=due)


def digest_to(
    person: store.digests.Recipient, kind: str, subject: str, text: list[str], _: i18n.Translate, page: str = ""
) -> Digest:
    """A digest to one person: a greeting, its text, a link to the portal's page for it (when the install says
    where it is reached, `ACADEMY_BASE_URL`), and how to stop them."""
    greeting = _("Hello {name},").format(name=person["name"].split()[0])
    stop = _("You can turn these e-mails off on your My progress page.")
    base = settings.base_url()
    link = [_("Open the academy: {url}").format(url=f"{base}/{page}"), ""] if base else []
    body = "\n".join([greeting, "", *text, *link, stop])
    return Digest(person["id"], kind, person["email"], person["name"], subject, body)


def learner_digest(db: Database, person: store.digests.Recipient, catalog: Catalog, moment: datetime) -> Digest | None:
    """What a learner has late or due within two weeks; None when nothing is."""
    lang = i18n.supported(person["language"])
    _, ngettext = i18n.translator(lang), i18n.plural_translator(lang)
    dues = [
        d
        for d in assignments.learner_dues(db, person["id"], _modules(catalog, lang), moment)
        if d.status in (LATE, DUE_SOON)
    ]
    if not dues:
        return None
    late = sum(1 for d in dues if d.status == LATE)
    lines = [_line(d.module.title, d.status, i18n.day(d.due, lang) if d.due else "—", d.recurring, _) for d in dues]
    soon = len(dues) - late
    subject = (
        ngettext("Service Academy: {count} module is late", "Service Academy: {count} modules are late", late).format(
            count=late
        )
        if not soon
        else ngettext(
            "Service Academy: {count} module is due soon", "Service Academy: {count} modules are due soon", soon
        ).format(count=soon)
        if not late
        else ngettext(
            "Service Academy: {count} assigned module to do ({late} late)",
            "Service Academy: {count} assigned modules to do ({late} late)",
            len(dues),
        ).format(count=len(dues), late=late)
    )
    intro = _("These training modules are assigned to you:")
    first = _first_open(db, person["id"], catalog, lang, [d.module.id for d in dues])
    advice = (
        _("Each takes about ten minutes: open the academy and start with «{module}».").format(module=first)
        if first
        else _("Each takes about ten minutes: open the academy and pass what unlocks them first.")
    )
    return digest_to(person, LEARNER, subject, [intro, *lines, "", advice, ""], _, "home")


def _first_open(db: Database, user_id: int, catalog: Catalog, lang: str, due: list[str]) -> str | None:
    """The title of the most urgent assigned module the person can open now (not locked by a prerequisite)."""
    rows = {r.module.id: r for r in learner.progress_of(db, user_id, _modules(catalog, lang))}
    return next((rows[m].module.title for m in due if m in rows and not rows[m].locked), None)


def manager_digest(db: Database, person: store.digests.Recipient, catalog: Catalog, moment: datetime) -> Digest | None:
    """Who is late on what in the manager's teams; None when nobody is."""
    lang = i18n.supported(person["language"])
    _, ngettext = i18n.translator(lang), i18n.plural_translator(lang)
    modules = _modules(catalog, lang)
    titles = {m.id: m.title for m in modules}
    scope = store.scope.Scope(person["id"], tuple(spec(m) for m in modules))
    late = sorted(
        (i for i in store.assignments.items(db, scope, assignments.rules_at(moment)) if i["status"] == LATE),
        key=lambda i: (i["team"], i["name"], titles.get(i["module_id"], i["module_id"])),
    )  # person by person, each one's modules together
    if not late:
        return None
    lines = [
        _("- {person} ({team}): «{module}», due on {date}").format(
            person=i["name"],
            team=i["team"],
            module=titles.get(i["module_id"], i["module_id"]),
            date=i18n.day(assignments.due_date(i) or date.min, lang),  # a late item always has its date
        )
        for i in late
    ]
    subject = ngettext(
        "Service Academy: {count} assigned module is late in your team",
        "Service Academy: {count} assigned modules are late in your team",
        len(late),
    ).format(count=len(late))
    intro = _("These assigned modules are late:")
    advice = _("A word at the start of a shift often helps; Team progress shows every assignment.")
    return digest_to(person, MANAGER, subject, [intro, *lines, "", advice, ""], _, "team")


# Who gets which digest: everyone their own assigned items (whatever their role: Home shows them to everyone,
# a manager assigned a module included), managers of linked teams their teams' late ones too (by right).
DIGESTS_BY_RIGHT = ((None, LEARNER, learner_digest), (roles.MANAGE_TEAMS, MANAGER, manager_digest))


def composers(role: str) -> tuple[tuple[str, Callable[..., Digest | None]], ...]:
    """The digests a role gets, as (kind, composer)."""
    return tuple(
        (kind, compose) for right, kind, compose in DIGESTS_BY_RIGHT if right is None or roles.may(role, right)
    )


CLAIM_MINUTES = 30  # a claim older than this was left by a sender that died: another run takes it over


@dataclass
class Report:
    week: str
    sent: list[Digest] = field(default_factory=list)
    already: int = 0  # sent (or being sent) earlier this week: not sent again
    failed: list[tuple[Digest, str]] = field(default_factory=list)


def send_weekly(db: Database, catalog: Catalog, server: smtp.SmtpServer, moment: datetime) -> Report:
    """Compose and send this week's digests that were not sent yet, one by one: each is claimed, sent, then
    confirmed; one the server refuses (or whose address is no address) is given back and tried next run, and
    the run goes on. What was sent this week is read first, so no digest is built for nothing."""
    report = Report(week_of(moment))
    sent = {(row["user_id"], row["kind"]) for row in store.digests.digests_sent(db, report.week) if row["done"]}
    stale_before = timestamp(moment - timedelta(minutes=CLAIM_MINUTES))
    with smtp.Connection(server) as connection:
        for person in store.digests.digest_recipients(db):
            for kind, compose in composers(person["role"]):
                if (person["id"], kind) in sent:
                    report.already += 1
                    continue
                digest = compose(db, person, catalog, moment)
                if digest is None:
                    continue
                if not store.digests.claim_digest(
                    db, digest.user_id, report.week, kind, timestamp(moment), stale_before
                ):
                    report.already += 1  # another sender holds it right now
                    continue
                _deliver(db, connection, server, digest, report, moment)
    return report


def _deliver(
    db: Database, connection: smtp.Connection, server: smtp.SmtpServer, digest: Digest, report: Report, at: datetime
) -> None:
    try:
        reason = connection.send(smtp.message(server, digest.email, digest.name, digest.subject, digest.body))
    except (addresses.InvalidEmail, OSError) as error:  # no address, or the server could not be reached
        reason = str(error)
    if reason is None:
        store.digests.confirm_digest(db, digest.user_id, report.week, digest.kind, timestamp(at))
        report.sent.append(digest)
    else:
        store.digests.release_digest(db, digest.user_id, report.week, digest.kind)
        report.failed.append((digest, reason))
