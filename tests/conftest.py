"""Shared fixtures: a copy of the bundled sample landing folder, a temporary warehouse, a Dagster instance."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipeline.config import SAMPLES_DIR

FIXTURES = Path(__file__).parent / "fixtures"


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
