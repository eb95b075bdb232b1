"""Charts of the daily practice: recall per skill, and how memory holds over time."""

from __future__ import annotations

import altair as alt
import pandas as pd

from modules.i18n import Translate, untranslated
from modules.measurement.charts import BRAND, FAIL_COLOR, PASS_COLOR
from modules.measurement.recall_figures import UPKEEP

# Up to date, overdue, not practising: green, orange, and a dark grey that holds 3:1 on white.
UPKEEP_COLORS = (PASS_COLOR, FAIL_COLOR, "#7a8588")


def skill_recall(rows: list[dict], names: dict[str, str], _: Translate = untranslated) -> alt.Chart:
    """Predicted recall today per skill, 0–100 %: the skills to practise again stand out short."""
    frame = pd.DataFrame(
        [{**r, "name": names.get(r["skill"], r["skill"].replace("-", " "))} for r in rows],
        columns=["skill", "name", "recall", "questions"],
    )
    return (
        alt.Chart(frame)
        .mark_bar(color=BRAND)
        .encode(
            y=alt.Y("name:N", title=None, sort="x", axis=alt.Axis(labelLimit=220)),
            x=alt.X("recall:Q", title=_("Predicted recall today (%)"), scale=alt.Scale(domain=[0, 100])),
            tooltip=[
                alt.Tooltip("name:N", title=_("Skill")),
                alt.Tooltip("recall:Q", title=_("Recall %"), format=".0f"),
                alt.Tooltip("questions:Q", title=_("Questions")),
            ],
        )
        .properties(height=alt.Step(30), width="container")
    )


def skill_upkeep(rows: list[dict], names: dict[str, str], _: Translate = untranslated) -> alt.Chart:
    """Per skill, the people who passed one of its modules: up to date, overdue, not practising. A long grey or
    orange part is who to follow up; the group is said in the legend and tooltip, never by colour alone."""
    order = [_(status) for status in UPKEEP]
    frame = pd.DataFrame(
        [
            {
                **r,
                "name": names.get(r["skill"], r["skill"].replace("-", " ")),
                "group": order[UPKEEP.index(r["status"])],
                "rank": UPKEEP.index(r["status"]),
            }
            for r in rows
        ],
        columns=["skill", "name", "status", "group", "rank", "people"],
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("name:N", title=None, axis=alt.Axis(labelLimit=220)),
            x=alt.X("people:Q", title=_("People"), stack="zero", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "group:N",
                title=None,
                scale=alt.Scale(domain=order, range=list(UPKEEP_COLORS)),
                legend=alt.Legend(orient="bottom"),
            ),
            order=alt.Order("rank:Q"),
            tooltip=[
                alt.Tooltip("name:N", title=_("Skill")),
                alt.Tooltip("group:N", title=_("Practice")),
                alt.Tooltip("people:Q", title=_("People")),
            ],
        )
        .properties(height=alt.Step(34), width="container")
    )


def retention_curve(rows: list[dict], _: Translate = untranslated) -> alt.Chart:
    """Share of practice answers right a day, a week and a month after a question was last seen."""
    msgids = [r["interval"] for r in rows]  # apart: Babel would take a subscript's key for a message
    order = [_(msgid) for msgid in msgids]
    frame = pd.DataFrame(
        [{**r, "label": label} for r, label in zip(rows, order, strict=True)],
        columns=["interval", "label", "right", "answers"],
    )
    return (
        alt.Chart(frame)
        .mark_line(point=alt.OverlayMarkDef(size=80, filled=True), color=PASS_COLOR)
        .encode(
            x=alt.X("label:N", title=_("Time since last seen"), sort=order, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("right:Q", title=_("Right answers (%)"), scale=alt.Scale(domain=[0, 100])),
            tooltip=[
                alt.Tooltip("label:N", title=_("Time since last seen")),
                alt.Tooltip("right:Q", title=_("Right %"), format=".0f"),
                alt.Tooltip("answers:Q", title=_("Answers")),
            ],
        )
        .properties(height=220, width="container")
    )
