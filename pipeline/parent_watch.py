"""A worker process ends when the process that started it is gone.

The processes a run spawns (the cleaning and extracting workers, ``pipeline/parallel.py``; the Great
Expectations validator, ``expectations/validator.py``) wait for work on a pipe from their parent. When the
parent is killed with ``kill -9`` they are not told: they were left running, idle, each holding hundreds of
megabytes (spaCy, the gazetteer, Great Expectations), until the machine restarted. Each calls
``exit_with_parent`` as it starts: a daemon thread that checks once a second whether its parent process
still exists and, once it does not (the worker has been handed to another parent), ends the process.

``end_without_teardown``, also called as each starts: when its pool shuts it down, the worker ends as soon as
the interpreter begins to finalize, skipping the teardown of what it loaded (spaCy, the gazetteer, Great
Expectations: about a second, which the command that waits for its workers used to wait too). A worker
holds nothing that teardown would save: its results went back through the pipe, and it writes no files.
"""

from __future__ import annotations

import atexit
import os
import threading
import time

CHECK_SECONDS = 1.0


def exit_with_parent() -> None:
    """End this process within ``CHECK_SECONDS`` of its parent's death."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(CHECK_SECONDS)
        os._exit(0)  # no cleanup to wait for: the parent, which owned the work, is gone

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def end_without_teardown() -> None:
    """End this (worker) process at once when it exits normally. ``atexit`` handlers run before the
    interpreter tears down its modules, the last registered first: this one, registered as the worker
    starts, runs after those of what it loaded later, and ends the process there."""
    atexit.register(os._exit, 0)


def start_as_worker() -> None:
    """What every worker process calls first (extraction workers, the validator): end with its parent, and
    end without tearing down what it loaded."""
    exit_with_parent()
    end_without_teardown()
