"""The stored time format: UTC text, computed in Python so every engine stores the same thing."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

FAR_FUTURE = "9999-12-31"  # an upper bound later than any stored time


def timestamp(moment: datetime) -> str:
    """'2026-11-22 10:00:00' in UTC: sorts as text and reads back with datetime.fromisoformat."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def epoch() -> float:
    """Seconds since the epoch, to the microsecond: when sessions end, a second is too coarse."""
    return time.time()


def now() -> str:
    return timestamp(datetime.now(UTC))


def days_between(start: str, end: str) -> float:
    """Days from one stored time to another, for waits computed in Python rather than in SQL."""
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() / 86_400


def day_number(moment: datetime) -> int:
    """Days since 1970-01-01 (UTC): whole-day ages that portable SQL can subtract."""
    return (moment.astimezone(UTC).date() - date(1970, 1, 1)).days


def day_of(number: int) -> date:
    """The calendar day of a day number (`day_number`'s inverse): due dates are stored as day numbers."""
    return date(1970, 1, 1) + timedelta(days=number)


def day_bounds(moment: datetime) -> tuple[str, str]:
    """The start of `moment`'s UTC day and of the next one, as stored times: `start <= t < end` is that day."""
    start = datetime.combine(moment.astimezone(UTC).date(), datetime.min.time(), UTC)
    return timestamp(start), timestamp(start + timedelta(days=1))
