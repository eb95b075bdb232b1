"""The accounts command (run in-process, as its __main__ runs it) and the roster import."""

from __future__ import annotations

import io
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest

from modules import store
from modules.accounts import cli, lockout, passwords
from modules.accounts.roster import Account, import_roster, problems_of

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_users(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`python -m modules.accounts ARGS` run in this process (what the command's __main__ calls)."""

    def run(db: Path, *args: str, stdin: str = "") -> Done:
        monkeypatch.setenv("ACADEMY_DB", str(db))
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = cli.main(list(args))
        out = capsys.readouterr()
        return Done(code, out.out, out.err)

    return run


def test_users_command_adds_resets_and_unlocks(tmp_path: Path, run_users) -> None:
    db_path = tmp_path / "academy.db"
    done = run_users(db_path, "add", "Sam", "--name", "Sam Roy", "--role", "manager", "--team", "Harbour store")
    assert done.returncode == 0 and done.stdout.startswith("created manager 'sam' with temporary password ")
    temporary = done.stdout.split()[-1]
    db = store.engine.connect(db_path)
    sam = store.accounts.user_by_username(db, "sam")
    assert sam["team"] == "Harbour store" and [t["name"] for t in store.accounts.managed_teams(db, sam["id"])] == [
        "Harbour store"
    ]
    stored = next(u for u in store.accounts.accounts(db) if u["username"] == "sam")["password_hash"]
    assert passwords.check_password(temporary, stored) and temporary not in stored
    assert run_users(db_path, "add", "sam", "--name", "Again", "--role", "employee", "--team", "X").returncode == 1
    assert "needs a team" in run_users(db_path, "add", "lee", "--name", "Lee", "--role", "employee").stderr
    store.accounts.save_login_failures(db, "sam", lockout.MAX_FAILURES, "2999-01-01 00:00:00")
    assert run_users(db_path, "reset-password", "sam", "--password-stdin", stdin="short\n").returncode == 1
    assert run_users(db_path, "reset-password", "sam", "--password-stdin", stdin="a-long-new-secret\n").returncode == 0
    stored = next(u for u in store.accounts.accounts(db) if u["username"] == "sam")["password_hash"]
    assert passwords.check_password("a-long-new-secret", stored) and "sam" not in store.accounts.login_failures(db)
    store.accounts.save_login_failures(db, "sam", lockout.MAX_FAILURES, "2999-01-01 00:00:00")
    assert run_users(db_path, "unlock", "sam").returncode == 0 and store.accounts.login_failures(db) == {}
    assert run_users(db_path, "unlock", "nobody").returncode == 1
    assert "sam" in run_users(db_path, "list").stdout


def test_roster_import_keeps_good_rows_and_reports_bad_ones_by_line(tmp_path: Path) -> None:
    db = store.engine.connect(tmp_path / "academy.db")
    store.accounts.add_user(db, "taken", "Taken", "h", "trainer")
    roster = (
        "username,name,email,team,role\n"
        "ana,Ana Silva,ana@example.com,Harbour store,employee\n"  # 2 good
        "ben,Ben Cole,not-an-email,Harbour store,employee\n"  # 3 bad email
        "cy,Cy Dunn,,Harbour store,chef\n"  # 4 bad role
        "taken,Someone,,Harbour store,employee\n"  # 5 exists
        "ana,Ana Again,,Harbour store,employee\n"  # 6 duplicate in file
        "dee,Dee Fox,dee@example.com,,employee\n"  # 7 no team
        "eve,Eve Gray,eve@example.com,Harbour store,manager\n"  # 8 good manager
        "fay,Fay,\n"  # 9 short row
        "Gil Bad,Gil,,Harbour store,employee\n"  # 10 bad username
    )
    result = cli.import_roster(db, roster)
    assert [u for u, _ in result.created] == ["ana", "eve"]
    assert [line for line, _ in result.problems] == [3, 4, 5, 6, 7, 9, 10]
    messages = dict(result.problems)
    assert "email 'not-an-email'" in messages[3] and "role 'chef'" in messages[4]
    assert "already exists" in messages[5] and "already on line 2" in messages[6] and "needs a team" in messages[7]
    assert "wrong number of columns" in messages[9] and "username 'gil bad'" in messages[10]
    eve = store.accounts.user_by_username(db, "eve")
    assert [t["name"] for t in store.accounts.managed_teams(db, eve["id"])] == ["Harbour store"]
    assert cli.import_roster(db, "user,name\nx,y\n").problems[0][0] == 1


def test_roster_command_exit_code_and_output(tmp_path: Path, run_users) -> None:
    csv = tmp_path / "roster.csv"
    csv.write_text("username,name,email,team,role\nana,Ana,,Harbour store,employee\nbad row\n")
    done = run_users(tmp_path / "academy.db", "import", str(csv))
    assert done.returncode == 1 and done.stdout.startswith("ana\t")
    assert f"{csv}:3: " in done.stderr and "1 account(s) created, 1 row(s) refused" in done.stderr


def test_passwords_that_cannot_sign_in_or_are_common_are_refused(tmp_path: Path, run_users) -> None:
    db_path = tmp_path / "academy.db"
    assert run_users(db_path, "add", "sam", "--name", "Sam Roy", "--role", "trainer").returncode == 0
    for refused, why in [
        ("          ", "may not start or end with a space"),
        (" secret-pass", "may not start or end"),
        ("short", "at least 8 characters"),
        ("password123", "most common"),
        ("Azerty123", "most common"),
        ("aaaaaaaaaaaa", "most common"),
    ]:
        done = run_users(db_path, "reset-password", "sam", "--password-stdin", stdin=refused + "\n")
        assert done.returncode == 1 and why in done.stderr, refused
    assert run_users(db_path, "reset-password", "sam", "--password-stdin", stdin="a-long-walk-home\n").returncode == 0


def test_names_with_control_or_invisible_characters_are_refused() -> None:
    for name in ["Eve\x00", "Eve\nAdmin", "Eve \x1b[31mred", "Eve\u202egnp.exe", "Zero\u200bwidth"]:
        assert any("control or invisible" in p for p in problems_of(Account("eve", name, "", "Store", "employee")))
    assert problems_of(Account("zoe", "Zoé François-Aït", "", "Store", "employee")) == []


def test_the_database_file_is_owner_only(tmp_path: Path) -> None:
    store.engine.connect(tmp_path / "data" / "academy.db").close()
    assert stat.S_IMODE((tmp_path / "data" / "academy.db").stat().st_mode) == 0o600


def test_a_roster_hashes_temporary_passwords_quickly(tmp_path: Path) -> None:
    with store.engine.opened(tmp_path / "academy.db") as db:
        rows = "".join(f"person{n},Person {n},,Harbour,employee\n" for n in range(50))
        result = import_roster(db, "username,name,email,team,role\n" + rows)
        stored = {a["username"]: a["password_hash"] for a in store.accounts.accounts(db)}
    assert len(result.created) == 50 and all(
        passwords.rounds_of(stored[c.username]) == passwords.TEMPORARY_ROUNDS for c in result.created
    )
    assert passwords.check_password(result.created[0].temporary_password, stored[result.created[0].username])
