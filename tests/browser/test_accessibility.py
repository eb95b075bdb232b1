"""Issue 24: axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every page a role may open, in English and French,
at desktop width and at 390 px, in the states that matter (a quiz open, its blanks refused, a result, the
practice of the day answered, each tab of Team progress and Organisation, the Studio with problems, the
sign-in form with an error). Zero violations of any impact, and no sideways scrolling at 320 px (WCAG 1.4.10;
the same layout as 1280 px text enlarged to 400 %).

One signed-in browser tab per role and language; each state is audited at both widths without a reload
(the layout follows the viewport). The figures are printed at the end (`pytest -s`) and quoted in the README.
"""

from __future__ import annotations

import collections
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from modules import i18n
from modules.accounts import roles
from modules.content import load_catalog
from tests.browser.test_browser import ARGS, CHROMIUM, ROOT, _unavailable, demo_home, launch, tick
from tests.helpers import module_by_id

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTHS = (1280, 390)
PEOPLE = {"employee": "alice", "manager": "marc", "trainer": "theo", "admin": "ada"}
BROKEN = (
    "---\ntitle: A module in progress\norder: 98\n---\n\n## Quiz\n\n### A question with no right answer\n- [ ] One\n"
)


NARROWEST = 320
SCROLLS_SIDEWAYS = """() => {
  const main = document.getElementById("stMain");
  if (main.scrollWidth <= main.clientWidth + 1 && document.scrollingElement.scrollWidth <= innerWidth + 1) return "";
  const wide = [...main.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > innerWidth + 1);
  return `${main.scrollWidth}px: ` + wide.slice(-3).map((e) => e.getAttribute("data-testid") || e.tagName).join(", ");
}"""


@dataclass(frozen=True)
class State:
    name: str
    path: str  # after the server's address; "" is Home
    act: Callable | None = None  # what a person does on the page before it is audited


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory, demo_template: Path):
    """The demo organisation with an administrator, on its own server."""
    from modules import store

    home = demo_home(tmp_path_factory, demo_template, "audited")
    db = store.engine.connect(home / "data" / "academy.db")
    store.accounts.add_user(db, "ada", "Ada Laurent", store.accounts.accounts(db)[0]["password_hash"], "admin", None)
    db.close()
    with launch(home) as facts:
        yield facts


@pytest.fixture(scope="module")
def browser():
    try:
        from axe_playwright_python.sync_playwright import Axe
        from playwright.sync_api import sync_playwright
    except ImportError as missing:
        _unavailable(f"{missing.name} is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium, Axe()
        chromium.close()


def settle(page) -> None:
    """The script run over, the charts drawn, the page's own fixes applied (they follow each change)."""
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for()
    page.wait_for_timeout(400)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for()


def open_tab(label: str) -> Callable:
    def act(page) -> None:
        page.get_by_role("tab", name=label, exact=True).click()
        settle(page)

    return act


def states(role: str, lang: str) -> list[State]:
    """Every page the role may open, then the states a person reaches on them."""
    _ = i18n.translator(lang)
    found = [
        State(access.key, "" if access.key == "home" else access.url_path)
        for access in roles.pages_for(role)
        if access.key != "module"
    ]
    found.append(State("module", "module?module=welcome"))
    found.append(State("quiz open", "module?module=welcome", quiz_open(_)))
    found.append(State("quiz with blanks", "module?module=welcome", quiz_blanks(_)))
    found.append(State("practice answered", "", practice_answered(_)))
    if roles.may(role, roles.MEMBER) and lang == "en":  # once: in French the module then opens on the result
        found.append(State("quiz result", "module?module=welcome", quiz_result(_)))
    if roles.may(role, roles.MEMBER):  # the result page's "What would you say?": the model answer, a rating left blank
        found.append(State("what would you say", "module?module=welcome", say_rated(_)))
    if roles.may(role, roles.SEE_TEAMS):
        labels = ["Assignments", "Modules", "Activity", "Practices", "Recall"]
        labels += ["To do"] if roles.may(role, roles.FOLLOW_UP) else []  # the manager's to-do
        found += [State(f"team: {label}", "team", open_tab(_(label))) for label in labels]
    if roles.may(role, roles.ALL_TEAMS):
        found += [
            State(f"organisation: {label}", "organisation", open_tab(_(label))) for label in ("Practices", "Recall")
        ]
    if roles.may(role, roles.AUTHOR):
        found.append(State("studio with problems", "studio", studio_problems(_)))
    return found


def to_quiz_step(page, _: i18n.Translate) -> None:
    """The module's quiz step, from its contents (a module opens on its first section not read)."""
    quiz = page.get_by_role("button", name=_("Quiz"), exact=True)
    if quiz.count():
        quiz.click()
        settle(page)


def quiz_open(_: i18n.Translate) -> Callable:
    def act(page) -> None:
        to_quiz_step(page, _)
        retake = page.get_by_role("button", name=_("Retake the quiz"))
        if retake.count():
            retake.first.click()
            settle(page)
        page.get_by_role("button", name=_("Submit my answers")).wait_for()

    return act


def quiz_blanks(_: i18n.Translate) -> Callable:
    def act(page) -> None:
        quiz_open(_)(page)
        page.get_by_role("button", name=_("Submit my answers")).click()
        page.get_by_role("alert").filter(
            has_text=_("Answer every question before submitting. Still blank: {questions}.")[:20]
        ).wait_for()
        settle(page)

    return act


def quiz_result(_: i18n.Translate) -> Callable:
    def act(page) -> None:
        quiz_open(_)(page)
        welcome = module_by_id(load_catalog(ROOT / "content"), "welcome", "en")
        for question in welcome.questions:
            block = page.locator(f".st-key-question-{question.id}")
            for index in sorted(question.correct):
                tick(block, "checkbox" if question.multiple else "radio", question.options[index])
        page.get_by_role("button", name=_("Submit my answers")).click()
        page.get_by_text("You scored 100 %").first.wait_for()
        settle(page)

    return act


def say_rated(_: i18n.Translate) -> Callable:
    def act(page) -> None:
        to_quiz_step(page, _)  # the module opens on a section not read
        block = page.locator(".st-key-say-first-seconds")
        block.get_by_role("button", name=_("Show the model answer")).click()
        settle(page)
        block.get_by_role("button", name=_("Save my rating")).click()
        block.get_by_text(_("Choose the level your words reached and how sure you are.")).wait_for()
        settle(page)

    return act


def practice_answered(_: i18n.Translate) -> Callable:
    def act(page) -> None:
        card = page.locator(".st-key-daily-practice")
        if not card.count() or not card.get_by_role("button", name=_("Check my answer")).count():
            return  # nothing to practise today for this person: Home as it is
        card.get_by_role("button", name=_("Check my answer")).click()  # blank: refused with a message
        settle(page)
        card.locator("[data-testid='stRadio'] label, [data-testid='stCheckbox'] label").first.click()
        settle(page)
        card.get_by_role("button", name=_("Check my answer")).click()
        settle(page)

    return act


def studio_problems(_: i18n.Translate) -> Callable:
    def act(page) -> None:
        editor = page.get_by_label(_("Markdown"), exact=True)
        editor.fill(BROKEN)
        editor.press("Control+Enter")
        settle(page)

    return act


def a_certificate(db: Path) -> str:
    """The code of a certificate of Emma's (she passed the welcome module in the demo)."""
    from datetime import UTC, datetime

    from modules import certificates, store

    welcome = module_by_id(load_catalog(ROOT / "content"), "welcome", "en")
    with store.engine.opened(str(db)) as handle:
        emma = store.accounts.user_by_username(handle, "emma")["id"]
        return certificates.certificate_for(handle, emma, welcome, datetime.now(UTC)).code


def set_language(db: Path, username: str, lang: str) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE users SET language = ? WHERE username = ?", [lang, username])


def audit(page, axe, where: str, found: dict) -> int:
    """Both widths of the page as it is; returns how many audits ran."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(300)
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": RULES}})
        for violation in result.response["violations"]:
            for node in violation["nodes"]:
                found[(violation["id"], node["html"][:160])].append(f"{where} @{width}px")
    page.set_viewport_size({"width": NARROWEST, "height": 900})  # reflow (1.4.10), and text at 400 % of 1280 px
    page.wait_for_timeout(300)
    wide = page.evaluate(SCROLLS_SIDEWAYS)
    if wide:
        found[("reflow: horizontal scrolling at 320 px", wide)].append(where)
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    return len(WIDTHS)


def sign_in(page, url: str, username: str, _: i18n.Translate) -> None:
    page.goto(url)
    page.get_by_label(_("Username"), exact=True).wait_for()
    settle(page)
    page.get_by_label(_("Username"), exact=True).fill(username)
    page.get_by_role("textbox", name=_("Password")).fill("academy")
    page.get_by_role("button", name=_("Sign in")).click()
    page.locator("[data-testid='stSidebarNavItems']").wait_for()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_role_and_width_has_no_wcag_violation(audited, browser, lang) -> None:
    chromium, axe = browser
    _ = i18n.translator(lang)
    found: dict = collections.defaultdict(list)
    audits = 0
    context = chromium.new_context(viewport={"width": WIDTHS[0], "height": 900}, locale=f"{lang}-FR")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(audited["url"])  # signed out: the sign-in form, then its error
    page.get_by_label(_("Username"), exact=True).wait_for()
    settle(page)
    audits += audit(page, axe, "sign-in", found)
    page.get_by_label(_("Username"), exact=True).fill("alice")
    page.get_by_role("textbox", name=_("Password")).fill("not her password")
    page.get_by_role("button", name=_("Sign in")).click()
    page.get_by_role("alert").wait_for()
    audits += audit(page, axe, "sign-in with an error", found)
    page.goto(f"{audited['url']}/verify?code={a_certificate(audited['db'])}")  # the public check, from a QR code
    page.get_by_text(_("Valid certificate")).wait_for()
    settle(page)
    audits += audit(page, axe, "certificate check", found)
    context.close()
    for role, username in PEOPLE.items():
        set_language(audited["db"], username, lang)
        context = chromium.new_context(viewport={"width": WIDTHS[0], "height": 900}, locale=f"{lang}-FR")
        page = context.new_page()
        page.set_default_timeout(30_000)
        sign_in(page, audited["url"], username, _)
        for state in states(role, lang):
            page.goto(f"{audited['url']}/{state.path}")
            page.locator("[data-testid='stMain'] h1").first.wait_for()
            settle(page)
            page.wait_for_function(f"document.documentElement.lang === '{lang}'")  # set by the page's script
            assert page.evaluate("document.documentElement.lang") == lang, f"{role}: {state.name}"
            if state.act:
                state.act(page)
            audits += audit(page, axe, f"{role}: {state.name}", found)
        context.close()
    print(f"\naccessibility audit ({lang}): {audits} audits, {len(found)} violations")
    assert not found, "\n".join(f"{rule} on {html}: {', '.join(where[:4])}" for (rule, html), where in found.items())


ACTIVE = """() => {
  const el = document.activeElement;
  const label = el.closest("label");
  return {tag: el.tagName, type: el.type || "", href: el.getAttribute("href") || "",
          text: ((label || el).innerText || el.getAttribute("aria-label") || "").trim(),
          key: (el.closest('[class*="st-key-question-"]') || {className: ""}).className};
}"""


def tab_to(page, wanted: Callable[[dict], bool], back: bool = False, limit: int = 250) -> dict:
    """Press Tab (or Shift+Tab) until the focused element is the one wanted, as a keyboard user looks for it.
    A person waits for the page to finish: so does this, now and then (a rerun on a busy machine redraws)."""
    settle(page)
    for pressed in range(limit):
        if pressed and pressed % 40 == 0:
            settle(page)
        page.keyboard.press("Shift+Tab" if back else "Tab")
        focused = page.evaluate(ACTIVE)
        if wanted(focused):
            return focused
    raise AssertionError(f"no Tab stop matched within {limit} presses; last: {focused}")


def button(name: str) -> Callable[[dict], bool]:
    """A button by its words (an icon's ligature name is read along with them in innerText)."""
    return lambda focused: focused["tag"] == "BUTTON" and name in focused["text"].splitlines()


def answer_by_keyboard(page, question) -> None:
    """A radio group: Tab into it, arrows to the right option (arrows also choose); checkboxes: Space on each."""
    block = f"st-key-question-{question.id}"
    first = tab_to(page, lambda focused: block in focused["key"].split())
    settle(page)
    if not question.multiple:
        wanted = question.options[next(iter(question.correct))]
        focused = first
        for _ in range(len(question.options) + 1):
            if focused["text"] == wanted:
                page.keyboard.press("Space")
                settle(page)
                return
            page.keyboard.press("ArrowDown")
            settle(page)
            focused = page.evaluate(ACTIVE)
        raise AssertionError(f"{wanted} not reached by the arrows")
    focused = first
    while block in focused["key"].split():
        if focused["text"] in {question.options[i] for i in question.correct}:
            page.keyboard.press("Space")
            settle(page)
        page.keyboard.press("Tab")
        focused = page.evaluate(ACTIVE)


def say_by_keyboard(page) -> None:
    """The "What would you say?" below the result: her words, the model answer, a level and how sure she is,
    then Save, with the keys alone."""
    tab_to(page, lambda focused: focused["tag"] == "TEXTAREA")
    page.keyboard.type("I can hear how much this matters to you. Let us sort it out together.")
    tab_to(page, button("Show the model answer"))
    page.keyboard.press("Enter")
    settle(page)
    tab_to(page, lambda focused: focused["type"] == "radio" and focused["text"].startswith("Level 1:"))
    for _ in range(2):  # the arrows move and choose: level 3
        page.keyboard.press("ArrowDown")
        settle(page)
    assert page.evaluate(ACTIVE)["text"].startswith("Level 3:")
    tab_to(page, lambda focused: focused["type"] == "radio" and focused["text"] == "Not sure")
    page.keyboard.press("ArrowRight")
    settle(page)
    assert page.evaluate(ACTIVE)["text"] == "Fairly sure"
    tab_to(page, button("Save my rating"))
    page.keyboard.press("Enter")
    page.get_by_text("Rating saved: level 3.").wait_for()
    settle(page)


def focused_result(page, text: str) -> None:
    page.locator("[class*='st-key-announce-']:focus").filter(has_text=re.compile(text)).wait_for()
    settle(page)


def test_a_keyboard_only_journey_from_sign_in_to_certificate_and_practice(audited, browser) -> None:
    """Emma passed the welcome module: sign in, open the next module, read it, pass its quiz, download the
    certificate and do the practice of the day, without a mouse. Each question is announced by its text."""
    chromium, _axe = browser
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(audited["url"])
    page.get_by_label("Username", exact=True).wait_for()
    settle(page)
    assert tab_to(page, lambda focused: True)["text"] == "Skip to main content"  # the first Tab stop
    tab_to(page, lambda focused: focused["tag"] == "INPUT" and focused["type"] == "text")
    page.keyboard.type("emma")
    page.keyboard.press("Tab")
    page.keyboard.type("academy")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Welcome, Emma").wait_for()
    settle(page)

    tab_to(page, lambda focused: focused["tag"] == "A" and "module=emotional-intelligence" in focused["href"])
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Emotional intelligence").first.wait_for()
    settle(page)
    module = module_by_id(load_catalog(ROOT / "content"), "emotional-intelligence", "en")
    tab_to(page, button(module.sections[0].title))  # the contents: from the first section, wherever it opened
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=module.sections[0].title).first.wait_for()
    settle(page)
    for section in module.sections[1:]:  # read each section, then the next
        tab_to(page, button("Next"))
        page.keyboard.press("Enter")
        page.get_by_role("heading", name=section.title).first.wait_for()
        settle(page)
    tab_to(page, button("Quiz"))
    page.keyboard.press("Enter")
    settle(page)
    if page.get_by_role("button", name="Retake the quiz").count():  # the demo's Emma may have tried it before
        tab_to(page, button("Retake the quiz"))
        page.keyboard.press("Enter")
    page.get_by_role("button", name="Submit my answers").wait_for()
    settle(page)
    for number, question in enumerate(module.questions, 1):  # each group is named by its question
        role = "group" if question.multiple else "radiogroup"
        named = page.get_by_role(role, name=re.compile(rf"^{number}\. {re.escape(question.prompt[:20])}"))
        assert named.count() == 1, (number, question.prompt)
        answer_by_keyboard(page, question)
    tab_to(page, button("Submit my answers"))
    page.keyboard.press("Enter")
    focused_result(page, r"You scored 100\W%")  # the result has the focus: read at once, Tab goes on from it
    settle(page)
    tab_to(page, button("Certificate (PDF)"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "certificate-emotional-intelligence.pdf"
    say_by_keyboard(page)

    tab_to(page, lambda focused: focused["tag"] == "A" and "Home" in focused["text"].splitlines(), back=True)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Practice of the day").wait_for()
    settle(page)
    for _ in range(10):  # every question of the day: an answer, then Check
        if not page.get_by_role("button", name="Check my answer").count():
            break
        tab_to(page, lambda focused: "st-key-question-" in focused["key"])
        page.keyboard.press("Space")
        settle(page)
        tab_to(page, button("Check my answer"))
        page.keyboard.press("Enter")
        focused_result(page, "«")  # the feedback has the focus
        settle(page)
    page.get_by_text("Done for today").wait_for()
    context.close()
