"""The place of an event: which of the places a sentence names its trigger's event happened at, or, when it
names none, the town, district or region named in the sentences around it, the dateline or the country.

Reads the parsed sentence, the places it names (``sentence_places``) and the article's facts; decides a
``Place`` and its precision (place, near_place, admin2, admin1, country, unknown; a geoBoundaries
sub-district, kind ``admin3``, is ``admin2``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from pipeline.extract.actors import SPONSOR_PARTICIPLES, find_named_group
from pipeline.extract.geo.containers import contained_place, containers_end, lies_inside
from pipeline.extract.geo.gazetteer import Place, gazetteer
from pipeline.extract.geo.scan import scan_places
from pipeline.extract.geo.words import (
    country_named_with,
    country_of_named_places,
    names_no_place,
    strip_place_words,
    town_of_site,
)
from pipeline.extract.lexicon import TRIGGERS
from pipeline.extract.lexicon_loader import lexicon
from pipeline.extract.model import ArticleFacts, Reading, SentenceFacts
from pipeline.extract.settings import (
    CONTEXT_WINDOW,
    DETECT_LEAD_SENTENCES,
    FOREIGN_PLACE_PENALTY,
    KIND_PENALTY,
    REFERENCE_POINT_PENALTY,
    TOWN_BEFORE_REGION,
    TOWN_OVER_REGION_DISTANCE,
)
from pipeline.extract.syntax import DATELINE_RE, PLACE_LABELS, doc_text, past_time_clause, tree_distance

_LEXICON = lexicon()  # the word sets below are data/word_sets.csv, each with why it exists


def place_step(reading: Reading, sentence: SentenceFacts, article: ArticleFacts) -> Reading:
    """Sentence step: where the trigger's event happened."""
    place, precision, evidence = place_of_event(reading.trigger, sentence, article)
    return replace(reading, place=place, precision=precision, place_evidence=evidence)


def sentence_places(
    doc: Doc,
    country: str | None,
    abroad: frozenset[str] = frozenset(),
    known_persons: frozenset[str] = frozenset(),
    tied: Mapping[str, str] = MappingProxyType({}),
) -> tuple[tuple[tuple[Span, Place], ...], frozenset[str]]:
    """Places named in a sentence: spaCy's place entities, plus capitalized names the gazetteer knows that
    the small model did not tag (it misses many towns). Datelines and adjectival uses are left out. Also
    the names of places that are no event's place: where someone spoke ("Speaking from Seoul"), capitals
    that stand for their government ("Beijing warned", "deals with Moscow"), where someone is based, where a
    journey goes ("a visit to Turkey") and where a group of people is from ("Leipzig fans"). ``abroad``:
    other countries the article names, whose large cities the text may call places (``scan_places``);
    ``known_persons``: last names the article gives persons (lower case), no places wherever they stand
    ("Owens' death"); ``tied``: names the article ties to a country ("Iraq's Sinjar region", lower case ->
    country code), looked up in that country in every sentence."""
    gaz = gazetteer()
    text = doc_text(doc)
    dateline = DATELINE_RE.match(text)
    start = dateline.end() if dateline else 0
    out: list[tuple[Span, Place]] = []
    not_here: set[str] = _people_from(doc, country)
    taken: set[int] = set()
    containers: list[tuple[int, int]] = []  # "X village (Ballia, UP)": where the text says where X lies
    for ent in doc.ents:
        site = _site_where(ent, country) if ent.label_ == "ORG" and ent.start_char >= start else None
        if site is not None:
            # "at the Kuala Lumpur International Airport": the small model calls a site an organisation
            out.append((ent, site))
            taken.update(range(ent.start, ent.end))
            continue
        if ent.label_ not in PLACE_LABELS or ent.start_char < start or _modifies_noun(ent, sites=True):
            continue  # "U.S. officials", "Iraqi forces": who, not where
        if _sponsor(text, ent.end_char):
            continue  # "Russia-backed rebels", "US-led jets": who backs or leads them, not where
        if not any(t.text[:1].isupper() for t in ent):
            continue  # "near the metro station": a common noun the small model tagged, no proper name
        if _said_elsewhere(ent):
            taken.update(range(ent.start, ent.end))
            place = gaz.lookup(strip_place_words(ent.text), country_hint=country)
            not_here.add(place.name if place else ent.text)
            continue
        if find_named_group(ent.text):
            continue
        name = strip_place_words(ent.text)
        where = country_named_with(text, ent.start_char, ent.end_char) or tied.get(name.lower()) or country
        place = gaz.lookup(name, country_hint=where) if not names_no_place(name) else None
        place = place or town_of_site(name, where)
        if place is not None and place.kind == "country" and (_names_a_site(ent) or _names_an_event(ent)):
            continue  # "a US base in Syria", "US strikes": who, not where
        if place is not None:
            place = contained_place(text, ent.end_char, name, place, where)
            out.append((ent, place))
            taken.update(range(ent.start, ent.end))
            if place.kind in _CONTAINED:
                containers.append((ent.end_char, containers_end(text, ent.end_char)))
    # "President Donald Trump": no town called Donald. Only a part of a person's name: the small model calls
    # some towns persons ("Tal Afar"), and a whole name may still be a place.
    persons = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
    scanned = scan_places(
        text[start:], country, with_offsets=True, abroad=abroad, persons=known_persons, tied=tied
    )
    for found in scanned:
        m_start, m_end, place = found
        span = doc.char_span(start + m_start, start + m_end, alignment_mode="expand")
        if span is None or taken & set(range(span.start, span.end)) or _modifies_noun(span):
            continue
        if _sponsor(text, span.end_char):
            continue
        if _describes_someone(span) or _destination(span):  # "the monitor, based in Britain"
            not_here.add(place.name)
            continue
        if place.kind == "country" and _names_an_event(span):
            continue
        if any(a <= span.start and span.end <= b and (a, b) != (span.start, span.end) for a, b in persons):
            continue
        out.append((span, place))
        taken.update(range(span.start, span.end))
        if place.kind in _CONTAINED:
            containers.append((span.end_char, containers_end(text, span.end_char)))
    # The district or region that says where a named place lies is not where the event happened.
    places = tuple(
        (span, place) for span, place in out if not any(a < span.start_char < b for a, b in containers)
    )
    return places, frozenset(not_here)


def conjoined_places(reading: Reading, sentence: SentenceFacts) -> list[Reading]:
    """The reading, and one more for each place the sentence joins to its place ("rallies were held in Cluj,
    Sibiu and Iasi", "strikes in Abyan and Shabwah"): ACLED codes an event per place. Not for a span between
    two places ("fighting between A and B", "a convoy from A to B") nor across countries."""
    if reading.place is None or reading.precision == "country":
        return [reading]
    here = reading.place
    same = (here.name, here.country_code)
    span = next((s for s, p in sentence.places if (p.name, p.country_code) == same), None)
    if span is None or span.root.head.lower_ in ("between", "from", "to"):
        return [reading]
    joined = {t.i for t in span.root.conjuncts}
    extra = [
        replace(reading, place=p, precision=precision_of(p), place_evidence="sentence")
        for s, p in sentence.places
        if s.root.i in joined and p.kind != "country" and p.country_code == here.country_code
        and p.name != here.name
    ]  # fmt: skip
    return [reading, *extra]


# About the length of an article's lead (its first sentences), where a wire report says where its news
# happened.
LEAD_CHARS = 600
# Places a text may say the container of ("X village of Y district"); a region's "Anbar town of Rutba" is not.
_CONTAINED = frozenset({"city", "admin3", "admin2"})


def precision_of(place: Place) -> str:
    """How precise a place is, in ``geo_precision``'s words: a town is a ``place``; a sub-district
    (geoBoundaries' ``admin3``) is placed at its centre like a district, so ACLED's precision 2, ``admin2``;
    other kinds are their own precision."""
    return {"city": "place", "admin3": "admin2"}.get(place.kind, place.kind)


def place_of_event(
    tok: Token, sentence: SentenceFacts, article: ArticleFacts
) -> tuple[Place | None, str, str]:
    """The place the trigger's event happened at, how precise it is, and why it was chosen (a key of
    ``pipeline.vocabulary.GEO_EVIDENCE``)."""
    gaz = gazetteer()
    best: tuple[float, Place, str] | None = None
    own_clause = past_time_clause(tok)
    elsewhere = set(sentence.not_here)
    others = _other_events_joined(tok)
    if others and not any(tok.i < span.start < others[0].i for span, _ in sentence.places):
        others = []  # "killings, rapes and lootings in X": one place told for them all
    for span, place in sentence.places:
        if any(o.i < span.start for o in others):
            continue  # "marches in Arad, and a counter-rally in Cluj": the other one's
        if past_time_clause(span.root) not in (None, own_clause):
            # "Thursday's attack was the deadliest since 2014, when fighters stormed a school in Peshawar":
            # the place of that older event, not of this one
            elsewhere.add(place.name)
            continue
        distance = tree_distance(tok, span.root)
        if _fired_from(span):
            # "shelled Kalinovka from Luganskoye": where the fire came from, not where it landed
            distance += REFERENCE_POINT_PENALTY
        if _is_reference_point(span) or _contains_the_place_named(span, sentence.places):
            # "in Baquba, northeast of Baghdad", "the Paris suburb of Aulnay-sous-Bois": Baghdad and Paris
            # only tell where Baquba and Aulnay-sous-Bois are
            distance += REFERENCE_POINT_PENALTY
        tied = article.places_tied.get(strip_place_words(span.text).lower())
        if article.country and place.country_code not in (article.country, _named_country(span), tied):
            distance += FOREIGN_PLACE_PENALTY
        if place.kind in KIND_PENALTY:
            distance += KIND_PENALTY[place.kind]
        precision = precision_of(place)
        if precision == "place" and _is_near(span):
            precision = "near_place"
        if best is None or distance < best[0]:
            best = (distance, place, precision)
    here = sentence.index
    if best is not None:
        if best[1].kind not in ("city", "country"):
            # "Then there's Qaim. ISIS captured the city ... in Anbar province": the town just named is
            # more precise than the region it lies in. (Not than a country: "a ceasefire in Syria", "clashes
            # across Iraq" are told of the whole country.)
            for offset in TOWN_BEFORE_REGION:
                for nearby in article.places_by_sentence.get(here + offset, ()):
                    if best[1].kind == "admin1":
                        inside = nearby.admin1 == best[1].name
                    else:
                        inside = lies_inside(nearby, best[1])
                    if inside and best[0] >= TOWN_OVER_REGION_DISTANCE and nearby.kind == "city":
                        return nearby, "place", "town_nearby"
        return best[1], best[2], "sentence"
    # Context: a name of the sentence the parse did not take for the event's place ("Paris' metro station",
    # "the Rutshuru territory"), unless it says whom a group of people is from ("Leipzig fans"); else a town
    # named just before (or, failing that, just after), else the dateline, else the country. The specific
    # place comes before its region; a region beats the dateline and the country.
    for kind in ("city", "admin3", "admin2", "admin1"):
        for offset in (0, *CONTEXT_WINDOW):
            nearby = [
                p
                for p in article.places_by_sentence.get(here + offset, ())
                if p.kind == kind and not (offset == 0 and p.name in elsewhere)
            ]
            if nearby:
                return nearby[0], precision_of(nearby[0]), "sentence" if offset == 0 else "nearby_sentence"
    # The dateline says where the reporter filed the lead from: a news agency's capital ("MOSCOW, May 2.
    # /Agency/.") is not where the events told further down happened, nor where the lead says its events
    # happened in another country ("near the Syrian community of X", a place the gazetteer lacks).
    named = country_of_named_places(doc_text(sentence.doc))
    if article.dateline is not None and here < DETECT_LEAD_SENTENCES:
        in_lead = named or country_of_named_places(article.context.body[:LEAD_CHARS])
        if in_lead is None or in_lead == article.dateline.country_code:
            return article.dateline, precision_of(article.dateline), "dateline"
    if named is not None and (country := gaz.country(named)) is not None:
        return country, "country", "sentence"
    if article.country:
        country = gaz.country(article.country)
        if country is not None:
            return country, "country", "article_country"
    return None, "unknown", "unknown"


# "Idleb countryside", "Basra province": a place name before one of these is still a place.
PLACE_HEAD_NOUNS = _LEXICON.words("place_head_nouns")
_KINDS_OF_PLACE = PLACE_HEAD_NOUNS | {"territory"}  # "a flight to the territory of Macau"


def _named_country(span: Span) -> str | None:
    """The country the sentence itself names for a place ("the Syrian province of X", "X, Syria")."""
    return country_named_with(doc_text(span.doc), span.start_char, span.end_char)


SITE_NOUNS = _LEXICON.words("site_nouns")


def _names_a_site(ent: Span) -> bool:
    """ "The Flamanville nuclear plant", "a Baghdad market", "the Phoenix ICE office": the name says where a
    site is (through the names and nouns compounded between them)."""
    root = ent.root
    if root.dep_ not in ("compound", "amod", "nmod"):
        return False
    head = root.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    return head.lemma_.lower() in SITE_NOUNS


# Prepositions that put an event at a site: "at the X Airport", "outside X University".
_AT_A_SITE = frozenset({"at", "in", "inside", "outside", "near", "into"})


def _site_where(ent: Span, country: str | None) -> Place | None:
    """The town of a site the text names as an organisation, when the event is at it ("in the Kuala Lumpur
    International Airport"), not when the organisation acts ("Kabul University said")."""
    prep = ent.root.head
    if ent.root.dep_ != "pobj" or prep.lower_ not in _AT_A_SITE:
        return None
    return town_of_site(strip_place_words(ent.text), country)


# People a town's name says whose they are, not where they are: a club's fans, a city's police or officials.
# (Not residents, villagers or students: "Srinagar residents protested" protested in Srinagar.)
AFFILIATED_PEOPLE = _LEXICON.words("affiliated_people")


def _people_from(doc: Doc, country: str | None) -> set[str]:
    """Places a name before a noun for people of a club, a force or an office says they belong to ("Leipzig
    fans", "Hyderabad police"): no place of the sentence's event."""
    gaz = gazetteer()
    found = set()
    for tok in doc:
        head = tok.head
        if tok.pos_ != "PROPN" or tok.dep_ not in ("compound", "amod", "nmod"):
            continue
        if head.lemma_.lower() not in AFFILIATED_PEOPLE and head.lower_ not in AFFILIATED_PEOPLE:
            continue
        name = " ".join(t.text for t in doc[tok.left_edge.i : tok.i + 1] if t.pos_ == "PROPN")
        place = gaz.lookup(name, country_hint=country)
        if place is not None:
            found.add(place.name)
    return found


# "Russia-backed", "US-led", "Saudi-funded", "Iran-allied", "London-based", "Syria-bound": a place joined by a
# hyphen to one of these says who backs, leads or pays someone, where they are based or going, not where the
# sentence's event happened.
_SPONSOR = re.compile(
    r"[-‑–](?:"
    + "|".join((*SPONSOR_PARTICIPLES, "led", "brokered", "born", "owned", "bound", "controlled"))
    + r")\b",
    re.IGNORECASE,
)


def _sponsor(text: str, end: int) -> bool:
    return bool(_SPONSOR.match(text, end))


def _names_an_event(ent: Span) -> bool:
    """ "The Kabul bombing", "a Yemen raid": the name is compounded before an event word."""
    head = ent.root.head
    return ent.root.dep_ in ("compound", "nmod") and head.pos_ == "NOUN" and head.lemma_.lower() in TRIGGERS


def _other_events_joined(tok: Token) -> list[Token]:
    """Event nouns joined to the trigger after it ("marches in A, and a counter-rally in B"):
    each has its own reading, and when the trigger has a place of its own before them, the places named after
    them are theirs (wherever the parse hangs them)."""
    return [c for c in tok.conjuncts if c.i > tok.i and c.pos_ == "NOUN" and c.lemma_.lower() in TRIGGERS]


def _modifies_noun(ent: Span, sites: bool = False) -> bool:
    """The place name describes a noun after it ("U.S. officials", "Iraqi forces", "Leipzig fans"), or is a
    possessive; with ``sites``, a name before a site ("a Baghdad market") is still a place. A town before an
    event word ("the Kabul bombing") says where the event happened (a country there says who did it: "US
    strikes"; the callers drop it)."""
    root = ent.root
    if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
        if root.head.lemma_.lower() in PLACE_HEAD_NOUNS or (sites and _names_a_site(ent)):
            return False
        if _names_an_event(ent):
            return False
        return root.head.i >= ent.end  # the place name stands before the noun it describes
    return root.dep_ == "poss"


# "Speaking from Seoul, the minister said ...", "the spokesman said in Geneva that ...": where the news was
# told, not where its event happened.
SPEECH_VERBS = _LEXICON.words("speech_verbs")


def _preposition_of(ent: Span) -> Token | None:
    """The preposition whose object the place is ("from Seoul, South Korea": through the apposition; "to the
    territory of Macau": through a kind of place)."""
    root = ent.root
    while root.dep_ in ("appos", "conj") and root.head.i != root.i:
        root = root.head
    prep = root.head if root.dep_ == "pobj" else None
    kind = prep.head if prep is not None and prep.lower_ == "of" else None
    if kind is not None and kind.lemma_.lower() in _KINDS_OF_PLACE and kind.dep_ == "pobj":
        return kind.head
    return prep


def _first_verb_above(ent: Span) -> Token | None:
    """The verb whose objects and their modifiers hold the place ("told lawmakers in Seoul":
    told), or None when a clause or an event word comes first (the place is then that clause's or that
    event's)."""
    tok = ent.root
    while tok.head.i != tok.i:
        if tok.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "conj", "parataxis"):
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.lemma_.lower() in TRIGGERS:
            return None
    return None


FIRED_FROM_VERBS = _LEXICON.words("fired_from_verbs")


def _fired_from(ent: Span) -> bool:
    """ "Shelled from Luganskoye", "rockets launched from Gaza": the place the fire came from."""
    prep = _preposition_of(ent)
    return prep is not None and prep.lower_ == "from" and prep.head.lemma_.lower() in FIRED_FROM_VERBS


def _said_elsewhere(ent: Span) -> bool:
    """The name is no event's place: where someone spoke, a government, where someone is based, where a
    journey goes."""
    return (
        _where_someone_spoke(ent) or _names_a_government(ent) or _describes_someone(ent) or _destination(ent)
    )


def _where_someone_spoke(ent: Span) -> bool:
    """ "Speaking from Seoul", "told lawmakers in Seoul": where someone spoke."""
    prep = _preposition_of(ent)
    spoken = prep is not None and prep.lower_ in ("from", "in", "at")
    if spoken and prep.head.lemma_.lower() in SPEECH_VERBS:
        return True
    verb = _first_verb_above(ent) if spoken else None
    return verb is not None and verb.lemma_.lower() in SPEECH_VERBS


STATUS_PARTICIPLES = _LEXICON.words("status_participles")
JOURNEY_WORDS = _LEXICON.words("journey_words")


def _destination(ent: Span) -> bool:
    """ "After his visit to Turkey", "the minister flew to Ankara": where a journey goes, not where the event
    happened."""
    prep = _preposition_of(ent)
    return prep is not None and prep.lower_ == "to" and prep.head.lemma_.lower() in JOURNEY_WORDS


def _describes_someone(ent: Span) -> bool:
    """ "The monitor, based in Britain", "a group outlawed in Russia": the place says where someone is based,
    banned or was born, not where the event happened."""
    prep = _preposition_of(ent)
    return prep is not None and prep.lower_ in ("in", "at") and prep.head.lower_ in STATUS_PARTICIPLES


GOVERNMENT_VERBS = _LEXICON.words("government_verbs")
RELATION_NOUNS = _LEXICON.words("relation_nouns")


def _names_a_government(ent: Span) -> bool:
    """ "Beijing warned ...", "deals with Moscow": a place that speaks or that one has relations with stands
    for its government (metonymy), not for where something happened."""
    root = ent.root
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in GOVERNMENT_VERBS:
        return True
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ == "with" and prep.head.lemma_.lower() in RELATION_NOUNS


DIRECTIONS = _LEXICON.words("directions")


def _contains_the_place_named(ent: Span, places) -> bool:
    """ "The northern Paris suburb of Aulnay-sous-Bois", "the Baghdad district of Karrada": the name before a
    kind of place whose "of" names another place of the sentence is that place's container."""
    root = ent.root
    if root.dep_ not in ("compound", "nmod", "amod") or root.head.lemma_.lower() not in PLACE_HEAD_NOUNS:
        return False
    named = {t.i for c in root.head.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree}
    return any(span.root.i in named for span, _ in places if span != ent)


def _is_reference_point(ent: Span) -> bool:
    """ "North of X", "20 km of X", "12 km from X": the place only locates another (the distance hangs on the
    preposition, or the preposition on the direction)."""
    head = ent.root.head
    distance = any(c.dep_ == "npadvmod" and c.lower_ in DIRECTIONS for c in head.children)
    return head.lower_ in ("of", "from") and (head.head.lower_ in DIRECTIONS or distance)


def _is_near(ent: Span) -> bool:
    head = ent.root.head
    return (
        head.lower_ in ("near", "outside", "around")
        or _is_reference_point(ent)
        or (head.lower_ == "of" and head.head.lower_ == "outskirts")
    )
