"""Organisation and learning records: who is who, what was read, what was answered."""

from __future__ import annotations

import json
from typing import Any, Iterable

from sqlite_utils import Database

from modules.store.connection import now, retrying, write


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


def accounts(db: Database, username: str | None = None) -> list[dict[str, Any]]:
    """What sign-in needs (name, e-mail, hash, role), for one account or for all."""
    sql = "SELECT username, name, email, password_hash, role FROM users"
    if username is None:
        return list(db.query(sql))
    return list(db.query(sql + " WHERE username = ?", [username.strip().lower()]))


def user_by_username(db: Database, username: str) -> dict[str, Any] | None:
    rows = list(db.query(
        "SELECT u.id, u.username, u.name, u.email, u.role, u.team_id, u.language, t.name AS team"
        " FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.username = ?",
        [username.strip().lower()],
    ))
    return rows[0] if rows else None


def set_language(db: Database, user_id: int, language: str) -> None:
    with write(db):
        db.conn.execute("UPDATE users SET language = ? WHERE id = ?", [language, user_id])


def set_password(db: Database, username: str, password_hash: str) -> bool:
    """Replace a password hash and lift any lockout; False if there is no such user."""
    with write(db):
        changed = db.conn.execute("UPDATE users SET password_hash = ? WHERE username = ?",
                                  [password_hash, username.strip().lower()]).rowcount
        db.conn.execute("DELETE FROM login_failures WHERE username = ?", [username.strip().lower()])
    return changed == 1


def team_id_for(db: Database, name: str, create: bool = False, kind: str = "store") -> int | None:
    """A team's id by its name; with `create`, a missing team is added."""
    row = db.execute("SELECT id FROM teams WHERE name = ?", [name]).fetchone()
    if row:
        return row[0]
    return add_team(db, name, kind) if create else None


def login_failures(db: Database) -> dict[str, dict[str, Any]]:
    """Wrong-password counts and lock ends, by username."""
    return {row["username"]: row for row in db.query("SELECT username, failures, locked_until FROM login_failures")}


def save_login_failures(db: Database, username: str, failures: int, locked_until: str | None) -> None:
    with write(db):
        if failures:
            db.conn.execute(
                "INSERT INTO login_failures (username, failures, locked_until) VALUES (?, ?, ?)"
                " ON CONFLICT(username) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until",
                [username.lower(), failures, locked_until])
        else:
            db.conn.execute("DELETE FROM login_failures WHERE username = ?", [username.lower()])


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
    def insert() -> bool:
        with write(db):
            cursor = db.conn.execute(
                "INSERT OR IGNORE INTO section_reads (user_id, module_id, section_id, read_at) VALUES (?, ?, ?, ?)",
                [user_id, module_id, section_id, at or now()],
            )
        return cursor.rowcount == 1
    return retrying(insert)


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
    returns (attempt id, False) and writes nothing. Contention is retried.
    """
    rows = [(qid, json.dumps(sorted(chosen)), credit) for qid, chosen, credit in answers]
    when = submitted_at or now()

    def insert() -> tuple[int, bool]:
        with write(db):
            cursor = db.conn.execute(
                "INSERT OR IGNORE INTO attempts (user_id, module_id, attempt_no, content_hash, submitted_at, percent, passed)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [user_id, module_id, attempt_no, content_hash, when, percent, int(passed)],
            )
            if cursor.rowcount == 0:
                existing = db.conn.execute(
                    "SELECT id FROM attempts WHERE user_id = ? AND module_id = ? AND attempt_no = ?",
                    [user_id, module_id, attempt_no],
                ).fetchone()
                return existing[0], False
            attempt_id = cursor.lastrowid
            db.conn.executemany(
                "INSERT INTO answers (attempt_id, question_id, chosen, credit) VALUES (?, ?, ?, ?)",
                [(attempt_id, qid, chosen, credit) for qid, chosen, credit in rows],
            )
        return attempt_id, True
    return retrying(insert)


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


def add_module_version(db: Database, path: str, text: str, saved_by: str, note: str = "") -> int:
    with write(db):
        return db.conn.execute(
            "INSERT INTO module_versions (path, text, saved_by, saved_at, note) VALUES (?, ?, ?, ?, ?)",
            [path, text, saved_by, now(), note]).lastrowid


def module_versions(db: Database, paths: Iterable[str]) -> list[dict[str, Any]]:
    """Saved versions of these files (a module and its draft), newest first."""
    paths = list(paths)
    marks = ", ".join("?" for _ in paths)
    return list(db.query(f"SELECT id, path, text, saved_by, saved_at, note FROM module_versions"
                         f" WHERE path IN ({marks}) ORDER BY id DESC", paths))


def latest_module_text(db: Database, path: str) -> str | None:
    row = db.execute("SELECT text FROM module_versions WHERE path = ? ORDER BY id DESC LIMIT 1", [path]).fetchone()
    return row[0] if row else None


def count(db: Database, table: str) -> int:
    """Row count of one of our tables (for checks and the admin summary)."""
    if table not in {"teams", "users", "team_managers", "section_reads", "attempts", "answers", "login_failures",
                     "module_versions", "suggestions", "ratings", "peer_requests", "surveys", "survey_responses",
                     "stories", "story_thanks"}:
        raise ValueError(f"unknown table {table!r}")
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
