"""Ordinary crime or political violence? ACLED codes political violence and protest, not crime for private
motives: the annotation guide leaves out a domestic murder, a robbery or a bar fight, and makes a shooting
whose political or armed character is unclear optional at most. Nothing in a single sentence tells a
stabbing by a jealous neighbour from one by a militant; the rest of the article does.

A violent reading is *ordinary crime* (``ordinary_crime``) when all of these hold:

- its doer is one person, named as the doer ("a man stabbed", "her husband shot her", "the 19-year-old
  attacked", a named person, "he"): no armed actor (state forces, a named or unidentified armed group,
  "gunmen"), no crowd. Violence with no doer named ("a farmer was shot dead") is left alone: ACLED codes
  such reports where the conflict is, and the guide calls an unknown motive optional;
- its victims are ordinary people: no armed actor, protesters or government, and nobody in the trigger's
  clause has a political, civic or armed role (``political_detainees``: a journalist, an activist, a mayor);
- no weapon of war: no explosive, shell, air strike, grenade, suicide bomb or chemical (a gun or a knife
  is any criminal's);
- the article tells nothing political or armed: no armed group or political party of the lexicon named,
  and none of the words of ``political_markers`` (terrorism, insurgency, war and armed forces, protest and
  riot, communal, sectarian or ethnic strife, torture in custody, a hate or political motive) anywhere in it.

Such a reading is refused with reason ``crime``. The test needs the whole article, so it is a step of its
own after the sentence's coding (``detect.detect_step`` asks it).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from pipeline.extract.actors import find_named_group, find_party
from pipeline.extract.classify import WEAPON_CUES
from pipeline.extract.lexicon import ARMED_CATEGORIES
from pipeline.extract.lexicon_loader import lexicon
from pipeline.extract.model import ArticleFacts

# Types whose violence may be a private crime: an attack on, abduction or rape of civilians, and a "mob"
# that is one person (a crowd's violence stays a riot, see ``_lone_doer``).
CRIME_TYPES = frozenset({"Violence against civilians", "Riots"})
WAR_WEAPONS = WEAPON_CUES - {"firearm"}  # a gun (or a knife, no cue at all) is any criminal's
POLITICAL_MARKERS = lexicon().words("political_markers")
POLITICAL_ROLES = lexicon().words("political_detainees")
PRIVATE_DOERS = lexicon().words("private_doers")
# Victims who make violence political whatever the doer: armed actors, crowds demonstrating, the state.
POLITICAL_VICTIMS = ARMED_CATEGORIES | {"protesters", "rioters", "government"}
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")  # "air-strike" whole, and its parts ("Naxal-affected")
_PART = re.compile(r"[a-z]+")
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_PERSON_PRONOUNS = frozenset({"he", "she"})
_COLLECTIVES = frozenset(
    {"crowd", "mob", "group", "gang", "band", "throng", "horde", "family", "clan", "tribe"}
)


def ordinary_crime(tok: Token, roles, event_type: str, article: ArticleFacts) -> bool:
    """Whether the violence ``tok`` was coded as (``roles``: classify.Roles) is a private crime, not an
    ACLED event (the module's four conditions)."""
    if event_type not in CRIME_TYPES or roles.cues & WAR_WEAPONS:
        return False
    doer, victim = roles.actor1, roles.actor2
    if doer is not None and doer.category != "civilians":
        return False
    if victim is not None and victim.category in POLITICAL_VICTIMS:
        return False
    if not _lone_doer(tok, doer):
        return False
    if political_role_in_clause(tok):
        return False
    return not political_article(article)


def political_article(article: ArticleFacts) -> bool:
    """The article names an armed group or uses a word of political violence or protest."""
    text = article.context.body or " ".join(article.texts[i] for i in sorted(article.texts))
    return article.group is not None or _has_marker(text)


@lru_cache(maxsize=256)
def _has_marker(body: str) -> bool:
    """A word of ``political_markers``, a political party or an armed group of the lexicon in the text."""
    lower = body.lower()
    if not POLITICAL_MARKERS.isdisjoint({*_WORD.findall(lower), *_PART.findall(lower)}):
        return True
    return bool(find_party(body) or find_named_group(body))


def _lone_doer(tok: Token, doer) -> bool:
    """One person is named as the doer: a singular noun of a person ("a man", "the teenager": the lexicon
    makes them civilians), a person's name, "he"/"she", or a word of ``private_doers`` ("the suspect", "her
    husband"); not "villagers" or a conjunction of people (two doers are already a group), not a thing ("the
    blast killed")."""
    from pipeline.extract.roles import agent_and_patient  # roles imports the detection steps' modules

    agent, _ = agent_and_patient(tok)
    if agent is None or agent.tag_ in _PLURAL_TAGS or any(c.dep_ == "conj" for c in agent.children):
        return False
    if agent.lemma_.lower() in _COLLECTIVES:
        return False  # "a crowd torched a house": a singular noun of many people
    if doer is not None:
        return agent.pos_ == "NOUN"  # a person's noun the lexicon knows (civilians: the caller checks)
    lemma = agent.lemma_.lower()
    return agent.lower_ in _PERSON_PRONOUNS or agent.ent_type_ == "PERSON" or lemma in PRIVATE_DOERS


def political_role_in_clause(tok: Token) -> bool:
    """Someone with a political, civic or armed role (``political_detainees``) takes part in the trigger's
    clause ("a man stabbed the mayor", "an activist was beaten", "police detained three militants")."""
    clause = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    return any(t.lemma_.lower() in POLITICAL_ROLES or t.lower_ in POLITICAL_ROLES for t in clause.subtree)
