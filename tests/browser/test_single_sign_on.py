"""Single sign-on against a real OpenID Connect provider the test starts (oidc-provider-mock): a person signs
in with the company account and lands in their own academy; an identity no account matches is refused in
words; the academy's Log out ends Streamlit's identity too."""

from __future__ import annotations

import warnings

import pytest

from tests.browser.test_browser import _free_port, _unavailable, demo_home, launch, settled

warnings.filterwarnings("ignore", category=DeprecationWarning)


SECRETS = """
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "a-long-random-cookie-secret-for-the-tests-only"

[auth.company]
client_id = "service-academy"
client_secret = "not-a-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[academy.sso]
labels = {{company = "Contoso"}}
"""


@pytest.fixture(scope="module")
def provider():
    try:
        from oidc_provider_mock import User, run_server_in_thread
    except ImportError:
        _unavailable("oidc-provider-mock is not installed")
    people = [
        User(sub="emp-1042", claims={"email": "bruno@example.com", "email_verified": True, "name": "Bruno Petit"}),
        User(sub="emp-9999", claims={"email": "stranger@example.com", "email_verified": True, "name": "Stranger"}),
    ]
    with run_server_in_thread(user_claims=people) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def portal(tmp_path_factory, demo_template, provider):
    home = demo_home(tmp_path_factory, demo_template, "sso")
    port = _free_port()
    secrets = home / "secrets.toml"
    secrets.write_text(SECRETS.format(port=port, provider=provider), encoding="utf-8")
    with launch(home, port=port, extra=("--secrets.files", str(secrets))) as facts:
        yield facts


def start_sign_on(page) -> None:
    """Click "Sign in with Contoso" once the page has settled; a click that lands while a freshly loaded page
    still runs is dropped by Streamlit (as in `sign_in`), so it is clicked once more if nothing happened."""
    for attempt in range(2):
        settled(page)
        page.get_by_role("button", name="Sign in with Contoso").click()
        try:
            page.wait_for_url("**/oauth2/authorize**", timeout=8_000)
            return
        except Exception:
            if attempt:
                raise


def authorize_as(page, subject: str) -> None:
    """On the provider's own page: choose who signs in, as a person would."""
    page.wait_for_url("**/oauth2/authorize**")
    field = page.locator("input[name='sub']")
    if field.count():
        field.fill(subject)
        page.get_by_role("button", name="Authorize").first.click()
    else:
        page.get_by_role("button", name=subject).click()


def test_a_person_signs_in_with_the_company_account_and_logs_out_of_both(portal, fresh_page) -> None:
    page = fresh_page
    page.goto(portal["url"])
    start_sign_on(page)
    authorize_as(page, "emp-1042")
    page.get_by_role("heading", name="Welcome, Bruno").wait_for()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/end_session**")  # the provider's own session ends too (it offers end_session_endpoint)
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="Sign in with Contoso").wait_for()
    page.goto(portal["url"])  # a new visit: signed out of the academy and of Streamlit's identity alike
    page.get_by_role("button", name="Sign in with Contoso").wait_for()
    assert not page.get_by_role("heading", name="Welcome, Bruno").count()


def test_an_identity_no_account_matches_is_refused_in_words(portal, fresh_page) -> None:
    page = fresh_page
    page.goto(portal["url"])
    start_sign_on(page)
    authorize_as(page, "emp-9999")
    page.get_by_text("No account of the academy matches stranger@example.com.").wait_for()
    page.get_by_role("button", name="Use another company account").wait_for()


@pytest.fixture(scope="module")
def served(tmp_path_factory, demo_template, provider):
    """`make serve` as it runs: two workers behind HAProxy's sticky sessions, the same secrets for both."""
    import os
    import shutil

    from modules.serving import processes
    from tests.helpers import TEST_COOKIE_KEY

    if shutil.which("haproxy") is None:
        _unavailable("haproxy is not installed (apt-get install haproxy)")
    home = demo_home(tmp_path_factory, demo_template, "sso-served")
    port = _free_port()
    secrets = home / "secrets.toml"
    secrets.write_text(SECRETS.format(port=port, provider=provider), encoding="utf-8")
    settings = {
        "ACADEMY_DB": str(home / "data" / "academy.db"),
        "ACADEMY_CONTENT": str(home / "content"),
        "ACADEMY_DEMO": "0",
        "ACADEMY_COOKIE_KEY": TEST_COOKIE_KEY,
        "STREAMLIT_SECRETS_FILES": str(secrets),
    }
    saved = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    log = open(home / "serve.log", "w")  # noqa: SIM115 (the processes write to it until the fixture ends)
    try:
        started = processes.start(2, f"127.0.0.1:{port}", _free_port(), log=log)
    finally:
        for name, value in saved.items():
            os.environ.pop(name) if value is None else os.environ.__setitem__(name, value)
    yield f"http://127.0.0.1:{port}"
    processes.stop(started)
    log.close()


def test_single_sign_on_works_behind_two_workers_and_the_proxy(served, fresh_page) -> None:
    """The login's state lives in one worker's memory: the proxy's sticky cookie brings the provider's callback
    back to it."""
    page = fresh_page
    page.goto(served)
    start_sign_on(page)
    authorize_as(page, "emp-1042")
    page.get_by_role("heading", name="Welcome, Bruno").wait_for()
