"""Suite for the raw stage: ``raw.article_versions``, one row per distinct article content ever seen.

Guarantees after it passes: every version is addressed by a well-formed sha256, carries content, and
says which landing file and format it came from.
"""

from __future__ import annotations

from typing import Any

FRAME = "raw.article_versions"
KEY = ("content_hash",)

EXPECTATIONS: list[tuple[str, dict[str, Any], str]] = [
    (
        "ExpectColumnValuesToNotBeNull",
        {"column": "content_hash"},
        "the content hash is the version's identity; without it nothing downstream can refer to it",
    ),
    (
        "ExpectColumnValuesToBeUnique",
        {"column": "content_hash"},
        "one row per distinct content: a repeated hash means the append-only log stored a version twice",
    ),
    (
        "ExpectColumnValuesToMatchRegex",
        {"column": "content_hash", "regex": r"\A[0-9a-f]{64}\Z"},
        "hashes are lowercase sha256 hex digests; anything else was computed or copied wrongly",
    ),
    (
        "ExpectColumnValuesToNotBeNull",
        {"column": "content"},
        "an article version without content cannot be cleaned and should have been quarantined",
    ),
    (
        "ExpectColumnValueLengthsToBeBetween",
        {"column": "content", "min_value": 1},
        "empty files belong in raw.quarantine, not among article versions",
    ),
    (
        "ExpectColumnValuesToBeInSet",
        {"column": "format", "value_set": ["txt", "html", "jsonl"]},
        "the landing reader only understands these formats; another value means a reader bug",
    ),
    (
        "ExpectColumnValuesToNotBeNull",
        {"column": "source_path"},
        "provenance: every version must point back to the landing file it was read from",
    ),
]
