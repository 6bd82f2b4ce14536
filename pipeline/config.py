"""Where things live. Every entry point (CLI, ``dagster dev``, tests) reads the same variables."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.extract.lexicon_loader import vocabulary_hash

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = PROJECT_ROOT / "samples" / "landing"

# Bump when the extractor's code changes behaviour. Stored on every mention for lineage, with a digest of the
# vocabulary data files (pipeline/extract/data/), so a rebuild tells which vocabulary coded each mention.
EXTRACTOR_CODE_VERSION = "0.4.0"  # 0.4.0: detection refuses unanchored, modifier and weapons-test readings
EXTRACTOR_VERSION = f"{EXTRACTOR_CODE_VERSION}+vocab.{vocabulary_hash()}"


def landing_dir() -> Path:
    """The folder users drop articles into (``EVENTS_LANDING_DIR``, default: the bundled samples)."""
    return Path(os.environ.get("EVENTS_LANDING_DIR", SAMPLES_DIR)).expanduser().resolve()


def warehouse_path() -> Path:
    """The DuckDB file (``EVENTS_WAREHOUSE``, default: ``warehouse/events.duckdb``)."""
    default = PROJECT_ROOT / "warehouse" / "events.duckdb"
    return Path(os.environ.get("EVENTS_WAREHOUSE", default)).expanduser().resolve()
