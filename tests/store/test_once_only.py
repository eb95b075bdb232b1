"""Once-only by the database itself: the same request at the same instant from several processes, on both
engines. The earlier tests sent one request after the other, so they could not see that a check-then-insert
is once-only under SQLite's BEGIN IMMEDIATE but not under PostgreSQL's READ COMMITTED (30 duplicated stories
in 30 rounds). Each round here starts PROCESSES workers that wait for one shared instant, then send."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator

import pytest

from modules import store
from modules.learning import learner
from tests import workers

PROCESSES, ROUNDS = 4, 6


@pytest.fixture(scope="module")
def pool() -> Iterator[multiprocessing.pool.Pool]:
    with multiprocessing.get_context("spawn").Pool(PROCESSES) as processes:
        yield processes


def at_once(pool, url: str, action: str, *args: object) -> list[object]:
    """The same request from every worker at the same instant; what each got back."""
    return each_at_once(pool, url, action, [args] * PROCESSES)


def each_at_once(pool, url: str, action: str, args: list[tuple]) -> list[object]:
    """A request per worker, each with its own arguments (several people), all at the same instant."""
    start = time.time() + 0.3
    results = pool.starmap(workers.at_once, [(url, action, a, start) for a in args], chunksize=1)
    errors = [r[1] for r in results if isinstance(r, tuple) and r[0] == "error"]
    assert errors == [], errors
    return results


def count(db, sql: str, *params: object) -> int:
    return db.execute(sql, list(params)).fetchone()[0]


def test_forms_sent_at_the_same_instant_are_kept_once(org, pool) -> None:
    db, ids, teams = org
    url = db_url(db)
    for n in range(ROUNDS):
        at_once(pool, url, "story", ids["ann"], n)
        at_once(pool, url, "suggestion", ids["ann"], n)
        at_once(pool, url, "rating", ids["ann"], n)
    assert count(db, "SELECT COUNT(*) FROM stories") == ROUNDS
    assert count(db, "SELECT COUNT(*) FROM suggestions") == ROUNDS
    assert count(db, "SELECT COUNT(*) FROM ratings") == ROUNDS


def test_surveys_answers_thanks_and_peer_requests_once(org, pool) -> None:
    db, ids, teams = org
    url = db_url(db)
    for n in range(ROUNDS):
        at_once(pool, url, "survey", ids["tess"], n)
        assert count(db, "SELECT COUNT(*) FROM surveys WHERE closed_at IS NULL") == 1
    assert count(db, "SELECT COUNT(*) FROM surveys") == ROUNDS
    survey = store.surveys.open_survey(db)["id"]
    at_once(pool, url, "survey answer", ids["ann"], survey)
    at_once(pool, url, "survey answer", ids["amy"], survey)
    assert count(db, "SELECT COUNT(*) FROM survey_responses WHERE survey_id = ?", survey) == 2
    story = store.stories.add_story(db, ids["bob"], "A late train", "…", "…", "…")
    assert store.stories.review_story(db, story, ids["max"], True, "")  # only an approved story can be thanked
    at_once(pool, url, "thanks", ids["ann"], story)
    assert count(db, "SELECT COUNT(*) FROM story_thanks") == 1
    for skill in ("welcome", "empathy", "listening"):
        at_once(pool, url, "peer request", ids["ann"], ids["amy"], skill)
    assert count(db, "SELECT COUNT(*) FROM peer_requests") == 3


def test_assignments_certificates_practice_and_attempts_once(org, pool, modules) -> None:
    db, ids, teams = org
    url = db_url(db)
    for n in range(ROUNDS):  # a new module each round, to the same team, by its manager at the same instant
        results = at_once(pool, url, "assignment", ids["mia"], teams["A"], n % len(modules))
        print(results)
        if n < len(modules):
            assert sorted(results) == [0] * (PROCESSES - 1) + [1]
    assert count(db, "SELECT COUNT(*) FROM assignments WHERE withdrawn_at IS NULL") == min(ROUNDS, len(modules))
    welcome = modules[0]
    right = {q.id: set(q.correct) for q in welcome.questions}
    learners = [store.accounts.add_user(db, f"learner{n}", f"Learner {n}", "h", "employee") for n in range(ROUNDS)]
    for n, user in enumerate(learners):
        results = at_once(pool, url, "attempt", user, 1)
        assert sorted(results) == [False] * (PROCESSES - 1) + [True]
        codes = at_once(pool, url, "certificate", user)
        assert len(set(codes)) == 1  # every request got the one certificate of that pass
        recorded = at_once(pool, url, "practice", user, n % len(welcome.questions))
        assert sorted(recorded) == [False] * (PROCESSES - 1) + [True]
    assert count(db, "SELECT COUNT(*) FROM attempts") == ROUNDS
    assert count(db, "SELECT COUNT(*) FROM certificates") == ROUNDS
    assert count(db, "SELECT COUNT(*) FROM recall_reviews") == ROUNDS
    assert learner.submit_quiz(db, learners[0], welcome, 1, right).created is False


def test_situations_and_self_ratings_once_and_counted_exactly(org, pool, modules) -> None:
    """A practice answer of a variant, a "What would you say?" rated in the practice and the self-rating after
    the quiz: one each however many clicks arrive together; the kept counts per situation add up exactly when
    several people answer the same situation at the same instant (no lost update)."""
    db, ids, teams = org
    url = db_url(db)
    welcome = modules[0]
    right = {q.id: set(q.correct) for q in welcome.questions}
    people = [store.accounts.add_user(db, f"sit{n}", f"Sit {n}", "h", "employee") for n in range(PROCESSES)]
    for user in people:
        assert learner.submit_quiz(db, user, welcome, 1, right, "2026-11-20 10:00:00").created
    idea = next(q for q in welcome.questions if q.variants)
    say = welcome.say_questions[0]
    assert sorted(at_once(pool, url, "variant practice", people[0], 2)) == [False] * (PROCESSES - 1) + [True]
    assert sorted(at_once(pool, url, "say practice", people[0], 4)) == [False] * (PROCESSES - 1) + [True]
    for level in (2, 4):  # the same click from every worker, then a change of mind the same day
        at_once(pool, url, "self rating", people[0], level)
        assert count(db, "SELECT COUNT(*) FROM say_checks") == 1
    assert count(db, "SELECT level FROM say_checks") == 4
    assert each_at_once(pool, url, "variant practice", [(p, 3) for p in people]) == [True] * PROCESSES
    assert each_at_once(pool, url, "say practice", [(p, 3) for p in people[1:]] + [(people[0], 3)]) == [True] * (
        PROCESSES - 1
    ) + [False]  # the first person already practised it on the 2nd: a card once a day, not a lifetime
    variant = (welcome.id, idea.id, idea.variants[0].id)
    assert count(
        db, "SELECT answers FROM practice_stats WHERE module_id=? AND question_id=? AND asked_id=?", *variant
    ) == (1 + PROCESSES)
    assert count(db, "SELECT answers FROM practice_stats WHERE question_id = ?", say.id) == PROCESSES
    kept = store.practice_answers.situations(db, welcome.id)
    assert kept == store.practice_answers.situations_from_answers(db, welcome.id)


def db_url(db) -> str:
    """The database a handle is on, as the workers open it."""
    return getattr(db, "url", None) or db.execute("PRAGMA database_list").fetchone()[2]


def test_the_workers_really_start_together(org, pool) -> None:
    """The rounds above are only a race if the requests overlap: the workers' start times differ by far less
    than one request takes."""
    db, *_ = org
    url = db_url(db)
    start = time.time() + 0.3
    stamps = pool.starmap(workers.started_at, [(url, start)] * PROCESSES, chunksize=1)
    assert max(stamps) - min(stamps) < 0.05, stamps


def test_reports_computed_at_the_same_instant_keep_one_row_per_team(org, pool, modules) -> None:
    """Several trainers open the organisation at the same instant, after news in both teams: every process
    computes the teams and keeps them; one row per team and report, and everyone sees the same figures."""
    db, ids, teams = org
    url = db_url(db)
    for n in range(ROUNDS):
        learner.submit_quiz(
            db, ids["amy" if n % 2 else "bob"], modules[0], n // 2 + 1, workers.answers_for(modules[0], n)
        )
        seen = at_once(pool, url, "organisation", ids["tess"], n)
        assert len(set(seen)) == 1
    kept = db.execute("SELECT report, key, COUNT(*), COUNT(DISTINCT team_id) FROM kept_reports GROUP BY report, key")
    rows = kept.fetchall()
    assert len(rows) >= 4 and all(n == distinct for _report, _key, n, distinct in rows)
