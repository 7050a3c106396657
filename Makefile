# Plan Atlas. `make site` builds the site from data/; `make test` runs the tests. Both set up .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check lint clean offline publish

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

site: $(BIN)/.installed  ## build the static site into site/
	$(BIN)/mkdocs build --strict

offline: $(BIN)/.installed  ## the site to read from disk, zipped: build/plan-atlas-offline.zip
	rm -rf build/plan-atlas-offline build/plan-atlas-offline.zip
	OFFLINE=true $(BIN)/mkdocs build --strict -d build/plan-atlas-offline
	cd build && ../$(BIN)/python -m zipfile -c plan-atlas-offline.zip plan-atlas-offline/

publish: offline  ## the site into site/ with the offline copy on its downloads page (set SITE_URL)
	OFFLINE_ZIP=build/plan-atlas-offline.zip $(BIN)/mkdocs build --strict

serve: $(BIN)/.installed  ## live preview on http://127.0.0.1:8000 (rebuilds the pages an edit changes)
	$(BIN)/mkdocs serve --dirty --no-strict

serve-full: $(BIN)/.installed  ## live preview that rebuilds the whole site on every change, strict
	$(BIN)/mkdocs serve --strict

check: $(BIN)/.installed  ## validate data/ only
	$(BIN)/python -m docs_build check

test: $(BIN)/.installed  ## run the test suite and lint
	$(BIN)/ruff check docs_build hooks tests
	$(BIN)/python -m pytest

clean:
	rm -rf site build $(VENV)

.PHONY: bench
bench: $(BIN)/.installed  ## benchmark of issue 11 (BENCHMARKS.md); e.g. make bench BENCH_ARGS="--scales 1 10"
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
