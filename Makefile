# Two commands on a fresh machine: `make demo` (install + run the pipeline on the bundled samples)
# and `make test` (install if needed + run the test suite). Everything installs into .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 3000

.PHONY: install demo test lint ui bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/python -m pipeline demo

# Two workers (the machine's two cores), one test file each at a time, so a module's loaded warehouse is built
# once: about half the wall time of one process.
test: install
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

ui: install
	$(BIN)/python -m pipeline ui --port $(PORT)

bench: install
	$(BIN)/python -m pipeline.bench --articles 1000
