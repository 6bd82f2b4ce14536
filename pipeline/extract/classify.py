"""Classification: from a trigger, the roles around it and the sentence's cues to an ACLED sub-event type.

Follows ACLED's definitions rather than keywords alone: what decides between an armed clash and an attack on
civilians is who the target is; between a peaceful protest, a protest with intervention and excessive force
it is what the authorities did; a territorial change depends on who gained the territory. Weapon cues
(air strike, shelling, suicide bomb, IED, grenade, chemical) decide remote violence whatever the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.actors import Actor
from pipeline.extract.boundaries import (
    crowd_weapon,
    is_protest_text,
    peaceful_blockade,
    protest_label,
    without_earlier_arrests,
)
from pipeline.extract.lexicon import ARMED_CATEGORIES, STATE_CATEGORIES
from pipeline.extract.lexicon_loader import lexicon

# is_protest_text and protest_label are the boundaries' (boundaries.py); discourse imports them from here too.
__all__ = ["Roles", "classify", "is_protest_text", "protest_label"]

_LEXICON = lexicon()

# Families that are violence by themselves (data/trigger_families.csv, column violent).
VIOLENT_FAMILIES = frozenset(family for family, violent in _LEXICON.families.items() if violent)

# The word sets below are data (data/word_sets.csv), each with the reason it exists.
# Territory words: the object of "seize"/"capture" must be one of these (or a place) to be a takeover.
TERRITORY_NOUNS = _LEXICON.words("territory_nouns")
WEAPON_NOUNS = _LEXICON.words("weapon_nouns")
# What a force sets up when ACLED codes "Headquarters or base established": a (semi-)permanent base.
BASE_NOUNS = _LEXICON.words("base_nouns")
GENERIC_CIVILIANS = _LEXICON.words("generic_civilians")
# Things whose destruction or looting is ACLED's "Looting/property destruction".
PROPERTY_NOUNS = _LEXICON.words("property_nouns")
# An agreement between conflict actors, not between trade partners (substrings of the sentence).
CONFLICT_PARTIES = _LEXICON.word_list("conflict_parties")
# What a crowd throws: stones make a riot, a grenade or a bomb is remote violence (weapon cues decide).
THROWN_NOUNS = _LEXICON.words("thrown_nouns")
# Burning these is a protest's symbol, not violence: ACLED codes effigy and flag burnings as protests.
SYMBOLIC_NOUNS = _LEXICON.words("symbolic_nouns")
# Smashed or torn down in a riot.
FIXTURE_NOUNS = _LEXICON.words("fixture_nouns")
ROAD_NOUNS = _LEXICON.words("road_nouns")


@dataclass(frozen=True)
class Roles:
    """What the parse says about a trigger."""

    family: str
    lemma: str
    actor1: Actor | None
    actor2: Actor | None
    object_lemma: str | None  # head lemma of the trigger's object (what was seized, attacked, ...)
    object_is_place: bool
    cues: frozenset[str]
    fatalities: int | None
    injured: int | None
    sentence_lower: str
    object_of_lemma: str | None = None  # "caches of weapons": the noun the object is made of
    particle: str | None = None  # "set up", "shoot down"
    other_armed: bool = False  # the sentence names an armed party besides actor1 ("clashes", "the army")
    object_words: frozenset[str] = frozenset()  # lemmas below the object ("a hideout used to store arms")
    in_fighting: bool = False  # a death or wound told as happening in fighting ("killed in clashes")


def _weapon_object(r: Roles) -> bool:
    return r.object_lemma in WEAPON_NOUNS or r.object_of_lemma in WEAPON_NOUNS


def _holds_weapons(r: Roles) -> bool:
    """Weapons found or seized, or a place found holding them ("a depot containing ammunition")."""
    return _weapon_object(r) or (not r.object_is_place and bool(r.object_words & WEAPON_NOUNS))


def classify(r: Roles) -> tuple[str, str] | None:
    """(event_type, sub_event_type) for a trigger, or None when it reports no ACLED event."""
    family = r.family
    a1 = r.actor1.category if r.actor1 else None
    a2 = r.actor2.category if r.actor2 else None
    cues = r.cues
    if "sexual" in cues and family in VIOLENT_FAMILIES | {"sexual", "abduct"} or family == "sexual":
        return "Violence against civilians", "Sexual violence"
    if family in ("protest", "disperse"):
        return _protest(r, a1)
    if family == "pelt":
        return _pelting(r, a1)
    if family == "block":
        return _blockade(r, a1)
    if family == "riot":
        if r.lemma in ("burn", "torch", "set") and r.object_lemma in SYMBOLIC_NOUNS:
            # An effigy or a flag burnt: the protest's symbol, not violence.
            if a1 == "protesters" or is_protest_text(r.sentence_lower):
                return protest_label(r.sentence_lower, cues - {"property"}, r.fatalities, r.injured)
            return None
        if r.lemma in ("smash", "tear") and not (
            r.object_lemma in PROPERTY_NOUNS | FIXTURE_NOUNS or r.object_of_lemma in PROPERTY_NOUNS
        ):
            return None  # "police smashed a smuggling ring"
        if "mob" in cues:
            return "Riots", "Mob violence"
        if a1 in ("protesters", "rioters") or is_protest_text(r.sentence_lower):
            return "Riots", "Violent demonstration"
        if r.lemma in ("riot", "rioting"):
            # The word names a violent crowd, not damage: "riots broke out" is a riot whoever took part
            # (ACLED's violent demonstration unless the crowd is a mob, above).
            return "Riots", "Violent demonstration"
        if a1 in ("civilians",) and r.lemma not in ("loot", "plunder", "pillage"):
            return "Riots", "Mob violence"
        return "Strategic developments", "Looting/property destruction"
    if family == "arrest":
        if is_protest_text(r.sentence_lower) and not _ARREST_WORD.search(
            without_earlier_arrests(r.sentence_lower)
        ):
            return None  # "demanding the release of students detained last week": no arrest at this protest
        if (
            a1 in (None, "police", "state")
            and (a2 == "protesters" or is_protest_text(r.sentence_lower))
            and not _ARRESTED_FOR.search(r.sentence_lower)
        ):
            # Protesters arrested at their protest: ACLED codes the protest, with intervention.
            return protest_label(r.sentence_lower, cues, r.fatalities, r.injured, intervened=True)
        if "unknown_fate" in cues or a1 in ("rebel", "unidentified", "militia"):
            return "Violence against civilians", "Abduction/forced disappearance"
        if r.actor1 is not None and a1 == "pro_gov" and "Forces" not in r.actor1.name:
            return "Violence against civilians", "Abduction/forced disappearance"
        return "Strategic developments", "Arrests"
    if family == "abduct":
        return "Violence against civilians", "Abduction/forced disappearance"
    if family == "agreement":
        return "Strategic developments", "Agreement"
    if family == "agree":
        return _agreement(r, a1)
    if family == "disrupt":
        # Intercepting smugglers or dismantling a network disrupts no weapon.
        if (
            r.lemma == "defuse"
            or _holds_weapons(r)
            or r.object_lemma in ("bomb", "missile", "rocket", "drone")
        ):
            return "Strategic developments", "Disrupted weapons use"
        return None
    if family == "find":
        return ("Strategic developments", "Disrupted weapons use") if _holds_weapons(r) else None
    if family == "destroy":
        if "accident" in cues and a1 not in ARMED_CATEGORIES:
            return None  # an earthquake or an explosion at a plant damaged the buildings
        if _weapon_object(r):
            return "Strategic developments", "Disrupted weapons use"
        if r.object_lemma in PROPERTY_NOUNS or r.object_of_lemma in PROPERTY_NOUNS:
            if a1 in ("protesters", "rioters") or (a1 is None and is_protest_text(r.sentence_lower)):
                return "Riots", "Violent demonstration"
            return "Strategic developments", "Looting/property destruction"
        return None
    if family == "establish":
        if r.lemma == "set" and r.particle != "up":
            return None
        if _base_object(r) and a1 not in (
            "civilians",
            "protesters",
            "rioters",
            "government",
        ):
            return "Strategic developments", "Headquarters or base established"
        return None
    if family == "change":
        return _change(r, a1)
    if family == "base":
        return None
    if family == "withdraw":
        if a2 in CROWDS or r.object_lemma in GENERIC_CIVILIANS:
            return None  # civilians evacuated: nobody handed territory over
        if a1 in ARMED_CATEGORIES or a1 is None:
            return "Strategic developments", "Non-violent transfer of territory"
        return None
    if family in ("seize", "retake"):
        return _territory(r, a1)
    if family in VIOLENT_FAMILIES:
        return _violence(r, a1, a2)
    return None


def _base_object(r: Roles) -> bool:
    """A base, post or observation point set up; a checkpoint only when "established" (search operations
    "set up" checkpoints for a day)."""
    nouns = {r.object_lemma, r.object_of_lemma}
    if nouns & BASE_NOUNS or (r.lemma == "establish" and "checkpoint" in nouns):
        return True
    # "set up two bases": the small model lemmatizes "bases" as "basis"
    return "basis" in nouns and r.actor1 is not None and r.actor1.category in ARMED_CATEGORIES


_ARREST_WORD = re.compile(r"\b(arrest|detain|round(ed)? up|custody|held)\w*")
# Arrested for a protest held earlier (an investigation), not at it.
_ARRESTED_FOR = re.compile(
    r"\b(in connection with|accused of|charged with|suspected of|for (organi[sz]|incit|lead|plann)\w*)"
)


def _pelting(r: Roles, a1: str | None) -> tuple[str, str] | None:
    """Stones and bottles thrown by a crowd: a riot, violent demonstration when it protests."""
    if not (r.object_lemma in THROWN_NOUNS or r.object_of_lemma in THROWN_NOUNS or r.lemma == "pelt"):
        return None
    if a1 in ARMED_CATEGORIES or "grenade" in r.cues:
        return None
    if a1 == "protesters" or is_protest_text(r.sentence_lower):
        return "Riots", "Violent demonstration"
    return "Riots", "Mob violence"


def _blockade(r: Roles, a1: str | None) -> tuple[str, str] | None:
    """ACLED counts road blockades by demonstrators among violent demonstrations (barricades, burning
    tyres): whoever blocks, unless forces block to stop a protest or for an operation."""
    if not (r.object_lemma in ROAD_NOUNS or r.object_of_lemma in ROAD_NOUNS):
        return None
    low = r.sentence_lower
    grievance = re.search(r"\b(demand\w*|denounc\w*|condemn\w*|in protest|to protest|protesting|against|"
                          r"anger\w*|angry|frustrat\w*|salar(y|ies)|unpaid|refus\w*)\b", low)  # fmt: skip
    if not (a1 in CROWDS or is_protest_text(low) or grievance) or re.search(
        r"\b(tried|attempt\w*) to block", low
    ):
        return None
    if peaceful_blockade(low):
        # A blockade told as peaceful is a peaceful protest; forces blocking a peaceful crowd intervene in it.
        intervened = a1 in STATE_CATEGORIES
        return protest_label(
            low, r.cues - {"protest_violence"}, r.fatalities, r.injured, intervened=intervened
        )
    if a1 in STATE_CATEGORIES and re.search(
        r"\b((prevent|stop|keep)\w* ([\w-]+ ){0,3}(protest|demonstrat|march|rall)\w*|operations?)\b", low
    ):
        return None
    return "Riots", "Violent demonstration"


def _agreement(r: Roles, a1: str | None) -> tuple[str, str] | None:
    """Ceasefires, peace deals, prisoner exchanges and surrenders between conflict actors."""
    low = r.sentence_lower
    if r.lemma == "surrender":
        return ("Strategic developments", "Agreement") if a1 in ARMED_CATEGORIES else None
    if r.lemma in ("swap", "exchange") and not re.search(
        r"prisoners?|captives?|detainees|hostages|bodies", low
    ):
        return None
    if r.lemma == "talk" and "peace" not in low:
        return None
    if r.lemma == "sign" and r.object_lemma not in (
        "agreement",
        "deal",
        "accord",
        "ceasefire",
        "truce",
        "treaty",
    ):
        return None
    if not any(w in low for w in CONFLICT_PARTIES):
        return None
    return "Strategic developments", "Agreement"


# Forces deployed before a protest (to prevent or await it): a change to their activity, not the protest.
_ANTICIPATED_PROTEST = re.compile(
    r"\b(in anticipation of|ahead of|in preparation for|to (prevent|forestall|pre-?empt|thwart))\b"
    r"( [\w-]+){0,4} (protest|demonstrat|rall|march)\w*"
)


def _change(r: Roles, a1: str | None) -> tuple[str, str] | None:
    """Defections, reinforcements and deployments of armed groups (never of police at a protest)."""
    if (
        is_protest_text(r.sentence_lower)
        and r.lemma != "defect"
        and not _ANTICIPATED_PROTEST.search(r.sentence_lower)
    ):
        return None
    if r.lemma in ("forward", "send"):
        return "Strategic developments", "Change to group/activity"  # mentions._forces_moved checked it
    troops = r.object_lemma in (
        "troop",
        "force",
        "forces",
        "fighter",
        "soldier",
        "reinforcement",
        "unit",
        "convoy",
    )
    if a1 in ARMED_CATEGORIES or troops or r.lemma in ("defect", "defection"):
        return "Strategic developments", "Change to group/activity"
    return None


def _protest(r: Roles, a1: str | None) -> tuple[str, str] | None:
    """What the authorities (or armed groups) did to the crowd decides; mentions.resolve_protest_episodes
    then looks at the neighbouring sentences of the same report."""
    if r.family == "disperse" and not (
        r.object_lemma in ("protest", "protester", "demonstrator", "crowd", "demonstration", "rally", "sit",
                           "gathering", "march", "people", "student", "mob", "rioter")
        or is_protest_text(r.sentence_lower)
        or "tear_gas" in r.cues  # tear gas, water cannon, batons: crowd control
    ):  # fmt: skip
        return None
    if r.lemma == "gather" and not (
        is_protest_text(r.sentence_lower) or "demand" in r.sentence_lower or "protest" in r.cues
    ):
        return None  # a crowd gathering is a protest in a protest's story (its own or the sentences before)
    return protest_label(r.sentence_lower, r.cues, r.fatalities, r.injured)


def _territory(r: Roles, a1: str | None) -> tuple[str, str] | None:
    if _weapon_object(r):
        return "Strategic developments", "Disrupted weapons use"
    if r.actor2 is not None and r.actor2.category == "civilians" and not r.object_is_place:
        return "Violence against civilians", "Abduction/forced disappearance"
    if not (r.object_is_place or r.object_lemma in TERRITORY_NOUNS or r.lemma in ("fall", *PUSHED_OUT)):
        return None
    if r.object_lemma == "ground" and not re.search(
        r"\bground (in|inside|around|near|on|at|of)\b", r.sentence_lower
    ):
        return None  # "captures even more ground": a gain told nowhere in particular
    if HANDED_OVER.search(r.sentence_lower) and not FIGHTING.search(r.sentence_lower):
        return "Strategic developments", "Non-violent transfer of territory"
    if a1 in STATE_CATEGORIES:
        return "Battles", "Government regains territory"
    if a1 is None and r.family == "retake":
        return "Battles", "Government regains territory"
    return "Battles", "Non-state actor overtakes territory"


# The side that held the place left it: whoever moved in took it without a fight (ACLED's non-violent
# transfer of territory).
HANDED_OVER = re.compile(
    r"\b(following|after) the ([\w'-]+ ){0,3}(withdrawal|retreat|pull-?out|departure)\b|"
    r"\bwithout (a fight|a shot|resistance|any resistance|fighting)\b|\b(abandoned|vacated) (their|its|the)\b"
)
PUSHED_OUT = _LEXICON.word_list("pushed_out")
# Places where civilians, not combatants, are found; an attack on them is one-sided unless fighting is told.
CIVILIAN_SITES = _LEXICON.words("civilian_sites")
FIGHTING = re.compile(
    r"\b(clash\w*|fought|fight\w*|repel\w*|repuls\w*|exchange[sd]? (of )?fire|gunfight|battle\w*|"
    r"firefight|retaliat\w*)\b"
)
WEAPON_CUES = frozenset({"chemical", "suicide", "air", "shelling", "grenade", "ied", "firearm"})
CROWDS = frozenset({"civilians", "protesters", "rioters"})


def _violence(r: Roles, a1: str | None, a2: str | None) -> tuple[str, str] | None:
    cues = r.cues
    family = r.family
    armed1 = a1 in ARMED_CATEGORIES
    armed2 = a2 in ARMED_CATEGORIES
    if "accident" in cues and not armed1 and not (cues & (WEAPON_CUES - {"ied"})):
        return None  # an earthquake, a crash, a plant explosion: no actor, no political violence
    if a1 in CROWDS and crowd_weapon(r.sentence_lower) and "firearm" not in cues:
        # Petrol bombs and crude bombs thrown by a crowd: rioting, not an armed group's remote violence.
        # Activists throwing crude bombs at a rival's office are not demonstrating: the text must tell a
        # protest.
        return "Riots", "Violent demonstration" if is_protest_text(r.sentence_lower) else "Mob violence"
    if "robbery" in cues and a1 in (None, "civilians") and "mob" not in cues:
        # A robbery gone wrong is crime, not political violence (armed gangs are coded); a mob punishing a
        # suspected thief is mob violence.
        return None
    if "chemical" in cues:
        return "Explosions/Remote violence", "Chemical weapon"
    if "suicide" in cues:
        return "Explosions/Remote violence", "Suicide bomb"
    if family == "airstrike" or ("air" in cues and family in ("attack", "kill", "explode", "wound")):
        if "air" in cues or family == "airstrike":
            return "Explosions/Remote violence", "Air/drone strike"
    if family == "shell" or ("shelling" in cues and family in ("attack", "kill", "wound", "explode")):
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if "grenade" in cues:
        return "Explosions/Remote violence", "Grenade"
    if family == "explode" or ("ied" in cues and family in ("kill", "wound", "attack")):
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    if "mob" in cues and not armed1:
        return "Riots", "Mob violence"
    if family == "wound" and a1 is None and a2 is None and "firearm" not in cues:
        return None
    # Force used on a crowd that was demonstrating, by the state or by any armed group.
    if (
        a2 == "protesters"
        and (armed1 or a1 is None)
        and family != "clash"
        and is_protest_text(r.sentence_lower)
    ):
        return "Protests", "Excessive force against protesters"
    # Crowds without an organisation: riots. With a demonstration they are violent demonstrators, otherwise
    # a mob; whoever they fight or beat.
    if a1 in CROWDS and a2 not in ("state", "pro_gov", "rebel") and "firearm" not in cues:
        if a1 == "protesters" or is_protest_text(r.sentence_lower):
            return "Riots", "Violent demonstration"
        return "Riots", "Mob violence"
    if (
        family == "clash"
        and a1 in CROWDS | {None}
        and a2 in CROWDS | {"police", None}
        and not (a1 is None and a2 is None)
    ) or (family == "clash" and {a1, a2} & CROWDS and {a1, a2} <= CROWDS | {"state", "police", "pro_gov"}):
        # Youths, villagers or party supporters fighting each other or the police and troops are rioters,
        # not an armed group (ACLED's mob violence; violent demonstration when they protest).
        if is_protest_text(r.sentence_lower):
            return "Riots", "Violent demonstration"
        return "Riots", "Mob violence"
    if (
        a1 in ("state", "police")
        and "tear_gas" in cues
        and a2 in ("civilians", "protesters", "rioters", None)
    ):
        # Tear gas, water cannon, rubber bullets, batons: forces controlling a crowd, not attacking civilians.
        return protest_label(r.sentence_lower, cues, r.fatalities, r.injured, intervened=True)
    if r.in_fighting and family in ("kill", "wound") and a2 != "civilians":
        # Deaths in clashes are the battle's toll, not an attack on whoever died (ACLED counts civilians
        # caught in crossfire with the clash).
        return "Battles", "Armed clash"
    if a2 == "civilians" and a1 != "civilians":
        return "Violence against civilians", "Attack"
    if family == "clash" or (armed1 and armed2):
        return "Battles", "Armed clash"
    if a1 in CROWDS and a2 in STATE_CATEGORIES:
        return "Riots", "Violent demonstration" if is_protest_text(r.sentence_lower) else "Mob violence"
    if armed2 and a1 is None:
        return "Battles", "Armed clash"
    if (
        armed1
        and a2 is None
        and (r.object_lemma in CIVILIAN_SITES or r.object_of_lemma in CIVILIAN_SITES)
        and not FIGHTING.search(r.sentence_lower)
    ):
        return "Violence against civilians", "Attack"  # gunmen stormed a school: nobody fought back
    if (
        armed1
        and a2 is None
        and family in ("attack", "kill", "wound")
        and (r.object_is_place or r.other_armed)
    ):
        return "Battles", "Armed clash"  # an attack on a town or with another armed party is fighting
    if family in ("kill", "attack", "wound"):
        return "Violence against civilians", "Attack"
    return None
