"""Run the pipeline through Dagster from Python: what ``python -m pipeline run`` and the tests call.

Each new or changed landing batch becomes a dynamic partition and one run of the ``process_batch`` job,
recorded in the Dagster instance (``DAGSTER_HOME``), so the UI shows CLI runs like any other.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
from dagster._core.events import DagsterEventType

from assets.distributed import LaunchedRun, is_distributed, launch_batches, wait_for_runs
from assets.partitions import WAREHOUSE_POOL, landing_batches
from assets.recovery import create_pool_limit, process_tags, writer_lock
from assets.terminal import logger_config
from expectations import validator
from pipeline.config import prepared_dagster_home
from pipeline.landing import batch_signature, list_batches
from pipeline.queries import query
from pipeline.warehouse import connect, read_state, warehouse_exists


@dataclass
class RunReport:
    batches: list[str] = field(default_factory=list)
    success: bool = True
    checks_passed: int = 0
    checks_failed: list[str] = field(default_factory=list)
    # Checks of severity WARN that did not pass (quarantined input): reported, never a failure.
    checks_warned: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    run_ids: list[str] = field(default_factory=list)  # one Dagster run per batch, in load order
    repaired: bool = False  # the projections an interrupted run left incomplete were recomputed
    # Why a run failed: "batch: step: error", from its failure events (the Dagster UI has the whole log).
    failures: list[str] = field(default_factory=list)


def open_instance() -> dg.DagsterInstance:
    """The Dagster instance of ``DAGSTER_HOME``, its storage created under a lock.

    Several runs started at once on a new home would otherwise race to create the same SQLite tables, and
    one would crash. A home without a ``dagster.yaml`` gets the project's (SQLite), or with DAGSTER_PG_URL
    set the Postgres one in ``deploy/`` (see ``pipeline.config.dagster_home``)."""
    with prepared_dagster_home():
        instance = dg.DagsterInstance.get()
        # Touch every storage now, while we hold the lock: they create their tables on first use.
        instance.get_runs(limit=1)
        instance.get_dynamic_partitions(landing_batches.name)
        instance.event_log_storage.get_concurrency_info(WAREHOUSE_POOL)
        instance.all_instigator_state()
        create_pool_limit(instance)
    return instance


@dataclass
class BatchSummary:
    """What one batch's run did: the line printed as each batch finishes."""

    batch: str
    success: bool
    articles: int  # article versions cleaned in this batch
    mentions: int  # mentions extracted from them
    events: int  # events in the warehouse after the batch (dedup spans every batch)
    quarantined: int
    seconds: float

    def line(self) -> str:
        state = "" if self.success else "  FAILED"
        return (
            f"{self.batch}: articles {self.articles}, mentions {self.mentions}, events {self.events}, "
            f"quarantined {self.quarantined} ({self.seconds:.1f} s){state}"
        )


QUARANTINE_QUERY = "select source_path, record_index, reason from quarantine where batch_id = '{batch}'"


def pending(
    landing: Path, warehouse: Path, instance: dg.DagsterInstance, rerun_all: bool = False
) -> dict[str, str]:
    """Batches (id -> signature) not yet loaded in their current form by a run that succeeded."""
    batches = {b: batch_signature(landing, b)[0] for b in list_batches(landing)}
    if rerun_all or not warehouse_exists(warehouse):
        return batches
    con = connect(warehouse)
    try:
        loaded = dict(con.execute(query("raw.landing_batch_signatures")).fetchall())
    finally:
        con.close()
    todo = {}
    for batch, signature in batches.items():
        done = instance.get_runs(
            filters=dg.RunsFilter(
                tags={"landing/batch": batch, "landing/signature": signature},
                statuses=[dg.DagsterRunStatus.SUCCESS],
            ),
            limit=1,
        )
        if loaded.get(batch) != signature or not done:
            todo[batch] = signature
    return todo


def run_landing(
    landing: Path,
    warehouse: Path,
    rerun_all: bool = False,
    instance: dg.DagsterInstance | None = None,
    raise_on_error: bool = False,
    only: list[str] | None = None,
    verbosity: str | None = None,
    on_batch: Callable[[BatchSummary], None] | None = None,
) -> RunReport:
    """Load every pending batch (one Dagster run each) and report what the checks said.

    ``only`` restricts the load to these batches; ``verbosity`` (quiet, normal, verbose) picks the logger of
    CLI runs (see assets.terminal; None: Dagster's default); ``on_batch`` is called as each batch finishes.
    Holds the warehouse's writer lock throughout (see assets/recovery.py: waiting, and freeing what runs
    killed earlier held). When the projections are still incomplete afterwards (an earlier run was killed
    before its last step, and no batch run completed them now), ``refresh_events`` recomputes them."""
    from assets.definitions import make_definitions

    defs = make_definitions(landing, warehouse)
    instance = instance or open_instance()
    job = resolve_job(defs, "process_batch", instance)
    with writer_lock(warehouse, f"python -m pipeline run, landing {landing}", instance):
        todo = pending(landing, warehouse, instance, rerun_all)
        if only is not None:
            todo = {b: sig for b, sig in todo.items() if b in only}
        report = RunReport(batches=list(todo))
        if not todo or is_distributed(instance):
            # Nothing for the validator to check here: no batch, or the Celery workers check theirs; stopped,
            # it neither loads Great Expectations in vain nor holds up the command's end (validator.py).
            validator.stop()
        known = set(instance.get_dynamic_partitions(landing_batches.name))
        new = [b for b in report.batches if b not in known]
        if new:
            instance.add_dynamic_partitions(landing_batches.name, new)
        run_config = logger_config(verbosity) if verbosity else None
        if is_distributed(instance):
            _run_on_workers(instance, landing, warehouse, todo, report, on_batch)
        else:
            for batch in report.batches:
                started = time.monotonic()
                result = job.execute_in_process(
                    partition_key=batch,
                    instance=instance,
                    raise_on_error=raise_on_error,
                    tags={"landing/batch": batch, "landing/signature": todo[batch], **process_tags()},
                    run_config=run_config,
                )
                _add_result(report, result, batch)
                if on_batch is not None:
                    on_batch(_batch_summary(batch, result, time.monotonic() - started))
        if not _complete(warehouse):
            result = resolve_job(defs, "refresh_events", instance).execute_in_process(
                instance=instance, raise_on_error=raise_on_error, tags=process_tags()
            )
            _add_result(report, result, "repair")
            report.repaired = True
        con = connect(warehouse)
        try:
            for name in ("articles", "event_mentions", "events", "quarantine"):
                report.counts[name] = con.execute(query("tables.row_count", table=name)).fetchone()[0]
        finally:
            con.close()
    return report


def _run_on_workers(instance, landing: Path, warehouse: Path, todo: dict[str, str], report: RunReport,
                    on_batch: Callable[[BatchSummary], None] | None) -> None:  # fmt: skip
    """Every batch's run launched at once to the Celery workers (assets/distributed.py), then reported as the
    in-process runs are."""
    started = time.monotonic()
    launched = launch_batches(instance, landing, warehouse, todo)
    wait_for_runs(instance, list(launched.values()))
    for batch, run_id in launched.items():
        result = LaunchedRun(instance, run_id)
        _add_result(report, result, batch)
        if on_batch is not None:
            on_batch(_batch_summary(batch, result, time.monotonic() - started))


def _add_result(report: RunReport, result, batch: str) -> None:
    report.run_ids.append(result.run_id)
    report.success &= result.success
    if not result.success:
        report.failures += [f"{batch}: {reason}" for reason in failure_reasons(result.all_events)]
    for evaluation in result.get_asset_check_evaluations():
        name = f"{evaluation.asset_key.to_user_string()}.{evaluation.check_name}"
        if evaluation.passed:
            report.checks_passed += 1
        elif evaluation.severity == dg.AssetCheckSeverity.WARN:
            report.checks_warned.append(f"{batch}: {_warning_text(name, evaluation.metadata, batch)}")
        else:
            report.checks_failed.append(f"{batch}: {name}")


FAILURE_EVENTS = (DagsterEventType.STEP_FAILURE, DagsterEventType.RUN_FAILURE)


def failure_reasons(events) -> list[str]:
    """One line per failed step (its error's last line) or failed run without a failed step, in order."""
    reasons = []
    for event in events:
        if event.event_type not in FAILURE_EVENTS:
            continue
        error = getattr(event.event_specific_data, "error", None)
        while error is not None and error.cause is not None:  # Dagster wraps the step's own exception
            error = error.cause
        told = error is not None and error.message
        text = error.message.strip().splitlines()[-1] if told else event.message
        if event.event_type == DagsterEventType.STEP_FAILURE:
            reasons.append(f"{event.step_key}: {text}")
        elif not reasons:
            reasons.append(f"run: {text}")
    return reasons


def _complete(warehouse: Path) -> bool:
    """Whether the warehouse's projections are a complete state (see ``core.warehouse_state``)."""
    con = connect(warehouse)
    try:
        state = read_state(con)
    finally:
        con.close()
    return bool(state and state["complete"])


def resolve_job(defs: dg.Definitions, name: str, instance: dg.DagsterInstance) -> dg.JobDefinition:
    """``defs.resolve_job_def(name)`` with ``instance`` as Dagster's current instance.

    Building definitions reads the definitions state of the *current* instance, which Dagster keeps in a
    context variable set by ``with instance:``. An instance entered elsewhere and collected without being
    exited leaves a dead reference there, and the build fails ("Attempted to resolve undefined DagsterInstance
    weakref") depending on garbage collection. The run's own instance is the right one in any case."""
    from dagster._core.storage.defs_state.base import set_defs_state_storage  # no public way to set it

    with set_defs_state_storage(instance.defs_state_storage):
        return defs.resolve_job_def(name)


def run_rebuild(landing: Path, warehouse: Path, instance: dg.DagsterInstance | None = None) -> dict:
    """Run the ``rebuild`` job: replay the whole log into a new file, checked, swapped in when complete.

    Returns the new row counts and the batches the checks blocked (as in the incremental runs)."""
    from assets.definitions import make_definitions

    instance = instance or open_instance()
    job = resolve_job(make_definitions(landing, warehouse), "rebuild", instance)
    with writer_lock(warehouse, "python -m pipeline rebuild", instance):
        result = job.execute_in_process(instance=instance, tags=process_tags())
    return result.output_for_node("replay_article_log")


def run_finished_at(run_id: str, instance: dg.DagsterInstance | None = None) -> dt.datetime | None:
    """When a run (id or unique prefix) recorded in the Dagster instance finished (UTC, naive); None if
    unknown."""
    instance = instance or dg.DagsterInstance.get()
    records = [r for r in instance.get_run_records(limit=1000) if r.dagster_run.run_id.startswith(run_id)]
    if len(records) != 1 or records[0].end_time is None:
        return None
    return dt.datetime.fromtimestamp(records[0].end_time, dt.UTC).replace(tzinfo=None)


def _row_count(result, asset: str) -> int:
    for materialization in result.asset_materializations_for_node(asset):
        value = materialization.metadata.get("dagster/row_count")
        if value is not None:
            return int(value.value)
    return 0


def _batch_summary(batch: str, result, seconds: float) -> BatchSummary:
    quarantined = 0
    for materialization in result.asset_materializations_for_node("raw_articles"):
        if "quarantined" in materialization.metadata:
            quarantined = int(materialization.metadata["quarantined"].value)
    return BatchSummary(
        batch=batch,
        success=result.success,
        articles=_row_count(result, "clean_articles"),
        mentions=_row_count(result, "event_mentions"),
        events=_row_count(result, "events"),
        quarantined=quarantined,
        seconds=seconds,
    )


def _warning_text(name: str, metadata: dict, batch: str) -> str:
    if name.endswith("nothing_quarantined") and "quarantined" in metadata:
        n = int(metadata["quarantined"].value)
        query = QUARANTINE_QUERY.format(batch=batch.replace("'", "''"))
        return f'{n} input{"s" * (n != 1)} quarantined; why: python -m pipeline query "{query}"'
    return name


def summary_text(report: RunReport) -> str:
    c = report.counts
    lines = [
        f"batches loaded: {len(report.batches)} ({', '.join(report.batches) or 'nothing new'})",
        f"articles: {c.get('articles', 0)}  mentions: {c.get('event_mentions', 0)}  "
        f"events: {c.get('events', 0)}  quarantined: {c.get('quarantine', 0)}",
        f"checks passed: {report.checks_passed}  warnings: {len(report.checks_warned)}  "
        f"failed: {len(report.checks_failed)}",
    ]
    lines += [f"  warning: {text}" for text in report.checks_warned]
    lines += [f"  failed: {name}" for name in report.checks_failed]
    if report.repaired:
        lines.append("repaired: recomputed events and marts that a killed or failed run left incomplete")
    lines.append(
        "run: " + ("succeeded" if report.success else "FAILED (see the Dagster UI for the run logs)")
    )
    lines += [f"  failure: {reason}" for reason in report.failures]
    return "\n".join(lines)
