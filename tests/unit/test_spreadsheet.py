"""Every export is safe to open in a spreadsheet: no live formula, accents kept, figures rounded."""

from __future__ import annotations

import csv
import io

from modules import spreadsheet
from modules.practices import survey_import

QUESTIONS = [{"key": "welcome", "scale": "agree"}, {"key": "recommend", "scale": "recommend"}]


def read(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())  # Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_cells_that_would_run_as_formulas_are_neutralised() -> None:
    hostile = ['=HYPERLINK("http://x","a")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
    rows = read(
        spreadsheet.table_bytes(
            [{"name": text, "score": 88.8888} for text in hostile] + [{"name": "Chloé", "score": 75.0}],
            {"name": "Name", "score": "Score %"},
        )
    )
    assert rows[0] == ["Name", "Score %"]
    assert [row[0] for row in rows[1:-1]] == ["'" + text for text in hostile]
    assert rows[-1] == ["Chloé", "75.0"] and rows[1][1] == "88.9"


def test_a_french_reader_gets_semicolons_and_decimal_commas_as_french_excel_splits_them() -> None:
    data = spreadsheet.table_bytes(
        [{"name": "Chloé, Lyon", "score": 88.8888, "people": 12}],
        {"name": "Nom", "score": "Score %", "people": "N"},
        "fr",
    )
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows == [["Nom", "Score %", "N"], ["Chloé, Lyon", "88,9", "12"]]
    assert b";" not in spreadsheet.table_bytes([{"score": 1.5}], {"score": "Score"})  # English stays as it was


def test_numbers_and_empty_cells_stay_as_they_are() -> None:
    assert spreadsheet.cell(-5) == -5 and spreadsheet.cell(None) is None and spreadsheet.cell(True) is True


def test_the_survey_example_file_is_safe_and_imports_back() -> None:
    data = survey_import.example(QUESTIONS, "=Riverside")
    assert read(data)[1][0] == "'=Riverside"
    good = survey_import.example(QUESTIONS, "Riverside")
    parsed = survey_import.parse(good, QUESTIONS, {"Riverside": 1})
    assert len(parsed.rows) == 2 and not parsed.problems


def test_a_huge_field_or_a_huge_number_is_reported_by_line_and_the_rest_imported() -> None:
    huge_text = '"' + "x" * 200_000 + '"'
    data = (
        "team,date,welcome,recommend\n"
        f"Riverside,2026-11-20,{huge_text},9\n"
        "Riverside,2026-11-20,4,9\n"
        f"Riverside,2026-11-20,4,{'9' * 5000}\n"
        "Riverside,2026-11-21,3,8\n"
    ).encode()
    parsed = survey_import.parse(data, QUESTIONS, {"Riverside": 1})
    assert len(parsed.rows) == 2
    assert [problem.line for problem in parsed.problems] == [2, 4]
    assert "cannot be read" in parsed.problems[0].message and parsed.problems[1].values["value"].endswith("…")


def test_the_roster_reports_a_huge_field_by_line(tmp_path) -> None:
    from modules import store
    from modules.accounts import roster

    with store.engine.opened(tmp_path / "r.db") as db:
        text = f'username,name,email,team,role\nana,"{"A" * 200_000}",,Harbour,employee\nben,Ben,,Harbour,employee\n'
        result = roster.import_roster(db, text)
        assert [problem.line for problem in result.problems] == [2] and [c.username for c in result.created] == ["ben"]
