"""The data that flows between the extract steps.

In: ``ArticleContext`` (what the clean stage knows of an article) and ``SentenceInput`` (one sentence).
Between steps: ``ArticleFacts`` (what the whole article says, computed once before any sentence is read),
``SentenceFacts`` (what one parsed sentence says, computed once before its triggers are read) and
``Reading`` (what the steps have found out about one trigger word so far). Out: ``Mention``.

Facts and readings are frozen: a step gets what the steps before it decided and returns a new reading, so
which step reads what is visible in its signature, not hidden in call order. ``Actor`` (who), ``Place``
(where) and ``Roles`` (the parse around a trigger, what classification reads) are defined by the modules
that make them and re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.config import EXTRACTOR_VERSION
from pipeline.extract.actors import Actor
from pipeline.extract.classify import Roles
from pipeline.extract.dates import DateSpan
from pipeline.extract.geo.gazetteer import Place
from pipeline.extract.numbers import Casualties
from pipeline.extract.syntax import doc_text

__all__ = [
    "Actor",
    "ArticleContext",
    "ArticleFacts",
    "Mention",
    "Place",
    "Reading",
    "Roles",
    "SentenceFacts",
    "SentenceInput",
    "Candidate",
    "Decision",
    "Refusal",
]


@dataclass(frozen=True)
class ArticleContext:
    """What the extractor knows about an article besides its sentences."""

    article_id: str
    published_at: dt.datetime | None
    dateline_place: str | None = None
    title: str | None = None
    body: str = ""
    outlet: str | None = None  # its name or web host: where it reports from weighs on its country


@dataclass(frozen=True)
class SentenceInput:
    article_id: str
    sentence_index: int
    char_start: int
    char_end: int
    text: str


@dataclass
class Mention:
    mention_id: str
    article_id: str
    sentence_index: int
    char_start: int
    char_end: int
    sentence: str
    trigger: str
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    location: str | None
    admin1: str | None
    country_code: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: str
    geonameid: int | None
    event_date: dt.date | None
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str
    is_background: bool
    fatalities: int | None
    injured: int | None
    confidence: float
    extractor_version: str = EXTRACTOR_VERSION
    geo_evidence: str = "unknown"  # why that place (``pipeline.vocabulary.GEO_EVIDENCE``)
    date_evidence: str = "unknown"  # why that date (``pipeline.vocabulary.DATE_EVIDENCE``)
    # ACLED's associated actors (a party, union, social group or faith the actor belongs to; "; "-joined)
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    # ACLED's actor types, 1-8 (``inter_codes.INTER_TYPES``), from the actor names, set last (``assembly``)
    inter1: int | None = None
    inter2: int | None = None


@dataclass(frozen=True)
class ArticleFacts:
    """What the whole article says, decided before any of its sentences is read (``article``)."""

    context: ArticleContext
    # (name, category) of the armed group the article names most, the default doer of "the group"
    group: tuple[str, str] | None
    # the country the article's events happen in, by vote (``geo.country``)
    country: str | None
    # where the report was filed, looked up in the article's country
    dateline: Place | None
    # sentence index -> towns and regions named in it, any sentence, parsed or not (scanned when asked for)
    places_by_sentence: Mapping[int, tuple[Place, ...]]
    # sentence index -> the weapon cues of each parsed sentence, for "these strikes" in the next one
    cues_by_sentence: Mapping[int, frozenset[str]]
    # the countries the article names by name or demonym: a large city of one of them may be a place even
    # when the article's events are told as another country's ("southwest of Aleppo" from Moscow)
    countries_named: frozenset[str] = frozenset()
    # last names of the persons the article names (lower case): no places, wherever they stand
    persons: frozenset[str] = frozenset()
    # names the article ties to a country where it writes them ("Iraq's Sinjar region"; lower case -> code):
    # looked up in that country in every sentence (``geo.words.countries_tied``)
    places_tied: Mapping[str, str] = field(default_factory=dict)
    # sentence index -> its text, every sentence of the article (for the time a story is told at)
    texts: Mapping[int, str] = field(default_factory=dict)

    @property
    def published(self) -> dt.date | None:
        return self.context.published_at.date() if self.context.published_at else None


@dataclass(frozen=True)
class SentenceFacts:
    """What one parsed sentence says, decided before its triggers are read (``article.sentence_facts``)."""

    input: SentenceInput
    doc: Doc
    lower: str
    # weapon and context cues of the sentence, plus those "these strikes" refers back to
    cues: frozenset[str]
    casualties: Casualties
    # places named in the sentence, with the span that names them
    places: tuple[tuple[Span, Place], ...]
    # names of places the sentence gives that are never its event's place: where someone spoke ("speaking
    # from Seoul"), a capital standing for its government, where someone is based, a journey's destination,
    # where a group of people is from ("Leipzig fans")
    not_here: frozenset[str]
    # who did the last event told in the sentences before, for "they" in this one
    doer_before: Actor | None
    # the day of the first violent event told in the sentences before (the story's), for "a day after the
    # attack"
    violence_before: DateSpan | None = None
    # the story is told in the past here: the latest time the sentences before named is history, and no event
    # of today was told since (``history.named_time``)
    story_in_the_past: bool = False

    @property
    def index(self) -> int:
        return self.input.sentence_index

    @property
    def parse_offset(self) -> int:
        """Where the parsed text starts in the sentence: the parse leaves the dateline out, so a token's
        ``idx`` plus this is its offset in the sentence (``core.event_candidates.trigger_start``)."""
        text = doc_text(self.doc)
        return max(self.input.text.find(text), 0) if text else 0


@dataclass(frozen=True)
class Reading:
    """What the sentence steps have decided about one trigger word so far (None: not decided yet)."""

    trigger: Token
    family: str | None = None  # what the word means here (``senses``)
    place: Place | None = None  # where its event happened (``geo.event_place``)
    precision: str = "unknown"  # how precisely: place, near_place, admin2, admin1, country, unknown
    place_evidence: str = "unknown"  # why that place (``pipeline.vocabulary.GEO_EVIDENCE``)
    roles: Roles | None = None  # who did what to whom, and what the parse says around it (``roles``)
    label: tuple[str, str] | None = None  # (event type, sub-event type) (``classify``)
    when: DateSpan | None = None  # the date told for it (``history``)
    when_evidence: str = "sentence"  # where ``when`` was told: its sentence, or from the story's event
    score: float | None = None  # the evidence that it is a specific, real event (``detect``)

    @property
    def place_precision(self) -> str:
        """How precisely the event is placed, "unknown" while no place is chosen."""
        return self.precision if self.place is not None else "unknown"


@dataclass(frozen=True)
class Refusal:
    """A step's answer when a trigger reports no event of today: why (a key of ``detect.REASONS``)."""

    reason: str
    score: float = 0.0


@dataclass(frozen=True)
class Decision:
    """What detection decided about one trigger: an event or not, why, and the evidence score (0-1)."""

    is_event: bool
    reason: str
    score: float

    @property
    def decision(self) -> str:
        return "event" if self.is_event else "not_event"


@dataclass(frozen=True)
class Candidate:
    """One trigger word of a parsed sentence and what became of it: the row of ``core.event_candidates``."""

    article_id: str
    sentence_index: int
    trigger: str
    trigger_start: int  # character offset of the trigger in the sentence
    family: str  # what the word means here (``senses``)
    sub_event_type: str | None  # the ACLED sub-type it was coded as, when it got that far
    decision: str  # event | merged | not_event
    reason: str  # a key of detect.REASONS
    score: float
    mention_id: str | None = None  # the mention it became (or was merged into)
