"""`python -m modules.store backup PATH`, `restore PATH`, `copy-to-postgres URL`, `rebuild-summaries`.

A SQLite backup uses SQLite's online backup API, so it is a consistent copy
even while learners are submitting; PostgreSQL uses pg_dump and pg_restore.
Restore: stop the app, restore, start it again. `copy-to-postgres` moves a
SQLite install (ACADEMY_DB) into a new, empty PostgreSQL database.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlite_utils import Database

from modules import settings
from modules.store import dialect, engine, moving, schema, summaries


def check(path: Path) -> str | None:
    """Why a file is not a usable Service Academy database, or None if it is.

    Beyond SQLite's integrity check, the file must record which of our
    migrations it ran (in our order, none unknown, mirrored in user_version),
    and each table must have exactly the columns those migrations give it:
    a file that merely has tables of the right names is refused."""
    if not path.is_file():
        return "no such file"
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                return "integrity check failed"
            return _schema_problem(conn)
    except sqlite3.DatabaseError as error:
        return str(error)


def _columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: [row[1] for row in conn.execute(f"PRAGMA table_info({table})")] for table in tables}


def _schema_problem(conn: sqlite3.Connection) -> str | None:
    found = _columns(conn)
    if "_sqlite_migrations" not in found:
        return "no record of its migrations"
    ran = [
        row[0]
        for row in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'academy' ORDER BY id")
    ]
    known = [step.__name__ for step in schema.STEPS]
    if ran != known[: len(ran)] or not ran:
        return f"its migrations ({', '.join(ran) or 'none'}) are not this version's"
    if conn.execute("PRAGMA user_version").fetchone()[0] != len(ran):
        return "its user_version does not match its migrations"
    reference = Database(sqlite3.connect(":memory:"))
    for step in schema.STEPS[: len(ran)]:
        step(reference)
    expected = {table: columns for table, columns in _columns(reference.conn).items() if table in schema.TABLES}
    wrong = sorted(table for table, columns in expected.items() if found.get(table) != columns)
    if wrong:
        return f"tables not as its migrations make them: {', '.join(wrong)}"
    extra = sorted(_objects(conn) - _objects(reference.conn))
    return (
        f"objects its migrations never make: {', '.join(f'{kind} {name}' for kind, name in extra)}" if extra else None
    )


def _objects(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """Every trigger, view and index (SQLite's own automatic indexes aside): a trigger added to a backup would
    run on every write after a restore."""
    rows = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view', 'index') AND sql IS NOT NULL"
        " AND tbl_name <> '_sqlite_migrations'"
    )
    return {(kind, name) for kind, name in rows}


def owner_only(path: Path) -> None:
    """Create `path` readable by its owner only (a copy holds every password hash), or make it so."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    path.chmod(0o600)


def copy(source: Path, target: Path) -> int:
    """Copy a whole database page by page, into an owner-only file; returns the number of attempts copied."""
    owner_only(target)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dest:
        src.backup(dest)
        return dest.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m modules.store", description="Back up or restore the database.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("backup", help="copy the live database (ACADEMY_DB) to PATH").add_argument("path", type=Path)
    commands.add_parser(
        "restore", help="replace the database (ACADEMY_DB) by the backup at PATH; stop the app first"
    ).add_argument("path", type=Path)
    moving = commands.add_parser(
        "copy-to-postgres",
        help="copy the SQLite database (ACADEMY_DB) into an empty PostgreSQL database, to run on several machines",
    )
    moving.add_argument("url", help="postgresql://user@host/db")
    commands.add_parser(
        "rebuild-summaries", help="write the reports' summaries (ACADEMY_DB) again from the stored history"
    )
    args = parser.parse_args(argv)
    if args.command == "rebuild-summaries":
        return _rebuild_summaries()
    if args.command == "copy-to-postgres":
        return _copy_to_postgres(settings.db_path(), args.url)
    if settings.uses_postgres():
        return _postgres(args.command, settings.database(), args.path)
    live = settings.db_path()
    if args.command == "backup":
        problem = check(live)
        if problem:
            print(f"{live}: not a valid Service Academy database ({problem})", file=sys.stderr)
            return 1
        if args.path.exists():
            print(f"{args.path} exists already; give a new file name", file=sys.stderr)
            return 1
        attempts = copy(live, args.path)
        print(f"backed up {live} to {args.path} ({attempts} attempts)")
        return 0
    problem = check(args.path)
    if problem:
        print(f"{args.path}: not a valid Service Academy database ({problem}); nothing was changed", file=sys.stderr)
        return 1
    attempts = copy(args.path, live)
    print(f"restored {live} from {args.path} ({attempts} attempts)")
    return 0


def _rebuild_summaries() -> int:
    """After a bulk load or a repair by hand: the summaries say again exactly what the history says."""
    with engine.opened(settings.database()) as db:
        rows = summaries.rebuild(db)
    print(f"rebuilt the summaries: {rows:,} person × module rows")
    return 0


def _copy_to_postgres(source: Path, url: str) -> int:
    if settings.uses_postgres() or check(source):
        print(f"{source}: ACADEMY_DB must name a valid SQLite database to copy", file=sys.stderr)
        return 1
    if not dialect.is_postgres_url(url):
        print(f"{url}: give a postgresql://user@host/db URL", file=sys.stderr)
        return 1
    try:
        copied = moving.copy_to_postgres(source, url)
    except (ValueError, OSError, *dialect.DATABASE_ERRORS) as error:
        print(f"nothing was copied: {error}", file=sys.stderr)
        return 1
    print(
        f"copied {sum(copied.values()):,} rows ({copied['attempts']:,} attempts) to PostgreSQL; "
        f"set ACADEMY_DB={url} on every machine"
    )
    return 0


def _postgres(command: str, url: str, path: Path) -> int:
    """PostgreSQL backs up and restores with its own tools, pg_dump and pg_restore."""
    if shutil.which("pg_dump") is None:
        print("PostgreSQL's pg_dump and pg_restore are needed (apt-get install postgresql-client)", file=sys.stderr)
        return 1
    if command == "backup" and path.exists():
        print(f"{path} exists already; give a new file name", file=sys.stderr)
        return 1
    if command == "restore" and not path.is_file():
        print(f"{path}: no such file; nothing was changed", file=sys.stderr)
        return 1
    if command == "backup":
        owner_only(path)
    run = dialect.postgres_backup if command == "backup" else dialect.postgres_restore
    done = subprocess.run(run(url, str(path)), capture_output=True, text=True)
    if done.returncode != 0:
        print(f"{command} failed; nothing was changed:\n{done.stderr.strip()}", file=sys.stderr)
        return 1
    print(
        f"{'backed up' if command == 'backup' else 'restored'} the PostgreSQL database "
        f"{'to' if command == 'backup' else 'from'} {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
