"""The public verification page's rules: what anyone holding a code may learn, and how often they may ask.

An employer or an auditor opens the link (or scans the QR code) printed on a certificate, without an
account: they see the holder's name, the module, the day it was passed and whether it is valid today —
never the score, the team or anything else. Each connection may check `LIMIT` codes per `WINDOW`: codes have
60 random bits, and the limit keeps anyone from even trying.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from sqlite_utils import Database

from modules import store
from modules.accounts import roles
from modules.certificates import normal_code, verify
from modules.store import clock

LIMIT = 20
WINDOW = timedelta(minutes=10)


def link(base_url: str, code: str) -> str:
    """The address printed on a certificate and in its QR code."""
    return f"{base_url.rstrip('/')}/{roles.PUBLIC_PAGE.url_path}?{urlencode({'code': code})}"


@dataclass(frozen=True)
class PublicCheck:
    """What the page may show: nothing (unknown or erased), or the four facts; `limited` when refused."""

    found: bool
    name: str = ""
    module_title: str = ""
    passed_on: date | None = None
    valid_until: date | None = None
    valid: bool = False
    limited: bool = False


def check(db: Database, code: str, client: str, titles: dict[str, str], now: datetime) -> PublicCheck:
    """Look a code up for the public page, counted against the client's limit first."""
    start = datetime.fromtimestamp(now.timestamp() // WINDOW.total_seconds() * WINDOW.total_seconds(), now.tzinfo)
    tries = store.certificates.count_lookup(
        db, client or "unknown", clock.timestamp(start), clock.timestamp(now - timedelta(days=1))
    )
    if tries > LIMIT:
        return PublicCheck(False, limited=True)
    result = verify(db, normal_code(code), titles, clock.today(now))
    if result.facts is None:
        return PublicCheck(False)
    facts = result.facts
    return PublicCheck(True, facts.name, facts.module_title, facts.passed_on, facts.valid_until, result.valid)
