"""Extract stage: event mentions from the sentences of clean articles.

One mention is one sentence-level report of one event: its ACLED type and sub-type, who acted on whom, where
(geocoded offline), when (resolved against the publication date, with a precision), how many were killed
and injured, a confidence, and provenance (article, sentence index, character span, sentence text).
Guarantee: the output is a pure function of the article and its sentences (same input, same rows, same
mention ids), so reruns and rebuilds reproduce it exactly.

This module only orders the steps; each step's module says what it reads and decides:

1. ``prefilter``: sentences that report nothing violent or political, or have no word that can be a trigger,
   skip the parser.
2. spaCy parses the rest in batches (``nlp.pipe``), the dateline cut off.
3. ``article``: facts of each article (main armed group, country, dateline, places per sentence) and of
   each parsed sentence (cues, casualties, places), frozen before any trigger is read.
4. Per sentence, in the article's order, each token goes through ``READING_STEPS``, then ``NEWS_STEPS``;
   ``selection`` keeps one reading per place, ``roles`` lends the sentence's doer to readings without one,
   ``assembly`` makes the rows. The doer of a sentence is "they" in the next: the one thing a sentence
   hands on.
5. ``DISCOURSE_PASSES`` relabel mentions by the sentences around them (``discourse``, ``withdrawals``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from pipeline.extract.actors import Actor
from pipeline.extract.article import article_facts, sentence_facts
from pipeline.extract.assembly import to_mention, with_inter_codes
from pipeline.extract.classify import VIOLENT_FAMILIES, classify
from pipeline.extract.dates import DateSpan
from pipeline.extract.detect import detect_step
from pipeline.extract.discourse import resolve_blasts, resolve_protest_episodes, resolve_references
from pipeline.extract.geo.event_place import conjoined_places, place_step
from pipeline.extract.history import StoryTime, date_step
from pipeline.extract.learned.event_filter import filter_step
from pipeline.extract.modality import is_realis
from pipeline.extract.model import (
    ArticleContext,
    ArticleFacts,
    Candidate,
    Mention,
    Reading,
    Refusal,
    SentenceFacts,
    SentenceInput,
)
from pipeline.extract.nlp import load_nlp
from pipeline.extract.prefilter import might_hold_trigger, might_report_event
from pipeline.extract.roles import roles_step, with_sentence_doer
from pipeline.extract.selection import one_per_place
from pipeline.extract.senses import sense_step
from pipeline.extract.syntax import DATELINE_RE, past_time_clause
from pipeline.extract.withdrawals import resolve_withdrawals

__all__ = [
    "ArticleContext",
    "Candidate",
    "Mention",
    "SentenceInput",
    "extract",
    "extract_mentions",
    "might_report_event",
]

# A step returns the reading it was given, completed, or drops it: None (for the step's reason in
# STEP_REASONS) or a Refusal that says why.
Step = Callable[[Reading, SentenceFacts, ArticleFacts], Reading | Refusal | None]


def realis_step(reading: Reading, sentence: SentenceFacts, article: ArticleFacts) -> Reading | None:
    """Sentence step: drop a trigger told as planned, feared, predicted or denied (``modality``)."""
    return reading if is_realis(reading.trigger) else None


def classify_step(reading: Reading, sentence: SentenceFacts, article: ArticleFacts) -> Reading | None:
    """Sentence step: the ACLED type and sub-type of the trigger given its roles (``classify``)."""
    label = classify(reading.roles)
    return replace(reading, label=label) if label is not None else None


# What each token of a parsed sentence goes through, in order; a step returning None drops the token.
READING_STEPS: tuple[Step, ...] = (
    sense_step,  # what the word means here, if it is a trigger at all
    realis_step,  # told as having happened
    place_step,  # where
    roles_step,  # who did what to whom
    classify_step,  # which ACLED sub-type
)
# Steps that decide whether a classified report is today's news. A report they drop still lends its doer
# to the other triggers of its sentence and to "they" in the next.
NEWS_STEPS: tuple[Step, ...] = (
    date_step,  # when; not future, not history
    detect_step,  # a specific, real event: a violent sense, not a statistic, a list or old history
    filter_step,  # and likely so by the learned filter (when it is trained)
)
# Why a trigger was dropped by a step that answers None (the senses step drops words that are no trigger at
# all: those are no candidates).
STEP_REASONS = {realis_step: "not_realis", place_step: "not_coded", roles_step: "not_coded",
                classify_step: "not_coded"}  # fmt: skip
# Event types that harm people: a sentence's casualties go to a mention of these, and "a day after the attack"
# counts from the day of one.
HARMFUL_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
# Passes over all mentions, in order, once every sentence is read.
DISCOURSE_PASSES = (resolve_blasts, resolve_references, resolve_withdrawals, resolve_protest_episodes)


def extract_mentions(
    articles: list[ArticleContext], sentences: list[SentenceInput], batch_size: int = 128
) -> list[Mention]:
    """Every event mention in the given sentences (articles give the context)."""
    return extract(articles, sentences, batch_size)[0]


def extract(
    articles: list[ArticleContext], sentences: list[SentenceInput], batch_size: int = 128
) -> tuple[list[Mention], list[Candidate]]:
    """Every event mention in the given sentences, and every trigger word read with what became of it (the
    detection record). Sentences are read in the order given, which should be each article's order."""
    by_article = {a.article_id: a for a in articles}
    candidates = [s for s in sentences if might_report_event(s.text)]
    if not candidates:
        return [], []
    nlp = load_nlp()
    # The dateline ("KABANKALAN CITY, Negros Occidental — ") is no part of the sentence: parsed with it, its
    # city becomes the subject and the victims an apposition. Its place comes from the clean stage.
    tokenized = [(s, nlp.make_doc(DATELINE_RE.sub("", s.text, count=1))) for s in candidates]
    # A candidate without a word that can be a trigger yields no reading, candidate or doer: it is not parsed
    # (the parser is most of the stage's time). Its cues still count for the sentences after it.
    to_parse = [(s, doc) for s, doc in tokenized if might_hold_trigger(doc)]
    docs = nlp.pipe((doc for _, doc in to_parse), batch_size=batch_size)
    parsed = list(zip((s for s, _ in to_parse), docs, strict=True))
    facts = article_facts(by_article, sentences, tokenized)
    mentions: list[Mention] = []
    records: list[Candidate] = []
    doer_before: dict[str, Actor | None] = {}
    violence_before: dict[str, DateSpan] = {}
    story = StoryTime()
    for sent, doc in parsed:
        article = facts[sent.article_id]
        sentence = sentence_facts(
            sent,
            doc,
            article,
            doer_before.get(sent.article_id),
            violence_before.get(sent.article_id),
            story.in_the_past(article, sent.sentence_index),
        )
        found, doer, read = sentence_mentions(sentence, article)
        story.told(article, sent.sentence_index, found)
        if doer is not None:
            doer_before[sent.article_id] = doer
        for m in found:  # "a day after the attack" counts from the story's violent event: the first told
            first = sent.article_id not in violence_before
            if first and m.event_type in HARMFUL_TYPES and m.date_precision == "day" and not m.is_background:
                violence_before[sent.article_id] = DateSpan(m.date_start, m.date_end, "day")
        mentions.extend(found)
        records.extend(read)
    for discourse_pass in DISCOURSE_PASSES:
        mentions = discourse_pass(mentions, sentences)
    mentions = [with_inter_codes(m) for m in mentions]
    return mentions, link_candidates(records, mentions)


def sentence_mentions(
    sentence: SentenceFacts, article: ArticleFacts
) -> tuple[list[Mention], Actor | None, list[Candidate]]:
    """The mentions of one parsed sentence, who did its first event (None: nobody named), and what became
    of each of its trigger words."""
    readings: list[Reading] = []
    doers: list[Actor] = []  # who does something in this sentence, by any trigger
    fighting_crowds: list[Actor] = []  # crowds that fight or attack in this sentence
    records: list[Candidate] = []
    # The parse leaves the dateline out: offsets in the sentence start after it.
    offset = sentence.parse_offset
    for tok in sentence.doc:
        reading, refusal = _through(READING_STEPS, Reading(tok), sentence, article)
        if refusal is not None:
            if reading.family is not None:  # a trigger word (a word that is none is no candidate)
                records.append(_record(sentence, reading, refusal, offset))
            continue
        actor1 = reading.roles.actor1
        if actor1 is not None:
            doers.append(actor1)
            if actor1.category in ("civilians", "rioters") and reading.family in VIOLENT_FAMILIES:
                fighting_crowds.append(actor1)
        reading, refusal = _through(NEWS_STEPS, reading, sentence, article)
        if refusal is not None:
            records.append(_record(sentence, reading, refusal, offset))
            continue
        readings.append(reading)
    # A reading for each place its event is told at ("in Cluj, Sibiu and Iasi"), then one reading per place.
    spread = [r for reading in readings for r in conjoined_places(reading, sentence)]
    chosen = [with_sentence_doer(r, doers, fighting_crowds, article) for r in one_per_place(spread)]
    winners = {r.trigger.i for r in chosen}
    for reading in readings:
        decision = "event" if reading.trigger.i in winners else "merged"
        reason = "event" if decision == "event" else "same_place"
        records.append(_record(sentence, reading, Refusal(reason, reading.score or 0.0), offset, decision))
    mentions = []
    for i, reading in enumerate(chosen):
        label = reading.label
        violent = label[0] in HARMFUL_TYPES
        violent = violent or label[1] == "Excessive force against protesters"
        # Casualties are told once per sentence: they go to its first mention, if that one is violent (and
        # not when they are all told in the "when" clause of an older event the mention is not part of).
        clause = past_time_clause(reading.trigger)
        theirs = sentence.casualties.past_clause in (None, clause.i if clause is not None else None)
        mentions.append(to_mention(sentence.input, reading, article.published, violent and i == 0 and theirs))
    return mentions, doers[0] if doers else None, records


def _through(
    steps: tuple[Step, ...], reading: Reading, sentence: SentenceFacts, article: ArticleFacts
) -> tuple[Reading, Refusal | None]:
    """The reading after every step, or as far as it got and the refusal that stopped it."""
    for step in steps:
        result = step(reading, sentence, article)
        if result is None:
            return reading, Refusal(STEP_REASONS.get(step, "not_coded"))
        if isinstance(result, Refusal):
            return reading, result
        reading = result
    return reading, None


def _record(
    sentence: SentenceFacts, reading: Reading, refusal: Refusal, offset: int, decision: str = "not_event"
) -> Candidate:
    return Candidate(
        article_id=sentence.input.article_id,
        sentence_index=sentence.input.sentence_index,
        trigger=reading.trigger.text,
        trigger_start=offset + reading.trigger.idx,
        family=reading.family or "?",
        sub_event_type=reading.label[1] if reading.label else None,
        decision=decision,
        reason=refusal.reason,
        score=round(refusal.score, 3),
    )


def link_candidates(records: list[Candidate], mentions: list[Mention]) -> list[Candidate]:
    """Each kept or merged candidate points at the mention its sentence became at the same place (after the
    discourse passes, which may relabel a mention and so rename it)."""
    by_sentence: dict[tuple[str, int], list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault((m.article_id, m.sentence_index), []).append(m)
    linked = []
    for c in records:
        found = by_sentence.get((c.article_id, c.sentence_index), [])
        same = next((m for m in found if m.trigger == c.trigger), None)
        if c.decision != "not_event" and same is None and found:
            same = found[0]
        linked.append(
            replace(c, mention_id=same.mention_id) if same is not None and c.decision != "not_event" else c
        )
    return linked
