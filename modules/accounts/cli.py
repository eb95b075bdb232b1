"""Accounts from the terminal: add a user, reset a password, unlock, import a roster.

    python -m modules.accounts add alice --name "Alice Martin" --role employee --team "Riverside store"
    python -m modules.accounts reset-password alice          # asks twice, or --password-stdin
    python -m modules.accounts unlock alice
    python -m modules.accounts import roster.csv             # username,name,email,team,role
    python -m modules.accounts sync roster.csv [--full] [--dry-run]   # the weekly HR export: joiners, movers, leavers
    python -m modules.accounts export alice > alice.json       # everything the portal holds about her (GDPR)
    python -m modules.accounts erase alice --yes             # identity and free text erased, figures kept
    python -m modules.accounts list

New accounts without a given password get a random temporary one, printed
once; only its bcrypt hash is stored.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlite_utils import Database

from modules import settings, store
from modules.accounts import lockout, passwords, people, sync
from modules.accounts.roles import ROLES
from modules.accounts.roster import Account, create, import_roster, problems_of, temporary_password
from modules.store import clock


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
    sync_parser = commands.add_parser(
        "sync", help="apply a roster CSV: new people created, changes applied, with --full absent people deactivated"
    )
    sync_parser.add_argument("csv", type=Path)
    sync_parser.add_argument("--full", action="store_true", help="the file is the whole staff: others are leavers")
    sync_parser.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    export = commands.add_parser("export", help="print everything the portal holds about a person, as JSON")
    export.add_argument("username")
    erase = commands.add_parser("erase", help="erase a person: identity and free text gone, figures kept")
    erase.add_argument("username")
    erase.add_argument("--yes", action="store_true", help="confirm: erasing is for good")
    reset = commands.add_parser("reset-password", help="set a new password (and lift a lockout)")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true")
    commands.add_parser("unlock", help="lift a lockout after wrong passwords").add_argument("username")
    commands.add_parser("import", help="create accounts from a roster CSV").add_argument("csv", type=Path)
    commands.add_parser("list", help="list accounts")
    args = parser.parse_args(argv)
    with store.engine.opened() as db:
        return COMMANDS[args.command](db, args)


def _fail(message: str) -> int:
    """Say what is wrong on standard error; the command exits 1."""
    print(message, file=sys.stderr)
    return 1


def _add(db: Database, args: argparse.Namespace) -> int:
    account = Account(args.username.strip().lower(), args.name, args.email, args.team, args.role)
    problems = problems_of(account) + (
        [f"username '{account.username}' already exists"]
        if store.accounts.user_by_username(db, account.username)
        else []
    )
    if problems:
        return _fail("\n".join(problems))
    password = _read_password(True) if args.password_stdin else temporary_password()
    refused = passwords.problem(password) if args.password_stdin else None
    if refused:
        return _fail(f"{passwords.said(refused)}; nothing was changed")
    create(db, account, password, temporary=not args.password_stdin)
    shown = "" if args.password_stdin else f" with temporary password {password}"
    print(f"created {account.role} '{account.username}'{shown}")
    return 0


def _reset(db: Database, args: argparse.Namespace) -> int:
    found = store.accounts.user_by_username(db, args.username)
    if not found:
        return _fail(f"no user '{args.username}'")
    password = _read_password(args.password_stdin)
    refused = passwords.problem(password)
    if refused:
        return _fail(f"{passwords.said(refused)}; nothing was changed")
    store.people.set_password_for(db, None, found["id"], passwords.hash_password(password), "password reset")
    print(f"password of '{args.username.lower()}' changed")
    return 0


def _unlock(db: Database, args: argparse.Namespace) -> int:
    found = store.accounts.user_by_username(db, args.username)
    if not found:
        return _fail(f"no user '{args.username}'")
    lockout.clear(db, args.username)
    store.people.record(db, None, "unlocked", found["id"])
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
    for user in store.accounts.accounts(db):
        print(f"{user['username']:20} {user['role']:9} {user['team'] or '-':28} {user['name']}")
    return 0


def _sync(db: Database, args: argparse.Namespace) -> int:
    try:
        text = args.csv.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return _fail(f"{args.csv}: cannot read it as UTF-8 text ({error})")
    planned = sync.plan(db, text, full=args.full)
    print("\n".join(sync.summary(planned)))
    for line, message in planned.problems:
        print(f"{args.csv}:{line}: {message}", file=sys.stderr)
    if args.dry_run or planned.empty:
        print("dry run: nothing was changed" if args.dry_run else "nothing to change")
        return 1 if planned.problems else 0
    done = sync.apply(db, None, planned, clock.current())
    if base := settings.base_url():
        print(f"{sync.invite_new(db, None, done, base, clock.current())} invitation(s) sent by e-mail")
    for username, password in done.created:
        print(f"{username}\t{password}")
    print(f"applied: {len(done.created)} created, {done.changed} changed, {done.deactivated} deactivated")
    return 1 if planned.problems else 0


def _export(db: Database, args: argparse.Namespace) -> int:
    found = store.accounts.user_by_username(db, args.username)
    if not found:
        return _fail(f"no user '{args.username}'")
    data = store.people.personal_data(db, found["id"])
    store.people.record(db, None, "personal data exported", found["id"])
    sys.stdout.write(people.as_json(data).decode("utf-8") + "\n")
    return 0


def _erase(db: Database, args: argparse.Namespace) -> int:
    found = store.accounts.user_by_username(db, args.username)
    if not found:
        return _fail(f"no user '{args.username}'")
    if not args.yes:
        return _fail("erasing is for good: add --yes to confirm")
    store.people.erase(db, None, found["id"], store.clock.now())
    print(f"'{args.username.lower()}' erased: now erased-{found['id']}; anonymous figures kept, certificates revoked")
    return 0


COMMANDS = {
    "add": _add,
    "reset-password": _reset,
    "unlock": _unlock,
    "import": _import,
    "sync": _sync,
    "export": _export,
    "erase": _erase,
    "list": _list,
}
