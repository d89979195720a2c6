# Two commands on a fresh machine: `make run` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Bytecode for our own modules, as pip writes for an installed package: an editable install has
# none, and where PYTHONDONTWRITEBYTECODE is set every start would compile ~30 modules (~22 ms).
COMPILE := $(BIN)/python -m compileall -q tui_reader

.PHONY: run test test-long fuzz lint bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	-@$(COMPILE)
	$(BIN)/tui-reader $(ARGS)

# Every check runs even when an earlier one fails, each reports, and any failure fails the target.
test: $(STAMP)
	@status=0; \
	$(BIN)/python -m pytest -q || status=1; \
	$(MAKE) --no-print-directory lint || status=1; \
	exit $$status

# The long variants: hundreds of SIGKILLs, the parsers' fuzz tests at 10x their examples, and the attack
# stage (kill loop, concurrent writers and import fuzz through the real CLI, counts printed).
test-long: $(STAMP)
	@status=0; \
	$(BIN)/python -m pytest -q -m slow || status=1; \
	FUZZ_EXAMPLES=1500 $(BIN)/python -m pytest -q tests/core/test_fuzz_importers.py tests/core/test_plaintext.py \
		|| status=1; \
	$(BIN)/python scripts/attack_stage.py || status=1; \
	exit $$status

# Fresh random examples for every property test (`make test` and CI repeat the same ones, so a
# landing is never blocked by chance): run it to look for new finds, and pin each with `@example`.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=explore FUZZ_EXAMPLES=1500 $(BIN)/python -m pytest -q -p no:cacheprovider tests/core

lint: $(STAMP)
	@status=0; \
	$(BIN)/ruff check tui_reader tests bench scripts || { echo "lint: ruff check FAILED"; status=1; }; \
	$(BIN)/ruff format --check tui_reader tests bench scripts || { echo "lint: ruff format FAILED"; status=1; }; \
	$(BIN)/mypy || { echo "lint: mypy FAILED"; status=1; }; \
	$(BIN)/lint-imports --no-cache || { echo "lint: lint-imports (layering contracts in pyproject.toml) FAILED"; status=1; }; \
	exit $$status

bench: $(STAMP)
	-@$(COMPILE)
	$(BIN)/python -m bench $(ARGS)

screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
