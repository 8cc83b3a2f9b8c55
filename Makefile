# The two commands of the README: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## Build the graph from data/ and ontology/ into build/, and print what it holds.
demo: $(STAMP)
	$(BIN)/sanctions-kg build --out build

## Lint, type-check and run the whole test suite (doctests included).
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check graph tests
	$(BIN)/ruff format --check graph tests

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
