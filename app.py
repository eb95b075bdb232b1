"""Service Academy entry point: page config, login, language, and navigation by role.

The page list is rebuilt from `modules.accounts.roles` on every run, so a page
a role may not use is never registered and its URL cannot open it. The run's
database handle is closed when the run ends, however it ends.
"""

from __future__ import annotations

import logging
import time

import streamlit as st
from sqlite_utils import Database

from modules import i18n, settings, store
from modules.accounts import links, lockout, roles
from modules.accounts import service as account_service
from modules.measurement import warming
from modules.reminders import background
from modules.richtext import plain
from modules.ui import accessibility, login, password_link, session, sso, widgets
from modules.ui.bell import bell


def sign_in(db: Database, authenticator) -> None:
    """The sign-in form, with what the academy is for beside it."""
    _ = session.translator()
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.title(_("Service Academy"))
        st.markdown(
            _(
                "**Happy teams make happy customers.** Learn the welcome, emotional intelligence "
                "and the moments of truth that customers remember, and see your progress."
            )
        )
    if store.engine.is_empty(db):  # a new install without the demo: say how the first account is made
        right.info(
            _(
                "This academy has no account yet. An administrator creates the first one on the server: "
                "`python -m modules.accounts add USERNAME --name NAME --role trainer`, or imports a roster."
            )
        )
    local = sso.local_form_shown()
    with right:
        if sso.providers():
            st.subheader(_("Sign in"), anchor=False)
            sso.refusal()
            sso.buttons()
        place = st.container() if local else st.expander(_("Administrators: sign in with a local account"))
    if session.language() != "en":  # Streamlit writes its "Press Enter to submit form" in English only
        st.html("<style>.st-key-sign-in [data-testid='InputInstructions'] {display: none}</style>")
    with place, st.container(key="sign-in"), st.form("Login"):
        if local:
            st.subheader(_("Sign in") if not sso.providers() else _("…or with your academy password"), anchor=False)
        username = st.text_input(_("Username"), autocomplete="username")
        password = st.text_input(_("Password"), type="password", autocomplete="current-password")
        submitted = st.form_submit_button(_("Sign in"), type="primary")
    if local:
        with right:
            password_link.forgot_password(db)
    if not submitted:
        return
    outcome, account = lockout.sign_in(db, username, password)
    if outcome is lockout.Outcome.SIGNED_IN and not local and not roles.may(account["role"], roles.MANAGE_PEOPLE):
        right.error(_("Sign in with your company account."))  # the local form is kept for administrators only
    elif outcome is lockout.Outcome.SIGNED_IN:
        login.start_session(authenticator, account)
        right.success(_("Signed in. Opening your academy…"))
    elif outcome is lockout.Outcome.DEACTIVATED:
        right.error(_("This account has been closed. If you work here again, ask your manager or administrator."))
    elif outcome is lockout.Outcome.LOCKED:
        right.error(_(lockout.LOCKED_TEMPLATE).format(minutes=lockout.LOCK_MINUTES, failures=lockout.MAX_FAILURES))
    else:
        right.error(_("Wrong username or password. Check both and try again."))


def change_language(user_id: int) -> None:
    chosen = st.session_state["language-choice"]
    if account_service.choose_language(session.database(), user_id, chosen):
        st.session_state[session.LANGUAGE_KEY] = chosen


def search_box(_: i18n.Translate) -> None:
    """Search from every page: the words go to the Search page, which shows what holds them."""
    with st.form("search-box", border=False, enter_to_submit=True):
        words = st.text_input(
            _("Search"), placeholder=_("Modules, stories, suggestions"), key="search-words", max_chars=100
        )
        asked = st.form_submit_button(_("Search"), icon=":material/search:")
    if asked and words.strip():
        st.switch_page(roles.page("search").file, query_params={"q": words.strip()})


def sidebar(user: store.accounts.User, authenticator) -> None:
    _ = session.translator()
    with st.sidebar:
        search_box(_)
        bell(session.database(), user, _, session.language())
        team = f" · {user['team']}" if user.get("team") else ""
        st.markdown(f"**{plain(user['name'])}**")
        st.caption(f"{_(roles.ROLE_LABELS[user['role']])}{plain(team)}")
        languages = list(i18n.LANGUAGES)
        st.selectbox(
            _("Language"),
            languages,
            index=languages.index(session.language()),
            key="language-choice",
            format_func=i18n.LANGUAGES.get,
            on_change=change_language,
            args=(user["id"],),
        )
        authenticator.logout(
            _("Log out"),
            location="sidebar",
            key="sidebar-logout",
            callback=lambda signed_out: (
                account_service.sign_out_everywhere(session.database(), signed_out["username"]),
                sso.end(),
            ),
        )  # ends this account's sessions in every tab and on every machine, and its cookies with them


def verify_page(_: i18n.Translate) -> st.Page:
    """The public certificate check: open to everyone, signed in or not, never listed in the menu."""
    access = roles.PUBLIC_PAGE
    return st.Page(access.file, title=_(access.title), icon=access.icon, url_path=access.url_path, visibility="hidden")


def main() -> None:
    st.set_page_config(page_title="Service Academy", page_icon=":material/school:", layout="wide")
    db = session.database()
    background.maybe_send(settings.database(), settings.content_folder())  # digests and notifications, with e-mail
    warming.maybe_warm(db, settings.database(), settings.content_folder())  # a head office's reports ahead
    authenticator = login.authenticator()
    cookie = st.context.cookies.get(login.COOKIE_NAME)  # as the browser sent it when this session connected
    if not st.session_state.get("authentication_status") and isinstance(cookie, str):
        found = login.from_cookie(db, cookie)  # re-authentication, before navigation
        if found is None:
            login.forget(authenticator)  # a forged, stale or foreign cookie: signed out, the cookie deleted
        else:
            login.resume(*found)
    if not st.session_state.get("authentication_status"):
        sso.open_account(db, authenticator)  # back from the company's sign-in page
    user = session.signed_in_user(db)
    if user is not None and user["deactivated_at"]:  # a leaver deactivated while signed in: out at this click
        user = None
    if user is None and st.session_state.get("authentication_status"):  # account removed or closed since sign-in
        login.forget(authenticator)
    if user is not None:
        if st.session_state.get(login.SINCE) is None:  # a session signed in before this version
            st.session_state[login.SINCE] = time.time()
        if login.ended(user, st.session_state[login.SINCE]):  # signed out elsewhere, or a new password
            login.forget(authenticator)
            user = None
    _ = session.translator()
    if user is None:
        # The sign-in form answers at every page's address too: a link to a page, opened signed out, shows the
        # form (not "Page not found"), and once signed in the same address opens the page it named.
        paths = ["sign-in", *(access.url_path for access in roles.PAGES if access.key != "home")]
        page = st.navigation(
            [
                st.Page(
                    lambda: sign_in(db, authenticator),
                    title=_("Sign in"),
                    icon=":material/login:",
                    url_path=path,
                    default=path == "sign-in",
                )
                for path in paths
            ]
            + [
                st.Page(
                    lambda: password_link.set_password_page(db),
                    title=_("Choose your password"),
                    icon=":material/key:",
                    url_path=links.SET_PASSWORD_PATH,
                ),
                verify_page(_),
            ],
            position="hidden",
        )
    elif user["must_change_password"]:  # a temporary password from an administrator: their own one first
        session.use_language_of(user)
        _ = session.translator()
        st.warning(_("You signed in with a temporary password: choose your own to continue."), icon=":material/key:")
        account = roles.page("account")
        page = st.navigation(
            [st.Page(account.file, title=_(account.title), url_path=account.url_path, default=True)], position="hidden"
        )
        sidebar(user, authenticator)
    else:
        session.use_language_of(user)
        _ = session.translator()
        groups: dict[str, list[st.Page]] = {}
        for access in roles.pages_for(user["role"]):
            groups.setdefault(_(access.group), []).append(
                st.Page(
                    access.file,
                    title=_(access.title),
                    icon=access.icon,
                    url_path=access.url_path,
                    default=access.key == "home",
                    visibility="visible" if access.visible else "hidden",
                )
            )
        groups.setdefault(_(roles.PUBLIC_PAGE.group), []).append(verify_page(_))
        page = st.navigation(groups)
        sidebar(user, authenticator)
        widgets.phone_layout()
    st.set_page_config(page_title=widgets.tab_title(page.title))  # each page named in the browser's tab (WCAG 2.4.2)
    accessibility.page_semantics(session.language())
    page.run()


def storage_unusable(error: BaseException) -> None:
    """The data folder cannot be used (full disk, read-only, missing, not a database): say so in words on every
    page, sign-in included, instead of Streamlit's generic error; the traceback goes to the server's log."""
    _ = session.translator()
    st.error(
        _(
            "The academy cannot use its data right now: its disk may be full or read-only, or its database "
            "unreachable. Nothing you did before was lost. Please tell your administrator; the server's log says more."
        ),
        icon=":material/database:",
    )
    st.caption(_("What the server reports: {error}").format(error=plain(type(error).__name__ + ": " + str(error))))
    logging.getLogger("academy").log(logging.ERROR, "the data folder cannot be used", exc_info=error)


try:
    main()
except (OSError, *store.dialect.DATABASE_ERRORS) as error:  # storage is everyone's; a query's mistake is not
    if not store.dialect.is_unavailable(error):
        raise
    storage_unusable(error)
finally:
    session.close_database()
