"""Service Academy's logic (not training modules): one package per concern.

Data flows one way, pages -> modules -> store. Only `modules.ui` imports
Streamlit and only `modules.store` speaks SQL; everything else is plain
Python, testable without either.
"""
