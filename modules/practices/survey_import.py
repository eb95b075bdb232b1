"""Customer answers to the mirror survey, from the CSV file a survey tool exports.

Files come as the tools make them (Google Forms, Microsoft Forms, SurveyMonkey,
Typeform, Qualtrics): columns named after the question's text, a timestamp with
a time, sometimes a header on two rows. So a file is first read as a table
(`read_table`), its columns are matched to the survey (`suggest`, which the
trainer can correct; the portal remembers it per file shape), the order of day
and month is decided once for the whole file (`date_order`), then each row is
checked (`parse`). Bad rows are reported with their line and left out.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, NamedTuple

from modules import spreadsheet
from modules.i18n import N_
from modules.practices.mirror import SCALES
from modules.store import clock
from modules.store.surveys import CustomerRow

MAX_BYTES = 5_000_000
MAX_COLUMNS = 500  # survey tools export a column per question and a few more: a file this wide is no export
TEAM, DATE = "team", "date"
Order = Literal["dmy", "mdy"]
ORDERS: dict[str, str] = {"dmy": "%d/%m/%Y", "mdy": "%m/%d/%Y"}
# Words the tools put in the names of these two columns (English and French exports).
HINTS = {
    TEAM: ("team", "équipe", "equipe", "store", "shop", "magasin", "site", "agence"),
    DATE: ("date", "timestamp", "horodat", "submitted", "time", "heure", "start"),
}
SLASHED = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
SECOND_HEADER = re.compile(r"^(response|open-ended response|réponse|other \(please specify\))$", re.IGNORECASE)


class RowProblem(NamedTuple):
    """A refused row: its line in the file, why (a msgid) and the values the message names."""

    line: int
    message: str
    values: dict[str, object]


@dataclass
class Table:
    """A file's column names (two header rows joined into one) and its rows with their lines."""

    columns: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    digest: str = ""  # of the file's bytes: the same file is imported once per survey

    @property
    def shape(self) -> str:
        """What identifies files of the same shape: their column names (the mapping is remembered by it)."""
        return hashlib.sha256("\x1f".join(c.strip().lower() for c in self.columns).encode()).hexdigest()[:32]

    def column(self, name: str) -> list[str]:
        at = self.columns.index(name)
        return [cells[at] if at < len(cells) else "" for _, cells in self.rows]


class ImportChoice(NamedTuple):
    """What the trainer decided for a file: kept for the next file of the same shape."""

    shape: str
    mapping: dict[str, str | None]
    order: str | None


@dataclass
class Parsed:
    rows: list[CustomerRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    digest: str = ""


def read_table(data: bytes) -> Table:
    """Read a CSV file (comma or semicolon, UTF-8 with or without BOM, else Windows-1252)."""
    table = Table(digest=hashlib.sha256(data).hexdigest())
    if len(data) > MAX_BYTES:
        table.problems.append(RowProblem(1, N_("the file is larger than 5 MB"), {}))
        return table
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text))
    rows: list[tuple[int, list[str]]] = []
    for line, cells, unreadable in spreadsheet.rows(reader):
        if unreadable:
            table.problems.append(RowProblem(line, N_("this row cannot be read ({why})"), {"why": unreadable}))
        elif any(c.strip() for c in cells or []):
            rows.append((line, [c.strip() for c in cells or []]))
    if not rows:
        table.problems.append(RowProblem(1, N_("the file has no header row"), {}))
        return table
    widest = max(len(cells) for _, cells in rows)
    if widest > MAX_COLUMNS:  # matching 85,000 columns to the questions cost 47 s of a trainer's page
        table.problems.append(
            RowProblem(
                1,
                N_("the file has {count} columns; a survey export has at most {limit}"),
                {"count": widest, "limit": MAX_COLUMNS},
            )
        )
        return table
    header, rows = rows[0][1], rows[1:]
    if rows and any(SECOND_HEADER.match(c) for c in rows[0][1]):  # SurveyMonkey: a second header row
        header, rows = _joined(header, rows[0][1]), rows[1:]
    table.columns, table.rows = header, rows
    return table


def _joined(first: list[str], second: list[str]) -> list[str]:
    """A name per column from two header rows; a blank first cell belongs to the question on its left."""
    names, current = [], ""
    for n in range(max(len(first), len(second))):
        top = first[n] if n < len(first) else ""
        below = second[n] if n < len(second) else ""
        current = top or current
        names.append(current if not below or SECOND_HEADER.match(below) else f"{current} {below}".strip())
    return names


def suggest(columns: list[str], questions: list[dict], texts: dict[str, list[str]]) -> dict[str, str | None]:
    """The file column for the team, the date and each question: by its name, else by a word the tools use,
    else by the question's text in any language (`texts`: the texts of each question key)."""
    lowered = {c.strip().lower(): c for c in columns}
    mapping: dict[str, str | None] = {}
    for role in (TEAM, DATE):
        mapping[role] = lowered.get(role) or next(
            (c for c in columns if any(hint in c.lower() for hint in HINTS[role])), None
        )
    for question in questions:
        key = question["key"]
        found = lowered.get(key.lower())
        if found is None:
            best, score = None, 0.0
            for column in columns:
                for text in texts.get(key, []):
                    matcher = difflib.SequenceMatcher(None, column.lower(), text.lower())
                    if matcher.real_quick_ratio() <= score or matcher.quick_ratio() <= score:
                        continue  # cannot beat the best so far: the full comparison is the costly part
                    ratio = matcher.ratio()
                    if ratio > score:
                        best, score = column, ratio
            found = best if score >= 0.6 else None
        mapping[key] = found
    return mapping


def date_order(values: list[str]) -> Order | Literal["conflict"] | None:
    """Day or month first, decided once for the whole file: a first number over 12 says day first, a second
    over 12 says month first; both in one file is a conflict; neither (every date ≤ 12/12) is for the trainer."""
    firsts = seconds = False
    for value in values:
        match = SLASHED.match(value.strip())
        if match:
            firsts |= int(match.group(1)) > 12
            seconds |= int(match.group(2)) > 12
    if firsts and seconds:
        return "conflict"
    return "dmy" if firsts else "mdy" if seconds else None


def order_within(values: list[str], first: str, last: str) -> Order | None:
    """When every date is ≤ 12/12 (either order reads), the order under which the dates fall within the survey's
    days [`first`, `last`] ('YYYY-MM-DD') while the other order's do not; None when both or neither fit."""
    orders: tuple[Order, ...] = ("dmy", "mdy")
    inside: dict[Order, int] = {
        order: sum(1 for value in values if (day := _day(value, order)) is not None and first <= day <= last)
        for order in orders
    }
    best = max(orders, key=lambda order: inside[order])
    others = [count for order, count in inside.items() if order != best]
    return best if inside[best] and all(count < inside[best] for count in others) else None


def outside(rows: list[CustomerRow], first: str, last: str) -> int:
    """How many rows answer on a day outside the survey's days: a sign the dates were read the wrong way."""
    return sum(1 for _team, day, _answers in rows if not first <= day <= last)


def parse(
    data: bytes,
    questions: list[dict],
    teams: dict[str, int],
    mapping: dict[str, str | None] | None = None,
    order: Order | None = None,
) -> Parsed:
    """Check each row of a file against a survey's questions, with a column mapping (by default the columns
    named like the roles) and an order of day and month (by default the file's own, else day first)."""
    return check_rows(read_table(data), questions, teams, mapping, order)


def check_rows(
    table: Table,
    questions: list[dict],
    teams: dict[str, int],
    mapping: dict[str, str | None] | None = None,
    order: Order | None = None,
) -> Parsed:
    """`parse` on a table already read (the import panel reads it once, to match its columns first).
    The table's own problems (unreadable rows) come first among the problems."""
    result = Parsed(problems=list(table.problems), digest=table.digest)
    if not table.columns:
        return result
    automatic = mapping is None  # then every question needs its column; a trainer's mapping may leave one out
    mapping = mapping or suggest(table.columns, questions, {})
    missing = [role for role in (TEAM, DATE) if not mapping.get(role)]
    missing += [q["key"] for q in questions if automatic and not mapping.get(q["key"])]
    if missing or not any(mapping.get(q["key"]) for q in questions):
        columns = ", ".join(missing) or ", ".join(q["key"] for q in questions)
        result.problems.append(RowProblem(1, N_("missing columns: {columns}"), {"columns": columns}))
        return result
    detected = date_order(table.column(mapping[DATE] or ""))  # not missing: checked above
    chosen: Order = order or ("mdy" if detected == "mdy" else "dmy")
    by_name = {name.strip().lower(): team_id for name, team_id in teams.items()}
    at = {role: table.columns.index(column) for role, column in mapping.items() if column}
    for line, cells in table.rows:
        row, problem = _row(_cells(cells, at), at, questions, by_name, chosen)
        if problem:
            result.problems.append(RowProblem(line, *problem))
        elif row:
            result.rows.append(row)
    return result


def _cells(cells: list[str], at: dict[str, int]) -> Callable[[str], str]:
    """A row's value for a role (team, date, a question key); '' where the row is short."""
    return lambda role: cells[at[role]] if at[role] < len(cells) else ""


def _dialect(text: str) -> type[csv.Dialect]:
    first = text.split("\n", 1)[0]
    return csv.excel if first.count(",") >= first.count(";") else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"


def _row(
    cell: Callable[[str], str], at: dict[str, int], questions: list[dict], teams: dict[str, int], order: Order
) -> tuple[CustomerRow | None, tuple[str, dict] | None]:
    team = teams.get(cell(TEAM).lower())
    if team is None:
        return None, (N_("unknown team «{team}»"), {"team": cell(TEAM)})
    day = _day(cell(DATE), order)
    if day is None:
        return None, (N_("«{value}» is not a date (use YYYY-MM-DD)"), {"value": cell(DATE)[:40]})
    answers = {}
    for question in questions:
        if question["key"] not in at:
            continue  # a question this file does not have
        raw, (low, high) = cell(question["key"]), SCALES[question["scale"]]
        if raw == "":
            continue  # a customer may skip a question
        value = spreadsheet.whole_number(raw, low, high)
        if value is None:
            shown = raw if len(raw) <= 20 else raw[:20] + "…"
            return None, (
                N_("{column} is «{value}», expected a whole number from {low} to {high}"),
                {"column": question["key"], "value": shown, "low": low, "high": high},
            )
        answers[question["key"]] = value
    if not answers:
        return None, (N_("no answer in this row"), {})
    return (team, day, answers), None


def _day(text: str, order: Order) -> str | None:
    """The day of a date or a timestamp ('2026-11-20 10:15:32', '11/20/2026 10:15:32', '20.11.2026')."""
    text = text.strip()
    for candidate in (text, text.split(" ")[0], text.split("T")[0]):
        try:
            return datetime.fromisoformat(candidate.replace("/", "-")).date().isoformat()
        except ValueError:
            continue
    match = SLASHED.match(text)
    if not match:
        return None
    try:
        return datetime.strptime("/".join(match.groups()), ORDERS[order]).date().isoformat()
    except ValueError:
        return None


def example(questions: list[dict], team: str) -> bytes:
    """A two-row file showing the expected columns, for the download button (safe in a spreadsheet)."""
    keys = [q["key"] for q in questions]
    values = [
        [9 if q["scale"] == "recommend" else 4 for q in questions],
        [6 if q["scale"] == "recommend" else 3 for q in questions],
    ]
    return spreadsheet.csv_bytes(
        [TEAM, DATE, *keys], ([team, clock.today(clock.current()).isoformat(), *row] for row in values)
    )
