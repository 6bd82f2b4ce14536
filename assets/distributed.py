"""Loading batches on several workers: one Dagster run per batch, launched to Celery workers (assets.workers).

``run_landing`` takes this path when the Dagster instance's run launcher is dagster-celery's
(``deploy/dagster-celery.yaml``): it launches every pending batch at once and waits for all of them, and the
workers execute them side by side. The steps that must write one at a time (the raw stage, dedup and the
marts; every step in the single-file mode) still do, through the ``duckdb_warehouse`` pool, which lives in
the shared Postgres storage; in the lake mode the clean and extract stages, the expensive ones, run in
parallel (assets/partitions.py).
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import dagster as dg
from dagster._core.events import DagsterEventType

# How often the launching command looks at its runs, and how long it waits before it gives up on them.
POLL_SECONDS = 0.5
RUN_TIMEOUT_SECONDS = 6 * 3600.0


def is_distributed(instance: dg.DagsterInstance) -> bool:
    """Whether runs of this instance execute on Celery workers rather than in the launching process."""
    from dagster_celery.launcher import CeleryRunLauncher

    return isinstance(instance.run_launcher, CeleryRunLauncher)


def process_batch_job() -> dg.JobDefinition:
    """The job as a worker reconstructs it (``dg.reconstructable`` needs a module-level function); the
    landing folder and warehouse come in each run's config, the lake from the worker's environment."""
    from assets.definitions import make_definitions

    return make_definitions().resolve_job_def("process_batch")


class LaunchedRun:
    """What a run executed by a worker reported, read back from the event log: the parts of
    ``ExecuteInProcessResult`` that the run report reads."""

    def __init__(self, instance: dg.DagsterInstance, run_id: str) -> None:
        self.run_id = run_id
        run = instance.get_run_by_id(run_id)
        self.success = run is not None and run.status == dg.DagsterRunStatus.SUCCESS
        self._events = [e.dagster_event for e in instance.all_logs(run_id) if e.dagster_event is not None]

    @property
    def all_events(self) -> list:
        return self._events

    def get_asset_check_evaluations(self) -> list:
        return [
            e.event_specific_data
            for e in self._events
            if e.event_type == DagsterEventType.ASSET_CHECK_EVALUATION
        ]

    def asset_materializations_for_node(self, node: str) -> list:
        return [
            e.step_materialization_data.materialization
            for e in self._events
            if e.event_type == DagsterEventType.ASSET_MATERIALIZATION and e.step_key == node
        ]


def launch_batches(
    instance: dg.DagsterInstance, landing: Path, warehouse: Path, todo: dict[str, str]
) -> dict[str, str]:
    """Create and launch one run per batch (id -> signature); returns batch -> run id."""
    recon = dg.reconstructable(process_batch_job)
    job = recon.get_definition()
    run_config = {
        "resources": {
            "warehouse": {"config": {"database": str(warehouse)}},
            "landing": {"config": {"path": str(landing)}},
        }
    }
    launched = {}
    for batch, signature in todo.items():
        # No process tags: the worker that executes the run tags it with its own process when it starts
        # (assets/resources.py), so that recovery judges the right process.
        tags = {"dagster/partition": batch, "landing/batch": batch, "landing/signature": signature}
        run = instance.create_run_for_job(
            job_def=job, run_config=run_config, tags=tags, job_code_origin=recon.get_python_origin()
        )
        with warnings.catch_warnings():
            # dagster-celery registers its task again on every launch, and Celery warns each time.
            warnings.filterwarnings("ignore", message="Task name 'execute_job' is already registered")
            instance.launch_run(run.run_id, workspace=None)
        launched[batch] = run.run_id
    return launched


def wait_for_runs(instance: dg.DagsterInstance, run_ids: list[str]) -> None:
    """Block until every run has finished (succeeded, failed or canceled)."""
    deadline = time.monotonic() + RUN_TIMEOUT_SECONDS
    waiting = set(run_ids)
    while waiting:
        waiting = {r for r in waiting if not instance.get_run_by_id(r).is_finished}
        if waiting and time.monotonic() > deadline:
            raise TimeoutError(f"runs still unfinished after {RUN_TIMEOUT_SECONDS:.0f} s: {sorted(waiting)}")
        if waiting:
            time.sleep(POLL_SECONDS)
