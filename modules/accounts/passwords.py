"""Passwords: bcrypt hashes, and what a person's password must be.

Kept apart from the sign-in glue so command-line tools can hash without importing Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable

import bcrypt

from modules.i18n import N_

MIN_LENGTH = 8
MAX_BYTES = 72  # bcrypt reads no further (bcrypt 5 refuses longer): a longer password is refused, not cut
PERSON_ROUNDS = 12  # bcrypt's cost for passwords people choose: slow on purpose
TEMPORARY_ROUNDS = 4  # bcrypt's least: a random temporary password has ~72 bits of its own (10,000 hash in 10 s);
# sign-in adds a person's cost to every check of such a hash, and the first sign-in rehashes it at PERSON_ROUNDS
COMMON = frozenset(
    [
        "12345678",
        "123456789",
        "1234567890",
        "0123456789",
        "87654321",
        "11111111",
        "00000000",
        "12341234",
        "12344321",
        "11223344",
        "qwertyui",
        "password",
        "password1",
        "password12",
        "password123",
        "passw0rd",
        "p@ssword",
        "p@ssw0rd",
        "motdepasse",
        "azertyuiop",
        "azerty123",
        "qwerty123",
        "qwertyuiop",
        "1q2w3e4r",
        "1qaz2wsx",
        "zaq12wsx",
        "iloveyou",
        "sunshine",
        "princess",
        "football",
        "baseball",
        "superman",
        "starwars",
        "welcome1",
        "welcome123",
        "letmein1",
        "trustno1",
        "abcd1234",
        "abc12345",
        "abcdefgh",
        "aaaaaaaa",
        "changeme",
        "changeme1",
        "administrator",
        "admin123",
        "academy1",
        "academy123",
        "bienvenue",
        "soleil123",
        "customer",
        "service1",
        "serviceacademy",
    ]
)


def hash_password(password: str, rounds: int = PERSON_ROUNDS) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds)).decode()


def check_password(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), password_hash.encode())
    except ValueError:  # a malformed hash, or a password over bcrypt's 72 bytes: no match
        return False


def rounds_of(password_hash: str) -> int:
    """The cost a bcrypt hash was made with ('$2b$12$…' → 12); 0 for anything else."""
    parts = password_hash.split("$")
    return int(parts[2]) if len(parts) > 3 and parts[2].isdigit() else 0


def is_cheap(password_hash: str) -> bool:
    """A hash made below a person's cost (a temporary password): checking it alone would answer faster."""
    return rounds_of(password_hash) < PERSON_ROUNDS


def problem(password: str) -> str | None:
    """Why a chosen password is refused (a msgid: `said` writes it out in a language), or None. Sign-in strips
    spaces at either end, so they may not be there."""
    if password != password.strip():
        return N_("a password may not start or end with a space (sign-in ignores them)")
    if len(password) < MIN_LENGTH:
        return N_("a password needs at least {count} characters")
    if len(password.encode()) > MAX_BYTES:
        return N_("a password may have at most {bytes} bytes (about {bytes} letters, fewer with accents)")
    if password.lower() in COMMON or len(set(password)) < 3:
        return N_("this password is among the most common ones; choose another")
    return None


NOT_THE_SAME = N_("The two new passwords differ; type the same one twice.")  # a new password is typed twice


def said(message: str, _: Callable[[str], str] = str) -> str:
    """A password problem written out, translated by `_` (English by default, as the commands print it)."""
    return _(message).format(count=MIN_LENGTH, bytes=MAX_BYTES)
