"""Certificates issued: one per learner, module and pass, with the code that proves it."""

from __future__ import annotations

from typing import TypedDict

from sqlite_utils import Database

from modules.store.clock import FAR_FUTURE
from modules.store.learning import PASSES
from modules.store.rows import first
from modules.store.scope import LEARNER, ModuleSpec, Scope
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
    revoked_at: str | None  # the person was erased: the code proves nothing any more


_SELECT = """SELECT c.code, c.user_id, u.name, c.module_id, c.passed_at, c.percent, c.every_months, c.issued_at,
                    c.revoked_at
             FROM certificates c JOIN users u ON u.id = c.user_id"""


def issue_certificate(
    db: Database,
    user_id: int,
    module: ModuleSpec,
    passed_at: str,
    percent: float | None,
    every_months: int | None,
    code: str,
    at: str,
) -> Certificate | None:
    """The certificate of this pass: made once (a second download, a second tab get the same code), and only
    when PASSES says the learner passed the module at `passed_at`; None otherwise."""
    scope = Scope(user_id, (module,))

    def insert() -> None:
        with write(db):
            db.execute(
                f"""WITH {LEARNER}, {scope.modules_sql()}, {PASSES}
                    INSERT INTO certificates (code, user_id, module_id, passed_at, percent, every_months, issued_at)
                    SELECT :code, p.user_id, p.module_id, p.last_passed_at, :percent, :every, :at FROM passes p
                    WHERE p.user_id = :learner AND p.module_id = :module AND p.last_passed_at = :passed_at
                    ON CONFLICT DO NOTHING""",
                scope.params(
                    learner=user_id,
                    module=module.id,
                    passed_at=passed_at,
                    code=code,
                    percent=percent,
                    every=every_months,
                    at=at,
                    until=FAR_FUTURE,
                ),
            )

    retrying(insert)
    rows = db.query(
        f"{_SELECT} WHERE c.user_id = ? AND c.module_id = ? AND c.passed_at = ?", [user_id, module.id, passed_at]
    )
    return first(rows)


def certificate_by_code(db: Database, code: str) -> Certificate | None:
    return first(db.query(f"{_SELECT} WHERE c.code = ?", [code]))


def count_lookup(db: Database, client: str, window_start: str, forget_before: str) -> int:
    """One more lookup by `client` in the window starting at `window_start`; how many it has made there now.
    Windows older than `forget_before` are deleted on the way (the table stays a few rows per client)."""

    def count() -> int:
        with write(db):
            db.execute("DELETE FROM certificate_lookups WHERE window_start < ?", [forget_before])
            db.execute(
                """INSERT INTO certificate_lookups (client, window_start, tries) VALUES (?, ?, 1)
                   ON CONFLICT (client, window_start) DO UPDATE SET tries = certificate_lookups.tries + 1""",
                [client, window_start],
            )
            row = db.execute(
                "SELECT tries FROM certificate_lookups WHERE client = ? AND window_start = ?", [client, window_start]
            ).fetchone()
            return int(row[0])

    return retrying(count)
