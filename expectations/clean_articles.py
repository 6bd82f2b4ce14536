"""Suite for the clean stage: ``staging.articles``, one cleaned article per article version.

Guarantees after it passes: bodies are plain text of sane length with at least one sentence,
publication dates are plausible, and every article has a language guess.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
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
        "dates before 1900 or more than a day in the future are parse errors (the clean stage quarantines "
        "such articles first), and event dates are resolved against them",
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


# --- row rules: what the clean stage quarantines before the suite runs ----------------------------------
# One bad article must not stop its batch, so the row-level expectations above are applied first, row by
# row, by the clean stage (``quarantine_reason``): a failing article is quarantined with its reason and the
# rest of the batch goes on. The blocking suite then checks the whole stage, and fails only on a bug.

# Publishers stamp times in their own zone, and clocks drift: a day of slack before "in the future".
FUTURE_SLACK = timedelta(days=1)
# A page of scripts and navigation leaves a few menu words and no sentence: the least an article has is
# MIN_WORDS words, and a sentence ending (. ! ? or a closing quote) unless it has SHORT_WORDS words or more.
MIN_WORDS = 3
SHORT_WORDS = 10
_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*(?:\s|$)""")
_MARKUP = [re.compile(MARKUP_TAG), re.compile(MARKUP_ENTITY)]


def quarantine_reason(
    body: str,
    n_sentences: int,
    published_at: datetime | None,
    now: datetime,
    published_at_raw: str | None = None,
) -> str | None:
    """Why one cleaned article cannot be kept (None when it can): the row-level rules of this suite."""
    words = len(body.split())
    if not body.strip() or n_sentences == 0:
        return "no text left after cleaning"
    if words < MIN_WORDS or (words < SHORT_WORDS and not _SENTENCE_END.search(body)):
        return (
            f"too little text to be an article: {words} word{'s' if words != 1 else ''} and no sentence left "
            f"after cleaning (at least {MIN_WORDS} words, with a sentence ending unless {SHORT_WORDS} or "
            "more; e.g. a page of scripts and navigation only)"
        )
    if any(pattern.search(body) for pattern in _MARKUP):
        return "HTML markup left in the body after cleaning: main-text extraction failed"
    if published_at is not None and published_at > now + FUTURE_SLACK:
        given = f" ('{published_at_raw}')" if published_at_raw else ""
        return (
            f"publication date in the future: {published_at:%Y-%m-%d %H:%M} UTC{given} is more than a day "
            "after the article was cleaned"
        )
    return None


def parameters(now: datetime | None = None) -> dict[str, Any]:
    """Run-time values of the suite: ``now`` bounds publication dates (default: the current UTC time).

    Timestamps in the warehouse are naive UTC, so an aware ``now`` is converted to naive UTC.
    """
    if now is None:
        now = datetime.now(UTC)
    if now.tzinfo is not None:
        now = now.astimezone(UTC).replace(tzinfo=None)
    return {"now": now}
