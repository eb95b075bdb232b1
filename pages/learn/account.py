"""My account: a new password, the language, the reminder e-mails."""

import time

import streamlit as st

from modules import i18n
from modules.accounts import passwords
from modules.accounts import service as account_service
from modules.ui import login, session
from modules.ui.certificates import email_switch

db, user = session.require("account")
CHANGED = "password-changed"
_ = session.translator()

st.title(_("My account"))
st.caption(
    _("Signed in as {username} ({name}). Your name, team and role are kept by your administrator.").format(
        username=user["username"], name=user["name"]
    )
)

st.subheader(_("Change my password"), anchor=False)
with st.form("password-form", clear_on_submit=False, enter_to_submit=False):
    current = st.text_input(_("Current password"), type="password", autocomplete="current-password")
    new = st.text_input(
        _("New password"),
        type="password",
        autocomplete="new-password",
        help=_("At least {count} characters, not one of the most common passwords.").format(count=passwords.MIN_LENGTH),
    )
    again = st.text_input(_("New password again"), type="password", autocomplete="new-password")
    changed = st.form_submit_button(_("Change my password"), type="primary")
if changed:
    refused = account_service.change_password(db, user["username"], current, new, again)
    for problem in refused:
        st.error(passwords.said(problem, _))
    if not refused:
        login.keep_this_session()  # the others ended with the change; this one goes on, with a new cookie
        st.session_state[CHANGED] = time.monotonic()  # the new cookie's own reruns follow: the message stays
if time.monotonic() - st.session_state.get(CHANGED, -60.0) < 30:
    st.success(_("Your password is changed. Your other sessions (other browsers, other devices) have ended."))
    if user["must_change_password"]:  # the rest of the academy opens at the next click
        st.button(_("Continue to my academy"), type="primary", icon=":material/arrow_forward:")

st.subheader(_("Language"), anchor=False)
st.caption(
    _("The portal speaks {language} to you; change it in the sidebar, on any page.").format(
        language=i18n.language_name(session.language(), session.language())
    )
)
email_switch(db, user, _)
