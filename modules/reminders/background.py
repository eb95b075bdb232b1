"""The e-mails without cron: the app starts each job on its own thread at most once per period per process,
and only the first process of the period to claim it in the store goes on (replicas do not each build every
digest). Two jobs: the weekly digests (hourly) and the notifications people chose (every minute).

A send only takes what was not taken yet (`reminders.send_weekly`, `notifications.send_chosen`), so
replicas starting it together, or a cron job running `python -m modules.reminders send` as well, never
send one twice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from modules import notifications, reminders, store
from modules.content import current_catalog
from modules.mail import smtp
from modules.store import clock

EVERY_SECONDS = 3600
JOB = "weekly-digests"  # its run is claimed per hour in the store: once for every process sharing the database
NOTIFY_SECONDS = 60
NOTIFY_JOB = "notifications"  # claimed per minute
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_last: dict[str, float] = {}


def _digests(db: Database, content: Path, server: smtp.SmtpServer, moment: datetime) -> None:
    report = reminders.send_weekly(db, current_catalog(content), server, moment)
    if report.sent or report.failed:
        _log.info("digests %s: %d sent, %d failed", report.week, len(report.sent), len(report.failed))
    for digest, reason in report.failed:
        _log.warning("digest to %s not sent: %s", digest.email, reason)


def _notices(db: Database, content: Path, server: smtp.SmtpServer, moment: datetime) -> None:
    report = notifications.send_chosen(db, current_catalog(content), server, moment)
    for reason in report.failed:
        _log.warning("notification not sent: %s", reason)


JOBS: dict[str, tuple[int, str, Callable[[Database, Path, smtp.SmtpServer, datetime], None]]] = {
    JOB: (EVERY_SECONDS, "%Y-%m-%dT%H", _digests),
    NOTIFY_JOB: (NOTIFY_SECONDS, "%Y-%m-%dT%H:%M", _notices),
}


def _run(job: str, url: str, database: str, content: Path) -> None:
    _every, slot, work = JOBS[job]
    try:
        with store.engine.opened(database) as db:
            moment = clock.current()
            if not store.digests.claim_run(db, job, moment.strftime(slot), clock.timestamp(moment)):
                return  # another process sharing the database runs this period's send
            work(db, content, smtp.parse_url(url), moment)
    except Exception:  # a thread's error would vanish: say it in the server's log, try again next period
        _log.exception("%s could not be sent", job)


def maybe_send(database: str, content: Path) -> list[threading.Thread]:
    """Start each job whose period has passed, when `ACADEMY_SMTP_URL` is set; the started threads."""
    url = smtp.configured_url()
    if not url:
        return []
    due = []
    with _lock:
        for job, (every, _slot, _work) in JOBS.items():
            if job in _last and time.monotonic() - _last[job] < every:
                continue
            _last[job] = time.monotonic()
            due.append(job)
    threads = [threading.Thread(target=_run, args=(job, url, database, content), name=job, daemon=True) for job in due]
    for thread in threads:
        thread.start()
    return threads


def forget_last_send() -> None:
    """For tests: the next call starts every job again."""
    with _lock:
        _last.clear()
