"""Signed out: "Forgot your password?" on the sign-in page, and the page a single-use link opens to set one."""

from __future__ import annotations

import streamlit as st
from sqlite_utils import Database

from modules.accounts import links, passwords
from modules.richtext import plain
from modules.ui import session


def forgot_password(db: Database) -> None:
    """Below the sign-in form: the same answer whether or not the name exists."""
    _ = session.translator()
    with st.expander(_("Forgot your password?")):
        if not links.can_email():
            st.info(_("Ask your manager or your administrator: they can give you a new password."))
            return
        with st.form("forgot-password", clear_on_submit=True, enter_to_submit=False):
            name = st.text_input(_("Your username or e-mail address"), autocomplete="username")
            asked = st.form_submit_button(_("Send me a link"))
        if asked and name.strip():
            links.request_reset(db, name, session.base_url(), session.now())
            st.success(
                _(
                    "If this account exists and has an e-mail address, a link to choose a new password is on its "
                    "way; it works once, for an hour. Nothing came? Ask your manager or your administrator."
                )
            )


def set_password_page(db: Database) -> None:
    """What an invitation or a reset link opens: choose a password, once."""
    _ = session.translator()
    token = st.query_params.get("token", "")
    holder = links.holder(db, token, session.now()) if token else None
    st.title(_("Choose your password"))
    if holder is None and not st.session_state.get("password-set"):
        st.error(_(links.LINK_UNUSABLE))
        st.markdown(f"[{_('Go to the sign-in page')}](./)")
        return
    if st.session_state.get("password-set"):
        st.success(_("Your password is set. Sign in with your username and it."))
        st.markdown(f"[{_('Go to the sign-in page')}](./)")
        return
    st.caption(_("For {name} (username {username}).").format(name=plain(holder["name"]), username=holder["username"]))
    with st.form("set-password", enter_to_submit=False):
        new = st.text_input(
            _("New password"),
            type="password",
            autocomplete="new-password",
            help=_("At least {count} characters, not one of the most common passwords.").format(
                count=passwords.MIN_LENGTH
            ),
        )
        again = st.text_input(_("New password again"), type="password", autocomplete="new-password")
        chosen = st.form_submit_button(_("Set my password"), type="primary")
    if chosen:
        refused = links.set_password(db, token, new, again, session.now())
        for problem in refused:
            st.error(passwords.said(problem, _))
        if not refused:
            st.session_state["password-set"] = True
            st.query_params.clear()
            st.rerun()
