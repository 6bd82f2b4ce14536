"""What the learned filter reads about one kept reading: one vector of named numbers.

Three kinds of evidence, all general (no word list of any one article):
- the rules' evidence (``detect.evidence``): an armed actor, counted victims, a weapon, a target, a crowd, a
  place finer than a country, a date; with the trigger's family, ACLED type and how precisely it is placed;
- where and how it is told: in the lead or deep in the article, as a verb or a noun, quoted, how long the
  sentence is, whether the article names an armed group;
- what the sentence and the trigger word are about, as static embeddings (``embed``): sport, business and
  opinion read differently from a report of a clash.

Measured by cross-validation on the training labels (``train``): the embeddings do most of the work (without
them the filter drops 19% of the non-events at the same recall, with them about 60%); 128 dimensions of the
sentence beat 64 and match 256; the article's title added nothing and is not read.
"""

from __future__ import annotations

import numpy as np

from pipeline.extract.detect import Evidence
from pipeline.extract.learned.embed import embed
from pipeline.extract.lexicon_loader import lexicon
from pipeline.extract.model import ArticleFacts, Reading, SentenceFacts
from pipeline.extract.settings import DETECT_LEAD_SENTENCES
from pipeline.vocabulary import EVENT_TYPES, GEO_PRECISIONS

EVIDENCE = ("armed", "victims", "weapon", "target", "crowd", "place", "time")
QUOTES = ('"', "\u201c", "\u201d")
SENTENCE_DIM = 128  # of the sentence's embedding
TRIGGER_DIM = 64  # of the trigger word's


def _one_hot(prefix: str, values) -> list[str]:
    return [f"{prefix}={v}" for v in values]


def feature_names() -> list[str]:
    """The names of the vector's numbers, in order (written next to the weights, checked when loading)."""
    return (
        [f"evidence.{e}" for e in EVIDENCE]
        + _one_hot("family", sorted(lexicon().families))
        + _one_hot("type", EVENT_TYPES)
        + _one_hot("precision", GEO_PRECISIONS)
        + ["lead", "position", "verb", "noun", "quoted", "length", "article_group"]
        + [f"sentence.{i}" for i in range(SENTENCE_DIM)]
        + [f"trigger.{i}" for i in range(TRIGGER_DIM)]
    )


def reading_features(
    reading: Reading, sentence: SentenceFacts, article: ArticleFacts, ev: Evidence
) -> np.ndarray:
    """The vector of ``feature_names()`` for a classified, dated reading and its evidence
    (``detect.reading_evidence``)."""
    tok = reading.trigger
    precision = reading.place_precision
    index = sentence.input.sentence_index
    text = sentence.input.text
    family = reading.family or ""
    event_type = reading.label[0] if reading.label else ""
    flags = [float(getattr(ev, e)) for e in EVIDENCE]
    flags += [float(family == f) for f in sorted(lexicon().families)]
    flags += [float(event_type == t) for t in EVENT_TYPES]
    flags += [float(precision == p) for p in GEO_PRECISIONS]
    flags += [
        float(index < DETECT_LEAD_SENTENCES),
        min(index, 30) / 30,
        float(tok.pos_ == "VERB"),
        float(tok.pos_ == "NOUN"),
        float(any(q in text for q in QUOTES)),
        min(len(sentence.doc), 60) / 60,
        float(article.group is not None),
    ]
    return np.concatenate(
        [
            np.asarray(flags, dtype=np.float32),
            embed(text, SENTENCE_DIM),
            embed(tok.lemma_.lower(), TRIGGER_DIM),
        ]
    )
