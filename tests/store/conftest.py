"""Fixtures shared by the store tests: the shipped modules and a handle on each engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from modules import store
from modules.content import load_catalog

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
