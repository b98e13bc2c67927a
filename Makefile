# Two commands set up a fresh machine:
#   make run   - install, ingest data/notes into KB_HOME (default ./.kb) and start the chat app
#   make test  - install (plus Debian chromium + fonts-noto-cjk for the browser test), lint, and run every test
VENV   ?= .venv
PYTHON ?= python3
STAMP  := $(VENV)/.installed
KB     := $(VENV)/bin/kb

.PHONY: run test ingest app bench bench-scale install

$(STAMP): requirements.lock pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --upgrade "pip>=24" "setuptools>=68"
	$(VENV)/bin/python -m pip install -q -r requirements.lock
	$(VENV)/bin/python -m pip install -q --no-deps --no-build-isolation -e .
	$(VENV)/bin/python -m compileall -q kb ingest app > /dev/null  # bytecode even where PYTHONDONTWRITEBYTECODE is set: cold starts
	touch $(STAMP)

install: $(STAMP)

ingest: $(STAMP)
	$(VENV)/bin/python -m compileall -q kb ingest app > /dev/null
	HF_HUB_OFFLINE=1 $(KB) ingest

run: ingest
	HF_HUB_OFFLINE=1 $(KB) app

test: $(STAMP)
	$(VENV)/bin/ruff check .
	bash scripts/ensure-browser.sh
	HF_HUB_OFFLINE=1 $(VENV)/bin/python -m pytest -q -p no:cacheprovider
	# what depends on the index backend again on Qdrant (local mode): both backends must answer alike
	KB_BACKEND=qdrant HF_HUB_OFFLINE=1 $(VENV)/bin/python -m pytest -q -p no:cacheprovider -m backend tests/kb tests/ingest/test_pipeline.py

bench: $(STAMP)
	HF_HUB_OFFLINE=1 $(VENV)/bin/python bench/run.py

bench-scale: $(STAMP)
	HF_HUB_OFFLINE=1 $(VENV)/bin/python bench/scale.py
