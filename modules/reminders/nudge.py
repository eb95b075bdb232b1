"""A reminder sent now, from the manager's to-do: one e-mail to one person about one late module or their
lapsed practice, at most once per person, topic and day (claimed in the store before it is sent, given back
if the server refuses it), in the person's language, with a link to the page that does it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from modules import i18n, store
from modules.content.catalog import Catalog
from modules.i18n import N_
from modules.learning.recall import DAILY
from modules.mail import addresses, smtp
from modules.reminders import digest_to
from modules.store import clock
from modules.store.clock import timestamp

PRACTICE = store.follow_up.PRACTICE

NO_SERVER = N_("This academy does not send e-mails yet: tell them in person.")
NO_ADDRESS = N_("{name} has no e-mail address, or turned reminders off: tell them in person.")
ALREADY = N_("{name} was already reminded of this today.")
NOT_YOURS = N_("{name} is not in a team you manage: nothing was sent.")
REFUSED = N_("The mail server refused the reminder ({reason}); nothing was sent, try again later.")


@dataclass(frozen=True)
class NotSent:
    """Why a reminder did not go: a message id to translate and fill with the person's name and the reason."""

    message: str
    reason: str = ""


def configured_server() -> smtp.SmtpServer | None:
    """The install's mail server, if it has one: without it the to-do says to tell people in person."""
    url = smtp.configured_url()
    return smtp.parse_url(url) if url else None


def remind_now(
    db: Database,
    viewer_id: int,
    person_id: int,
    topic: str,
    catalog: Catalog,
    moment: datetime,
    server: smtp.SmtpServer | None = None,
) -> NotSent | None:
    """Send the reminder through `server`, else the install's (`ACADEMY_SMTP_URL`); None when it went, else why
    not. The topic is a module id (its title in the person's language, from `catalog`) or PRACTICE."""
    server = server or configured_server()
    person = store.digests.recipient(db, person_id)
    if server is None:
        return NotSent(NO_SERVER)
    if person is None:
        return NotSent(NO_ADDRESS)
    day = clock.today(moment).isoformat()
    claimed = store.follow_up.claim_nudge(db, viewer_id, person_id, topic, day, timestamp(moment))
    if claimed is None:
        return NotSent(NOT_YOURS)
    if not claimed:
        return NotSent(ALREADY)
    lang = i18n.supported(person["language"])
    _ = i18n.translator(lang)
    title = next((m.title for m in catalog.for_language(lang) if m.id == topic), topic)
    if topic == PRACTICE:
        subject = _("Service Academy: {count} questions are waiting for you").format(count=DAILY)
        text = [
            _("Your daily practice keeps what you learnt fresh: {count} questions, a few minutes, on Home.").format(
                count=DAILY
            ),
            "",
        ]
    else:
        subject = _("Service Academy: «{module}» is waiting for you").format(module=title)
        text = [_("Your manager reminds you of «{module}»: about ten minutes, on Home.").format(module=title), ""]
    digest = digest_to(person, "nudge", subject, text, _, "home")
    try:
        with smtp.Connection(server) as connection:
            reason = connection.send(smtp.message(server, digest.email, digest.name, digest.subject, digest.body))
    except (addresses.InvalidEmail, OSError) as error:
        reason = str(error)
    if reason is not None:
        store.follow_up.release_nudge(db, person_id, topic, day)
        return NotSent(REFUSED, reason)
    return None
