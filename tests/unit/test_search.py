"""Search in module text: every word, no case or accent, the words around the match, never a quiz's answers."""

from __future__ import annotations

from pathlib import Path

from modules import search
from modules.content import load_catalog
from modules.richtext import text_of

ROOT = Path(__file__).resolve().parents[2]


def test_words_are_found_without_case_or_accent_and_quoted_as_written() -> None:
    assert search.words_of("  Réclamation  CLIENT ") == ["reclamation", "client"]
    assert search.words_of("a") == []  # one letter would match everything
    text = "Une réclamation bien traitée fait un client fidèle."
    assert search.quote(text, ["reclamation", "client"]) == text
    assert search.quote(text, ["reclamation", "absent"]) is None
    assert search.quote("depending on the day", ["ending"]) is None  # a word's start, not its middle
    assert search.quote("the endings", ["ending"]) == "the endings"
    long = "x " * 100 + "the ending matters " + "y " * 100
    quoted = search.quote(long, ["ending"])
    assert quoted.startswith("…") and quoted.endswith("…") and "the ending matters" in quoted


def _hits(modules, query: str) -> dict:
    found: dict = {kind: [] for kind in search.KINDS}
    for module in modules:
        search._module_hits(module, search.words_of(query), found)
    return found


def test_modules_are_searched_in_the_readers_language_and_answers_stay_hidden() -> None:
    catalog = load_catalog(ROOT / "content")
    english, french = catalog.for_language("en"), catalog.for_language("fr")
    assert _hits(english, "peak end")[search.SECTION], "the peak-end rule is taught in English"
    assert any(_hits(french, "émotion").values()) and not any(_hits(french, "customer's feelings").values())
    module, question, word = next(
        (m, q, w)
        for m in english
        for q in m.questions
        for w in q.options[next(iter(q.correct))].lower().split()
        if len(w) > 6 and w.isalpha() and w not in q.prompt.lower()
    )  # a word of a right answer that its prompt does not say
    asked = _hits(english, word)[search.QUESTION]
    assert all(hit.title != text_of(question.prompt) for hit in asked)  # the answer's words find not it
    sections = _hits([module], module.sections[0].title)[search.SECTION]
    assert (sections[0].module_id, sections[0].section) == (module.id, module.sections[0].id)  # opens there
