"""Text people type is shown as they typed it: no HTML runs, no Markdown applies, no URL becomes a link."""

from __future__ import annotations

import html
import re

from modules.richtext import plain, show_html_as_text

ZERO_WIDTH = "\u200b"


def test_urls_typed_in_free_text_never_become_links() -> None:
    typed = "Read https://evil.example/x, WWW.evil.example or mail bob@evil.example"
    shown = plain(typed)
    # What Streamlit's Markdown would link: a scheme's "://", "www." and an e-mail's "@", all broken up.
    assert "://" not in shown and not re.search(r"(?i)www\\?\.", shown) and not re.search(r"\w@", shown)
    seen = html.unescape(re.sub(r"\\(.)", r"\1", shown))  # what a reader sees: the text, with invisible breaks
    assert seen.replace(ZERO_WIDTH, "") == typed and seen.count(ZERO_WIDTH) == 3


def test_markup_is_shown_as_text() -> None:
    assert plain("**bold** <b>x</b>") == "\\*\\*bold\\*\\* &lt;b&gt;x&lt;/b&gt;"
    assert show_html_as_text("Hi <b>there</b>") == "Hi &lt;b&gt;there&lt;/b&gt;"
