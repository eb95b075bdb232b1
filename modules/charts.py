"""Altair chart builders: a small table in, a chart out, no Streamlit.

Pages pass rows already aggregated; charts only choose marks and encodings.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

PASS_COLOR, FAIL_COLOR, BRAND = "#2e8b57", "#d9822b", "#1f6f78"


def best_scores(rows: list[dict]) -> alt.Chart:
    """One bar per module (its best score) and a tick at its pass mark."""
    frame = pd.DataFrame(rows, columns=["module", "best", "pass_mark", "passed"])
    base = alt.Chart(frame).encode(y=alt.Y("module:N", title=None, sort=None))
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("best:Q", title="Best score (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.condition("datum.passed", alt.value(PASS_COLOR), alt.value(FAIL_COLOR)),
        tooltip=[alt.Tooltip("module:N", title="Module"), alt.Tooltip("best:Q", title="Best %", format=".0f"),
                 alt.Tooltip("pass_mark:Q", title="Pass mark %")],
    )
    ticks = base.mark_tick(color="#1d2b2f", thickness=2, size=22).encode(x="pass_mark:Q")
    return (bars + ticks).properties(height=alt.Step(34))


def scores_over_time(rows: list[dict]) -> alt.Chart:
    """Every attempt as a point, joined per module, so improvement shows."""
    frame = pd.DataFrame(rows, columns=["module", "submitted_at", "percent", "attempt", "passed"])
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"])
    return alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(size=70, filled=True)).encode(
        x=alt.X("submitted_at:T", title="Date"),
        y=alt.Y("percent:Q", title="Score (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("module:N", title="Module", legend=alt.Legend(orient="bottom", columns=1)),
        tooltip=[alt.Tooltip("module:N", title="Module"), alt.Tooltip("attempt:Q", title="Attempt"),
                 alt.Tooltip("submitted_at:T", title="Submitted", format="%d %b %Y %H:%M"),
                 alt.Tooltip("percent:Q", title="Score %", format=".0f"), alt.Tooltip("passed:N", title="Passed")],
    ).properties(height=280)
