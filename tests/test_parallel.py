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


_SPAWNS_A_WORKER = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from pipeline.parent_watch import exit_with_parent
pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=exit_with_parent)
print(pool.submit(os.getpid).result(), flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as status:
            return not any(line.startswith("State:") and "Z" in line.split()[1] for line in status)
    except FileNotFoundError:
        return False


def test_a_worker_ends_when_the_process_that_started_it_is_killed():
    """kill -9 of a run leaves no worker idle with its models loaded (pipeline/parent_watch.py)."""
    import signal
    import subprocess
    import sys

    parent = subprocess.Popen([sys.executable, "-c", _SPAWNS_A_WORKER], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(parent.stdout.readline())
        assert _alive(worker)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 15
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(worker)
    finally:
        parent.kill()
