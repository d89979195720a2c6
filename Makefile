# Two commands on a fresh machine: `make run` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Bytecode for our own modules, as pip writes for an installed package: an editable install has
# none, and where PYTHONDONTWRITEBYTECODE is set every start would compile ~30 modules (~22 ms).
COMPILE := $(BIN)/python -m compileall -q tui_reader

.PHONY: run test test-long lint bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	-@$(COMPILE)
	$(BIN)/tui-reader $(ARGS) seeds

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check tui_reader tests bench
	$(BIN)/mypy

# The long variants: hundreds of SIGKILLs, and the parsers' fuzz tests at 10x their examples.
test-long: $(STAMP)
	$(BIN)/python -m pytest -q -m slow
	FUZZ_EXAMPLES=1500 $(BIN)/python -m pytest -q tests/core/test_fuzz_importers.py tests/core/test_plaintext.py

lint: $(STAMP)
	$(BIN)/ruff check tui_reader tests bench
	$(BIN)/ruff format --check tui_reader tests bench
	$(BIN)/mypy

bench: $(STAMP)
	-@$(COMPILE)
	$(BIN)/python -m bench $(ARGS)

screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
