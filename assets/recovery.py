"""Recovering from runs that died without a word (kill -9, the OOM killer, a power cut).

A Dagster step holds a slot of the ``duckdb_warehouse`` pool while it writes; a process killed hard never
gives it back, and every later run would wait for it forever. So:

- every run is tagged with the process that executes it (host, pid and the process's start time, so that a
  reused pid is not mistaken for the run);
- a process that writes a warehouse holds its *writer lock* (``<warehouse>.writer``, an flock the kernel
  releases when the process dies, however it dies), and says who it is in the lock file;
- a run that gets the writer lock marks every run whose process is gone as failed and frees its pool slots,
  then waits, saying for whom, while a live run still holds the pool (a run started from the UI); Ctrl-C and
  SIGTERM stop the wait.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import dagster as dg

from assets.partitions import WAREHOUSE_POOL

HOST_TAG = "pipeline/host"
PID_TAG = "pipeline/pid"
PROCESS_START_TAG = "pipeline/process_start"

# How often a waiting run looks again, and how often it repeats whom it is waiting for.
POLL_SECONDS = 0.5
REPEAT_WAITING_SECONDS = 30.0


def _process_start(pid: int) -> str:
    """The kernel's start time of a process (clock ticks since boot), '' where /proc is not available."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


def process_tags() -> dict[str, str]:
    """Tags naming the current process, for runs it executes."""
    pid = os.getpid()
    return {HOST_TAG: socket.gethostname(), PID_TAG: str(pid), PROCESS_START_TAG: _process_start(pid)}


def process_gone(tags: dict[str, str]) -> bool:
    """True when the process the tags name has certainly ended (on this host; another host's is unknown)."""
    if tags.get(HOST_TAG) != socket.gethostname() or not tags.get(PID_TAG, "").isdigit():
        return False
    pid = int(tags[PID_TAG])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # someone else's live process
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] == "Z":  # killed, not yet waited for by its parent
        return True
    started = tags.get(PROCESS_START_TAG)
    return bool(started) and fields[19] != started  # the pid now belongs to another process


def _pool_run_ids(instance: dg.DagsterInstance, pool: str) -> set[str]:
    info = instance.event_log_storage.get_concurrency_info(pool)
    return {s.run_id for s in info.claimed_slots} | {s.run_id for s in info.pending_steps}


def reap_dead_runs(instance: dg.DagsterInstance, pool: str = WAREHOUSE_POOL) -> list[str]:
    """Mark runs whose process is gone as failed and free every pool slot of a finished or dead run.

    Returns the ids of the runs it marked failed or freed slots of."""
    reaped = []
    unfinished = instance.get_runs(
        filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING]),
        limit=200,
    )
    for run in unfinished:
        if process_gone(run.tags):
            instance.report_run_failed(
                run,
                message=f"The process of this run (pid {run.tags[PID_TAG]} on {run.tags[HOST_TAG]}) is gone: "
                "it was killed or crashed. Marked failed by a later run, which freed its pool slots.",
            )
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
            reaped.append(run.run_id)
    for run_id in _pool_run_ids(instance, pool) - set(reaped):
        run = instance.get_run_by_id(run_id)
        if run is None or run.is_finished:
            instance.event_log_storage.free_concurrency_slots_for_run(run_id)
            reaped.append(run_id)
    return reaped


def create_pool_limit(instance: dg.DagsterInstance, pool: str = WAREHOUSE_POOL) -> None:
    """Give the pool its limit (the instance's default) before any run needs it.

    Otherwise the first step of each run that finds the pool without a limit creates it, and on Postgres two
    runs starting at once on two workers race: the loser's insert fails and Dagster's update that follows
    runs in the aborted transaction, which fails the run ("current transaction is aborted"; Dagster
    1.13). Created here, by the launching process, the limit is there before any run is launched."""
    storage = instance.event_log_storage

    def has_limit() -> bool:
        return any(limit.name == pool for limit in storage.get_pool_limits())

    if not storage.supports_global_concurrency_limits or has_limit():
        return
    try:
        storage.initialize_concurrency_limit_to_default(pool)
    except Exception:  # another launching process created it at the same moment: what was wanted
        if not has_limit():
            raise


def describe_run(instance: dg.DagsterInstance, run_id: str) -> str:
    run = instance.get_run_by_id(run_id)
    if run is None:
        return f"run {run_id} (unknown to this Dagster instance)"
    what = run.tags.get("landing/batch") or run.job_name
    pid = run.tags.get(PID_TAG)
    where = f"pid {pid}" if pid else "started from the UI or a daemon"
    return f"run {run_id} ({what}, {where}, {run.status.value.lower()})"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def wait_for_pool(
    instance: dg.DagsterInstance, pool: str = WAREHOUSE_POOL, say: Callable[[str], None] = _say
) -> None:
    """Free what dead runs hold, then wait (interruptibly) while live runs hold the pool."""
    last_said, last_holders = 0.0, None
    while True:
        reaped = reap_dead_runs(instance, pool)
        for run_id in reaped:
            say(f"freed the '{pool}' pool from run {run_id}, whose process is gone (marked failed)")
        holders = sorted(_pool_run_ids(instance, pool))
        if not holders:
            return
        if holders != last_holders or time.monotonic() - last_said > REPEAT_WAITING_SECONDS:
            names = "; ".join(describe_run(instance, r) for r in holders)
            say(f"waiting for the '{pool}' pool, held by {names} (Ctrl-C to stop)")
            last_said, last_holders = time.monotonic(), holders
        time.sleep(POLL_SECONDS)


def writer_lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".writer")


@contextlib.contextmanager
def writer_lock(
    warehouse: Path, what: str, instance: dg.DagsterInstance, say: Callable[[str], None] = _say
) -> Iterator[None]:
    """Hold the warehouse's writer lock for the block: wait (saying for whom) while another process holds
    it, then free the pool from dead runs and wait for live ones. Ctrl-C or SIGTERM end the wait."""
    path = writer_lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        last_said, last_holder = 0.0, None
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()
                if holder != last_holder or time.monotonic() - last_said > REPEAT_WAITING_SECONDS:
                    who = _holder_text(holder)
                    say(f"waiting for the warehouse {warehouse.name}: {who} (Ctrl-C to stop)")
                    last_said, last_holder = time.monotonic(), holder
                time.sleep(POLL_SECONDS)
        me = {
            **process_tags(),
            "what": what,
            "since": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me).encode("utf-8"), 0)
        wait_for_pool(instance, say=say)
        yield
    finally:
        os.close(fd)  # releases the lock (the kernel does the same when the process dies)


def _holder_text(holder: str) -> str:
    try:
        h = json.loads(holder)
        return f"pid {h[PID_TAG]} on {h[HOST_TAG]} is writing it ({h['what']}, since {h['since']})"
    except (ValueError, KeyError, TypeError):
        return "another process is writing it"
