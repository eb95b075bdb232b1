"""Every chart builder produces a valid Vega-Lite spec (the app skips validation at run time)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from modules import store
from modules.content import load_catalog
from modules.measurement import charts, team_ranking, team_reports

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
        charts.team_completion(team_ranking.ends(organisation.teams)),
        charts.team_bands(team_ranking.bands(organisation.teams)),
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


def test_two_thousand_teams_draw_a_readable_few_and_never_reach_altairs_row_limit() -> None:
    """A head office's 2,000 teams × 14 modules crashed the page (MaxRowsError at 5,000 rows)."""
    teams = [
        {"team_id": n, "team": f"Store {n:04d}", "people": 50, "completion": (n * 37) % 101 if n % 50 else None}
        for n in range(2000)
    ]
    team_modules = [
        {"team_id": t["team_id"], "team": t["team"], "module": f"M{k}", "completion": 50.0, "people": 50, "passed": 25}
        for t in teams
        for k in range(14)
    ]
    shown = team_ranking.ends(teams)
    assert len(shown) == 2 * team_ranking.SHOWN
    assert [t["end"] for t in shown] == ["lowest"] * team_ranking.SHOWN + ["highest"] * team_ranking.SHOWN
    assert shown[0]["completion"] == 0 and shown[-1]["completion"] == 100
    assert sum(band["teams"] for band in team_ranking.bands(teams)) == 2000 - 40  # every team with a figure
    for chart in (
        charts.team_completion(shown),
        charts.team_bands(team_ranking.bands(teams)),
        charts.team_module_heatmap(team_ranking.of_teams(team_modules, shown), [f"M{k}" for k in range(14)]),
    ):
        spec = chart.to_dict(validate=True)  # the default data transformer raises past 5,000 rows
        assert len(next(iter(spec["datasets"].values()))) <= 2 * team_ranking.SHOWN * 14


def test_a_few_teams_are_all_drawn_and_found_by_any_part_of_their_name() -> None:
    teams = [
        {"team_id": 1, "team": "Lyon Part-Dieu", "completion": 80.0},
        {"team_id": 2, "team": "Paris Opéra", "completion": 20.0},
        {"team_id": 3, "team": "New hires", "completion": None},
    ]
    assert [t["team"] for t in team_ranking.ends(teams)] == ["Paris Opéra", "Lyon Part-Dieu"]
    assert [t["team"] for t in team_ranking.ranked(teams)] == ["Paris Opéra", "Lyon Part-Dieu", "New hires"]
    assert [t["team"] for t in team_ranking.matching(teams, " opé")] == ["Paris Opéra"]
    assert team_ranking.bands(teams)[2] == {"band": 20, "teams": 1} and team_ranking.bands(teams)[8]["teams"] == 1
    assert team_ranking.bands([{"completion": 100.0}])[9]["teams"] == 1  # 100 % is in the top band


def test_survey_scores_of_two_thousand_teams_draw_one_line_for_all() -> None:
    """2,000 teams × 3 surveys × employees and customers crashed the Practices tab (MaxRowsError)."""
    from modules.measurement import practice_charts

    rows = [
        {
            "wave": f"2026-0{w}-01",
            "survey": f"S{w}",
            "team": f"Store {t}",
            "source": source,
            "score": score,
            "answers": n,
        }
        for w in (1, 2, 3)
        for t in range(2000)
        for source, score, n in (("employee", 20.0 if t % 2 else -20.0, 10 if t % 2 else 30), ("customer", 50.0, 5))
    ]
    spec = practice_charts.recommendation_trend(rows).to_dict(validate=True)
    data = next(iter(spec["datasets"].values()))
    assert len(data) == 6  # three surveys, two sides, one line for all teams
    employees = [d for d in data if "eNPS" in d["side"]]
    assert {d["score"] for d in employees} == {-10.0}  # (20 × 10 − 20 × 30) / 40: the answers pooled
    few = practice_charts.recommendation_trend([r for r in rows if r["team"] in {"Store 1", "Store 2"}])
    assert {d["team"] for d in next(iter(few.to_dict()["datasets"].values()))} == {"Store 1", "Store 2"}


def test_four_thousand_assignments_draw_one_line_per_module() -> None:
    from modules.measurement import assignment_charts

    rows = [
        {"week": f"2026-11-{d:02d}", "assignment": f"M{m} → Store {t}", "module": f"M{m}", "completion": 50.0,
         "done": t % 3, "assigned": 2}
        for d in (2, 9, 16)
        for m in (1, 2)
        for t in range(2000)
    ]  # fmt: skip
    data = next(iter(assignment_charts.completion_lines(rows).to_dict(validate=True)["datasets"].values()))
    assert len(data) == 6 and {d["assignment"] for d in data} == {"M1", "M2"}
    assert data[0]["completion"] == 100 * sum(t % 3 for t in range(2000)) / 4000  # people done, pooled


def test_every_chart_says_its_figures_in_words_and_as_a_table(reports) -> None:
    """Issue 24: what a tooltip shows a mouse user, a table shows everyone, with a one-line summary."""
    from modules.measurement import chart_text

    team, organisation, titles = reports
    built = [
        charts.score_heatmap(team.grid, titles),
        charts.status_bars(team.status, titles),
        charts.weekly_activity(team.weekly),
        charts.team_completion(team_ranking.ends(organisation.teams)),
        charts.best_scores(
            [
                {"module": "Welcome", "best": 90.0, "pass_mark": 80, "passed": True},
                {"module": "Listening", "best": 40.0, "pass_mark": 80, "passed": False},
            ]
        ),
    ]
    for chart in built:
        spec = chart.to_dict(validate=False)
        columns, rows = chart_text.table(spec)
        assert rows and columns == list(rows[0]), spec.get("title")
        said = chart_text.summary(spec, "en")
        assert said and int(said.split()[0]) <= len(rows) and "Highest: " in said, said
    columns, rows = chart_text.table(built[-1].to_dict())
    assert columns == ["Module", "Best %", "Pass mark %"]
    assert rows[1] == {"Module": "Listening", "Best %": 40.0, "Pass mark %": 80}
    assert chart_text.summary(built[-1].to_dict(), "fr") == (
        "2 figures. Highest: Welcome (Best % 90); lowest: Listening (Best % 40)."  # untranslated: no `_` given
    )
    heatmap = chart_text.table(built[0].to_dict())[0]
    assert heatmap == ["Person", "Module", "Best", "Status", "Attempts"]
