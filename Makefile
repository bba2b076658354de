# riskmap: `make run` opens the sample project, `make test` runs every check.
# Both create .venv on first use; nothing else needs to be installed by hand.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench build build-check clean translations

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

SAMPLE := sample_layers/chongqing_sample.riskmap.toml

# The window needs a screen; on a machine without one (a server, CI), run the
# same pipeline headless on the sample and say where the results went.
run: $(STAMP)
	@if [ "$$(uname -s)" = Linux ] && [ -z "$$DISPLAY$$WAYLAND_DISPLAY$$QT_QPA_PLATFORM" ]; then \
		echo "No screen here: scoring the sample project headless into sample_run/"; \
		$(VENV)/bin/riskmap score $(SAMPLE) --out sample_run && \
		$(VENV)/bin/riskmap atlas $(SAMPLE) --out sample_run/atlas.pdf && \
		echo "Open sample_run/atlas.pdf; on a desktop, 'make run' opens the window."; \
	else \
		$(VENV)/bin/riskmap; \
	fi

lint: $(STAMP)
	$(VENV)/bin/ruff check riskmap tests tools packaging
	$(VENV)/bin/ruff format --check riskmap tests tools packaging
	$(VENV)/bin/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# Extract new window strings into resources/translations/*.ts and compile .qm.
translations: $(STAMP)
	$(PY) tools/update_translations.py

build: $(STAMP)
	$(PY) -m pip install --quiet -e '.[build]'
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec

build-check: build
	$(PY) tools/build_check.py dist/riskmap

clean:
	rm -rf build dist .pytest_cache .ruff_cache
