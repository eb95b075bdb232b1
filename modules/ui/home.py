"""What the practices put on everyone's home page: recognitions, pinned stories, things waiting for you."""

from __future__ import annotations

import streamlit as st
from sqlite_utils import Database

from modules import settings, store
from modules.accounts import roles
from modules.content import rubric
from modules.i18n import Translate
from modules.practices import suggestions
from modules.richtext import plain
from modules.ui import session
from modules.ui.debriefing import REQUESTS_TAB


def for_you(db: Database, user: store.accounts.User, _: Translate, lang: str) -> None:
    """Recognitions received and what colleagues or the survey wait for, above the modules."""
    recognitions = store.debriefing.recognitions(db, user["id"])
    names = rubric.names(settings.content_folder(), lang) if recognitions else {}
    for row in recognitions:
        with st.container(border=True):
            st.markdown(
                _("**Well done and thank you** — {manager}, {when}").format(
                    manager=plain(row["manager"]), when=session.moment(row["created_at"])
                )
            )
            st.caption(_("Skill: {skill}").format(skill=plain(names.get(row["skill"], row["skill"]))))
            st.text(row["went_well"])
    if not roles.may(user["role"], roles.FOLLOW_UP):  # a manager's to-do lists what waits for them
        may_review = roles.may(user["role"], roles.REVIEW)
        waiting_links(
            store.stories.waiting_for_review(db, user["id"]) if may_review else 0,
            store.suggestions.new_for_answer(db, user["id"]) if may_review else 0,
            len(store.debriefing.open_requests(db, user["id"])),
            _,
        )
    _author_news(db, user, _)
    survey = store.surveys.open_survey(db)
    if (
        survey
        and roles.may(user["role"], roles.MEMBER)
        and not store.surveys.has_answered(db, survey["id"], user["id"])
    ):
        st.page_link(
            "pages/together/mirror.py",
            icon=":material/compare_arrows:",
            label=_("Answer the mirror survey «{title}» (2 minutes, anonymous)").format(title=survey["title"]),
        )


NEWS_PAGES = {"story": "pages/together/stories.py", "suggestion": "pages/together/suggestions.py"}


def _author_news(db: Database, user: store.accounts.User, _: Translate) -> None:
    """Tell an author, once, that their story was reviewed or their suggestion answered."""
    for row in store.news.news_for_author(db, user["id"]):
        title = f"«{plain(row['title'])}»"
        if row["kind"] == "story":
            label = (
                _("Your story {title} was approved: everyone can read it now")
                if row["status"] == "approved"
                else _("Your story {title} was not published: read your manager's note")
            ).format(title=title)
        else:
            status = suggestions.STATUS_LABELS[row["status"]]  # a variable: Babel would extract a literal key
            label = _("Your suggestion {title} has an answer: {status}").format(title=title, status=_(status))
        st.page_link(NEWS_PAGES[row["kind"]], icon=":material/mark_email_unread:", label=label)


def waiting_links(stories: int, ideas: int, requests: int, _: Translate) -> None:
    """What waits for this person's answer, each a link to the page that gives it: stories to approve, new
    suggestions, colleagues waiting for a rating."""
    if stories:
        st.page_link(
            "pages/together/stories.py",
            icon=":material/auto_awesome:",
            label=_("A story waits for your approval")
            if stories == 1
            else _("{count} stories wait for your approval").format(count=stories),
        )
    if ideas:
        st.page_link(
            "pages/together/suggestions.py",
            icon=":material/lightbulb:",
            label=_("A new suggestion waits for your answer")
            if ideas == 1
            else _("{count} new suggestions wait for your answer").format(count=ideas),
        )
    if requests:
        label = (
            _("A colleague waits for your rating on the Debriefing page")
            if requests == 1
            else _("{count} colleagues wait for your rating on the Debriefing page").format(count=requests)
        )
        st.page_link(
            "pages/together/debriefing.py",
            icon=":material/record_voice_over:",
            label=label,
            query_params={"tab": REQUESTS_TAB},
        )


def pinned_stories(db: Database, user: store.accounts.User, _: Translate) -> None:
    """The stories managers pinned, below the modules: the team's best moments."""
    pinned = store.stories.stories_for(db, user["id"], pinned_only=True, limit=3)
    if pinned:
        st.divider()
        st.subheader(_("Best failures of the month"), anchor=False)
        for column, story in zip(st.columns(min(len(pinned), 3)), pinned[:3]):
            with column.container(border=True):
                st.markdown(f":material/push_pin: **{plain(story['title'])}**")
                st.caption(
                    _("{author} · {team}").format(author=plain(story["author"]), team=plain(story["team"] or "—"))
                )
                st.text(story["customer_said"])
        st.page_link("pages/together/stories.py", label=_("Read every story"), icon=":material/auto_awesome:")
