"""The store: migrations, one-transaction attempts, once-only submission, scoped queries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from modules import store
from modules.store import __main__ as store_command
from modules.store.postgres import close_pool


@pytest.fixture
def db(database: str):
    """A new database, once on each engine."""
    with store.engine.opened(database) as handle:
        yield handle


@pytest.fixture
def alice(db) -> int:
    team = store.accounts.add_team(db, "Riverside")
    return store.accounts.add_user(db, "Alice", "Alice Martin", "hash", "employee", team)


def test_new_database_is_created_with_its_folder_and_settings(tmp_path: Path) -> None:
    db = store.engine.connect(tmp_path / "nested" / "academy.db")
    assert (tmp_path / "nested" / "academy.db").exists()
    assert store.schema.schema_version(db) == len(store.schema.migrations.applied(db)) == 34
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == store.engine.BUSY_TIMEOUT_MS
    assert {"teams", "users", "team_managers", "section_reads", "attempts", "answers"} <= set(db.table_names())


def test_migrations_run_once_on_each_engine(database: str) -> None:
    with store.engine.opened(database) as db:
        assert store.schema.schema_version(db) == len(store.schema.STEPS) == 34
        store.schema.upgrade(db)  # a second run (another process, another replica) changes nothing
        assert store.schema.schema_version(db) == 34
        assert store.engine.count(db, "users") == 0 and store.engine.is_empty(db)


def test_an_old_file_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    store.schema.migrations.apply(old, stop_before="m002_user_language")
    old.execute("INSERT INTO teams (name) VALUES ('Riverside')")
    old.execute(
        "INSERT INTO users (username, name, password_hash, role, team_id, created_at)"
        " VALUES ('alice', 'Alice', 'h', 'employee', 1, '2026-01-01 00:00:00')"
    )
    assert "language" not in old["users"].columns_dict
    old.close()
    db = store.engine.connect(path)
    assert store.schema.schema_version(db) == 34 and "language" in db["users"].columns_dict
    assert "attempts_by_user" in {index.name for index in db["attempts"].indexes}
    assert store.accounts.user_by_username(db, "alice")["name"] == "Alice"


def test_usernames_are_case_insensitive_and_unique(db, alice) -> None:
    assert store.accounts.user_by_username(db, " ALICE ")["id"] == alice
    with pytest.raises(store.dialect.INTEGRITY_ERRORS):
        store.accounts.add_user(db, "alice", "Another Alice", "h", "employee")


def test_an_attempt_is_recorded_once(db, alice) -> None:
    kwargs = dict(
        user_id=alice,
        module_id="welcome",
        attempt_no=1,
        content_hash="abc",
        percent=75.0,
        passed=False,
        answers=[("q1", {1}, 1.0), ("q2", {0, 2}, 0.5)],
    )
    first = store.learning.save_attempt(db, **kwargs)
    again = store.learning.save_attempt(db, **kwargs)
    assert first == (first[0], True) and again == (first[0], False)
    assert store.engine.count(db, "attempts") == 1 and store.engine.count(db, "answers") == 2
    assert store.learning.answers_of(db, first[0]) == {
        "q1": {"chosen": {1}, "credit": 1.0},
        "q2": {"chosen": {0, 2}, "credit": 0.5},
    }
    assert store.learning.next_attempt_no(db, alice, "welcome") == 2


def test_an_attempt_and_its_answers_are_one_transaction(db, alice) -> None:
    broken = [("q1", {1}, 1.0), ("q1", {0}, 0.0)]  # the same question twice violates the key
    with pytest.raises(store.dialect.INTEGRITY_ERRORS):
        store.learning.save_attempt(
            db,
            user_id=alice,
            module_id="welcome",
            attempt_no=1,
            content_hash="abc",
            percent=50.0,
            passed=False,
            answers=broken,
        )
    assert store.engine.count(db, "attempts") == 0 and store.engine.count(db, "answers") == 0


def test_a_section_read_is_kept_once_with_its_first_date(db, alice) -> None:
    assert store.learning.mark_section_read(db, alice, "welcome", "intro", "2026-01-01 10:00:00")
    assert not store.learning.mark_section_read(db, alice, "welcome", "intro", "2026-02-01 10:00:00")
    assert store.learning.sections_read(db, alice) == {"welcome": {"intro"}}
    assert db.execute("SELECT read_at FROM section_reads").fetchone()[0] == "2026-01-01 10:00:00"


def test_count_refuses_unknown_tables(db) -> None:
    with pytest.raises(ValueError):
        store.engine.count(db, "users; DROP TABLE users")


def test_postgres_backup_and_restore_use_its_own_tools(postgres, tmp_path: Path, monkeypatch) -> None:
    source, target = postgres.new_database(), postgres.new_database()
    with store.engine.opened(source) as db:
        ann = store.accounts.add_user(db, "ann", "Ann", "h", "employee", store.accounts.add_team(db, "T"))
        store.learning.save_attempt(
            db,
            user_id=ann,
            module_id="welcome",
            attempt_no=1,
            content_hash="h",
            percent=80.0,
            passed=True,
            answers=[("q1", {0}, 1.0)],
        )
    monkeypatch.setenv("ACADEMY_DB", source)
    assert store_command.main(["backup", str(tmp_path / "academy.dump")]) == 0
    assert store_command.main(["backup", str(tmp_path / "academy.dump")]) == 1  # never overwrites a backup
    with store.engine.opened(target) as db:
        assert store.engine.is_empty(db)
    monkeypatch.setenv("ACADEMY_DB", target)
    assert store_command.main(["restore", str(tmp_path / "academy.dump")]) == 0
    with store.engine.opened(target) as db:
        assert store.accounts.user_by_username(db, "ann")["id"] == ann and store.engine.count(db, "answers") == 1
        assert store.schema.schema_version(db) == len(store.schema.STEPS)
    assert store_command.main(["restore", str(tmp_path / "missing.dump")]) == 1
    close_pool(source), close_pool(target)


def test_a_sqlite_install_moves_to_postgresql_whole(postgres, demo_db: Path, monkeypatch) -> None:
    url = postgres.new_database()
    monkeypatch.setenv("ACADEMY_DB", str(demo_db))
    assert store_command.main(["copy-to-postgres", url]) == 0
    with store.engine.opened(demo_db) as source, store.engine.opened(url) as target:
        for table in store.schema.TABLES:
            assert store.engine.count(target, table) == store.engine.count(source, table), table
        assert store.accounts.user_by_username(target, "alice") == store.accounts.user_by_username(source, "alice")
        newcomer = store.accounts.add_user(
            target, "newcomer", "New Comer", "h", "employee"
        )  # ids go on after the copied ones
        assert newcomer > max(a["id"] for a in store.accounts.accounts(source))
    assert store_command.main(["copy-to-postgres", url]) == 1  # never into a database that has accounts
    close_pool(url)
