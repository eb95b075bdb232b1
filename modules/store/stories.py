"""Best-failure stories: told by anyone, approved by a manager of the team, then seen by all.

Before approval a story is seen by its author, the managers of its team and
trainers; after, by everyone. Reviewing and pinning need the same right as
answering a suggestion: manager of the story's team, or trainer.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from modules.store.connection import now, write
from modules.store.measurement import Scope, scoped_rows

_REVIEWER = """(:role = 'trainer' OR (:role = 'manager'
               AND s.team_id IN (SELECT team_id FROM team_managers WHERE user_id = :viewer)))"""
_VISIBLE = f"(s.status = 'approved' OR s.author_id = :viewer OR {_REVIEWER})"


def add_story(db: Database, author_id: int, team_id: int | None, title: str, happened: str, did: str,
              customer_said: str, stamp: str | None = None) -> int:
    with write(db):
        return db.execute("""INSERT INTO stories (author_id, team_id, title, happened, did, customer_said, created_at)
                             VALUES (?, ?, ?, ?, ?, ?, ?)""",
                          [author_id, team_id, title, happened, did, customer_said, stamp or now()]).lastrowid


def stories_for(db: Database, viewer_id: int, role: str, pinned_only: bool = False) -> list[dict[str, Any]]:
    """Stories the viewer may see, pinned first then newest, with thanks and whether they may review."""
    return list(db.query(f"""
        SELECT s.id, s.title, s.happened, s.did, s.customer_said, s.status, s.review_note, s.pinned, s.created_at,
               s.author_id, u.name AS author, t.name AS team, r.name AS reviewed_by,
               (SELECT COUNT(*) FROM story_thanks k WHERE k.story_id = s.id) AS thanks,
               EXISTS (SELECT 1 FROM story_thanks k WHERE k.story_id = s.id AND k.user_id = :viewer) AS thanked,
               {_REVIEWER} AS may_review
        FROM stories s JOIN users u ON u.id = s.author_id LEFT JOIN teams t ON t.id = s.team_id
        LEFT JOIN users r ON r.id = s.reviewed_by
        WHERE {_VISIBLE} AND (NOT :pinned_only OR (s.pinned AND s.status = 'approved'))
        ORDER BY s.pinned DESC, s.id DESC""", {"viewer": viewer_id, "role": role, "pinned_only": pinned_only}))


def waiting_for_review(db: Database, viewer_id: int, role: str) -> int:
    """How many stories wait for this viewer's approval (the home page's reminder)."""
    return db.execute(f"SELECT COUNT(*) FROM stories s WHERE s.status = 'waiting' AND {_REVIEWER}",
                      {"viewer": viewer_id, "role": role}).fetchone()[0]


def review_story(db: Database, story_id: int, viewer_id: int, role: str, approve: bool, note: str = "",
                 stamp: str | None = None) -> bool:
    """Approve or decline; False when the viewer may not review this story."""
    with write(db):
        cursor = db.execute(f"""
            UPDATE stories AS s SET status = :status, review_note = :note, reviewed_by = :viewer, reviewed_at = :now,
                   pinned = CASE WHEN :status = 'approved' THEN pinned ELSE 0 END
            WHERE id = :id AND {_REVIEWER}""",
            {"status": "approved" if approve else "declined", "note": note, "viewer": viewer_id, "role": role,
             "now": stamp or now(), "id": story_id})
    return cursor.rowcount == 1


def pin_story(db: Database, story_id: int, viewer_id: int, role: str, pinned: bool) -> bool:
    """Pin an approved story to everyone's home page (or unpin it)."""
    with write(db):
        cursor = db.execute(f"""UPDATE stories AS s SET pinned = :pinned WHERE id = :id AND status = 'approved'
                                AND {_REVIEWER}""",
                            {"pinned": int(pinned), "id": story_id, "viewer": viewer_id, "role": role})
    return cursor.rowcount == 1


def thank_story(db: Database, story_id: int, user_id: int, stamp: str | None = None) -> bool:
    """Say thank you once to an approved story by someone else; a second click changes nothing."""
    with write(db):
        cursor = db.execute("""INSERT OR IGNORE INTO story_thanks (story_id, user_id, created_at)
                               SELECT id, ?, ? FROM stories WHERE id = ? AND status = 'approved' AND author_id != ?""",
                            [user_id, stamp or now(), story_id, user_id])
    return cursor.rowcount == 1


def stories_and_suggestions_per_team(db: Database, scope: Scope, since: str, until: str) -> list[dict[str, Any]]:
    """Per team and kind, in a period: how many were made, answered, approved (stories) or done
    (suggestions), and the days each answered one waited, for the median."""
    return scoped_rows(db, """
        teams_seen AS (SELECT DISTINCT team_id, team FROM people),
        waits AS (
            SELECT 'story' AS what, s.team_id, s.status != 'waiting' AS answered, s.status = 'approved' AS approved,
                   julianday(s.reviewed_at) - julianday(s.created_at) AS days
            FROM stories s WHERE s.team_id IN (SELECT team_id FROM teams_seen)
                 AND s.created_at >= :since AND s.created_at < :until
            UNION ALL
            SELECT 'suggestion', g.team_id, g.answered_at IS NOT NULL, g.status = 'done',
                   julianday(g.answered_at) - julianday(g.created_at)
            FROM suggestions g WHERE g.team_id IN (SELECT team_id FROM teams_seen)
                 AND g.created_at >= :since AND g.created_at < :until
        )
        SELECT t.team_id, t.team, w.what, COUNT(w.what) AS made, COALESCE(SUM(w.answered), 0) AS answered,
               COALESCE(SUM(w.approved), 0) AS approved,
               json_group_array(w.days) FILTER (WHERE w.answered) AS days
        FROM teams_seen t LEFT JOIN waits w ON w.team_id = t.team_id
        GROUP BY t.team_id, w.what ORDER BY t.team""", scope, since=since, until=until)
