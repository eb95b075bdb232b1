"""Content status (trainers): every module file, valid or with its problems, as the checker reports them."""

import streamlit as st

from modules import content_report, session, settings
from modules.richtext import plain

session.require("content_status")
catalog = session.catalog()
folder = settings.content_folder()
rows = content_report.file_rows(folder, catalog)

st.title("Content status")
st.caption("The same check as `python -m modules.content check`. A broken file never hides the others; "
           "learners see only the valid ones.")
a, b, c = st.columns(3)
a.metric("Module files", len(rows))
b.metric("Valid", sum(1 for r in rows if r["status"] == "valid"))
c.metric("Problems", len(catalog.problems))
if catalog.problems:
    st.error("Some files have problems and are not shown to learners until they are fixed:")
    st.code("\n".join(str(p) for p in catalog.problems), language=None)
else:
    st.success("Every module file is valid.")

st.dataframe(
    [{"File": r["file"], "Id": r["id"], "Languages": r["languages"], "Sections": r["sections"],
      "Questions": r["questions"], "Pass mark %": r["pass_mark"], "Status": r["status"]} for r in rows],
    hide_index=True, width="stretch",
)
missing = content_report.missing_translations(catalog)
st.subheader("Translations", anchor=False)
if missing:
    st.dataframe([{"Module": r["id"], "Available in": r["has"], "Missing": r["missing"]} for r in missing],
                 hide_index=True, width="stretch")
else:
    st.caption("Every module exists in every language.")
st.caption(f"Content folder: {plain(str(folder))}")
