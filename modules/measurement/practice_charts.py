"""Charts of the practices: self / peer / manager per skill, employees beside customers, eNPS and NPS.

Same rules as `charts`: aggregated rows in, an Altair chart out, labels translated by `_`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from modules.i18n import N_, Translate, untranslated
from modules.measurement.charts import BRAND, FAIL_COLOR, PASS_COLOR
from modules.practices.debriefing import KIND_LABELS

SIDE_LABELS = {"employee": N_("Employees"), "customer": N_("Customers")}
SCORE_LABELS = {"employee": N_("Employees (eNPS)"), "customer": N_("Customers (NPS)")}
SIDE_LEGEND = alt.Legend(
    orient="top", columns=1, labelLimit=0, symbolSize=80
)  # above: two legends side by side overflow a phone


def _paired_bars(
    frame: pd.DataFrame, category: str, value: alt.X, order: list[str], colors: list[str], tooltip: list[alt.Tooltip]
) -> alt.Chart:
    """One row per category, one bar per side (`side` column), sides in a fixed order and colour."""
    return (
        alt.Chart(frame)
        .mark_bar(clip=True)
        .encode(  # a scale may start above 0 (agreement starts at 1)
            y=alt.Y(f"{category}:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("side:N", sort=order),
            x=value,
            color=alt.Color(
                "side:N",
                title=None,
                sort=order,
                scale=alt.Scale(domain=order, range=colors),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=tooltip,
        )
        .properties(height=alt.Step(16), width="container")
    )


def skill_views(rows: list[dict], _: Translate = untranslated) -> alt.Chart:
    """Per skill, one bar per view: a gap between the bars is the conversation to have."""
    labels = {kind: _(label) for kind, label in KIND_LABELS.items()}
    frame = pd.DataFrame([{**r, "side": labels[r["view"]]} for r in rows], columns=["skill", "side", "level"])
    return _paired_bars(
        frame,
        "skill",
        alt.X(
            "level:Q",
            title=_("Level observed (1 to 4)"),
            scale=alt.Scale(domain=[0, 4]),
            axis=alt.Axis(values=[1, 2, 3, 4], format="d"),
        ),
        list(labels.values()),
        ["#9aa5b1", BRAND, FAIL_COLOR],
        [
            alt.Tooltip("skill:N", title=_("Skill")),
            alt.Tooltip("side:N", title=_("View")),
            alt.Tooltip("level:Q", format=".1f", title=_("Level")),
        ],
    )


def mirror_means(rows: list[dict], _: Translate = untranslated) -> alt.Chart:
    """Per question, the employees' and the customers' mean agreement (1 to 5), side by side."""
    labels = {side: _(label) for side, label in SIDE_LABELS.items()}
    frame = pd.DataFrame([{**r, "side": labels[r["side"]]} for r in rows], columns=["question", "side", "mean"])
    return _paired_bars(
        frame,
        "question",
        alt.X(
            "mean:Q",
            title=_("Mean agreement (1 to 5)"),
            scale=alt.Scale(domain=[1, 5]),
            axis=alt.Axis(values=[1, 2, 3, 4, 5], format="d"),
        ),
        list(labels.values()),
        [BRAND, PASS_COLOR],
        [
            alt.Tooltip("question:N", title=_("Question")),
            alt.Tooltip("side:N", title=_("Who answered")),
            alt.Tooltip("mean:Q", format=".2f", title=_("Mean")),
        ],
    )


MAX_TEAM_LINES = 8  # beyond, one line per team is a tangle (and 2,000 teams' waves crashed the page)


def pooled(rows: list[dict], label: str) -> list[dict]:
    """The scores of every team together, per survey and side: each team's score weighted by its answers (a
    score is a difference of shares, so this is the score of all the answers pooled)."""
    groups: dict[tuple, dict] = {}
    for row in rows:
        if row["score"] is None or not row["answers"]:
            continue
        group = groups.setdefault(
            (row["wave"], row["survey"], row["source"]),
            {
                "wave": row["wave"],
                "survey": row["survey"],
                "source": row["source"],
                "team": label,
                "weighted": 0.0,
                "answers": 0,
            },
        )
        group["weighted"] += row["score"] * row["answers"]
        group["answers"] += row["answers"]
    return [
        {**{k: v for k, v in g.items() if k != "weighted"}, "score": round(g["weighted"] / g["answers"], 1)}
        for g in groups.values()
    ]


def recommendation_trend(rows: list[dict], _: Translate = untranslated) -> alt.Chart:
    """eNPS and NPS survey after survey: do happier teams go with happier customers? A line per team for a
    few teams; for more, one line for all of them together (the per-team figures are in the download)."""
    if len({r["team"] for r in rows}) > MAX_TEAM_LINES:
        rows = pooled(rows, _("All teams"))
    order = [_(label) for label in SCORE_LABELS.values()]
    labels = {side: _(label) for side, label in SCORE_LABELS.items()}
    frame = pd.DataFrame(
        [{**r, "side": labels[r["source"]]} for r in rows],
        columns=["wave", "survey", "team", "side", "score", "answers"],
    )
    frame["wave"] = pd.to_datetime(frame["wave"])
    return (
        alt.Chart(frame)
        .mark_line(point=alt.OverlayMarkDef(size=70, filled=True))
        .encode(
            x=alt.X("wave:T", title=_("Survey"), axis=alt.Axis(format="%d %b %Y")),
            y=alt.Y("score:Q", title=_("Score (-100 to 100)"), scale=alt.Scale(domain=[-100, 100])),
            # Legends stacked in one column under the chart, labels in full: nothing clipped on a phone.
            color=alt.Color("team:N", title=_("Team"), legend=alt.Legend(orient="bottom", columns=1, labelLimit=0)),
            # Employees and customers differ by line and by marker, so either tells them apart.
            strokeDash=alt.StrokeDash("side:N", title=_("Who answered"), sort=order, legend=SIDE_LEGEND),
            shape=alt.Shape("side:N", title=_("Who answered"), sort=order, legend=SIDE_LEGEND),
            tooltip=[
                alt.Tooltip("survey:N", title=_("Survey")),
                alt.Tooltip("team:N", title=_("Team")),
                alt.Tooltip("side:N", title=_("Who answered")),
                alt.Tooltip("score:Q", title=_("Score")),
                alt.Tooltip("answers:Q", title=_("Answers")),
            ],
        )
        # Fit the width only: the plot keeps its height and the legends below add to it, never squeeze it.
        .properties(height=260, width="container", autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    )
