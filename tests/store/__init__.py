"""store tests: see tests/conftest.py for what each folder holds."""
