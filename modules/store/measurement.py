"""Measurement queries: every aggregate the progress pages show, computed in SQL."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


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
