"""Sign-in attempts are counted before any password is checked, so parallel attempts cannot slip past the lock."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

from modules import store
from modules.accounts import lockout, passwords

ROOT = Path(__file__).resolve().parents[2]

ATTEMPTS = 20


def test_twenty_parallel_wrong_passwords_check_at_most_five(database: str, monkeypatch) -> None:
    with store.engine.opened(database) as db:
        store.accounts.add_user(db, "ann", "Ann", passwords.hash_password("the-right-one"), "employee")
    checked = []
    real_check = passwords.check_password
    monkeypatch.setattr(
        passwords, "check_password", lambda given, hashed: checked.append(1) or real_check(given, hashed)
    )
    start, outcomes = threading.Barrier(ATTEMPTS), []

    def attempt() -> None:
        start.wait(timeout=30)  # then as many at once as the engine lets in (PostgreSQL: the pool's size)
        with store.engine.opened(database) as own:
            outcomes.append(lockout.sign_in(own, "ann", "wrong")[0])

    threads = [threading.Thread(target=attempt) for _ in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    counts = Counter(outcomes)
    assert counts[lockout.Outcome.WRONG] == lockout.MAX_FAILURES - 1
    assert counts[lockout.Outcome.LOCKED] == ATTEMPTS - lockout.MAX_FAILURES + 1
    assert len(checked) == lockout.MAX_FAILURES  # the others were refused before any password check
    with store.engine.opened(database) as db:
        assert lockout.sign_in(db, "ann", "the-right-one")[0] is lockout.Outcome.LOCKED
        assert store.accounts.login_failures(db)["ann"]["failures"] == ATTEMPTS + 1


def test_an_unknown_name_costs_the_same_work_and_locks_the_same_way(database: str, monkeypatch) -> None:
    with store.engine.opened(database) as db:
        store.accounts.add_user(db, "ann", "Ann", passwords.hash_password("the-right-one"), "employee")
        costs: list[str] = []  # the bcrypt cost of each hash checked (its "$2b$12$" prefix)
        real_check = passwords.bcrypt.checkpw

        def spy(password: bytes, hashed: bytes) -> bool:
            costs.append(hashed[:7].decode())
            return real_check(password, hashed)

        monkeypatch.setattr(passwords.bcrypt, "checkpw", spy)
        for name in ("ann", "nobody"):
            assert lockout.sign_in(db, name, "wrong")[0] is lockout.Outcome.WRONG
        assert len(costs) == 2 and costs[0] == costs[1]  # a check of the same cost either way, not an early return
        monkeypatch.setattr(passwords.bcrypt, "checkpw", real_check)
        answers = [lockout.sign_in(db, name, "wrong")[0] for name in ("ann", "nobody") for _ in range(4)]
        assert answers[3] is answers[7] is lockout.Outcome.LOCKED  # the fifth locks, account or not
        assert lockout.sign_in(db, "Ann ", "the-right-one")[0] is lockout.Outcome.LOCKED


def test_a_temporary_password_answers_at_a_persons_cost_and_is_rehashed_once_used(db, monkeypatch) -> None:
    """A temporary password's quick hash answered a wrong password in ~4 ms against ~320 ms for an unknown
    name: sign-in told which accounts exist. Every answer now includes a check at a person's cost, and the
    first sign-in stores the password under that cost."""
    quick = passwords.hash_password("Temporary-72-bits", passwords.TEMPORARY_ROUNDS)
    user = store.accounts.add_user(db, "newcomer", "New Comer", quick, "employee")
    costs: list[int] = []
    real_check = passwords.bcrypt.checkpw

    def spy(password: bytes, hashed: bytes) -> bool:
        costs.append(passwords.rounds_of(hashed.decode()))
        return real_check(password, hashed)

    monkeypatch.setattr(passwords.bcrypt, "checkpw", spy)
    for attempt in ("wrong password", "Temporary-72-bits"):
        costs.clear()
        lockout.sign_in(db, "newcomer", attempt)
        assert max(costs) == passwords.PERSON_ROUNDS, attempt
    stored = store.accounts.accounts(db, "newcomer")[0]["password_hash"]
    assert passwords.rounds_of(stored) == passwords.PERSON_ROUNDS and stored != quick
    assert lockout.sign_in(db, "newcomer", "Temporary-72-bits")[0] is lockout.Outcome.SIGNED_IN
    assert user == store.accounts.accounts(db, "newcomer")[0]["id"]


def test_a_password_over_bcrypts_72_bytes_is_refused_in_words(tmp_path) -> None:
    """`reset-password --password-stdin` with 80 characters gave a bcrypt ValueError traceback."""
    env = dict(os.environ, ACADEMY_DB=str(tmp_path / "academy.db"))
    store.engine.connect(tmp_path / "academy.db").close()
    with store.engine.opened(tmp_path / "academy.db") as db:
        store.accounts.add_user(db, "ana", "Ana", passwords.hash_password("Correct horse 1"), "trainer")
    done = subprocess.run(
        [sys.executable, "-m", "modules.accounts", "reset-password", "ana", "--password-stdin"],
        input="Long-passphrase-" * 5 + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode != 0 and "at most 72 bytes" in done.stderr and "Traceback" not in done.stderr
    assert passwords.problem("é" * 37) is not None and passwords.problem("Bé1" + "é" * 34) is None
    assert passwords.check_password("x" * 80, passwords.hash_password("Correct horse")) is False
