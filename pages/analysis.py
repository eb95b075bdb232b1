"""Question analysis (trainers): which questions work, and which mislead."""

import streamlit as st

from modules import analysis, charts, session
from modules.richtext import show_html_as_text
from modules.views import download

db, user = session.require("analysis")
modules = [m for m in session.catalog().for_language(session.language()) if m.has_quiz]

st.title("Question analysis")
if not modules:
    st.info("No module has a quiz yet.")
    st.stop()
left, right = st.columns([3, 2])
titles = {m.id: m.title for m in modules}
chosen = left.selectbox("Module", list(titles), format_func=titles.get)
module = next(m for m in modules if m.id == chosen)
scope = right.segmented_control("Attempts", ["First attempts", "All attempts"], default="First attempts",
                                help="First attempts show what learners knew before practising; all attempts "
                                     "include retakes.") or "First attempts"
stats = analysis.analyse(db, module, first_only=scope == "First attempts")
answered = max((s.answers for s in stats), default=0)
st.caption(f"{answered} {scope.lower()} analysed. Facility is the share who got the question right; discrimination "
           "is the correlation between the question and the rest of the quiz (above 0.3 separates well; below 0, "
           f"strong learners miss it more). Questions with fewer than {analysis.MIN_ANSWERS} answers are not judged.")
if not answered:
    st.info("Nobody has taken this quiz yet.")
    st.stop()

flagged = [s for s in stats if s.flags]
rows = [{"number": s.number, "question": s.prompt, "answers": s.answers,
         "facility": None if s.facility is None else 100 * s.facility, "discrimination": s.discrimination,
         "flagged": "flagged" if s.flags else "fine", "flags": "; ".join(s.flags)} for s in stats]
chart_col, list_col = st.columns([3, 2], gap="large")
with chart_col:
    st.vega_lite_chart(spec=charts.question_map(rows).to_dict(), width="stretch")
with list_col:
    st.subheader(f"{len(flagged)} question(s) to look at", anchor=False)
    for s in flagged:
        st.markdown(f"**{s.number}.** {show_html_as_text(s.prompt)}")
        st.caption(" · ".join(s.flags))

st.dataframe([{"#": r["number"], "Question": r["question"], "Answers": r["answers"], "Facility %": r["facility"],
               "Discrimination": r["discrimination"], "Flags": r["flags"]} for r in rows], hide_index=True, width="stretch",
             column_config={"Facility %": st.column_config.NumberColumn(format="%.0f"),
                            "Discrimination": st.column_config.NumberColumn(format="%.2f")})
download(rows, {"number": "#", "question": "Question", "answers": "Answers", "facility": "Facility %",
                "discrimination": "Discrimination", "flags": "Flags"}, f"questions-{module.id}", "csv-questions")

st.subheader("Answers chosen, question by question", anchor=False)
for s in stats:
    with st.expander(f"{s.number}. {s.prompt}" + (" — flagged" if s.flags else "")):
        st.dataframe([{"Option": o["text"], "Correct": o["correct"], "Chosen": o["chosen"],
                       "Share %": None if o["share"] is None else round(100 * o["share"])} for o in s.options],
                     hide_index=True, width="stretch")
