"""Rows as their callers name them.

sqlite-utils (and the PostgreSQL handle, which mimics it) yields plain dicts; each store function's return
type, a TypedDict, names their shape. A TypedDict is a dict at run time, so these are the one place where
the type checker takes the SQL's word for it, instead of a `# type: ignore` beside every query.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def typed(rows: Iterable[dict[str, Any]]) -> list[Any]:
    """Every row, as the caller's declared row type."""
    return list(rows)


def first(rows: Iterable[dict[str, Any]]) -> Any | None:
    """The first row, as the caller's declared row type, or None."""
    return next(iter(rows), None)
