"""E-mail addresses, parsed by a real parser (email-validator) before they are stored or written on a message.

A regular expression let `x>,<victim@evil.example` through (a second recipient on every digest) and
turned `a(b@example.com` into `To: <a>`; the parser refuses both, and accepts international addresses
(`hélène@example.com`) that the sender then delivers with SMTPUTF8.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email


class InvalidEmail(ValueError):
    """Not one e-mail address; the message says why, in the parser's words."""


def normal_address(text: str) -> str:
    """The address in its normal form (domain lower-cased); `InvalidEmail` for anything else."""
    try:
        return validate_email(text.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidEmail(f"email '{text}' is not an e-mail address: {error}") from None


def problem(text: str) -> str | None:
    """Why a typed address is refused, or None (an empty one is no address, and allowed)."""
    if not text.strip():
        return None
    try:
        normal_address(text)
    except InvalidEmail as error:
        return str(error)
    return None
