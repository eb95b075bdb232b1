"""The bell at the top of the menu: what is new for this person, each a link to where it is, and a way to
mark it all read. Its button says how many are new, in words a screen reader reads out."""

from __future__ import annotations

import streamlit as st
from sqlite_utils import Database

from modules import notifications, settings, store
from modules.accounts import roles
from modules.content import rubric
from modules.i18n import Translate
from modules.richtext import plain
from modules.ui import session


def bell(db: Database, user: store.accounts.User, _: Translate, lang: str) -> None:
    found = notifications.bell(
        db, user["id"], session.catalog(), rubric.names(settings.content_folder(), lang), lang, session.now()
    )
    label = _("Notifications: {count} new").format(count=found.unread) if found.unread else _("Notifications")
    icon = ":material/notifications_active:" if found.unread else ":material/notifications:"
    with st.popover(label, icon=icon, width="stretch", key="bell"):
        if not found.notices:
            st.caption(_("Nothing new in the last 30 days."))
        for notice in found.notices:
            text = plain(notice.text)
            label_text = _("New: {text}").format(text=text) if notice.new else text
            if notice.module_id:
                st.page_link("pages/learn/module.py", label=label_text, query_params={"module": notice.module_id})
            else:
                st.page_link(roles.page(notice.page).file, label=label_text)
            st.caption(session.moment(notice.when))
        if found.unread:
            st.button(
                _("Mark all as read"), key="bell-read", on_click=_read, args=(user["id"],), icon=":material/done_all:"
            )


def _read(user_id: int) -> None:
    notifications.mark_read(session.database(), user_id, session.now())
