"""A chart as every reader can take it: drawn, said in one line, and its figures one click away as a table."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util

from modules.i18n import Translate
from modules.measurement import chart_text


class Drawn(NamedTuple):
    """A chart ready to send: its data already in Arrow, its one-line summary and its table.

    Streamlit converts a spec's data to Arrow (through pandas) on every run that shows it, and a report's
    table likewise: most of a team page's run. A cached report keeps its charts in this form, so a run
    sends them as they are (Streamlit passes data that is already Arrow through unchanged).
    """

    spec: dict
    summary: str
    table: pa.Table | None


def drawn(spec: dict, lang: str, _: Translate) -> Drawn:
    """`spec` with its tabular datasets in Arrow, as Streamlit would convert them, its summary and its table."""
    summary = chart_text.summary(spec, lang, _)
    columns, rows = chart_text.table(spec)
    table = _arrow_table(pd.DataFrame(rows, columns=columns)) if rows else None
    datasets = spec.get("datasets")
    if isinstance(datasets, dict):
        converted = {
            name: dataframe_util.convert_anything_to_arrow_bytes(values) if isinstance(values, list) else values
            for name, values in datasets.items()
        }
        spec = {**spec, "datasets": converted}
    return Drawn(spec, summary, table)


def _arrow_table(frame: pd.DataFrame) -> pa.Table:
    """The frame as Streamlit itself converts it (its fixes for columns Arrow cannot hold included)."""
    return pa.ipc.open_stream(dataframe_util.convert_anything_to_arrow_bytes(frame)).read_all()


def show(chart: dict | Drawn, lang: str, _: Translate, **options):
    """Draw a chart (a Vega-Lite spec, or one `drawn` ahead; Streamlit's `vega_lite_chart` options pass through:
    a selection, a key) with its summary and its table; returns what the chart returns (a selection event)."""
    ready = chart if isinstance(chart, Drawn) else drawn(chart, lang, _)
    event = st.vega_lite_chart(spec=ready.spec, width="stretch", **options)
    if ready.summary:
        st.caption(ready.summary)
    if ready.table is not None:
        with st.expander(_("The chart's figures as a table"), icon=":material/table_chart:"):
            # A real <table> (a data grid is drawn on a canvas a screen reader cannot read), described by the summary.
            st.table(ready.table, hide_index=True, alt=ready.summary or None)
    return event
