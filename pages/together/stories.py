"""Best failures: a problem turned into a great customer experience, told so others learn from it."""

import streamlit as st

from modules import store
from modules.practices import service, stories
from modules.richtext import plain
from modules.ui import session
from modules.ui.widgets import limited_text, show_paged, shown_limit

db, user = session.require("stories")
_ = session.translator()
lang = session.language()
FIELDS = {"title": "story-title", "happened": "story-happened", "did": "story-did", "customer_said": "story-said"}
ERRORS = "story-errors"
REVIEWED = "story-reviewed"  # what the last approval or refusal did, said once after the rerun


def submit() -> None:
    """Runs before the rerun: a refused story keeps what was typed."""
    values = {name: st.session_state.get(key, "") for name, key in FIELDS.items()}
    found = service.tell_story(session.database(), user["id"], **values)
    st.session_state[ERRORS] = found
    if not found:
        for key in FIELDS.values():
            st.session_state[key] = ""
        st.toast(_("Thank you: your manager will read your story before everyone sees it."))


st.title(_("Best failures"))
if reviewed := st.session_state.pop(REVIEWED, None):
    st.success(reviewed, icon=":material/check_circle:")
st.caption(
    _(
        "A problem you turned into a great moment for a customer is worth more than a success: "
        "tell it, so the whole team learns how to do it."
    )
)
with st.expander(_("Tell a story"), expanded=bool(st.session_state.get(ERRORS))):
    with st.form("new-story"):
        limited_text(_("Title"), stories.TITLE_LIMITS[1], FIELDS["title"], _, area=False)
        limited_text(_("What happened"), stories.TEXT_LIMITS[1], FIELDS["happened"], _)
        limited_text(_("What you did"), stories.TEXT_LIMITS[1], FIELDS["did"], _)
        limited_text(_("What the customer said"), stories.TEXT_LIMITS[1], FIELDS["customer_said"], _)
        st.form_submit_button(_("Send my story"), type="primary", on_click=submit)
    for problem in st.session_state.get(ERRORS, []):
        st.error(_(problem))


def show(story: store.stories.Story) -> None:
    with st.container(border=True, key=f"story-{story['id']}"):  # each story is listed once
        pin, status = " :material/push_pin:" if story["pinned"] else "", stories.STATUS_LABELS[story["status"]]
        st.markdown(f"**{plain(story['title'])}**{pin}")
        st.caption(
            _("{author} · {team} · {when} · {status}").format(
                author=plain(story["author"]),
                team=plain(story["team"] or "—"),
                when=session.moment(story["created_at"]),
                status=_(status),
            )
        )
        for label, name in (
            (_("What happened"), "happened"),
            (_("What they did"), "did"),
            (_("What the customer said"), "customer_said"),
        ):
            st.markdown(f"**{label}**")
            st.text(story[name])
        if story["review_note"]:
            st.info(
                _("Note from {name}: {note}").format(
                    name=plain(story["reviewed_by"] or ""), note=plain(story["review_note"])
                )
            )
        actions(story)


def actions(story: store.stories.Story) -> None:
    """Thank, approve or not, pin: each button only for whom it applies, side by side."""
    key = story["id"]
    note = ""
    if story["may_review"] and story["status"] != "approved":
        note = limited_text(_("Note to the author (optional)"), stories.NOTE_LIMIT, f"note-{key}", _, area=False)
    slots = iter(st.columns(4))
    if story["status"] == "approved":
        mine = story["author_id"] == user["id"]
        label = (
            _("Thanks received ({count})")
            if mine
            else _("Thanked ({count})")
            if story["thanked"]
            else _("Thank you ({count})")
        )
        if next(slots).button(
            label.format(count=story["thanks"]),
            key=f"thank-{key}",
            icon=":material/favorite:",
            disabled=bool(story["thanked"] or mine),
        ):
            service.thank_story(db, user["id"], key)
            st.rerun()
    if not story["may_review"]:
        return
    approve = story["status"] != "approved" and next(slots).button(_("Approve"), key=f"approve-{key}", type="primary")
    decline = story["status"] == "waiting" and next(slots).button(_("Do not publish"), key=f"decline-{key}")
    if approve or decline:
        refused = stories.note_problems(note)
        for problem in refused:
            st.error(_(problem))  # the note stays in its field
        if not refused:
            service.review_story(db, user["id"], key, bool(approve), note)
            st.session_state[REVIEWED] = (
                _("«{title}» is published: everyone sees it now.")
                if approve
                else _("«{title}» stays unpublished; its author sees your note.")
            ).format(title=plain(story["title"]))
            st.rerun()
    if story["status"] == "approved":
        label = _("Unpin from the home page") if story["pinned"] else _("Pin to the home page")
        if next(slots).button(label, key=f"pin-{key}", icon=":material/push_pin:"):
            service.pin_story(db, user["id"], key, not story["pinned"])
            st.rerun()


rows = store.stories.unpublished(db, user["id"])
waiting = [s for s in rows if s["status"] == "waiting" and s["may_review"]]
own = [s for s in rows if s["author_id"] == user["id"] and s not in waiting]
published, total = store.stories.published(db, user["id"], shown_limit("stories-shown"))
if waiting:
    st.subheader(_("Waiting for your approval"), anchor=False)
    for story in waiting:
        show(story)
if own:
    st.subheader(_("Your stories not yet published"), anchor=False)
    for story in own:
        show(story)
st.subheader(_("Stories of the academy"), anchor=False)
if not published:
    st.caption(_("No story published yet: be the first."))
show_paged(published, show, "stories-shown", _, total=total)
service.seen_by_author(db, user["id"], "story")  # Home stops announcing the reviews shown here
