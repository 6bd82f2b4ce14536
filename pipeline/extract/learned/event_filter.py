"""The learned filter step: after the rules keep a reading, a logistic model gives the probability that it
reports a specific, real event; below the threshold chosen at training, the reading is refused as
``unlikely``. The probability becomes the candidate's score either way.

The filter decides where the rules' evidence leaves room for doubt. An armed actor that kills or injures
counted people is an event by ACLED's definitions whatever the sentence's words resemble, so such a reading
is kept at any probability: static embeddings of "gunmen shot dead two guards" sit near the crime and court
reporting that fills general news (an invented conflict report was refused without this guard).

The weights are ``data/event_filter.json`` (written by ``train``, a few hundred numbers). Without that file,
or with ``PIPELINE_EVENT_FILTER=off``, the step keeps every reading: the rules alone decide, as before.
Training swaps in a recorder (``recording``) that keeps every reading and remembers its features.
"""

from __future__ import annotations

import contextlib
import contextvars
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from pipeline.extract.detect import reading_evidence
from pipeline.extract.learned.features import feature_names, reading_features
from pipeline.extract.learned.logistic import LogisticModel, read_model, switched_on
from pipeline.extract.lexicon_loader import DATA_DIR
from pipeline.extract.model import ArticleFacts, Reading, Refusal, SentenceFacts

WEIGHTS_PATH = DATA_DIR / "event_filter.json"


def load_model(path: Path = WEIGHTS_PATH) -> LogisticModel | None:
    """The trained filter, or None when there is none. Weights written for other features are an error: the
    features changed and the filter must be trained again (``python -m pipeline train-filter``)."""
    return read_model(path, feature_names(), "python -m pipeline train-filter")


@lru_cache(maxsize=1)
def _trained() -> LogisticModel | None:
    return load_model()


def enabled() -> bool:
    return switched_on("PIPELINE_EVENT_FILTER")


# Training's recorder: (article_id, sentence_index, trigger_start as in core.event_candidates) -> features.
_RECORDER: contextvars.ContextVar[dict | None] = contextvars.ContextVar("event_filter_recorder", default=None)


@contextlib.contextmanager
def recording():
    """Keep every reading and remember its features (for training): yields the dict that fills up."""
    seen: dict = {}
    token = _RECORDER.set(seen)
    try:
        yield seen
    finally:
        _RECORDER.reset(token)


def filter_step(reading: Reading, sentence: SentenceFacts, article: ArticleFacts) -> Reading | Refusal:
    """Sentence step: keep a reading the rules kept only if the model finds it likely enough a real event."""
    ev = reading_evidence(reading)
    recorder = _RECORDER.get()
    if recorder is not None:
        key = (
            sentence.input.article_id,
            sentence.input.sentence_index,
            sentence.parse_offset + reading.trigger.idx,
        )
        recorder[key] = reading_features(reading, sentence, article, ev)
        return reading
    model = _trained() if enabled() else None
    if model is None:
        return reading
    p = model.probability(reading_features(reading, sentence, article, ev))
    # An armed actor and counted victims: an event by definition (see the module docstring).
    if p < model.threshold and not (ev.armed and ev.victims):
        return Refusal("unlikely", p)
    return replace(reading, score=p)
