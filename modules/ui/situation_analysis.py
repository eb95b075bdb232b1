"""Question analysis' two last parts: how each situation of a practised idea does, and how learners rate
their own words on the "What would you say?" questions."""

from __future__ import annotations

import streamlit as st
from sqlite_utils import Database

from modules.content.model import TrainingModule
from modules.content.rubric import EXPECTED
from modules.i18n import Translate, number
from modules.measurement import question_analysis
from modules.richtext import show_html_as_text


def _percent(share: float | None) -> int | None:
    return None if share is None else round(100 * share)


def show(db: Database, module: TrainingModule, lang: str, _: Translate) -> None:
    practice = question_analysis.in_practice(db, module)
    if practice:
        st.subheader(_("Practice, situation by situation"), anchor=False)
        st.caption(
            _(
                "Each idea is asked in another situation at each practice. A situation far below the others is "
                "worded worse, or tests something else."
            )
        )
        for idea in practice:
            with st.expander(show_html_as_text(idea.prompt)):
                st.dataframe(
                    [
                        {
                            _("Situation"): show_html_as_text(s.prompt),
                            _("Practice answers"): s.answers,
                            _("Right %"): _percent(s.right_share),
                        }
                        for s in idea.situations
                    ],
                    hide_index=True,
                    width="stretch",
                )
    rated = question_analysis.self_ratings(db, module)
    if rated:
        st.subheader(_("What would you say? — learners' own ratings"), anchor=False)
        st.caption(
            _(
                "Not scored: learners rate their own words on the skill's rubric (level {expected} is expected). "
                "A low level, or learners rarely sure, points at a situation the module does not prepare them for."
            ).format(expected=EXPECTED)
        )
        st.dataframe(
            [
                {
                    _("Question"): show_html_as_text(s.prompt),
                    _("After the quiz"): s.after_quiz,
                    _("In practice"): s.in_practice,
                    _("Mean level"): None if s.mean_level is None else number(s.mean_level, lang, 1),
                    _("At level {expected} or above after the quiz %").format(expected=EXPECTED): _percent(
                        s.reached_share
                    ),
                    _("Sure %"): _percent(s.sure_share),
                }
                for s in rated
            ],
            hide_index=True,
            width="stretch",
        )
