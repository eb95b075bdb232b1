"""Measurement aggregates against figures worked out by hand on a small organisation.

Team A: Ann (tries m-one twice), Bob (passes m-one, fails m-two), Cid (does nothing).
Team B: Dan (passes m-one). Module m-three: nobody starts it. "Now" is 2026-01-14 12:00.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from modules import store
from modules.content import load_module
from modules.learning import learner
from modules.measurement import charts, team_reports
from tests.helpers import write_module

NOW = datetime(2026, 1, 14, 12, 0, tzinfo=UTC)
QUIZ = "## Quiz\n\n### One? {#q1}\n- [x] a\n- [ ] b\n\n### Two? {#q2}\n- [x] a\n- [ ] b\n"


def module(folder: Path, name: str, sections: int):
    body = "".join(f"## Part {n}\n\nText.\n\n" for n in range(1, sections + 1))
    return load_module(write_module(folder, f"{name}.md", f"---\ntitle: {name.title()}\nsummary: S\n---\n{body}{QUIZ}"))


@pytest.fixture
def org(tmp_path: Path, database: str):
    db = store.engine.connect(database)
    folder = tmp_path / "content" / "en"
    one, two, three = module(folder, "m-one", 2), module(folder, "m-two", 3), module(folder, "m-three", 1)
    a, b = store.accounts.add_team(db, "A"), store.accounts.add_team(db, "B")
    people = {
        name: store.accounts.add_user(db, name, name.title(), "h", role, team)
        for name, role, team in [
            ("ann", "employee", a),
            ("bob", "employee", a),
            ("cid", "employee", a),
            ("dan", "employee", b),
            ("mia", "manager", a),
            ("max", "manager", b),
            ("tess", "trainer", None),
        ]
    }
    store.accounts.add_team_manager(db, a, people["mia"])
    store.accounts.add_team_manager(db, b, people["max"])
    half, full = {"q1": {0}, "q2": {1}}, {"q1": {0}, "q2": {0}}
    learner.submit_quiz(db, people["ann"], one, 1, half, "2026-01-05 10:00:00")
    learner.submit_quiz(db, people["ann"], one, 2, full, "2026-01-06 10:00:00")
    store.learning.mark_section_read(db, people["ann"], "m-one", "part-1", "2026-01-05 09:00:00")
    store.learning.mark_section_read(db, people["ann"], "m-one", "part-2", "2026-01-05 09:05:00")
    learner.submit_quiz(db, people["bob"], one, 1, full, "2026-01-12 10:00:00")
    learner.submit_quiz(db, people["bob"], two, 1, half, "2026-01-13 10:00:00")
    store.learning.mark_section_read(db, people["bob"], "m-two", "part-1", "2026-01-13 09:00:00")
    learner.submit_quiz(db, people["dan"], one, 1, full, "2026-01-06 11:00:00")
    viewers = {name: people[name] for name in ("mia", "max", "tess", "ann")}  # rights come from their accounts
    yield db, [one, two, three], people, viewers
    db.close()


def test_headline_figures_and_their_previous_period(org) -> None:
    db, modules, _, viewers = org
    figures = {
        f.label: f for f in team_reports.headline_figures(db, team_reports.scope_for(viewers["mia"], modules), 1, NOW)
    }
    completion = figures["Completion"]
    assert completion.value == pytest.approx(100 * 2 / 9) and completion.previous == pytest.approx(100 * 1 / 9)
    assert figures["Average best score"].value == pytest.approx((100 + 100 + 50) / 3)
    assert figures["Average best score"].previous == pytest.approx(100)
    assert figures["Pass rate at first attempt"].value == pytest.approx(50)  # Bob: m-one passed, m-two failed
    assert figures["Pass rate at first attempt"].previous == pytest.approx(0)  # Ann's first try failed
    assert (figures["Learners active this week"].value, figures["Learners active this week"].previous) == (1, 1)
    assert completion.delta == pytest.approx(100 / 9)


def test_status_counts_include_idle_people_and_unstarted_modules(org) -> None:
    db, modules, _, viewers = org
    report = team_reports.team_report(db, viewers["mia"], modules, None, 2, NOW)
    counts = {(r["module_id"], r["status"]): r["people"] for r in report.status}
    assert counts == {
        ("m-one", "passed"): 2,
        ("m-one", "not started"): 1,
        ("m-two", "not passed yet"): 1,
        ("m-two", "not started"): 2,
        ("m-three", "not started"): 3,
    }
    cid = [r for r in report.grid if r["name"] == "Cid"]
    assert len(cid) == 3 and all(r["status"] == "not started" and r["best"] is None for r in cid)
    assert {r["name"] for r in report.grid} == {"Ann", "Bob", "Cid"}


def test_weekly_cumulative_and_distribution(org) -> None:
    db, modules, _, viewers = org
    report = team_reports.team_report(db, viewers["mia"], modules, None, 2, NOW)
    assert report.weekly == [
        {"week": "2026-01-05", "active_learners": 1, "attempts": 2, "passes": 1},
        {"week": "2026-01-12", "active_learners": 1, "attempts": 2, "passes": 1},
    ]
    assert [(r["week"], r["passes"], r["cumulative"], r["assigned"]) for r in report.cumulative] == [
        ("2026-01-05", 1, 1, 9),
        ("2026-01-12", 1, 2, 9),
    ]
    assert report.cumulative[-1]["completion"] == pytest.approx(100 * 2 / 9)
    assert {(r["module_id"], r["band"]): r["attempts"] for r in report.distribution} == {
        ("m-one", 50): 1,
        ("m-one", 90): 2,
        ("m-two", 50): 1,
    }


def test_team_filter_and_trainer_scope(org) -> None:
    db, modules, people, viewers = org
    everyone = team_reports.team_report(db, viewers["tess"], modules, None, 2, NOW)
    assert {r["name"] for r in everyone.grid} == {"Ann", "Bob", "Cid", "Dan"}
    only_b = team_reports.team_report(
        db, viewers["tess"], modules, store.accounts.user_by_username(db, "dan")["team_id"], 2, NOW
    )
    assert {r["name"] for r in only_b.grid} == {"Dan"}
    # A manager asking for another team's id gets nothing: the scope is in the query.
    foreign = team_reports.team_report(
        db, viewers["mia"], modules, store.accounts.user_by_username(db, "dan")["team_id"], 2, NOW
    )
    assert foreign.grid == [] and foreign.status == []
    assert team_reports.team_report(db, viewers["ann"], modules, None, 2, NOW).grid == []


def test_organisation_report_puts_teams_side_by_side(org) -> None:
    db, modules, _, viewers = org
    report = team_reports.organisation_report(db, viewers["tess"], modules, 2, NOW)
    teams = {t["team"]: t for t in report.teams}
    assert teams["A"]["people"] == 3 and teams["A"]["completion"] == pytest.approx(100 * 2 / 9)
    assert teams["B"]["people"] == 1 and teams["B"]["completion"] == pytest.approx(100 / 3)
    assert teams["A"]["average_best"] == pytest.approx(250 / 3) and teams["B"]["average_best"] == pytest.approx(100)
    assert teams["A"]["first_attempt_pass_rate"] == pytest.approx(100 / 3)  # Ann no, Bob yes, Bob no
    assert teams["A"]["active_this_week"] == 1 and teams["B"]["active_this_week"] == 0
    cell = next(r for r in report.team_modules if r["team"] == "A" and r["module_id"] == "m-one")
    assert (cell["people"], cell["passed"], cell["completion"]) == (3, 2, pytest.approx(200 / 3))
    assert team_reports.organisation_report(db, viewers["mia"], modules, 2, NOW).teams[0]["team"] == "A"
    assert len(team_reports.organisation_report(db, viewers["mia"], modules, 2, NOW).teams) == 1


def test_a_module_just_published_is_new_not_stalled(org) -> None:
    """Dated once, from its first attempt or when the install first saw it; new for two weeks."""
    from modules.authoring import releases

    db, modules, _, viewers = org
    store.releases.record_from_history(db)  # an install upgraded: modules in use date from their first attempt
    releases.note_catalog(db, [m.id for m in modules] + ["fresh"], NOW)
    releases.note_catalog(db, ["fresh"], NOW + timedelta(days=3))  # seen again (another process): keeps its date
    first = db.execute(
        "SELECT MIN(submitted_at) FROM attempts WHERE module_id = 'm-one'"
        " UNION ALL SELECT MIN(read_at) FROM section_reads WHERE module_id = 'm-one'"
    ).fetchall()
    dated = db.execute("SELECT first_seen_at FROM module_releases WHERE module_id = 'm-one'").fetchone()[0]
    assert dated == min(row[0] for row in first)  # its first attempt or read, not the upgrade
    assert "fresh" in releases.new_modules(db, NOW)
    later = NOW + releases.NEW_FOR + timedelta(seconds=1)
    assert "fresh" not in releases.new_modules(db, later)
    assert "m-three" in team_reports.organisation_report(db, viewers["tess"], modules, 2, NOW).new_modules
    assert (
        team_reports.organisation_report(db, viewers["tess"], modules, 2, later + timedelta(days=30)).new_modules == []
    )
    rows = [{"team": "A", "module": "One", "completion": 0.0, "people": 3, "passed": 0}]
    spec = charts.team_module_heatmap(rows, ["One", "Two"], new=frozenset({"One"})).to_dict()
    assert spec["encoding"]["y"]["sort"] == ["One (new)", "Two"]


def test_person_detail_is_scoped(org) -> None:
    db, modules, people, viewers = org
    detail = team_reports.person_report(db, viewers["mia"], modules, people["ann"])
    assert [(a["attempt_no"], a["percent"]) for a in detail.attempts] == [(1, 50.0), (2, 100.0)]
    assert [(m["question_id"], m["answered"], m["missed"], m["latest_credit"]) for m in detail.missed] == [
        ("q2", 2, 1, 1.0)
    ]
    assert detail.missed[0]["question"] == "Two?" and len(detail.reads) == 2
    hidden = team_reports.person_report(db, viewers["max"], modules, people["ann"])
    assert hidden.attempts == [] and hidden.missed == [] and hidden.reads == []


def test_visible_teams(org) -> None:
    db, _, people, _ = org
    assert [t["name"] for t in store.measurement.visible_teams(db, people["mia"])] == ["A"]
    assert [(t["name"], t["people"]) for t in store.measurement.visible_teams(db, people["tess"])] == [
        ("A", 3),
        ("B", 1),
    ]
    assert store.measurement.visible_teams(db, people["ann"]) == []


def test_organisation_headline_agrees_with_the_team_headline(org) -> None:
    db, modules, _, viewers = org
    for weeks in (1, 2):
        org_figures = team_reports.organisation_report(db, viewers["tess"], modules, weeks, NOW).figures
        team_figures = team_reports.headline_figures(db, team_reports.scope_for(viewers["tess"], modules), weeks, NOW)
        for mine, theirs in zip(org_figures, team_figures):
            assert mine.label == theirs.label
            assert mine.value == pytest.approx(theirs.value) and mine.previous == pytest.approx(theirs.previous)


def test_a_renamed_section_shows_the_same_status_to_the_learner_and_to_the_manager(org, tmp_path: Path) -> None:
    """ "Passed" is decided once: reads of a section that no longer exists count for nobody."""
    db, _, people, viewers = org
    folder = tmp_path / "content" / "en"
    text = "---\ntitle: Reading\nsummary: S\n---\n## Arrive\n\nText.\n\n## Greet\n\nText.\n"
    before = load_module(write_module(folder, "m-read.md", text))
    for section in before.sections:
        learner.read_section(db, people["ann"], before, section.id)
    after = load_module(write_module(folder, "m-read.md", text.replace("## Greet", "## Welcome warmly")))

    mine = learner.progress_of(db, people["ann"], [after])[0]
    grid = team_reports.team_report(db, viewers["mia"], [after], None, 2, NOW).grid
    theirs = next(row for row in grid if row["user_id"] == people["ann"])
    assert mine.status == theirs["status"] == "in progress"
    assert mine.sections_read == theirs["sections_read"] == 1
    status = team_reports.team_report(db, viewers["mia"], [after], None, 2, NOW).status
    assert {(row["status"], row["people"]) for row in status} == {("in progress", 1), ("not started", 2)}

    for section in after.sections:
        learner.read_section(db, people["ann"], after, section.id)
    assert learner.progress_of(db, people["ann"], [after])[0].status == "passed"
    grid = team_reports.team_report(db, viewers["mia"], [after], None, 2, NOW).grid
    assert next(row for row in grid if row["user_id"] == people["ann"])["status"] == "passed"
