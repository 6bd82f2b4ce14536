"""Classification: from a trigger, the roles around it and the sentence's cues to an ACLED sub-event type.

Follows ACLED's definitions rather than keywords alone: what decides between an armed clash and an attack on
civilians is who the target is; between a peaceful protest, a protest with intervention and excessive force
it is what the authorities did; a territorial change depends on who gained the territory. Weapon cues
(air strike, shelling, suicide bomb, IED, grenade, chemical) decide remote violence whatever the target.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.actors import Actor
from pipeline.extract.lexicon import ARMED_CATEGORIES, STATE_CATEGORIES

VIOLENT_FAMILIES = frozenset({"attack", "kill", "wound", "clash", "airstrike", "shell", "explode"})

# Territory words: the object of "seize"/"capture" must be one of these (or a place) to be a takeover.
TERRITORY_NOUNS = frozenset({
    "city", "town", "village", "district", "province", "region", "area", "territory", "base", "airbase",
    "airport", "border", "crossing", "outpost", "checkpoint", "hill", "neighborhood", "neighbourhood",
    "suburb", "headquarters", "compound", "camp", "garrison", "post", "position", "stronghold", "county",
    "municipality", "island", "oilfield", "field", "dam", "bridge", "road", "highway", "capital", "control",
    "ground", "locality", "settlement", "zone", "barracks", "station", "port", "refinery",
})  # fmt: skip
WEAPON_NOUNS = frozenset({
    "weapon", "arm", "ammunition", "explosive", "cache", "rifle", "gun", "bomb", "device", "ied", "mine",
    "missile", "rocket", "drone", "grenade", "munition", "arsenal", "stockpile",
})  # fmt: skip


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


def classify(r: Roles) -> tuple[str, str] | None:
    """(event_type, sub_event_type) for a trigger, or None when it reports no ACLED event."""
    family = r.family
    a1 = r.actor1.category if r.actor1 else None
    a2 = r.actor2.category if r.actor2 else None
    cues = r.cues
    if "sexual" in cues and family in VIOLENT_FAMILIES | {"sexual", "abduct"} or family == "sexual":
        return "Violence against civilians", "Sexual violence"
    if family == "protest":
        return _protest(r, a1)
    if family == "riot":
        if "mob" in cues:
            return "Riots", "Mob violence"
        if a1 in ("protesters", "rioters") or "protest" in r.sentence_lower or "demonstrat" in r.sentence_lower:
            return "Riots", "Violent demonstration"
        return "Strategic developments", "Looting/property destruction"
    if family == "arrest":
        if a1 in ("rebel", "unidentified", "militia"):
            return "Violence against civilians", "Abduction/forced disappearance"
        return "Strategic developments", "Arrests"
    if family == "abduct":
        return "Violence against civilians", "Abduction/forced disappearance"
    if family == "agreement":
        return "Strategic developments", "Agreement"
    if family == "disrupt":
        return "Strategic developments", "Disrupted weapons use"
    if family == "base":
        return "Strategic developments", "Headquarters or base established"
    if family == "withdraw":
        if a1 in ARMED_CATEGORIES or a1 is None:
            return "Strategic developments", "Non-violent transfer of territory"
        return None
    if family in ("seize", "retake"):
        return _territory(r, a1)
    if family in VIOLENT_FAMILIES:
        return _violence(r, a1, a2)
    return None


def _protest(r: Roles, a1: str | None) -> tuple[str, str]:
    # The protesters' own actor name is set by the caller (see mentions.protest_actor).
    cues = r.cues
    if "live_fire" in cues or (
        (r.fatalities or r.injured) and ("police" in r.sentence_lower or "security forces" in r.sentence_lower)
    ):
        return "Protests", "Excessive force against protesters"
    if "property" in cues or "stone" in r.sentence_lower or "clashed with" in r.sentence_lower:
        return "Riots", "Violent demonstration"
    if "tear_gas" in cues or "arrest" in r.sentence_lower or "detain" in r.sentence_lower:
        return "Protests", "Protest with intervention"
    return "Protests", "Peaceful protest"


def _territory(r: Roles, a1: str | None) -> tuple[str, str] | None:
    if r.object_lemma in WEAPON_NOUNS:
        return "Strategic developments", "Disrupted weapons use"
    if r.actor2 is not None and r.actor2.category == "civilians" and not r.object_is_place:
        return "Violence against civilians", "Abduction/forced disappearance"
    if not (r.object_is_place or r.object_lemma in TERRITORY_NOUNS or r.lemma == "fall"):
        return None
    if a1 in STATE_CATEGORIES:
        return "Battles", "Government regains territory"
    if a1 is None and r.family == "retake":
        return "Battles", "Government regains territory"
    return "Battles", "Non-state actor overtakes territory"


def _violence(r: Roles, a1: str | None, a2: str | None) -> tuple[str, str] | None:
    cues = r.cues
    family = r.family
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
    if "mob" in cues:
        return "Riots", "Mob violence"
    if family == "wound" and a1 is None and a2 is None and "firearm" not in cues:
        return None
    armed1 = a1 in ARMED_CATEGORIES
    armed2 = a2 in ARMED_CATEGORIES
    if a2 in ("protesters",) and a1 in STATE_CATEGORIES:
        return "Protests", "Excessive force against protesters"
    if a2 == "civilians" and a1 != "civilians":
        return "Violence against civilians", "Attack"
    if family == "clash" or (armed1 and armed2):
        return "Battles", "Armed clash"
    if a1 in ("civilians", "protesters", "rioters") and a2 in STATE_CATEGORIES:
        return "Riots", "Violent demonstration"
    if armed2 and a1 is None:
        return "Battles", "Armed clash"
    if armed1 and a2 is None and family == "attack" and r.object_is_place:
        return "Battles", "Armed clash"
    if family in ("kill", "attack", "wound"):
        return "Violence against civilians", "Attack"
    return None
