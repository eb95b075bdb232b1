"""Organisation (trainers): every team side by side, so lagging teams and stalling modules stand out."""

import streamlit as st

from modules.i18n import N_
from modules.learning import progress
from modules.measurement import team_reports
from modules.ui import cached_reports, session
from modules.ui.practices import practices_section
from modules.ui.recall_report import recall_section
from modules.ui.widgets import download, figures_row

db, user = session.require("organisation")
_ = session.translator()
lang = session.language()
catalog_modules = progress.for_team_members(session.catalog().for_language(lang))

st.title(_("Organisation"))
left, right = st.columns([3, 2])
module_ids = left.multiselect(
    _("Modules"),
    [m.id for m in catalog_modules],
    default=[m.id for m in catalog_modules],
    format_func=lambda i: next(m.title for m in catalog_modules if m.id == i),
)
period = right.selectbox(_("Period"), list(team_reports.PERIODS), format_func=_)
modules = [m for m in catalog_modules if m.id in module_ids]
if not modules:
    st.warning(_("Choose at least one module."))
    st.stop()

report, specs = cached_reports.organisation_report(db, user, modules, team_reports.PERIODS[period], lang)
figures_row(report.figures, _, lang)
if not report.teams:
    st.info(_("There is no team yet."))
    st.stop()

# Each tab runs only when opened: the practices and the recall of a whole organisation are costly to compute.
teams_tab, practices_tab, recall_tab = st.tabs(
    [_("Teams"), _("Practices"), _("Recall")], key="organisation-view", on_change="rerun"
)
with teams_tab:
    if teams_tab.open:
        st.subheader(_("Teams side by side"), anchor=False)
        assigned = bool(report.dues)
        st.caption(
            _(
                "Lowest completion of assigned modules first; late and due soon count assigned modules. The pass rate at "
                "first attempt covers the chosen period."
            )
            if assigned
            else _("Lowest completion first. The pass rate at first attempt covers the chosen period.")
        )
        teams = sorted(report.teams, key=lambda t: (t["completion"] is None, t["completion"] or 0))
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
            height=min(420, 38 + 35 * len(teams)),
            column_config={
                _("Completion"): percent(format="%.0f %%", min_value=0, max_value=100),
                _("Average best"): st.column_config.NumberColumn(format="%.0f %%"),
                _("First-attempt pass rate"): st.column_config.NumberColumn(format="%.0f %%"),
            },
        )
        download(
            teams,
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

        chart_left, chart_right = st.columns(2, gap="large")
        with chart_left:
            st.subheader(_("Completion by team"), anchor=False)
            with st.container(height=460, border=False):
                st.vega_lite_chart(spec=specs["teams"], width="stretch")
        with chart_right:
            st.subheader(_("Modules that stall"), anchor=False)
            st.caption(_("Completion per module and team: a row that stays orange is a module that stalls everywhere."))
            with st.container(height=420, border=False):
                st.vega_lite_chart(spec=specs["team_modules"], width="stretch")
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
with practices_tab:
    if practices_tab.open:
        st.caption(
            _("Debriefing, the mirror survey, best failures and suggestions, team by team, over the chosen period.")
        )
        practices_section(db, user, None, team_reports.PERIODS[period], _, lang)
with recall_tab:
    if recall_tab.open:
        st.caption(_("How well each team remembers what it passed, from the daily practice."))
        recall_section(db, user, modules, None, _, lang, per_person=False)
