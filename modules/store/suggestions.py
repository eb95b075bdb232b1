"""Suggestions: what people propose, and who may see and answer them (scoped in SQL)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from modules.store.connection import now, write

STATUSES = ("new", "under study", "done", "not retained")

# A manager sees their teams' suggestions; a trainer sees all; everyone sees their own.
_VISIBLE = """
    s.author_id = :viewer
    OR :role = 'trainer'
    OR (:role = 'manager' AND s.team_id IN (SELECT team_id FROM team_managers WHERE user_id = :viewer))"""


def add_suggestion(db: Database, author_id: int, team_id: int | None, title: str, body: str,
                   stamp: str | None = None) -> int:
    stamp = stamp or now()
    with write(db):
        return db.conn.execute(
            "INSERT INTO suggestions (author_id, team_id, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            [author_id, team_id, title, body, stamp, stamp]).lastrowid


def suggestions_for(db: Database, viewer_id: int, role: str) -> list[dict[str, Any]]:
    """Suggestions the viewer may see, newest first, with author and team names."""
    return list(db.query(f"""
        SELECT s.id, s.title, s.body, s.status, s.answer, s.created_at, s.updated_at, s.author_id,
               u.name AS author, t.name AS team, a.name AS answered_by
        FROM suggestions s JOIN users u ON u.id = s.author_id
        LEFT JOIN teams t ON t.id = s.team_id LEFT JOIN users a ON a.id = s.answered_by
        WHERE {_VISIBLE} ORDER BY s.id DESC""", {"viewer": viewer_id, "role": role}))


def new_for_answer(db: Database, viewer_id: int, role: str) -> int:
    """How many new suggestions by others this viewer may answer (the home page's reminder)."""
    return db.execute(f"""SELECT COUNT(*) FROM suggestions s WHERE s.status = 'new' AND s.author_id != :viewer
                          AND ({_VISIBLE})""", {"viewer": viewer_id, "role": role}).fetchone()[0]


def answer_suggestion(db: Database, suggestion_id: int, viewer_id: int, role: str, status: str, answer: str,
                      stamp: str | None = None) -> bool:
    """Move a suggestion on; only a manager of its team (or a trainer) may. False when refused."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    with write(db):
        cursor = db.conn.execute("""
            UPDATE suggestions SET status = :status, answer = :answer, answered_by = :viewer, updated_at = :now,
                answered_at = COALESCE(answered_at, :now)
            WHERE id = :id AND (:role = 'trainer' OR (:role = 'manager'
                  AND team_id IN (SELECT team_id FROM team_managers WHERE user_id = :viewer)))""",
            {"status": status, "answer": answer, "viewer": viewer_id, "now": stamp or now(), "id": suggestion_id, "role": role})
    return cursor.rowcount == 1
