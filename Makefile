# Two commands: `make run` (install, migrate, seed, serve on SQLite) and `make test` (the whole suite).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-pg test-fast lint fmt bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

tests/e2e/node_modules/.installed: tests/e2e/package-lock.json
	npm ci --prefix tests/e2e --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed tests/e2e/node_modules/.installed

run: $(VENV)/.installed
	$(BIN)/python -m app migrate
	$(BIN)/python -m app seed --if-empty
	@echo "Toegang draait op http://$(HOST):$(PORT)  (demo-wachtwoord: demo-wachtwoord-2026)"
	$(BIN)/python -m app serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest

test-fast: $(VENV)/.installed
	$(BIN)/pytest -m "not e2e"

test-pg: install
	scripts/pg-test-cluster.sh start >/dev/null
	DATABASE_URL=$$(scripts/pg-test-cluster.sh url) $(BIN)/pytest; rc=$$?; scripts/pg-test-cluster.sh stop; exit $$rc

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.installed
	$(BIN)/python -m tests.bench.run

clean:
	rm -rf var .pytest_cache .ruff_cache
