"""Resources, defined once: the DuckDB warehouse and the landing folder."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline import config
from pipeline.warehouse import ensure_schema


class Warehouse(DuckDBResource):
    """The DuckDB file, with the schema applied on every connection (idempotent)."""

    @contextmanager
    def connect(self):
        with self.get_connection() as con:
            ensure_schema(con)
            yield con


class LandingFolder(dg.ConfigurableResource):
    """Where users drop articles; each top-level file or folder is a batch."""

    path: str

    @property
    def root(self) -> Path:
        return Path(self.path)


def make_resources(landing: str | Path | None = None, warehouse: str | Path | None = None) -> dict:
    landing = Path(landing) if landing else config.landing_dir()
    warehouse = Path(warehouse) if warehouse else config.warehouse_path()
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    return {"warehouse": Warehouse(database=str(warehouse)), "landing": LandingFolder(path=str(landing))}
