"""The Organisation page's Teams tab: every team findable, a readable few drawn, all of them summarised."""

from __future__ import annotations

import streamlit as st

from modules import i18n
from modules.authoring import releases
from modules.i18n import N_, Translate
from modules.measurement import team_ranking
from modules.measurement.team_reports import OrganisationReport
from modules.ui import chart_view
from modules.ui.widgets import download, show_page


def _table(teams: list[dict], assigned: bool, _: Translate) -> None:
    percent = st.column_config.ProgressColumn
    st.dataframe(
        [
            {
                _("Team"): t["team"],
                _("People"): t["people"],
                _("Completion"): t["completion"],
                **({_("Late"): t["late"], _("Due soon"): t["due_soon"]} if assigned else {}),
                _("Average best"): t["average_best"],
                _("First-attempt pass rate"): t["first_attempt_pass_rate"],
                _("Active this week"): t["active_this_week"],
            }
            for t in teams
        ],
        hide_index=True,
        width="stretch",
        column_config={  # narrow figures: every column's title fits a desktop's width, none clipped
            _("People"): st.column_config.NumberColumn(width=70),
            _("Completion"): percent(format="%.0f %%", min_value=0, max_value=100, width=120),
            _("Average best"): st.column_config.NumberColumn(format="%.0f %%"),
            _("First-attempt pass rate"): st.column_config.NumberColumn(format="%.0f %%"),
        },
    )


def _team_list(report: OrganisationReport, _: Translate, lang: str) -> None:
    """The teams table, lowest completion first, searched by name and paged."""
    assigned = bool(report.dues)
    st.caption(
        _(
            "Lowest completion of assigned modules first; late and due soon count assigned modules. The pass rate at "
            "first attempt covers the chosen period."
        )
        if assigned
        else _("Lowest completion first. The pass rate at first attempt covers the chosen period.")
    )
    text = st.text_input(_("Find a team"), key="organisation-team-search", placeholder=_("Part of a team's name"))
    found = team_ranking.matching(report.teams, text)
    if not found:
        st.info(_("No team's name holds «{text}».").format(text=text.strip()))
        return
    show_page(found, "organisation-teams", lambda page: _table(list(page), assigned, _), _, lang, (text,))
    download(
        team_ranking.ranked(report.teams),
        {
            "team": N_("Team"),
            "people": N_("People"),
            "completion": N_("Completion %"),
            **({"late": N_("Late"), "due_soon": N_("Due soon")} if assigned else {}),
            "average_best": N_("Average best %"),
            "first_attempt_pass_rate": N_("First-attempt pass rate %"),
            "active_this_week": N_("Active this week"),
        },
        "teams",
        "csv-teams",
        _,
    )


def teams_section(report: OrganisationReport, specs: dict[str, chart_view.Drawn], _: Translate, lang: str) -> None:
    st.subheader(_("Teams side by side"), anchor=False)
    _team_list(report, _, lang)
    many = len(report.teams) > 2 * team_ranking.SHOWN
    chart_left, chart_right = st.columns(2, gap="large")
    with chart_left:
        st.subheader(_("Completion by team"), anchor=False)
        if many:
            st.caption(
                _("The {shown} lowest and {shown} highest of {total} teams; the table finds any other.").format(
                    shown=team_ranking.SHOWN, total=i18n.number(len(report.teams), lang)
                )
            )
        with st.container(height=460, border=False):
            chart_view.show(specs["teams"], lang, _)
        if many:
            st.subheader(_("Teams by completion"), anchor=False)
            st.caption(_("How many teams stand in each band of completion: every team counts."))
            chart_view.show(specs["bands"], lang, _)
    with chart_right:
        st.subheader(_("Modules that stall"), anchor=False)
        st.caption(_("Completion per module and team: a row that stays orange is a module that stalls everywhere."))
        if many:
            st.caption(_("Drawn for the teams of the chart beside it; the download has every team."))
        if report.new_modules:
            st.caption(
                _("Marked (new): published in the last {days} days, too early to call stalled.").format(
                    days=releases.NEW_FOR.days
                )
            )
        with st.container(height=420, border=False):
            chart_view.show(specs["team_modules"], lang, _)
        download(
            report.team_modules,
            {
                "team": N_("Team"),
                "module": N_("Module"),
                "people": N_("People"),
                "passed": N_("Passed"),
                "completion": N_("Completion %"),
                "average_best": N_("Average best %"),
                "first_attempt_pass_rate": N_("First-attempt pass rate (0-1)"),
            },
            "teams-by-module",
            "csv-team-modules",
            _,
        )
