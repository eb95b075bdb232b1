"""Hostile content: random and mutated module files give a module or located problems, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modules.content import ContentError, load_module
from modules.content.parser import parse_module

ROOT = Path(__file__).resolve().parents[2]
VALID = (ROOT / "content" / "en" / "03-moments-of-truth.md").read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_fuzz_random_text_never_crashes_the_parser(text: str) -> None:
    try:
        module = parse_module(text.encode("utf-8", "surrogatepass"), Path("content/en/fuzz.md"))
        assert module.title and module.summary
    except ContentError as error:
        assert error.problems and all(p.line >= 1 and p.message for p in error.problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(VALID)),
            st.integers(0, 40),
            st.sampled_from(
                [
                    "",
                    "\n",
                    "## ",
                    "### ",
                    "- [x] ",
                    "- [ ] ",
                    "> ",
                    "---\n",
                    "{#",
                    "`",
                    "\n\n",
                    "<script>",
                    "  ",
                    "|a|b|\n|-|-|\n",
                    "\ufeff",
                    "\r\n",
                    "é",
                    "[x]",
                ]
            ),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_fuzz_mutated_modules_give_a_module_or_located_problems(edits: list[tuple[int, int, str]]) -> None:
    text = VALID
    for position, cut, insert in edits:
        position = min(position, len(text))
        text = text[:position] + insert + text[position + cut :]
    try:
        parse_module(text.encode("utf-8"), Path("content/en/03-moments-of-truth.md"))
    except ContentError as error:
        lines = text.count("\n") + 1
        assert error.problems and all(1 <= p.line <= lines + 1 for p in error.problems)


def test_a_huge_file_is_refused_at_once(tmp_path: Path) -> None:
    huge = tmp_path / "en" / "huge.md"
    huge.parent.mkdir()
    huge.write_text("---\ntitle: T\nsummary: S\n---\n## A\n\n" + "- [x] option\n" * 400_000)  # about 5 MB
    with pytest.raises(ContentError) as caught:  # refused on its size, before any parsing
        load_module(huge)
    assert "file is too large (5.2 MB); a module file may be at most 1 MB" in str(caught.value)
