"""New modules: how long a module counts as just published, so reports do not call it stalled.

A module is new for `NEW_FOR` after the install first saw its file (the Studio's save or a file dropped in
`content/`). Completion of a module published this morning is 0 % in every team: the organisation page says
it is new instead of painting it as the module that stalls everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlite_utils import Database

from modules import store

NEW_FOR = timedelta(days=14)


def note_catalog(db: Database, module_ids: Iterable[str], now: datetime) -> None:
    """Date the modules this install has not seen before from `now`; the ones known keep their date."""
    store.releases.record(db, module_ids, store.clock.timestamp(now))


def new_modules(db: Database, now: datetime) -> set[str]:
    """The modules first seen less than `NEW_FOR` ago."""
    return store.releases.seen_since(db, store.clock.timestamp(now - NEW_FOR))
