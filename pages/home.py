"""Home: the catalog of training modules with the learner's status on each."""

import streamlit as st

from modules import progress, session, store
from modules.richtext import plain
from modules.views import module_meta, status_badge

db, user = session.require("home")
catalog = session.catalog()
modules = [m for m in catalog.for_language(session.language()) if m.is_for(user["role"])]
rows = progress.catalog_progress(modules, store.sections_read(db, user["id"]), store.attempts_of(db, user["id"]))
summary = progress.summarise(rows)

st.title(f"Welcome, {plain(user['name'].split()[0])}")
st.caption(f"{summary.passed} of {summary.total} modules passed. Happy teams make happy customers.")
if not modules:
    st.info("No training module is published yet. Your trainer will add them here.")

for n, row in enumerate(rows):
    if n % 2 == 0:
        columns = st.columns(2, gap="medium")
    module = row.module
    with columns[n % 2].container(border=True):
        st.subheader(plain(module.title), anchor=False)
        st.markdown(plain(module.summary))
        st.caption(module_meta(module))
        status_badge(row)
        st.progress(row.fraction, text=f"{round(row.fraction * 100)} % done")
        if row.locked:
            st.button("Locked", key=f"open-{module.id}", icon=":material/lock:", disabled=True)
            st.caption("Pass " + ", ".join(f"«{plain(t)}»" for t in row.locked_by) + " first to unlock it.")
        else:
            label = {progress.NOT_STARTED: "Start", progress.IN_PROGRESS: "Continue",
                     progress.PASSED: "Review", progress.FAILED: "Try again"}[row.status]
            if st.button(label, key=f"open-{module.id}", type="primary" if row.status != progress.PASSED else "secondary"):
                st.switch_page("pages/module.py", query_params={"module": module.id})
