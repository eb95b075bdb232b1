"""The reports' summaries say what the whole history says, on both engines, at any moment of it.

Reports read `module_standing` (one row per person and module) instead of every attempt; these tests
compute the same rows from every attempt (`PASSES_FROM_HISTORY`) and compare, at moments between
attempts as well as now, and check that the rebuild command writes the table again exactly.
"""

from __future__ import annotations

import pytest

from modules import store
from modules.learning import learner
from modules.measurement import team_reports
from modules.store import __main__ as store_cli
from modules.store import summaries
from modules.store.learning import PASSES, PASSES_FROM_HISTORY
from tests.store.test_measurement import NOW, org  # noqa: F401  (the hand-worked organisation)

MOMENTS = ("2026-01-05 09:59:59", "2026-01-05 12:00:00", "2026-01-06 10:30:00", "2026-01-12 12:00:00", "9999-12-31")


def _rows(db, passes: str, until: str, scope: store.scope.Scope) -> tuple[list, list]:
    tried = store.scope.scoped_rows(
        db, passes + "\nSELECT user_id, module_id, attempts, best FROM tried ORDER BY 1, 2", scope, until=until
    )
    passed = store.scope.scoped_rows(
        db, passes + "\nSELECT user_id, module_id, first_passed_at, last_passed_at FROM passes ORDER BY 1, 2", scope,
        until=until,
    )  # fmt: skip
    return tried, passed


def _table(db) -> list[tuple]:
    return sorted(tuple(row) for row in db.execute(f"SELECT {summaries.COLUMNS} FROM module_standing").fetchall())


def _history(db) -> list[tuple]:
    return sorted(tuple(row) for row in db.execute(summaries.FROM_ATTEMPTS.format(where="")).fetchall())


def test_the_summary_is_the_history_after_every_write(org) -> None:  # noqa: F811
    db, modules, people, viewers = org
    assert _table(db) == _history(db) and len(_table(db)) == 4  # Ann, Bob (two modules), Dan


@pytest.mark.parametrize("until", MOMENTS)
def test_attempts_best_and_passes_as_they_stood_agree_with_every_attempt(org, until: str) -> None:  # noqa: F811
    db, modules, people, viewers = org
    scope = team_reports.scope_for(viewers["tess"], modules)
    assert _rows(db, PASSES, until, scope) == _rows(db, PASSES_FROM_HISTORY, until, scope)


def test_a_pass_before_and_after_a_moment_counts_as_it_stood_then(org) -> None:  # noqa: F811
    """Ann failed on the 5th (50 %) and passed on the 6th: seen from the 5th at noon she tried once, at 50 %."""
    db, modules, people, viewers = org
    scope = team_reports.scope_for(viewers["tess"], modules)
    tried, passed = _rows(db, PASSES, "2026-01-05 12:00:00", scope)
    assert [(r["attempts"], r["best"]) for r in tried if r["user_id"] == people["ann"]] == [(1, 50.0)]
    assert not [r for r in passed if r["user_id"] == people["ann"]]


def test_the_rebuild_command_writes_the_summaries_again(org, database: str, monkeypatch, capsys) -> None:  # noqa: F811
    db, modules, people, viewers = org
    before = team_reports.organisation_report(db, viewers["tess"], modules, 4, NOW)
    with store.transactions.write(db):
        db.execute("DELETE FROM module_standing")  # lost, or filled by a bulk load that bypassed the services
        db.execute("DELETE FROM question_stats")
        store.kept_reports.forget(db)  # kept report rows are then computed from the wrong summary
    assert team_reports.organisation_report(db, viewers["tess"], modules, 4, NOW) != before
    monkeypatch.setenv("ACADEMY_DB", database)
    assert store_cli.main(["rebuild-summaries"]) == 0
    assert "rebuilt the summaries: 4 person × module rows" in capsys.readouterr().out
    assert _table(db) == _history(db)
    assert team_reports.organisation_report(db, viewers["tess"], modules, 4, NOW) == before
    kept = store.analysis.question_sums(db, "m-one", False)
    assert [{k: pytest.approx(v) for k, v in r.items()} for r in kept] == store.analysis.question_sums_from_answers(
        db, "m-one", False
    )


def test_a_teams_report_stamp_moves_with_its_own_people_only(org) -> None:  # noqa: F811
    """The cache key of a team's report: Ann (team A) reading moves Mia's key and the trainer's, not Max's."""
    db, modules, people, viewers = org
    stamp = lambda name: store.measurement.activity_stamp(db, viewers[name], None)
    before = {name: stamp(name) for name in ("mia", "max", "tess")}
    store.learning.mark_section_read(db, people["ann"], "m-two", "part-1", "2026-01-14 11:00:00")
    after = {name: stamp(name) for name in ("mia", "max", "tess")}
    assert after["mia"] != before["mia"] and after["tess"] != before["tess"] and after["max"] == before["max"]
    store.learning.mark_section_read(db, people["ann"], "m-two", "part-1", "2026-01-14 11:05:00")
    assert stamp("mia") == after["mia"]  # read again: nothing new, the cached report stands
    dans_team = store.accounts.user_by_username(db, "dan")["team_id"]
    team_b = store.measurement.activity_stamp(db, viewers["tess"], dans_team)  # the trainer, team B chosen
    learner.submit_quiz(db, people["dan"], modules[1], 1, {"q1": {0}, "q2": {0}}, "2026-01-14 11:10:00")
    assert stamp("max") != after["max"] and stamp("mia") == after["mia"]
    assert store.measurement.activity_stamp(db, viewers["tess"], dans_team) != team_b


def test_question_statistics_kept_as_attempts_come_are_those_of_every_answer(org) -> None:  # noqa: F811
    """Question analysis read every answer of a module (5.3 s at 100,000 people); it reads sums kept as attempts
    are written, the same as those computed from the answers, for every attempt and first attempts alone."""
    db, modules, people, viewers = org
    for module in modules:
        for first_only in (False, True):
            kept = store.analysis.question_sums(db, module.id, first_only)
            computed = store.analysis.question_sums_from_answers(db, module.id, first_only)
            assert [{k: pytest.approx(v) for k, v in row.items()} for row in kept] == computed
            assert store.analysis.option_counts(db, module.id, first_only) == store.analysis.option_counts_from_answers(
                db, module.id, first_only
            )
    assert store.analysis.question_sums(db, "m-one", True)[0]["n"] == 3  # Ann's, Bob's and Dan's first attempts
    assert store.analysis.question_sums(db, "m-one", False)[0]["n"] == 4  # and Ann's second
