"""No lost attempt: concurrent learners, a writer killed mid-stream, backups taken during writes."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from modules import store
from modules.content import load_module
from modules.store import __main__ as store_command
from modules.store import dialect
from tests import workers

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "content" / "en" / "01-welcome.md"
PROCESSES, USERS_PER_PROCESS, ATTEMPTS = 8, 2, 130  # 8 × 2 × 130 = 2,080 attempts


def make_learners(db_path: Path | str, count: int) -> list[int]:
    with store.engine.opened(db_path) as db:
        team = store.accounts.add_team(db, "Load")
        return [store.accounts.add_user(db, f"learner{n}", f"Learner {n}", "h", "employee", team) for n in range(count)]


def test_concurrent_learners_record_every_attempt_exactly_once(database: str) -> None:
    db_path = database
    users = make_learners(db_path, PROCESSES * USERS_PER_PROCESS)
    jobs = [
        (str(db_path), str(MODULE), users[p * USERS_PER_PROCESS : (p + 1) * USERS_PER_PROCESS], ATTEMPTS)
        for p in range(PROCESSES)
    ]
    started = time.monotonic()
    with multiprocessing.get_context("spawn").Pool(PROCESSES) as pool:
        results = pool.starmap_async(workers.learn, jobs).get(timeout=240)
    seconds = time.monotonic() - started
    errors = [e for r in results for e in r["errors"]]
    assert errors == [], errors[:5]
    module = load_module(MODULE)
    db = store.engine.connect(db_path)
    expected = PROCESSES * USERS_PER_PROCESS * ATTEMPTS
    assert sum(r["created"] for r in results) == expected == store.engine.count(db, "attempts")
    assert sum(r["repeats"] for r in results) == PROCESSES * USERS_PER_PROCESS * (ATTEMPTS // 10)
    assert store.engine.count(db, "answers") == expected * len(module.questions)
    assert (
        db.execute(
            "SELECT COUNT(*) FROM (SELECT user_id, module_id, attempt_no FROM attempts"
            " GROUP BY 1, 2, 3 HAVING COUNT(*) > 1) AS twice"
        ).fetchone()[0]
        == 0
    )
    assert store.engine.count(db, "section_reads") == len(users) * len(module.sections)
    # Every stored percent matches its stored answers.
    assert (
        db.execute(
            "SELECT COUNT(*) FROM attempts a WHERE ABS(a.percent - (SELECT AVG(credit) * 100 FROM answers"
            " WHERE attempt_id = a.id)) > 1e-9"
        ).fetchone()[0]
        == 0
    )
    print(f"\n{expected} attempts from {PROCESSES} processes in {seconds:.1f} s on {dialect.of(db).name}, no error")


def start_writer(db_path: Path | str, user_id: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.workers", str(db_path), str(MODULE), str(user_id)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def wait_for_attempts(process: subprocess.Popen, count: int) -> None:
    deadline = time.monotonic() + 60
    for line in process.stdout:
        if int(line) >= count or time.monotonic() > deadline:
            return


def assert_consistent(db_path: Path | str) -> int:
    db = store.engine.connect(db_path)
    if dialect.of(db) is dialect.SQLITE:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    orphans = db.execute(
        "SELECT COUNT(*) FROM attempts a WHERE NOT EXISTS (SELECT 1 FROM answers x WHERE x.attempt_id = a.id)"
    ).fetchone()[0]
    partial = db.execute(
        "SELECT COUNT(*) FROM (SELECT attempt_id FROM answers GROUP BY attempt_id HAVING COUNT(*) <> ?) AS partial",
        [len(load_module(MODULE).questions)],
    ).fetchone()[0]
    assert orphans == 0 and partial == 0
    return store.engine.count(db, "attempts")


def test_a_writer_killed_mid_stream_leaves_no_half_attempt(database: str) -> None:
    db_path = database
    user = make_learners(db_path, 1)[0]
    writer = start_writer(db_path, user)
    wait_for_attempts(writer, 200)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    assert assert_consistent(db_path) >= 200


def test_a_backup_taken_during_writes_restores_consistent(tmp_path: Path) -> None:
    db_path, backup = tmp_path / "academy.db", tmp_path / "backup" / "copy.db"
    user = make_learners(db_path, 1)[0]
    writer = start_writer(db_path, user)
    try:
        wait_for_attempts(writer, 100)
        done = subprocess.run(
            [sys.executable, "-m", "modules.store", "backup", str(backup)],
            cwd=ROOT,
            env=dict(os.environ, ACADEMY_DB=str(db_path)),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert "backed up" in done.stdout
    finally:
        writer.kill()
        writer.wait(timeout=10)
    saved = assert_consistent(backup)
    assert saved >= 100
    restored = tmp_path / "restored" / "academy.db"
    done = subprocess.run(
        [sys.executable, "-m", "modules.store", "restore", str(backup)],
        cwd=ROOT,
        env=dict(os.environ, ACADEMY_DB=str(restored)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert assert_consistent(restored) == saved


def test_restore_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("not sqlite")
    done = subprocess.run(
        [sys.executable, "-m", "modules.store", "restore", str(junk)],
        cwd=ROOT,
        env=dict(os.environ, ACADEMY_DB=str(tmp_path / "live.db")),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "not a valid Service Academy database" in done.stderr
    assert not (tmp_path / "live.db").exists()


def test_restore_refuses_a_file_with_the_right_table_names_but_not_our_schema(tmp_path: Path) -> None:
    fake = tmp_path / "fake.db"
    with sqlite3.connect(fake) as conn:
        conn.executescript("".join(f"CREATE TABLE {table} (x);" for table in store.schema.TABLES))
    assert "no record of its migrations" in store_command.check(fake)
    with sqlite3.connect(fake) as conn:
        conn.executescript(
            "CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT,"
            " applied_at TEXT); INSERT INTO _sqlite_migrations (migration_set, name)"
            " VALUES ('academy', 'm001_initial'); PRAGMA user_version = 1;"
        )
    assert "tables not as its migrations make them" in store_command.check(fake)
    real = tmp_path / "real.db"
    store.engine.connect(real).close()
    assert store_command.check(real) is None
    with sqlite3.connect(real) as conn:
        conn.execute("PRAGMA user_version = 3")
    assert "user_version" in store_command.check(real)


def test_a_backup_and_a_restored_copy_are_readable_by_their_owner_only(tmp_path: Path, monkeypatch) -> None:
    live, backup, restored = tmp_path / "academy.db", tmp_path / "b" / "copy.db", tmp_path / "new" / "academy.db"
    make_learners(live, 1)
    monkeypatch.setenv("ACADEMY_DB", str(live))
    assert store_command.main(["backup", str(backup)]) == 0
    monkeypatch.setenv("ACADEMY_DB", str(restored))
    assert store_command.main(["restore", str(backup)]) == 0
    assert (backup.stat().st_mode & 0o777, restored.stat().st_mode & 0o777) == (0o600, 0o600)


def test_restore_refuses_a_backup_with_an_added_trigger(tmp_path: Path) -> None:
    """A valid backup with a trigger added (every quiz submission would fail after the restore) is refused."""
    real = tmp_path / "real.db"
    store.engine.connect(real).close()
    with sqlite3.connect(real) as conn:
        conn.execute("CREATE TRIGGER no_attempts BEFORE INSERT ON attempts BEGIN SELECT RAISE(ABORT, 'no'); END")
    assert "trigger no_attempts" in store_command.check(real)
    with sqlite3.connect(real) as conn:
        conn.execute("DROP TRIGGER no_attempts")
        conn.execute("CREATE VIEW everyone AS SELECT * FROM users")
    assert "view everyone" in store_command.check(real)
