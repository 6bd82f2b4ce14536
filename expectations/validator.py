"""Great Expectations in a process of its own, started as a load command starts.

Importing Great Expectations costs about 3 s of one core (its own modules, then scipy, SQLAlchemy, altair and
pandas, which it imports whole) and ~280 MB. In a cold ``python -m pipeline run`` that import came on top of
the run's critical path, at the first check, while the second core sat idle. ``start`` (called by the
command before it imports Dagster) spawns one validator process that imports Great Expectations and builds
every suite on the other core meanwhile; ``validate`` then sends it each frame to check. Where no validator
was started (the Dagster UI's run processes, tests, the library used directly) ``validate`` validates here,
as ``expectations.runner.validate`` always did, and it falls back to that if the validator process dies.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from expectations import runner
from pipeline.parent_watch import exit_with_parent

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

_pool: ProcessPoolExecutor | None = None


def start() -> None:
    """Spawn the validator now (once per process); it loads Great Expectations as it starts."""
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_prepare)
        _pool.submit(int)  # the process starts with its first task, and its initializer runs before it


def _prepare() -> None:
    exit_with_parent()
    runner.prepare()


def started() -> bool:
    return _pool is not None


def validate(suite_name: str, frame: pl.DataFrame | pd.DataFrame, **params: Any) -> runner.SuiteResult:
    """``runner.validate`` in the validator process if one was started, else here."""
    global _pool
    if _pool is not None and len(frame):
        try:
            return _pool.submit(runner.validate, suite_name, frame, **params).result()
        except BrokenProcessPool:
            _pool = None  # it died (killed, out of memory): this process validates from now on
    return runner.validate(suite_name, frame, **params)
