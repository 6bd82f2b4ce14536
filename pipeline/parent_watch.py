"""A worker process ends when the process that started it is gone.

The processes a run spawns (the cleaning and extracting workers, ``pipeline/parallel.py``; the Great
Expectations validator, ``expectations/validator.py``) wait for work on a pipe from their parent. When the
parent is killed with ``kill -9`` they are not told: they were left running, idle, each holding hundreds of
megabytes (spaCy, the gazetteer, Great Expectations), until the machine restarted. Each calls
``exit_with_parent`` as it starts: a daemon thread that checks once a second whether its parent process
still exists and, once it does not (the worker has been handed to another parent), ends the process.
"""

from __future__ import annotations

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
