"""Event score: how likely a deduplicated event is a specific, real event, from the evidence its reports give.

Detection decides sentence by sentence (``pipeline/extract``); some evidence only exists once dedup has joined
the reports of one event: how many sentences and articles tell it, whether the place and the date were told
in its own sentences or borrowed from the article around them, whether a report opened an article. A
logistic regression over those facts (``FEATURES``), trained on our hand-made news gold
(``app/train_event_score.py``), gives the probability that the event matches a real event of the gold; an
event below ``THRESHOLD`` (more likely wrong than right) is withheld: dedup writes it to
``core.withheld_events`` instead of ``core.events``, with its score, so nothing is lost and an analyst can
still read it (``main.withheld_events``).

Only events told in long, dated articles (every report in one of ``LONG_ARTICLE_SENTENCES`` sentences or more,
with a publication date) are judged: a short item, an agency brief or an event note, is the report of its one
event, which is why it was written; and the model learnt from dated news only. ``PIPELINE_EVENT_SCORE=off``
turns the judgement off (every event kept, no score);
``PIPELINE_EVENT_SCORE_WEIGHTS`` names other weights (a file ``app/train_event_score.py`` wrote).
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.extract.learned.logistic import LogisticModel, read_model, switched_on

WEIGHTS_FILE = Path(__file__).resolve().parent / "event_score.json"
THRESHOLD = 0.5  # withheld when the model finds the event more likely wrong than right
# Fewer sentences than this: a brief or a note, whose one event is its subject (event notes and CASE
# snippets have 1 to 5 sentences; a news article rarely fewer than 8).
LONG_ARTICLE_SENTENCES = 6
LEAD_SENTENCES = 3  # where a news report says what happened

EVENT_TYPE_FEATURES = (
    ("battles", "Battles"),
    ("explosions", "Explosions/Remote violence"),
    ("protests", "Protests"),
    ("riots", "Riots"),
    ("strategic_developments", "Strategic developments"),
    ("violence_against_civilians", "Violence against civilians"),
)
FEATURES = (
    "confidence",  # the detection evidence of its reports, combined (core.events.confidence)
    "at_a_town",  # geo_precision place or near_place
    "in_a_region",  # admin1 or admin2
    "only_a_country",
    "place_from_its_sentence",  # geo_evidence
    "place_from_a_nearby_sentence",
    "place_from_the_article_country",
    "date_from_its_sentence",  # date_evidence
    "date_from_publication",
    "dated_to_the_day",
    "log_reports",  # log(num_mentions)
    "several_articles",
    "toll_told",
    "actor1_named",  # a report names who did it (not the default "Unidentified ... (X)")
    "actor2_told",
    "opens_an_article",  # a report among the first sentences of its article
    "told_as_background",
    *(name for name, _ in EVENT_TYPE_FEATURES),
)
# The features that are numbers; every other one is a fact, 0 or 1.
NUMERIC_FEATURES = frozenset({"confidence", "log_reports"})


# Which way each fact may move the score, by the guide's and ACLED's definitions: evidence that the text tells
# the event itself (its own place, day, actors, toll, several reports) can only raise it; a place or a date
# borrowed from the article, or a report told as background, can only lower it. Training drops a fact whose
# fitted weight goes the other way (``app/train_event_score.py``); the types have no prior.
PRIOR_SIGNS = {
    "confidence": 1,
    "at_a_town": 1,
    "only_a_country": -1,
    "place_from_its_sentence": 1,
    "place_from_a_nearby_sentence": -1,
    "place_from_the_article_country": -1,
    "date_from_its_sentence": 1,
    "date_from_publication": -1,
    "dated_to_the_day": 1,
    "log_reports": 1,
    "several_articles": 1,
    "toll_told": 1,
    "actor1_named": 1,
    "actor2_told": 1,
    "opens_an_article": 1,
    "told_as_background": -1,
}


def enabled() -> bool:
    return switched_on("PIPELINE_EVENT_SCORE")


def judged(members: Sequence[Mapping]) -> bool:
    """Whether the event's reports all come from long, dated articles (see ``LONG_ARTICLE_SENTENCES``; the
    model learnt from dated news only, and an article without a date leaves every event undated)."""
    return bool(members) and all(
        m.get("n_sentences") is not None
        and m["n_sentences"] >= LONG_ARTICLE_SENTENCES
        and m.get("published_at") is not None
        for m in members
    )


def features(event: Mapping, members: Sequence[Mapping]) -> list[float]:
    """The numbers ``FEATURES`` names, for an event row of ``pipeline.dedup`` and its member mentions."""
    geo, geo_from = event.get("geo_precision"), event.get("geo_evidence")
    date_from = event.get("date_evidence")
    named = any(m.get("actor1") and not str(m["actor1"]).startswith("Unidentified") for m in members)
    values = {
        "confidence": float(event.get("confidence") or 0.0),
        "at_a_town": geo in ("place", "near_place"),
        "in_a_region": geo in ("admin1", "admin2"),
        "only_a_country": geo == "country",
        "place_from_its_sentence": geo_from == "sentence",
        "place_from_a_nearby_sentence": geo_from == "nearby_sentence",
        "place_from_the_article_country": geo_from == "article_country",
        "date_from_its_sentence": date_from == "sentence",
        "date_from_publication": date_from == "publication",
        "dated_to_the_day": event.get("date_precision") == "day",
        "log_reports": math.log(max(1, len(members))),
        "several_articles": len({m.get("article_id") for m in members}) > 1,
        "toll_told": bool(event.get("fatalities")),
        "actor1_named": named,
        "actor2_told": event.get("actor2") is not None,
        "opens_an_article": any(m.get("sentence_index", LEAD_SENTENCES) < LEAD_SENTENCES for m in members),
        "told_as_background": any(m.get("is_background") for m in members),
        **{name: event.get("event_type") == label for name, label in EVENT_TYPE_FEATURES},
    }
    return [float(values[name]) for name in FEATURES]


def weights() -> LogisticModel | None:
    """The trained model (``PIPELINE_EVENT_SCORE_WEIGHTS``, by default ``WEIGHTS_FILE``), or None when there
    is none (every event is then kept)."""
    return _read_weights(os.environ.get("PIPELINE_EVENT_SCORE_WEIGHTS") or str(WEIGHTS_FILE))


@functools.lru_cache(maxsize=4)
def _read_weights(path: str) -> LogisticModel | None:
    return read_model(Path(path), FEATURES, "python -m pipeline train-event-score")


def _judging_model(members: Sequence[Mapping]) -> LogisticModel | None:
    """The model that judges an event of these reports; None when none does (the model off or not trained,
    or short or undated reports)."""
    model = weights() if enabled() else None
    return model if model is not None and judged(members) else None


def reasons(event: Mapping, members: Sequence[Mapping]) -> list[tuple[str, float, float]]:
    """(feature, its value, what it added to the log-odds compared with the average event of the training)
    for an event the score judges, largest effect first; [] when it judges none."""
    model = _judging_model(members)
    if model is None:
        return []
    values = features(event, members)
    terms = (float(t) for t in model.terms(values))
    return sorted(zip(FEATURES, values, terms, strict=True), key=lambda t: -abs(t[2]))


def judge(event: Mapping, members: Sequence[Mapping]) -> tuple[float | None, bool]:
    """(event score, withheld) for an event: no score for an event not judged (short reports, the model
    off or not trained), which is never withheld."""
    model = _judging_model(members)
    if model is None:
        return None, False
    score = model.probability(features(event, members))
    return round(score, 3), score < model.threshold
