"""Sending e-mail through the SMTP server `ACADEMY_SMTP_URL` names (smtplib, from the standard library).

smtp://mail.example.com:25                      plain (a relay on the local network)
smtp+starttls://user:password@mail.example.com:587
smtps://user:password@mail.example.com:465
…?from=academy@example.com                      the sender (default academy@<host>)
"""

from __future__ import annotations

import os
import smtplib
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formataddr
from urllib.parse import parse_qs, unquote, urlsplit

from modules.mail import addresses

SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


def configured_url() -> str | None:
    """`ACADEMY_SMTP_URL`: where e-mails go; unset, none is sent (the portal says so where it matters)."""
    return os.environ.get("ACADEMY_SMTP_URL", "").strip() or None


@dataclass(frozen=True)
class SmtpServer:
    scheme: str
    host: str
    port: int
    user: str | None
    password: str | None
    sender: str


def parse_url(url: str) -> SmtpServer:
    """The server of an `ACADEMY_SMTP_URL`; a wrong one is said at once, not at the first send."""
    parts = urlsplit(url.strip())
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise ValueError(
            f"ACADEMY_SMTP_URL must look like smtp://host:port, smtp+starttls://… or smtps://… (got {url!r})"
        )
    sender = parse_qs(parts.query).get("from", [f"academy@{parts.hostname}"])[0]
    return SmtpServer(
        parts.scheme,
        parts.hostname,
        parts.port or SCHEMES[parts.scheme],
        unquote(parts.username) if parts.username else None,
        unquote(parts.password) if parts.password else None,
        sender,
    )


def message(server: SmtpServer, to: str, to_name: str, subject: str, body: str) -> EmailMessage:
    """One message to one person. The address is parsed again here (`InvalidEmail` when it is not one
    address): whatever was stored before addresses were checked can never add a recipient."""
    address = addresses.normal_address(to)
    local, _, domain = address.rpartition("@")
    international = not address.isascii()  # sent with SMTPUTF8, refused in words by a server without it
    mail = EmailMessage(policy=policy.SMTPUTF8 if international else policy.default)
    mail["From"] = formataddr(("Service Academy", server.sender))
    mail["To"] = Address(display_name=to_name, username=local, domain=domain)  # the name quoted, never parsed
    mail["Subject"] = subject
    mail.set_content(body)
    return mail


class Connection:
    """One SMTP connection for a run, opened at the first message (a run with nothing to send opens none)."""

    def __init__(self, server: SmtpServer) -> None:
        self.server = server
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *_: object) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()

    def _open(self) -> smtplib.SMTP:
        if self._smtp is None:
            server = self.server
            kind = smtplib.SMTP_SSL if server.scheme == "smtps" else smtplib.SMTP
            smtp = kind(server.host, server.port, timeout=20)
            if server.scheme == "smtp+starttls":
                smtp.starttls()
            if server.user:
                smtp.login(server.user, server.password or "")
            self._smtp = smtp
        return self._smtp

    def send(self, mail: EmailMessage) -> str | None:
        """Send one message; None when the server took it, else why not (the run goes on with the next).
        An international address goes with SMTPUTF8 where the server offers it, and is refused in words
        where it does not."""
        try:
            self._open().send_message(mail)
        except (smtplib.SMTPException, UnicodeError) as error:
            return str(error) or type(error).__name__
        return None


def send(server: SmtpServer, mails: list[EmailMessage]) -> list[tuple[EmailMessage, str]]:
    """Send each message over one connection; returns those refused, with the reason (the rest went)."""
    with Connection(server) as connection:
        return [(mail, reason) for mail in mails if (reason := connection.send(mail)) is not None]
