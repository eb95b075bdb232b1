"""A "What would you say?" question as a learner meets it: their own words first, then the model answer and
the skill's rubric to rate them on, with how sure they are.

The words stay in the browser session (never stored: free text about a customer is not the portal's to keep);
what is recorded is the level and the confidence, through the service the caller passes as `on_rate`.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from modules import richtext, settings
from modules.content import rubric
from modules.content.model import SayQuestion, TrainingModule
from modules.content.rubric import EXPECTED, Skill
from modules.i18n import N_, Translate
from modules.learning import self_rating
from modules.learning.learner import Refused
from modules.learning.recall import CONFIDENCE
from modules.ui import session
from modules.ui.widgets import show_markdown

SURE = dict(zip(CONFIDENCE, (N_("Not sure"), N_("Fairly sure"), N_("Sure")), strict=True))  # the service's scale


def exercise(
    module: TrainingModule,
    question: SayQuestion,
    skill: Skill | None,
    key: str,
    on_rate: Callable[[int, int], None],
    _: Translate,
) -> None:
    """Prompt and situation, a box for the learner's words, then (on request) the model answer and the rating."""

    def shown(text: str) -> str:
        return richtext.as_shown(text, module.lang)

    with st.container(border=True, key=f"say-{question.id}"):
        st.markdown(f"**{shown(question.prompt)}**")
        if question.scenario:
            show_markdown(question.scenario, module, _)
        st.text_area(
            _("Your words (kept on this screen only)"),
            key=f"{key}:words",
            max_chars=1000,
            placeholder=_("Write what you would say, or say it aloud, before you look at the model answer."),
        )
        revealed = f"{key}:revealed"
        if not st.session_state.get(revealed):
            st.button(
                _("Show the model answer"),
                key=f"{key}:reveal",
                icon=":material/visibility:",
                on_click=st.session_state.__setitem__,
                args=(revealed, True),
            )
            return
        st.info(shown(question.model_answer), icon=":material/record_voice_over:")
        _rating(question, skill, key, on_rate, _)


def _rating(
    question: SayQuestion, skill: Skill | None, key: str, on_rate: Callable[[int, int], None], _: Translate
) -> None:
    levels = range(1, len(skill.levels) + 1) if skill else range(1, rubric.LEVELS + 1)
    name = skill.name if skill else ""
    st.radio(
        _("Which level of «{skill}» do your words reach?").format(skill=name)
        if name
        else _("Which level do your words reach?"),
        list(levels),
        format_func=lambda n: _("Level {n}: {text}").format(n=n, text=skill.levels[n - 1]) if skill else str(n),
        index=None,
        key=f"{key}:level",
    )
    st.caption(_("Level {expected} is what every contact should reach.").format(expected=EXPECTED))
    st.radio(
        _("How sure are you of that level?"),
        list(SURE),
        format_func=lambda n: _(SURE[n]),
        index=None,
        horizontal=True,
        key=f"{key}:sure",
    )

    def rate() -> None:
        level, sure = st.session_state.get(f"{key}:level"), st.session_state.get(f"{key}:sure")
        if level is None or sure is None:
            st.session_state[f"{key}:blank"] = True
            return
        st.session_state.pop(f"{key}:blank", None)
        on_rate(int(level), int(sure))

    st.button(_("Save my rating"), key=f"{key}:rate", type="primary", on_click=rate)
    if st.session_state.get(f"{key}:blank"):
        st.warning(_("Choose the level your words reached and how sure you are."))


def after_quiz(user_id: int, module: TrainingModule, _: Translate) -> None:
    """Below a quiz's result: each "What would you say?" of the module, rated on its skill's rubric (written in
    the button's callback, on the database handle of that run)."""
    if not module.say_questions:
        return
    st.subheader(_("What would you say?"), anchor=False)
    st.caption(
        _(
            "Not scored: put each situation in your own words, then compare them with a model answer and rate them. "
            "They come back in your practice of the day."
        )
    )
    skills = {skill.id: skill for skill in rubric.load(settings.content_folder(), module.lang)[0]}
    for question in module.say_questions:

        def rate(level: int, sure: int, question: SayQuestion = question) -> None:
            try:
                self_rating.rate_after_quiz(session.database(), user_id, module, question, level, sure, session.now())
            except Refused as refused:
                st.toast(_(str(refused)), icon=":material/block:")
                return
            st.toast(_("Rating saved: level {level}.").format(level=level), icon=":material/check_circle:")

        skill = skills.get(module.say_skill(question) or "")
        exercise(module, question, skill, f"say:{module.id}:{module.lang}:{question.id}", rate, _)
        saved = self_rating.rated_today(session.database(), user_id, module, question, session.now())
        if saved:
            st.caption(
                _("Saved today: level {level}, {sure}. A new rating today replaces it.").format(
                    level=saved[0], sure=_(SURE[saved[1]]).lower()
                ),
            )
