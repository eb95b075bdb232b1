"""Login plumbing: the cookie key, hashed passwords, accounts from the store, the demo."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import jwt

from modules import demo, store
from modules.accounts import passwords
from modules.accounts.cookie import cookie_key
from modules.ui import login


def test_cookie_key_is_generated_once_owner_only_and_unique(tmp_path: Path) -> None:
    first = tmp_path / "a" / "cookie.key"
    key = login.cookie_key(first)
    assert len(key) >= 40 and login.cookie_key(first) == key
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert login.cookie_key(tmp_path / "b" / "cookie.key") != key
    assert not list(first.parent.glob(".cookie-*"))


def test_passwords_are_stored_as_bcrypt_hashes(demo_db: Path) -> None:
    db = store.engine.connect(demo_db)
    hashes = [u["password_hash"] for u in store.accounts.accounts(db)]
    assert all(h.startswith("$2b$") and demo.DEMO_PASSWORD not in h for h in hashes)
    assert passwords.check_password("academy", hashes[0]) and not passwords.check_password("wrong", hashes[0])
    assert not passwords.check_password("academy", "not-a-hash")


def test_a_cookie_signs_in_the_account_as_the_store_has_it(demo_db: Path, monkeypatch) -> None:
    monkeypatch.setenv("ACADEMY_DB", str(demo_db))  # the key is made beside this test's database
    expires = time.time() + 3600
    token = jwt.encode({"username": "marc", "exp_date": expires}, cookie_key(), algorithm="HS256")
    with store.engine.opened(demo_db) as db:
        account, since = login.from_cookie(db, token)
    assert (account["username"], account["role"], account["team"]) == ("marc", "manager", "Riverside store")
    assert since == expires - login.COOKIE_EXPIRY_DAYS * 86_400  # when the cookie was written


def test_demo_organisation(demo_db: Path) -> None:
    db = store.engine.connect(demo_db)
    assert store.engine.count(db, "teams") == 3
    people = store.accounts.accounts(db)
    assert sum(1 for u in people if u["role"] == "employee") == 30
    alice, marc = store.accounts.user_by_username(db, "alice"), store.accounts.user_by_username(db, "marc")
    assert alice["team_id"] in {t["id"] for t in store.accounts.managed_teams(db, marc["id"])}
    assert store.learning.attempts_of(db, alice["id"]) == [] and store.learning.sections_read(db, alice["id"])
    assert store.engine.count(db, "attempts") > 30 and store.engine.count(db, "section_reads") > 100
    # Every stored attempt is consistent with its answers.
    rows = list(
        db.query(
            "SELECT a.percent, AVG(x.credit) * 100 AS check_percent FROM attempts a"
            " JOIN answers x ON x.attempt_id = a.id GROUP BY a.id"
        )
    )
    assert all(abs(r["percent"] - r["check_percent"]) < 1e-6 for r in rows)


def test_demo_is_seeded_only_into_an_empty_database(demo_db: Path) -> None:
    db = store.engine.connect(demo_db)
    before = store.engine.count(db, "users")
    demo.seed_demo(db, [])
    assert store.engine.count(db, "users") == before


def test_only_a_cookie_this_install_signed_for_a_live_account_signs_in(demo_db: Path, monkeypatch) -> None:
    monkeypatch.setenv("ACADEMY_DB", str(demo_db))  # the key is made beside this test's database
    key, later = cookie_key(), time.time() + 3600
    good = jwt.encode({"username": "alice", "exp_date": later}, key, algorithm="HS256")
    crafted = {
        "alg none": jwt.encode({"username": "alice", "exp_date": later}, None, algorithm="none"),
        "HS512": jwt.encode({"username": "alice", "exp_date": later}, key * 2, algorithm="HS512"),
        "another key": jwt.encode({"username": "alice", "exp_date": later}, "k" * 48, algorithm="HS256"),
        "expired": jwt.encode({"username": "alice", "exp_date": time.time() - 1}, key, algorithm="HS256"),
        "with exp": jwt.encode({"username": "alice", "exp": 1, "exp_date": later}, key, algorithm="HS256"),
        "no exp_date": jwt.encode({"username": "alice"}, key, algorithm="HS256"),
        "a text date": jwt.encode({"username": "alice", "exp_date": "soon"}, key, algorithm="HS256"),
        "no such account": jwt.encode({"username": "gone", "exp_date": later}, key, algorithm="HS256"),
        "garbage": "not.a.token",
        "never expires (1e400)": jwt.encode({"username": "alice", "exp_date": 1e400}, key, algorithm="HS256"),
        "ten years ahead": jwt.encode({"username": "alice", "exp_date": later + 3650 * 86_400}, key, algorithm="HS256"),
    }
    with store.engine.opened(demo_db) as db:
        assert login.from_cookie(db, good)[0]["username"] == "alice"
        assert {name: login.from_cookie(db, token) for name, token in crafted.items()} == dict.fromkeys(crafted)


def test_a_new_password_or_a_sign_out_ends_the_cookies_issued_before(demo_db: Path, monkeypatch) -> None:
    monkeypatch.setenv("ACADEMY_DB", str(demo_db))
    before = jwt.encode(
        {"username": "alice", "exp_date": time.time() + login.COOKIE_EXPIRY_DAYS * 86_400 - 5},
        cookie_key(),
        algorithm="HS256",
    )  # written five seconds ago
    with store.engine.opened(demo_db) as db:
        assert login.from_cookie(db, before)[0]["username"] == "alice"
        alice = store.accounts.user_by_username(db, "alice")["id"]
        store.people.set_password_for(db, alice, alice, passwords.hash_password("a-new-password"), "password changed")
        assert login.from_cookie(db, before) is None
        after = jwt.encode(
            {"username": "alice", "exp_date": time.time() + login.COOKIE_EXPIRY_DAYS * 86_400 + 1},
            cookie_key(),
            algorithm="HS256",
        )
        assert login.from_cookie(db, after)[0]["username"] == "alice"
        time.sleep(1.1)
        store.accounts.end_sessions(db, "alice")  # the sign-out comes after that cookie was written
        assert login.from_cookie(db, after) is None


def test_the_demo_is_seeded_only_where_asked_for(tmp_path: Path, monkeypatch) -> None:
    """A lost database came back with the demo's published passwords (theo / academy as trainer): the demo is
    now seeded only when ACADEMY_DEMO=1 says so, as `make run` does."""
    from modules import settings

    monkeypatch.delenv("ACADEMY_DEMO", raising=False)
    assert not settings.demo_enabled()
    content = Path(__file__).resolve().parents[2] / "content"
    demo.prepare(str(tmp_path / "lost.db"), content, settings.demo_enabled())
    with store.engine.opened(tmp_path / "lost.db") as db:
        assert store.engine.is_empty(db)
    monkeypatch.setenv("ACADEMY_DEMO", "1")
    assert settings.demo_enabled()
