"""My progress: the learner's own measurement, module by module and over time."""

import streamlit as st

from modules import charts, progress, session, store
from modules.views import BADGES

db, user = session.require("my_progress")
modules = [m for m in session.catalog().for_language(session.language()) if m.is_for(user["role"])]
attempts = store.attempts_of(db, user["id"])
rows = progress.catalog_progress(modules, store.sections_read(db, user["id"]), attempts)
summary = progress.summarise(rows)

st.title("My progress")
a, b, c, d = st.columns(4)
a.metric("Modules passed", f"{summary.passed} / {summary.total}")
b.metric("Average best score", "—" if summary.average_best is None else f"{summary.average_best:.0f} %")
c.metric("Quiz attempts", summary.attempts)
d.metric("Sections read", f"{summary.sections_read} / {summary.sections_total}")

st.dataframe(
    [{"Module": r.module.title, "Status": BADGES[r.status][0], "Sections read": f"{r.sections_read} / {len(r.module.sections)}",
      "Attempts": r.attempts, "Best score %": None if r.best is None else round(r.best),
      "Locked": "yes" if r.locked else ""} for r in rows],
    hide_index=True, width="stretch",
)

if not attempts:
    st.info("No quiz taken yet. Open a module from Home; your scores will appear here.")
    st.page_link("pages/home.py", label="Go to the modules", icon=":material/arrow_forward:")
else:
    titles = {m.id: m.title for m in modules}
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Best score per module", anchor=False)
        st.altair_chart(charts.best_scores([
            {"module": r.module.title, "best": r.best, "pass_mark": r.module.pass_mark, "passed": r.status == progress.PASSED}
            for r in rows if r.best is not None]), width="stretch")
    with right:
        st.subheader("Scores over time", anchor=False)
        st.altair_chart(charts.scores_over_time([
            {"module": titles.get(a["module_id"], a["module_id"]), "submitted_at": a["submitted_at"],
             "percent": a["percent"], "attempt": a["attempt_no"], "passed": "yes" if a["passed"] else "no"}
            for a in attempts]), width="stretch")
