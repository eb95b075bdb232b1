"""Altair chart builders: a small table in, a chart out, no Streamlit.

Pages pass rows already aggregated; charts only choose marks and encodings.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from modules import i18n
from modules.i18n import Translate, untranslated
from modules.learning import progress


def spec(chart: alt.TopLevelMixin, lang: str) -> dict:
    """The Vega-Lite spec to draw, with day and month names in the reader's language.

    Not validated here (that costs more than the data behind a chart); tests validate every builder.
    """
    result = chart.to_dict(validate=False)
    if lang != "en":
        result.setdefault("config", {})["locale"] = i18n.vega_locale(lang)
    return result


PASS_COLOR, FAIL_COLOR, BRAND, EMPTY = "#2e8b57", "#d9822b", "#1f6f78", "#e7ecec"
# 0 % is a warm colour, never the grey of a cell with no figure ("not attempted" must not look like 0 %).
SCORE_RANGE = ["#f3c08a", "#f1efd6", "#6fb3b0", BRAND]
# A horizontal gradient under the chart, short enough for a phone, its title above it (never clipped).
GRADIENT_LEGEND = alt.Legend(orient="bottom", direction="horizontal", gradientLength=180, titleOrient="top")


def _week_axis(weeks: pd.Series) -> alt.Axis:
    """Ticks on the Mondays the data starts its weeks on (Vega's own weeks start on Sunday)."""
    values = sorted({w.strftime("%Y-%m-%d") for w in weeks})
    step = max(1, len(values) // 10)
    return alt.Axis(
        values=[alt.DateTime(year=int(v[:4]), month=int(v[5:7]), date=int(v[8:])) for v in values[::step]],
        format="%d %b",
    )


def best_scores(rows: list[dict], _: Translate = untranslated) -> alt.Chart:
    """One bar per module (its best score) and a tick at its pass mark."""
    frame = pd.DataFrame(rows, columns=["module", "best", "pass_mark", "passed"])
    base = alt.Chart(frame).encode(y=alt.Y("module:N", title=None, sort=None))
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("best:Q", title=_("Best score (%)"), scale=alt.Scale(domain=[0, 100])),
        color=alt.condition("datum.passed", alt.value(PASS_COLOR), alt.value(FAIL_COLOR)),
        tooltip=[
            alt.Tooltip("module:N", title=_("Module")),
            alt.Tooltip("best:Q", title=_("Best %"), format=".0f"),
            alt.Tooltip("pass_mark:Q", title=_("Pass mark %")),
        ],
    )
    ticks = base.mark_tick(color="#1d2b2f", thickness=2, size=22).encode(x="pass_mark:Q")
    return (bars + ticks).properties(height=alt.Step(34))


def scores_over_time(rows: list[dict], _: Translate = untranslated) -> alt.Chart:
    """Every attempt as a point, joined per module, so improvement shows."""
    frame = pd.DataFrame(rows, columns=["module", "submitted_at", "percent", "attempt", "passed"])
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"])
    return (
        alt.Chart(frame)
        .mark_line(point=alt.OverlayMarkDef(size=70, filled=True))
        .encode(
            # Whole days: a single attempt otherwise gets an axis of seconds (":02").
            x=alt.X(
                "submitted_at:T",
                title=_("Date"),
                scale=alt.Scale(nice="day"),
                axis=alt.Axis(format="%d %b", tickCount="day"),
            ),
            y=alt.Y("percent:Q", title=_("Score (%)"), scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("module:N", title=_("Module"), legend=alt.Legend(orient="bottom", columns=1)),
            tooltip=[
                alt.Tooltip("module:N", title=_("Module")),
                alt.Tooltip("attempt:Q", title=_("Attempt")),
                alt.Tooltip("submitted_at:T", title=_("Submitted"), format="%d %b %Y %H:%M"),
                alt.Tooltip("percent:Q", title=_("Score %"), format=".0f"),
                alt.Tooltip("passed:N", title=_("Passed")),
            ],
        )
        .properties(height=280, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    )


STATUS_COLORS = dict(zip(progress.STATUSES, (PASS_COLOR, FAIL_COLOR, "#6aa9c8", "#d5dbdb")))


def status_bars(rows: list[dict], modules: list[str], _: Translate = untranslated) -> alt.Chart:
    """Per module (in catalog order), people passed / not passed yet / in progress / not started."""
    frame = pd.DataFrame(rows, columns=["module", "status", "people"])
    frame["rank"] = frame["status"].map(list(STATUS_COLORS).index)
    frame["status"] = frame["status"].map(_)
    order = [_(status) for status in STATUS_COLORS]
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("module:N", title=None, sort=modules, axis=alt.Axis(labelLimit=220)),
            x=alt.X("people:Q", title=_("People"), stack="zero", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "status:N",
                title=_("Status"),
                scale=alt.Scale(domain=order, range=list(STATUS_COLORS.values())),
                legend=alt.Legend(orient="bottom"),
            ),
            order=alt.Order("rank:Q"),
            tooltip=["module:N", "status:N", "people:Q"],
        )
        .properties(height=alt.Step(38))
    )


def score_heatmap(rows: list[dict], modules: list[str], _: Translate = untranslated) -> alt.Chart:
    """People × modules, coloured by best score, a tick on passed cells: the coaching view.

    Clicking a cell selects its person (selection name "person").
    """
    frame = pd.DataFrame(rows, columns=["user_id", "name", "module", "best", "passed", "status", "attempts"])
    frame["mark"] = frame["passed"].map(lambda passed: "✓" if passed else "")
    frame["score"] = frame["best"].map(lambda best: "—" if pd.isna(best) else f"{best:.0f} %")
    frame["status"] = frame["status"].map(_)
    base = alt.Chart(frame).encode(
        x=alt.X(
            "module:N",
            title=None,
            sort=modules,
            # Upright titles overlapped on a phone and lost every other one on a desktop: turned, each has room.
            axis=alt.Axis(
                labelAngle=-90,
                labelAlign="left",
                labelBaseline="middle",
                orient="top",
                labelLimit=170,
                labelOverlap=False,
            ),
        ),
        y=alt.Y("name:N", title=None, sort=None),
        tooltip=[
            alt.Tooltip("name:N", title=_("Person")),
            alt.Tooltip("module:N", title=_("Module")),
            alt.Tooltip("score:N", title=_("Best")),
            alt.Tooltip("status:N", title=_("Status")),
            alt.Tooltip("attempts:Q", title=_("Attempts")),
        ],
    )
    picked = alt.selection_point(fields=["user_id"], name="person", on="click")
    # Every cell, attempted or not, so people with no score still show (and can be clicked).
    background = base.mark_rect(color=EMPTY, stroke="white", strokeWidth=2).add_params(picked)
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "best:Q",
            title=_("Best score (%)"),
            scale=alt.Scale(domain=[0, 100], range=SCORE_RANGE),
            legend=GRADIENT_LEGEND,
        ),
        opacity=alt.condition(picked, alt.value(1.0), alt.value(0.45)),
    )
    # The tick in dark on the paler cells, white on the darker: 3.8:1 at least on every score (WCAG 1.4.11).
    ticks = base.mark_text(fontSize=15, fontWeight="bold").encode(
        text="mark:N", color=alt.condition("datum.best >= 85", alt.value("white"), alt.value("#1d2b2f"))
    )
    unattempted = base.transform_filter("!isValid(datum.best)").mark_text(color="#4f5a5c").encode(text="score:N")
    return (background + cells + ticks + unattempted).properties(height=alt.Step(24), width="container")


def weekly_activity(rows: list[dict], _: Translate = untranslated) -> alt.Chart:
    """Active learners, attempts and passes per week."""
    frame = pd.DataFrame(rows, columns=["week", "active_learners", "attempts", "passes"])
    frame = frame.rename(
        columns={"active_learners": _("Active learners"), "attempts": _("Attempts"), "passes": _("Passes")}
    )
    long = frame.melt("week", var_name="measure", value_name="count")
    long["week"] = pd.to_datetime(long["week"])
    return (
        alt.Chart(long)
        .mark_line(point=True)
        .encode(
            x=alt.X("week:T", title=_("Week starting"), axis=_week_axis(long["week"])),
            y=alt.Y("count:Q", title=None),
            color=alt.Color(
                "measure:N",
                title=None,
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(
                    domain=[_("Active learners"), _("Attempts"), _("Passes")], range=[BRAND, FAIL_COLOR, PASS_COLOR]
                ),
            ),
            tooltip=[alt.Tooltip("week:T", title=_("Week of"), format="%d %b %Y"), "measure:N", "count:Q"],
        )
        .properties(height=260)
    )


def cumulative_completion(rows: list[dict], _: Translate = untranslated) -> alt.Chart:
    """Share of assigned modules passed, week by week."""
    frame = pd.DataFrame(rows, columns=["week", "cumulative", "assigned", "completion"])
    frame["week"] = pd.to_datetime(frame["week"])
    return (
        alt.Chart(frame)
        .mark_area(
            line={"color": BRAND},
            color=alt.Gradient(
                gradient="linear",
                stops=[alt.GradientStop(color="white", offset=0), alt.GradientStop(color=BRAND, offset=1)],
                x1=1,
                x2=1,
                y1=1,
                y2=0,
            ),
            interpolate="step-after",
        )
        .encode(
            x=alt.X("week:T", title=_("Week starting"), axis=_week_axis(frame["week"])),
            y=alt.Y("completion:Q", title=_("Completion (%)"), scale=alt.Scale(domain=[0, 100])),
            tooltip=[
                alt.Tooltip("week:T", title=_("Week of"), format="%d %b %Y"),
                alt.Tooltip("completion:Q", title=_("Completion %"), format=".0f"),
                alt.Tooltip("cumulative:Q", title=_("Modules passed")),
            ],
        )
        .properties(height=260)
    )


def score_distribution(rows: list[dict], modules: list[str], _: Translate = untranslated) -> alt.Chart:
    """Attempts per 10-point score band, per module."""
    frame = pd.DataFrame(rows, columns=["module", "band", "attempts"])
    frame["band_label"] = frame["band"].map(lambda b: f"{b}–{b + 9 if b < 90 else 100}")
    bands = [f"{b}–{b + 9 if b < 90 else 100}" for b in range(0, 100, 10)]
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("band_label:O", title=_("Score band (%)"), sort=bands, scale=alt.Scale(domain=bands)),
            y=alt.Y("attempts:Q", title=_("Attempts")),
            color=alt.Color("module:N", title=_("Module"), sort=modules, legend=alt.Legend(orient="bottom")),
            xOffset=alt.XOffset("module:N", sort=modules),
            tooltip=["module:N", alt.Tooltip("band_label:O", title=_("Band")), "attempts:Q"],
        )
        .properties(height=260)
    )


def team_completion(rows: list[dict], _: Translate = untranslated) -> alt.Chart:
    """Completion per team, lowest first, so the teams that lag stand out; with many teams, `rows` are the two
    ends of the ranking (`team_ranking.ends`), told apart by colour and named in the tooltip."""
    frame = pd.DataFrame(rows, columns=["team", "completion", "people", "end"])
    ends = {"lowest": _("Lowest"), "highest": _("Highest"), "all": _("Team")}
    frame["end"] = frame["end"].map(lambda e: ends.get(e, ends["all"]))
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("team:N", title=None, sort=alt.EncodingSortField("completion", order="ascending")),
            x=alt.X("completion:Q", title=_("Completion (%)"), scale=alt.Scale(domain=[0, 100])),
            color=alt.Color(
                "end:N",
                title=None,
                scale=alt.Scale(domain=list(ends.values()), range=[FAIL_COLOR, BRAND, BRAND]),
                legend=alt.Legend(orient="bottom") if frame["end"].nunique() > 1 else None,
            ),
            tooltip=["team:N", alt.Tooltip("completion:Q", format=".0f", title=_("Completion %")), "people:Q"],
        )
        .properties(height=alt.Step(22), width="container")
    )


def team_bands(rows: list[dict], _: Translate = untranslated) -> alt.Chart:
    """How many teams stand in each band of completion: every team of a large organisation in ten bars."""
    frame = pd.DataFrame(rows, columns=["band", "teams"])
    frame["band_label"] = frame["band"].map(lambda b: f"{b}–{b + 9 if b < 90 else 100}")
    return (
        alt.Chart(frame)
        .mark_bar(color=BRAND)
        .encode(
            x=alt.X("band_label:O", title=_("Completion (%)"), sort=list(frame["band_label"])),
            y=alt.Y("teams:Q", title=_("Teams")),
            tooltip=[alt.Tooltip("band_label:O", title=_("Completion (%)")), alt.Tooltip("teams:Q", title=_("Teams"))],
        )
        .properties(height=220, width="container")
    )


def team_module_heatmap(
    rows: list[dict], modules: list[str], _: Translate = untranslated, new: frozenset[str] = frozenset()
) -> alt.Chart:
    """Modules × teams completion: a row that stays pale is a module that stalls.

    Modules run down the side, where their titles have room; teams across the top. A module just published
    (`new`, by title) is named so: its empty row is a start, not a stall."""
    named = {title: _("{module} (new)").format(module=title) if title in new else title for title in modules}
    frame = pd.DataFrame(rows, columns=["team", "module", "completion", "people", "passed"])
    frame["module"] = frame["module"].map(lambda title: named.get(title, title))
    modules = [named[title] for title in modules]
    return (
        alt.Chart(frame)
        .mark_rect(stroke="white")
        .encode(
            y=alt.Y("module:N", title=None, sort=modules, axis=alt.Axis(labelLimit=260)),
            x=alt.X(
                "team:N",
                title=None,
                # One word a line: every team's name stays readable however narrow its column.
                axis=alt.Axis(labelAngle=0, orient="bottom", labelExpr="split(datum.label, ' ')", labelOverlap=False),
            ),
            color=alt.Color(
                "completion:Q",
                title=_("Completion (%)"),
                scale=alt.Scale(domain=[0, 100], range=SCORE_RANGE),
                legend=GRADIENT_LEGEND,
            ),
            tooltip=[
                alt.Tooltip("team:N", title=_("Team")),
                alt.Tooltip("module:N", title=_("Module")),
                alt.Tooltip("completion:Q", format=".0f", title=_("Completion %")),
                alt.Tooltip("passed:Q", title=_("People passed")),
                alt.Tooltip("people:Q", title=_("People")),
            ],
        )
        .properties(height=alt.Step(30), width="container")
    )


def question_map(rows: list[dict], _: Translate = untranslated) -> alt.Chart:
    """Each question by facility and discrimination; flagged ones stand out."""
    frame = pd.DataFrame(rows, columns=["number", "question", "facility", "discrimination", "flagged", "answers"])
    points = (
        alt.Chart(frame)
        .mark_circle(size=160, opacity=0.9)
        .encode(
            x=alt.X("facility:Q", title=_("Facility: share right (%)"), scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("discrimination:Q", title=_("Discrimination (correlation)"), scale=alt.Scale(domain=[-1, 1])),
            color=alt.Color(
                "flagged:N",
                title=None,
                scale=alt.Scale(domain=[_("flagged"), _("fine")], range=[FAIL_COLOR, BRAND]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("number:Q", title=_("#")),
                alt.Tooltip("question:N", title=_("Question")),
                alt.Tooltip("facility:Q", format=".0f", title=_("Facility %")),
                alt.Tooltip("discrimination:Q", format=".2f"),
                alt.Tooltip("answers:Q", title=_("Answers")),
            ],
        )
    )
    labels = points.mark_text(dy=-12, fontSize=11, color="#1d2b2f").encode(text="number:Q")
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(strokeDash=[4, 4], color="#8a9a9f").encode(y="y:Q")
    return (zero + points + labels).properties(height=320)
