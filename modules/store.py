"""The only code that speaks SQL: schema, migrations and every query.

Each Streamlit script run opens its own handle (sqlite3 connections may not
cross threads); WAL lets readers go on while a learner's attempt is written.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from modules import settings

BUSY_TIMEOUT_MS = 10_000
migrations = Migrations("academy")
_migrated: set[str] = set()
_migrate_lock = threading.Lock()


def now() -> str:
    """Timestamps are UTC text that SQLite's date functions understand."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def connect(path: str | Path | None = None, *, migrate: bool = True) -> Database:
    """Open the database (creating its folder), with WAL, foreign keys and a busy timeout."""
    path = Path(path or settings.db_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    if migrate:
        upgrade(db, str(path.resolve()))
    return db


def upgrade(db: Database, key: str | None = None) -> None:
    """Apply pending migrations and mirror their count into PRAGMA user_version."""
    if key in _migrated:
        return
    with _migrate_lock:
        migrations.apply(db)
        db.execute(f"PRAGMA user_version = {len(migrations.applied(db))}")
    if key:
        _migrated.add(key)


def schema_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript("""
    CREATE TABLE IF NOT EXISTS teams (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'store'
    );
    CREATE TABLE IF NOT EXISTS users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        email TEXT NOT NULL DEFAULT '',
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('employee', 'trainer', 'manager')),
        team_id INTEGER REFERENCES teams(id),
        created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS users_team ON users(team_id, role);
    CREATE TABLE IF NOT EXISTS team_managers (
        team_id INTEGER NOT NULL REFERENCES teams(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        PRIMARY KEY (team_id, user_id)
    );
    CREATE TABLE IF NOT EXISTS section_reads (
        user_id INTEGER NOT NULL REFERENCES users(id),
        module_id TEXT NOT NULL,
        section_id TEXT NOT NULL,
        read_at TEXT NOT NULL,
        PRIMARY KEY (user_id, module_id, section_id)
    );
    CREATE TABLE IF NOT EXISTS attempts (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        module_id TEXT NOT NULL,
        attempt_no INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        percent REAL NOT NULL,
        passed INTEGER NOT NULL,
        UNIQUE (user_id, module_id, attempt_no)
    );
    CREATE INDEX IF NOT EXISTS attempts_module ON attempts(module_id, user_id, percent, passed);
    CREATE INDEX IF NOT EXISTS attempts_time ON attempts(submitted_at);
    CREATE TABLE IF NOT EXISTS answers (
        attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        chosen TEXT NOT NULL,
        credit REAL NOT NULL,
        PRIMARY KEY (attempt_id, question_id)
    );
    """)


@migrations()
def m002_user_language(db: Database) -> None:
    """Each user may choose the portal's language; NULL means "from the browser"."""
    if "language" not in db["users"].columns_dict:
        db.execute("ALTER TABLE users ADD COLUMN language TEXT")


# --- organisation -----------------------------------------------------------

def add_team(db: Database, name: str, kind: str = "store") -> int:
    return db.execute("INSERT INTO teams (name, kind) VALUES (?, ?)", [name, kind]).lastrowid


def add_user(db: Database, username: str, name: str, password_hash: str, role: str,
             team_id: int | None = None, email: str = "") -> int:
    """Passwords arrive already hashed: this module never sees a clear password."""
    with db.atomic():
        return db.execute(
            "INSERT INTO users (username, name, email, password_hash, role, team_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [username.strip().lower(), name, email, password_hash, role, team_id, now()],
        ).lastrowid


def add_team_manager(db: Database, team_id: int, user_id: int) -> None:
    with db.atomic():
        db.execute("INSERT OR IGNORE INTO team_managers (team_id, user_id) VALUES (?, ?)", [team_id, user_id])


def users(db: Database) -> list[dict[str, Any]]:
    """Every account, with its team name, for the login and the admin views."""
    return list(db.query(
        "SELECT u.id, u.username, u.name, u.email, u.password_hash, u.role, u.team_id,"
        " t.name AS team FROM users u LEFT JOIN teams t ON t.id = u.team_id ORDER BY u.username"
    ))


def user_by_username(db: Database, username: str) -> dict[str, Any] | None:
    rows = list(db.query(
        "SELECT u.id, u.username, u.name, u.email, u.role, u.team_id, u.language, t.name AS team"
        " FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.username = ?",
        [username.strip().lower()],
    ))
    return rows[0] if rows else None


def managed_teams(db: Database, user_id: int) -> list[dict[str, Any]]:
    return list(db.query(
        "SELECT t.id, t.name, t.kind FROM teams t JOIN team_managers m ON m.team_id = t.id"
        " WHERE m.user_id = ? ORDER BY t.name", [user_id],
    ))


def is_empty(db: Database) -> bool:
    """A database with no account yet: the first start seeds it."""
    return db.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 0


# --- learning records -------------------------------------------------------

def mark_section_read(db: Database, user_id: int, module_id: str, section_id: str,
                      at: str | None = None) -> bool:
    """Record a read once; later reads keep the first date. True if it is new."""
    with db.atomic():
        cursor = db.execute(
            "INSERT OR IGNORE INTO section_reads (user_id, module_id, section_id, read_at) VALUES (?, ?, ?, ?)",
            [user_id, module_id, section_id, at or now()],
        )
    return cursor.rowcount == 1


def sections_read(db: Database, user_id: int) -> dict[str, set[str]]:
    reads: dict[str, set[str]] = {}
    for row in db.query("SELECT module_id, section_id FROM section_reads WHERE user_id = ?", [user_id]):
        reads.setdefault(row["module_id"], set()).add(row["section_id"])
    return reads


def next_attempt_no(db: Database, user_id: int, module_id: str) -> int:
    row = db.execute(
        "SELECT COALESCE(MAX(attempt_no), 0) + 1 FROM attempts WHERE user_id = ? AND module_id = ?",
        [user_id, module_id],
    ).fetchone()
    return row[0]


def save_attempt(db: Database, *, user_id: int, module_id: str, attempt_no: int, content_hash: str,
                 percent: float, passed: bool, answers: Iterable[tuple[str, Iterable[int], float]],
                 submitted_at: str | None = None) -> tuple[int, bool]:
    """Write an attempt and its answers in one transaction, once.

    The attempt number is fixed when the quiz is shown, so a double click, a
    rerun or a second tab submitting the same attempt finds it already there:
    returns (attempt id, False) and writes nothing.
    """
    with db.atomic():
        cursor = db.execute(
            "INSERT OR IGNORE INTO attempts (user_id, module_id, attempt_no, content_hash, submitted_at, percent, passed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [user_id, module_id, attempt_no, content_hash, submitted_at or now(), percent, int(passed)],
        )
        if cursor.rowcount == 0:
            existing = db.execute(
                "SELECT id FROM attempts WHERE user_id = ? AND module_id = ? AND attempt_no = ?",
                [user_id, module_id, attempt_no],
            ).fetchone()
            return existing[0], False
        attempt_id = cursor.lastrowid
        db.conn.executemany(
            "INSERT INTO answers (attempt_id, question_id, chosen, credit) VALUES (?, ?, ?, ?)",
            [(attempt_id, qid, json.dumps(sorted(chosen)), credit) for qid, chosen, credit in answers],
        )
    return attempt_id, True


def attempts_of(db: Database, user_id: int, module_id: str | None = None) -> list[dict[str, Any]]:
    """A learner's attempts, oldest first."""
    sql = "SELECT id, module_id, attempt_no, content_hash, submitted_at, percent, passed FROM attempts WHERE user_id = ?"
    params: list[Any] = [user_id]
    if module_id is not None:
        sql += " AND module_id = ?"
        params.append(module_id)
    rows = list(db.query(sql + " ORDER BY submitted_at, attempt_no", params))
    for row in rows:
        row["passed"] = bool(row["passed"])
    return rows


def answers_of(db: Database, attempt_id: int) -> dict[str, dict[str, Any]]:
    """An attempt's answers by question id: chosen option indexes and credit."""
    return {
        row["question_id"]: {"chosen": set(json.loads(row["chosen"])), "credit": row["credit"]}
        for row in db.query("SELECT question_id, chosen, credit FROM answers WHERE attempt_id = ?", [attempt_id])
    }


def count(db: Database, table: str) -> int:
    """Row count of one of our tables (for checks and the admin summary)."""
    if table not in {"teams", "users", "team_managers", "section_reads", "attempts", "answers"}:
        raise ValueError(f"unknown table {table!r}")
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


# --- measurement ------------------------------------------------------------

def team_module_figures(db: Database, manager_id: int) -> list[dict[str, Any]]:
    """Per person of the manager's teams and per module: reads, attempts, best, passed.

    The manager filter is in the query itself, so no caller can see another team.
    """
    return list(db.query("""
        WITH people AS (
            SELECT u.id, u.name, u.username, t.name AS team
            FROM team_managers m JOIN teams t ON t.id = m.team_id
            JOIN users u ON u.team_id = t.id AND u.role = 'employee'
            WHERE m.user_id = :manager
        ),
        tried AS (
            SELECT a.user_id, a.module_id, COUNT(*) AS attempts, MAX(a.percent) AS best,
                   MAX(a.passed) AS passed, MAX(a.submitted_at) AS last_at
            FROM attempts a JOIN people p ON p.id = a.user_id GROUP BY a.user_id, a.module_id
        ),
        reads AS (
            SELECT r.user_id, r.module_id, COUNT(*) AS sections_read
            FROM section_reads r JOIN people p ON p.id = r.user_id GROUP BY r.user_id, r.module_id
        ),
        pairs AS (
            SELECT user_id, module_id FROM tried UNION SELECT user_id, module_id FROM reads
        )
        SELECT p.id AS user_id, p.name, p.username, p.team, pairs.module_id,
               COALESCE(reads.sections_read, 0) AS sections_read, COALESCE(tried.attempts, 0) AS attempts,
               tried.best, COALESCE(tried.passed, 0) AS passed, tried.last_at
        FROM people p
        LEFT JOIN pairs ON pairs.user_id = p.id
        LEFT JOIN tried ON tried.user_id = p.id AND tried.module_id = pairs.module_id
        LEFT JOIN reads ON reads.user_id = p.id AND reads.module_id = pairs.module_id
        ORDER BY p.team, p.name
    """, {"manager": manager_id}))
