# riskmap: `make run` opens the sample project, `make test` runs every check.
# Both create .venv on first use; nothing else needs to be installed by hand.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench build build-check clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/riskmap

lint: $(STAMP)
	$(VENV)/bin/ruff check riskmap tests tools
	$(VENV)/bin/ruff format --check riskmap tests tools
	$(VENV)/bin/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# make bench SIZES="S M" RUNS=3 [BENCH_DATA=dir] [PEERS="qgis geopandas"] [GUI=1]
SIZES ?= S M L
RUNS  ?= 3
PEERS ?= qgis geopandas
BENCH_DATA ?= tests/bench/data
BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tests/bench/bench.py --sizes $(SIZES) --runs $(RUNS) \
		--data $(BENCH_DATA) --peers $(PEERS) $(if $(GUI),--gui,)

clean:
	rm -rf build dist .pytest_cache .ruff_cache
