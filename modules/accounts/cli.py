"""Accounts from the terminal: add a user, reset a password, unlock, import a roster.

    python -m modules.accounts add alice --name "Alice Martin" --role employee --team "Riverside store"
    python -m modules.accounts reset-password alice          # asks twice, or --password-stdin
    python -m modules.accounts unlock alice
    python -m modules.accounts import roster.csv             # username,name,email,team,role
    python -m modules.accounts list

New accounts without a given password get a random temporary one, printed
once; only its bcrypt hash is stored.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import io
import re
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from modules import store
from modules.accounts import passwords
from modules.accounts.roles import ROLES

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ROSTER_COLUMNS = ["username", "name", "email", "team", "role"]
MIN_PASSWORD = 8


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
    if account.email and not EMAIL.match(account.email):
        found.append(f"email '{account.email}' is not an e-mail address")
    if account.role not in ROLES:
        found.append(f"role '{account.role}' must be one of {', '.join(ROLES)}")
    if account.role in ("employee", "manager") and not account.team.strip():
        found.append(f"a {account.role} needs a team")
    return found


def temporary_password() -> str:
    return secrets.token_urlsafe(9)


def create(db: Database, account: Account, password: str) -> int:
    """Store one valid account; a manager becomes manager of their team."""
    team_id = store.team_id_for(db, account.team.strip(), create=True) if account.team.strip() else None
    user_id = store.add_user(db, account.username, account.name.strip(), passwords.hash_password(password),
                             account.role, team_id, account.email)
    if account.role == "manager" and team_id is not None:
        store.add_team_manager(db, team_id, user_id)
    return user_id


@dataclass
class RosterResult:
    created: list[tuple[str, str]]  # username, temporary password
    problems: list[tuple[int, str]]  # line, message


def import_roster(db: Database, text: str) -> RosterResult:
    """Create the valid rows of a roster CSV; report the others by line, keeping the good ones."""
    result = RosterResult([], [])
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in ROSTER_COLUMNS if c not in header]
    if missing:
        result.problems.append((1, f"the header must name the columns {', '.join(ROSTER_COLUMNS)}; missing: {', '.join(missing)}"))
        return result
    reader.fieldnames = header
    existing = {u["username"] for u in store.users(db)}
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            result.problems.append((line, "wrong number of columns"))
            continue
        account = Account(*(row[c].strip() for c in ("username", "name", "email", "team")), row["role"].strip().lower())
        account = Account(account.username.lower(), account.name, account.email, account.team, account.role)
        problems = problems_of(account)
        if account.username in existing:
            problems.append(f"username '{account.username}' already exists")
        elif account.username in seen:
            problems.append(f"username '{account.username}' is already on line {seen[account.username]}")
        if problems:
            result.problems.append((line, "; ".join(problems)))
            continue
        seen[account.username] = line
        password = temporary_password()
        create(db, account, password)
        result.created.append((account.username, password))
    return result


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("New password: ")
    if first != getpass.getpass("Repeat it: "):
        raise SystemExit("The two passwords differ; nothing was changed.")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m modules.accounts", description="Manage Service Academy accounts.")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="create one account")
    add.add_argument("username")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--team", default="")
    add.add_argument("--email", default="")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    reset = commands.add_parser("reset-password", help="set a new password (and lift a lockout)")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true")
    commands.add_parser("unlock", help="lift a lockout after wrong passwords").add_argument("username")
    commands.add_parser("import", help="create accounts from a roster CSV").add_argument("csv", type=Path)
    commands.add_parser("list", help="list accounts")
    args = parser.parse_args(argv)
    db = store.connect()
    return COMMANDS[args.command](db, args)


def _fail(message: str) -> int:
    """Say what is wrong on standard error; the command exits 1."""
    print(message, file=sys.stderr)
    return 1


TOO_SHORT = f"a password needs at least {MIN_PASSWORD} characters; nothing was changed"


def _add(db: Database, args: argparse.Namespace) -> int:
    account = Account(args.username.strip().lower(), args.name, args.email, args.team, args.role)
    problems = problems_of(account) + ([f"username '{account.username}' already exists"]
                                       if store.user_by_username(db, account.username) else [])
    if problems:
        return _fail("\n".join(problems))
    password = _read_password(True) if args.password_stdin else temporary_password()
    if len(password) < MIN_PASSWORD:
        return _fail(TOO_SHORT)
    create(db, account, password)
    shown = "" if args.password_stdin else f" with temporary password {password}"
    print(f"created {account.role} '{account.username}'{shown}")
    return 0


def _reset(db: Database, args: argparse.Namespace) -> int:
    if not store.user_by_username(db, args.username):
        return _fail(f"no user '{args.username}'")
    password = _read_password(args.password_stdin)
    if len(password) < MIN_PASSWORD:
        return _fail(TOO_SHORT)
    store.set_password(db, args.username, passwords.hash_password(password))
    print(f"password of '{args.username.lower()}' changed")
    return 0


def _unlock(db: Database, args: argparse.Namespace) -> int:
    if not store.user_by_username(db, args.username):
        return _fail(f"no user '{args.username}'")
    store.save_login_failures(db, args.username, 0, None)
    print(f"'{args.username.lower()}' can sign in again")
    return 0


def _import(db: Database, args: argparse.Namespace) -> int:
    try:
        text = args.csv.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return _fail(f"{args.csv}: cannot read it as UTF-8 text ({error})")
    result = import_roster(db, text)
    for username, password in result.created:
        print(f"{username}\t{password}")
    for line, message in result.problems:
        print(f"{args.csv}:{line}: {message}", file=sys.stderr)
    print(f"{len(result.created)} account(s) created, {len(result.problems)} row(s) refused", file=sys.stderr)
    return 1 if result.problems else 0


def _list(db: Database, args: argparse.Namespace) -> int:
    for user in store.users(db):
        print(f"{user['username']:20} {user['role']:9} {user['team'] or '-':28} {user['name']}")
    return 0


COMMANDS = {"add": _add, "reset-password": _reset, "unlock": _unlock, "import": _import, "list": _list}

