"""Great Expectations in a process of its own, started as a load command starts.

Importing Great Expectations costs about 3 s of one core (its own modules, then scipy, SQLAlchemy, altair and
pandas, which it imports whole) and ~280 MB. In a cold ``python -m pipeline run`` that import came on top of
the run's critical path, at the first check, while the second core sat idle. ``start`` (called by the command
before it imports Dagster) spawns one validator process that imports Great Expectations and builds every suite
on the other core meanwhile; ``validate`` then sends it each frame to check. A large batch, whose run takes
long enough that the import hardly counts, stops it (``keep_for``) and saves its memory. Where no validator
was started (the Dagster UI's run processes, tests, the library used directly) ``validate`` validates here, as
``expectations.runner.validate`` always did, and it falls back to that if the validator process dies.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from expectations import runner
from pipeline.parent_watch import start_as_worker

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

_pool: ProcessPoolExecutor | None = None
# A batch of more new article versions validates in the run's own process: its run lasts a minute or more,
# so the import is a few percent of it, while the validator's ~300 MB would add to the peak of a load whose
# workers are all extracting (10,000 articles: 2,249 MB with it, 1,945 MB without).
KEEP_UP_TO_ARTICLES = 200


def start() -> None:
    """Spawn the validator now (once per process); it loads Great Expectations as it starts."""
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_prepare)
        _pool.submit(int)  # the process starts with its first task, and its initializer runs before it


def _prepare() -> None:
    start_as_worker()
    runner.prepare()


def keep_for(articles: int) -> None:
    """Stop the validator if a batch of ``articles`` new versions is too large to need it (see
    ``KEEP_UP_TO_ARTICLES``); from then on this process validates."""
    if articles > KEEP_UP_TO_ARTICLES:
        stop()


def stop() -> None:
    """Stop the validator, if one runs, at once (even while it is still loading: waiting for that would hold
    up whoever stops it or ends the command); from then on this process validates."""
    global _pool
    if _pool is not None:
        for process in list(_pool._processes.values()):  # Python 3.11 has no public way to end the workers
            process.terminate()
        _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None


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
