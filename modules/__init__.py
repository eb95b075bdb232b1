"""Service Academy's domain logic: content, scoring, progress, store, login.

Pages import from here; nothing here imports a page. Only `auth` and `web`
touch Streamlit, because they must.
"""
