"""Certificates issued: one per learner, module and pass, with the code that proves it."""

from __future__ import annotations

from typing import TypedDict

from sqlite_utils import Database

from modules.store.transactions import retrying, write


class Certificate(TypedDict):
    code: str
    user_id: int
    name: str
    module_id: str
    passed_at: str
    percent: float | None
    every_months: int | None
    issued_at: str


_SELECT = """SELECT c.code, c.user_id, u.name, c.module_id, c.passed_at, c.percent, c.every_months, c.issued_at
             FROM certificates c JOIN users u ON u.id = c.user_id"""


def issue_certificate(
    db: Database,
    user_id: int,
    module_id: str,
    passed_at: str,
    percent: float | None,
    every_months: int | None,
    code: str,
    at: str,
) -> Certificate:
    """The certificate of this pass: made once (a second download, a second tab get the same code)."""

    def insert() -> None:
        with write(db):
            db.execute(
                """INSERT INTO certificates (code, user_id, module_id, passed_at, percent, every_months, issued_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                [code, user_id, module_id, passed_at, percent, every_months, at],
            )

    retrying(insert)
    rows = db.query(
        f"{_SELECT} WHERE c.user_id = ? AND c.module_id = ? AND c.passed_at = ?", [user_id, module_id, passed_at]
    )
    return next(iter(rows))  # type: ignore[return-value]


def certificate_by_code(db: Database, code: str) -> Certificate | None:
    return next(iter(db.query(f"{_SELECT} WHERE c.code = ?", [code])), None)  # type: ignore[return-value]
