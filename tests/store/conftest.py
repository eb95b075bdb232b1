"""Fixtures shared by the store tests: the shipped modules, a handle on each engine, a local SMTP server and
a small team with an assignment (the reminders and the manager's to-do)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from modules import store
from modules.content import load_catalog
from modules.learning import assignments
from tests import smtp_server

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def modules():
    """The shipped modules, in English."""
    return load_catalog(ROOT / "content").for_language("en")


@pytest.fixture
def db(database: str):
    """A fresh database on each engine (the `database` fixture), closed after the test."""
    with store.engine.opened(database) as handle:
        yield handle


MONDAY = datetime(2026, 12, 7, 7, tzinfo=UTC)


@pytest.fixture
def smtp():
    controller, inbox = smtp_server.start()
    yield f"smtp://127.0.0.1:{controller.port}?from=academy@example.com", inbox
    controller.stop()


@pytest.fixture
def team(db, modules):
    """Team A: ann (English, late), amy (French, due soon: she joined later), mia their manager; all with e-mail."""
    a = store.accounts.add_team(db, "Riverside")
    joined = datetime(2026, 6, 1, tzinfo=UTC)
    ids = {
        name: store.accounts.add_user(
            db, name, f"{name.title()} Martin", "h", role, a, f"{name}@example.com", joined=joined
        )
        for name, role in [("ann", "employee"), ("mia", "manager")]
    }
    ids["amy"] = store.accounts.add_user(
        db, "amy", "Amy Durand", "h", "employee", a, "amy@example.com", joined=MONDAY - timedelta(days=20)
    )
    store.accounts.set_language(db, ids["amy"], "fr")
    store.accounts.add_team_manager(db, a, ids["mia"])
    assignments.assign(
        db, ids["mia"], [modules[0].id], [a], [], date(2026, 11, 30), None, datetime(2026, 11, 2, tzinfo=UTC)
    )
    return ids
