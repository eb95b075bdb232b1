"""Every text a trainer saves (modules and rubrics), so any version can be restored."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from sqlite_utils import Database

from modules.store.clock import now
from modules.store.rows import typed
from modules.store.transactions import created_id, write


class Version(TypedDict):
    id: int
    path: str
    text: str
    saved_by: str
    saved_at: str
    note: str


def add_module_version(db: Database, path: str, text: str, saved_by: str, note: str = "") -> int:
    with write(db):
        return created_id(
            db,
            "INSERT INTO module_versions (path, text, saved_by, saved_at, note) VALUES (?, ?, ?, ?, ?) RETURNING id",
            [path, text, saved_by, now(), note],
        )


def module_versions(db: Database, paths: Iterable[str]) -> list[Version]:
    """Saved versions of these files (a module and its draft), newest first."""
    paths = list(paths)
    marks = ", ".join("?" for _ in paths)
    return typed(
        db.query(
            f"SELECT id, path, text, saved_by, saved_at, note FROM module_versions"
            f" WHERE path IN ({marks}) ORDER BY id DESC",
            paths,
        )
    )


def latest_module_text(db: Database, path: str) -> str | None:
    row = db.execute("SELECT text FROM module_versions WHERE path = ? ORDER BY id DESC LIMIT 1", [path]).fetchone()
    return row[0] if row else None
