"""Fixtures: every test gets its own database and content folder, never the demo data.

Tests live by kind, and each folder's name is its marker (so `pytest -m "unit or store"`
runs the fast ones alone): unit/ (pure functions, no database), store/ (a real SQLite
file: the store, the services, the reports, the commands), app/ (every page and role
through streamlit.testing.v1.AppTest) and browser/ (Playwright driving Chromium).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from modules import demo, store
from modules.content import load_catalog
from modules.store.dialect import is_postgres_url
from modules.store.postgres import close_pool, close_pools
from tests import postgres_server
from tests.helpers import TEST_COOKIE_KEY

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("unit", "store", "app", "browser")
ENGINES = ("sqlite", "postgresql")
JOINED = datetime(2025, 6, 1, tzinfo=UTC)  # when the small organisation's people joined their teams


CHECKOUT_DATA = ROOT / "data"  # the demo install's folder: tests make their own and never write here
_CHECKOUT = pytest.StashKey[set[str]]()


def _checkout_files() -> set[str]:
    """Files in data/, leaving out SQLite's side files that an app running beside the tests may open."""
    if not CHECKOUT_DATA.is_dir():
        return set()
    return {p.name for p in CHECKOUT_DATA.iterdir() if not p.name.endswith(("-wal", "-shm", "-journal"))}


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_CHECKOUT] = _checkout_files()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    made = _checkout_files() - session.config.stash.get(_CHECKOUT, set())
    if made:
        print(f"\nthe tests wrote into {CHECKOUT_DATA}: {sorted(made)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with the kind of its folder."""
    for item in items:
        kind = item.path.parent.name
        if kind in KINDS:
            item.add_marker(getattr(pytest.mark, kind))


APP = str(ROOT / "app.py")


_MAIN = sys.modules["__main__"]


@pytest.fixture(autouse=True)
def main_module_restored() -> Iterator[None]:
    """AppTest leaves the last page script as `__main__`: a process spawned later (multiprocessing's spawn
    imports the parent's `__main__`) would run the whole app on import, against the checkout's data/."""
    yield
    sys.modules["__main__"] = _MAIN


@pytest.fixture(autouse=True)
def no_shared_secrets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A developer's own cookie key or secrets file never reaches a test."""
    monkeypatch.delenv("ACADEMY_COOKIE_KEY", raising=False)
    monkeypatch.setenv("ACADEMY_SECRETS", str(tmp_path / "no-secrets.toml"))


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A copy of the shipped modules that a test may edit freely."""
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    return folder


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded demo database per test run, copied for each test that needs it."""
    path = tmp_path_factory.mktemp("template") / "academy.db"
    db = store.engine.connect(path)
    demo.seed_demo(db, load_catalog(ROOT / "content").for_language("en"))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def demo_db(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "data" / "academy.db"
    path.parent.mkdir()
    source, target = sqlite3.connect(demo_template), sqlite3.connect(path)
    source.backup(target)
    source.close(), target.close()
    return path


@pytest.fixture(scope="session")
def postgres() -> Iterator[postgres_server.Server]:
    """The tests' own PostgreSQL server; without one, PostgreSQL tests skip (and fail under CI=true)."""
    try:
        server = postgres_server.start(Path(tempfile.mkdtemp(prefix="academy-pg-")))
    except RuntimeError as error:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL is needed under CI: {error}")
        pytest.skip(str(error))
    yield server
    close_pools()
    server.stop()


@pytest.fixture(params=ENGINES)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new empty database, once on each engine: a SQLite file, or a database of the test server."""
    if request.param == "sqlite":
        yield str(tmp_path / "academy.db")
        return
    url = request.getfixturevalue("postgres").new_database()
    yield url
    close_pool(url)


@pytest.fixture(scope="session")
def postgres_demo(postgres: postgres_server.Server) -> str:
    """The demo organisation seeded once into a PostgreSQL database that tests copy (its name)."""
    url = postgres.new_database()
    with store.engine.opened(url) as db:
        demo.seed_demo(db, load_catalog(ROOT / "content").for_language("en"))
    close_pool(url)  # a template database may have no open connection
    return url.rsplit("/", 1)[1]


@pytest.fixture(params=ENGINES)
def demo_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A copy of the demo organisation, once on each engine."""
    if request.param == "sqlite":
        yield str(request.getfixturevalue("demo_db"))
        return
    url = request.getfixturevalue("postgres").new_database(template=request.getfixturevalue("postgres_demo"))
    yield url
    close_pool(url)


def _app_environment(monkeypatch: pytest.MonkeyPatch, target: str, content_dir: Path) -> None:
    import streamlit as st

    monkeypatch.setenv("ACADEMY_DB", target)
    monkeypatch.setenv("ACADEMY_CONTENT", str(content_dir))
    monkeypatch.setenv("ACADEMY_DEMO", "0")
    if is_postgres_url(target):  # on PostgreSQL the key file would be the checkout's data/cookie.key: give a key
        monkeypatch.setenv("ACADEMY_COOKIE_KEY", TEST_COOKIE_KEY)
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def academy_on_each_engine(monkeypatch: pytest.MonkeyPatch, demo_database: str, content_dir: Path) -> str:
    """The app's environment on a copy of the demo, once with SQLite and once with PostgreSQL."""
    _app_environment(monkeypatch, demo_database, content_dir)
    return demo_database


@pytest.fixture
def academy(monkeypatch: pytest.MonkeyPatch, demo_db: Path, content_dir: Path) -> Path:
    """Environment for running the app: temp demo database and temp content."""
    import streamlit as st

    monkeypatch.setenv("ACADEMY_DB", str(demo_db))
    monkeypatch.setenv("ACADEMY_CONTENT", str(content_dir))
    monkeypatch.setenv("ACADEMY_DEMO", "0")
    st.cache_data.clear()
    st.cache_resource.clear()
    return demo_db


@pytest.fixture
def org(database: str):
    """A small organisation for the practices, once on each engine. Team A: ann, amy, managed by mia;
    team B: bob, managed by max; tess the trainer; everyone joined in June 2025. Returns the database, ids by
    name and team ids by name."""
    db = store.engine.connect(database)
    a, b = store.accounts.add_team(db, "A"), store.accounts.add_team(db, "B")
    ids = {
        name: store.accounts.add_user(db, name, name.title(), "h", role, team, joined=JOINED)
        for name, role, team in [
            ("ann", "employee", a),
            ("amy", "employee", a),
            ("bob", "employee", b),
            ("mia", "manager", a),
            ("max", "manager", b),
            ("tess", "trainer", None),
        ]
    }
    store.accounts.add_team_manager(db, a, ids["mia"])
    store.accounts.add_team_manager(db, b, ids["max"])
    yield db, ids, {"A": a, "B": b}
    db.close()
