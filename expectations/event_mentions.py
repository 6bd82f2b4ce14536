"""Suite for the extract stage: ``core.mentions``, one row per sentence-level report of an event.

The caller joins the article's ``published_at`` onto the frame, so that event dates can be checked
against publication. Guarantees after it passes: ACLED vocabulary only, consistent type pairs,
plausible coordinates, counts and spans, and no event reported before it happened.
"""

from __future__ import annotations

from typing import Any

from pipeline.extract.inter_codes import INTER_TYPES
from pipeline.vocabulary import (
    DATE_EVIDENCE,
    DATE_PRECISIONS,
    EVENT_TYPES,
    GEO_EVIDENCE,
    GEO_PRECISIONS,
    SUB_EVENT_TYPES,
)

FRAME = "core.mentions joined with staging.articles.published_at"
KEY = ("mention_id",)

# Columns the runner adds before validating: (new column, source column, mapping of values). The
# event type/sub-event type pair is checked through a derived column rather than with GX's
# expect_column_pair_values_to_be_in_set, whose pandas implementation loops over rows in Python
# (about 0.3 ms a row: half a minute for 90,000 mentions); the derived column compares vectorized.
# Sub-event types outside the vocabulary map to null and are left to the in-set check.
DERIVED: list[tuple[str, str, dict[str, str]]] = [
    ("event_type_of_sub_event_type", "sub_event_type", SUB_EVENT_TYPES),
]

# Shared with the events suite: an event is described in the same words as its mentions.
VOCABULARY: list[tuple[str, dict[str, Any], str]] = [
    (
        "ExpectColumnValuesToNotBeNull",
        {"column": "event_type"},
        "every mention and event is classified; the type drives every mart",
    ),
    (
        "ExpectColumnValuesToBeInSet",
        {"column": "event_type", "value_set": list(EVENT_TYPES)},
        "only ACLED's six event types, spelled exactly, so results compare with ACLED data",
    ),
    (
        "ExpectColumnValuesToNotBeNull",
        {"column": "sub_event_type"},
        "ACLED codes every event down to its sub-event type",
    ),
    (
        "ExpectColumnValuesToBeInSet",
        {"column": "sub_event_type", "value_set": list(SUB_EVENT_TYPES)},
        "only ACLED's 25 sub-event types, spelled exactly",
    ),
    (
        "ExpectColumnPairValuesToBeEqual",
        {
            "column_A": "event_type",
            "column_B": "event_type_of_sub_event_type",
            "ignore_row_if": "either_value_is_missing",
        },
        "each sub-event type belongs to exactly one event type; a mismatch is a classification bug",
    ),
    (
        "ExpectColumnValuesToBeInSet",
        {"column": "date_precision", "value_set": list(DATE_PRECISIONS)},
        "date precision says how far to trust event_date; other values cannot be interpreted",
    ),
    (
        "ExpectColumnValuesToBeInSet",
        {"column": "geo_precision", "value_set": list(GEO_PRECISIONS)},
        "geo precision says how far to trust the coordinates; other values cannot be interpreted",
    ),
    (
        "ExpectColumnValuesToBeInSet",
        {"column": "geo_evidence", "value_set": list(GEO_EVIDENCE)},
        "geo evidence says why the place was chosen; other values cannot be interpreted",
    ),
    (
        "ExpectColumnValuesToBeInSet",
        {"column": "date_evidence", "value_set": list(DATE_EVIDENCE)},
        "date evidence says whether the text told the date; other values cannot be interpreted",
    ),
    (
        "ExpectColumnValuesToBeInSet",
        {"column": "inter1", "value_set": list(INTER_TYPES)},
        "ACLED's actor types are 1-8; another code cannot be read (null when actor1 is unknown)",
    ),
    (
        "ExpectColumnValuesToBeInSet",
        {"column": "inter2", "value_set": list(INTER_TYPES)},
        "ACLED's actor types are 1-8; another code cannot be read (null when there is no actor2)",
    ),
    (
        "ExpectColumnValuesToBeBetween",
        {"column": "confidence", "min_value": 0, "max_value": 1},
        "confidence is a probability",
    ),
    (
        "ExpectColumnValuesToBeBetween",
        {"column": "latitude", "min_value": -90, "max_value": 90},
        "latitudes outside [-90, 90] do not exist (null when the place is unknown)",
    ),
    (
        "ExpectColumnValuesToBeBetween",
        {"column": "longitude", "min_value": -180, "max_value": 180},
        "longitudes outside [-180, 180] do not exist; swapped lat/lon often shows here",
    ),
    (
        "ExpectColumnValuesToBeBetween",
        {"column": "fatalities", "min_value": 0},
        "fatality counts cannot be negative (null when not reported)",
    ),
    (
        "ExpectColumnValuesToBeBetween",
        {"column": "injured", "min_value": 0},
        "injury counts cannot be negative (null when not reported)",
    ),
]

EXPECTATIONS: list[tuple[str, dict[str, Any], str]] = [
    (
        "ExpectColumnValuesToNotBeNull",
        {"column": "mention_id"},
        "mention_id links a mention to its event in core.event_members",
    ),
    (
        "ExpectColumnValuesToBeUnique",
        {"column": "mention_id"},
        "one row per report: a repeated id means a sentence was extracted twice",
    ),
    *VOCABULARY,
    (
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {"column_A": "char_end", "column_B": "char_start", "or_equal": False},
        "the sentence span must be non-empty, or provenance points at nothing",
    ),
    (
        # published_at is a timestamp and event_date a day (midnight), so an event on the day of
        # publication passes. Rows without either date are not checked.
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": "published_at",
            "column_B": "event_date",
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
        "news does not report the future: an event date after publication was resolved wrongly",
    ),
]
