"""Expectations: data about the data, one suite per stage boundary, each expectation with its reason.

Stages in pipeline order, each suite a module of plain data (GX class name, arguments, reason):

- ``raw_articles``    ``raw.article_versions``: well-formed hashes, content, known formats
- ``clean_articles``  ``staging.articles``: plain-text bodies, plausible dates, sentences
- ``event_mentions``  ``core.mentions`` + ``published_at``: ACLED vocabulary, spans, dates, counts
- ``events``          ``core.events``: unique events, nested counts, fatality ranges, vocabulary
- ``aggregates``      marts reconciled with ``core.events`` (see ``reconciliation_frame``)

``validate(suite, frame)`` runs one suite and returns a ``SuiteResult`` with failing rows;
``to_check_result`` turns it into a Dagster asset check result.
"""

from expectations.aggregates import reconciliation_frame
from expectations.runner import (
    SUITES,
    FailedExpectation,
    SuiteResult,
    expectation_name,
    to_check_result,
    validate,
)

__all__ = [
    "SUITES",
    "FailedExpectation",
    "SuiteResult",
    "expectation_name",
    "reconciliation_frame",
    "to_check_result",
    "validate",
]
