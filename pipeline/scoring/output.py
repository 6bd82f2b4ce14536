"""What ``python -m pipeline eval`` prints of the scores: the one-line summary of a kind, one line per half
and for the anchored events, the intervals, and the lists behind the figures."""

from __future__ import annotations

import json
from collections.abc import Mapping

from pipeline.scoring.events import ANCHORED
from pipeline.scoring.reports import HALVES
from pipeline.scoring.rows import INTERVALS

# The keys of the one-line summary of each kind, in print order.
SUMMARY_KEYS = {
    "events": (
        "precision", "recall", "f1", "type_acc", "sub_type_acc", "actor1_acc", "actor2_acc",
        "fatalities_acc", "multi_source_merged", "multi_source_gold", "duplicate_predictions",
        "hypothetical_hits", "predicted_events",
    ),
    "dedup": (
        "pairwise_precision", "pairwise_recall", "pairwise_f1", "bcubed_precision", "bcubed_recall",
        "bcubed_f1", "gold_events", "predicted_clusters", "split_events", "wrongly_merged_events",
        "reports_without_event",
    ),
    "reports": (
        "style", "n", "detected", "sub_type_weighted_f1", "type_weighted_f1", "sub_type_acc", "type_acc",
        "non_acled_quiet", "location_50km", "date_exact", "date_1d", "fatalities_exact", "actor1",
        "end_to_end_exact",
    ),
}  # fmt: skip


def summary_line(kind: str, scores: Mapping) -> str:
    """``key=value ...`` of the headline scores of a kind."""
    return " ".join(f"{k}={scores[k]}" for k in SUMMARY_KEYS[kind] if k in scores)


def subset_lines(kind: str, scores: Mapping) -> list[str]:
    """One summary line per half (``odd (development): key=value ...``), when the scores have halves, and one
    for the anchored events (``anchored_events (...): key=value ...``), when the scores have them."""
    halves = scores.get("halves") or {}
    lines = []
    for half in (h for h in HALVES if h in halves):
        lines.append(f"{half} ({HALVES[half]}): {summary_line(kind, halves[half])}")
        lines += interval_lines(f"{half} ({HALVES[half]})", halves[half])
    if ANCHORED in scores:
        lines.append(f"{ANCHORED} (place and date told): {summary_line(kind, scores[ANCHORED])}")
        lines += interval_lines(ANCHORED, scores[ANCHORED])
    return lines + interval_lines("all", scores)


def interval_lines(label: str, scores: Mapping) -> list[str]:
    """``<label> 95% intervals: precision=0.33-0.6 ...``: how far each figure could move on another sample
    of the same kind (bootstrap over articles or reports, ``pipeline.intervals``); none when not computed."""
    intervals = scores.get(INTERVALS) or {}
    parts = [f"{k}={v[0]}-{v[1]}" for k, v in intervals.items() if v is not None]
    return [f"{label} 95% intervals: {' '.join(parts)}"] if parts else []


def details_text(kind: str, scores: Mapping) -> str:
    """The lists behind the headline scores, one ``key: json`` line each (the halves have their lines)."""
    headline = set(SUMMARY_KEYS[kind]) | {"halves", ANCHORED, INTERVALS}
    return "\n".join(f"{k}: {json.dumps(v, default=str)}" for k, v in scores.items() if k not in headline)
