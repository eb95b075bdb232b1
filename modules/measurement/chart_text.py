"""A chart in words: its figures as a table and a one-line summary, read from the Vega-Lite spec itself.

A person who cannot see the chart (a screen reader, a magnifier, a colour they cannot tell apart) gets the
same figures a mouse user reads in the tooltips: the table's columns are the tooltip's fields, titled as
there (WCAG 1.1.1 and 1.4.1). Reading the spec, not each builder, keeps one way for every chart.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from modules import i18n
from modules.i18n import N_, Translate, untranslated

Row = dict[str, Any]
SUMMARY = N_("{count} figures. Highest: {top} ({top_value}); lowest: {bottom} ({bottom_value}).")


def _parts(spec: dict, data: str | None = None) -> Iterator[tuple[dict, str | None]]:
    """Each view of the spec (layers, concatenations) with the dataset it draws."""
    named = (spec.get("data") or {}).get("name", data)
    yield spec, named
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            yield from _parts(part, named)
    if isinstance(spec.get("spec"), dict):
        yield from _parts(spec["spec"], named)


def _tooltip(spec: dict) -> tuple[list[dict], list[Row]]:
    datasets: dict[str, list[Row]] = spec.get("datasets", {})
    for part, name in _parts(spec):
        fields = (part.get("encoding") or {}).get("tooltip")
        if isinstance(fields, dict):
            fields = [fields]
        if fields and name in datasets:
            return [f for f in fields if isinstance(f, dict) and "field" in f], datasets[name]
    largest = max(datasets.values(), key=len, default=[])
    return [], largest


def _shown(value: Any) -> Any:
    """Dates as days when they carry no time; figures with at most one decimal."""
    if isinstance(value, str) and len(value) >= 19 and value[10] == "T" and value[11:19] == "00:00:00":
        return value[:10]
    if isinstance(value, str) and len(value) >= 19 and value[10] == "T":
        return value[:16].replace("T", " ")
    if isinstance(value, float):
        return round(value, 1)
    return value


def table(spec: dict) -> tuple[list[str], list[Row]]:
    """The column titles and the rows behind the chart."""
    fields, rows = _tooltip(spec)
    present = [f for f in fields if rows and f["field"] in rows[0]]
    if not present:
        columns = [c for c in (rows[0] if rows else {}) if not c.startswith("_")]
        return columns, [{c: _shown(row.get(c)) for c in columns} for row in rows]
    titles = [str(f.get("title") or f["field"]) for f in present]
    return titles, [{t: _shown(row.get(f["field"])) for t, f in zip(titles, present, strict=True)} for row in rows]


def _plotted(spec: dict, name: str | None) -> dict | None:
    """The figure the chart draws (a bar's length, a cell's colour): the first quantitative x, y or colour."""
    for part, data in _parts(spec):
        if data != name:
            continue
        for channel in ("x", "y", "color"):
            field = (part.get("encoding") or {}).get(channel)
            if isinstance(field, dict) and field.get("type") == "quantitative" and "field" in field:
                return field
    return None


def summary(spec: dict, lang: str, _: Translate = untranslated) -> str:
    """How many figures, and the highest and lowest one with what it belongs to; empty when there is no figure."""
    fields, rows = _tooltip(spec)
    labels = [f for f in fields if f.get("type") in {"nominal", "ordinal", "temporal"}]
    name = next((data for part, data in _parts(spec) if (part.get("encoding") or {}).get("tooltip")), None)
    value = _plotted(spec, name) or next((f for f in fields if f.get("type") == "quantitative"), None)
    if value is None or not labels:
        return ""
    field = value["field"]
    title = next((f.get("title") for f in fields if f["field"] == field and f.get("title")), None)
    title = title or value.get("title") or field
    measured = [row for row in rows if isinstance(row.get(field), int | float) and not isinstance(row[field], bool)]
    if not measured:
        return ""
    top = max(measured, key=lambda row: row[field])
    bottom = min(measured, key=lambda row: row[field])

    def label(row: Row) -> str:
        return " · ".join(str(_shown(row.get(f["field"]))) for f in labels[:2])

    def figure(row: Row) -> str:
        amount = float(row[field])
        return f"{title} {i18n.number(amount, lang, 0 if amount.is_integer() else 1)}"

    return _(SUMMARY).format(
        count=len(measured), top=label(top), top_value=figure(top), bottom=label(bottom), bottom_value=figure(bottom)
    )
