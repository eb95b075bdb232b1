"""What every page needs to know about the current session: database, user, catalog.

Thin Streamlit glue: the database is prepared once per process (migrations,
demo seed) and a fresh handle is opened on each script run, because sqlite3
handles cannot move between Streamlit's session threads.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from sqlite_utils import Database

from modules import demo, settings, store
from modules.content import Catalog, current_catalog


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


def user() -> dict[str, Any]:
    """The signed-in account as the store knows it (set by app.py on each run)."""
    return st.session_state["academy_user"]


def language() -> str:
    return user().get("language") or "en"
