"""Facts of an article and of its parsed sentences, decided once before any trigger is read: the article's
main armed group, its country and dateline place, the places each sentence names, the weapon cues of each
candidate sentence (parsed or not); per sentence, its cues (with those "these strikes" refers back to),
casualties and places.

Reads the articles, their sentences and the parsed docs; decides frozen ``ArticleFacts`` and
``SentenceFacts`` that the sentence steps read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import cache
from types import MappingProxyType

from spacy.tokens import Doc, Token

from pipeline.extract.actors import Actor, group_table, named_groups_in
from pipeline.extract.dates import DateSpan
from pipeline.extract.discourse import cues_referred_to, protest_told_before
from pipeline.extract.geo.country import article_country, demonym_codes
from pipeline.extract.geo.event_place import sentence_places
from pipeline.extract.geo.gazetteer import Place, gazetteer
from pipeline.extract.geo.scan import scan_places
from pipeline.extract.geo.words import countries_tied
from pipeline.extract.lexicon import CUES
from pipeline.extract.model import ArticleContext, ArticleFacts, SentenceFacts, SentenceInput
from pipeline.extract.numbers import count_casualties
from pipeline.extract.syntax import DATELINE_RE, antecedent_head, doc_text


def sentence_cues(text: str) -> frozenset[str]:
    """The names of the ``lexicon.CUES`` a text matches (weapons, accidents, ...)."""
    return frozenset(name for name, rx in CUES.items() if rx.search(text))


# Crowd and fighting events: their kind is what the crowd or the sides did, never the weapon of the event that
# led to them. A death or an attack told "after" a bombing is that bombing's toll or the bombing itself ("nine
# mourners died after two suicide bombers blew themselves up"): those families keep every cue.
OWN_KIND_FAMILIES = frozenset(
    {"protest", "disperse", "riot", "pelt", "block", "throw", "disrupt", "clash", "arrest"}
)
# The cues that name another kind of event than a crowd's or a fight's: remote violence and sexual violence.
# What forces did to a crowd (tear gas, gunfire) is told "after ..." of the same protest as often as not
# ("protesters threw stones after police fired tear gas"), so those cues stay.
OTHER_EVENT_CUES = frozenset({"chemical", "suicide", "air", "shelling", "ied", "grenade", "sexual"})


def trigger_cues(tok: Token, doc: Doc, cues: frozenset[str], family: str) -> frozenset[str]:
    """The sentence's cues that can tell what kind of event the trigger's is. For a crowd or fighting event
    (``OWN_KIND_FAMILIES``), less the weapon and sexual-violence cues (``OTHER_EVENT_CUES``) whose every
    word in the sentence lies in an "after ...", "following ..." or "despite ..." part that does not hold the
    trigger (``syntax.antecedent_head``): that part tells the event that led to the news. In "protesters
    clashed with police after a suicide bomber killed 20" the clash is no suicide bombing. Cues of earlier
    sentences (which have no word here) stay."""
    if family not in OWN_KIND_FAMILIES:
        return cues
    text = doc_text(doc)
    elsewhere = set()
    for name in cues & OTHER_EVENT_CUES:
        heads = [antecedent_head(t) for t in _matched_tokens(doc, CUES[name].finditer(text))]
        if heads and all(h is not None and h.i != tok.i and not h.is_ancestor(tok) for h in heads):
            elsewhere.add(name)
    return cues - elsewhere


def _matched_tokens(doc: Doc, matches: Iterator[re.Match]) -> list[Token]:
    """The token each match starts in."""
    spans = (doc.char_span(m.start(), m.start() + 1, alignment_mode="expand") for m in matches)
    return [span[0] for span in spans if span]


def article_facts(
    by_article: dict[str, ArticleContext],
    sentences: list[SentenceInput],
    candidates: list[tuple[SentenceInput, Doc]],
) -> dict[str, ArticleFacts]:
    """Per article: its main armed group, its country, its dateline place, the towns each of its sentences
    names (parsed or not) and the cues of each candidate sentence (``candidates``: the prefilter's, with
    their text as parsed, tokenized or parsed)."""
    found: dict[str, tuple[tuple[str, str] | None, str | None, Place | None]] = {}
    named: dict[str, frozenset[str]] = {}
    tied: dict[str, Mapping[str, str]] = {}
    for article_id, ctx in by_article.items():
        text = f"{ctx.title or ''}\n{ctx.body}"
        tied[article_id] = MappingProxyType(countries_tied(text))
        groups = Counter(named_groups_in(text))
        country, dateline = article_country(text, groups, ctx.dateline_place, ctx.outlet)
        group = None
        if groups:
            name = groups.most_common(1)[0][0]
            group = next(g for g in _all_groups() if g[0] == name)
        found[article_id] = (group, country, dateline)
        named[article_id] = frozenset(demonym_codes(text))
    texts: dict[str, dict[int, str]] = {article_id: {} for article_id in by_article}
    for s in sentences:
        texts[s.article_id][s.sentence_index] = s.text
    cues: dict[str, dict[int, frozenset[str]]] = {article_id: {} for article_id in by_article}
    persons = {article_id: titled_surnames(ctx.body) for article_id, ctx in by_article.items()}
    for s, doc in candidates:
        cues[s.article_id][s.sentence_index] = sentence_cues(doc_text(doc))
        persons[s.article_id].update(surnames(doc))
    return {
        article_id: ArticleFacts(
            context=ctx,
            group=found[article_id][0],
            country=found[article_id][1],
            dateline=found[article_id][2],
            places_by_sentence=SentencePlaces(
                texts[article_id],
                found[article_id][1],
                named[article_id],
                frozenset(persons[article_id]),
                tied[article_id],
            ),
            persons=frozenset(persons[article_id]),
            texts=MappingProxyType(texts[article_id]),
            cues_by_sentence=MappingProxyType(cues[article_id]),
            countries_named=named[article_id],
            places_tied=tied[article_id],
        )
        for article_id, ctx in by_article.items()
    }


def surnames(doc: Doc) -> set[str]:
    """The last names of the persons spaCy found in a parsed sentence ("Rosie O'Donnell" -> "o'donnell",
    also past a nickname in quotes that splits the name in two: 'William "Ryan" Owens' -> "owens"), unless
    the whole name is a place the small model took for a person ("Tal Afar")."""
    if not doc.has_annotation("ENT_IOB"):
        return set()
    names = set()
    before = None  # the person entity just before, for a nickname in quotes: William "Ryan" Owens
    for ent in doc.ents:
        words = [t for t in ent if t.text not in ("'s", "’s")]
        whole = ent
        if before is not None and all(t.is_quote for t in doc[before.end : ent.start]):
            whole = doc[before.start : ent.end]
        before = ent if ent.label_ == "PERSON" else None
        if ent.label_ != "PERSON" or gazetteer().lookup(whole.text) is not None:
            continue
        if len(words) >= 2 or whole is not ent:
            names.add(words[-1].text.lower())
    return names | _full_names(doc)


_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})

# A title before a name says the name is a person's ("Rep. Scott Taylor", "Gen. Ali Hamed"), in any sentence
# of the article, parsed or not.
_TITLED = re.compile(
    r"\b(?:Rep|Sen|Gov|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Pte|Pvt|Mr|Mrs|Ms|Dr|Prof|Rev|President|Senator|"
    r"Congressman|Congresswoman|Representative|Governor|Mayor|Minister|Judge|Imam|Sheikh)\.?"
    r"((?:\s+(?:[A-Z]\.|[A-Z][^\W\d_]+)){0,2}\s+[A-Z][^\W\d_]+(?:['’-][A-Z]?[^\W\d_]+)?)\b"
)


def titled_surnames(text: str) -> set[str]:
    """The last names of the persons a title names in a text ("Rep. Scott Taylor" -> "taylor", "Mr. Smith"
    -> "smith", though towns bear both names), unless the name is a country's ("President Kennedy" is a
    person, "Minister Georgia" is no English)."""
    names = set()
    for m in _TITLED.finditer(text):
        name = m.group(1).strip()
        if gazetteer().country(name) is None:
            names.add(name.split()[-1].lower())
    return names


def _full_names(doc: Doc) -> set[str]:
    """The last word of three or more capitalised proper nouns in a row that name no place, however the
    small model split them ("Mevlut Mert Altintas", of which it tags only "Altintas", as an organisation)."""
    names = set()
    run: list = []
    for tok in [*doc, None]:
        if tok is not None and tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha:
            run.append(tok)
            continue
        if len(run) >= 3 and not any(t.ent_type_ in _PLACE_ENTITIES for t in run):
            if gazetteer().lookup(" ".join(t.text for t in run)) is None:
                names.add(run[-1].text.lower())
        run = []
    return names


class SentencePlaces(Mapping):
    """Sentence index -> the towns and regions its text names (``scan_places``, the dateline cut off), for
    every sentence of an article, parsed or not. Scanned when first asked for: the place step looks only
    at the few sentences around a trigger it could not place from its own sentence, so most sentences of
    most articles are never scanned. The answers are those of scanning every sentence up front. A name the
    article gives a person elsewhere ("Rosie O'Donnell", then "O'Donnell said") is no place (``persons``:
    last names, lower case). A name the article ties to a country ("Iraq's Sinjar region") is looked up in
    that country (``tied``)."""

    def __init__(
        self,
        texts: dict[int, str],
        country: str | None,
        abroad: frozenset[str],
        persons: frozenset[str],
        tied: Mapping[str, str] = MappingProxyType({}),
    ) -> None:
        self._texts, self._country, self._abroad, self._persons = texts, country, abroad, persons
        self._tied = tied
        self._scanned: dict[int, tuple[Place, ...]] = {}

    def __getitem__(self, index: int) -> tuple[Place, ...]:
        if index not in self._scanned:
            text = self._texts[index]  # KeyError: no such sentence
            text = text[dateline.end() :] if (dateline := DATELINE_RE.match(text)) else text
            self._scanned[index] = tuple(
                scan_places(text, self._country, abroad=self._abroad, persons=self._persons, tied=self._tied)
            )
        if not self._scanned[index]:
            raise KeyError(index)  # a sentence that names no place is no key, as before
        return self._scanned[index]

    def __iter__(self) -> Iterator[int]:
        return (i for i in self._texts if i in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, index: object) -> bool:
        try:
            self[index]  # type: ignore[index]
        except KeyError:
            return False
        return True


def sentence_facts(
    sent: SentenceInput,
    doc: Doc,
    article: ArticleFacts,
    doer_before: Actor | None,
    violence_before: DateSpan | None = None,
    story_in_the_past: bool = False,
) -> SentenceFacts:
    """What one parsed sentence says before its triggers are read; ``doer_before`` is who did the last event
    told in the article's sentences before it (for "they")."""
    lower = doc_text(doc).lower()
    cues = sentence_cues(doc_text(doc))
    cues = cues | cues_referred_to(lower, cues, sent.sentence_index, article.cues_by_sentence)
    cues = cues | protest_told_before(sent.sentence_index, article.cues_by_sentence)
    places, not_here = sentence_places(
        doc, article.country, article.countries_named, article.persons, article.places_tied
    )
    return SentenceFacts(
        input=sent,
        doc=doc,
        lower=lower,
        cues=cues,
        casualties=count_casualties(doc[:]),
        places=places,
        not_here=not_here,
        doer_before=doer_before,
        violence_before=violence_before,
        story_in_the_past=story_in_the_past,
    )


@cache
def _all_groups() -> tuple[tuple[str, str], ...]:
    return tuple(set(group_table().values()))
