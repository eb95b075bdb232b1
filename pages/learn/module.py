"""Module: read the sections one at a time, then take the quiz and see the result."""

import streamlit as st

from modules import i18n, richtext, search, settings, store
from modules.content import rubric
from modules.content import scoring as quiz
from modules.learning import assignments, learner, progress
from modules.richtext import plain
from modules.ui import accessibility, say, session, widgets
from modules.ui.certificates import certificate_button
from modules.ui.widgets import module_meta, show_markdown, status_badge

db, user = session.require("module")
_ = session.translator()
ngettext = session.plural_translator()
lang = session.language()
catalog = session.catalog()
modules = [m for m in catalog.for_language(lang) if m.is_for(user["role"])]
by_id = {m.id: m for m in modules}
module_id = st.query_params.get("module")
module = by_id.get(module_id)

if module is None:
    st.title(_("Module"))
    if module_id:
        st.warning(_("There is no module «{module}» any more. Choose one below.").format(module=plain(module_id)))
    choice = st.selectbox(_("Choose a module"), list(by_id), format_func=lambda i: by_id[i].title, index=None)
    if choice:
        st.query_params["module"] = choice
        st.rerun()
    st.page_link("pages/learn/home.py", label=_("Back to all modules"), icon=":material/arrow_back:")
    st.stop()

attempts = store.learning.attempts_of(db, user["id"], module.id)
catalog_rows = learner.progress_of(db, user["id"], modules)
row = next(r for r in catalog_rows if r.module.id == module.id)

st.set_page_config(page_title=widgets.tab_title(module.title))
st.page_link("pages/learn/home.py", label=_("All modules"), icon=":material/arrow_back:")
st.title(plain(module.title))
st.caption(module_meta(module, lang, rubric.names(settings.content_folder(), lang)))
if module.lang != lang:
    st.caption(
        _("This module is not available in your language yet; it is shown in {language}.").format(
            language=i18n.language_name(module.lang, lang)
        )
    )
status_badge(row, _)

if row.locked:
    st.info(
        _("This module is locked. Pass {modules} first.").format(
            modules=", ".join(f"«{plain(t)}»" for t in row.locked_by)
        )
    )
    for required in module.requires:
        if required in by_id:
            st.page_link(
                "pages/learn/module.py",
                label=_("Open {module}").format(module=plain(by_id[required].title)),
                icon=":material/lock_open:",
                query_params={"module": required},
            )
    st.stop()

read = learner.sections_read(db, user["id"], module)
steps = len(module.sections) + (1 if module.has_quiz else 0)
step_key = f"step:{module.id}"
if asked := st.query_params.get("section"):  # a search result's link: that section, or the quiz, once
    ids = [s.id for s in module.sections] + ([search.QUIZ] if module.has_quiz else [])
    if asked in ids:
        st.session_state[step_key] = ids.index(asked)
    del st.query_params["section"]
if step_key not in st.session_state:
    unread = [i for i, s in enumerate(module.sections) if s.id not in read]
    st.session_state[step_key] = unread[0] if unread else steps - 1


def go(step: int, mark_read: str | None = None) -> None:
    """Move to another step; leaving a section for the next step (Next, or the next one in the contents) records
    it as read. A jump further on does not: a glance at the quiz is not a section read."""
    if mark_read:
        learner.read_section(session.database(), user["id"], module, mark_read)
    st.session_state[step_key] = max(0, min(step, steps - 1))


step = min(st.session_state[step_key], steps - 1)  # the module may have lost sections since
leaving = module.sections[step].id if step < len(module.sections) else None
with st.sidebar.expander(_("Contents"), expanded=True):
    for i, section in enumerate(module.sections):
        icon = ":material/check_circle:" if section.id in read else ":material/radio_button_unchecked:"
        st.button(
            plain(section.title),
            key=f"toc-{i}",
            icon=icon,
            on_click=go,
            args=(i, leaving if i == step + 1 else None),
            type="tertiary",
        )
    if module.has_quiz:
        st.button(
            _("Quiz"),
            key="toc-quiz",
            icon=":material/quiz:",
            on_click=go,
            args=(steps - 1, leaving if steps - 1 == step + 1 else None),
            type="tertiary",
        )
if module.intro and step == 0:
    show_markdown(module.intro, module, _, place="intro")

if step < len(module.sections):
    section = module.sections[step]
    st.progress(
        (step + 1) / steps, text=_("Section {number} of {count}").format(number=step + 1, count=len(module.sections))
    )
    st.header(plain(section.title), anchor=False, divider="gray")
    show_markdown(section.body, module, _, place=f"section-{step}")
    back, _gap, forward = st.columns([1, 2, 1])
    back.button(
        _("Previous"), icon=":material/arrow_back:", on_click=go, args=(step - 1,), disabled=step == 0, width="stretch"
    )
    last = step == len(module.sections) - 1
    label = (_("Go to the quiz") if module.has_quiz else _("Finish the module")) if last else _("Next")
    forward.button(
        label,
        type="primary",
        icon=":material/arrow_forward:",
        icon_position="right",
        on_click=go,
        args=(step + 1, section.id),
        width="stretch",
    )
    if last and not module.has_quiz and section.id in read:
        st.success(_("You have read every section of this module. Well done!"))
    st.stop()

# --- the quiz -----------------------------------------------------------------
st.set_page_config(page_title=widgets.tab_title(_("Quiz"), module.title))
st.progress(1.0, text=_("Quiz"))
st.header(_("Quiz"), anchor=False, divider="gray")
retake_key, number_key, error_key = f"retake:{module.id}", f"attempt_no:{module.id}", f"quiz_error:{module.id}"
FRESH = f"fresh-result:{module.id}"  # the attempt just submitted: its result takes the focus once
if module.quiz_intro:
    show_markdown(module.quiz_intro, module, _, place="quiz-intro")


def widget_key(attempt_no: int, question_id: str) -> str:
    """The widgets of a question, per language: after a language switch the other language's widgets are new
    ones, filled from the kept draft (a radio keeps its choice by its text, which the switch changes)."""
    return f"q:{module.id}:{module.lang}:{attempt_no}:{question_id}"


def answers_from_widgets(attempt_no: int) -> dict[str, set[int]]:
    return {q.id: widgets.chosen(q, widget_key(attempt_no, q.id)) for q in module.questions}


def keep_draft(attempt_no: int) -> None:
    """Each answer is stored as it is chosen: a reload, a lost connection or a closed tab keeps it."""
    learner.keep_draft(session.database(), user["id"], module, attempt_no, answers_from_widgets(attempt_no))


def restore_draft(attempt_no: int) -> bool:
    """Put the answers kept for this attempt back in the widgets when the quiz is first shown in this session
    (True when some were: a reload) and again whenever it is shown in another language than last time (the
    answers stay, shown in that language)."""
    flag = f"restored:{module.id}:{attempt_no}"
    if st.session_state.get(flag) == module.lang:
        return False
    first = flag not in st.session_state
    st.session_state[flag] = module.lang
    kept = learner.draft(db, user["id"], module, attempt_no)
    for question in module.questions:
        widgets.choose(question, widget_key(attempt_no, question.id), kept.get(question.id, set()))
    return first and bool(kept)


def submit(attempt_no: int) -> None:
    """Runs before the rerun: a half-filled form is refused and keeps its answers."""
    answers = answers_from_widgets(attempt_no)
    blank = learner.unanswered(module, answers)
    if blank:
        st.session_state[error_key] = _("Answer every question before submitting. Still blank: {questions}.").format(
            questions=", ".join(  # each a link that takes the learner (and the keyboard) to the question
                "[{}](#question-{})".format(_("question {number}").format(number=n), module.questions[n - 1].id)
                for n in blank
            )
        )
        return
    try:
        result = learner.submit_quiz(
            session.database(), user["id"], module, attempt_no, answers, catalog=modules
        ).result
    except learner.Refused as refused:
        st.session_state[error_key] = _(str(refused))
        st.session_state.pop(number_key, None)
        return
    verdict = _("passed") if result.passed else _("not passed yet")
    st.toast(  # seen wherever the page is scrolled, on a phone too: the form the learner scrolled through is gone
        _("You scored **{score}** (pass mark {mark} %): {verdict}.").format(
            score=i18n.percent(result.percent, lang), mark=module.pass_mark, verdict=verdict
        ),
        icon=":material/emoji_events:" if result.passed else ":material/replay:",
    )
    st.session_state.pop(error_key, None)
    st.session_state.pop(number_key, None)
    st.session_state[retake_key] = False
    st.session_state[FRESH] = attempt_no


def start_retake() -> None:
    st.session_state[retake_key] = True


# A recertification is its own step, not a retake: the pass runs out, and the quiz shows it still holds.
dues = assignments.learner_dues(db, user["id"], modules, session.now())  # the renewal, and what comes next
renewal = next(
    (d for d in dues if d.module.id == module.id and d.recurring and d.passed and d.open),
    None,
)


def quiz_form() -> None:
    attempt_no = st.session_state.setdefault(number_key, learner.next_attempt(db, user["id"], module))
    if renewal:
        st.info(
            _(
                "Recertification: your pass of this module runs out on {date}. Answer without the module open; "
                "a pass renews your certificate."
            ).format(date=i18n.day(renewal.due, lang) if renewal.due else "—"),
            icon=":material/autorenew:",
        )
    st.caption(
        ngettext(
            "Attempt {number}. {count} question; you pass with {mark} %.",
            "Attempt {number}. {count} questions; you pass with {mark} %.",
            len(module.questions),
        ).format(number=attempt_no, count=len(module.questions), mark=module.pass_mark)
    )
    if restore_draft(attempt_no):
        st.info(_("Your answers chosen before were kept. Finish the quiz and submit it."), icon=":material/restore:")
    with st.container(border=True, key=f"quiz-{module.id}-{attempt_no}"):  # not a form: each answer is kept
        for n, item in enumerate(module.questions, 1):
            order = quiz.option_order(module, item, f"{user['id']}:{attempt_no}")
            key = widget_key(attempt_no, item.id)
            widgets.question(module, item, n, key, order, _=_, on_change=lambda n=attempt_no: keep_draft(n))
        st.button(
            _("Submit my answers"),
            type="primary",
            key=f"submit-{module.id}-{attempt_no}",
            on_click=submit,
            args=(attempt_no,),
        )
    if st.session_state.get(error_key):
        st.error(st.session_state[error_key])


REVIEW_VERDICT = {
    "right": ":green[:material/check_circle: " + _("Right") + "]",
    "partly": ":orange[:material/contrast: " + _("Partly right") + "]",
    "wrong": ":red[:material/cancel: " + _("Not right") + "]",
}
REVIEW_CHOSEN = {  # before a pass: what the learner chose, not what was right
    True: ":blue[:material/check_box:] *" + _("your answer:") + "*",
    False: ":gray[:material/check_box_outline_blank:]",
}
REVIEW_OPTION = {
    (True, True): ":green[:material/check_box:]",  # chosen, correct
    (True, False): ":red[:material/disabled_by_default:]",  # chosen, wrong
    (False, True): ":orange[:material/check_box_outline_blank: *" + _("correct answer, not chosen:") + "*]",
    (False, False): ":gray[:material/check_box_outline_blank:]",
}


def shown(text: str) -> str:
    """A trainer's text in the review as the quiz shows it: HTML as text, French spacing in French."""
    return richtext.as_shown(text, module.lang)


def show_review(attempt: dict) -> None:
    if attempt["passed"] or row.status != progress.PASSED:
        verdict = _("passed") if attempt["passed"] else _("not passed yet")
        message = _("You scored **{score}** (pass mark {mark} %): {verdict}.").format(
            score=i18n.percent(attempt["percent"], lang), mark=module.pass_mark, verdict=verdict
        )
    else:  # a retake below the mark does not undo a pass
        message = _(
            "This attempt scored **{score}** (pass mark {mark} %). You have already passed this module, with {best}."
        ).format(score=i18n.percent(attempt["percent"], lang), mark=module.pass_mark, best=i18n.percent(row.best, lang))
    fresh = st.session_state.pop(FRESH, None) == attempt["attempt_no"]
    with accessibility.result(f"{module.id}-{attempt['attempt_no']}" if fresh else None):
        (st.success if attempt["passed"] else st.warning)(
            message, icon=":material/emoji_events:" if attempt["passed"] else None
        )
    if attempt["content_hash"] not in catalog.hashes(module.id):
        st.caption(_("The module has changed since this attempt; the review shows today's questions."))
    answers_shown = attempt["passed"] or row.status == progress.PASSED or module.show_answers
    if not answers_shown:
        st.info(
            _(
                "The right answers are shown once you pass: a retake then tests what you remember, not what you "
                "just read here. Reread the sections behind the questions marked «Not right», then retake the quiz."
            ),
            icon=":material/visibility_off:",
        )
    for item in learner.review(module, store.learning.answers_of(db, attempt["id"])):
        with st.container(border=True, key=f"review-{item.question.id}"):
            verdict = REVIEW_VERDICT["right" if item.right else "partly" if item.partly else "wrong"]
            st.markdown(f"{verdict} **{item.number}. {shown(item.question.prompt)}**")
            for i, option in enumerate(item.question.options):
                chosen, correct = i in item.chosen, i in item.question.correct
                mark = REVIEW_OPTION[(chosen, correct)] if answers_shown else REVIEW_CHOSEN[chosen]
                st.markdown(f"{mark} {shown(option)}")
                feedback = item.question.option_feedback(i)
                if feedback and (chosen or correct) and (answers_shown or chosen):
                    st.caption(shown(feedback))
            if item.question.explanation and (answers_shown or item.right):
                st.info(shown(item.question.explanation), icon=":material/lightbulb:")


def after_a_pass() -> None:
    """A pass is not the end of the page: the certificate, and the next module to open (assigned first)."""
    following = progress.next_step(catalog_rows, module.id, [due.module.id for due in dues])
    certificate, onward = st.columns([1, 2], vertical_alignment="center")
    with certificate:
        if row.last_passed_at:
            certificate_button(user, row, _, lang, key="-result")
    with onward:
        if following is None:
            st.page_link(
                "pages/learn/my_progress.py",
                label=_("Every module is passed: see your progress"),
                icon=":material/insights:",
            )
        else:
            st.page_link(
                "pages/learn/module.py",
                label=_("Next: {module}").format(module=plain(following.module.title)),
                icon=":material/arrow_forward:",
                query_params={"module": following.module.id},
            )


left_attempts = row.attempts_left
if attempts and not st.session_state.get(retake_key):
    show_review(attempts[-1])
    if row.status == progress.PASSED:
        after_a_pass()
    say.after_quiz(user["id"], module, _)
    st.subheader(_("Your attempts"), anchor=False)
    st.caption(
        ngettext(
            "Best score {score} over {count} attempt.", "Best score {score} over {count} attempts.", len(attempts)
        ).format(score=i18n.percent(row.best, lang), count=len(attempts))
    )
    st.dataframe(
        [
            {
                _("Attempt"): a["attempt_no"],
                _("Submitted"): session.moment(a["submitted_at"]),
                _("Score %"): round(a["percent"]),
                _("Passed"): a["passed"],
            }
            for a in reversed(attempts)
        ],
        hide_index=True,
        width="stretch",
    )
    if left_attempts == 0:
        st.info(_("You have used every attempt this module allows. Talk to your manager or trainer."))
    else:
        retake, reread = st.columns(2)
        retake.button(
            _("Start the recertification") if renewal else _("Retake the quiz"),
            icon=":material/autorenew:" if renewal else ":material/replay:",
            on_click=start_retake,
        )
        if row.status != progress.PASSED:  # what the review asks: reread, then retake
            reread.button(_("Reread the sections"), key="reread", icon=":material/menu_book:", on_click=go, args=(0,))
elif left_attempts == 0:
    st.info(_("You have used every attempt this module allows."))
else:
    quiz_form()
