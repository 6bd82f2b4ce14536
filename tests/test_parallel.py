"""Chunks of articles on every core (pipeline.parallel): results come back in order and equal a serial run."""

from __future__ import annotations

from pipeline.parallel import PARALLEL_MIN_ARTICLES, map_chunks


def test_chunks_come_back_in_order_from_the_workers(monkeypatch):
    monkeypatch.setenv("EVENTS_EXTRACT_WORKERS", "2")
    chunks = [(list(range(i + 4, i - 1, -1)),) for i in range(0, 200, 5)]
    expected = [sorted(*chunk) for chunk in chunks]
    assert list(map_chunks(sorted, chunks, PARALLEL_MIN_ARTICLES)) == expected  # half of them in a worker
    assert list(map_chunks(sorted, iter(chunks), PARALLEL_MIN_ARTICLES - 1)) == expected  # all of them here
    monkeypatch.setenv("EVENTS_EXTRACT_WORKERS", "1")
    assert list(map_chunks(sorted, chunks, 10 * PARALLEL_MIN_ARTICLES)) == expected
