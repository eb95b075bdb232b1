"""Two languages: every interface string in the catalog, French complete, the learner journey in French."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from modules import i18n, store
from tests.helpers import signed_in

ROOT = Path(__file__).resolve().parents[1]
SHOWN_BY = {"title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error", "button",
            "metric", "selectbox", "multiselect", "text_input", "text_area", "file_uploader", "page_link", "toast",
            "expander", "tabs", "progress", "badge", "download_button", "form_submit_button", "segmented_control",
            "radio", "checkbox", "write", "Page"}
SHOWN_KEYWORDS = {"label", "help", "placeholder", "text", "title"}


def extracted() -> set[str]:
    """The messages Babel finds in the code, as `make messages` extracts them."""
    found = set()
    for folder in ("pages", "modules"):
        for _, _, message, _, _ in extract_from_dir(ROOT / folder, keywords={"_": None, "N_": None},
                                                    method_map=[("**.py", "python")]):
            found.add(message)
    for _, message, _, _ in __import__("babel.messages.extract", fromlist=["extract"]).extract(
            "python", (ROOT / "app.py").open("rb"), keywords={"_": None, "N_": None}):
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
        assert sorted(re.findall(r"\{\w*\}", message)) == sorted(re.findall(r"\{\w*\}", catalog[message].string)), message


def literal_text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return ""


@pytest.mark.parametrize("path", sorted(ROOT.glob("pages/*/*.py")) + [ROOT / "app.py", *sorted(ROOT.glob("modules/ui/*.py"))],
                         ids=lambda p: p.name)
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
        candidates = list(node.args[:1] if shown_first else []) + [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        for candidate in candidates:
            if re.search(r"[A-Za-z]{2,}", re.sub(r":material/\w+:", "", literal_text(candidate))):  # icons are not words
                offenders.append(f"{path.name}:{candidate.lineno}: {literal_text(candidate)!r}")
    assert offenders == []


def test_language_helpers() -> None:
    assert (i18n.supported("fr-FR"), i18n.supported("fr_CA"), i18n.supported("de-DE"), i18n.supported(None)) == \
           ("fr", "fr", "en", "en")
    assert i18n.percent(85.4, "en") == "85 %" and i18n.percent(85.4, "fr") == "85\u202f%" and i18n.percent(None, "fr") == "—"
    assert i18n.number(1234.5, "fr", 1) == "1\u202f234,5" and i18n.number(1234.5, "en", 1) == "1,234.5"
    _ = i18n.translator("fr")
    assert _("Sign in") == "Se connecter" and _("an unknown text") == "an unknown text"
    assert i18n.translator("en")("Sign in") == "Sign in"


@pytest.fixture
def french_alice(academy: Path) -> Path:
    db = store.connect(academy)
    store.set_language(db, store.user_by_username(db, "alice")["id"], "fr")
    return academy


def test_learner_journey_in_french(french_alice: Path) -> None:
    at = signed_in(french_alice, "alice")
    assert at.title[0].value == "Bienvenue, Alice"
    assert [s.value for s in at.subheader] == ["Bienvenue à l'académie", "L'intelligence émotionnelle",
                                               "Les moments de vérité", "Les plus beaux ratés du mois"]
    assert [b.label for b in at.button if b.key and b.key.startswith("open-")] == ["Commencer", "Verrouillé", "Verrouillé"]
    at = signed_in(french_alice, "alice", "pages/learn/module.py", module="welcome")
    assert at.header[0].value == "Ce que le client emporte avec lui"
    next(b for b in at.button if b.label == "Suivant").click().run()
    assert at.header[0].value == "Équipes heureuses, clients heureux"
    at.button(key="toc-quiz").click().run()
    assert at.header[0].value == "Questionnaire" and "Plusieurs réponses possibles." in [c.value for c in at.caption]
    at.button(key="FormSubmitter:quiz-welcome-1-Envoyer mes réponses").click().run()
    assert at.error[0].value.startswith("Répondez à toutes les questions avant d'envoyer. Encore sans réponse : question 1")
    module = __import__("modules.content", fromlist=["load_catalog"]).load_catalog(
        Path(__import__("os").environ["ACADEMY_CONTENT"])).get("welcome", "fr")
    for question in module.questions:
        key = f"q:welcome:1:{question.id}"
        if question.multiple:
            for i in question.correct:
                at.checkbox(key=f"{key}:{i}").check()
        else:
            at.radio(key=key).set_value(next(iter(question.correct)))
    at.button(key="FormSubmitter:quiz-welcome-1-Envoyer mes réponses").click().run()
    assert at.success[0].value == "Vous avez obtenu **100\u202f%** (réussite à 80 %) : réussi."
    submitted = at.dataframe[0].value["Envoyée (UTC)"].iloc[0]
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", submitted)  # a French date
    progress = signed_in(french_alice, "alice", "pages/learn/my_progress.py")
    assert [m.label for m in progress.metric] == ["Modules réussis", "Meilleur score moyen", "Tentatives de questionnaire",
                                                  "Sections lues"]
    assert progress.metric[1].value == "100\u202f%"


def test_a_manager_reads_the_measurement_pages_in_french(academy: Path) -> None:
    db = store.connect(academy)
    store.set_language(db, store.user_by_username(db, "marc")["id"], "fr")
    at = signed_in(academy, "marc", "pages/measure/team.py")
    assert at.title[0].value == "Progrès de l'équipe" and not at.exception
    assert [m.label for m in at.metric][:5] == ["Réalisation", "Meilleur score moyen", "Réussite du premier coup",
                                                "Apprenants actifs cette semaine", "Personnes débriefées"]
    assert at.metric[0].delta.endswith("pts")
    spec = at.get("vega_lite_chart")[0].proto.spec
    assert "Meilleur score (%)" in spec  # chart titles are translated too
