"""The interface's language: gettext catalogs in locales/, numbers and dates through Babel.

English is the source language (the msgids). A French catalog is read from its
compiled .mo when it is up to date, otherwise compiled from the .po in memory,
so a fresh checkout works before `make` has compiled anything.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_datetime_format, get_day_names, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
LANGUAGES = {"en": "English", "fr": "Français"}
Translate = Callable[[str], str]
Plural = Callable[[str, str, int], str]


def untranslated(text: str) -> str:
    """The translator of the source language, and the default where none is given."""
    return text


def N_(text: str) -> str:
    """Marks a constant for extraction; it is translated where it is shown, with `_`."""
    return text


def supported(lang: str | None) -> str:
    """A two-letter language we have, from a preference or a browser locale such as 'fr-FR'."""
    code = (lang or "").replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else "en"


@cache
def _catalog(lang: str, stamp: float) -> gettext.NullTranslations:
    folder = LOCALES / lang / "LC_MESSAGES"
    po, mo = folder / "messages.po", folder / "messages.mo"
    if not po.exists():
        return gettext.NullTranslations()
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return gettext.GNUTranslations(mo.open("rb"))
    buffer = io.BytesIO()
    with po.open("rb") as handle:
        write_mo(buffer, read_po(handle, locale=lang))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _current(lang: str) -> gettext.NullTranslations:
    """The language's catalog as its .po file stands now (English: none, the msgids are the text)."""
    if lang == "en":
        return gettext.NullTranslations()
    po = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    return _catalog(lang, po.stat().st_mtime if po.exists() else 0.0)


def translator(lang: str) -> Translate:
    """`_` for one language; English returns the text as written."""
    return untranslated if lang == "en" else _current(lang).gettext


def plural_translator(lang: str) -> Plural:
    """`ngettext` for one language: the form that agrees with the count (French: 0 and 1 are singular)."""
    return _current(lang).ngettext


def language_name(code: str, lang: str) -> str:
    """A language's name as the reader's language writes it ('anglais' to a French reader)."""
    try:
        return Locale.parse(code).get_language_name(lang) or code
    except (ValueError, UnknownLocaleError):
        return LANGUAGES.get(code, code)


def number(value: float, lang: str, digits: int = 0) -> str:
    """A number as the language writes it (French: a comma for decimals)."""
    return format_decimal(round(value, digits), format="#,##0" + ("." + "0" * digits if digits else ""), locale=lang)


def percent(value: float | None, lang: str) -> str:
    """'85 %'; French typography puts a narrow no-break space before %; '—' when there is no value."""
    if value is None:
        return "—"
    return f"{number(value, lang)}{chr(0x202F) if lang == 'fr' else ' '}%"


def moment(stamp: str | None, lang: str, zone: str | None = None) -> str:
    """A stored UTC timestamp ('2026-11-22 10:00:00') as the language writes dates and times, at the reader's
    local time when their time zone is known (shop staff think in local time), else marked UTC."""
    if not stamp:
        return "—"
    when = datetime.fromisoformat(stamp).replace(tzinfo=UTC)
    try:
        local = when.astimezone(ZoneInfo(zone)) if zone else None
    except (ValueError, ZoneInfoNotFoundError):
        local = None
    if local is None:
        return _day_and_time(when, lang) + " UTC"
    return _day_and_time(local, lang)


def _day_and_time(when: datetime, lang: str) -> str:
    """The day as `day` writes it, then the hour: one way of writing dates on every page ('Dec 4, 2026, 1:27 PM'
    beside 'Dec 12, 2026', never '12/4/26, 1:27 PM')."""
    pattern = str(get_datetime_format("medium", locale=lang))
    return pattern.replace("{1}", day(when.date(), lang)).replace("{0}", format_time(when, "short", locale=lang))


def day(when: date, lang: str) -> str:
    """A calendar day as the language writes it ('Dec 12, 2026', '12 déc. 2026'): due dates have no time."""
    return format_date(when, "medium", locale=lang)


def vega_locale(lang: str) -> dict:
    """Day and month names for Vega-Lite's time axes, from Babel (Vega's own default is English)."""

    def ordered(names: dict) -> list[str]:
        return [names[k] for k in sorted(names)]

    days = get_day_names("wide", locale=lang)
    short_days = get_day_names("abbreviated", locale=lang)
    # Babel counts days from Monday (0); Vega from Sunday.
    week = [days[6]] + [days[i] for i in range(6)]
    short_week = [short_days[6]] + [short_days[i] for i in range(6)]
    return {
        "time": {
            "dateTime": "%x, %X",
            "date": "%d/%m/%Y" if lang == "fr" else "%m/%d/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": week,
            "shortDays": short_week,
            "months": ordered(dict(get_month_names("wide", locale=lang))),
            "shortMonths": ordered(dict(get_month_names("abbreviated", locale=lang))),
        },
        "number": {
            "decimal": "," if lang == "fr" else ".",
            "thousands": "\u202f" if lang == "fr" else ",",
            "grouping": [3],
            "currency": ["", " €"] if lang == "fr" else ["$", ""],
        },
    }
