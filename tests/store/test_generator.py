"""The scale generator writes its learners' history in bulk: the same rows and summaries as through the services."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from modules import store
from modules.demo import generate, history

pytestmark = pytest.mark.store

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
EXACT = {
    "attempts": "SELECT id, user_id, module_id, attempt_no, content_hash, submitted_at, percent, passed FROM attempts",
    "answers": "SELECT attempt_id, question_id, chosen, credit FROM answers",
    "section_reads": "SELECT user_id, module_id, section_id, read_at FROM section_reads",
    "module_standing": f"SELECT {store.summaries.COLUMNS} FROM module_standing",
    "option_stats": "SELECT module_id, question_id, option, first_only, chosen FROM option_stats",
    "recall_reviews": "SELECT user_id, module_id, question_id, day, rating, correct FROM recall_reviews",
    "recall_day_stats": "SELECT module_id, question_id, half_days, answers, right_answers FROM recall_day_stats",
}
SUMS = "SELECT module_id, question_id, first_only, n, sx, sxx, sy, syy, sxy FROM question_stats"


def rows(db, sql: str) -> list[tuple]:
    return sorted(tuple(row) for row in db.execute(sql).fetchall())


@pytest.fixture
def second_database(database: str, request: pytest.FixtureRequest, tmp_path) -> str:
    """Another fresh database on the same engine."""
    if store.dialect.is_postgres_url(database):
        return request.getfixturevalue("postgres").new_database()
    return str(tmp_path / "through-services.db")


def test_bulk_history_equals_the_history_written_through_the_services(db, second_database, modules, monkeypatch):
    """Batches of five learners simulated by two worker processes, against one learner at a time through the
    services: the same rows."""
    monkeypatch.setattr(history, "BATCH", 5)
    generate(db, modules, employees=24, teams=3, weeks=10, seed=7, now=NOW, workers=2)
    with store.engine.opened(second_database) as through_services:
        generate(through_services, modules, employees=24, teams=3, weeks=10, seed=7, now=NOW, bulk=False)
        assert rows(db, EXACT["attempts"])  # a history to compare
        for table, sql in EXACT.items():
            assert rows(db, sql) == rows(through_services, sql), table
        bulk, live = rows(db, SUMS), rows(through_services, SUMS)
        assert [r[:4] for r in bulk] == [r[:4] for r in live]
        sums = [x for r in bulk for x in r[4:]]
        assert sums == pytest.approx([x for r in live for x in r[4:]])  # added up in another order


def test_a_generated_history_is_scored_by_the_rules(db, modules):
    """Every attempt of the bulk path is next in its learner's numbering, and its percent is its answers'."""
    generate(db, modules, employees=12, teams=2, weeks=8, seed=3, now=NOW)
    numbering = db.execute(
        "SELECT user_id, module_id, COUNT(*), MAX(attempt_no) FROM attempts GROUP BY user_id, module_id"
    ).fetchall()
    assert numbering and all(count == last for _, _, count, last in numbering)
    by_id = {m.id: m for m in modules}
    for attempt_id, module_id, percent in db.execute("SELECT id, module_id, percent FROM attempts").fetchall():
        credits = [row[0] for row in db.execute("SELECT credit FROM answers WHERE attempt_id = ?", [attempt_id])]
        assert len(credits) == len(by_id[module_id].questions)
        assert percent == pytest.approx(100 * sum(credits) / len(credits))
