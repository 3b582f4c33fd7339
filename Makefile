# Two commands do everything: `make run` (the service) and `make test` (the suite). Both bootstrap .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/comic run

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The same checks the suite runs (tests/test_code_quality.py holds the package list).
lint: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_code_quality.py -k ruff

typecheck: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_code_quality.py -k mypy

# Every performance row in one run (README "Performance"); BENCH_ARGS=--quick for a short variant.
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .data .pytest_cache .mypy_cache .ruff_cache
