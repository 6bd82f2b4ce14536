"""Suite for the clean stage: ``staging.articles``, one cleaned article per article version.

Guarantees after it passes: bodies are plain text of sane length with at least one sentence,
publication dates are plausible, and every article has a language guess.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pipeline.vocabulary import PUBLISHED_AT_SOURCES

FRAME = "staging.articles"
KEY = ("article_id",)

# Leftover tags and entities. Case-insensitive for tags because HTML is; entities are lowercase by spec.
MARKUP_TAG = r"(?i)<\s*/?\s*(?:p|div|span|script|style|a|br|html|body)\b"
MARKUP_ENTITY = r"&(?:nbsp|amp|lt|gt);"

EXPECTATIONS: list[tuple[str, dict[str, Any], str]] = [
    (
        "ExpectColumnValuesToNotBeNull",
        {"column": "article_id"},
        "article_id is the content hash every sentence and mention points to",
    ),
    (
        "ExpectColumnValuesToBeUnique",
        {"column": "article_id"},
        "one cleaned article per article version; duplicates would double-count every mention",
    ),
    (
        "ExpectColumnValuesToNotMatchRegexList",
        {"column": "body", "regex_list": [MARKUP_TAG, MARKUP_ENTITY]},
        "HTML tags or entities left in the body mean main-text extraction failed and NLP reads markup",
    ),
    (
        "ExpectColumnValuesToBeBetween",
        {"column": "n_chars", "min_value": 1, "max_value": 2_000_000},
        "an empty body has nothing to extract; over 2 MB is a dump or a feed, not one article",
    ),
    (
        "ExpectColumnValuesToBeBetween",
        {
            "column": "published_at",
            "min_value": datetime(1900, 1, 1),
            "max_value": {"$PARAMETER": "now"},
        },
        "dates before 1900 or in the future are parse errors, and event dates are resolved against them",
    ),
    (
        "ExpectColumnValuesToBeInSet",
        {"column": "published_at_source", "value_set": list(PUBLISHED_AT_SOURCES)},
        "analysts filter on where the date came from; other values are not in the vocabulary",
    ),
    (
        "ExpectColumnValuesToNotBeNull",
        {"column": "language"},
        "the extractor only runs on English; an unknown language must be 'und', never missing",
    ),
    (
        "ExpectColumnValuesToBeBetween",
        {"column": "n_sentences", "min_value": 1},
        "mentions are found per sentence; an article without sentences was cleaned away",
    ),
]


def parameters(now: datetime | None = None) -> dict[str, Any]:
    """Run-time values of the suite: ``now`` bounds publication dates (default: the current UTC time).

    Timestamps in the warehouse are naive UTC, so an aware ``now`` is converted to naive UTC.
    """
    if now is None:
        now = datetime.now(UTC)
    if now.tzinfo is not None:
        now = now.astimezone(UTC).replace(tzinfo=None)
    return {"now": now}
