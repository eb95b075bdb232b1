"""Question analysis (trainers): which questions work, and which mislead."""

import streamlit as st

from modules.i18n import N_, number
from modules.measurement import charts, question_analysis, recall_figures
from modules.richtext import show_html_as_text
from modules.ui import chart_view, session, situation_analysis
from modules.ui.widgets import download

db, user = session.require("analysis")
MEMORY = {  # the retention curve's points, per question
    "after a day": N_("Right in practice after a day %"),
    "after a week": N_("Right in practice after a week %"),
    "after a month": N_("Right in practice after a month %"),
}
_, lang = session.translator(), session.language()
ngettext = session.plural_translator()
modules = [m for m in session.catalog().for_language(lang) if m.has_quiz]

st.title(_("Question analysis"))
if not modules:
    st.info(_("No module has a quiz yet."))
    st.stop()
left, right = st.columns([3, 2])
titles = {m.id: m.title for m in modules}
chosen = left.selectbox(_("Module"), list(titles), format_func=titles.get)
module = next(m for m in modules if m.id == chosen)
FIRST, ALL = N_("First attempts"), N_("All attempts")
scope = (
    right.segmented_control(
        _("Attempts"),
        [FIRST, ALL],
        default=FIRST,
        format_func=_,
        help=_("First attempts show what learners knew before practising; all attempts include retakes."),
    )
    or FIRST
)
stats = question_analysis.analyse(db, module, first_only=scope == FIRST, _=_)
answered = max((s.answers for s in stats), default=0)
st.caption(
    _(
        "{count} {scope} analysed. Facility is the share who got the question right; discrimination is the "
        "correlation between the question and the rest of the quiz (above 0.3 separates well; below 0, strong "
        "learners miss it more). Questions with fewer than {minimum} answers are not judged."
    ).format(count=answered, scope=_(scope).lower(), minimum=question_analysis.MIN_ANSWERS)
)
if not answered:
    st.info(_("Nobody has taken this quiz yet."))
    st.stop()

flagged = [s for s in stats if s.flags]
memory = recall_figures.question_memory(db, module)  # how well each question is remembered in daily practice
rows = [
    {
        "number": s.number,
        "question": s.prompt,
        "answers": s.answers,
        "facility": None if s.facility is None else 100 * s.facility,
        "discrimination": s.discrimination,
        "flagged": _("flagged") if s.flags else _("fine"),
        "flags": "; ".join(s.flags),
        **memory[s.question_id],
    }
    for s in stats
]
chart_col, list_col = st.columns([3, 2], gap="large")
with chart_col:
    chart_view.show(charts.spec(charts.question_map(rows, _), lang), lang, _)
with list_col:
    if not flagged:
        st.subheader(_("No question to look at"), anchor=False)
        st.caption(_("Every question with enough answers works as it should."))
    else:
        title = ngettext("{count} question to look at", "{count} questions to look at", len(flagged))
        st.subheader(title.format(count=len(flagged)), anchor=False)
    for s in flagged:
        st.markdown(f"**{s.number}.** {show_html_as_text(s.prompt)}")
        st.caption(" · ".join(s.flags))

st.dataframe(
    [
        {
            "#": r["number"],
            _("Question"): r["question"],
            _("Answers"): r["answers"],
            _("Facility %"): r["facility"],
            _("Discrimination"): None if r["discrimination"] is None else number(r["discrimination"], lang, 2),
            _("Flags"): r["flags"],
            _("Practice answers"): r["practice_answers"],
            **{_(title): r[label] for label, title in MEMORY.items()},
        }
        for r in rows
    ],
    hide_index=True,
    width="stretch",
    column_config={
        _("Facility %"): st.column_config.NumberColumn(format="%.0f"),
        _("Discrimination"): st.column_config.TextColumn(alignment="right"),  # 0,71 in French: Babel, not printf
        **{_(title): st.column_config.NumberColumn(format="%.0f") for title in MEMORY.values()},
    },
)
download(
    rows,
    {
        "number": "#",
        "question": N_("Question"),
        "answers": N_("Answers"),
        "facility": N_("Facility %"),
        "discrimination": N_("Discrimination"),
        "flags": N_("Flags"),
        "practice_answers": N_("Practice answers"),
        **MEMORY,
    },
    f"questions-{module.id}",
    "csv-questions",
    _,
)

st.subheader(_("Answers chosen, question by question"), anchor=False)
for s in stats:
    with st.expander(f"{s.number}. {s.prompt}" + (" — " + _("flagged") if s.flags else "")):
        st.dataframe(
            [
                {
                    _("Option"): o["text"],
                    _("Correct"): o["correct"],
                    _("Chosen"): o["chosen"],
                    _("Share %"): None if o["share"] is None else round(100 * o["share"]),
                }
                for o in s.options
            ],
            hide_index=True,
            width="stretch",
        )

situation_analysis.show(db, module, lang, _)
