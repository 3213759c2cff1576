# wirewatch: `make run` sets up and runs the main job; `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= wirewatch.db

.PHONY: run test lint types unit slow bench-speed constraints clean

run: $(VENV)/.installed
	$(BIN)/wirewatch run examples/ --db $(DB) --source "wirewatch examples (illustrative)"

test: lint types unit

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/lint-imports --no-cache

types: $(VENV)/.installed
	$(BIN)/mypy

unit: $(VENV)/.installed
	$(BIN)/pytest -q

slow: $(VENV)/.installed
	$(BIN)/pytest -q -m slow

bench-speed: $(VENV)/.installed
	$(BIN)/python -m bench speed

$(VENV)/.installed: pyproject.toml constraints.txt src/wirewatch/web/package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,build]'
	$(BIN)/python -m wirewatch.web.build
	touch $@

constraints: $(VENV)/.installed
	{ echo "# Every package wirewatch installs, pinned. Regenerate: make constraints"; \
	  $(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check; } > constraints.txt

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .mypy_cache .ruff_cache
