"""Charts of the daily practice: recall per skill, and how memory holds over time."""

from __future__ import annotations

import altair as alt
import pandas as pd

from modules.i18n import Translate, untranslated
from modules.measurement.charts import BRAND, PASS_COLOR


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
