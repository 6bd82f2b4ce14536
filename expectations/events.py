"""Suite for the dedup stage: ``core.events``, one row per real-world event with its report counts.

Guarantees after it passes: one row per event, counts that nest (sources within articles within
mentions), a fatality range that is a range, the same vocabulary as the mentions, and no event the event score
withheld.
"""

from __future__ import annotations

from typing import Any

from expectations import event_mentions
from pipeline.event_score import THRESHOLD

FRAME = "core.events"
KEY = ("event_id",)

# The event type of each sub-event type, for the pair check shared with the mentions.
DERIVED = event_mentions.DERIVED

EXPECTATIONS: list[tuple[str, dict[str, Any], str]] = [
    (
        "ExpectColumnValuesToNotBeNull",
        {"column": "event_id"},
        "event_id is the stable identity analysts and event_members refer to",
    ),
    (
        "ExpectColumnValuesToBeUnique",
        {"column": "event_id"},
        "dedup must output each event once; a repeated id double-counts it in every mart",
    ),
    (
        "ExpectColumnValuesToBeBetween",
        {"column": "num_mentions", "min_value": 1},
        "an event exists only because at least one mention reported it",
    ),
    (
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {"column_A": "num_mentions", "column_B": "num_articles", "or_equal": True},
        "every article contributes at least one mention, so articles cannot outnumber mentions",
    ),
    (
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {"column_A": "num_articles", "column_B": "num_sources", "or_equal": True},
        "every outlet contributes at least one article, so sources cannot outnumber articles",
    ),
    (
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": "fatalities_max",
            "column_B": "fatalities",
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
        "fatalities is the lowest credible figure and fatalities_max the highest reported",
    ),
    (
        "ExpectColumnValuesToBeBetween",
        {"column": "event_score", "min_value": THRESHOLD, "max_value": 1.0},
        "an event the score finds more likely wrong than right is in core.withheld_events (NULL: not judged)",
    ),
    *event_mentions.VOCABULARY,
]
