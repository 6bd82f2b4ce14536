"""Layering: ``pipeline/`` is the domain layer and never imports Dagster, ``assets/`` or ``app/``.

Two checks, because each misses what the other sees: a static one over the source of every module (it also
sees imports inside functions, which only run later), and a runtime one that imports every module in a fresh
interpreter (it also sees Dagster pulled in indirectly, through a third-party package or a re-export).
The two entry-point shims ``python -m pipeline`` and ``python -m pipeline.bench`` hand over to ``app/`` and
are the only exceptions.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline

PIPELINE = Path(pipeline.__file__).parent
SHIMS = {"__main__.py", "bench.py"}  # relative to pipeline/
FORBIDDEN = ("dagster", "assets", "app")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every absolute import in a file, wherever it sits (top level or in a function)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def is_forbidden(module: str) -> bool:
    top = module.split(".")[0]
    return top in FORBIDDEN or top.startswith("dagster_")


def domain_files() -> list[Path]:
    return [
        p for p in sorted(PIPELINE.rglob("*.py"))
        if p.relative_to(PIPELINE).as_posix() not in SHIMS
    ]  # fmt: skip


def test_the_forbidden_check_recognises_dagster_and_the_outer_layers():
    assert all(is_forbidden(m) for m in ("dagster", "dagster_duckdb", "assets.runner", "app.cli", "app"))
    assert not any(is_forbidden(m) for m in ("pipeline.stages", "duckdb", "polars", "apps", "dagsterx.y"))


def test_no_pipeline_module_imports_dagster_assets_or_app():
    files = domain_files()
    assert len(files) > 10, "the walk over pipeline/ found too few modules"
    offending = [
        f"{path.relative_to(PIPELINE.parent)}:{line}: {module}"
        for path in files
        for line, module in imported_modules(path)
        if is_forbidden(module)
    ]
    assert not offending, "pipeline/ must not import Dagster, assets/ or app/:\n" + "\n".join(offending)


@pytest.mark.parametrize("shim", sorted(SHIMS))
def test_entry_point_shims_only_hand_over_to_app(shim):
    modules = {module for _, module in imported_modules(PIPELINE / shim)}
    assert modules - {"sys"} and all(m == "sys" or m.startswith("app.") for m in modules), modules


# Runs in a fresh interpreter: this test process has imported Dagster already (conftest).
IMPORT_EVERY_MODULE = """
import importlib, json, pkgutil, sys
import pipeline
shims = {"pipeline.__main__", "pipeline.bench"}
names = sorted(
    m.name for m in pkgutil.walk_packages(pipeline.__path__, "pipeline.") if m.name not in shims
)
for name in names:
    importlib.import_module(name)
loaded = sorted(
    m for m in sys.modules
    if m.split(".")[0] in ("dagster", "assets", "app") or m.startswith("dagster_")
)
print(json.dumps({"imported": names, "loaded": loaded}))
"""


def test_importing_every_pipeline_module_leaves_dagster_out():
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERY_MODULE], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "pipeline.stages" in result["imported"] and "pipeline.scoring" in result["imported"]
    assert result["loaded"] == [], f"importing pipeline/ loaded {result['loaded']}"
