# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# The versions every install uses are the ones `uv.lock` records (`uv lock` after changing
# pyproject.toml's dependencies). uv itself is the one on PATH, else a copy installed from PyPI
# with pip into .uv/ on first use.
UV_VERSION := 0.13.9
UV ?= $(shell command -v uv 2>/dev/null || echo .uv/bin/uv)
# The project's environment is .venv, on the Python that runs `make` (never a downloaded one).
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON := $(shell command -v $(PYTHON))
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test lint typecheck pytest fuzz bench clean install install-dev messages

.uv/bin/uv:
	$(PYTHON) -m venv .uv
	.uv/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

# `--inexact` keeps the dev tools of an earlier `make test` installed.
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --inexact --quiet
	touch $@

$(DEV_STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --inexact --quiet --extra dev
	touch $(STAMP) $@

install: $(STAMP)
install-dev: $(DEV_STAMP)

# `streamlit run app.py` with the same options, the first page's modules loading once the server
# has started, while the browser loads the page (advisor/ui/serve.py).
run: $(STAMP)
	$(BIN)/python -m advisor.ui.serve app.py --server.address 127.0.0.1 --server.port 8501

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV_STAMP)
	$(BIN)/mypy advisor

pytest: $(DEV_STAMP)
	$(BIN)/pytest -q

test: lint typecheck pytest

# The readers' fuzz tests with many fresh random examples (make test runs a few, seeded).
FUZZ_EXAMPLES ?= 5000
fuzz: $(DEV_STAMP)
	ADVISOR_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q -p no:cacheprovider tests/hostile -k fuzz

# The message catalogues: new messages from the code into each language's .po, then checked.
messages: $(DEV_STAMP)
	$(BIN)/python -m advisor.i18n update
	$(BIN)/python -m advisor.i18n check

# Every area prints its figures against floors measured in the same run; with no AREA, the
# README's Performance table is written from them.
bench: $(DEV_STAMP)
	$(BIN)/python bench/run.py $(AREA)

clean:
	rm -rf $(VENV) .uv .pytest_cache .mypy_cache .ruff_cache build *.egg-info
