"""Two replicas behind HAProxy on one PostgreSQL database, as several machines would run them.

Théo's browser is pinned to the first replica and Alice's to the second (the
proxy's sticky cookie): a module Théo publishes on one is what Alice opens on
the other, and each replica keeps its sessions across reloads.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from modules.serving import processes
from modules.serving.haproxy import STICKY_COOKIE
from tests.browser.test_browser import ARGS, CHROMIUM, ROOT, _free_port, _unavailable, sign_in
from tests.helpers import TEST_COOKIE_KEY

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # reported below
    sync_playwright = None


@pytest.fixture(scope="module")
def replicas(tmp_path_factory: pytest.TempPathFactory, postgres):
    if not Path(CHROMIUM).exists() or sync_playwright is None:
        _unavailable("Chromium and Playwright are needed")
    if shutil.which("haproxy") is None:
        _unavailable("haproxy is not installed (apt-get install haproxy)")
    home = tmp_path_factory.mktemp("replicas")
    shutil.copytree(ROOT / "content", home / "content")  # the shared volume every replica mounts
    database = postgres.new_database()
    port, stats = _free_port(), _free_port()
    names = ("ACADEMY_DB", "ACADEMY_CONTENT", "ACADEMY_DEMO", "ACADEMY_COOKIE_KEY")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(  # the key both replicas share, as on two machines (else the checkout's data/cookie.key)
        ACADEMY_DB=database, ACADEMY_CONTENT=str(home / "content"), ACADEMY_DEMO="1", ACADEMY_COOKIE_KEY=TEST_COOKIE_KEY
    )
    log = open(home / "serve.log", "w")  # noqa: SIM115 (the processes write to it until the fixture ends)
    try:
        started = processes.start(2, f"127.0.0.1:{port}", _free_port(), log=log, stats_port=stats)
    finally:
        for name, value in saved.items():
            os.environ.pop(name) if value is None else os.environ.__setitem__(name, value)
    yield {"url": f"http://127.0.0.1:{port}", "stats": f"http://127.0.0.1:{stats}/;csv", "content": home / "content"}
    processes.stop(started)
    log.close()


def served(stats_url: str) -> dict[str, int]:
    """Requests each replica answered, from HAProxy's statistics."""
    with urllib.request.urlopen(stats_url, timeout=5) as answer:
        rows = csv.DictReader(io.StringIO(answer.read().decode().lstrip("# ")))
        return {row["svname"]: int(row["stot"]) for row in rows if row["svname"].startswith("replica")}


def pinned(browser, url: str, replica: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": STICKY_COOKIE, "value": replica, "url": url}])
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def test_a_module_published_on_one_replica_is_taken_on_the_other(replicas) -> None:
    url = replicas["url"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        theo, alice = pinned(browser, url, "r1"), pinned(browser, url, "r2")
        sign_in(theo, url, "theo")
        theo.get_by_role("link", name="Studio").click()
        theo.get_by_role("textbox", name="File name for the new module").fill("05-replicas.md")
        theo.get_by_role("textbox", name="File name for the new module").press("Enter")
        expect(theo.get_by_role("button", name="Save")).to_be_enabled()
        editor = theo.get_by_role("textbox", name="Markdown")
        expect(editor).to_have_value(re.compile("title: A new module"))
        editor.fill(editor.input_value().replace("title: A new module", "title: Seen everywhere"))
        editor.press("Control+Enter")
        theo.get_by_role("button", name="Save").click()
        theo.get_by_text("Published: en/05-replicas.md").wait_for()

        sign_in(alice, url, "alice")
        alice.get_by_role("heading", name="Seen everywhere").wait_for()
        alice.reload()  # still signed in on her replica
        alice.get_by_role("heading", name="Welcome, Alice").wait_for()
        browser.close()
    counts = served(replicas["stats"])
    assert counts["replica1"] > 0 and counts["replica2"] > 0, counts


def test_the_proxy_pins_a_browser_to_a_replica(replicas) -> None:
    with urllib.request.urlopen(f"{replicas['url']}/_stcore/health", timeout=5) as answer:
        assert answer.read() == b"ok"
        pins = [c for c in answer.headers.get_all("Set-Cookie") if c.startswith(f"{STICKY_COOKIE}=")]
    assert len(pins) == 1 and "HttpOnly" in pins[0]
    request = urllib.request.Request(f"{replicas['url']}/_stcore/health", headers={"Cookie": pins[0].split(";")[0]})
    with urllib.request.urlopen(request, timeout=5) as answer:  # a pinned browser is not pinned again
        assert not any(c.startswith(f"{STICKY_COOKIE}=") for c in answer.headers.get_all("Set-Cookie") or [])
