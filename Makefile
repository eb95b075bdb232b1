# The two commands: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501
WORKERS ?= 2
DEMO ?= 1
SCALE ?= 10k
ENGINE ?= sqlite
MIX ?= 100,20,2

.PHONY: install run serve load test test-fast lint check bench clean messages

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

install: $(STAMP)
	$(VENV)/bin/pybabel compile --use-fuzzy -d locales -D messages --statistics 2>/dev/null || true

# After changing interface text: extract the messages, merge them into each language's .po, then translate.
messages: install
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ --no-location --omit-header -o locales/messages.pot .
	$(VENV)/bin/pybabel update -i locales/messages.pot -d locales -D messages --omit-header --no-fuzzy-matching --ignore-obsolete

# The demo organisation is seeded into a new database only where asked for: here (DEMO=0 for an empty one).
run: install
	ACADEMY_DEMO=$(DEMO) $(PY) -m streamlit run app.py --server.port $(PORT)

# Several processes on one machine: WORKERS Streamlit processes behind HAProxy (sticky sessions) on PORT.
serve: install
	ACADEMY_DEMO=$(DEMO) $(PY) -m modules.serving --workers $(WORKERS) --port $(PORT)

# ruff (lint and format) and mypy (types) first, then every test: unit, store, app (AppTest) and browser (Chromium).
test: lint
	$(PY) -m pytest

# The quick loop while coding: pure functions and the store, no pages, no browser (about 15 s).
test-fast: install
	$(PY) -m pytest -m "unit or store"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

check: install
	$(PY) -m modules.content check

clean:
	rm -rf $(VENV) .pytest_cache

# Report timings on a generated organisation: SCALE=10k or 100k (100,000 employees, 2,000 teams), ENGINE=sqlite or postgresql.
bench: install
	$(PY) bench/measurement.py --scale $(SCALE) --engine $(ENGINE)

# Simulated learners over Streamlit's websocket: one process, the floor page, two processes behind HAProxy, then the
# mixed scenario (MIX learners,managers,trainers: do the heavy reports stall the learners?) on ENGINE.
load: install
	$(PY) bench/load.py --users 25,50,100,150 --workers 1
	$(PY) bench/load.py --users 25,50,100,150 --workers 1 --floor
	$(PY) bench/load.py --users 100,150,200 --workers 2
	$(PY) bench/load.py --mix $(MIX) --workers 1 --engine $(ENGINE)
