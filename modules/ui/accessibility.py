"""What every page needs for assistive technology that Streamlit does not give: the document's language,
a skip link, hidden frames kept out of the Tab order, named question groups and readable faded text.

The fixes live in one asset run in the page itself (`assets/accessibility.html`); Streamlit offers no
attribute for `<html lang>` (streamlit/streamlit #15726) nor for a container's role.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

import streamlit as st

from modules import i18n

ASSET = Path(__file__).with_name("assets") / "accessibility.html"


def page_semantics(lang: str) -> None:
    """Run on every page, signed in or not; the asset re-runs only when the language changes."""
    _ = i18n.translator(lang)
    body = Template(ASSET.read_text(encoding="utf-8")).substitute(lang=lang, skip=_("Skip to main content"))
    with st.container(key="academy-semantics"):
        st.html(body, unsafe_allow_javascript=True)


def in_language(lang: str, key: str):
    """A container whose passage is marked as written in `lang` (a module shown in another language than the
    page's): a screen reader then reads it with that language's rules (WCAG 3.1.2)."""
    return st.container(key=f"lang-{lang}-{key}")


def result(fresh: str | None):
    """Where a result just given is shown: with `fresh` (unique to that result) the focus moves to it once, so
    a screen reader reads it and the keyboard goes on from it (WCAG 4.1.3); a result shown again stays put."""
    return st.container(key=f"announce-{fresh}") if fresh else st.container()
