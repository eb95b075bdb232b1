"""What learners did: sections read, quiz attempts and their answers, and where each module stands.

`PASSES` is the one definition of "passed" (a quiz module: one passing
attempt; a module without quiz: every current section read), read by
`PROGRESS` and by the assignments' statuses. The learner's
own pages and every report read it, so they can never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple, TypedDict

from sqlite_utils import Database

from modules.store import analysis, summaries
from modules.store.clock import FAR_FUTURE, now, timestamp
from modules.store.rows import typed
from modules.store.scope import LEARNER, Scope
from modules.store.transactions import inserted_id, retrying, write


class Attempt(TypedDict):
    id: int
    module_id: str
    attempt_no: int
    content_hash: str
    submitted_at: str
    percent: float
    passed: bool


class StoredAnswer(TypedDict):
    chosen: set[int]
    credit: float


class ModuleFacts(TypedDict):
    """Where one person stands on one module, as stored: the input of every status."""

    user_id: int
    module_id: str
    attempts: int
    best: float | None
    passed: int
    sections_read: int
    last_passed_at: str | None  # the latest pass (a certificate's date, a recertification's start)


def _passes(source: str) -> str:
    """The one definition of "passed", per person and module, from `people` and `mods`/`mod_sections` CTEs, as
    things stood at :until: a quiz module is passed by a passing attempt; a module without quiz when its last
    section is read (both its first and last pass are that read). Only passes are rows: a person absent has not
    passed. Attempts are read through their summary (`source`, one row per person and module): a pair attempted
    again since :until is counted from its own attempts, so a past period costs what changed since."""
    return f"""
standing AS (
    SELECT s.* FROM {source} s
    WHERE s.user_id IN (SELECT id FROM people) AND s.first_attempt_at < :until
      AND s.module_id IN (SELECT module_id FROM mods)
),
quiz_passes AS (
    SELECT s.user_id, s.module_id, s.first_passed_at, s.last_passed_at FROM standing s
    WHERE s.last_passed_at < :until AND s.module_id IN (SELECT module_id FROM mods WHERE has_quiz = 1)
    UNION ALL
    SELECT a.user_id, a.module_id, MIN(a.submitted_at), MAX(a.submitted_at)
    FROM standing s JOIN attempts a ON a.user_id = s.user_id AND a.module_id = s.module_id
    WHERE s.first_passed_at < :until AND s.last_passed_at >= :until AND a.passed = 1 AND a.submitted_at < :until
      AND s.module_id IN (SELECT module_id FROM mods WHERE has_quiz = 1)
    GROUP BY a.user_id, a.module_id
),
read_passes AS (
    SELECT r.user_id, r.module_id, MAX(r.read_at) AS first_passed_at, MAX(r.read_at) AS last_passed_at
    FROM mods m
    JOIN section_reads r ON r.module_id = m.module_id
    JOIN mod_sections ms ON ms.module_id = r.module_id AND ms.section_id = r.section_id
    WHERE m.has_quiz = 0 AND r.user_id IN (SELECT id FROM people) AND r.read_at < :until
    GROUP BY r.user_id, r.module_id, m.sections
    HAVING COUNT(DISTINCT ms.canonical) >= m.sections
),
passes AS (SELECT * FROM quiz_passes UNION ALL SELECT * FROM read_passes),
tried AS (
    SELECT s.user_id, s.module_id, s.attempts, s.best FROM standing s WHERE s.last_attempt_at < :until
    UNION ALL
    SELECT a.user_id, a.module_id, COUNT(*), MAX(a.percent)
    FROM standing s JOIN attempts a ON a.user_id = s.user_id AND a.module_id = s.module_id
    WHERE s.last_attempt_at >= :until AND a.submitted_at < :until
    GROUP BY a.user_id, a.module_id
)"""


PASSES = _passes(summaries.TABLE)
PASSES_FROM_HISTORY = _passes(summaries.HISTORY)  # the same, computed from every attempt: the tests' check


def _grid(with_reads: bool, passes: str = PASSES) -> str:
    """Per person and module: attempts, best score, PASSES and (when asked) the sections read, as things stood
    at :until. Counting reads is the costly part at scale, so reports that show none leave it out."""
    reads = """,
reads AS (
    SELECT r.user_id, r.module_id, COUNT(DISTINCT ms.canonical) AS sections_read
    FROM section_reads r
    JOIN mod_sections ms ON ms.module_id = r.module_id AND ms.section_id = r.section_id
    WHERE r.user_id IN (SELECT id FROM people) AND r.read_at < :until
    GROUP BY r.user_id, r.module_id
)"""
    read_join = (
        "\n    LEFT JOIN reads r ON r.user_id = p.id AND r.module_id = m.module_id"  # before passes: a faster plan
    )
    return f"""{passes}{reads if with_reads else ""},
grid AS (
    SELECT p.id AS user_id, p.name, p.team_id, p.team, m.module_id, COALESCE(t.attempts, 0) AS attempts, t.best,
           CASE WHEN ps.user_id IS NULL THEN 0 ELSE 1 END AS passed, m.sections, ps.first_passed_at,
           ps.last_passed_at{", COALESCE(r.sections_read, 0) AS sections_read" if with_reads else ""}
    FROM people p CROSS JOIN mods m
    LEFT JOIN tried t ON t.user_id = p.id AND t.module_id = m.module_id{read_join if with_reads else ""}
    LEFT JOIN passes ps ON ps.user_id = p.id AND ps.module_id = m.module_id
)"""


PROGRESS = _grid(with_reads=True)  # the coaching grid, the statuses, a learner's own modules
SCORES = _grid(with_reads=False)  # the same without sections read: headline, completion, team comparison


def module_facts(db: Database, user_id: int, scope: Scope) -> list[ModuleFacts]:
    """A learner's own standing on each module of `scope` (any role learns)."""
    return typed(
        db.query(
            f"""
        WITH {LEARNER},
             {scope.modules_sql()}, {PROGRESS}
        SELECT user_id, module_id, attempts, best, passed, sections_read, last_passed_at FROM grid""",
            scope.params(learner=user_id, until=FAR_FUTURE),
        )
    )


def mark_section_read(db: Database, user_id: int, module_id: str, section_id: str, at: str | None = None) -> bool:
    """Record a read once; later reads keep the first date. True if it is new."""

    def insert() -> bool:
        with write(db):
            cursor = db.execute(
                "INSERT INTO section_reads (user_id, module_id, section_id, read_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                [user_id, module_id, section_id, at or now()],
            )
            if cursor.rowcount == 1:
                summaries.move_team_stamp(db, user_id)
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


def save_attempt(
    db: Database,
    *,
    user_id: int,
    module_id: str,
    attempt_no: int,
    content_hash: str,
    percent: float,
    passed: bool,
    answers: Iterable[tuple[str, Iterable[int], float]],
    submitted_at: str | None = None,
    max_attempts: int | None = None,
) -> tuple[int, bool] | None:
    """Write an attempt and its answers in one transaction, once.

    The attempt number is fixed when the quiz is shown, so a double click, a
    rerun or a second tab submitting the same attempt finds it already there:
    returns (attempt id, False) and writes nothing. A new attempt must be the
    next number and within `max_attempts`, checked in the INSERT itself (with
    the unique key, two at once cannot both pass): None when it is neither
    new nor already there. Contention is retried.
    """
    answer_rows = [(qid, set(chosen), credit) for qid, chosen, credit in answers]  # read once: may be an iterator
    when = submitted_at or now()
    values = {"user": user_id, "module": module_id, "no": attempt_no, "max": max_attempts}

    def insert() -> tuple[int, bool] | None:
        with write(db):
            created = inserted_id(
                db,
                """INSERT INTO attempts (user_id, module_id, attempt_no, content_hash, submitted_at, percent, passed)
                   SELECT :user, :module, :no, :hash, :when, :percent, :passed
                   WHERE (:max IS NULL OR :no <= :max) AND :no = (SELECT COALESCE(MAX(attempt_no), 0) + 1
                                                                FROM attempts WHERE user_id = :user AND module_id = :module)
                   ON CONFLICT DO NOTHING RETURNING id""",
                {**values, "hash": content_hash, "when": when, "percent": percent, "passed": int(passed)},
            )
            if created is None:
                existing = db.execute(
                    "SELECT id FROM attempts WHERE user_id = :user AND module_id = :module AND attempt_no = :no", values
                ).fetchone()
                return (existing[0], False) if existing else None
            db.conn.executemany(ADD_ANSWER, _answer_rows(created, answer_rows))
            db.execute("DELETE FROM quiz_drafts WHERE user_id = ? AND module_id = ?", [user_id, module_id])
            summaries.refresh(db, user_id, module_id)
            summaries.move_team_stamp(db, user_id)
            analysis.record(db, module_id, attempt_no, [(q, sorted(c), credit) for q, c, credit in answer_rows])
        return created, True

    return retrying(insert)


ADD_ANSWER = "INSERT INTO answers (attempt_id, question_id, chosen, credit) VALUES (?, ?, ?, ?)"


def _answer_rows(attempt_id: int, answers: Iterable[tuple[str, Iterable[int], float]]) -> list[tuple]:
    """An attempt's answers as stored: the chosen option indexes as a sorted JSON list."""
    return [(attempt_id, qid, _chosen_json(frozenset(chosen)), credit) for qid, chosen, credit in answers]


@lru_cache(maxsize=4096)
def _chosen_json(chosen: frozenset[int]) -> str:
    """A handful of option sets recur in every quiz: each written once (a generated history has millions)."""
    return json.dumps(sorted(chosen))


class PastAttempt(NamedTuple):
    """An attempt of a generated history, scored as `submit_quiz` scores it."""

    user_id: int
    module_id: str
    attempt_no: int
    content_hash: str
    submitted_at: str
    percent: float
    passed: bool
    answers: list[tuple[str, frozenset[int], float]]


def add_history(db: Database, reads: list[tuple[int, str, str, str]], attempts: list[PastAttempt]) -> None:
    """Many reads (person, module, section, when) and attempts at once: a generated organisation's past.

    A live write also keeps the person's standing, their team's stamp and the question statistics, some
    forty statements an attempt; here the rows alone are written and `summaries.rebuild` computes the rest
    once from them, as it would after a bulk load (100,000 generated people: 28 min through the live path).
    """
    with write(db):
        db.conn.executemany(
            "INSERT INTO section_reads (user_id, module_id, section_id, read_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            reads,
        )
        before = db.execute("SELECT COALESCE(MAX(id), 0) FROM attempts").fetchone()[0]
        db.conn.executemany(
            "INSERT INTO attempts (user_id, module_id, attempt_no, content_hash, submitted_at, percent, passed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(p.user_id, p.module_id, p.attempt_no, p.content_hash, p.submitted_at, p.percent, int(p.passed))
             for p in attempts],
        )  # fmt: skip
        ids = {  # the new rows' ids by their unique key (a row another writer added meanwhile is not asked for)
            (user, module, no): attempt_id
            for attempt_id, user, module, no in db.execute(
                "SELECT id, user_id, module_id, attempt_no FROM attempts WHERE id > ?", [before]
            ).fetchall()
        }
        answers = []
        for past in attempts:
            answers += _answer_rows(ids[(past.user_id, past.module_id, past.attempt_no)], past.answers)
        db.conn.executemany(ADD_ANSWER, answers)


def attempts_of(db: Database, user_id: int, module_id: str | None = None) -> list[Attempt]:
    """A learner's attempts, oldest first."""
    sql = (
        "SELECT id, module_id, attempt_no, content_hash, submitted_at, percent, passed FROM attempts WHERE user_id = ?"
    )
    params: list[Any] = [user_id]
    if module_id is not None:
        sql += " AND module_id = ?"
        params.append(module_id)
    rows: list[Attempt] = typed(db.query(sql + " ORDER BY submitted_at, attempt_no", params))
    for row in rows:
        row["passed"] = bool(row["passed"])
    return rows


def answers_of(db: Database, attempt_id: int) -> dict[str, StoredAnswer]:
    """An attempt's answers by question id: chosen option indexes and credit."""
    return {
        row["question_id"]: {"chosen": set(json.loads(row["chosen"])), "credit": row["credit"]}
        for row in db.query("SELECT question_id, chosen, credit FROM answers WHERE attempt_id = ?", [attempt_id])
    }


def save_draft(db: Database, user_id: int, module_id: str, attempt_no: int, answers: dict[str, list[int]]) -> None:
    """Keep the answers chosen so far in an attempt not yet submitted (one draft per learner and module)."""
    with write(db):
        db.execute(
            """INSERT INTO quiz_drafts (user_id, module_id, attempt_no, answers, saved_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (user_id, module_id) DO UPDATE
               SET attempt_no = excluded.attempt_no, answers = excluded.answers, saved_at = excluded.saved_at""",
            [user_id, module_id, attempt_no, json.dumps(answers, sort_keys=True), now()],
        )


def draft_of(db: Database, user_id: int, module_id: str, attempt_no: int) -> dict[str, list[int]]:
    """The answers kept for this attempt; none when the draft belongs to another attempt (submitted elsewhere)."""
    row = db.execute(
        "SELECT answers FROM quiz_drafts WHERE user_id = ? AND module_id = ? AND attempt_no = ?",
        [user_id, module_id, attempt_no],
    ).fetchone()
    return json.loads(row[0]) if row else {}


def move_module_history(db: Database, user_id: int, module_id: str, by: timedelta) -> None:
    """Move a person's reads and attempts of one module in time, together (the demo sets a pass last season).
    The new times are computed here, in Python, and written one by one: portable, and small."""

    def moved(stamp: str) -> str:
        return timestamp(datetime.fromisoformat(stamp).replace(tzinfo=UTC) + by)

    with write(db):
        for attempt_id, submitted_at in db.execute(
            "SELECT id, submitted_at FROM attempts WHERE user_id = ? AND module_id = ?", [user_id, module_id]
        ).fetchall():
            db.execute("UPDATE attempts SET submitted_at = ? WHERE id = ?", [moved(submitted_at), attempt_id])
        for section_id, read_at in db.execute(
            "SELECT section_id, read_at FROM section_reads WHERE user_id = ? AND module_id = ?", [user_id, module_id]
        ).fetchall():
            db.execute(
                "UPDATE section_reads SET read_at = ? WHERE user_id = ? AND module_id = ? AND section_id = ?",
                [moved(read_at), user_id, module_id, section_id],
            )
        summaries.refresh(db, user_id, module_id)
        summaries.move_team_stamp(db, user_id)
