"""A Chromium for the journeys that start their own server (people, single sign-on), a fresh tab per test."""

from __future__ import annotations

import pytest

from tests.browser.test_browser import ARGS, CHROMIUM, _unavailable


@pytest.fixture(scope="module")
def chromium():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def fresh_page(chromium):
    """A new browser context (no cookie) and its tab, at desktop size."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    yield tab
    context.close()
