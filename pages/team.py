"""Team progress (managers, trainers): figures, charts and each person's detail."""

import streamlit as st

from modules import measurement, reports, session, store
from modules.richtext import plain, show_html_as_text
from modules.views import download, figures_row

db, user = session.require("team")
lang = session.language()
catalog_modules = [m for m in session.catalog().for_language(lang) if m.is_for("employee")]
teams = store.visible_teams(db, user["id"], user["role"])

st.title("Team progress")
if not teams:
    st.info("You do not manage a team yet. Ask an administrator to link you to your team.")
    st.stop()

left, middle, right = st.columns([2, 3, 2])
names = {t["id"]: f"{t['name']} ({t['people']})" for t in teams}
choices = list(names) if len(teams) == 1 else [None, *names]  # None: every team in scope
everyone = "All teams" if user["role"] == "trainer" else "All my teams"
team_id = left.selectbox("Team", choices, format_func=lambda t: everyone if t is None else names[t])
module_ids = middle.multiselect("Modules", [m.id for m in catalog_modules], default=[m.id for m in catalog_modules],
                                format_func=lambda i: next(m.title for m in catalog_modules if m.id == i))
period = right.selectbox("Period", list(measurement.PERIODS), help="Activity charts cover the period; "
                         "each figure is compared with the period just before.")
modules = [m for m in catalog_modules if m.id in module_ids]
if not modules:
    st.warning("Choose at least one module.")
    st.stop()

report, specs = reports.team_report(db, user, modules, team_id, measurement.PERIODS[period], lang)
figures_row(report.figures)

coaching, by_module, activity = st.tabs(["Coaching view", "Modules", "Activity"])
with coaching:
    event = None
    if specs["heatmap"]:
        st.caption("Best score per person and module; ✓ marks a pass. Click a cell to open that person's detail below.")
        event = st.vega_lite_chart(spec=specs["heatmap"], on_select="rerun", selection_mode="person", key="heatmap",
                                   width="stretch")
    else:
        st.info(f"{report.people} people are in this view: choose one team to see each person's scores.")
    download(report.grid, {"team": "Team", "name": "Person", "module": "Module", "status": "Status",
                           "attempts": "Attempts", "best": "Best score %", "sections_read": "Sections read"},
             "people-by-module", "csv-grid")
with by_module:
    st.subheader("Where people are, module by module", anchor=False)
    st.vega_lite_chart(spec=specs["status"], width="stretch")
    download(report.status, {"module": "Module", "status": "Status", "people": "People"}, "module-status", "csv-status")
    st.subheader(f"Scores of attempts, {period.lower()}", anchor=False)
    if specs["distribution"]:
        st.vega_lite_chart(spec=specs["distribution"], width="stretch")
    else:
        st.caption("No attempt in this period.")
    download(report.distribution, {"module": "Module", "band": "Score band from %", "attempts": "Attempts"},
             "score-distribution", "csv-distribution")
with activity:
    st.subheader(f"Weekly activity, {period.lower()}", anchor=False)
    if specs["weekly"]:
        st.vega_lite_chart(spec=specs["weekly"], width="stretch")
    else:
        st.caption("No activity in this period.")
    download(report.weekly, {"week": "Week starting", "active_learners": "Active learners", "attempts": "Attempts",
                             "passes": "Passes"}, "weekly-activity", "csv-weekly")
    st.subheader("Completion over time", anchor=False)
    if specs["cumulative"]:
        st.vega_lite_chart(spec=specs["cumulative"], width="stretch")
    download(report.cumulative, {"week": "Week starting", "cumulative": "Modules passed", "assigned": "Modules assigned",
                                 "completion": "Completion %"}, "completion-over-time", "csv-cumulative")

st.divider()
st.subheader("A person's detail", anchor=False)
people = {row["user_id"]: row["name"] for row in report.grid}
if not people:
    st.caption("Choose a team above to open a person's detail.")
    st.stop()
clicked = [p["user_id"] for p in event.selection.get("person", [])] if event else []
if clicked and clicked[0] in people and clicked != st.session_state.get("last_click"):
    st.session_state["person"] = clicked[0]
st.session_state["last_click"] = clicked
person = st.selectbox("Person", list(people), format_func=people.get, index=None, key="person",
                      placeholder="Choose a person, or click them in the coaching view")
if person is not None:
    detail = measurement.person_report(db, user, modules, person)
    rows = [r for r in report.grid if r["user_id"] == person]
    a, b, c = st.columns(3)
    a.metric("Modules passed", f"{sum(1 for r in rows if r['passed'])} / {len(rows)}")
    b.metric("Quiz attempts", len(detail.attempts))
    c.metric("Sections read", sum(r["sections_read"] for r in rows))
    st.markdown("**Attempts**")
    if detail.attempts:
        st.dataframe([{"Module": r["module"], "Attempt": r["attempt_no"], "Submitted (UTC)": r["submitted_at"],
                       "Score %": round(r["percent"]), "Passed": bool(r["passed"])} for r in reversed(detail.attempts)],
                     hide_index=True, width="stretch")
    else:
        st.caption("No quiz taken yet.")
    st.markdown("**Questions missed** — what to coach on")
    if detail.missed:
        st.dataframe([{"Module": r["module"], "Question": show_html_as_text(r["question"]), "Missed": r["missed"],
                       "Answered": r["answered"], "Right at the last try": (r["latest_credit"] or 0) >= 1}
                      for r in detail.missed], hide_index=True, width="stretch")
    else:
        st.caption("No question missed so far.")
    st.caption(f"Sections read: {len(detail.reads)}; last read "
               f"{plain(detail.reads[-1]['read_at']) if detail.reads else '—'}.")
