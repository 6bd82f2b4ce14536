"""Shared fixtures: a copy of the bundled sample landing folder, a temporary warehouse, a Dagster instance."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest

from pipeline.config import SAMPLES_DIR

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def no_dagster_instance_left_current():
    """Every test starts with no current Dagster instance.

    Dagster keeps the instance a `with` block entered in a context variable (for its definitions state). Some
    in-process runs and evaluation contexts leave it set after the instance is closed and collected; a later
    test that merely builds definitions then fails on the dead reference ("Attempted to resolve undefined
    DagsterInstance weakref"), depending on test order and garbage collection. Dagster has no public reset."""
    from dagster._core.storage.defs_state import base

    base._current_storage.set(None)
    yield


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    """An empty landing folder."""
    path = tmp_path / "landing"
    path.mkdir()
    return path


@pytest.fixture
def sample_landing(tmp_path: Path) -> Path:
    """A landing folder holding a copy of the bundled sample articles."""
    path = tmp_path / "samples"
    shutil.copytree(SAMPLES_DIR, path)
    return path


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse" / "events.duckdb"


@pytest.fixture
def instance():
    with dg.instance_for_test() as inst:
        yield inst


@dataclass
class DemoLoad:
    landing: Path
    warehouse: Path
    report: object  # assets.runner.RunReport
    column_schemas: dict  # asset name -> the dg.TableSchema its materialization showed in the UI
    events_metadata: dict  # the events asset's materialization metadata, name -> value


@pytest.fixture(scope="session")
def demo_load(tmp_path_factory) -> DemoLoad:
    """The bundled samples loaded once through the real Dagster job (what `make demo` does); tests only read
    the warehouse. The Dagster instance is closed before any test runs: one left open for the session would
    outlive the instances other tests open and close (Dagster keeps the current one in a context variable)."""
    from assets.runner import run_landing

    root = tmp_path_factory.mktemp("demo")
    landing = root / "landing"
    shutil.copytree(SAMPLES_DIR, landing)
    warehouse = root / "events.duckdb"
    with dg.instance_for_test() as inst:
        report = run_landing(landing, warehouse, instance=inst)
        schemas, metadata = {}, {}
        for asset in ("raw_articles", "clean_articles", "event_mentions", "events", "event_aggregates"):
            event = inst.get_latest_materialization_event(dg.AssetKey(asset))
            schemas[asset] = event.asset_materialization.metadata["dagster/column_schema"].value
            if asset == "events":
                metadata = {k: v.value for k, v in event.asset_materialization.metadata.items()}
    return DemoLoad(landing, warehouse, report, schemas, metadata)
