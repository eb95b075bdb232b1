"""Home: the catalog of training modules with the learner's status on each."""

import streamlit as st

from modules import i18n, settings
from modules.accounts import roles
from modules.content import rubric
from modules.learning import assignments, learner, progress
from modules.richtext import plain
from modules.ui import session
from modules.ui.assignments import assigned_to_you, why_here
from modules.ui.follow_up import to_do_panel
from modules.ui.home import for_you, pinned_stories
from modules.ui.recall import daily_card
from modules.ui.widgets import module_meta, status_badge

db, user = session.require("home")
_ = session.translator()
ngettext = session.plural_translator()
lang = session.language()
catalog = session.catalog()
modules = [m for m in catalog.for_language(lang) if m.is_for(user["role"])]
rows = learner.progress_of(db, user["id"], modules)
skill_names = rubric.names(settings.content_folder(), lang)
summary = progress.summarise(rows)

st.title(_("Welcome, {name}").format(name=plain(user["name"].split()[0])))
st.caption(
    ngettext(
        "{passed} of {total} modules passed. Happy teams make happy customers.",
        "{passed} of {total} modules passed. Happy teams make happy customers.",
        summary.passed,
    ).format(passed=summary.passed, total=summary.total)
)
if roles.may(user["role"], roles.FOLLOW_UP):  # a manager's people first: their to-do
    with st.container(border=True):
        to_do_panel(db, user, progress.for_team_members(modules), _, lang, "home")
if not modules:
    st.info(_("No training module is published yet. Your trainer will add them here."))
dues = {due.module.id: due for due in assignments.learner_dues(db, user["id"], modules, session.now())}
assigned_to_you(list(dues.values()), {r.module.id: r.locked_by for r in rows}, _, lang, progress.where_to_start(rows))
for_you(db, user, _, lang)
daily_card(db, user, modules, lang)

ACTIONS = {
    progress.NOT_STARTED: _("Start"),
    progress.IN_PROGRESS: _("Continue"),
    progress.PASSED: _("Review"),
    progress.NOT_PASSED_YET: _("Try again"),
}
for n, row in enumerate(rows):
    if n % 2 == 0:
        columns = st.columns(2, gap="medium")
    module = row.module
    with columns[n % 2].container(border=True):
        st.subheader(plain(module.title), anchor=False)
        st.markdown(plain(module.summary))
        st.caption(module_meta(module, lang, skill_names))
        why_here(dues.get(module.id), _, lang)
        status_badge(row, _)
        st.progress(row.fraction, text=_("{percent} done").format(percent=i18n.percent(100 * row.fraction, lang)))
        if row.locked:
            st.button(_("Locked"), key=f"open-{module.id}", icon=":material/lock:", disabled=True)
            st.caption(
                _("Pass {modules} first to unlock it.").format(
                    modules=", ".join(f"«{plain(t)}»" for t in row.locked_by)
                )
            )
        else:  # a real link: one history entry, so the browser's Back returns here
            st.page_link(
                "pages/learn/module.py",
                label=ACTIONS[row.status],
                icon=":material/arrow_forward:",
                query_params={"module": module.id},
            )
pinned_stories(db, user, _)
