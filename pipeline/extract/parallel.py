"""Extraction on every core: chunks of articles go to worker processes, each with its own spaCy.

``extract_chunks`` gives the same results, in the same order, as calling ``mentions.extract`` on each chunk:
a chunk is whole articles, and ``extract`` is a pure function of them (mentions.py), so where a chunk is
read changes nothing. The calling process reads one chunk in every ``workers`` itself while the others are
in the workers, so two cores need one extra process, not two (memory: one more spaCy, not two).

The pool is started at the first batch large enough to pay for it (a worker's start-up is the imports and
the model: a few seconds) and lives as long as the process, so a run of many batches loads spaCy once per
worker. ``EVENTS_EXTRACT_WORKERS`` sets how many processes extract (default: the cores this process may
use; 1: everything in this process). Workers are spawned, not forked: the caller runs Dagster and DuckDB
threads, and forking a process with threads can deadlock the child.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache

from pipeline.extract.mentions import extract
from pipeline.extract.model import ArticleContext, Candidate, Mention, SentenceInput

Chunk = tuple[list[ArticleContext], list[SentenceInput]]
Result = tuple[list[Mention], list[Candidate]]

# Below this many articles a batch is extracted in this process: starting a worker costs more than it saves.
PARALLEL_MIN_ARTICLES = 100


def worker_count() -> int:
    """Processes that extract (this one included)."""
    configured = os.environ.get("EVENTS_EXTRACT_WORKERS")
    if configured:
        return max(1, int(configured))
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def extract_chunks(chunks: Iterable[Chunk], articles: int) -> Iterator[Result]:
    """``mentions.extract`` of each chunk, in order; ``articles``: how many the chunks hold in all."""
    workers = worker_count()
    if workers == 1 or articles < PARALLEL_MIN_ARTICLES:
        for contexts, sentences in chunks:
            yield extract(contexts, sentences)
        return
    pool = _pool(workers - 1)
    pending: deque[Future | Result] = deque()
    for i, (contexts, sentences) in enumerate(chunks):
        if i % workers == workers - 1:
            pending.append(extract(contexts, sentences))  # ours, read while the workers read theirs
        else:
            pending.append(pool.submit(extract, contexts, sentences))
        # Results leave in order; at most a few chunks wait, so memory stays bounded on large batches.
        while pending and (len(pending) > 2 * workers or _done(pending[0])):
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _done(item: Future | Result) -> bool:
    return not isinstance(item, Future) or item.done()


def _result(item: Future | Result) -> Result:
    return item.result() if isinstance(item, Future) else item


@cache
def _pool(size: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("spawn"), initializer=_warm_up)


def _warm_up() -> None:
    """Load the model and the vocabulary as the worker starts, while the caller reads its own chunk."""
    from pipeline.extract.nlp import load_nlp
    from pipeline.extract.prefilter import trigger_word_forms

    load_nlp()
    trigger_word_forms()
