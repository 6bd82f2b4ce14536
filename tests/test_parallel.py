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


# A worker that registers end_without_teardown as it starts: the atexit handlers of what it loads later
# still run (they were registered after), its modules are not torn down (a global's __del__ would write).
_WORKER_TEARDOWN = """
import atexit, multiprocessing, os, sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

OUT = Path(sys.argv[1])


class Loaded:
    def __init__(self):
        self.path, self.open = str(OUT / "torn_down"), open  # module globals are gone by teardown

    def __del__(self):
        with self.open(self.path, "w") as f:
            f.write("yes")


def start(fast):
    if fast:
        from pipeline.parent_watch import end_without_teardown

        end_without_teardown()


def load():
    global HELD
    HELD = Loaded()
    atexit.register((OUT / "atexit_ran").write_text, "yes")
    return os.getpid()


if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=start,
                               initargs=(sys.argv[2] == "fast",))
    pool.submit(load).result()
    pool.shutdown(wait=True)
    print(pool._processes is None or all(p.exitcode == 0 for p in pool._processes.values()))
"""


def test_a_worker_ends_without_tearing_down_what_it_loaded(tmp_path):
    """pipeline/parent_watch.end_without_teardown: a pool that shuts down does not wait for its workers to
    tear down spaCy or Great Expectations; what they registered to run at exit still runs."""
    import subprocess
    import sys

    script = tmp_path / "worker_teardown.py"
    script.write_text(_WORKER_TEARDOWN)
    for mode in ("fast", "normal"):
        out = tmp_path / mode
        out.mkdir()
        done = subprocess.run([sys.executable, str(script), str(out), mode], capture_output=True, text=True,
                              timeout=60, cwd=os.getcwd())  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert (out / "atexit_ran").exists()
        assert (out / "torn_down").exists() == (mode == "normal"), mode


def test_this_process_loads_the_models_on_a_thread_while_the_batch_is_stored(monkeypatch):
    """warm_up loads spaCy, the vocabulary and the gazetteer here too, on a thread; extract_chunks waits for
    it instead of loading them a second time."""
    from pipeline import parallel
    from pipeline.extract.nlp import load_nlp

    monkeypatch.setenv("EVENTS_EXTRACT_WORKERS", "1")
    monkeypatch.setattr(parallel, "_loading_here", None)
    parallel.warm_up(3)
    thread = parallel._loading_here
    assert thread is not None and thread.name == "load-models"
    parallel.warm_up(3)
    assert parallel._loading_here is thread  # once per process
    assert list(parallel.extract_chunks(iter([]), 0)) == []
    assert not thread.is_alive()
    assert load_nlp.cache_info().currsize == 1
