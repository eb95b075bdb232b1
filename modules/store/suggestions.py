"""Suggestions: what people propose, and who may see and answer them (scoped in SQL)."""

from __future__ import annotations

from typing import TypedDict

from sqlite_utils import Database

from modules.accounts import roles
from modules.store import summaries
from modules.store.clock import now
from modules.store.rows import typed
from modules.store.scope import may_manage
from modules.store.transactions import created_id, repeated, write

# Everyone sees their own; a manager sees their teams'; a trainer sees all.
_VISIBLE = f"(s.author_id = :viewer OR {may_manage('s.team_id')})"


class Suggestion(TypedDict):
    id: int
    title: str
    body: str
    status: str
    answer: str
    created_at: str
    updated_at: str
    author_id: int
    author: str
    team: str | None
    answered_by: str | None
    may_answer: int


def add_suggestion(db: Database, author_id: int, title: str, body: str, stamp: str | None = None) -> int:
    """The author's team is read from their account, as it is when they suggest. Sent twice in a minute
    (a double click), it is kept once."""
    stamp = stamp or now()
    with write(db):
        if earlier := repeated(db, "suggestions", {"author_id": author_id, "title": title, "body": body}, stamp):
            return earlier
        created = created_id(
            db,
            "INSERT INTO suggestions (author_id, team_id, title, body, created_at, updated_at)"
            " SELECT id, team_id, ?, ?, ?, ? FROM users WHERE id = ? RETURNING id",
            [title, body, stamp, stamp, author_id],
        )
        summaries.move_team_stamp(db, author_id, summaries.PRACTICES)
        return created


def suggestions_for(db: Database, viewer_id: int) -> list[Suggestion]:
    """Suggestions the viewer may see, newest first, with author and team names and whether they may answer."""
    return typed(
        db.query(
            f"""
        SELECT s.id, s.title, s.body, s.status, s.answer, s.created_at, s.updated_at, s.author_id,
               u.name AS author, t.name AS team, a.name AS answered_by, {may_manage("s.team_id", roles.REVIEW)} AS may_answer
        FROM suggestions s JOIN users u ON u.id = s.author_id
        LEFT JOIN teams t ON t.id = s.team_id LEFT JOIN users a ON a.id = s.answered_by
        WHERE {_VISIBLE} ORDER BY s.id DESC""",
            {"viewer": viewer_id},
        )
    )


def new_for_answer(db: Database, viewer_id: int) -> int:
    """How many new suggestions by others this viewer may answer (the home page's reminder)."""
    return db.execute(
        f"""SELECT COUNT(*) FROM suggestions s WHERE s.status = 'new' AND s.author_id != :viewer
                          AND {may_manage("s.team_id", roles.REVIEW)}""",
        {"viewer": viewer_id},
    ).fetchone()[0]


def answer_suggestion(
    db: Database, suggestion_id: int, viewer_id: int, status: str, answer: str, stamp: str | None = None
) -> bool:
    """Move a suggestion on; only a manager of its team (or a trainer) may. False when refused."""
    with write(db):
        cursor = db.execute(
            f"""
            UPDATE suggestions AS s SET status = :status, answer = :answer, answered_by = :viewer, updated_at = :now,
                answered_at = COALESCE(answered_at, :now)
            WHERE id = :id AND {may_manage("s.team_id", roles.REVIEW)}""",
            {"status": status, "answer": answer, "viewer": viewer_id, "now": stamp or now(), "id": suggestion_id},
        )
        if cursor.rowcount == 1:
            team = db.execute("SELECT team_id FROM suggestions WHERE id = ?", [suggestion_id]).fetchone()[0]
            summaries.move_stamp_of_team(db, team, summaries.PRACTICES)
    return cursor.rowcount == 1


class FoundSuggestion(TypedDict):
    id: int
    title: str
    body: str
    author: str
    team: str | None


def search(db: Database, viewer_id: int, patterns: list[str], limit: int) -> list[FoundSuggestion]:
    """The suggestions the viewer may see whose text holds every LIKE pattern (lower case), newest first."""
    holds = (
        " AND ".join(f"LOWER(s.title || ' ' || s.body) LIKE :w{n} ESCAPE '\\'" for n in range(len(patterns))) or "1 = 1"
    )
    return typed(
        db.query(
            f"""SELECT s.id, s.title, s.body, u.name AS author, t.name AS team
                FROM suggestions s JOIN users u ON u.id = s.author_id LEFT JOIN teams t ON t.id = s.team_id
                WHERE {_VISIBLE} AND {holds} ORDER BY s.id DESC LIMIT :limit""",
            {"viewer": viewer_id, "limit": limit, **{f"w{n}": p for n, p in enumerate(patterns)}},
        )
    )
