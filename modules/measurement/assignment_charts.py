"""The chart of assignments: each open assignment's share of people done, week by week."""

from __future__ import annotations

import altair as alt
import pandas as pd

from modules.i18n import Translate, untranslated

MAX_LINES = 10  # beyond, one line per assignment is a tangle (4,500 of them, × 13 weeks, crashed the chart)


def per_module(rows: list[dict]) -> list[dict]:
    """Every assignment of a module together, week by week: people done out of people assigned."""
    groups: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        counts = groups.setdefault((row["week"], row["module"]), [0, 0])
        counts[0] += row["done"]
        counts[1] += row["assigned"]
    return [
        {"week": week, "assignment": module, "completion": 100 * done / assigned}
        for (week, module), (done, assigned) in groups.items()
        if assigned
    ]


def completion_lines(rows: list[dict], _: Translate = untranslated) -> alt.Chart:
    """One line per assignment (module → team or person), 0–100 %, legend above so a phone keeps the plot; for
    many assignments, one line per module, all its assignments together."""
    if len({r["assignment"] for r in rows}) > MAX_LINES:
        rows = per_module(rows)
    frame = pd.DataFrame(rows, columns=["week", "assignment", "completion"])
    frame["week"] = pd.to_datetime(frame["week"])
    return (
        alt.Chart(frame)
        .mark_line(point=True, interpolate="step-after")
        .encode(
            x=alt.X("week:T", title=_("Week ending"), axis=alt.Axis(format="%d %b")),
            y=alt.Y("completion:Q", title=_("Done (%)"), scale=alt.Scale(domain=[0, 100])),
            color=alt.Color(
                "assignment:N",
                title=_("Assignment"),
                legend=alt.Legend(orient="top", direction="vertical", labelLimit=0, titleOrient="top"),
            ),
            tooltip=[
                alt.Tooltip("assignment:N", title=_("Assignment")),
                alt.Tooltip("week:T", title=_("Week ending"), format="%d %b %Y"),
                alt.Tooltip("completion:Q", title=_("Done %"), format=".0f"),
            ],
        )
        .properties(height=260)
    )
