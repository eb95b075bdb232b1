"""Content status (trainers): every module and every problem, as the checker reports them."""

import streamlit as st

from modules import session, settings
from modules.richtext import plain

session.require("content_status")
catalog = session.catalog()
st.title("Content status")
st.caption("The same check as `python -m modules.content check`. A broken file never hides the others.")

a, b = st.columns(2)
a.metric("Valid modules", len({m.id for m in catalog.modules}))
b.metric("Problems", len(catalog.problems))
if catalog.problems:
    st.error("Some files have problems and are not shown to learners until they are fixed:")
    st.code("\n".join(str(p) for p in catalog.problems), language=None)
else:
    st.success("Every module file is valid.")

st.dataframe(
    [{"Id": m.id, "Title": m.title, "Languages": ", ".join(catalog.languages(m.id)), "Sections": len(m.sections),
      "Questions": len(m.questions), "Pass mark %": m.pass_mark,
      "Requires": ", ".join(m.requires), "File": m.path} for m in catalog.for_language("en")],
    hide_index=True, width="stretch",
)
st.caption(f"Content folder: {plain(str(settings.content_folder()))}")
