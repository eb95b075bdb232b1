"""The practice of the day on Home: one question at a time, immediate feedback, a streak."""

from __future__ import annotations

import uuid
from datetime import datetime

import streamlit as st
from sqlite_utils import Database

from modules import i18n, settings, store
from modules.content import rubric
from modules.content import scoring as quiz
from modules.content.model import Question, SayQuestion, TrainingModule
from modules.learning import recall
from modules.richtext import as_shown
from modules.store import clock
from modules.ui import accessibility, say, session, widgets

LAST = "recall-last"  # the feedback on the answer just given, shown above the next question


def daily_card(db: Database, user: store.accounts.User, modules: list[TrainingModule], lang: str) -> None:
    """Shown once the learner has passed a module; three minutes a day keep what they learned."""
    passes = recall.first_passes(db, user["id"], modules)
    if not passes:
        return
    _, ngettext = i18n.translator(lang), i18n.plural_translator(lang)
    now = session.now()
    practice = recall.todays_practice(db, user["id"], modules, now)
    with st.container(border=True, key="daily-practice"):
        st.subheader(_("Practice of the day"), anchor=False)
        days = ngettext("{count} day in a row", "{count} days in a row", practice.streak).format(count=practice.streak)
        st.caption(
            _(
                "A few questions from the modules you passed, back just before you would forget them. Streak: {days}."
            ).format(days=days)
        )
        _last_feedback(_, ngettext)
        if practice.done_for_today:
            st.success(
                _("Done for today: {right} of {count} right. See you tomorrow!").format(
                    right=practice.right, count=practice.answered
                ),
                icon=":material/local_fire_department:",
            )
        elif not practice.items and recall.starts_tomorrow(passes, now):
            st.info(
                _(
                    "Your practice starts tomorrow: a few questions of what you passed today, once you have slept on "
                    "it. Recalling something a day later is what makes it stay."
                ),
                icon=":material/event_upcoming:",
            )
        elif not practice.items:
            st.info(_("Nothing to practise today: your next questions come back tomorrow or later."))
        else:
            _question(practice, now, _)


def _question(practice: recall.Practice, now: datetime, _: i18n.Translate) -> None:
    item = practice.items[0]
    number = practice.answered + 1
    total = practice.answered + len(practice.items)
    st.caption(
        _("Question {number} of {total} · {module}").format(number=number, total=total, module=item.module.title)
    )
    shown = item.shown
    day = f"recall:{clock.today(now).isoformat()}:{item.module.id}:{shown.id}"
    if isinstance(shown, SayQuestion):
        skills = {skill.id: skill for skill in rubric.load(settings.content_folder(), item.module.lang)[0]}
        skill = skills.get(item.module.say_skill(shown) or "")
        say.exercise(
            item.module, shown, skill, f"{day}:{item.module.lang}", lambda level, sure: _rate(item, level, sure), _
        )
        return
    order = quiz.option_order(item.module, shown, day)  # shuffled as in the quiz when the module says so
    key = _carried_over(shown, item.module.lang, day)
    widgets.question(item.module, shown, number, key, order, _=_)
    st.button(
        _("Check my answer"),
        type="primary",
        key=f"{key}:check",
        on_click=_check,
        args=(item, key),
    )


def _carried_over(question: Question, lang: str, day: str) -> str:
    """The question's widgets in the module's language: after a language switch they are new ones (a radio keeps
    its choice by its text, which the switch changes), given the answer already chosen in the other language."""
    key = f"{day}:{lang}"
    if not widgets.chosen(question, key):
        for other in i18n.LANGUAGES:
            before = widgets.chosen(question, f"{day}:{other}")
            if other != lang and before:
                widgets.choose(question, key, before)
                break
    return key


def _check(item: recall.PracticeItem, key: str) -> None:
    """Runs before the rerun: record once, keep the feedback to show above the next question."""
    question = item.shown
    assert isinstance(question, Question)
    chosen = widgets.chosen(question, key)
    if not chosen:
        st.session_state[LAST] = {"blank": True, "id": uuid.uuid4().hex}
        return
    user = session.signed_in_user(session.database())
    if user is None:
        return
    feedback = recall.answer(session.database(), user["id"], item, chosen, session.now())
    st.session_state[LAST] = {
        "id": uuid.uuid4().hex,
        "right": feedback.right,
        "prompt": question.prompt,
        "answer": [question.options[i] for i in sorted(question.correct)],
        "explanation": question.explanation or "",
        "lang": item.module.lang,  # shown with its language's typography, as the question was
        "days": feedback.next_in_days,
    }


def _rate(item: recall.PracticeItem, level: int, sure: int) -> None:
    """A "What would you say?" rated by the learner: recorded once, its next time shown above the next question."""
    user = session.signed_in_user(session.database())
    if user is None:
        return
    feedback = recall.answer_say(session.database(), user["id"], item, level, sure, session.now())
    st.session_state[LAST] = {
        "id": uuid.uuid4().hex,
        "rated": level,
        "right": feedback.right,
        "prompt": item.shown.prompt,
        "lang": item.module.lang,
        "days": feedback.next_in_days,
    }


def _last_feedback(_: i18n.Translate, ngettext: i18n.Plural) -> None:
    last = st.session_state.pop(LAST, None)
    if not last:
        return
    with accessibility.result(last.get("id")):  # the feedback takes the focus: read at once, then the next question
        if last.get("blank"):
            st.warning(_("Choose an answer first."))
            return
        lang = last.get("lang", "en")
        if last.get("rated"):
            st.success(
                _("Rating saved for «{prompt}»: level {level}.").format(
                    prompt=as_shown(last["prompt"], lang), level=last["rated"]
                ),
                icon=":material/check_circle:",
            )
        elif last["right"]:
            st.success(
                _("Right: «{prompt}»").format(prompt=as_shown(last["prompt"], lang)), icon=":material/check_circle:"
            )
        else:
            st.warning(
                _("Not quite. The answer to «{prompt}»: {answer}").format(
                    prompt=as_shown(last["prompt"], lang),
                    answer=" · ".join(as_shown(a, lang) for a in last["answer"]),
                ),
                icon=":material/replay:",
            )
        if last.get("explanation"):
            st.caption(as_shown(last["explanation"], lang))
        days = max(1, round(last["days"]))
        st.caption(
            ngettext(
                "This question comes back tomorrow.", "This question comes back in about {days} days.", days
            ).format(days=days)
        )
