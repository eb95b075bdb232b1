"""People and sign-in as a company runs them, in Chromium against a real server and a local SMTP server:
an administrator adds a person, the invitation arrives, its link sets a password, the person signs in;
"Forgot your password?" end to end; a changed password refuses the old one; a leaver deactivated while
signed in is out at the next click."""

from __future__ import annotations

import re
import time

import pytest

from tests import smtp_server
from tests.browser.test_browser import choose, demo_home, launch, settled, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def mail():
    controller, inbox = smtp_server.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture(scope="module")
def portal(tmp_path_factory, demo_template, mail):
    controller, _inbox = mail
    home = demo_home(tmp_path_factory, demo_template, "people")
    with launch(home, ACADEMY_SMTP_URL=f"smtp://127.0.0.1:{controller.port}?from=academy@example.com") as facts:
        yield facts


def link_in(inbox, address: str, after: int = 0) -> str:
    """The link of the latest message to `address`, once more than `after` have arrived (a busy machine
    delivers the new one a moment after the page says it is sent)."""
    deadline = time.monotonic() + 20
    while len(inbox.to(address)) <= after and time.monotonic() < deadline:
        time.sleep(0.1)
    (message,) = inbox.to(address)[-1:]
    return re.search(r"http://\S+", message.get_content()).group(0)


def set_password(page, address: str, password: str) -> None:
    page.goto(address)
    page.get_by_role("heading", name="Choose your password").wait_for()
    page.get_by_role("textbox", name="New password", exact=True).fill(password)
    page.get_by_role("textbox", name="New password again").fill(password)
    page.get_by_role("button", name="Set my password").click()
    page.get_by_text("Your password is set.").wait_for(timeout=60_000)  # hashing is slow on a busy machine


def test_an_administrator_adds_a_person_whose_invitation_sets_their_password(portal, mail, fresh_page) -> None:
    page = fresh_page
    _controller, inbox = mail
    sign_in(page, portal["url"], "irene", expect="Welcome, Irène")
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("heading", name="People").wait_for()
    settled(page)
    page.get_by_text("Add a person").click()
    page.get_by_label("Username", exact=True).last.fill("paula")
    form = page.locator("[data-testid='stMain'] [data-testid='stForm']").first  # the menu has the search form
    form.get_by_label("Name", exact=True).fill("Paula Newhire")
    form.get_by_label("E-mail").fill("paula@example.com")
    page.get_by_role("button", name="Add this person").click()
    page.get_by_text("A team member or a manager needs a team.").wait_for()  # said, and what was typed is kept
    choose(page, "add-team", "Riverside store")
    page.get_by_role("button", name="Add this person").click()
    page.get_by_text("Added. An invitation to choose a password went to paula@example.com.").wait_for()

    newcomer = page.context.browser.new_context().new_page()
    set_password(newcomer, link_in(inbox, "paula@example.com"), "Paula-chose-1")
    sign_in(newcomer, portal["url"], "paula", "Paula-chose-1", expect="Welcome, Paula")
    newcomer.get_by_role("heading", name="Welcome, Paula").wait_for()
    newcomer.context.close()


def test_forgot_password_end_to_end_and_the_old_password_fails(portal, mail, fresh_page) -> None:
    page = fresh_page
    _controller, inbox = mail
    page.goto(portal["url"])
    page.get_by_text("Forgot your password?").click()
    page.get_by_label("Your username or e-mail address").fill("chloe")
    sent_before = len(inbox.to("chloe@example.com"))
    page.get_by_role("button", name="Send me a link").click()
    page.get_by_text("If this account exists and has an e-mail address").wait_for()
    set_password(page, link_in(inbox, "chloe@example.com", sent_before), "Chloe-new-pass-2")
    sign_in(page, portal["url"], "chloe", "academy", expect="Wrong username or password")
    page.get_by_text("Wrong username or password").wait_for()
    sign_in(page, portal["url"], "chloe", "Chloe-new-pass-2", expect="Welcome, Chloé")


def test_a_leaver_deactivated_while_signed_in_is_out_at_the_next_click(portal, fresh_page, chromium) -> None:
    page, browser = fresh_page, chromium
    sign_in(page, portal["url"], "hugo", expect="Welcome, Hugo")
    admin = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    admin.set_default_timeout(20_000)
    sign_in(admin, portal["url"], "irene", expect="Welcome, Irène")
    admin.get_by_role("link", name="People", exact=True).click()
    admin.get_by_role("heading", name="People").wait_for()
    settled(admin)
    admin.get_by_label("Find by name, username, e-mail or team").fill("hugo")
    admin.keyboard.press("Enter")
    admin.get_by_text("1–1 of 1").wait_for()
    settled(admin)
    admin.locator(".st-key-people-open input").click()
    admin.get_by_role("option", name="Hugo Girard (hugo)").click()
    admin.get_by_role("button", name="Deactivate (a leaver)").click()
    admin.get_by_text("Deactivated: they cannot sign in").wait_for()
    admin.context.close()

    page.get_by_role("link", name="My progress").click()  # his next click
    page.get_by_role("button", name="Sign in").wait_for()
    sign_in(page, portal["url"], "hugo", expect="This account has been closed")


def test_a_person_changes_their_password_in_my_account_and_the_old_one_fails(portal, fresh_page) -> None:
    page = fresh_page
    sign_in(page, portal["url"], "karine", expect="Welcome, Karine")
    page.get_by_role("link", name="My account").click()
    page.get_by_role("heading", name="My account").wait_for()
    settled(page)
    page.get_by_role("textbox", name="Current password").fill("academy")
    page.get_by_role("textbox", name="New password", exact=True).fill("Karine-chose-3")
    page.get_by_role("textbox", name="New password again").fill("Karine-chose-3")
    page.get_by_role("button", name="Change my password").click()
    page.get_by_text("Your password is changed.").wait_for()
    page.get_by_role("link", name="Home").click()  # this session goes on
    page.get_by_role("heading", name="Welcome, Karine").wait_for()
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("button", name="Sign in").wait_for()
    sign_in(page, portal["url"], "karine", "academy", expect="Wrong username or password")
    sign_in(page, portal["url"], "karine", "Karine-chose-3", expect="Welcome, Karine")
