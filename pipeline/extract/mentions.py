"""Extract stage: event mentions from the sentences of clean articles.

One mention is one sentence-level report of one event: its ACLED type and sub-type, who acted on whom, where
(geocoded offline), when (resolved against the publication date, with a precision), how many were killed
and injured, a confidence, and provenance (article, sentence index, character span, sentence text).
Sentences that report nothing violent or political are skipped cheaply before spaCy sees them; the rest are
parsed in batches with ``nlp.pipe``. Hypothetical, planned, feared, denied and future statements yield no
mention. Guarantee: the output is a pure function of the article and its sentences (same input, same rows,
same mention ids), so reruns and rebuilds reproduce it exactly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from pipeline.config import EXTRACTOR_VERSION
from pipeline.extract.actors import Actor, find_named_group, named_groups_in, resolve_actor
from pipeline.extract.classify import TERRITORY_NOUNS, VIOLENT_FAMILIES, Roles, classify
from pipeline.extract.dates import DateSpan, resolve_date
from pipeline.extract.lexicon import CUES, TRIGGERS, WEAK_TRIGGERS
from pipeline.extract.modality import is_realis
from pipeline.extract.nlp import load_nlp
from pipeline.extract.numbers import count_casualties
from pipeline.extract.places import Place, gazetteer

# How far back an undated report may reach: news tells what happened in the last days.
UNDATED_WINDOW_DAYS = 6
# Older than this before publication and the mention is background, not news.
BACKGROUND_AFTER_DAYS = 7

PLACE_LABELS = ("GPE", "LOC", "FAC")
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "of", "around", "across", "on",
                         "from", "towards", "toward", "through", "to", "within"})  # fmt: skip
IRREGULAR_FORMS = ("took", "taken", "fell", "fallen", "fought", "shot", "slain", "slew", "died", "dead",
                   "death", "struck", "overran", "blew", "hit", "stormed", "held", "seized", "razed")  # fmt: skip


@dataclass(frozen=True)
class ArticleContext:
    """What the extractor knows about an article besides its sentences."""

    article_id: str
    published_at: dt.datetime | None
    dateline_place: str | None = None
    title: str | None = None
    body: str = ""


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


@dataclass
class _ArticleState:
    context: ArticleContext
    group: tuple[str, str] | None
    country: str | None
    dateline: Place | None
    recent_places: list[tuple[int, Place, str]] = field(default_factory=list)


@cache
def _prefilter() -> re.Pattern[str]:
    stems = set()
    for lemma in TRIGGERS:
        stem = lemma[:-1] if lemma.endswith("e") and len(lemma) > 4 else lemma
        stems.add(re.escape(stem))
    stems.update(IRREGULAR_FORMS)
    return re.compile(r"\b(" + "|".join(sorted(stems, key=len, reverse=True)) + r")", re.IGNORECASE)


def might_report_event(text: str) -> bool:
    """Cheap test that lets most sentences skip the parser."""
    return bool(_prefilter().search(text))


def extract_mentions(
    articles: list[ArticleContext], sentences: list[SentenceInput], batch_size: int = 128
) -> list[Mention]:
    """Every event mention in the given sentences (articles give the context)."""
    by_article = {a.article_id: a for a in articles}
    candidates = [s for s in sentences if might_report_event(s.text)]
    if not candidates:
        return []
    nlp = load_nlp()
    docs = list(nlp.pipe((s.text for s in candidates), batch_size=batch_size))
    states = _article_states(by_article, candidates, docs)
    mentions: list[Mention] = []
    for sent, doc in zip(candidates, docs, strict=True):
        state = states[sent.article_id]
        mentions.extend(_sentence_mentions(sent, doc, state))
    return mentions


def _article_states(
    by_article: dict[str, ArticleContext], sentences: list[SentenceInput], docs: list[Doc]
) -> dict[str, _ArticleState]:
    """Per article: its main armed group, its country and its dateline place."""
    gaz = gazetteer()
    countries: dict[str, Counter] = {}
    for sent, doc in zip(sentences, docs, strict=True):
        counter = countries.setdefault(sent.article_id, Counter())
        for ent in doc.ents:
            if ent.label_ == "GPE":
                place = gaz.lookup(ent.text)
                if place is not None and place.country_code:
                    counter[place.country_code] += 1
    states = {}
    for article_id, ctx in by_article.items():
        counter = countries.get(article_id, Counter())
        dateline = gaz.lookup(ctx.dateline_place) if ctx.dateline_place else None
        if dateline is not None and dateline.country_code:
            counter[dateline.country_code] += 2
        country = counter.most_common(1)[0][0] if counter else None
        if dateline is not None and country and dateline.country_code != country:
            dateline = gaz.lookup(ctx.dateline_place, country_hint=country)
        groups = Counter(named_groups_in(f"{ctx.title or ''}\n{ctx.body}"))
        group = None
        if groups:
            name = groups.most_common(1)[0][0]
            group = next(g for g in _all_groups() if g[0] == name)
        states[article_id] = _ArticleState(ctx, group, country, dateline)
    return states


@cache
def _all_groups() -> tuple[tuple[str, str], ...]:
    from pipeline.extract.lexicon import NAMED_GROUPS

    return tuple(set(NAMED_GROUPS.values()))


def _sentence_mentions(sent: SentenceInput, doc: Doc, state: _ArticleState) -> list[Mention]:
    span = doc[:]
    lower = doc.text.lower()
    cues = frozenset(name for name, rx in CUES.items() if rx.search(doc.text))
    casualties = count_casualties(span)
    published = state.context.published_at.date() if state.context.published_at else None
    found: dict[str, tuple[Token, tuple[str, str], Roles, Place | None, str, DateSpan | None]] = {}
    for tok in doc:
        family = _family(tok, cues, lower)
        if family is None or not is_realis(tok):
            continue
        place, precision = _place_for(tok, doc, state)
        country = place.country_code if place else state.country
        agent, patient = _roles(tok)
        actor1 = resolve_actor(agent, country, state.group)
        actor2 = resolve_actor(patient, country, state.group)
        if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
            actor2 = None
        obj = _object_head(tok)
        roles = Roles(
            family=family,
            lemma=tok.lemma_.lower(),
            actor1=actor1,
            actor2=actor2,
            object_lemma=obj.lemma_.lower() if obj is not None else None,
            object_is_place=obj is not None and (obj.ent_type_ in PLACE_LABELS or _is_place_token(obj)),
            cues=cues,
            fatalities=casualties.fatalities,
            injured=casualties.injured,
            sentence_lower=lower,
        )
        label = classify(roles)
        if label is None:
            continue
        when = _date_for(tok, doc, published)
        if when is not None and published is not None and when.start > published:
            continue  # told as future
        key = place.name if place else "?"
        previous = found.get(key)
        if previous is None or _priority(label, tok) > _priority(previous[1], previous[0]):
            found[key] = (tok, label, roles, place, precision, when)
    if any(p is not None for *_, p, _, _ in found.values()):
        found.pop("?", None)
    mentions = []
    for i, (key, (tok, label, roles, place, precision, when)) in enumerate(sorted(found.items())):
        if place is not None:
            state.recent_places.append((sent.sentence_index, place, precision))
        violent = label[0] in ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
        violent = violent or label[1] == "Excessive force against protesters"
        mentions.append(
            _mention(sent, tok, label, roles, place, precision, when, published, violent and i == 0)
        )
    return mentions


def _family(tok: Token, cues: frozenset[str], lower: str) -> str | None:
    lemma = tok.lemma_.lower()
    family = TRIGGERS.get(lemma) or TRIGGERS.get(tok.lower_)
    if family is None or tok.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN"):
        return None
    if tok.ent_type_ in ("ORG", "PERSON", "GPE") and tok.pos_ == "PROPN":
        return None
    if lemma == "strike":
        if cues & {"air", "shelling"} or "drone" in lower:
            return "airstrike"
        if tok.pos_ == "NOUN" and re.search(r"\b(workers?|unions?|general|hunger|labou?r|teachers?)\b", lower):
            return "protest"
        return "attack"
    if lemma in ("take", "fall") and not _territorial_use(tok):
        return None
    if lemma == "march" and "protest" not in lower and not _has_subject(tok, ("protesters", "demonstrators")):
        return None
    if lemma in ("bomb", "bombing") and "air" in cues:
        return "airstrike"
    if lemma in ("burn", "torch") and tok.pos_ == "VERB" and not _has_object(tok):
        return None
    if lemma in WEAK_TRIGGERS and tok.pos_ == "NOUN" and family not in VIOLENT_FAMILIES:
        return None
    if lemma in ("dead", "death") and not re.search(r"\d|dozens|scores|hundreds|toll", lower):
        return None
    if lemma == "shoot" and tok.pos_ == "NOUN":
        return None
    if lemma in ("fight", "battle") and tok.pos_ == "NOUN" and tok.dep_ in ("compound", "amod"):
        return None
    return family


def _territorial_use(tok: Token) -> bool:
    if tok.lemma_.lower() == "fall":
        return any(c.lower_ == "to" or c.lower_ == "into" for c in tok.children) or any(
            _is_place_token(c) for c in tok.children if c.dep_ == "nsubj"
        )
    particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if "over" in particles or any(c.lemma_ == "control" for c in objects):
        return True
    return any(_is_place_token(o) for o in objects)


def _has_subject(tok: Token, words: tuple[str, ...]) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in words for c in tok.children)


def _has_object(tok: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)


def _is_place_token(tok: Token) -> bool:
    return tok.ent_type_ in PLACE_LABELS or tok.lemma_.lower() in TERRITORY_NOUNS


def _priority(label: tuple[str, str], tok: Token) -> int:
    order = {
        "Explosions/Remote violence": 6,
        "Battles": 5,
        "Violence against civilians": 4,
        "Riots": 3,
        "Protests": 3,
        "Strategic developments": 1,
    }
    score = order[label[0]] * 10
    if label[1] in ("Armed clash", "Attack"):
        score -= 3  # defaults: a more specific sub-type in the same sentence wins
    if tok.lemma_.lower() in WEAK_TRIGGERS:
        score -= 1
    return score


# --- roles -------------------------------------------------------------------------------------------------


def _roles(tok: Token) -> tuple[Token | None, Token | None]:
    """(agent, patient) heads of a trigger, following passives, participles and noun triggers."""
    agent = patient = None
    for child in tok.children:
        if child.dep_ == "nsubj":
            agent = child
        elif child.dep_ == "nsubjpass":
            patient = child
        elif child.dep_ == "dobj":
            patient = patient or child
        elif child.dep_ == "agent":
            agent = next((g for g in child.children if g.dep_ == "pobj"), agent)
        elif child.dep_ == "prep" and child.lower_ in ("on", "against") and tok.pos_ == "NOUN":
            patient = patient or next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ == "prep" and child.lower_ == "by" and tok.pos_ == "NOUN":
            agent = agent or next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ in ("poss", "compound") and tok.pos_ == "NOUN":
            agent = agent or child
        elif child.dep_ == "prep" and child.lower_ == "with" and tok.lemma_ in ("clash", "fight", "battle"):
            patient = patient or next((g for g in child.children if g.dep_ == "pobj"), None)
    # "..., killing 12 people": the participle's agent is the main verb's subject.
    if agent is None and tok.dep_ in ("advcl", "xcomp", "conj", "acl") and tok.head.pos_ == "VERB":
        agent = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    # "an attack by militants on a convoy" parsed with the trigger as object of a light verb
    if agent is None and tok.dep_ in ("dobj",) and tok.head.lemma_ in ("launch", "carry", "stage", "conduct"):
        agent = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    agent = _content_head(agent)
    patient = _content_head(patient)
    return agent, patient


def _content_head(tok: Token | None) -> Token | None:
    """Skip pronouns and quantity words to the noun they stand for ("dozens of civilians")."""
    if tok is None:
        return None
    if tok.pos_ in ("NUM",) or tok.lemma_.lower() in ("dozen", "dozens", "hundreds", "scores", "number"):
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            return next((g for g in of.children if g.dep_ == "pobj"), tok)
    if tok.pos_ == "PRON":
        return None
    return tok


def _object_head(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    if tok.lemma_.lower() == "fall":
        return next((c for c in tok.children if c.dep_ == "nsubj"), None)
    for child in tok.children:  # "took over Mosul" parsed with a prepositional object
        if child.dep_ == "prep" and child.lower_ in ("over", "of"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


# --- places ------------------------------------------------------------------------------------------------


def _place_for(tok: Token, doc: Doc, state: _ArticleState) -> tuple[Place | None, str]:
    """The place the trigger's event happened at, and how precise it is."""
    gaz = gazetteer()
    best: tuple[float, Place, str] | None = None
    actor_tokens = _actor_tokens(tok)
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS or ent.root.i in actor_tokens:
            continue
        name = _strip_place_words(ent.text)
        place = gaz.lookup(name, country_hint=state.country)
        if place is None:
            continue
        distance = _tree_distance(tok, ent.root)
        if place.kind == "country":
            distance += 4
        elif place.kind == "admin1":
            distance += 2
        precision = {"city": "place", "admin1": "admin1", "country": "country"}[place.kind]
        if precision == "place" and _is_near(ent):
            precision = "near_place"
        if best is None or distance < best[0]:
            best = (distance, place, precision)
    if best is not None:
        return best[1], best[2]
    # Context: a place named in the last two sentences, else the dateline, else the article's country.
    recent = [r for r in state.recent_places if r[2] in ("place", "near_place")]
    if recent:
        return recent[-1][1], recent[-1][2]
    if state.dateline is not None:
        return state.dateline, "place" if state.dateline.kind == "city" else state.dateline.kind
    if state.country:
        country = gaz.country(state.country)
        if country is not None:
            return country, "country"
    return None, "unknown"


def _actor_tokens(tok: Token) -> set[int]:
    """Tokens inside named actor phrases ("Islamic State in Iraq"), which are not places."""
    out: set[int] = set()
    for ent in tok.doc.ents:
        if ent.label_ in ("ORG", "NORP") and find_named_group(ent.text):
            out.update(range(ent.start, ent.end))
    return out


def _strip_place_words(name: str) -> str:
    name = re.sub(r"^(the|northern|southern|eastern|western|central)\s+", "", name, flags=re.IGNORECASE)
    return name.strip(" .,'’")


def _is_near(ent: Span) -> bool:
    head = ent.root.head
    return head.lower_ in ("near", "outside", "around") or (
        head.lower_ == "of" and head.head.lower_ in ("north", "south", "east", "west", "outskirts")
    )


def _tree_distance(a: Token, b: Token) -> float:
    ancestors_a = {t.i: d for d, t in enumerate([a, *a.ancestors])}
    for d, t in enumerate([b, *b.ancestors]):
        if t.i in ancestors_a:
            return ancestors_a[t.i] + d + abs(a.i - b.i) / 100
    return 50 + abs(a.i - b.i) / 100


# --- dates -------------------------------------------------------------------------------------------------


def _date_for(tok: Token, doc: Doc, published: dt.date | None) -> DateSpan | None:
    """The date the trigger's event happened, from the DATE entity closest to it in the parse."""
    options = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        span = resolve_date(ent.text, published)
        if span is not None:
            options.append((_tree_distance(tok, ent.root), span))
    if options:
        return min(options, key=lambda o: o[0])[1]
    return None


# --- assembly ----------------------------------------------------------------------------------------------


def _mention(
    sent: SentenceInput,
    tok: Token,
    label: tuple[str, str],
    roles: Roles,
    place: Place | None,
    precision: str,
    when: DateSpan | None,
    published: dt.date | None,
    gets_casualties: bool,
) -> Mention:
    if when is not None:
        start, end, date_precision = when.start, when.end, when.precision
        event_date = start
    elif published is not None:
        start, end, date_precision = published - dt.timedelta(days=UNDATED_WINDOW_DAYS), published, "week"
        event_date = published - dt.timedelta(days=1)
    else:
        start = end = event_date = None
        date_precision = "unknown"
    background = bool(published and end and (published - end).days > BACKGROUND_AFTER_DAYS)
    confidence = 0.35
    confidence += 0.15 if tok.lemma_.lower() not in WEAK_TRIGGERS else 0.0
    confidence += 0.15 if roles.actor1 is not None else 0.0
    confidence += 0.05 if roles.actor2 is not None else 0.0
    confidence += {"place": 0.15, "near_place": 0.12, "admin1": 0.08, "country": 0.03}.get(precision, 0.0)
    confidence += 0.1 if when is not None else 0.0
    confidence -= 0.1 if '"' in sent.text or "“" in sent.text else 0.0
    key = f"{sent.article_id}|{sent.sentence_index}|{place.name if place else ''}|{label[1]}"
    return Mention(
        mention_id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:24],
        article_id=sent.article_id,
        sentence_index=sent.sentence_index,
        char_start=sent.char_start,
        char_end=sent.char_end,
        sentence=sent.text,
        trigger=tok.text,
        event_type=label[0],
        sub_event_type=label[1],
        actor1=_name(roles.actor1),
        actor2=_name(roles.actor2),
        location=place.name if place else None,
        admin1=place.admin1 if place else None,
        country_code=place.country_code if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=precision if place else "unknown",
        geonameid=place.geonameid if place else None,
        event_date=event_date,
        date_start=start,
        date_end=end,
        date_precision=date_precision,
        is_background=background,
        fatalities=roles.fatalities if gets_casualties else None,
        injured=roles.injured if gets_casualties else None,
        confidence=round(max(0.05, min(confidence, 0.99)), 3),
    )


def _name(actor: Actor | None) -> str | None:
    return actor.name if actor else None
