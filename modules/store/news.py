"""What an author has not seen yet: their stories reviewed and their suggestions answered since they last looked.

Each row carries its author's `author_seen_at`; the author's own page sets it
when they open it, so Home tells them once, not forever.
"""

from __future__ import annotations

from typing import Literal, TypedDict

from sqlite_utils import Database

from modules.store.clock import now
from modules.store.rows import typed
from modules.store.transactions import write

Kind = Literal["story", "suggestion"]
_TABLES: dict[str, str] = {"story": "stories", "suggestion": "suggestions"}


class AuthorNews(TypedDict):
    kind: Kind
    id: int
    title: str
    status: str
    happened_at: str


def news_for_author(db: Database, user_id: int) -> list[AuthorNews]:
    """Reviews and answers the author has not seen, newest first."""
    return typed(
        db.query(
            """
        SELECT 'story' AS kind, id, title, status, reviewed_at AS happened_at FROM stories
        WHERE author_id = :me AND status <> 'waiting' AND reviewed_at IS NOT NULL
          AND (author_seen_at IS NULL OR author_seen_at < reviewed_at)
        UNION ALL
        SELECT 'suggestion' AS kind, id, title, status, updated_at AS happened_at FROM suggestions
        WHERE author_id = :me AND answered_by IS NOT NULL
          AND (author_seen_at IS NULL OR author_seen_at < updated_at)
        ORDER BY happened_at DESC, id DESC""",
            {"me": user_id},
        )
    )


def mark_news_seen(db: Database, user_id: int, kind: Kind, stamp: str | None = None) -> None:
    """The author opened the page that shows these: Home stops telling them."""
    with write(db):
        db.execute(
            f"UPDATE {_TABLES[kind]} SET author_seen_at = :now WHERE author_id = :me",
            {"now": stamp or now(), "me": user_id},
        )
