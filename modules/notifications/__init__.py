"""The bell: what is new for a person, in their language, each with the page that shows it; and the e-mails
they asked for, sent at once (within the minute) by the app's background run.

What is new is read from where it happened (`store.notifications.events`): nothing to write in every
service, nothing to forget. An event is "new" until the person opens the bell and marks it read. An e-mail
goes only for kinds chosen on My account, only for events after the choice, once per event (claimed in
the store before it is sent, given back if the server refuses it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlite_utils import Database

from modules import i18n, settings, store
from modules.accounts import roles
from modules.content import rubric
from modules.content.catalog import Catalog
from modules.i18n import N_, Translate
from modules.mail import addresses, smtp
from modules.practices.suggestions import STATUS_LABELS
from modules.store import clock
from modules.store.notifications import ASSIGNMENT, KINDS, RECOGNITION, STORY, SUGGESTION

WITHIN = timedelta(days=30)  # the bell looks this far back
SHOWN = 10
CHOICES = {  # what a person may ask to be e-mailed at once, as My account says it
    ASSIGNMENT: N_("A module is assigned to me"),
    RECOGNITION: N_("A manager recognises my work"),
    STORY: N_("My story is reviewed"),
    SUGGESTION: N_("My suggestion is answered"),
}
PAGES = {  # where each kind is read, as a page key of the roles table
    ASSIGNMENT: "home",
    RECOGNITION: "home",
    STORY: "stories",
    SUGGESTION: "suggestions",
}


@dataclass(frozen=True)
class Notice:
    kind: str
    text: str  # in the reader's language
    when: str  # a stored time
    new: bool
    page: str  # a page key of the roles table
    module_id: str | None = None


@dataclass
class Bell:
    notices: list[Notice] = field(default_factory=list)

    @property
    def unread(self) -> int:
        return sum(1 for n in self.notices if n.new)


def _text(event: store.notifications.Event, titles: dict[str, str], skills: dict[str, str], _: Translate) -> str:
    kind, subject = event["kind"], event["subject"]
    if kind == ASSIGNMENT:
        return _("«{module}» was assigned to you").format(module=titles.get(subject, subject))
    if kind == RECOGNITION:
        return _("{manager} recognised your work: {skill}").format(
            manager=event["detail"], skill=skills.get(subject, subject)
        )
    if kind == STORY:
        return (
            _("Your story «{title}» was approved: everyone can read it")
            if event["detail"] == "approved"
            else _("Your story «{title}» was not published: read your manager's note")
        ).format(title=subject)
    status = STATUS_LABELS.get(event["detail"], event["detail"])  # a variable: Babel would extract a key
    return _("Your suggestion «{title}» has an answer: {status}").format(title=subject, status=_(status))


def bell(db: Database, user_id: int, catalog: Catalog, skills: dict[str, str], lang: str, now: datetime) -> Bell:
    """The newest events of the last WITHIN, those after the bell was last read marked new."""
    _ = i18n.translator(lang)
    titles = {m.id: m.title for m in catalog.for_language(lang)}
    seen = store.notifications.seen_at(db, user_id) or ""
    events = store.notifications.events(
        db, user_id, clock.timestamp(now - WITHIN), clock.day_number(now - WITHIN), SHOWN
    )
    return Bell(
        [
            Notice(
                e["kind"],
                _text(e, titles, skills, _),
                e["happened_at"],
                e["happened_at"] > seen,
                PAGES[e["kind"]],
                e["subject"] if e["kind"] == ASSIGNMENT else None,
            )
            for e in events
        ]
    )


def mark_read(db: Database, user_id: int, now: datetime) -> None:
    store.notifications.mark_seen(db, user_id, clock.timestamp(now))


def chosen(db: Database, user_id: int) -> set[str]:
    """The kinds this person has e-mailed at once."""
    return set(store.notifications.choices(db, user_id))


def choose(db: Database, user_id: int, kind: str, wanted: bool, now: datetime) -> None:
    """Ask for (or stop) e-mails of one kind; only events from now on are mailed."""
    if kind not in KINDS:
        raise ValueError(kind)
    store.notifications.choose(db, user_id, kind, wanted, clock.timestamp(now))


@dataclass
class Sent:
    sent: int = 0
    failed: list[str] = field(default_factory=list)


def send_chosen(db: Database, catalog: Catalog, server: smtp.SmtpServer, now: datetime) -> Sent:
    """E-mail each subscriber the events they chose that happened since their choice and were not mailed."""
    report = Sent()
    with smtp.Connection(server) as connection:
        for person in store.notifications.subscribers(db):
            chosen = store.notifications.choices(db, person["id"])
            done = store.notifications.mailed(db, person["id"])
            since = min(chosen.values())
            day = clock.number_of(clock.day_of_stamp(since))
            for event in store.notifications.events(db, person["id"], since, day, 50):
                key = (event["kind"], event["ref"])
                if event["kind"] not in chosen or event["happened_at"] < chosen[event["kind"]] or key in done:
                    continue
                if not store.notifications.claim_mail(db, person["id"], *key, clock.timestamp(now)):
                    continue  # another process sends it
                _deliver(db, connection, server, person, event, catalog, now, report)
    return report


def _deliver(
    db: Database,
    connection: smtp.Connection,
    server: smtp.SmtpServer,
    person: store.notifications.Subscriber,
    event: store.notifications.Event,
    catalog: Catalog,
    now: datetime,
    report: Sent,
) -> None:
    lang = i18n.supported(person["language"])
    _ = i18n.translator(lang)
    text = _text(
        event, {m.id: m.title for m in catalog.for_language(lang)}, rubric.names(settings.content_folder(), lang), _
    )
    base = settings.base_url()
    page = page_path(PAGES[event["kind"]])
    body = "\n".join(
        [
            _("Hello {name},").format(name=person["name"].split()[0]),
            "",
            text + ".",
            "",
            *([_("Open the academy: {url}").format(url=f"{base}/{page}"), ""] if base else []),
            _("You chose these e-mails on your My account page; you can stop them there."),
        ]
    )
    try:
        reason = connection.send(
            smtp.message(server, person["email"], person["name"], _("Service Academy: {text}").format(text=text), body)
        )
    except (addresses.InvalidEmail, OSError) as error:
        reason = str(error)
    if reason is None:
        store.notifications.confirm_mail(db, person["id"], event["kind"], event["ref"], clock.timestamp(now))
        report.sent += 1
    else:
        store.notifications.release_mail(db, person["id"], event["kind"], event["ref"])
        report.failed.append(f"{person['email']}: {reason}")


def page_path(page_key: str) -> str:
    """A page's address under the portal's base URL (Home is the root)."""
    return "" if page_key == "home" else roles.page(page_key).url_path
