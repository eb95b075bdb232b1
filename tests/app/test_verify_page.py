"""The public certificate check through the app: signed out or in, English or French, a code from the link
or typed, an unknown code and an empty form said plainly."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from streamlit.testing.v1 import AppTest

from modules import certificates, store
from modules.content import load_catalog
from tests.helpers import APP, signed_in

ROOT = Path(__file__).resolve().parents[2]


def _code(academy: Path, username: str = "emma") -> str:
    """A real certificate of a demo employee's first passed module."""
    modules = load_catalog(ROOT / "content").for_language("en")
    with store.engine.opened(academy) as db:
        user = store.accounts.user_by_username(db, username)["id"]
        for module in modules:
            try:
                return certificates.certificate_for(db, user, module, datetime.now(UTC)).code
            except certificates.NotPassed:
                continue
    raise AssertionError("the demo employee passed nothing")


def _signed_out(path: str = "pages/public/verify.py", **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(path)
    return at.run()


def _shown(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "success", "warning", "error") for e in at.get(kind))


def test_a_code_from_the_link_shows_holder_module_date_and_validity_without_signing_in(academy: Path) -> None:
    code = _code(academy)
    at = _signed_out(code=code)
    assert not at.exception and [t.value for t in at.title] == ["Check a certificate"]
    shown = _shown(at)
    assert "Valid certificate" in shown and "Emma Fournier" in shown and "Passed on" in shown
    assert "%" not in shown and "Riverside" not in shown  # never the score or the team


def test_a_typed_code_an_unknown_one_and_an_empty_form(academy: Path) -> None:
    at = _signed_out()
    at.button[0].click().run()
    assert "Type the code printed on the certificate" in _shown(at)
    at.text_input[0].set_value("SA-AAAA-BBBB-CCCC")
    at.button[0].click().run()
    assert "No certificate has this code" in _shown(at) and not at.exception
    at.text_input[0].set_value(_code(academy).lower())
    at.button[0].click().run()
    assert "Valid certificate" in _shown(at)


def test_a_signed_in_person_and_a_french_reader_can_check_too(academy: Path) -> None:
    code = _code(academy)
    at = signed_in(academy, "alice", "pages/public/verify.py", code=code)
    assert "Valid certificate" in _shown(at) and not at.exception
    with store.engine.opened(academy) as db:
        store.accounts.set_language(db, store.accounts.user_by_username(db, "marc")["id"], "fr")
    french = signed_in(academy, "marc", "pages/public/verify.py", code=code)
    assert "Certificat valide" in _shown(french) and not french.exception
