"""Certificates: proof that a learner passed a module, with a code anyone can check.

A certificate is made the first time it is asked for, once per pass, so every
download of the same pass carries the same code. Its text is in the learner's
language; `python -m modules.certificates verify CODE` checks a code against the
store and says whether the certificate is still valid (recurring assignments expire).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from modules import i18n, store
from modules.content.model import TrainingModule
from modules.learning import assignments, learner
from modules.learning.progress import spec
from modules.store import clock
from modules.store.clock import timestamp

CODE_SHAPE = "SA-XXXX-XXXX-XXXX"  # what a code looks like, as a form shows it
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: a code read aloud over the phone stays right


def new_code() -> str:
    """'SA-7KQ2-M9TX-C4RB': 60 random bits, grouped to be typed without error."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"SA-{body[:4]}-{body[4:8]}-{body[8:]}"


def normal_code(text: str) -> str:
    """A code as typed (lower case, spaces, missing dashes) in its stored form."""
    raw = "".join(c for c in text.upper() if c.isalnum())
    raw = raw[2:] if raw.startswith("SA") and len(raw) == 14 else raw
    return f"SA-{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else text.strip()


@dataclass(frozen=True)
class CertificateFacts:
    code: str
    name: str
    module_title: str
    passed_on: date
    percent: float | None
    valid_until: date | None


def _facts(row: store.certificates.Certificate, title: str) -> CertificateFacts:
    passed_on = clock.day_of_stamp(row["passed_at"])
    months = row["every_months"]
    until = assignments.expiry(passed_on, months) if months else None
    return CertificateFacts(row["code"], row["name"], title, passed_on, row["percent"], until)


def certificate_for(db: Database, user_id: int, module: TrainingModule, moment: datetime) -> CertificateFacts:
    """The certificate of the learner's latest pass of this module (made now if it is the first request); it
    expires when the module is assigned to them as a recertification. The pass is read from the store here,
    and checked again by the store as it issues (PASSES): a certificate exists only for a pass."""
    progress = learner.progress_of(db, user_id, [module])[0]
    if not progress.last_passed_at:
        raise NotPassed(module.id)
    attempt = next(
        (a for a in store.learning.attempts_of(db, user_id, module.id) if a["submitted_at"] == progress.last_passed_at),
        None,
    )
    dues = [d for d in assignments.learner_dues(db, user_id, [module], moment) if d.recurring]
    row = store.certificates.issue_certificate(
        db,
        user_id,
        spec(module),
        progress.last_passed_at,
        attempt["percent"] if attempt else None,
        dues[0].every_months if dues else None,
        new_code(),
        timestamp(moment),
    )
    if row is None:
        raise NotPassed(module.id)
    return _facts(row, module.title)


class NotPassed(ValueError):
    """No certificate: the module is not passed (a certificate is never made from what a caller says)."""


@dataclass(frozen=True)
class Verification:
    facts: CertificateFacts | None
    valid: bool
    revoked: bool = False  # its holder's data was erased


def verify(db: Database, code: str, titles: dict[str, str], today: date | None = None) -> Verification:
    """Whether a code belongs to a certificate, and whether that certificate is still valid today."""
    row = store.certificates.certificate_by_code(db, normal_code(code))
    if row is None:
        return Verification(None, False)
    if row["revoked_at"]:
        return Verification(None, False, revoked=True)  # nothing about the erased person is said
    facts = _facts(row, titles.get(row["module_id"], row["module_id"]))
    today = today or clock.today(clock.current())
    return Verification(facts, facts.valid_until is None or today <= facts.valid_until)


def lines(facts: CertificateFacts, lang: str, link: str | None = None) -> list[tuple[str, str]]:
    """The certificate's text, in the learner's language, as (style, text) pairs the PDF lays out; `link` is
    the public page that checks it."""
    _ = i18n.translator(lang)
    score = (
        _("on {date} with a score of {percent}").format(
            date=i18n.day(facts.passed_on, lang), percent=i18n.percent(facts.percent, lang)
        )
        if facts.percent is not None
        else _("on {date}").format(date=i18n.day(facts.passed_on, lang))
    )
    text = [
        ("brand", _("Service Academy")),
        ("title", _("Certificate of achievement")),
        ("body", _("This certifies that")),
        ("name", facts.name),
        ("body", _("passed the training module")),
        ("module", f"«\u00a0{facts.module_title}\u00a0»" if lang == "fr" else f"“{facts.module_title}”"),
        ("body", score),
    ]
    if facts.valid_until:
        text.append(("body", _("Valid until {date}").format(date=i18n.day(facts.valid_until, lang))))
    text.append(("code", _("Verification code: {code}").format(code=facts.code)))
    if link:
        text.append(("link", _("Check it at {url}").format(url=link)))
    return text
