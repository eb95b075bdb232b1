"""Two languages: every interface string in the catalog, French complete, the learner journey in French."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from modules import i18n

ROOT = Path(__file__).resolve().parents[2]
SHOWN_BY = {
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "info",
    "success",
    "warning",
    "error",
    "button",
    "metric",
    "selectbox",
    "multiselect",
    "text_input",
    "text_area",
    "file_uploader",
    "page_link",
    "toast",
    "expander",
    "tabs",
    "progress",
    "badge",
    "download_button",
    "form_submit_button",
    "segmented_control",
    "radio",
    "checkbox",
    "write",
    "Page",
}
SHOWN_KEYWORDS = {"label", "help", "placeholder", "text", "title"}


def extracted() -> set[str]:
    """The messages Babel finds in the code, as `make messages` extracts them."""
    found = set()
    for folder in ("pages", "modules"):
        for _, _, message, _, _ in extract_from_dir(
            ROOT / folder, keywords={"_": None, "N_": None}, method_map=[("**.py", "python")]
        ):
            found.add(message)
    for _, message, _, _ in __import__("babel.messages.extract", fromlist=["extract"]).extract(
        "python", (ROOT / "app.py").open("rb"), keywords={"_": None, "N_": None}
    ):
        found.add(message)
    return found


def french() -> dict[str, object]:
    with (ROOT / "locales" / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {m.id: m for m in read_po(handle) if m.id}


def test_every_message_has_a_french_translation() -> None:
    catalog = french()
    messages = extracted()
    assert len(messages) > 200
    missing = sorted(m for m in messages if m not in catalog)
    assert missing == [], f"run `make messages` and translate: {missing[:5]}"
    empty_or_fuzzy = sorted(m for m in messages if not catalog[m].string or catalog[m].fuzzy)
    assert empty_or_fuzzy == []
    for message in messages:  # placeholders survive translation
        assert sorted(re.findall(r"\{\w*\}", message)) == sorted(re.findall(r"\{\w*\}", catalog[message].string)), (
            message
        )


def literal_text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return ""


@pytest.mark.parametrize(
    "path",
    sorted(ROOT.glob("pages/*/*.py")) + [ROOT / "app.py", *sorted(ROOT.glob("modules/ui/*.py"))],
    ids=lambda p: p.name,
)
def test_pages_show_no_text_outside_the_catalog(path: Path) -> None:
    """A string shown by a Streamlit call must come through `_()` (or be data, not words)."""
    offenders = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in SHOWN_BY:
            continue
        shown_first = name not in {"page_link", "Page"}  # their first argument is a page, not text
        candidates = list(node.args[:1] if shown_first else []) + [
            k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS
        ]
        for candidate in candidates:
            if re.search(
                r"[A-Za-z]{2,}", re.sub(r":material/\w+:", "", literal_text(candidate))
            ):  # icons are not words
                offenders.append(f"{path.name}:{candidate.lineno}: {literal_text(candidate)!r}")
    assert offenders == []


def test_language_helpers() -> None:
    assert (i18n.supported("fr-FR"), i18n.supported("fr_CA"), i18n.supported("de-DE"), i18n.supported(None)) == (
        "fr",
        "fr",
        "en",
        "en",
    )
    assert (
        i18n.percent(85.4, "en") == "85 %"
        and i18n.percent(85.4, "fr") == "85\u202f%"
        and i18n.percent(None, "fr") == "—"
    )
    assert i18n.number(1234.5, "fr", 1) == "1\u202f234,5" and i18n.number(1234.5, "en", 1) == "1,234.5"
    _ = i18n.translator("fr")
    assert _("Sign in") == "Se connecter" and _("an unknown text") == "an unknown text"
    assert i18n.translator("en")("Sign in") == "Sign in"


def test_counts_agree_with_their_noun_in_each_language() -> None:
    fr, en = i18n.plural_translator("fr"), i18n.plural_translator("en")
    one, many = "Best score {score} over {count} attempt.", "Best score {score} over {count} attempts."
    assert en(one, many, 1) == one and en(one, many, 2) == many
    assert fr(one, many, 1).startswith("Meilleur score {score} sur {count} tentative.")
    assert fr(one, many, 0).endswith("tentative.")  # French: zero is singular
    assert fr(one, many, 3).endswith("tentatives.")


def test_language_names_are_written_in_the_readers_language() -> None:
    assert i18n.language_name("en", "fr") == "anglais" and i18n.language_name("fr", "en") == "French"


def test_times_are_shown_in_the_readers_time_zone_when_known() -> None:
    assert i18n.moment("2026-11-22 10:00:00", "fr", "Europe/Paris") == "22 nov. 2026, 11:00"
    assert i18n.moment("2026-07-22 10:00:00", "en", "America/New_York") == "Jul 22, 2026, 6:00\u202fAM"
    assert i18n.moment("2026-07-22 10:00:00", "en", "UTC").startswith("Jul 22, 2026")  # as due dates
    assert i18n.moment("2026-11-22 10:00:00", "fr", None).endswith("10:00 UTC")  # unknown zone: said, not guessed
    assert i18n.moment("2026-11-22 10:00:00", "fr", "Not/AZone").endswith("10:00 UTC")
    assert i18n.moment(None, "en", "Europe/Paris") == "—"
