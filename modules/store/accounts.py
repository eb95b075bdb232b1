"""Who is who: teams, accounts, their managers and their wrong-password counts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypedDict

from sqlite_utils import Database

from modules.store import summaries
from modules.store.clock import day_number, epoch, timestamp
from modules.store.rows import first, typed
from modules.store.scope import holds, member
from modules.store.transactions import created_id, write


class User(TypedDict):
    """A signed-in person as every page sees them."""

    id: int
    username: str
    name: str
    email: str
    role: str
    team_id: int | None
    language: str | None
    team: str | None
    sessions_valid_from: float | None  # sessions begun before this time (seconds since the epoch) have ended
    deactivated_at: str | None  # a leaver: signed out at their next click
    must_change_password: int  # a temporary password given by an administrator: replace it before anything else


class Account(TypedDict):
    """What sign-in needs of an account, and the roster's listing."""

    id: int
    username: str
    name: str
    email: str
    password_hash: str
    role: str
    team_id: int | None
    team: str | None
    sessions_valid_from: float | None
    deactivated_at: str | None  # a leaver: no sign-in, no session


class Team(TypedDict):
    id: int
    name: str
    kind: str


class LoginFailures(TypedDict):
    username: str
    failures: int
    locked_until: str | None


def _normal(username: str) -> str:
    return username.strip().lower()


def add_team(db: Database, name: str, kind: str = "store") -> int:
    with write(db):
        return created_id(db, "INSERT INTO teams (name, kind) VALUES (?, ?) RETURNING id", [name, kind])


def add_user(
    db: Database,
    username: str,
    name: str,
    password_hash: str,
    role: str,
    team_id: int | None = None,
    email: str = "",
    joined: datetime | None = None,
    *,
    must_change: bool = False,
) -> int:
    """Passwords arrive already hashed: this module never sees a clear password. `joined` (default now) is
    when the person joined their team: a newcomer's due dates for the team's assignments count from it."""
    moment = joined or datetime.now(UTC)
    with write(db):
        user_id = created_id(
            db,
            "INSERT INTO users (username, name, email, password_hash, role, team_id, created_at, joined_day,"
            " must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [
                _normal(username),
                name,
                email,
                password_hash,
                role,
                team_id,
                timestamp(moment),
                day_number(moment),
                int(must_change),
            ],  # fmt: skip
        )
        summaries.move_every_stamp(db, user_id)  # one more person in their team's figures
        return user_id


def someone_holding(db: Database, right: str) -> int | None:
    """An active account whose role holds `right` (the lowest id), or None: whose rights a job may use."""
    found = db.execute(
        f"SELECT MIN(u.id) FROM users u WHERE {holds('u.role', right)} AND u.deactivated_at IS NULL"
    ).fetchone()
    return found[0] if found else None


def add_team_manager(db: Database, team_id: int, user_id: int) -> None:
    with write(db):
        db.execute(
            "INSERT INTO team_managers (team_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [team_id, user_id]
        )


_ACCOUNT = (
    "SELECT u.id, u.username, u.name, u.email, u.password_hash, u.role, u.team_id, t.name AS team,"
    " u.sessions_valid_from, u.deactivated_at"
    " FROM users u LEFT JOIN teams t ON t.id = u.team_id"
)


def accounts(db: Database, username: str | None = None) -> list[Account]:
    """Every account (or one), with its team name: for sign-in and the accounts command."""
    if username is None:
        return typed(db.query(_ACCOUNT + " ORDER BY u.username"))
    return typed(db.query(_ACCOUNT + " WHERE u.username = ?", [_normal(username)]))


def user_by_username(db: Database, username: str) -> User | None:
    return first(
        db.query(
            "SELECT u.id, u.username, u.name, u.email, u.role, u.team_id, u.language, t.name AS team,"
            " u.sessions_valid_from, u.deactivated_at, u.must_change_password"
            " FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.username = ?",
            [_normal(username)],
        )
    )


def role_of(db: Database, user_id: int) -> str | None:
    """The stored role of an account (services decide rights from it, never from what a caller says)."""
    row = db.execute("SELECT role FROM users WHERE id = ?", [user_id]).fetchone()
    return row[0] if row else None


def set_language(db: Database, user_id: int, language: str) -> None:
    with write(db):
        db.execute("UPDATE users SET language = ? WHERE id = ?", [language, user_id])


def rehash_password(db: Database, user_id: int, old_hash: str, new_hash: str) -> None:
    """The same password under a stronger hash; sessions go on. Only while the old hash is still the stored one,
    so a password changed meanwhile is never undone."""
    with write(db):
        db.execute(
            "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?", [new_hash, user_id, old_hash]
        )


def end_sessions(db: Database, username: str) -> None:
    """Every session of the account that began before now ends, in every tab and on every machine."""
    with write(db):
        db.execute("UPDATE users SET sessions_valid_from = ? WHERE username = ?", [epoch(), _normal(username)])


def team_id_for(db: Database, name: str) -> int | None:
    """A team's id by its name (a new team is made, and recorded, by `store.people.create_team`)."""
    row = db.execute("SELECT id FROM teams WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def login_failures(db: Database) -> dict[str, LoginFailures]:
    """Wrong-password counts and lock ends, by username."""
    rows: list[LoginFailures] = typed(db.query("SELECT username, failures, locked_until FROM login_failures"))
    return {row["username"]: row for row in rows}


def save_login_failures(db: Database, username: str, failures: int, locked_until: str | None) -> None:
    with write(db):
        if failures:
            db.execute(
                "INSERT INTO login_failures (username, failures, locked_until) VALUES (?, ?, ?)"
                " ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until",
                [_normal(username), failures, locked_until],
            )
        else:
            db.execute("DELETE FROM login_failures WHERE username = ?", [_normal(username)])


def count_sign_in(db: Database, username: str, now: str) -> LoginFailures:
    """Count a sign-in attempt before its password is checked, in one statement.

    Two browsers submitting at the same instant each get their own number, so
    no more than the allowed attempts are ever checked; a lock that has ended
    starts the count again at 1. Names that are no account are counted too,
    so a lock says nothing about whether an account exists."""
    with write(db):
        rows = db.execute(
            """INSERT INTO login_failures (username, failures, locked_until) VALUES (:username, 1, NULL)
               ON CONFLICT (username) DO UPDATE SET
                   failures = CASE WHEN login_failures.locked_until <= :now THEN 1
                                   ELSE login_failures.failures + 1 END,
                   locked_until = CASE WHEN login_failures.locked_until <= :now THEN NULL
                                       ELSE login_failures.locked_until END
               RETURNING username, failures, locked_until""",
            {"username": _normal(username), "now": now},
        ).fetchall()
    return {"username": rows[0][0], "failures": rows[0][1], "locked_until": rows[0][2]}


def lock(db: Database, username: str, until: str) -> None:
    with write(db):
        db.execute("UPDATE login_failures SET locked_until = ? WHERE username = ?", [until, _normal(username)])


def managed_teams(db: Database, user_id: int) -> list[Team]:
    return typed(
        db.query(
            "SELECT t.id, t.name, t.kind FROM teams t JOIN team_managers m ON m.team_id = t.id"
            " WHERE m.user_id = ? ORDER BY t.name",
            [user_id],
        )
    )


def employee_teams(db: Database) -> dict[int, int]:
    """Every team member's team, by user id (the demo's simulated organisation reads it once)."""
    return {uid: team for uid, team in db.execute(f"SELECT u.id, u.team_id FROM users u WHERE {member('u')}")}


def team_managers(db: Database) -> dict[int, int]:
    """One manager per team, by team id."""
    return {team: manager for team, manager in db.execute("SELECT team_id, user_id FROM team_managers")}
