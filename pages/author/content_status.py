"""Content status (trainers): every module file, valid or with its problems, as the checker reports them."""

import streamlit as st

from modules import settings
from modules.authoring import content_status
from modules.richtext import plain
from modules.ui import session

session.require("content_status")
_ = session.translator()
catalog = session.catalog()
folder = settings.content_folder()
rows = content_status.file_rows(folder, catalog)

st.title(_("Content status"))
st.caption(
    _(
        "The same check as `python -m modules.content check`. A broken file never hides the others; "
        "learners see only the valid ones."
    )
)
a, b, c = st.columns(3)
a.metric(_("Module files"), len(rows))
b.metric(_("Valid"), sum(1 for r in rows if r["status"] == "valid"))
c.metric(_("Problems"), len(catalog.problems))
if catalog.problems:
    st.error(_("Some files have problems and are not shown to learners until they are fixed:"))
    st.code("\n".join(str(p) for p in catalog.problems), language=None)
else:
    st.success(_("Every module file is valid."))

st.dataframe(
    [
        {
            _("File"): r["file"],
            _("Id"): r["id"],
            _("Languages"): r["languages"],
            _("Sections"): r["sections"],
            _("Questions"): r["questions"],
            _("Pass mark %"): r["pass_mark"],
            _("Status"): _("valid") if r["status"] == "valid" else r["status"],
        }
        for r in rows
    ],
    hide_index=True,
    width="stretch",
)
missing = content_status.missing_translations(catalog)
st.subheader(_("Translations"), anchor=False)
if missing:
    st.dataframe(
        [{_("Module"): r["id"], _("Available in"): r["has"], _("Missing"): r["missing"]} for r in missing],
        hide_index=True,
        width="stretch",
    )
else:
    st.caption(_("Every module exists in every language."))
st.caption(_("Content folder: {folder}").format(folder=plain(folder.name + "/")))  # not the server's own path

st.subheader(_("Skill rubrics"), anchor=False)
st.caption(_("The four observable levels of each skill, used by the Debriefing page; trainers edit them there."))
for row in content_status.rubric_rows(folder, catalog):
    if not row["exists"]:
        st.warning(_("{file} is missing: the Debriefing page falls back to English.").format(file=plain(row["file"])))
        continue
    st.markdown(_("**{file}**: {skills}").format(file=plain(row["file"]), skills=plain(row["skills"]) or "—"))
    if row["problems"]:
        st.code("\n".join(row["problems"]), language=None)
    if row["without_rubric"]:
        st.warning(
            _("Skills trained by modules but with no rubric yet: {skills}").format(skills=plain(row["without_rubric"]))
        )
