"""CSV files in and out: exports that open safely in a spreadsheet, imports that report bad rows by line.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run
as a formula by spreadsheets: a name such as `=HYPERLINK(...)` typed by a user
would become a live link in a manager's export. Such text cells get a leading
apostrophe, shown by no spreadsheet. A UTF-8 byte order mark makes Excel read
"Chloé" as written, and figures are rounded to one decimal.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


# How a spreadsheet of the reader's language splits a CSV file: French Excel expects ";" between cells and a
# decimal comma (a "," file opens as one column there).
SEPARATORS = {"fr": (";", ",")}
DEFAULT_SEPARATORS = (",", ".")


def cell(value: Any, decimal: str = ".") -> Any:
    """A value as a spreadsheet should get it: text that could run as a formula is neutralised."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        rounded = round(value, 1)
        return rounded if decimal == "." else str(rounded).replace(".", decimal)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: list[str], rows: Iterable[Iterable[Any]], lang: str = "en") -> bytes:
    """A CSV file: the header, then every row, each cell made safe, split as a spreadsheet in `lang` expects;
    UTF-8 with a BOM."""
    delimiter, decimal = SEPARATORS.get(lang, DEFAULT_SEPARATORS)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)  # "\r\n" ends rows, so a \r or \n inside a cell is quoted
    writer.writerow([cell(name) for name in header])
    writer.writerows([cell(value, decimal) for value in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def table_bytes(rows: list[Mapping[str, Any]], columns: Mapping[str, str], lang: str = "en") -> bytes:
    """Rows of dicts as CSV, with `columns` naming which keys to keep and their header."""
    return csv_bytes(list(columns.values()), ([row.get(key) for key in columns] for row in rows), lang)


def records(reader: csv.DictReader) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Each row of a file with its line, or why it cannot be read (a field over the csv module's limit,
    a broken quote), so one bad row is reported by line instead of ending the import."""
    return rows(reader)


def rows(reader: Any) -> Iterator[tuple[int, Any, str | None]]:
    """`records` for any csv reader (plain rows as lists, or dicts): (line, row or None, why unreadable)."""
    while True:
        before = reader.line_num
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield before + 1, None, str(error)  # the row that could not be read starts on the next line
            continue
        yield reader.line_num, record, None


def whole_number(text: str, low: int, high: int) -> int | None:
    """A whole number within bounds, or None; never converts a 5,000-digit string."""
    digits = text.removeprefix("-")
    if not digits.isdigit() or len(digits) > len(str(max(abs(low), abs(high)))):
        return None
    value = int(text)
    return value if low <= value <= high else None
