"""My progress: the learner's own measurement, module by module and over time."""

import streamlit as st

from modules import i18n, settings, store
from modules.content import rubric
from modules.learning import assignments, learner, progress, recall
from modules.measurement import charts, recall_charts, recall_figures
from modules.ui import chart_view, session
from modules.ui.assignments import due_text
from modules.ui.certificates import certificates_section, email_switch
from modules.ui.widgets import BADGES

db, user = session.require("my_progress")
_ = session.translator()
lang = session.language()
modules = [m for m in session.catalog().for_language(lang) if m.is_for(user["role"])]
attempts = store.learning.attempts_of(db, user["id"])
rows = learner.progress_of(db, user["id"], modules)
summary = progress.summarise(rows)
dues = {d.module.id: d for d in assignments.learner_dues(db, user["id"], modules, session.now())}

st.title(_("My progress"))
a, b, c, d = st.columns(4)
a.metric(_("Modules passed"), f"{summary.passed} / {summary.total}")
b.metric(_("Average best score"), i18n.percent(summary.average_best, lang))
c.metric(_("Quiz attempts"), summary.attempts)
d.metric(_("Sections read"), f"{summary.sections_read} / {summary.sections_total}")

st.dataframe(
    [
        {
            _("Module"): r.module.title,
            _("Status"): _(BADGES[r.status][0]),
            _("Sections read"): f"{r.sections_read} / {len(r.module.sections)}",
            _("Attempts"): r.attempts,
            _("Best score"): "—" if r.best is None else i18n.percent(r.best, lang),
            _("Locked"): _("yes") if r.locked else "",
            _("Assigned"): due_text(dues[r.module.id], _, lang) if r.module.id in dues else "",
        }
        for r in rows
    ],
    hide_index=True,
    width="stretch",
)

if not attempts:
    st.info(_("No quiz taken yet. Open a module from Home; your scores will appear here."))
    st.page_link("pages/learn/home.py", label=_("Go to the modules"), icon=":material/arrow_forward:")
else:
    titles = {m.id: m.title for m in modules}
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(_("Best score per module"), anchor=False)
        chart_view.show(
            charts.spec(
                charts.best_scores(
                    [
                        {
                            "module": r.module.title,
                            "best": r.best,
                            "pass_mark": r.module.pass_mark,
                            "passed": r.status == progress.PASSED,
                        }
                        for r in rows
                        if r.best is not None
                    ],
                    _,
                ),
                lang,
            ),
            lang,
            _,
        )
    with right:
        st.subheader(_("Scores over time"), anchor=False)
        chart_view.show(
            charts.spec(
                charts.scores_over_time(
                    [
                        {
                            "module": titles.get(a["module_id"], a["module_id"]),
                            "submitted_at": a["submitted_at"],
                            "percent": a["percent"],
                            "attempt": a["attempt_no"],
                            "passed": _("yes") if a["passed"] else _("no"),
                        }
                        for a in attempts
                    ],
                    _,
                ),
                lang,
            ),
            lang,
            _,
        )

mine = recall_figures.person_recall(db, user["id"], modules, session.now())
if mine["recall"] is not None:
    st.subheader(_("What you remember"), anchor=False)
    a, b, c = st.columns(3)
    a.metric(_("Predicted recall today"), i18n.percent(mine["recall"], lang))
    b.metric(_("Practice streak"), recall.streak(db, user["id"], session.now()))
    today = recall.todays_practice(db, user["id"], modules, session.now())  # what Home asks today, the same count
    c.metric(
        _("Due today"),
        len(today.items),
        help=_(
            "{count} questions are waiting to come back; the practice of the day on Home asks up to {daily} a day, "
            "the rest come back on the days after."
        ).format(count=mine["due"], daily=recall.DAILY),
    )
    if mine["skills"]:
        names = rubric.names(settings.content_folder(), lang)
        chart_view.show(charts.spec(recall_charts.skill_recall(mine["skills"], names, _), lang), lang, _)

st.divider()
certificates_section(user, rows, _, lang)
email_switch(db, user, _)
