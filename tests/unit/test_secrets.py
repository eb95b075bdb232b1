"""Secrets shared by every replica: the environment first, then Streamlit's secrets file, then a file of one's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from modules.accounts.cookie import cookie_key

KEY = "k" * 48


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("ACADEMY_SECRETS", str(tmp_path / "secrets.toml"))
    return tmp_path


def test_without_a_shared_key_each_install_makes_its_own_file(isolated: Path) -> None:
    own = cookie_key(isolated / "data" / "cookie.key")
    assert len(own) >= 40 and (isolated / "data" / "cookie.key").read_text() == own


def test_the_secrets_file_is_shared_by_every_replica(isolated: Path) -> None:
    (isolated / "secrets.toml").write_text(f'cookie_key = "{KEY}"\n')
    assert cookie_key(isolated / "a.key") == cookie_key(isolated / "b.key") == KEY
    assert not (isolated / "a.key").exists()


def test_the_environment_wins_and_a_short_key_is_refused(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (isolated / "secrets.toml").write_text('cookie_key = "from-the-file-but-long-enough-to-be-a-key"\n')
    monkeypatch.setenv("ACADEMY_COOKIE_KEY", "e" * 40)
    assert cookie_key(isolated / "a.key") == "e" * 40
    monkeypatch.setenv("ACADEMY_COOKIE_KEY", "short")
    with pytest.raises(ValueError, match="at least 32 characters"):
        cookie_key(isolated / "a.key")
