"""People as an administrator runs them: find anyone, change an account, deactivate a leaver, and the audit log.

Every change checks the actor's right in its own statement (the stored account's role holds MANAGE_PEOPLE,
or the change is the person's own where the service allows it), changes only what differs, and writes its
audit row in the same transaction: a change and its record are never one without the other.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, TypedDict

from sqlite_utils import Database

from modules.accounts import roles
from modules.store import summaries
from modules.store.clock import day_number, epoch, now
from modules.store.rows import first, typed
from modules.store.scope import manages_person, viewer_holds
from modules.store.transactions import created_id, write

PAGE = 25  # people and audit rows shown at a time


class PersonRow(TypedDict):
    id: int
    username: str
    name: str
    email: str
    role: str
    language: str | None
    team_id: int | None
    team: str | None
    deactivated_at: str | None
    locked_until: str | None


class AuditEntry(TypedDict):
    id: int
    at: str
    actor: str
    action: str
    subject: str
    details: str


_PERSON = """SELECT u.id, u.username, u.name, u.email, u.role, u.language, u.team_id, t.name AS team,
                    u.deactivated_at, f.locked_until
             FROM users u LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN login_failures f ON f.username = u.username"""


def find(
    db: Database,
    text: str = "",
    team_id: int | None = None,
    role: str | None = None,
    active: bool | None = None,
    offset: int = 0,
    limit: int = PAGE,
) -> tuple[list[PersonRow], int]:
    """People whose name, username, e-mail or team contains `text` (any case), filtered; one page and the total.
    Paged in SQL: 100,000 people cost one page's rows."""
    where = """WHERE (:text = '' OR LOWER(u.name) LIKE :like OR LOWER(u.username) LIKE :like
                      OR LOWER(u.email) LIKE :like OR LOWER(COALESCE(t.name, '')) LIKE :like)
                 AND (:team IS NULL OR u.team_id = :team) AND (:role IS NULL OR u.role = :role)
                 AND (:active IS NULL OR (:active = 1 AND u.deactivated_at IS NULL)
                      OR (:active = 0 AND u.deactivated_at IS NOT NULL))"""
    needle = text.strip().lower()
    params = {
        "text": needle,
        "like": f"%{needle}%",
        "team": team_id,
        "role": role,
        "active": None if active is None else int(active),
        "limit": limit,
        "offset": offset,
    }
    total = db.execute(
        f"SELECT COUNT(*) FROM users u LEFT JOIN teams t ON t.id = u.team_id {where}", params
    ).fetchone()[0]
    rows = typed(db.query(f"{_PERSON} {where} ORDER BY u.name, u.id LIMIT :limit OFFSET :offset", params))
    return rows, total


def person(db: Database, user_id: int) -> PersonRow | None:
    return first(db.query(f"{_PERSON} WHERE u.id = ?", [user_id]))


def record_event(
    db: Database, actor_id: int | None, action: str, subject_id: int | None, details: dict[str, Any]
) -> None:
    """One audit row, inside the caller's transaction; names are copied so the row reads the same later."""
    names = {
        row[0]: row[1]
        for row in db.execute("SELECT id, username FROM users WHERE id IN (?, ?)", [actor_id, subject_id]).fetchall()
    }
    db.execute(
        "INSERT INTO audit_log (at, actor_id, actor, action, subject_id, subject, details) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            now(),
            actor_id,
            names.get(actor_id, "server command") if actor_id is not None else "server command",
            action,
            subject_id,
            names.get(subject_id, details.get("username", "")),
            json.dumps(details, ensure_ascii=False, sort_keys=True),
        ],
    )


def record(db: Database, actor_id: int | None, action: str, subject_id: int | None, **details: Any) -> None:
    """An event with no change of its own to make (a sign-in failure, a lockout, an export)."""
    with write(db):
        record_event(db, actor_id, action, subject_id, details)


def may_manage_people(db: Database, actor_id: int | None) -> bool:
    """The actor's stored account may manage people; no actor is the server's own command line (whoever runs
    commands there holds the database already), recorded as such."""
    if actor_id is None:
        return True
    return bool(db.execute(f"SELECT {viewer_holds(roles.MANAGE_PEOPLE)}", {"viewer": actor_id}).fetchone()[0])


def manages(db: Database, manager_id: int, user_id: int) -> bool:
    """The manager is linked to the person's team (the same rule as every report's scope)."""
    return bool(
        db.execute(f"SELECT {manages_person(':subject')}", {"viewer": manager_id, "subject": user_id}).fetchone()[0]
    )


def by_name_or_email(db: Database, text: str) -> PersonRow | None:
    """The account whose username is `text`, else the one whose e-mail it is (any case); None if neither."""
    if not text:
        return None
    return first(
        db.query(
            f"{_PERSON} WHERE u.username = :t OR LOWER(u.email) = :t ORDER BY u.username = :t DESC LIMIT 1",
            {"t": text.lower()},
        )
    )


def everyone(db: Database) -> list[PersonRow]:
    """Every account with its team's name (the roster sync reads them once)."""
    return typed(db.query(_PERSON))


class TeamRow(TypedDict):
    id: int
    name: str


def teams(db: Database) -> list[TeamRow]:
    return typed(db.query("SELECT id, name FROM teams ORDER BY name"))


def create_team(db: Database, actor_id: int | None, name: str, kind: str = "store") -> int | None:
    """A new team (recorded); its id, or None when refused. A name already taken gives that team."""
    with write(db):
        if not may_manage_people(db, actor_id):
            return None
        found = db.execute("SELECT id FROM teams WHERE name = ?", [name]).fetchone()
        if found:
            return found[0]
        team_id = created_id(db, "INSERT INTO teams (name, kind) VALUES (?, ?) RETURNING id", [name, kind])
        record_event(db, actor_id, "team created", None, {"team": name})
    return team_id


EDITABLE = ("name", "email", "language", "team_id", "role")


def update(
    db: Database, actor_id: int | None, user_id: int, changes: dict[str, Any], source: str | None = None
) -> dict[str, tuple[Any, Any]] | None:
    """Change an account's fields (EDITABLE) as an administrator; the fields that changed, before → after
    ({} when nothing did), or None when refused (no such person, or the actor may not manage people)."""
    with write(db):
        if not may_manage_people(db, actor_id):
            return None
        before = db.execute(f"SELECT {', '.join(EDITABLE)} FROM users WHERE id = ?", [user_id]).fetchone()
        if before is None:
            return None
        old = dict(zip(EDITABLE, before, strict=True))
        changed = {k: (old[k], v) for k, v in changes.items() if k in EDITABLE and old[k] != v}
        if not changed:
            return {}
        summaries.move_every_stamp(db, user_id)  # the team they are in, and (below) the one they join
        if "team_id" in changed:  # a mover: the team they leave keeps them in its past periods
            moved_at = now()
            db.execute(
                """INSERT INTO team_history (user_id, team_id, since_at, until_at)
                   SELECT u.id, u.team_id, COALESCE((SELECT MAX(h.until_at) FROM team_history h
                                                     WHERE h.user_id = u.id), u.created_at), :at
                   FROM users u WHERE u.id = :id AND u.team_id IS NOT NULL""",
                {"id": user_id, "at": moved_at},
            )
            db.execute(  # the new team's assignments give them the same lead time as a newcomer's
                "UPDATE users SET joined_day = ? WHERE id = ?",
                [day_number(datetime.fromisoformat(moved_at).replace(tzinfo=UTC)), user_id],
            )
        db.execute(
            f"UPDATE users SET {', '.join(f'{k} = :{k}' for k in changed)} WHERE id = :id",
            {"id": user_id, **{k: v for k, (_, v) in changed.items()}},
        )
        summaries.move_every_stamp(db, user_id)
        if "role" in changed or "team_id" in changed:  # what they may see changes: their sessions start again
            db.execute("UPDATE users SET sessions_valid_from = ? WHERE id = ?", [epoch(), user_id])
        action = "role changed" if "role" in changed else "changed"
        details: dict[str, Any] = {k: {"before": b, "after": a} for k, (b, a) in changed.items()}
        record_event(db, actor_id, action, user_id, details | ({"source": source} if source else {}))
    return changed


def set_active(db: Database, actor_id: int | None, user_id: int, active: bool, at: str) -> bool:
    """Deactivate a leaver (their sessions end at their next click) or reactivate them; False when refused or
    already so (a double click records one event)."""
    with write(db):
        if not may_manage_people(db, actor_id) or actor_id == user_id and not active:
            return False  # an administrator cannot lock themselves out
        if active:
            cursor = db.execute(
                "UPDATE users SET deactivated_at = NULL WHERE id = ? AND deactivated_at IS NOT NULL", [user_id]
            )
        else:
            cursor = db.execute(
                "UPDATE users SET deactivated_at = ?, sessions_valid_from = ? WHERE id = ? AND deactivated_at IS NULL",
                [at, epoch(), user_id],
            )
        if cursor.rowcount != 1:
            return False
        summaries.move_every_stamp(db, user_id)  # they leave (or come back to) their team's figures
        record_event(db, actor_id, "reactivated" if active else "deactivated", user_id, {})
    return True


def set_managed_teams(db: Database, actor_id: int | None, user_id: int, team_ids: list[int]) -> bool | None:
    """The teams a person manages, as a whole; True when they changed, None when refused."""
    with write(db):
        if not may_manage_people(db, actor_id):
            return None
        old = sorted(r[0] for r in db.execute("SELECT team_id FROM team_managers WHERE user_id = ?", [user_id]))
        new = sorted(set(team_ids))
        if old == new:
            return False
        db.execute("DELETE FROM team_managers WHERE user_id = ?", [user_id])
        db.conn.executemany(
            "INSERT INTO team_managers (team_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(team, user_id) for team in new],
        )
        record_event(db, actor_id, "changed", user_id, {"managed teams": {"before": old, "after": new}})
    return True


def set_password_for(
    db: Database, actor_id: int | None, user_id: int, password_hash: str, action: str, must_change: bool = False
) -> bool:
    """A new password (the person's own change, or an administrator's reset): every other session ends, a
    lockout is lifted, and the event is recorded. `must_change`: a temporary password, to replace at the next
    sign-in."""
    with write(db):
        if (
            actor_id is not None
            and actor_id != user_id
            and not (may_manage_people(db, actor_id) or manages(db, actor_id, user_id))
        ):
            return False
        username = db.execute("SELECT username FROM users WHERE id = ?", [user_id]).fetchone()
        if username is None:
            return False
        db.execute(
            "UPDATE users SET password_hash = ?, sessions_valid_from = ?, must_change_password = ? WHERE id = ?",
            [password_hash, epoch(), int(must_change), user_id],
        )
        db.execute("DELETE FROM login_failures WHERE username = ?", [username[0]])
        record_event(db, actor_id, action, user_id, {})
    return True


def audit_entries(
    db: Database, text: str = "", action: str | None = None, offset: int = 0, limit: int = PAGE
) -> tuple[list[AuditEntry], int]:
    """The audit log, newest first, filtered by a name (actor or subject) and an action; one page and the total."""
    where = """WHERE (:text = '' OR LOWER(actor) LIKE :like OR LOWER(subject) LIKE :like)
                 AND (:action IS NULL OR action = :action)"""
    needle = text.strip().lower()
    params = {"text": needle, "like": f"%{needle}%", "action": action, "limit": limit, "offset": offset}
    total = db.execute(f"SELECT COUNT(*) FROM audit_log {where}", params).fetchone()[0]
    rows = typed(
        db.query(
            f"SELECT id, at, actor, action, subject, details FROM audit_log {where}"
            " ORDER BY id DESC LIMIT :limit OFFSET :offset",
            params,
        )
    )
    return rows, total


def audit_actions(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT DISTINCT action FROM audit_log ORDER BY action").fetchall()]


def rename_team(db: Database, actor_id: int | None, team_id: int, name: str) -> bool | None:
    """A team's new name; None when refused, False when the name is taken or unchanged."""
    with write(db):
        if not may_manage_people(db, actor_id):
            return None
        if db.execute("SELECT 1 FROM teams WHERE name = ? AND id <> ?", [name, team_id]).fetchone():
            return False
        cursor = db.execute("UPDATE teams SET name = ? WHERE id = ? AND name <> ?", [name, team_id, name])
        if cursor.rowcount == 1:
            record_event(db, actor_id, "team renamed", None, {"team": team_id, "name": name})
        return cursor.rowcount == 1


# What the portal holds about a person, table by table: (name, SQL with :person). Survey answers are stored
# without a name, so only participation can be given; password hashes and link tokens are never exported.
PERSONAL_DATA = (
    ("account", "SELECT id, username, name, email, role, language, team_id, created_at, joined_day, email_digest,"
                " deactivated_at FROM users WHERE id = :person"),
    ("managed_teams", "SELECT t.id, t.name FROM team_managers m JOIN teams t ON t.id = m.team_id WHERE m.user_id = :person"),
    ("attempts", "SELECT id, module_id, attempt_no, submitted_at, percent, passed FROM attempts WHERE user_id = :person"),
    ("answers", "SELECT a.attempt_id, a.question_id, a.chosen, a.credit FROM answers a"
                " JOIN attempts t ON t.id = a.attempt_id WHERE t.user_id = :person"),
    ("sections_read", "SELECT module_id, section_id, read_at FROM section_reads WHERE user_id = :person"),
    ("practice", "SELECT module_id, question_id, asked_id, day, reviewed_at, correct, self_level, confidence"
                 " FROM recall_reviews WHERE user_id = :person"),
    ("self_ratings", "SELECT module_id, question_id, day, checked_at, level, confidence FROM say_checks"
                     " WHERE user_id = :person"),
    ("ratings_given", "SELECT subject_id, kind, skill, level, example, went_well, differently, recognition, created_at"
                      " FROM ratings WHERE rater_id = :person"),
    ("ratings_received", "SELECT rater_id, kind, skill, level, example, went_well, differently, recognition,"
                         " created_at FROM ratings WHERE subject_id = :person"),
    ("surveys_answered", "SELECT s.id, s.title FROM survey_participation p JOIN surveys s ON s.id = p.survey_id"
                         " WHERE p.user_id = :person"),
    ("stories", "SELECT id, title, happened, did, customer_said, status, created_at FROM stories WHERE author_id = :person"),
    ("suggestions", "SELECT id, title, body, status, answer, created_at FROM suggestions WHERE author_id = :person"),
    ("certificates", "SELECT code, module_id, passed_at, percent, issued_at, revoked_at FROM certificates"
                     " WHERE user_id = :person"),
    ("account_history", "SELECT at, actor, action, details FROM audit_log WHERE subject_id = :person ORDER BY id"),
)  # fmt: skip


def personal_data(db: Database, user_id: int) -> dict[str, list[dict[str, Any]]]:
    """Everything the portal holds about one person, table by table (a GDPR access request)."""
    return {name: typed(db.query(sql, {"person": user_id})) for name, sql in PERSONAL_DATA}


def erase(db: Database, actor_id: int | None, user_id: int, at: str) -> bool:
    """Erase a person: name, e-mail and username replaced, their free text removed, their account closed and
    their certificates revoked; anonymous figures (attempts, reads, levels) stay. False when refused."""
    with write(db):
        if not may_manage_people(db, actor_id) or actor_id == user_id:
            return False
        found = db.execute(
            "SELECT username FROM users WHERE id = ? AND username NOT LIKE 'erased-%'", [user_id]
        ).fetchone()
        if found is None:
            return False
        record_event(db, actor_id, "erased", user_id, {})
        summaries.move_every_stamp(db, user_id)
        db.execute(
            """UPDATE users SET username = :erased, name = :name, email = '', password_hash = '!', language = NULL,
               deactivated_at = COALESCE(deactivated_at, :at), sessions_valid_from = :epoch, email_digest = 0
               WHERE id = :id""",
            {
                "erased": f"erased-{user_id}",
                "name": f"Erased person {user_id}",
                "at": at,
                "epoch": epoch(),
                "id": user_id,
            },
        )
        db.execute("DELETE FROM login_failures WHERE username = ?", [found[0]])
        db.execute("UPDATE ratings SET example = '', went_well = '', differently = '' WHERE rater_id = ?", [user_id])
        db.execute(
            "UPDATE stories SET title = '(erased)', happened = '', did = '', customer_said = '', pinned = 0"
            " WHERE author_id = ?",
            [user_id],
        )
        db.execute("UPDATE suggestions SET title = '(erased)', body = '' WHERE author_id = ?", [user_id])
        db.execute("UPDATE certificates SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", [at, user_id])
        db.execute("UPDATE audit_log SET subject = ? WHERE subject_id = ?", [f"erased-{user_id}", user_id])
        db.execute("UPDATE audit_log SET actor = ? WHERE actor_id = ?", [f"erased-{user_id}", user_id])
        db.execute("DELETE FROM password_links WHERE user_id = ?", [user_id])
    return True


def by_identity(db: Database, subject: str, email: str | None) -> PersonRow | None:
    """The account linked to a provider's identity, else the one whose e-mail is this verified address."""
    linked = first(db.query(f"{_PERSON} WHERE u.sso_subject = ?", [subject]))
    if linked is not None or not email:
        return linked
    return first(db.query(f"{_PERSON} WHERE LOWER(u.email) = ? AND u.sso_subject IS NULL", [email.lower()]))


def link_identity(db: Database, user_id: int, subject: str) -> None:
    """Remember the provider's identity for this account (recorded): later sign-ins match it even if the e-mail
    changes. An identity already linked elsewhere stays there (the unique index)."""
    with write(db):
        cursor = db.execute(
            "UPDATE users SET sso_subject = ? WHERE id = ? AND sso_subject IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM users o WHERE o.sso_subject = ?)",
            [subject, user_id, subject],
        )
        if cursor.rowcount == 1:
            record_event(db, None, "single sign-on linked", user_id, {"identity": subject})
