"""Organisation (trainers): every team side by side, so lagging teams and stalling modules stand out."""

import streamlit as st

from modules.learning import progress
from modules.measurement import team_reports
from modules.ui import cached_reports, session
from modules.ui.organisation import teams_section
from modules.ui.practices import practices_section
from modules.ui.recall_report import recall_section
from modules.ui.widgets import figures_row

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
        teams_section(report, specs, _, lang)
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
