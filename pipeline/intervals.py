"""How far a figure measured on a hundred articles can be trusted: percentile bootstrap intervals.

A precision of 0.46 over 48 events of 100 articles could as well have been 0.35 or 0.60 on another hundred
articles of the same kind: the articles (or, for short reports, the reports) are the sample, so they are what
is drawn again, with replacement, as many times as there were, and the figure recomputed on each draw; the
middle 95% of those figures is the interval (Efron's percentile bootstrap). Two figures whose intervals
overlap widely are not shown to differ by a change, however their points moved.

Draws are seeded: the same units give the same interval on every run, so the printed figures reproduce.
Plain Python over whatever the units are; ``pipeline.scoring`` says what a unit and a figure are.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TypeVar

Unit = TypeVar("Unit")

DRAWS = 1000
LEVEL = 0.95
SEED = 2026


def bootstrap_interval(
    units: Sequence[Unit],
    figure: Callable[[Sequence[Unit]], float | None],
    draws: int = DRAWS,
    level: float = LEVEL,
    seed: int = SEED,
) -> tuple[float, float] | None:
    """(low, high): the central ``level`` of ``figure`` over ``draws`` resamples of ``units`` (as many
    units as there are, drawn with replacement). Draws where the figure is undefined (None: nothing to
    measure in that draw) are left out; None when there are no units or no draw defines it."""
    if not units:
        return None
    rng = random.Random(seed)
    n = len(units)
    draws_of_units = ([units[rng.randrange(n)] for _ in range(n)] for _ in range(draws))
    values = sorted(v for v in map(figure, draws_of_units) if v is not None)
    if not values:
        return None
    tail = (1.0 - level) / 2.0
    return values[_rank(tail, len(values))], values[_rank(1.0 - tail, len(values))]


def _rank(quantile: float, n: int) -> int:
    """The index of the value at ``quantile`` of ``n`` sorted values (the nearest rank)."""
    return min(n - 1, max(0, round(quantile * (n - 1))))


def ratio_of_sums(units: Sequence[tuple[float, float]]) -> float | None:
    """Σ part / Σ whole over (part, whole) units, e.g. (matched events, judged events) per article; None
    when the wholes sum to nothing."""
    whole = sum(w for _, w in units)
    return sum(p for p, _ in units) / whole if whole else None


def rounded(interval: tuple[float, float] | None) -> list[float] | None:
    """The interval as printed and written to JSON: two figures of three decimals."""
    return None if interval is None else [round(interval[0], 3), round(interval[1], 3)]
