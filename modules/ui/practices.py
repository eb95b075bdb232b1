"""The practices section of the measurement pages (team and organisation): figures, table, charts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st
from sqlite_utils import Database

from modules.i18n import N_, Translate, number
from modules.ui import cached_reports, chart_view
from modules.ui.widgets import download, figures_row, show_page

COLUMNS = {
    "team": N_("Team"),
    "people": N_("People"),
    "debriefings": N_("Debriefings"),
    "people_debriefed": N_("People debriefed"),
    "recognitions": N_("Recognitions"),
    "stories": N_("Stories told"),
    "stories_approved": N_("Stories published"),
    "story_days": N_("Days to review a story (median)"),
    "suggestions": N_("Suggestions"),
    "suggestions_answered": N_("Suggestions answered"),
    "suggestion_days": N_("Days to answer a suggestion (median)"),
}


def practices_section(
    db: Database, user: dict[str, Any], team_id: int | None, weeks: int, _: Translate, lang: str
) -> None:
    report, specs = cached_reports.practices_report(db, user, team_id, weeks, lang)
    figures_row(report.figures[:3], _, lang)
    figures_row(report.figures[3:], _, lang)
    st.subheader(_("Debriefings, stories and suggestions per team"), anchor=False)
    show_page(report.teams, "practices-teams", lambda page: _team_table(page, _, lang), _, lang)
    download(report.teams, COLUMNS, "practices-per-team", "csv-practices", _)
    left, right = st.columns(2, gap="large")
    with left:
        _chart(_("Self, peer and manager views per skill"), specs["skills"], _("No rating to chart yet."), _, lang)
    with right:
        _chart(
            _("eNPS and NPS, survey after survey"), specs["scores"], _("No survey answer in this view yet."), _, lang
        )


MEDIANS = ("story_days", "suggestion_days")  # none until a story is reviewed or a suggestion answered


def _team_table(rows: Sequence[dict], _: Translate, lang: str) -> None:
    """A median that cannot be computed yet reads "—", not "None" (those columns are text throughout: one
    column holds one type)."""

    def cell(name: str, value: Any) -> Any:
        if name not in MEDIANS:
            return value
        return "—" if value is None else number(value, lang, 1)

    st.dataframe(
        [{_(label): cell(name, row[name]) for name, label in COLUMNS.items()} for row in rows],
        hide_index=True,
        width="stretch",
    )


def _chart(title: str, spec: chart_view.Drawn | None, empty: str, _: Translate, lang: str) -> None:
    st.subheader(title, anchor=False)
    if spec:
        chart_view.show(spec, lang, _)
    else:
        st.caption(empty)
