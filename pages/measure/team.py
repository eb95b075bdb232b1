"""Team progress (managers, trainers): figures, charts and each person's detail."""

import streamlit as st

from modules import store
from modules.accounts import links, roles
from modules.i18n import N_
from modules.learning import progress
from modules.measurement import team_reports
from modules.richtext import show_html_as_text
from modules.ui import cached_reports, chart_view, session
from modules.ui.assignment_panel import assignments_section
from modules.ui.follow_up import to_do_panel
from modules.ui.practices import practices_section
from modules.ui.recall_report import recall_section
from modules.ui.widgets import download, figures_row, team_picker

db, user = session.require("team")
_ = session.translator()
lang = session.language()
catalog_modules = progress.for_team_members(session.catalog().for_language(lang))
teams = store.measurement.visible_teams(db, user["id"])

st.title(_("Team progress"))
if not teams:
    st.info(_("You do not manage a team yet. Ask an administrator to link you to your team."))
    st.stop()

left, middle, right = st.columns([2, 3, 2])
names = {t["id"]: f"{t['name']} ({t['people']})" for t in teams}
team_id = team_picker(left, names, user["role"], _)
module_ids = middle.multiselect(
    _("Modules"),
    [m.id for m in catalog_modules],
    default=[m.id for m in catalog_modules],
    format_func=lambda i: next(m.title for m in catalog_modules if m.id == i),
)
period = right.selectbox(
    _("Period"),
    list(team_reports.PERIODS),
    format_func=_,
    help=_("Activity charts cover the period; each figure is compared with the period just before."),
)
modules = [m for m in catalog_modules if m.id in module_ids]
if not modules:
    st.warning(_("Choose at least one module."))
    st.stop()

report, specs = cached_reports.team_report(db, user, modules, team_id, team_reports.PERIODS[period], lang)
figures_row(report.figures, _, lang)

# The assignments, the practices and the recall run only when their tab is open: for a head office they are
# the costly part, and the other tabs draw from the report already computed.
follows_up = roles.may(user["role"], roles.FOLLOW_UP)
coaching, assigned, by_module, activity, practices, remembered, *rest = st.tabs(
    [_("Coaching view"), _("Assignments"), _("Modules"), _("Activity"), _("Practices"), _("Recall")]
    + ([_("To do")] if follows_up else []),
    key="team-view",
    on_change="rerun",
)
with coaching:
    event = None
    if specs["heatmap"]:
        st.caption(
            _(
                "Best score per person and module, from orange (0 %) to teal (100 %); ✓ marks a pass, a grey cell "
                "with — a quiz not attempted. Click a cell to open that person's detail below."
            )
        )
        event = chart_view.show(specs["heatmap"], lang, _, on_select="rerun", selection_mode="person", key="heatmap")
    else:
        st.info(
            _("{count} people are in this view: choose one team to see each person's scores.").format(
                count=report.people
            )
        )
    download(
        report.grid,
        {
            "team": N_("Team"),
            "name": N_("Person"),
            "module": N_("Module"),
            "status": N_("Status"),
            "attempts": N_("Attempts"),
            "best": N_("Best score %"),
            "sections_read": N_("Sections read"),
        },
        "people-by-module",
        "csv-grid",
        _,
    )
with assigned:
    if assigned.open:
        assignments_section(db, user, modules, {t["id"]: t["name"] for t in teams}, team_id)
with by_module:
    st.subheader(_("Where people are, module by module"), anchor=False)
    chart_view.show(specs["status"], lang, _)
    download(
        report.status,
        {"module": N_("Module"), "status": N_("Status"), "people": N_("People")},
        "module-status",
        "csv-status",
        _,
    )
    st.subheader(_("Scores of attempts, {period}").format(period=_(period).lower()), anchor=False)
    if specs["distribution"]:
        chart_view.show(specs["distribution"], lang, _)
    else:
        st.caption(_("No attempt in this period."))
    download(
        report.distribution,
        {"module": N_("Module"), "band": N_("Score band from %"), "attempts": N_("Attempts")},
        "score-distribution",
        "csv-distribution",
        _,
    )
with activity:
    st.subheader(_("Weekly activity, {period}").format(period=_(period).lower()), anchor=False)
    if specs["weekly"]:
        chart_view.show(specs["weekly"], lang, _)
    else:
        st.caption(_("No activity in this period."))
    download(
        report.weekly,
        {
            "week": N_("Week starting"),
            "active_learners": N_("Active learners"),
            "attempts": N_("Attempts"),
            "passes": N_("Passes"),
        },
        "weekly-activity",
        "csv-weekly",
        _,
    )
    st.subheader(_("Completion over time"), anchor=False)
    if specs["cumulative"]:
        chart_view.show(specs["cumulative"], lang, _)
    download(
        report.cumulative,
        {
            "week": N_("Week starting"),
            "cumulative": N_("Modules passed"),
            "assigned": N_("Modules assigned"),
            "completion": N_("Completion %"),
        },
        "completion-over-time",
        "csv-cumulative",
        _,
    )

with practices:
    if practices.open:
        practices_section(db, user, team_id, team_reports.PERIODS[period], _, lang)

with remembered:
    if remembered.open:
        recall_section(db, user, modules, team_id, _, lang)

for todo in rest:  # the manager's to-do, for the team chosen above
    with todo:
        if todo.open:
            to_do_panel(db, user, modules, _, lang, "team", team_id)

st.divider()
st.subheader(_("A person's detail"), anchor=False)
people = {row["user_id"]: row["name"] for row in report.grid}
if not people:
    st.caption(_("Choose a team above to open a person's detail."))
    st.stop()
clicked = [p["user_id"] for p in event.selection.get("person", [])] if event else []
if clicked and clicked[0] in people and clicked != st.session_state.get("last_click"):
    st.session_state["person"] = clicked[0]
st.session_state["last_click"] = clicked
person = st.selectbox(
    _("Person"),
    list(people),
    format_func=people.get,
    index=None,
    key="person",
    placeholder=_("Choose a person, or click them in the coaching view"),
)
if person is not None:
    detail = team_reports.person_report(db, user["id"], modules, person)
    rows = [r for r in report.grid if r["user_id"] == person]
    a, b, c = st.columns(3)
    a.metric(_("Modules passed"), f"{sum(1 for r in rows if r['passed'])} / {len(rows)}")
    b.metric(_("Quiz attempts"), len(detail.attempts))
    c.metric(_("Sections read"), sum(r["sections_read"] for r in rows))
    st.markdown("**" + _("Attempts") + "**")
    if detail.attempts:
        st.dataframe(
            [
                {
                    _("Module"): r["module"],
                    _("Attempt"): r["attempt_no"],
                    _("Submitted"): session.moment(r["submitted_at"]),
                    _("Score %"): round(r["percent"]),
                    _("Passed"): bool(r["passed"]),
                }
                for r in reversed(detail.attempts)
            ],
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption(_("No quiz taken yet."))
    st.markdown(_("**Questions missed** — what to coach on"))
    if detail.missed:
        st.dataframe(
            [
                {
                    _("Module"): r["module"],
                    _("Question"): show_html_as_text(r["question"]),
                    _("Missed"): r["missed"],
                    _("Answered"): r["answered"],
                    _("Right at the last try"): (r["latest_credit"] or 0) >= 1,
                }
                for r in detail.missed
            ],
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption(_("No question missed so far."))
    st.caption(
        _("Sections read: {count}; last read {when}.").format(
            count=len(detail.reads), when=session.moment(detail.reads[-1]["read_at"]) if detail.reads else "—"
        )
    )
    if roles.may(user["role"], roles.MANAGE_TEAMS):
        with st.expander(_("Their password"), icon=":material/key:"):
            st.caption(_("Forgotten, or never chosen? Start a reset for this person of your team."))
            if st.button(_("Reset their password"), key=f"team-reset-{person}"):
                outcome = links.reset_for_team_member(db, user["id"], person, session.base_url(), session.now())
                if outcome is None:
                    st.error(_("Only the manager of this person's team may do this."))
                elif outcome == "sent":
                    st.success(_("A link to choose a new password went to their e-mail; it works for an hour."))
                else:
                    st.warning(
                        _(
                            "Give them this temporary password in person; it is shown only now. They choose their own at their next sign-in."
                        )
                    )
                    st.code(outcome, language=None)
