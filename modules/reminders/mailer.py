"""Sending e-mail through the SMTP server `ACADEMY_SMTP_URL` names (smtplib, from the standard library).

smtp://mail.example.com:25                      plain (a relay on the local network)
smtp+starttls://user:password@mail.example.com:587
smtps://user:password@mail.example.com:465
…?from=academy@example.com                      the sender (default academy@<host>)
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr
from urllib.parse import parse_qs, unquote, urlsplit

SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


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
    mail = EmailMessage()
    mail["From"] = formataddr(("Service Academy", server.sender))
    mail["To"] = formataddr((to_name, to))
    mail["Subject"] = subject
    mail.set_content(body)
    return mail


def send(server: SmtpServer, mails: list[EmailMessage]) -> list[tuple[EmailMessage, str]]:
    """Send each message over one connection; returns those refused, with the reason (the rest went)."""
    failed: list[tuple[EmailMessage, str]] = []
    kind = smtplib.SMTP_SSL if server.scheme == "smtps" else smtplib.SMTP
    with kind(server.host, server.port, timeout=20) as connection:
        if server.scheme == "smtp+starttls":
            connection.starttls()
        if server.user:
            connection.login(server.user, server.password or "")
        for mail in mails:
            try:
                connection.send_message(mail)
            except smtplib.SMTPException as error:
                failed.append((mail, str(error)))
    return failed
