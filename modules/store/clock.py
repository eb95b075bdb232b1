"""The one clock, the install's day, and the stored time format.

Every "now" comes from `current()` (services take it as an argument, so tests pass their own moment);
stored times are UTC text, computed in Python so every engine stores the same thing. "Today" is the
install's time zone (`ACADEMY_TIME_ZONE`): a shop in Paris starts a new day at midnight in Paris, not at
1 a.m. Day numbers (days since 1970-01-01) count those local days.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from functools import lru_cache
from zoneinfo import ZoneInfo

from modules import settings

FAR_FUTURE = "9999-12-31"  # an upper bound later than any stored time
_EPOCH_DAY = date(1970, 1, 1)


def current() -> datetime:
    """Now, in UTC: the one clock every page, command and service default reads."""
    return datetime.now(UTC)


@lru_cache(maxsize=1)
def zone() -> ZoneInfo:
    """The install's time zone (read once per process; tests clear the cache)."""
    return settings.time_zone()


def timestamp(moment: datetime) -> str:
    """'2026-11-22 10:00:00' in UTC: sorts as text and reads back with datetime.fromisoformat."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def epoch() -> float:
    """Seconds since the epoch, to the microsecond: when sessions end, a second is too coarse."""
    return time.time()


def now() -> str:
    return timestamp(current())


def today(moment: datetime) -> date:
    """The install's calendar day at `moment`."""
    return moment.astimezone(zone()).date()


def day_of_stamp(stamp: str) -> date:
    """The install's day a stored (UTC) time falls on."""
    return today(datetime.fromisoformat(stamp).replace(tzinfo=UTC))


def days_between(start: str, end: str) -> float:
    """Days from one stored time to another, for waits computed in Python rather than in SQL."""
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() / 86_400


def number_of(day: date) -> int:
    """A calendar day's number (days since 1970-01-01): whole-day ages that portable SQL can subtract."""
    return (day - _EPOCH_DAY).days


def day_number(moment: datetime) -> int:
    """The number of the install's day at `moment`."""
    return number_of(today(moment))


def day_of(number: int) -> date:
    """The calendar day of a day number (`day_number`'s inverse): due dates are stored as day numbers."""
    return _EPOCH_DAY + timedelta(days=number)


def start_of(day: date) -> datetime:
    """Midnight starting `day` in the install's zone (DST-aware), as an aware datetime."""
    return datetime.combine(day, clock_time(), zone())


def day_bounds(moment: datetime) -> tuple[str, str]:
    """The start of the install's day at `moment` and of the next one, as stored times: `start <= t < end`."""
    day = today(moment)
    return timestamp(start_of(day)), timestamp(start_of(day + timedelta(days=1)))
