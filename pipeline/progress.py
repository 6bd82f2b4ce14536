"""Progress of a long step as a plain callback: the stage says how far it is, the caller where it goes.

The pipeline never imports Dagster; the asset layer passes ``context.log.info`` (so the lines reach the UI's
run logs and, through the CLI's logger, the terminal), tests pass a list's ``append``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

Report = Callable[[str], None]

# Often enough to see a long step move, rarely enough that a short one says nothing.
EVERY_SECONDS = 5.0


class Progress:
    """Counts a stage's articles done; reports "stage: done/total articles" every few seconds at most."""

    def __init__(
        self,
        stage: str,
        total: int,
        report: Report | None,
        every: float | None = None,
        clock=time.monotonic,
    ) -> None:
        self.stage, self.total, self.done = stage, total, 0
        self._report, self._clock = report, clock
        self._every = EVERY_SECONDS if every is None else every
        self._last = clock()

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._report is not None and self._clock() - self._last >= self._every:
            self._last = self._clock()
            self._report(self.line())

    def line(self) -> str:
        share = f" ({100 * self.done // self.total}%)" if self.total else ""
        return f"{self.stage}: {self.done}/{self.total} articles{share}"
