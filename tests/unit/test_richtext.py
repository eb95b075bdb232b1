"""Text people type is shown as they typed it: no HTML runs, no Markdown applies, no URL becomes a link."""

from __future__ import annotations

import html
import re

from modules.richtext import as_words, plain, show_html_as_text

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


def test_french_text_gets_its_spacing_and_never_breaks_before_punctuation() -> None:
    from modules.richtext import NARROW, NO_BREAK, for_language

    assert (
        for_language("Pourquoi? Parce que : voilà !", "fr") == f"Pourquoi{NARROW}? Parce que{NO_BREAK}: voilà{NARROW}!"
    )
    assert (
        for_language("« Bonjour » puis «merci».", "fr")
        == f"«{NO_BREAK}Bonjour{NO_BREAK}» puis «{NO_BREAK}merci{NO_BREAK}»."
    )
    untouched = "Voir https://ex.com/a?b=1, `x ? y`, [lien](http://a.fr/b?c) à 10:30."
    assert for_language(untouched, "fr") == untouched  # URLs, code, link targets and times stay
    assert for_language("Why? Because: that!", "en") == "Why? Because: that!"


def test_a_widgets_accessible_name_is_the_words_not_their_markup() -> None:
    """A radio group is named by its question: entities or asterisks would be read out by a screen reader."""
    assert as_words("Is <b>this</b> **bold**? `code` and [a link](https://example.com)") == (
        "Is <b>this</b> bold? code and a link"
    )


def test_french_spacing_after_bold_quotes_brackets_and_doubled_signs() -> None:
    """The places the French review found without their space: after **bold**, after a closing », after a
    bracket, and a doubled sign."""
    from modules.richtext import NARROW, NO_BREAK, for_language

    assert for_language("**Accueillir** : sourire", "fr") == f"**Accueillir**{NO_BREAK}: sourire"
    assert for_language("**Accueillir**: sourire", "fr") == f"**Accueillir**{NO_BREAK}: sourire"
    assert for_language("_vite_ ?", "fr") == f"_vite_{NARROW}?"
    assert for_language("« merci » : le mot", "fr") == f"«{NO_BREAK}merci{NO_BREAK}»{NO_BREAK}: le mot"
    assert for_language("(voir plus bas) : ici", "fr") == f"(voir plus bas){NO_BREAK}: ici"
    assert for_language("Jamais !!", "fr") == f"Jamais{NARROW}!!"
    assert for_language("Vraiment ?!", "fr") == f"Vraiment{NARROW}?!"
    assert for_language("à 100 % !", "fr") == f"à 100 %{NARROW}!"
    assert for_language("**Bold**: yes!", "en") == "**Bold**: yes!"
