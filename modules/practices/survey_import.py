"""Customer answers to the mirror survey, from the CSV file any survey tool exports.

One row per response: a `team` column (the team's name), a `date` column and
one column per question, named by the question's column name. Bad rows are
reported with their line and left out; the good ones are kept.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from modules import spreadsheet
from modules.i18n import N_
from modules.practices.mirror import SCALES
from modules.store import CustomerRow

MAX_BYTES = 5_000_000
DATE_FORMATS = ("%d/%m/%Y", "%m/%d/%Y")


class RowProblem(NamedTuple):
    """A refused row: its line in the file, why (a msgid) and the values the message names."""

    line: int
    message: str
    values: dict[str, object]


@dataclass
class Parsed:
    rows: list[CustomerRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    digest: str = ""


def parse(data: bytes, questions: list[dict], teams: dict[str, int]) -> Parsed:
    """Read a CSV file (comma or semicolon, UTF-8 with or without BOM) against a survey's questions."""
    result = Parsed(digest=hashlib.sha256(data).hexdigest())
    if len(data) > MAX_BYTES:
        result.problems.append(RowProblem(1, N_("the file is larger than 5 MB"), {}))
        return result
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text))
    try:
        header = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    except csv.Error as error:
        result.problems.append(RowProblem(1, N_("this row cannot be read ({why})"), {"why": str(error)}))
        return result
    missing = [c for c in ["team", "date", *(q["key"] for q in questions)] if c not in header]
    if missing:
        result.problems.append(RowProblem(1, N_("missing columns: {columns}"), {"columns": ", ".join(missing)}))
        return result
    by_name = {name.strip().lower(): team_id for name, team_id in teams.items()}
    for line, record, unreadable in spreadsheet.records(reader):
        if unreadable:
            result.problems.append(RowProblem(line, N_("this row cannot be read ({why})"), {"why": unreadable}))
            continue
        row, problem = _row(record, header, questions, by_name)
        if problem:
            result.problems.append(RowProblem(line, *problem))
        elif row:
            result.rows.append(row)
    return result


def _dialect(text: str) -> type[csv.Dialect]:
    first = text.split("\n", 1)[0]
    return csv.excel if first.count(",") >= first.count(";") else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"


def _row(
    record: dict, header: dict[str, str], questions: list[dict], teams: dict[str, int]
) -> tuple[tuple[int, str, dict[str, int]] | None, tuple[str, dict] | None]:
    cell = lambda column: (record.get(header[column]) or "").strip()
    if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
        return None, None  # a blank line is not an error
    team = teams.get(cell("team").lower())
    if team is None:
        return None, (N_("unknown team «{team}»"), {"team": cell("team")})
    day = _day(cell("date"))
    if day is None:
        return None, (N_("«{value}» is not a date (use YYYY-MM-DD)"), {"value": cell("date")})
    answers = {}
    for question in questions:
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


def _day(text: str) -> str | None:
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def example(questions: list[dict], team: str) -> bytes:
    """A two-row file showing the expected columns, for the download button (safe in a spreadsheet)."""
    keys = [q["key"] for q in questions]
    values = [
        [9 if q["scale"] == "recommend" else 4 for q in questions],
        [6 if q["scale"] == "recommend" else 3 for q in questions],
    ]
    return spreadsheet.csv_bytes(["team", "date", *keys], ([team, date.today().isoformat(), *row] for row in values))
