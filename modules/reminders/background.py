"""The digests without cron: the app starts a send at most once an hour per process, on its own thread, and
only the first process of the hour to claim it in the store goes on (replicas do not each build every digest).

A send only takes the digests of the week not taken yet (`reminders.send_weekly`), so
replicas starting it together, or a cron job running `python -m modules.reminders
send` as well, never send one twice.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from modules import reminders, store
from modules.content import current_catalog
from modules.mail import smtp
from modules.store import clock

EVERY_SECONDS = 3600
JOB = "weekly-digests"  # its run is claimed per hour in the store: once for every process sharing the database
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_last: list[float] = []


def _send(url: str, database: str, content: Path) -> None:
    try:
        with store.engine.opened(database) as db:
            moment = clock.current()
            if not store.digests.claim_run(db, JOB, moment.strftime("%Y-%m-%dT%H"), clock.timestamp(moment)):
                return  # another process sharing the database runs this hour's send
            report = reminders.send_weekly(db, current_catalog(content), smtp.parse_url(url), moment)
        if report.sent or report.failed:
            _log.info("digests %s: %d sent, %d failed", report.week, len(report.sent), len(report.failed))
        for digest, reason in report.failed:
            _log.warning("digest to %s not sent: %s", digest.email, reason)
    except Exception:  # a thread's error would vanish: say it in the server's log, try again next hour
        _log.exception("weekly digests could not be sent")


def maybe_send(database: str, content: Path) -> threading.Thread | None:
    """Start this hour's send when `ACADEMY_SMTP_URL` is set; the started thread, or None."""
    url = smtp.configured_url()
    if not url:
        return None
    with _lock:
        if _last and time.monotonic() - _last[0] < EVERY_SECONDS:
            return None
        _last[:] = [time.monotonic()]
    thread = threading.Thread(target=_send, args=(url, database, content), name="weekly-digests", daemon=True)
    thread.start()
    return thread


def forget_last_send() -> None:
    """For tests: the next call starts a send again."""
    with _lock:
        _last.clear()
