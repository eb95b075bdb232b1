"""Every chart builder produces a valid Vega-Lite spec (the app skips validation at run time)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from modules import store
from modules.content import load_catalog
from modules.measurement import charts, team_reports

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def reports(demo_db: Path):
    db = store.engine.connect(demo_db)
    modules = load_catalog(ROOT / "content").for_language("en")
    now = datetime.now(UTC)
    team = team_reports.team_report(db, store.accounts.user_by_username(db, "marc")["id"], modules, None, 8, now)
    organisation = team_reports.organisation_report(
        db, store.accounts.user_by_username(db, "theo")["id"], modules, 8, now
    )
    return team, organisation, [m.title for m in modules]


def test_every_chart_validates_against_the_vega_lite_schema(reports) -> None:
    team, organisation, titles = reports
    built = [
        charts.score_heatmap(team.grid, titles),
        charts.status_bars(team.status, titles),
        charts.score_distribution(team.distribution, titles),
        charts.weekly_activity(team.weekly),
        charts.cumulative_completion(team.cumulative),
        charts.team_completion(organisation.teams),
        charts.team_module_heatmap(organisation.team_modules, titles),
        charts.best_scores([{"module": "A", "best": 80.0, "pass_mark": 80, "passed": True}]),
        charts.scores_over_time(
            [{"module": "A", "submitted_at": "2026-01-01 10:00:00", "percent": 50.0, "attempt": 1, "passed": "no"}]
        ),
    ]
    for chart in built:
        spec = chart.to_dict(validate=True)  # raises on an invalid spec
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert {p["name"] for p in built[0].to_dict()["params"]} == {"person"}


def test_not_attempted_never_looks_like_zero_and_stalling_modules_keep_their_titles(reports) -> None:
    team, organisation, titles = reports
    heatmap = charts.score_heatmap(team.grid, titles).to_dict()
    empty, scored = heatmap["layer"][0]["mark"]["color"], heatmap["layer"][1]["encoding"]["color"]["scale"]["range"]
    assert empty == charts.EMPTY and scored[0] != empty and scored[0] != "#ffffff"  # 0 % is warm, not grey
    assert heatmap["layer"][3]["encoding"]["text"]["field"] == "score"  # "—" written in cells with no score
    stall = charts.team_module_heatmap(organisation.team_modules, titles).to_dict()
    assert stall["encoding"]["y"]["field"] == "module" and stall["encoding"]["y"]["axis"]["labelLimit"] >= 260


def test_charts_accept_empty_tables(reports) -> None:
    _, _, titles = reports
    for chart in (
        charts.score_heatmap([], titles),
        charts.status_bars([], titles),
        charts.weekly_activity([]),
        charts.cumulative_completion([]),
        charts.score_distribution([], titles),
    ):
        chart.to_dict(validate=True)
