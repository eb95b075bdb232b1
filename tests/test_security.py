"""Login lockout kept in the store, the users command, roster import, hostile content."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from modules import store
from modules.accounts import cli, passwords
from modules.accounts import lockout
from modules.content import ContentError, load_module
from modules.content.parser import parse_module
from tests.helpers import APP

ROOT = Path(__file__).resolve().parents[1]
SUBMIT = "FormSubmitter:Login-Sign in"

LOCKED = lockout.LOCKED_TEMPLATE.format(minutes=lockout.LOCK_MINUTES, failures=lockout.MAX_FAILURES)


def try_login(username: str, password: str) -> AppTest:
    """A new browser session each time: nothing carried over but the store."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    return at.button(key=SUBMIT).click().run()


def test_five_wrong_passwords_lock_the_account_across_sessions(academy: Path) -> None:
    for attempt in range(1, lockout.MAX_FAILURES):
        assert [e.value for e in try_login("alice", "wrong").error] == ["Wrong username or password. Check both and try again."]
    assert [e.value for e in try_login("alice", "wrong").error] == [LOCKED]  # the fifth
    assert [e.value for e in try_login("alice", "academy").error] == [LOCKED]  # even the right one
    db = store.connect(academy)
    assert store.login_failures(db)["alice"]["failures"] == lockout.MAX_FAILURES
    # Other accounts are untouched.
    assert try_login("bruno", "academy").success
    # When the lock ends, the right password works and the count is cleared.
    db.execute("UPDATE login_failures SET locked_until = '2000-01-01 00:00:00'")
    assert try_login("alice", "academy").success and "alice" not in store.login_failures(db)


def test_a_correct_sign_in_clears_earlier_failures(academy: Path) -> None:
    try_login("alice", "wrong")
    try_login("alice", "wrong")
    db = store.connect(academy)
    assert store.login_failures(db)["alice"]["failures"] == 2
    assert try_login("alice", "academy").success and "alice" not in store.login_failures(db)


def run_users(db: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "modules.accounts", *args], cwd=ROOT, input=stdin, text=True,
                          capture_output=True, env=dict(os.environ, ACADEMY_DB=str(db)), timeout=60)


def test_users_command_adds_resets_and_unlocks(tmp_path: Path) -> None:
    db_path = tmp_path / "academy.db"
    done = run_users(db_path, "add", "Sam", "--name", "Sam Roy", "--role", "manager", "--team", "Harbour store")
    assert done.returncode == 0 and done.stdout.startswith("created manager 'sam' with temporary password ")
    temporary = done.stdout.split()[-1]
    db = store.connect(db_path)
    sam = store.user_by_username(db, "sam")
    assert sam["team"] == "Harbour store" and [t["name"] for t in store.managed_teams(db, sam["id"])] == ["Harbour store"]
    stored = next(u for u in store.accounts(db) if u["username"] == "sam")["password_hash"]
    assert passwords.check_password(temporary, stored) and temporary not in stored
    assert run_users(db_path, "add", "sam", "--name", "Again", "--role", "employee", "--team", "X").returncode == 1
    assert "needs a team" in run_users(db_path, "add", "lee", "--name", "Lee", "--role", "employee").stderr
    store.save_login_failures(db, "sam", lockout.MAX_FAILURES, "2999-01-01 00:00:00")
    assert run_users(db_path, "reset-password", "sam", "--password-stdin", stdin="short\n").returncode == 1
    assert run_users(db_path, "reset-password", "sam", "--password-stdin", stdin="a-long-new-secret\n").returncode == 0
    stored = next(u for u in store.accounts(db) if u["username"] == "sam")["password_hash"]
    assert passwords.check_password("a-long-new-secret", stored) and "sam" not in store.login_failures(db)
    store.save_login_failures(db, "sam", lockout.MAX_FAILURES, "2999-01-01 00:00:00")
    assert run_users(db_path, "unlock", "sam").returncode == 0 and store.login_failures(db) == {}
    assert run_users(db_path, "unlock", "nobody").returncode == 1
    assert "sam" in run_users(db_path, "list").stdout


def test_roster_import_keeps_good_rows_and_reports_bad_ones_by_line(tmp_path: Path) -> None:
    db = store.connect(tmp_path / "academy.db")
    store.add_user(db, "taken", "Taken", "h", "trainer")
    roster = (
        "username,name,email,team,role\n"
        "ana,Ana Silva,ana@example.com,Harbour store,employee\n"     # 2 good
        "ben,Ben Cole,not-an-email,Harbour store,employee\n"         # 3 bad email
        "cy,Cy Dunn,,Harbour store,chef\n"                           # 4 bad role
        "taken,Someone,,Harbour store,employee\n"                    # 5 exists
        "ana,Ana Again,,Harbour store,employee\n"                    # 6 duplicate in file
        "dee,Dee Fox,dee@example.com,,employee\n"                    # 7 no team
        "eve,Eve Gray,eve@example.com,Harbour store,manager\n"       # 8 good manager
        "fay,Fay,\n"                                                  # 9 short row
        "Gil Bad,Gil,,Harbour store,employee\n"                      # 10 bad username
    )
    result = cli.import_roster(db, roster)
    assert [u for u, _ in result.created] == ["ana", "eve"]
    assert [line for line, _ in result.problems] == [3, 4, 5, 6, 7, 9, 10]
    messages = dict(result.problems)
    assert "email 'not-an-email'" in messages[3] and "role 'chef'" in messages[4]
    assert "already exists" in messages[5] and "already on line 2" in messages[6] and "needs a team" in messages[7]
    assert "wrong number of columns" in messages[9] and "username 'gil bad'" in messages[10]
    eve = store.user_by_username(db, "eve")
    assert [t["name"] for t in store.managed_teams(db, eve["id"])] == ["Harbour store"]
    assert cli.import_roster(db, "user,name\nx,y\n").problems[0][0] == 1


def test_roster_command_exit_code_and_output(tmp_path: Path) -> None:
    csv = tmp_path / "roster.csv"
    csv.write_text("username,name,email,team,role\nana,Ana,,Harbour store,employee\nbad row\n")
    done = run_users(tmp_path / "academy.db", "import", str(csv))
    assert done.returncode == 1 and done.stdout.startswith("ana\t")
    assert f"{csv}:3: " in done.stderr and "1 account(s) created, 1 row(s) refused" in done.stderr


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_fuzz_random_text_never_crashes_the_parser(text: str) -> None:
    try:
        module = parse_module(text.encode("utf-8", "surrogatepass"), Path("content/en/fuzz.md"))
        assert module.title and module.summary
    except ContentError as error:
        assert error.problems and all(p.line >= 1 and p.message for p in error.problems)


VALID = (ROOT / "content" / "en" / "03-moments-of-truth.md").read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(VALID)), st.integers(0, 40),
                          st.sampled_from(["", "\n", "## ", "### ", "- [x] ", "- [ ] ", "> ", "---\n", "{#", "`", "\n\n",
                                           "<script>", "  ", "|a|b|\n|-|-|\n", "\ufeff", "\r\n", "é", "[x]"])),
                min_size=1, max_size=6))
def test_fuzz_mutated_modules_give_a_module_or_located_problems(edits: list[tuple[int, int, str]]) -> None:
    text = VALID
    for position, cut, insert in edits:
        position = min(position, len(text))
        text = text[:position] + insert + text[position + cut:]
    try:
        parse_module(text.encode("utf-8"), Path("content/en/03-moments-of-truth.md"))
    except ContentError as error:
        lines = text.count("\n") + 1
        assert error.problems and all(1 <= p.line <= lines + 1 for p in error.problems)


def test_a_huge_file_is_refused_at_once(tmp_path: Path) -> None:
    huge = tmp_path / "en" / "huge.md"
    huge.parent.mkdir()
    huge.write_text("---\ntitle: T\nsummary: S\n---\n## A\n\n" + "- [x] option\n" * 400_000)  # about 5 MB
    with pytest.raises(ContentError) as caught:  # refused on its size, before any parsing
        load_module(huge)
    assert "file is too large (5.2 MB); a module file may be at most 1 MB" in str(caught.value)
