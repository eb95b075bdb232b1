"""Suggestions: anyone proposes an improvement; managers answer for their teams."""

import streamlit as st

from modules import store
from modules.accounts import roles
from modules.practices import service, suggestions
from modules.richtext import plain
from modules.ui import session
from modules.ui.widgets import limited_text, show_paged

db, user = session.require("suggestions")
_ = session.translator()
lang = session.language()
TITLE, BODY, ERRORS = "suggestion-title", "suggestion-body", "suggestion-errors"


def submit() -> None:
    """Runs before the rerun: a refused suggestion keeps what was typed."""
    title, body = st.session_state.get(TITLE, ""), st.session_state.get(BODY, "")
    found = service.suggest(session.database(), user["id"], title, body)
    st.session_state[ERRORS] = found
    if not found:
        st.session_state[TITLE], st.session_state[BODY] = "", ""
        st.toast(_("Thank you: your suggestion is sent to your manager."))


st.title(_("Suggestions"))
st.caption(_("An idea to improve a procedure, an offer or the way we serve customers? Your manager answers every one."))
rows = store.suggestions.suggestions_for(db, user["id"])
answerable = roles.may(user["role"], roles.REVIEW)
mine = [r for r in rows if r["author_id"] == user["id"]]
others = [r for r in rows if r["author_id"] != user["id"]]


def new_suggestion_form() -> None:
    with st.form("new-suggestion"):
        limited_text(_("Title"), suggestions.TITLE_LIMITS[1], TITLE, _, area=False)
        limited_text(
            _("Your idea"),
            suggestions.BODY_LIMITS[1],
            BODY,
            _,
            placeholder=_("What happens today, and what would be better for customers or for the team?"),
        )
        st.form_submit_button(_("Send my suggestion"), type="primary", on_click=submit)
    for problem in st.session_state.get(ERRORS, []):
        st.error(_(problem))


def show(row: store.suggestions.Suggestion, can_answer: bool) -> None:
    with st.container(border=True, key=f"suggestion-{row['id']}"):  # each suggestion is listed once
        st.markdown(f"**{plain(row['title'])}**")
        status_label = suggestions.STATUS_LABELS[row["status"]]
        st.caption(
            _("{author} · {team} · {when} · status: {status}").format(
                author=plain(row["author"]),
                team=plain(row["team"] or "—"),
                when=session.moment(row["created_at"]),
                status=_(status_label),
            )
        )
        st.text(row["body"])
        if row["answer"]:
            st.info(
                _("Answer from {name}: {answer}").format(
                    name=plain(row["answered_by"] or ""), answer=plain(row["answer"])
                )
            )
        if can_answer and row["status"] in suggestions.CLOSED:
            with st.expander(_("Change the answer")):  # a closed idea is settled; reopening it is a choice
                answer_form(row)
        elif can_answer:
            answer_form(row)


def answer_form(row: store.suggestions.Suggestion) -> None:
    with st.form(f"answer-{row['id']}"):
        status = st.selectbox(
            _("Status"),
            list(suggestions.STATUS_LABELS),
            format_func=lambda s: _(suggestions.STATUS_LABELS[s]),
            index=list(suggestions.STATUS_LABELS).index(row["status"]),
        )
        answer = limited_text(
            _("Answer to the author"), suggestions.ANSWER_LIMIT, f"answer-text-{row['id']}", _, value=row["answer"]
        )
        if st.form_submit_button(_("Save the answer")):
            refused = service.answer_suggestion(db, user["id"], row["id"], status, answer)
            if not refused:
                st.rerun()
            for problem in refused:
                st.error(_(problem))


if answerable:  # those who answer see what waits for them first, their own ideas below
    st.subheader(
        _("All suggestions") if roles.may(user["role"], roles.ALL_TEAMS) else _("Suggestions from your teams"),
        anchor=False,
    )
    if not others:
        st.caption(_("No suggestion yet."))
    show_paged(others, lambda row: show(row, bool(row["may_answer"])), "suggestions-shown", _)
    st.subheader(_("Your suggestions"), anchor=False)
    with st.expander(_("Make a suggestion"), expanded=bool(st.session_state.get(ERRORS))):
        new_suggestion_form()
else:
    new_suggestion_form()
    st.subheader(_("Your suggestions"), anchor=False)
if not mine:
    st.caption(_("You have not sent a suggestion yet."))
show_paged(mine, lambda row: show(row, bool(row["may_answer"])), "my-suggestions-shown", _)
service.seen_by_author(db, user["id"], "suggestion")  # Home stops announcing the answers shown here
