"""Sign-in in the portal: the lockout is kept in the store, across browser sessions."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from modules import store
from modules.accounts import lockout
from tests.helpers import APP, signed_in

SUBMIT = "FormSubmitter:Login-Sign in"
LOCKED = lockout.LOCKED_TEMPLATE.format(minutes=lockout.LOCK_MINUTES, failures=lockout.MAX_FAILURES)


def try_login(username: str, password: str) -> AppTest:
    """A new browser session each time: nothing carried over but the store."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    return at.button(key=SUBMIT).click().run()


def test_five_wrong_passwords_lock_the_account_across_sessions(academy_on_each_engine: str) -> None:
    academy = academy_on_each_engine
    for _attempt in range(1, lockout.MAX_FAILURES):
        assert [e.value for e in try_login("alice", "wrong").error] == [
            "Wrong username or password. Check both and try again."
        ]
    assert [e.value for e in try_login("alice", "wrong").error] == [LOCKED]  # the fifth
    assert [e.value for e in try_login("alice", "academy").error] == [LOCKED]  # even the right one
    db = store.engine.connect(academy)
    stored = store.accounts.login_failures(db)["alice"]
    assert stored["failures"] == lockout.MAX_FAILURES + 1 and stored["locked_until"]  # every attempt is counted
    # Other accounts are untouched.
    assert try_login("bruno", "academy").success
    # When the lock ends, the right password works and the count is cleared.
    db.execute("UPDATE login_failures SET locked_until = '2000-01-01 00:00:00'")
    assert try_login("alice", "academy").success and "alice" not in store.accounts.login_failures(db)


def test_a_correct_sign_in_clears_earlier_failures(academy_on_each_engine: str) -> None:
    academy = academy_on_each_engine
    try_login("alice", "wrong")
    try_login("alice", "wrong")
    db = store.engine.connect(academy)
    assert store.accounts.login_failures(db)["alice"]["failures"] == 2
    assert try_login("alice", "academy").success and "alice" not in store.accounts.login_failures(db)


def test_logging_out_in_one_tab_signs_the_other_tabs_out(academy_on_each_engine: str) -> None:
    first, second = signed_in(academy_on_each_engine, "alice"), signed_in(academy_on_each_engine, "alice")
    other = signed_in(academy_on_each_engine, "bruno")
    assert second.title[0].value == "Welcome, Alice"
    first.sidebar.button(key="sidebar-logout").click().run()
    first.run()  # stands in for the rerun the cookie component triggers in a browser
    assert [t.label for t in first.text_input] == ["Username", "Password"]
    second.run()  # her other tab's next click
    assert [t.label for t in second.text_input] == ["Username", "Password"] and not second.title[1:]
    other.run()  # nobody else is signed out
    assert other.title[0].value == "Welcome, Bruno"
    assert try_login("alice", "academy").success  # and she can sign in again
