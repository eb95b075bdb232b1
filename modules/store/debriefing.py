"""Debriefing ratings per skill: who may rate whom, and who may read what (all in SQL).

A self rating is the person's own; a peer rating needs an open request from
the person to a colleague of their team; a manager rating needs the rater to
manage the person's team. Ratings are read by the person and their managers.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from sqlite_utils import Database

from modules.store import summaries
from modules.store.clock import FAR_FUTURE, now
from modules.store.rows import typed
from modules.store.scope import Scope, manages_person, member, scoped_rows
from modules.store.transactions import inserted_id, repeated, write

_TEAMMATE = f"""SELECT 1 FROM users s JOIN users p ON p.team_id = s.team_id
               WHERE s.id = :subject AND p.id = :peer AND p.id != s.id AND {member("p")} AND {member("s")}"""
_MAY_READ = f"(:viewer = :subject OR {manages_person(':subject')})"


class Rating(TypedDict):
    id: int
    kind: str
    skill: str
    level: int
    example: str
    went_well: str
    differently: str
    recognition: int
    created_at: str
    rater: str


class PeerRequest(TypedDict):
    id: int
    subject_id: int
    skill: str
    created_at: str
    subject: str


class AskedPeer(TypedDict):
    id: int
    skill: str
    created_at: str
    answered: int
    peer: str


class Recognition(TypedDict):
    skill: str
    went_well: str
    created_at: str
    manager: str


class SkillLevel(TypedDict):
    """A skill seen one way (self, peer, manager): each rater's latest level, averaged, over `people` people."""

    skill: str
    kind: str
    level: float
    people: int


class TeamDebriefings(TypedDict):
    team_id: int
    team: str
    debriefings: int
    people_debriefed: int
    recognitions: int
    people: int


class Person(TypedDict):
    id: int
    name: str
    team: NotRequired[str]


def request_peer(db: Database, subject_id: int, peer_id: int, skill: str, stamp: str | None = None) -> bool:
    """Ask a colleague of one's own team for a rating; asking twice keeps one open request."""
    params = {"subject": subject_id, "peer": peer_id, "skill": skill, "now": stamp or now()}
    with write(db):
        if not db.execute(_TEAMMATE, params).fetchone():
            return False
        db.execute(
            """INSERT INTO peer_requests (subject_id, peer_id, skill, created_at)
                      VALUES (:subject, :peer, :skill, :now) ON CONFLICT DO NOTHING""",
            params,
        )
    return True


def open_requests(db: Database, peer_id: int) -> list[PeerRequest]:
    """Ratings colleagues asked of this person and still wait for, oldest first."""
    return typed(
        db.query(
            """
        SELECT r.id, r.subject_id, r.skill, r.created_at, u.name AS subject
        FROM peer_requests r JOIN users u ON u.id = r.subject_id
        WHERE r.peer_id = ? AND r.rating_id IS NULL ORDER BY r.id""",
            [peer_id],
        )
    )


def asked_peers(db: Database, subject_id: int) -> list[AskedPeer]:
    """The person's requests, open or answered, newest first."""
    return typed(
        db.query(
            """
        SELECT r.id, r.skill, r.created_at, r.rating_id IS NOT NULL AS answered, u.name AS peer
        FROM peer_requests r JOIN users u ON u.id = r.peer_id WHERE r.subject_id = ? ORDER BY r.id DESC""",
            [subject_id],
        )
    )


def add_rating(
    db: Database,
    subject_id: int,
    rater_id: int,
    kind: str,
    skill: str,
    level: int,
    *,
    example: str = "",
    went_well: str = "",
    differently: str = "",
    recognition: bool = False,
    stamp: str | None = None,
) -> int | None:
    """Record a rating if this rater may give it, else None (nothing is written).

    The right comes from what is stored: oneself, a teammate with an open
    request, or a manager of the person's team; the kind and level are
    checked by the schema."""
    params = {"subject": subject_id, "viewer": rater_id, "peer": rater_id, "skill": skill}
    with write(db):
        request = None
        if kind == "self" and (
            subject_id != rater_id
            or not db.execute(f"SELECT 1 FROM users u WHERE u.id = :subject AND {member('u')}", params).fetchone()
        ):
            return None
        if kind == "manager" and not db.execute(f"SELECT {manages_person(':subject')}", params).fetchone()[0]:
            return None
        if kind == "peer":
            request = db.execute(
                """SELECT id FROM peer_requests WHERE subject_id = :subject AND peer_id = :peer
                                    AND skill = :skill AND rating_id IS NULL""",
                params,
            ).fetchone()
            if request is None or not db.execute(_TEAMMATE, params).fetchone():
                return None
        at = stamp or now()
        same = {
            "subject_id": subject_id,
            "rater_id": rater_id,
            "kind": kind,
            "skill": skill,
            "level": level,
            "example": example,
            "went_well": went_well,
            "differently": differently,
            "recognition": int(recognition),
        }
        if (earlier := repeated(db, "ratings", same, at)) is not None:
            return earlier
        rating_id = inserted_id(
            db,
            """
            INSERT INTO ratings (subject_id, rater_id, kind, skill, level, example, went_well, differently,
                                 recognition, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
            [
                subject_id,
                rater_id,
                kind,
                skill,
                level,
                example,
                went_well,
                differently,
                int(recognition),
                at,
            ],
        )
        if request:
            db.execute("UPDATE peer_requests SET rating_id = ? WHERE id = ?", [rating_id, request[0]])
        summaries.move_team_stamp(db, subject_id, summaries.PRACTICES)
    return rating_id


def ratings_of(db: Database, viewer_id: int, subject_id: int) -> list[Rating]:
    """Every rating of a person, newest first, if the viewer is that person or their manager."""
    return typed(
        db.query(
            f"""
        SELECT r.id, r.kind, r.skill, r.level, r.example, r.went_well, r.differently, r.recognition,
               r.created_at, u.name AS rater
        FROM ratings r JOIN users u ON u.id = r.rater_id
        WHERE r.subject_id = :subject AND {_MAY_READ} ORDER BY r.created_at DESC, r.id DESC""",
            {"viewer": viewer_id, "subject": subject_id},
        )
    )


def recognitions(db: Database, subject_id: int, limit: int = 3) -> list[Recognition]:
    """The latest "well done and thank you" a person received, for their home page."""
    return typed(
        db.query(
            """
        SELECT r.skill, r.went_well, r.created_at, u.name AS manager
        FROM ratings r JOIN users u ON u.id = r.rater_id
        WHERE r.subject_id = ? AND r.kind = 'manager' AND r.recognition = 1
        ORDER BY r.created_at DESC, r.id DESC LIMIT ?""",
            [subject_id, limit],
        )
    )


_LATEST = """
latest AS (
    SELECT subject_id, skill, kind, level, ROW_NUMBER() OVER (
        PARTITION BY subject_id, rater_id, kind, skill ORDER BY created_at DESC, id DESC) AS n
    FROM ratings WHERE subject_id IN (SELECT id FROM people) AND created_at < :until
),
per_person AS (
    SELECT subject_id, skill, kind, AVG(level) AS level FROM latest WHERE n = 1 GROUP BY subject_id, skill, kind
)"""


def person_skill_levels(db: Database, viewer_id: int, subject_id: int) -> list[SkillLevel]:
    """Per skill and kind, the person's level (each rater's latest, averaged), if the viewer may read it."""
    return typed(
        db.query(
            f"""
        WITH people AS (SELECT :subject AS id WHERE {_MAY_READ}), {_LATEST}
        SELECT skill, kind, level, 1 AS people FROM per_person ORDER BY skill, kind""",
            {"viewer": viewer_id, "subject": subject_id, "until": FAR_FUTURE},
        )
    )


def team_skill_levels(db: Database, scope: Scope, until: str = FAR_FUTURE) -> list[SkillLevel]:
    """Per skill and kind, the average of each person's level, over the people of the scope."""
    return scoped_rows(
        db,
        _LATEST
        + """
        SELECT skill, kind, AVG(level) AS level, COUNT(*) AS people FROM per_person
        GROUP BY skill, kind ORDER BY skill, kind""",
        scope,
        until=until,
    )


def team_level_sums(db: Database, scope: Scope) -> list[dict]:
    """`team_skill_levels` per team, as sums: each person's level added up, and how many people (they add up
    over teams, a person being in one)."""
    return scoped_rows(
        db,
        _LATEST
        + """
        SELECT p.team_id, x.skill, x.kind, SUM(x.level) AS level_sum, COUNT(*) AS people
        FROM per_person x JOIN people p ON p.id = x.subject_id GROUP BY p.team_id, x.skill, x.kind""",
        scope,
        until=FAR_FUTURE,
    )


def debriefings_per_team(db: Database, scope: Scope, since: str, until: str) -> list[TeamDebriefings]:
    """Manager debriefings in a period per team: how many, how many people, how many recognitions."""
    return scoped_rows(
        db,
        """
        sizes AS (SELECT team_id, team, COUNT(*) AS people FROM people GROUP BY team_id, team),
        done AS (
            SELECT p.team_id, COUNT(*) AS debriefings, COUNT(DISTINCT r.subject_id) AS people_debriefed,
                   SUM(r.recognition) AS recognitions
            FROM ratings r JOIN people p ON p.id = r.subject_id
            WHERE r.kind = 'manager' AND r.created_at >= :since AND r.created_at < :until
              AND r.subject_id IN (SELECT id FROM people)
            GROUP BY p.team_id
        )
        SELECT s.team_id, s.team, COALESCE(d.debriefings, 0) AS debriefings,
               COALESCE(d.people_debriefed, 0) AS people_debriefed, COALESCE(d.recognitions, 0) AS recognitions, s.people
        FROM sizes s LEFT JOIN done d ON d.team_id = s.team_id
        ORDER BY s.team""",
        scope,
        since=since,
        until=until,
    )


def teammates(db: Database, user_id: int) -> list[Person]:
    """Colleagues a person may ask for a peer rating: the other employees of their team."""
    return typed(
        db.query(
            f"""SELECT p.id, p.name FROM users u JOIN users p ON p.team_id = u.team_id
                            WHERE u.id = ? AND p.id != u.id AND {member("p")} ORDER BY p.name""",
            [user_id],
        )
    )


def people_in_scope(db: Database, scope: Scope) -> list[Person]:
    """The employees a manager may debrief (their teams); a trainer's scope is every team."""
    return scoped_rows(db, "SELECT id, name, team FROM people ORDER BY team, name", scope)
