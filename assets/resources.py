"""Resources, defined once: the DuckDB warehouse and the landing folder."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from assets.recovery import PID_TAG, process_tags
from pipeline import config, lake
from pipeline.warehouse import connect, mark_complete, mark_incomplete

# How often a step whose lake commit lost a race to another writer is run again before it fails.
LAKE_CONFLICT_RETRIES = 3


class Warehouse(DuckDBResource):
    """The DuckDB file, with the schema applied on every connection (idempotent)."""

    _run_id: str | None = PrivateAttr(default=None)
    _job_name: str | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        run = context.run
        if run is None:
            return
        self._run_id, self._job_name = run.run_id, run.job_name
        # Runs launched elsewhere (the UI, the daemon) name their process too, so that a later run can tell
        # when it is gone and free what it held (see assets/recovery.py).
        if context.instance is not None and PID_TAG not in run.tags:
            context.instance.add_run_tags(run.run_id, process_tags())

    @contextmanager
    def connect(self):
        """A connection for a step that writes: the projections count as incomplete until the run's last
        step marks them complete (``pipeline.warehouse.mark_complete``)."""
        # Not DuckDBResource.get_connection: it leaves the connection (and the file lock) open when the
        # block raises, and a failed step must release the warehouse for the retry.
        con = connect(self.database)
        try:
            mark_incomplete(con, self._run_id, self._job_name)
            yield con
        except duckdb.Error as err:
            # In a lake several processes write at once, and a commit can lose a race that DuckLake does not
            # retry itself (another run changed the same table's files first). Every writing step replaces
            # its rows in one transaction, so running it again is safe; anything else fails the step.
            if lake.settings(self.database) is not None and lake.is_conflict(err):
                raise dg.RetryRequested(max_retries=LAKE_CONFLICT_RETRIES, seconds_to_wait=1.0) from err
            raise
        finally:
            con.close()

    def mark_complete(self, con) -> None:
        mark_complete(con, self._run_id, self._job_name)


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
