"""Search: modules (sections and quiz questions) in the reader's language, and the stories and suggestions
they may see; reached from the search box at the top of the menu on every page."""

import streamlit as st

from modules import search
from modules.richtext import plain
from modules.ui import session

db, user = session.require("search")
_ = session.translator()
lang = session.language()
modules = [m for m in session.catalog().for_language(lang) if m.is_for(user["role"])]

st.title(_("Search"))
with st.form("search-page"):
    query = st.text_input(
        _("Search the academy"),
        value=st.query_params.get("q", ""),
        placeholder=_("A word or two: complaint, welcome, ending…"),
        max_chars=100,
    )
    st.form_submit_button(_("Search"), icon=":material/search:", type="primary")
if not query.strip():
    st.caption(_("Modules, their sections and quiz questions, best failures and suggestions."))
    st.stop()
results = search.search(db, user["id"], modules, query)
if not results.words:
    st.warning(_("Type at least {count} letters.").format(count=search.MIN_LENGTH))
    st.stop()
if not results.count:
    st.info(_("Nothing holds «{query}». Try another word, or fewer words.").format(query=plain(query.strip())))
    st.stop()
ngettext = session.plural_translator()
st.caption(
    ngettext("{count} result for «{query}»", "{count} results for «{query}»", results.count).format(
        count=results.count, query=plain(query.strip())
    )
)
PAGES = {search.STORY: "pages/together/stories.py", search.SUGGESTION: "pages/together/suggestions.py"}
for kind, hits in results.hits.items():
    st.subheader(_(search.KINDS[kind]), anchor=False)
    for hit in hits:
        with st.container(border=True):
            if hit.module_id:
                params = {"module": hit.module_id, **({"section": hit.section} if hit.section else {})}
                st.page_link("pages/learn/module.py", label=plain(hit.title), query_params=params)
            else:
                st.page_link(PAGES[kind], label=plain(hit.title))
            if hit.where:
                st.caption(plain(hit.where))
            st.markdown(plain(hit.quote))
