"""The portal in French: the learner journey and a manager's measurement pages."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from modules import store
from modules.content import load_catalog
from tests.helpers import module_by_id, signed_in


@pytest.fixture
def french_alice(academy: Path) -> Path:
    db = store.engine.connect(academy)
    store.accounts.set_language(db, store.accounts.user_by_username(db, "alice")["id"], "fr")
    return academy


def test_learner_journey_in_french(french_alice: Path) -> None:
    at = signed_in(french_alice, "alice")
    assert at.title[0].value == "Bienvenue, Alice"
    assert [s.value for s in at.subheader] == [
        "Bienvenue à l'académie",
        "L'intelligence émotionnelle",
        "Les moments de vérité",
        "Réclamations et clients difficiles",
        "Téléphone, e\\-mail et chat",
        "Reconnaître les habitués et personnaliser",
        "Le débriefing, de votre côté",
        "Les plus beaux ratés du mois",
    ]
    assert [p.proto.label for p in at.main.get("page_link") if p.proto.query_string.startswith("module=")] == [
        "Commencer par là",  # her locked assignment says where to start
        "Continuer",  # her reading in English counts in French
    ]
    assert [b.label for b in at.button if b.key and b.key.startswith("open-")] == ["Verrouillé"] * 6
    at = signed_in(french_alice, "alice", "pages/learn/module.py", module="welcome")
    assert at.header[0].value == "Réussite, effort et émotion"  # the first section she has not read, in English
    next(b for b in at.button if b.label == "Suivant").click().run()
    assert at.header[0].value == "Un accueil qui compte"
    at.button(key="toc-quiz").click().run()
    assert at.header[0].value == "Questionnaire" and "Plusieurs réponses possibles." in [c.value for c in at.caption]
    at.button(key="submit-welcome-1").click().run()
    assert at.error[0].value.startswith(
        "Répondez à toutes les questions avant d'envoyer. Encore sans réponse : [question 1](#question-customer-experience)"
    )
    module = module_by_id(load_catalog(Path(os.environ["ACADEMY_CONTENT"])), "welcome", "fr")
    for question in module.questions:
        key = f"q:welcome:fr:1:{question.id}"
        if question.multiple:
            for i in question.correct:
                at.checkbox(key=f"{key}:{i}").check()
        else:
            at.radio(key=key).set_value(next(iter(question.correct)))
    at.button(key="submit-welcome-1").click().run()
    assert at.success[0].value == "Vous avez obtenu **100\u202f%** (réussite à 80 %) : réussi."
    submitted = at.dataframe[0].value["Envoyée"].iloc[0]
    assert re.fullmatch(r"\d{1,2} \w+\.? \d{4}, \d{2}:\d{2} UTC", submitted)  # a French date, as due dates are; no zone
    progress = signed_in(french_alice, "alice", "pages/learn/my_progress.py")
    assert [m.label for m in progress.metric] == [
        "Modules réussis",
        "Meilleur score moyen",
        "Tentatives de questionnaire",
        "Sections lues",
    ]
    assert progress.metric[1].value == "100\u202f%"


def test_a_manager_reads_the_measurement_pages_in_french(academy: Path) -> None:
    db = store.engine.connect(academy)
    store.accounts.set_language(db, store.accounts.user_by_username(db, "marc")["id"], "fr")
    at = signed_in(academy, "marc", "pages/measure/team.py")
    assert at.title[0].value == "Progrès de l'équipe" and not at.exception
    assert [m.label for m in at.metric] == [
        "Réalisation",
        "Meilleur score moyen",
        "Réussite du premier coup",
        "Apprenants actifs cette semaine",
    ]
    assert at.metric[0].delta.endswith("pts")
    spec = at.get("vega_lite_chart")[0].proto.spec
    assert "Meilleur score (%)" in spec  # chart titles are translated too
    at.session_state["team-view"] = "Pratiques"  # the tab runs when opened, by its French name
    at.run()
    assert "Personnes débriefées" in [m.label for m in at.metric] and not at.exception


def test_a_module_not_yet_in_french_is_marked_as_english_for_screen_readers(french_alice: Path) -> None:
    """WCAG 3.1.2: its passages and questions sit in containers the page marks `lang="en"`."""
    (Path(os.environ["ACADEMY_CONTENT"]) / "fr" / "01-welcome.md").unlink()
    at = signed_in(french_alice, "alice", "pages/learn/module.py", module="welcome")
    assert "Ce module n'est pas encore disponible dans votre langue" in " ".join(c.value for c in at.caption)
    marked = [key for key in _block_keys(at) if key.startswith("lang-en-welcome-")]
    assert any(key.startswith("lang-en-welcome-section-") for key in marked), marked  # the section she is on
    at.button(key="toc-quiz").click().run()
    assert {"lang-en-welcome-customer-experience", "lang-en-welcome-listen-first"} <= set(_block_keys(at))
    french = signed_in(french_alice, "alice", "pages/learn/module.py", module="emotional-intelligence")
    assert not [key for key in _block_keys(french) if key.startswith("lang-")]  # in French: nothing to mark


def _block_keys(at) -> list[str]:
    """The keys of the page's containers (Streamlit gives each a class `st-key-<key>`)."""
    found = []
    stack = [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        key = getattr(proto, "id", "") if proto is not None else ""
        if key.startswith("$$ID-"):  # "$$ID-<hash>-<key>"
            found.append(key.split("-", 2)[2])
        stack.extend(getattr(node, "children", {}).values())
    return found
