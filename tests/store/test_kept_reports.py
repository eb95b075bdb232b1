"""The organisation's kept per-team rows say what the full computation says, after every kind of change.

`kept_teams` reads one kept row per team and computes again only the teams whose data stamp moved; these
tests compare its rows with the whole-scope queries (`team_comparison`, `counts_per_team`) on the
hand-worked organisation, on both engines, after attempts, reads, moves between teams, a leaver, a newcomer,
a renamed team and a due date given more time, and check that an unchanged team is never computed again.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from modules import store
from modules.learning import assignments, learner
from modules.measurement import kept_teams, team_reports
from tests.store.test_measurement import NOW, org  # noqa: F401  (the hand-worked organisation)

FULL = {"q1": {0}, "q2": {0}}
STANDING_COLUMNS = (
    "team_id", "team", "module_id", "people", "passed", "average_best", "attempted", "first_attempt_pass_rate",
    "first_attempts",
)  # fmt: skip
SINCE = "2026-01-06 00:00:00"  # a period's start: Ann's first try (the 5th) before it, the others after


def _kept(db, scope) -> list[tuple]:
    return [tuple(row[c] for c in STANDING_COLUMNS) for row in kept_teams.standing(db, scope, SINCE)]


def _full(db, scope) -> list[tuple]:
    """The same rows from the whole-scope comparison."""
    rows = store.measurement.team_comparison(db, scope, SINCE, store.clock.FAR_FUTURE)
    return sorted((tuple(row[c] for c in STANDING_COLUMNS) for row in rows), key=lambda r: (r[1], r[0], r[2]))


def _changes(db, modules, people, viewers):
    """Every kind of change that moves a team's figures, one after the other (an administrator's for people)."""
    ada = store.accounts.add_user(db, "ada", "Ada", "h", "admin")
    yield "an attempt", lambda: learner.submit_quiz(db, people["cid"], modules[0], 1, FULL, "2026-01-14 09:00:00")
    yield "a read", lambda: store.learning.mark_section_read(db, people["dan"], "m-three", "part-1")
    yield "a mover", lambda: store.people.update(db, ada, people["bob"], {"team_id": _team(db, "B")})
    yield "a leaver", lambda: store.people.set_active(db, ada, people["ann"], False, "2026-01-14 10:00:00")
    yield "a newcomer", lambda: store.accounts.add_user(db, "eve", "Eve", "h", "employee", _team(db, "B"))
    yield "a renamed team", lambda: store.people.rename_team(db, ada, _team(db, "A"), "A – Riverside")


def _team(db, name: str) -> int:
    return db.execute("SELECT id FROM teams WHERE name = ?", [name]).fetchone()[0]


def test_the_kept_rows_are_the_full_computation_after_every_change(org) -> None:  # noqa: F811
    db, modules, people, viewers = org
    scope = team_reports.scope_for(viewers["tess"], modules)
    assert _kept(db, scope) == _full(db, scope) and len(_kept(db, scope)) == 6  # two teams × three modules
    for change, make in _changes(db, modules, people, viewers):
        assert make() is not False, change
        assert _kept(db, scope) == _full(db, scope), change
        week = store.clock.timestamp(NOW - timedelta(days=7))  # NOW is on the hour: the kept week starts then too
        full = store.measurement.team_activity(db, scope, store.clock.FAR_FUTURE, week)
        assert kept_teams.activity(db, scope, NOW) == full, change
    a, b = _team(db, "A – Riverside"), _team(db, "B")
    people_now = {(row[0], row[2]): row[3] for row in _kept(db, scope)}
    assert people_now[(a, "m-one")] == 1 and people_now[(b, "m-one")] == 3  # cid; dan, bob, eve


def test_only_the_teams_that_changed_are_computed_again(org, monkeypatch) -> None:  # noqa: F811
    db, modules, people, viewers = org
    scope = team_reports.scope_for(viewers["tess"], modules)
    asked: list[int | None] = []
    standing = store.measurement.team_standing
    monkeypatch.setattr(store.measurement, "team_standing", lambda d, s: asked.append(s.team_id) or standing(d, s))
    first = _kept(db, scope)
    assert asked == [_team(db, "A"), _team(db, "B")]  # a few teams: one query each
    asked.clear()
    assert _kept(db, scope) == first and asked == []  # nothing moved: read, not computed
    learner.submit_quiz(db, people["dan"], modules[1], 1, FULL, "2026-01-14 09:00:00")
    assert _kept(db, scope) == _full(db, scope) and asked == [_team(db, "B")]


def test_many_changed_teams_are_computed_in_one_query(org, monkeypatch) -> None:  # noqa: F811
    db, modules, people, viewers = org
    scope = team_reports.scope_for(viewers["tess"], modules)
    monkeypatch.setattr(store.kept_reports, "FEW", 1)
    assert _kept(db, scope) == _full(db, scope)
    assert db.execute("SELECT COUNT(*) FROM kept_reports WHERE report = ?", [kept_teams.STANDING]).fetchone()[0] == 2


def test_the_dues_are_the_full_computation_after_more_time_is_given(org) -> None:  # noqa: F811
    db, modules, people, viewers = org
    tess, a = viewers["tess"], _team(db, "A")
    at = datetime(2026, 1, 2, tzinfo=UTC)
    assignments.assign(db, tess, ["m-two"], [a], [], date(2026, 1, 12), None, at)
    scope = team_reports.scope_for(tess, modules)
    later = datetime.now(UTC) + timedelta(days=30)  # they joined today: their lead time of ten days is over
    rules = assignments.rules_at(later)

    def both() -> tuple[list, list]:
        counts = kept_teams.assignment_counts(db, scope, rules)  # the assignments tab folds the same rows
        assert kept_teams.per_assignment(counts) == store.assignments.counts_per_assignment(db, scope, rules)
        urgent = [i for i in store.assignments.items(db, scope, rules) if i["status"] in ("late", "due_soon")]
        assert sorted(map(str, kept_teams.urgent(db, scope, rules))) == sorted(map(str, urgent))
        return kept_teams.dues(db, scope, rules), store.assignments.counts_per_team(db, scope, rules)

    kept, full = both()
    assert kept == full and kept[0]["late"] == 3  # ann, bob, cid
    assignment = store.assignments.assignments(db, tess)[0]["id"]
    assert store.assignments.extend(db, tess, assignment, people["cid"], store.clock.day_number(later) + 7, "x")
    kept, full = both()
    assert kept == full and (kept[0]["late"], kept[0]["due_soon"]) == (2, 1)


def test_a_past_period_is_kept_and_changes_with_a_newcomer(org, monkeypatch) -> None:  # noqa: F811
    db, modules, people, viewers = org
    start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 8, tzinfo=UTC)
    first = team_reports.past_organisation(db, viewers["tess"], modules, start, end)
    monkeypatch.setattr(store.measurement, "team_comparison", lambda *a: pytest.fail("computed again"))
    assert team_reports.past_organisation(db, viewers["tess"], modules, start, end) == first
    monkeypatch.undo()
    store.accounts.add_user(db, "eve", "Eve", "h", "employee", _team(db, "B"), joined=start)
    assert team_reports.past_organisation(db, viewers["tess"], modules, start, end)["completion"] < first["completion"]


def test_one_row_per_team_report_and_key(org) -> None:  # noqa: F811
    db, modules, people, viewers = org
    scope = team_reports.scope_for(viewers["tess"], modules)
    _kept(db, scope)
    row = db.execute("SELECT team_id, report, key FROM kept_reports LIMIT 1").fetchone()
    with pytest.raises(store.dialect.INTEGRITY_ERRORS), store.transactions.write(db):
        db.execute(
            "INSERT INTO kept_reports (team_id, report, key, version, kept_on, rows) VALUES (?, ?, ?, 0, '', '[]')",
            list(row),
        )


def test_warming_computes_the_organisation_ahead_once_an_hour(org, database: str, monkeypatch) -> None:  # noqa: F811
    """The hour's job keeps every team's rows, so the first trainer of the morning reads them; a small
    organisation starts no thread at all, and a process finding the hour taken by another does nothing."""
    from modules.content import load_catalog
    from modules.learning import progress
    from modules.measurement import warming

    db, modules, people, viewers = org
    content = modules[0].folder.parent
    monkeypatch.setattr(warming, "_last", [])
    assert warming.maybe_warm(db, database, content) is None  # two teams: nothing ahead
    assert warming.warm(db, load_catalog(content), content, NOW) == len(warming.i18n.LANGUAGES)
    monkeypatch.setattr(store.measurement, "team_standing", lambda *a: pytest.fail("computed again"))
    members = progress.for_team_members(modules)
    team_reports.organisation_report(db, viewers["tess"], members, warming.DEFAULT_WEEKS, NOW)
    monkeypatch.setattr(warming, "WARM_FROM_TEAMS", 1)
    monkeypatch.setattr(warming, "_last", [])
    warmed: list[object] = []
    monkeypatch.setattr(warming, "warm", lambda *a: warmed.append(a))
    slot = store.clock.current().strftime("%Y-%m-%dT%H")
    assert store.digests.claim_run(db, warming.JOB, slot, store.clock.now())  # another process took the hour
    thread = warming.maybe_warm(db, database, content)
    assert thread is not None
    thread.join()
    assert warmed == [] and warming.maybe_warm(db, database, content) is None  # once an hour in this process
