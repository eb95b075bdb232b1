"""Where to start a locked module: the first open module down its chain of prerequisites."""

from __future__ import annotations

from pathlib import Path

from modules.content import load_catalog
from modules.learning.progress import NOT_STARTED, PASSED, ModuleProgress, where_to_start

ROOT = Path(__file__).resolve().parents[2]


def row(module, status: str, locked_by: tuple[str, ...] = ()) -> ModuleProgress:
    return ModuleProgress(module, status, 0, 0, None, locked_by)


def test_a_locked_module_starts_at_the_first_open_prerequisite_of_its_chain() -> None:
    welcome, emotions, moments = load_catalog(ROOT / "content").for_language("en")[:3]
    assert emotions.requires == ["welcome"] and moments.requires == ["emotional-intelligence"]
    fresh = [row(welcome, NOT_STARTED), row(emotions, NOT_STARTED, ("W",)), row(moments, NOT_STARTED, ("E",))]
    assert where_to_start(fresh) == {"emotional-intelligence": "welcome", "moments-of-truth": "welcome"}
    halfway = [row(welcome, PASSED), row(emotions, NOT_STARTED), row(moments, NOT_STARTED, ("E",))]
    assert where_to_start(halfway) == {"moments-of-truth": "emotional-intelligence"}
