"""Resources, defined once: the DuckDB warehouse and the landing folder."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline import config
from pipeline.warehouse import connect


class Warehouse(DuckDBResource):
    """The DuckDB file, with the schema applied on every connection (idempotent)."""

    @contextmanager
    def connect(self):
        # Not DuckDBResource.get_connection: it leaves the connection (and the file lock) open when the
        # block raises, and a failed step must release the warehouse for the retry.
        con = connect(self.database)
        try:
            yield con
        finally:
            con.close()


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
