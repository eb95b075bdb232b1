"""Invitations and "Forgot your password?": a single-use link by e-mail to set one's own password.

An invitation is valid 7 days, a reset an hour; the token is 256 random bits and only its SHA-256 is stored.
Asking for a reset answers the same whether or not the name exists, and a person gets a few reset links a day
at most. Without e-mail (`ACADEMY_SMTP_URL` unset, or no address on file) nothing is sent: the portal says to
ask a manager or an administrator, who hands over a temporary password instead.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from urllib.parse import urlencode

from sqlite_utils import Database

from modules import i18n, store
from modules.accounts import passwords
from modules.accounts.roster import temporary_password
from modules.i18n import N_
from modules.mail import smtp
from modules.store.clock import timestamp

INVITATION_DAYS, RESET_HOURS, RESETS_PER_DAY = 7, 1, 3
SET_PASSWORD_PATH = "set-password"
LINK_UNUSABLE = N_("This link cannot be used any more: it was used already, or it has expired. Ask for a new one.")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link(base_url: str, token: str) -> str:
    """The address of the set-password page for a token, on the portal the person reaches."""
    return f"{base_url.rstrip('/')}/{SET_PASSWORD_PATH}?{urlencode({'token': token})}"


def _send(server: smtp.SmtpServer, person: store.people.PersonRow, subject: str, body: str) -> bool:
    try:
        with smtp.Connection(server) as connection:
            return connection.send(smtp.message(server, person["email"], person["name"], subject, body)) is None
    except (OSError, ValueError):  # the server out of reach, or no address that can be written
        return False


def _mail(
    db: Database, person: store.people.PersonRow, purpose: str, base_url: str, server: smtp.SmtpServer, moment: datetime
) -> bool:
    """Make a link for a person and e-mail it in their language; False when none was made or sent."""
    token = secrets.token_urlsafe(32)
    valid = timedelta(days=INVITATION_DAYS) if purpose == "invitation" else timedelta(hours=RESET_HOURS)
    limit = 100 if purpose == "invitation" else RESETS_PER_DAY
    made = store.links.issue(
        db,
        person["id"],
        purpose,
        _hash(token),
        timestamp(moment),
        timestamp(moment + valid),
        timestamp(moment - timedelta(days=1)),
        limit,
    )
    if not made:
        return False
    _ = i18n.translator(person["language"] or "en")
    address = link(base_url, token)
    if purpose == "invitation":
        subject = _("Service Academy: your account is ready")
        body = _(
            "Hello {name},\n\nYour Service Academy account is ready: your username is {username}. Choose your "
            "password here (the link works once, for 7 days):\n\n{link}\n\nSee you soon in the academy."
        )
    else:
        subject = _("Service Academy: choose a new password")
        body = _(
            "Hello {name},\n\nSomeone (we hope you) asked to reset the password of {username}. Choose a new one "
            "here (the link works once, for an hour):\n\n{link}\n\nIf it was not you, ignore this e-mail: your "
            "password stays as it is."
        )
    return _send(server, person, subject, body.format(name=person["name"], username=person["username"], link=address))


def invite(db: Database, actor_id: int | None, user_id: int, base_url: str, moment: datetime) -> bool:
    """An administrator sends (or sends again) an account's invitation; False when refused or not sent."""
    url, person = smtp.configured_url(), store.people.person(db, user_id)
    if not url or person is None or not person["email"] or not store.people.may_manage_people(db, actor_id):
        return False
    return _mail(db, person, "invitation", base_url, smtp.parse_url(url), moment)


def can_email() -> bool:
    """Whether this install sends e-mail at all (else resets go through a manager or an administrator)."""
    return smtp.configured_url() is not None


def request_reset(db: Database, name_or_email: str, base_url: str, moment: datetime) -> None:
    """ "Forgot your password?": a link to the address on file, if the name is an active account with one and
    it has not asked too often today. Nothing is returned: the answer is the same whatever happened."""
    url = smtp.configured_url()
    person = store.people.by_name_or_email(db, name_or_email.strip())
    if url and person and person["email"] and not person["deactivated_at"]:
        _mail(db, person, "reset", base_url, smtp.parse_url(url), moment)


def reset_for_team_member(db: Database, manager_id: int, user_id: int, base_url: str, moment: datetime) -> str | None:
    """A manager starts a reset for a person of their team: "sent" when a link went by e-mail, else a temporary
    password to hand over in person (shown once); None when the person is not theirs."""
    person = store.people.person(db, user_id)
    if person is None or person["deactivated_at"] or not store.people.manages(db, manager_id, user_id):
        return None
    url = smtp.configured_url()
    if url and person["email"] and _mail(db, person, "reset", base_url, smtp.parse_url(url), moment):
        return "sent"
    temporary = temporary_password()
    hashed = passwords.hash_password(temporary, passwords.TEMPORARY_ROUNDS)
    store.people.set_password_for(db, manager_id, user_id, hashed, "password reset", must_change=True)
    return temporary


def holder(db: Database, token: str, moment: datetime) -> store.links.LinkHolder | None:
    """Whose link this is, while it can be used."""
    return store.links.holder(db, _hash(token), timestamp(moment))


def set_password(db: Database, token: str, new: str, again: str, moment: datetime) -> list[str]:
    """Set a password through a link, once; problems as msgids (`passwords.said` writes them out)."""
    if store.links.holder(db, _hash(token), timestamp(moment)) is None:
        return [LINK_UNUSABLE]
    if new != again:
        return [passwords.NOT_THE_SAME]
    if refused := passwords.problem(new):
        return [refused]
    if store.links.redeem(db, _hash(token), passwords.hash_password(new), timestamp(moment)) is None:
        return [LINK_UNUSABLE]  # used meanwhile (a second click, another tab)
    return []
