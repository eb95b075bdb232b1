"""The organisation's kept rows computed ahead of the first view of the hour (and of the day).

Kept per-team rows make a view cost what changed since the last one, but their keys change with the day
(due dates, the period's start) and the hour (the week's activity): the first trainer of the morning would
wait for every team of a head office (seconds at 100,000 people). Once an hour, one process per database
(a claimed `job_runs` row, as the e-mail jobs of `reminders.background`) computes them on a thread for a
viewer who sees every team, in each language, as the pages ask: the organisation's teams, its practices and
its recall.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from modules import i18n, store
from modules.accounts import roles
from modules.content import Catalog, current_catalog, rubric
from modules.learning import progress
from modules.measurement import practice_figures, recall_figures, team_reports

JOB = "warm-reports"  # claimed per hour in the store
EVERY_SECONDS = 3600
WARM_FROM_TEAMS = 100  # below this many teams a first view is quick anyway: nothing is computed ahead
DEFAULT_WEEKS = next(iter(team_reports.PERIODS.values()))  # the period the organisation page opens on


def worth_it(db: Database) -> bool:
    return store.measurement.team_count(db) >= WARM_FROM_TEAMS


def warm(db: Database, catalog: Catalog, content: Path, moment: datetime) -> int:
    """Compute (and keep) the organisation's reports as of `moment`; the number of views warmed (0 when no
    account sees every team)."""
    viewer = store.accounts.someone_holding(db, roles.ALL_TEAMS)
    if viewer is None:
        return 0
    views = 0
    for lang in i18n.LANGUAGES:
        modules = progress.for_team_members(catalog.for_language(lang))
        team_reports.organisation_report(db, viewer, modules, DEFAULT_WEEKS, moment)
        skills = [s.id for s in rubric.load(content, lang)[0]]
        practice_figures.practices_report(db, viewer, None, DEFAULT_WEEKS, moment, skills)
        recall_figures.recall_report(db, viewer, modules, None, moment, by_person=False)
        views += 1
    return views


_log = logging.getLogger(__name__)
_lock = threading.Lock()
_last: list[float] = []  # when this process last started the job


def maybe_warm(db: Database, database: str, content: Path) -> threading.Thread | None:
    """Start the hour's warming on a thread, when this process has not in the hour and the organisation is
    large enough to need it (checked on the caller's handle: no thread otherwise)."""
    with _lock:
        if _last and time.monotonic() - _last[0] < EVERY_SECONDS:
            return None
        _last[:] = [time.monotonic()]
    if not worth_it(db):
        return None
    thread = threading.Thread(target=_run, args=(database, content), name=JOB, daemon=True)
    thread.start()
    return thread


def _run(database: str, content: Path) -> None:
    try:
        with store.engine.opened(database) as db:
            moment = store.clock.current()
            if store.digests.claim_run(db, JOB, moment.strftime("%Y-%m-%dT%H"), store.clock.timestamp(moment)):
                warm(db, current_catalog(content), content, moment)
    except Exception:  # a thread's error would vanish: said in the server's log, tried again next hour
        _log.exception("the reports could not be computed ahead")
