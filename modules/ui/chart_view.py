"""A chart as every reader can take it: drawn, said in one line, and its figures one click away as a table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from modules.i18n import Translate
from modules.measurement import chart_text


def show(spec: dict, lang: str, _: Translate, **options):
    """Draw `spec` (Streamlit's `vega_lite_chart` options pass through: a selection, a key) with its summary
    and its table; returns what the chart returns (a selection event)."""
    event = st.vega_lite_chart(spec=spec, width="stretch", **options)
    summary = chart_text.summary(spec, lang, _)
    if summary:
        st.caption(summary)
    columns, rows = chart_text.table(spec)
    if rows:
        with st.expander(_("The chart's figures as a table"), icon=":material/table_chart:"):
            # A real <table> (a data grid is drawn on a canvas a screen reader cannot read), described by the summary.
            st.table(pd.DataFrame(rows, columns=columns), hide_index=True, alt=summary or None)
    return event
