"""Small builders shared by tests: module files and signed-in AppTests."""

from __future__ import annotations

import secrets
import textwrap
from pathlib import Path

from streamlit.testing.v1 import AppTest

from modules import store
from modules.content import Catalog, TrainingModule

APP = str(Path(__file__).resolve().parents[1] / "app.py")
# The cookie key for apps that run on PostgreSQL, given as replicas share one (ACADEMY_COOKIE_KEY): without it
# the key file would be the checkout's data/cookie.key. Made once per test run.
TEST_COOKIE_KEY = secrets.token_urlsafe(32)


def write_module(folder: Path, name: str, text: str) -> Path:
    """Write a module file from an indented literal."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def signed_in(db_path: Path | str, username: str, page: str | None = None, **params: str) -> AppTest:
    """An AppTest already signed in as a stored user (the shortcut STACK_NOTES describes)."""
    with store.engine.opened(db_path) as db:
        user = store.accounts.user_by_username(db, username)
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = user["username"]
    at.session_state["name"] = user["name"]
    at.session_state["roles"] = [user["role"]]
    at.run()
    if page:
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(page)
        at.run()
    return at


def module_by_id(catalog: Catalog, module_id: str, lang: str = "en") -> TrainingModule | None:
    """One module of a catalog in a language (the portal itself always works on a whole language)."""
    return next((m for m in catalog.for_language(lang) if m.id == module_id), None)


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Open the tab `label` of the tabs `key` (those that run only when open), as a click on it would."""
    at.session_state[key] = label
    return at.run()
