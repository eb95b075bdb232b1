"""Everything that imports Streamlit: session glue, login, widgets, cached reports, the pages' pieces."""
