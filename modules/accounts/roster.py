"""Accounts as an administrator gives them: one at a time or a roster CSV, checked before any is created."""

from __future__ import annotations

import csv
import io
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlite_utils import Database

from modules import spreadsheet, store
from modules.accounts import passwords, roles
from modules.accounts.roles import ROLES
from modules.mail import addresses

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
ROSTER_COLUMNS = ["username", "name", "email", "team", "role"]


@dataclass(frozen=True)
class Account:
    username: str
    name: str
    email: str
    team: str
    role: str


def problems_of(account: Account) -> list[str]:
    """Everything wrong with an account, in words an administrator can act on."""
    found = []
    if not USERNAME.match(account.username):
        found.append(f"username '{account.username}' must be 2 to 32 lower-case letters, digits, '.', '_' or '-'")
    if not account.name.strip() or len(account.name) > 80:
        found.append("name must be 1 to 80 characters")
    elif any(unicodedata.category(c).startswith("C") for c in account.name):
        found.append("name may not hold control or invisible characters (new lines, escapes, direction marks)")
    if email_problem := addresses.problem(account.email):
        found.append(email_problem)
    if account.role not in ROLES:
        found.append(f"role '{account.role}' must be one of {', '.join(ROLES)}")
    if _needs_team(account.role) and not account.team.strip():
        found.append(f"a {account.role} needs a team")
    return found


def _needs_team(role: str) -> bool:
    """Team members and managers of linked teams belong to a team; who sees every team does not."""
    return roles.may(role, roles.MEMBER) or roles.may(role, roles.MANAGE_TEAMS)


def temporary_password() -> str:
    return secrets.token_urlsafe(9)


def team_of(db: Database, actor_id: int | None, name: str) -> int | None:
    """The id of the team named `name`, made (and recorded) when it is new; None for no team."""
    if not name.strip():
        return None
    found = store.people.create_team(db, actor_id, name.strip())
    if found is None:
        raise PermissionError("only an administrator may add teams")
    return found


def create(
    db: Database,
    account: Account,
    password: str,
    temporary: bool = False,
    actor_id: int | None = None,
    joined: datetime | None = None,
) -> int:
    """Store one valid account (recorded); a manager becomes manager of their team.

    A temporary password is random (about 72 bits), so it needs no slow hash:
    hashing one per row at the cost of a person's password made a roster of
    10,000 take 45 minutes."""
    team_id = team_of(db, actor_id, account.team)
    user_id = store.accounts.add_user(
        db,
        account.username,
        account.name.strip(),
        passwords.hash_password(password, passwords.TEMPORARY_ROUNDS if temporary else passwords.PERSON_ROUNDS),
        account.role,
        team_id,
        addresses.normal_address(account.email) if account.email.strip() else "",
        joined,
        must_change=temporary,
    )
    if roles.may(account.role, roles.MANAGE_TEAMS) and team_id is not None:
        store.accounts.add_team_manager(db, team_id, user_id)
    store.people.record(db, actor_id, "created", user_id, role=account.role, team=account.team.strip())
    return user_id


class Created(NamedTuple):
    username: str
    temporary_password: str


class RowProblem(NamedTuple):
    line: int
    message: str


@dataclass
class RosterResult:
    created: list[Created]
    problems: list[RowProblem]


@dataclass(frozen=True)
class RosterRow:
    line: int
    account: Account
    active: bool | None  # the optional `active` column: None when absent or blank


ACTIVE = {"1": True, "true": True, "yes": True, "oui": True, "0": False, "false": False, "no": False, "non": False}


def read_roster(text: str) -> tuple[list[RosterRow], list[RowProblem], set[str]]:
    """The rows of a roster CSV (the ROSTER_COLUMNS, and optionally `active`), each checked on its own, every
    row refused with its line (one bad row never hides the others), and every username the file mentions."""
    rows: list[RosterRow] = []
    problems: list[RowProblem] = []
    mentioned: set[str] = set()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [c.strip().lower() for c in reader.fieldnames or []]
    except csv.Error as error:
        return [], [RowProblem(1, f"the header cannot be read ({error})")], mentioned
    missing = [c for c in ROSTER_COLUMNS if c not in header]
    if missing:
        names = ", ".join(ROSTER_COLUMNS)
        return (
            [],
            [RowProblem(1, f"the header must name the columns {names}; missing: {', '.join(missing)}")],
            mentioned,
        )
    reader.fieldnames = header
    seen: dict[str, int] = {}
    for line, row, unreadable in spreadsheet.records(reader):
        if unreadable:
            problems.append(RowProblem(line, f"this row cannot be read ({unreadable})"))
            continue
        if row is None or None in row or any(v is None for v in row.values()):
            problems.append(RowProblem(line, "wrong number of columns"))
            continue
        account = Account(
            row["username"].strip().lower(), row["name"].strip(), row["email"].strip(), row["team"].strip(),
            row["role"].strip().lower(),
        )  # fmt: skip
        mentioned.add(account.username)
        found = problems_of(account)
        active_text = (row.get("active") or "").strip().lower()
        if active_text and active_text not in ACTIVE:
            found.append(f"active '{active_text}' must be yes or no (or 1 / 0)")
        if account.username in seen:
            found.append(f"username '{account.username}' is already on line {seen[account.username]}")
        if found:
            problems.append(RowProblem(line, "; ".join(found)))
            continue
        seen[account.username] = line
        rows.append(RosterRow(line, account, ACTIVE.get(active_text)))
    return rows, problems, mentioned


def import_roster(db: Database, text: str) -> RosterResult:
    """Create the valid rows of a roster CSV; report the others by line, keeping the good ones."""
    rows, problems, _mentioned = read_roster(text)
    result = RosterResult([], list(problems))
    existing = {u["username"] for u in store.accounts.accounts(db)}
    for row in rows:
        if row.account.username in existing:
            result.problems.append(RowProblem(row.line, f"username '{row.account.username}' already exists"))
            continue
        password = temporary_password()
        create(db, row.account, password, temporary=True)
        result.created.append(Created(row.account.username, password))
    result.problems.sort(key=lambda p: p.line)
    return result
