"""What every page needs to know about the current session: database, user, catalog.

Thin Streamlit glue: the database is prepared once per process (migrations,
demo seed) and a fresh handle is opened on each script run, because sqlite3
handles cannot move between Streamlit's session threads.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from sqlite_utils import Database

from modules import demo, i18n, settings, store
from modules.accounts import roles
from modules.content import Catalog, current_catalog


LANGUAGE_KEY = "academy_language"


@st.cache_resource(show_spinner="Preparing the academy…")
def _prepare(db_path: str, content: str, with_demo: bool) -> bool:
    """Migrate the database and, on a new install, seed the demo organisation."""
    db = store.connect(db_path)
    if with_demo and store.is_empty(db):
        demo.seed_demo(db, current_catalog(content).for_language("en"))
    db.close()
    return True


def database() -> Database:
    path = settings.db_path()
    _prepare(str(path), str(settings.content_folder()), settings.demo_enabled())
    return store.connect(path)


def catalog() -> Catalog:
    return current_catalog(settings.content_folder())


def signed_in_user(db: Database) -> dict[str, Any] | None:
    """The account the authenticator signed in, as the store knows it now."""
    if not st.session_state.get("authentication_status") or not st.session_state.get("username"):
        return None
    return store.user_by_username(db, st.session_state["username"])


def require(page_key: str) -> tuple[Database, dict[str, Any]]:
    """Open the page only for a signed-in role that `roles` allows, else stop it.

    Navigation already hides pages a role may not use; this second check
    matters because Streamlit can run a file of pages/ directly (its legacy
    multipage mode, active in a process until the first st.navigation call).
    """
    db = database()
    user = signed_in_user(db)
    if user is None or not roles.may_open(user["role"], page_key):
        _ = translator()
        st.error(_("This page is not available to you. Sign in with an account that may open it."))
        st.stop()
    use_language_of(user)
    return db, user


def use_language_of(user: dict[str, Any]) -> None:
    """The user's saved choice, else the browser's language, for this session's pages."""
    st.session_state[LANGUAGE_KEY] = i18n.supported(user.get("language") or browser_language())


def browser_language() -> str:
    """The browser's language when Streamlit knows it, else English."""
    try:
        return i18n.supported(st.context.locale)
    except Exception:  # no browser behind this run (tests, bare mode)
        return "en"


def language() -> str:
    """The signed-in user's choice, else the browser's language, else English."""
    return st.session_state.get(LANGUAGE_KEY) or browser_language()


def translator() -> i18n.Translate:
    return i18n.translator(language())
