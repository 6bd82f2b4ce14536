"""Clean and extract on every core: chunks of whole articles go to worker processes.

``map_chunks(fn, chunks, articles)`` gives the same results, in the same order, as calling ``fn`` on each
chunk in this process: a chunk is whole articles, and the functions sent here (``mentions.extract``, the
clean stage's ``clean_chunk``) are pure functions of them, so where a chunk is read changes nothing. The
calling process reads chunks too, those no worker has started while it waits for the oldest, so two cores
need one extra process, not two (memory: one more spaCy, not two).

The pool lives as long as the process, so a run of many batches loads spaCy once per worker. ``warm_up()``
starts it at the first batch large enough to pay for it (the raw stage calls it once it knows how many
versions are new, the clean stage again): the worker loads spaCy, the vocabulary and the gazetteer (about
2.5 s) while this process stores and cleans the batch, and is ready when extraction starts. Small batches
are cut into smaller chunks (``chunk_articles``) so that every process gets a share.
``EVENTS_EXTRACT_WORKERS`` sets how many processes clean and extract (default: the cores this process may
use; 1: everything in this process). Workers are spawned, not forked: the caller runs Dagster and DuckDB
threads, and forking a process with threads can deadlock the child.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache
from typing import Any, TypeVar

from pipeline.extract.mentions import extract
from pipeline.extract.model import ArticleContext, Candidate, Mention, SentenceInput
from pipeline.parent_watch import start_as_worker

Chunk = tuple[list[ArticleContext], list[SentenceInput]]
Result = tuple[list[Mention], list[Candidate]]
R = TypeVar("R")

# Below this many articles a batch stays in this process: starting a worker costs more than it saves.
PARALLEL_MIN_ARTICLES = 40


def worker_count() -> int:
    """Processes that clean and extract (this one included)."""
    configured = os.environ.get("EVENTS_EXTRACT_WORKERS")
    if configured:
        return max(1, int(configured))
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def chunk_articles(articles: int, largest: int) -> int:
    """Articles per chunk for a batch of ``articles``: ``largest`` on big batches; on a batch that would
    make fewer than four chunks per process, smaller chunks (four per process, of five articles at least),
    so that a batch of a hundred articles is shared out between the processes as they come free."""
    workers = worker_count()
    if workers == 1 or articles < PARALLEL_MIN_ARTICLES or articles >= 4 * workers * largest:
        return largest
    return min(largest, max(5, -(-articles // (4 * workers))))


def warm_up(articles: int) -> None:
    """Start the workers now, if a batch of ``articles`` will use them, and load the models here on a thread,
    so that they load while this process does other work (a started pool is reused)."""
    workers = worker_count()
    if articles > 0:
        _load_here()
    if workers > 1 and articles >= PARALLEL_MIN_ARTICLES:
        pool = _pool(workers - 1)
        for _ in range(workers - 1):
            pool.submit(int)  # spawns a worker, whose initializer loads the models


def extract_chunks(chunks: Iterable[Chunk], articles: int) -> Iterator[Result]:
    """``mentions.extract`` of each chunk, in order; ``articles``: how many the chunks hold in all."""
    if _loading_here is not None:
        _loading_here.join()  # the models this process is loading (``warm_up``): not twice at once
    return map_chunks(extract, chunks, articles)


def map_chunks(fn: Callable[..., R], chunks: Iterable[tuple], articles: int) -> Iterator[R]:
    """``fn(*chunk)`` of each chunk, in order, on every core; ``fn`` must be a module-level function (it is
    pickled by name); ``articles``: how many the chunks hold in all.

    Every chunk goes to the pool's queue, a few ahead; while the oldest is still being read by a worker,
    this process takes the oldest chunk no worker has started yet (it cancels its future) and reads it
    itself. Chunks differ a lot in cost (long articles, first use of a country's places), so taking work
    as it comes keeps every core busy where a fixed share per process left one waiting for the other."""
    workers = worker_count()
    if workers == 1 or articles < PARALLEL_MIN_ARTICLES:
        for chunk in chunks:
            yield _call(fn, *chunk)
        return
    pool = _pool(workers - 1)
    source = iter(chunks)
    # (future or result here, the chunk): results leave in order, and at most ``ahead`` chunks wait, so
    # memory stays bounded on large batches.
    pending: deque[tuple[Future | _Done, tuple | None]] = deque()
    ahead = 4 * workers
    while True:
        while len(pending) < ahead:
            chunk = next(source, None)
            if chunk is None:
                break
            pending.append((pool.submit(_call, fn, *chunk), chunk))
        if not pending:
            return
        # The oldest itself is taken if no worker has started it; when nothing is left to take, wait.
        while not pending[0][0].done() and _read_one_here(fn, pending):
            pass
        yield pending.popleft()[0].result()


def _read_one_here(fn: Callable[..., R], pending: deque) -> bool:
    """Read the oldest chunk of ``pending`` that no worker has started, in this process; False if none."""
    for at, (future, chunk) in enumerate(pending):
        if isinstance(future, Future) and future.cancel():
            pending[at] = (_Done(_call(fn, *chunk)), None)
            return True
    return False


class _Done:
    """A result computed here, queued among the workers' futures."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def done(self) -> bool:
        return True

    def result(self) -> Any:
        return self.value


def _call(fn: Callable[..., R], *args: Any) -> R:
    """``fn(*args)``, then the heap it freed handed back to the system: glibc's malloc keeps what spaCy's and
    thinc's arrays freed (~80 MB per process after a few chunks), and the process peak counts it."""
    result = fn(*args)
    _trim_heap()
    return result


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None  # glibc only


def _trim_heap() -> None:
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@cache
def _pool(size: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("spawn"), initializer=_warm_up)


def _warm_up() -> None:
    """Load the model, the vocabulary and the place indexes as the worker starts (and end with the process
    that started it)."""
    start_as_worker()
    _load_models()


def _load_models() -> None:
    from pipeline.clean.sentences import sentencizer
    from pipeline.extract.nlp import load_nlp
    from pipeline.extract.places import gazetteer
    from pipeline.extract.prefilter import trigger_word_forms

    sentencizer()  # first: on the thread of `_load_here`, before the cleaning asks for it
    load_nlp()
    trigger_word_forms()
    gazetteer()


_loading_here: threading.Thread | None = None


def _load_here() -> None:
    """Load the models in this process too, on a thread, while it stores and cleans the batch: it reads
    chunks as well, and its first one used to begin by loading them (about a second of a small batch's
    run). Once per process; ``extract_chunks`` waits for it."""
    global _loading_here
    if _loading_here is None:
        _loading_here = threading.Thread(target=_load_models, name="load-models", daemon=True)
        _loading_here.start()
