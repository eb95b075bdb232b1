"""What every page needs to know about the current script run: database, user, catalog, language.

One database handle per script run: opened by the first caller of the run
(a widget callback runs before the script, so it may be that), shared by the
page and its callbacks, and closed by `app.py` when the run ends, however it
ends. sqlite3 handles cannot move between Streamlit's session threads, so
the handle is kept per thread, never in `st.cache_resource` or the session.
"""

from __future__ import annotations

import ipaddress
import threading
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st
from sqlite_utils import Database

from modules import demo, i18n, settings, store
from modules.accounts import roles
from modules.authoring import releases
from modules.content import Catalog, current_catalog
from modules.store import clock

LANGUAGE_KEY = "academy_language"
_run = threading.local()
_noted: set[tuple[str, frozenset[str]]] = set()  # databases and module sets already dated in this process


@st.cache_resource(show_spinner="Preparing the academy…")
def _prepare(target: str, content: str, with_demo: bool) -> bool:
    """Migrate the database and, on a new install, seed the demo organisation (once per process)."""
    demo.prepare(target, Path(content), with_demo)
    return True


def database() -> Database:
    """This run's handle, opened on first use."""
    path = settings.database()
    handle: Database | None = getattr(_run, "db", None)
    if handle is None or getattr(_run, "path", None) != path:
        close_database()
        _prepare(path, str(settings.content_folder()), settings.demo_enabled())
        _run.db, _run.path = store.engine.connect(path), path
    return _run.db


def close_database() -> None:
    """End of the run: close its handle (the next run opens a fresh one)."""
    handle: Database | None = getattr(_run, "db", None)
    _run.db = None
    if handle is not None:
        handle.close()


def now() -> datetime:
    """The one clock, for what a page hands to a service."""
    return clock.current()


def base_url() -> str:
    """Where links in e-mails point: `ACADEMY_BASE_URL`, else the origin this browser reached the portal at."""
    configured = settings.base_url()
    if configured:
        return configured
    try:
        seen = urlsplit(st.context.url or "")
    except Exception:  # no browser behind this run (tests, bare mode)
        seen = urlsplit("")
    return f"{seen.scheme}://{seen.netloc}" if seen.netloc else "http://localhost:8501"


def client_address() -> str:
    """Who is asking, for a rate limit: behind the portal's own proxy (the connection comes from a private
    address) the address it appended last to X-Forwarded-For, else the connection's; "" when unknown."""
    try:
        direct, forwarded = st.context.ip_address, st.context.headers.get("X-Forwarded-For")
    except Exception:  # no browser behind this run (tests, bare mode)
        return ""
    direct = direct if isinstance(direct, str) else ""  # AppTest gives stand-ins, not text
    forwarded = forwarded if isinstance(forwarded, str) else ""
    try:
        proxied = bool(direct) and ipaddress.ip_address(direct).is_private
    except ValueError:
        proxied = False
    return forwarded.split(",")[-1].strip() if forwarded and proxied else direct


def catalog() -> Catalog:
    """The modules as the files say now; a module seen for the first time is dated (once per process and
    set of modules), so reports can tell a new module from one that stalls."""
    current = current_catalog(settings.content_folder())
    seen = (settings.database(), frozenset(m.id for m in current.modules))
    if seen not in _noted:
        releases.note_catalog(database(), seen[1], now())
        _noted.add(seen)
    return current


def signed_in_user(db: Database) -> store.accounts.User | None:
    """The account the authenticator signed in, as the store knows it now."""
    if not st.session_state.get("authentication_status") or not st.session_state.get("username"):
        return None
    return store.accounts.user_by_username(db, st.session_state["username"])


def require(page_key: str) -> tuple[Database, store.accounts.User]:
    """Open the page only for a signed-in role that `roles` allows, else stop it.

    Navigation already hides pages a role may not use; this second check
    guards a page file run some other way than through `app.py`.
    """
    db = database()
    user = signed_in_user(db)
    if user is None or not roles.may_open(user["role"], page_key):
        _ = translator()
        st.error(_("This page is not available to you. Sign in with an account that may open it."))
        st.stop()
    use_language_of(user)
    return db, user


def use_language_of(user: store.accounts.User) -> None:
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


def time_zone() -> str | None:
    """The browser's time zone ('Europe/Paris'), when Streamlit knows it."""
    try:
        return st.context.timezone
    except Exception:  # no browser behind this run (tests, bare mode)
        return None


def moment(stamp: str | None) -> str:
    """A stored time as this reader writes it: their language, their local time."""
    return i18n.moment(stamp, language(), time_zone())


def translator() -> i18n.Translate:
    return i18n.translator(language())


def plural_translator() -> i18n.Plural:
    return i18n.plural_translator(language())
