"""Scoring: a loaded warehouse against hand-annotated gold (what ``python -m pipeline eval`` reports).

Three kinds of gold, three scorers, all plain Python over the analyst views (``articles``, ``events``,
``event_mentions``) of a DuckDB warehouse, read-only:

- ``events``: gold events per document, with place aliases, date windows and actor aliases (the format of
  ``tests/fixtures/gold/samples_gold.json``). Precision and recall of the deduplicated events, then type,
  sub-type, actor and fatality accuracy on the matched ones, multi-source merges and hypothetical hits.
- ``dedup``: which event each short report tells (``tests/fixtures/gold/dedup_gold.json``). Event
  coreference between reports: pairwise and B-cubed precision, recall and F1, and the gold events split or
  wrongly merged.
- ``reports``: one gold label per short report, CASE 2021 style (sub-event type, or a non-ACLED label that
  should yield nothing) or ACLED style (full coding). Per article, the event with the highest confidence is
  compared with the label.

The metric functions (``pairwise_scores``, ``bcubed_scores``, ``weighted_f1``) know nothing of warehouses
and are tested on hand-made clusterings. Loading an input through the real Dagster job before scoring it is
``app.evaluate``'s part: nothing here needs Dagster.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from pipeline.scoring.coreference import main_events, score_dedup
from pipeline.scoring.events import (
    ANCHORED,
    actor_matches,
    date_in_window,
    document_keys,
    document_of,
    gold_matches,
    place_matches,
    score_events,
    types_compatible,
)
from pipeline.scoring.gold import pooled_events_gold, read_gold, read_golds
from pipeline.scoring.metrics import (
    PRF,
    bcubed_scores,
    co_referent_pairs,
    f_beta,
    harmonic_mean,
    pair_scores,
    pairwise_scores,
    share,
    weighted_f1,
)
from pipeline.scoring.output import SUMMARY_KEYS, details_text, interval_lines, subset_lines, summary_line
from pipeline.scoring.reports import (
    HALVES,
    REPORT_STYLES,
    actor_hit,
    best_event_per_article,
    days_off,
    guess_style,
    half_of,
    near_gold_place,
    score_reports,
)
from pipeline.scoring.rows import INTERVALS, as_date, normalize, query_rows

__all__ = [
    "ANCHORED", "HALVES", "INTERVALS", "KINDS", "PRF", "REPORT_STYLES", "SUMMARY_KEYS", "actor_hit",
    "actor_matches", "as_date", "bcubed_scores", "best_event_per_article", "co_referent_pairs",
    "date_in_window", "days_off", "details_text", "document_keys", "document_of", "f_beta", "gold_matches",
    "guess_style", "half_of", "harmonic_mean", "interval_lines", "main_events", "near_gold_place",
    "normalize", "pair_scores", "pairwise_scores", "place_matches", "pooled_events_gold", "query_rows",
    "read_gold", "read_golds", "score", "score_dedup", "score_events", "score_reports", "share",
    "subset_lines", "summary_line", "types_compatible", "weighted_f1",
]  # fmt: skip

KINDS = ("events", "dedup", "reports")


def score(kind: str, warehouse: Path, gold: Any, style: str | None = None) -> dict:
    """Score a loaded warehouse (opened read-only) against gold read by ``read_gold``."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        if kind == "events":
            return score_events(con, gold)
        if kind == "dedup":
            return score_dedup(con, gold)
        if kind == "reports":
            return score_reports(con, gold, style)
    finally:
        con.close()
    raise ValueError(f"unknown evaluation kind {kind!r} (expected one of {KINDS})")
