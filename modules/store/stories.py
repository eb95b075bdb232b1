"""Best-failure stories: told by anyone, approved by a manager of the team, then seen by all.

Before approval a story is seen by its author, the managers of its team and
trainers; after, by everyone. Reviewing and pinning need the same right as
answering a suggestion: manager of the story's team, or trainer.
"""

from __future__ import annotations

from typing import TypedDict

from sqlite_utils import Database

from modules.accounts import roles
from modules.store import summaries
from modules.store.clock import now
from modules.store.rows import typed
from modules.store.scope import Scope, may_manage, scoped_rows
from modules.store.transactions import created_id, repeated, write

_REVIEWER = may_manage("s.team_id", roles.REVIEW)
_VISIBLE = f"(s.status = 'approved' OR s.author_id = :viewer OR {may_manage('s.team_id')})"


class Story(TypedDict):
    id: int
    title: str
    happened: str
    did: str
    customer_said: str
    status: str
    review_note: str
    pinned: int
    created_at: str
    author_id: int
    author: str
    team: str | None
    reviewed_by: str | None
    thanks: int
    thanked: int
    may_review: int


class Exchanges(TypedDict):
    """Stories or suggestions (`what`) of a team made in a period, and how many were answered and approved."""

    team_id: int
    team: str
    what: str | None
    made: int
    answered: int
    approved: int


class AnswerWait(TypedDict):
    team_id: int
    what: str
    created_at: str
    answered_at: str


def add_story(
    db: Database, author_id: int, title: str, happened: str, did: str, customer_said: str, stamp: str | None = None
) -> int:
    """The author's team is read from their account: it decides who reviews the story. Told twice in a minute
    (a double click), it is kept once."""
    at = stamp or now()
    same = {"author_id": author_id, "title": title, "happened": happened, "did": did, "customer_said": customer_said}
    with write(db):
        if (earlier := repeated(db, "stories", same, at)) is not None:
            return earlier
        created = created_id(
            db,
            """INSERT INTO stories (author_id, team_id, title, happened, did, customer_said, created_at)
                                  SELECT id, team_id, ?, ?, ?, ?, ? FROM users WHERE id = ? RETURNING id""",
            [title, happened, did, customer_said, at, author_id],
        )
        summaries.move_team_stamp(db, author_id, summaries.PRACTICES)
        return created


_SELECT = f"""
        SELECT s.id, s.title, s.happened, s.did, s.customer_said, s.status, s.review_note, s.pinned, s.created_at,
               s.author_id, u.name AS author, t.name AS team, r.name AS reviewed_by,
               (SELECT COUNT(*) FROM story_thanks k WHERE k.story_id = s.id) AS thanks,
               EXISTS (SELECT 1 FROM story_thanks k WHERE k.story_id = s.id AND k.user_id = :viewer) AS thanked,
               {_REVIEWER} AS may_review
        FROM stories s JOIN users u ON u.id = s.author_id LEFT JOIN teams t ON t.id = s.team_id
        LEFT JOIN users r ON r.id = s.reviewed_by"""


def stories_for(db: Database, viewer_id: int, pinned_only: bool = False, limit: int | None = None) -> list[Story]:
    """Stories the viewer may see, pinned first then newest, with thanks and whether they may review; the
    first `limit` only when given (a page is fetched, not the whole history)."""
    return typed(
        db.query(
            f"""{_SELECT}
        WHERE {_VISIBLE} AND (:pinned_only = 0 OR (s.pinned = 1 AND s.status = 'approved'))
        ORDER BY s.pinned DESC, s.id DESC{"" if limit is None else " LIMIT :limit"}""",
            {"viewer": viewer_id, "pinned_only": int(pinned_only), "limit": limit},
        )
    )


def published(db: Database, viewer_id: int, limit: int) -> tuple[list[Story], int]:
    """The first `limit` published stories (pinned first, then newest) and how many there are in all."""
    rows = typed(
        db.query(
            f"{_SELECT} WHERE s.status = 'approved' ORDER BY s.pinned DESC, s.id DESC LIMIT :limit",
            {"viewer": viewer_id, "limit": limit},
        )
    )
    return rows, db.execute("SELECT COUNT(*) FROM stories WHERE status = 'approved'").fetchone()[0]


def unpublished(db: Database, viewer_id: int) -> list[Story]:
    """The stories not (yet) published that the viewer may see: their own and those they review."""
    return typed(
        db.query(f"{_SELECT} WHERE s.status <> 'approved' AND {_VISIBLE} ORDER BY s.id DESC", {"viewer": viewer_id})
    )


def waiting_for_review(db: Database, viewer_id: int) -> int:
    """How many stories wait for this viewer's approval (the home page's reminder)."""
    return db.execute(
        f"SELECT COUNT(*) FROM stories s WHERE s.status = 'waiting' AND {_REVIEWER}", {"viewer": viewer_id}
    ).fetchone()[0]


def review_story(
    db: Database, story_id: int, viewer_id: int, approve: bool, note: str = "", stamp: str | None = None
) -> bool:
    """Approve or decline; False when the viewer may not review this story."""
    with write(db):
        cursor = db.execute(
            f"""
            UPDATE stories AS s SET status = :status, review_note = :note, reviewed_by = :viewer, reviewed_at = :now,
                   pinned = CASE WHEN :status = 'approved' THEN pinned ELSE 0 END
            WHERE id = :id AND {_REVIEWER}""",
            {
                "status": "approved" if approve else "declined",
                "note": note,
                "viewer": viewer_id,
                "now": stamp or now(),
                "id": story_id,
            },
        )
        if cursor.rowcount == 1:
            team = db.execute("SELECT team_id FROM stories WHERE id = ?", [story_id]).fetchone()[0]
            summaries.move_stamp_of_team(db, team, summaries.PRACTICES)
    return cursor.rowcount == 1


def pin_story(db: Database, story_id: int, viewer_id: int, pinned: bool) -> bool:
    """Pin an approved story to everyone's home page (or unpin it)."""
    with write(db):
        cursor = db.execute(
            f"""UPDATE stories AS s SET pinned = :pinned WHERE id = :id AND status = 'approved'
                                AND {_REVIEWER}""",
            {"pinned": int(pinned), "id": story_id, "viewer": viewer_id},
        )
    return cursor.rowcount == 1


def thank_story(db: Database, story_id: int, user_id: int, stamp: str | None = None) -> bool:
    """Say thank you once to an approved story by someone else; a second click changes nothing."""
    with write(db):
        cursor = db.execute(
            """INSERT INTO story_thanks (story_id, user_id, created_at)
                               SELECT id, ?, ? FROM stories WHERE id = ? AND status = 'approved' AND author_id != ?
                               ON CONFLICT DO NOTHING""",
            [user_id, stamp or now(), story_id, user_id],
        )
    return cursor.rowcount == 1


def stories_and_suggestions_per_team(db: Database, scope: Scope, since: str, until: str) -> list[Exchanges]:
    """Per team and kind ("story", "suggestion") made in a period: how many were made, answered, and approved
    (stories) or done (suggestions)."""
    return scoped_rows(
        db,
        _EXCHANGES
        + """
        SELECT t.team_id, t.team, w.what, COUNT(w.what) AS made, COUNT(w.answered_at) AS answered,
               COUNT(*) FILTER (WHERE w.approved = 1) AS approved
        FROM teams_seen t LEFT JOIN exchanges w ON w.team_id = t.team_id
        GROUP BY t.team_id, t.team, w.what ORDER BY t.team""",
        scope,
        since=since,
        until=until,
    )


def answer_waits(db: Database, scope: Scope, since: str, until: str) -> list[AnswerWait]:
    """Each story or suggestion made in a period and answered: when it was made and first answered.

    The waits are computed in Python (dates differ between database engines)."""
    return scoped_rows(
        db,
        _EXCHANGES
        + """
        SELECT team_id, what, created_at, answered_at FROM exchanges WHERE answered_at IS NOT NULL""",
        scope,
        since=since,
        until=until,
    )


_EXCHANGES = """
    teams_seen AS (SELECT DISTINCT team_id, team FROM people),
    exchanges AS (
        SELECT 'story' AS what, s.team_id, s.created_at,
               CASE WHEN s.status != 'waiting' THEN s.reviewed_at END AS answered_at,
               CASE WHEN s.status = 'approved' THEN 1 ELSE 0 END AS approved
        FROM stories s WHERE s.team_id IN (SELECT team_id FROM teams_seen)
             AND s.created_at >= :since AND s.created_at < :until
        UNION ALL
        SELECT 'suggestion', g.team_id, g.created_at, g.answered_at, CASE WHEN g.status = 'done' THEN 1 ELSE 0 END
        FROM suggestions g WHERE g.team_id IN (SELECT team_id FROM teams_seen)
             AND g.created_at >= :since AND g.created_at < :until
    )"""


class FoundStory(TypedDict):
    id: int
    title: str
    happened: str
    did: str
    customer_said: str
    author: str
    team: str | None


def search(db: Database, viewer_id: int, patterns: list[str], limit: int) -> list[FoundStory]:
    """The stories the viewer may see whose text holds every LIKE pattern (lower case), newest first."""
    text = "LOWER(s.title || ' ' || s.happened || ' ' || s.did || ' ' || s.customer_said)"
    holds = " AND ".join(f"{text} LIKE :w{n} ESCAPE '\\'" for n in range(len(patterns))) or "1 = 1"
    return typed(
        db.query(
            f"""SELECT s.id, s.title, s.happened, s.did, s.customer_said, u.name AS author, t.name AS team
                FROM stories s JOIN users u ON u.id = s.author_id LEFT JOIN teams t ON t.id = s.team_id
                WHERE {_VISIBLE} AND {holds} ORDER BY s.id DESC LIMIT :limit""",
            {"viewer": viewer_id, "limit": limit, **{f"w{n}": p for n, p in enumerate(patterns)}},
        )
    )
