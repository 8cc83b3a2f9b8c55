# The two commands of the README: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit mutants readme screenshot notebooks clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

GRAPH := --graph build/sanctions-kg.nt

## Build the graph into build/, print what it holds, answer three questions of the founding case,
## list the pressure chains from Washington to Russia, and draw them: build/graph.html (the whole
## graph) and build/chains.html (the founding case's chains), pages that work offline.
demo: $(STAMP)
	$(BIN)/sanctions-kg build --out build
	@echo; echo "Who cut or halted exports to Russia?"
	$(BIN)/sanctions-kg query export-halts $(GRAPH) -p country=russia --columns exporterLabel,status,since,source
	@echo; echo "How did China's exports to Russia change, by product?"
	$(BIN)/sanctions-kg query trade-changes $(GRAPH) -p reporter=china -p partner=russia \
		--columns productLabel,basePeriod,period,changePercent,bound,statedAs
	@echo; echo "Who pressures Lenovo, directly and through whom, and which way?"
	$(BIN)/sanctions-kg query pressures-on $(GRAPH) -p company=lenovo --columns actorLabel,viaLabel,stance,status,source
	@echo; echo "Along which chains does pressure travel from Washington to Russia?"
	$(BIN)/sanctions-kg chains us-government russia $(GRAPH) --format csv
	@echo; echo "Draw the graph, and the chains from Washington to Russia:"
	$(BIN)/sanctions-kg view $(GRAPH) --out build/graph.html
	$(BIN)/sanctions-kg view $(GRAPH) --out build/chains.html --chains us-government russia

## Lint, type-check and run the whole test suite (doctests included).
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check graph tests benchmarks tools
	$(BIN)/ruff format --check graph tests benchmarks tools

typecheck: $(STAMP)
	$(BIN)/mypy

## Two workers, a test file each at a time (its module fixtures built once); WORKERS=0 runs in one process.
WORKERS ?= 2
unit: $(STAMP)
	$(BIN)/pytest -n $(WORKERS) --dist loadfile

## Mutation testing of one module against its mirror tests, e.g. `make mutants MODULE=graph/analysis/asof.py`
## (minutes; not in CI): the score, and each mutant the tests let live.
MODULE ?= graph/analysis/asof.py
mutants: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,mutation]"
	$(BIN)/python tools/mutants.py $(MODULE)

## Rewrite the README's list of named questions from their headers.
readme: $(STAMP)
	$(BIN)/python tools/update_readme.py

## The README's screenshot of the view, from the real page in headless Chromium.
screenshot: $(STAMP)
	$(BIN)/python tools/screenshot.py

## Open the walkthroughs in notebooks/ in JupyterLab, on this machine only (127.0.0.1).
notebooks: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,notebooks]"
	$(BIN)/jupyter lab --ip 127.0.0.1 notebooks/

clean:
	rm -rf build mutants .pytest_cache .mypy_cache .ruff_cache
