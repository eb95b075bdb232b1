"""The practice pages in the portal, for each role: what each sees, the cycles, what stays hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from modules import store
from tests.helpers import signed_in

PAGES = ["pages/debriefing.py", "pages/mirror.py", "pages/stories.py", "pages/home.py"]


@pytest.mark.parametrize("username", ["alice", "marc", "theo"])
@pytest.mark.parametrize("page", PAGES)
def test_each_practice_page_opens_for_each_role(academy: Path, page: str, username: str) -> None:
    at = signed_in(academy, username, page)
    assert not at.exception, at.exception
    assert not at.error
