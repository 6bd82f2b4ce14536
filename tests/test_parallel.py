"""Chunks of articles on every core (pipeline.parallel): results come back in order and equal a serial run."""

from __future__ import annotations

import os
import time

from pipeline.parallel import PARALLEL_MIN_ARTICLES, chunk_articles, map_chunks


def test_chunks_come_back_in_order_from_the_workers(monkeypatch):
    monkeypatch.setenv("EVENTS_EXTRACT_WORKERS", "2")
    chunks = [(list(range(i + 4, i - 1, -1)),) for i in range(0, 200, 5)]
    expected = [sorted(*chunk) for chunk in chunks]
    assert list(map_chunks(sorted, chunks, PARALLEL_MIN_ARTICLES)) == expected  # half of them in a worker
    assert list(map_chunks(sorted, iter(chunks), PARALLEL_MIN_ARTICLES - 1)) == expected  # all of them here
    monkeypatch.setenv("EVENTS_EXTRACT_WORKERS", "1")
    assert list(map_chunks(sorted, chunks, 10 * PARALLEL_MIN_ARTICLES)) == expected


def _read_where(numbers: list[int]) -> tuple[int, list[int]]:
    time.sleep(0.05)  # long enough that the worker and this process both get chunks
    return os.getpid(), sorted(numbers)


def test_this_process_takes_the_chunks_no_worker_has_started(monkeypatch):
    monkeypatch.setenv("EVENTS_EXTRACT_WORKERS", "2")
    chunks = [(list(range(i + 4, i - 1, -1)),) for i in range(0, 200, 5)]
    results = list(map_chunks(_read_where, chunks, PARALLEL_MIN_ARTICLES))
    assert [numbers for _, numbers in results] == [sorted(*chunk) for chunk in chunks]
    readers = {pid for pid, _ in results}
    assert os.getpid() in readers and len(readers) == 2


def test_small_batches_are_cut_into_more_chunks(monkeypatch):
    monkeypatch.setenv("EVENTS_EXTRACT_WORKERS", "2")
    assert chunk_articles(100, 50) == 13  # four chunks per process
    assert chunk_articles(1000, 50) == 50
    assert chunk_articles(PARALLEL_MIN_ARTICLES - 1, 50) == 50  # read here, in one go
    monkeypatch.setenv("EVENTS_EXTRACT_WORKERS", "1")
    assert chunk_articles(100, 50) == 50
