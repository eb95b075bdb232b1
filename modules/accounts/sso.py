"""Single sign-on (OpenID Connect, through Streamlit's `st.login`): which account a company identity opens.

A provider's identity maps to an account by the subject stored at its first sign-in, else by its e-mail
address when the provider says the address is verified. An unknown identity is refused in words — or, when
the configuration names a team for newcomers, given an account there. A deactivated account is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from modules import store
from modules.accounts import roles
from modules.accounts.roster import Account, create, temporary_password
from modules.i18n import N_
from modules.mail import addresses

UNKNOWN = N_("No account of the academy matches {email}. Ask your manager or your administrator to add you.")
UNVERIFIED = N_("Your company account did not confirm its e-mail address, so the academy cannot tell who you are.")
CLOSED = N_("This account has been closed. If you work here again, ask your manager or administrator.")


@dataclass(frozen=True)
class Outcome:
    account: store.accounts.Account | None
    problem: str | None = None  # a msgid, formatted with `email`
    email: str = ""


@dataclass(frozen=True)
class FromClaims:
    """What the company's directory decides at each sign-on, when configured: the role from a claim (groups,
    mapped to roles), the team from another (a department named like a team of the academy)."""

    role_claim: str | None = None
    roles: Mapping[str, str] | None = None
    team_claim: str | None = None


def account_for(
    db: Database,
    provider: str,
    claims: Mapping[str, Any],
    newcomers_team: str | None = None,
    directory: FromClaims | None = None,
) -> Outcome:
    """The account this identity opens, or why none."""
    subject = f"{provider}:{claims.get('sub', '')}"
    email = str(claims.get("email") or "").strip()
    verified = claims.get("email_verified") in (True, "true", "True", 1)
    person = store.people.by_identity(db, subject, email if verified else None)
    if person is None and email and not verified:
        return Outcome(None, UNVERIFIED, email)
    if person is None and newcomers_team and email and addresses.problem(email) is None:
        username = _free_username(db, email.split("@")[0])
        name = str(claims.get("name") or email.split("@")[0])
        employee = next(r for r in roles.ROLES if roles.may(r, roles.MEMBER))
        create(db, Account(username, name[:80], email, newcomers_team, employee), temporary_password(), temporary=False)
        person = store.people.by_identity(db, subject, email)
    if person is None:
        return Outcome(None, UNKNOWN, email)
    if person["deactivated_at"]:
        return Outcome(None, CLOSED, email)
    store.people.link_identity(db, person["id"], subject)
    if directory is not None:
        _apply_directory(db, person, claims, directory)
    found = store.accounts.accounts(db, person["username"])
    return Outcome(found[0] if found else None)


def _apply_directory(
    db: Database, person: store.people.PersonRow, claims: Mapping[str, Any], directory: FromClaims
) -> None:
    """Role and team as the directory says (only to values the academy knows; recorded as from single sign-on)."""
    changes: dict[str, Any] = {}
    if directory.role_claim and directory.roles:
        found = claims.get(directory.role_claim) or []
        values = [found] if isinstance(found, str) else list(found)
        mapped = [directory.roles[v] for v in values if v in directory.roles and directory.roles[v] in roles.ROLES]
        if mapped:
            changes["role"] = mapped[0]
    if directory.team_claim and isinstance(claims.get(directory.team_claim), str):
        teams = {t["name"].lower(): t["id"] for t in store.people.teams(db)}
        team = teams.get(str(claims[directory.team_claim]).strip().lower())
        if team is not None:
            changes["team_id"] = team
    if changes:
        store.people.update(db, None, person["id"], changes, source="single sign-on")


def _free_username(db: Database, base: str) -> str:
    stem = "".join(c for c in base.lower() if c.isalnum() or c in "._-")[:28] or "user"
    name, n = stem, 1
    while store.accounts.user_by_username(db, name):
        n += 1
        name = f"{stem}{n}"
    return name
