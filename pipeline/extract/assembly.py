"""Assembly: a reading that passed every step becomes a ``Mention`` row, with its date window, its
confidence, and its id (``mention_id``, the one function that makes one).

Reads the sentence, the reading (trigger, label, roles, place, date) and the publication date; decides the
row. Which mention of a sentence gets the casualties is decided by the caller.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import replace

from pipeline.extract.actors import Actor, is_party
from pipeline.extract.history import date_window
from pipeline.extract.inter_codes import inter_code
from pipeline.extract.lexicon import SECONDARY_SUB_TYPES, WEAK_TRIGGERS
from pipeline.extract.model import Mention, Reading, SentenceInput
from pipeline.extract.settings import (
    CONFIDENCE_ACTOR1,
    CONFIDENCE_ACTOR2,
    CONFIDENCE_BACKGROUND,
    CONFIDENCE_BASE,
    CONFIDENCE_DATED,
    CONFIDENCE_FATALITIES,
    CONFIDENCE_MAX,
    CONFIDENCE_MIN,
    CONFIDENCE_PRECISION,
    CONFIDENCE_QUOTED,
    CONFIDENCE_SECONDARY,
    CONFIDENCE_SEXUAL_VIOLENCE,
    CONFIDENCE_STRONG_TRIGGER,
)


def mention_id(article_id: str, sentence_index: int, location: str | None, sub_event_type: str) -> str:
    """The id of a mention: its article, sentence, place name and sub-type, hashed. A mention relabelled by
    a discourse pass gets the id of its new sub-type."""
    key = f"{article_id}|{sentence_index}|{location or ''}|{sub_event_type}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def to_mention(
    sent: SentenceInput, reading: Reading, published: dt.date | None, gets_casualties: bool
) -> Mention:
    """The mention row of a reading that passed every step."""
    tok, label, roles, place, precision, when = (
        reading.trigger,
        reading.label,
        reading.roles,
        reading.place,
        reading.precision,
        reading.when,
    )
    event_date, start, end, date_precision, background = date_window(when, published)
    actor1, assoc_actor_1 = _doer(roles.actor1, label[1])
    return Mention(
        mention_id=mention_id(sent.article_id, sent.sentence_index, place.name if place else None, label[1]),
        article_id=sent.article_id,
        sentence_index=sent.sentence_index,
        char_start=sent.char_start,
        char_end=sent.char_end,
        sentence=sent.text,
        trigger=tok.text,
        event_type=label[0],
        sub_event_type=label[1],
        actor1=actor1,
        actor2=_name(roles.actor2),
        location=ascii_name(place.name) if place else None,
        admin1=place.admin1 if place else None,
        country_code=place.country_code if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=precision if place else "unknown",
        geo_evidence=reading.place_evidence if place else "unknown",
        assoc_actor_1=assoc_actor_1,
        assoc_actor_2=_association(roles.actor2),
        geonameid=place.geonameid if place else None,
        event_date=event_date,
        date_start=start,
        date_end=end,
        date_precision=date_precision,
        date_evidence=reading.when_evidence if when else "publication" if published else "unknown",
        is_background=background,
        fatalities=roles.fatalities if gets_casualties else None,
        injured=roles.injured if gets_casualties else None,
        confidence=confidence(sent.text, reading, background),
    )


def confidence(sentence: str, reading: Reading, background: bool) -> float:
    """How surely a mention reports a real event that its article is about, from 0.05 to 0.99."""
    label, roles = reading.label, reading.roles
    score = CONFIDENCE_BASE
    score += CONFIDENCE_STRONG_TRIGGER if reading.trigger.lemma_.lower() not in WEAK_TRIGGERS else 0.0
    score += CONFIDENCE_ACTOR1 if roles.actor1 is not None else 0.0
    score += CONFIDENCE_ACTOR2 if roles.actor2 is not None else 0.0
    score += CONFIDENCE_PRECISION.get(reading.precision, 0.0)
    score += CONFIDENCE_DATED if reading.when is not None else 0.0
    score -= CONFIDENCE_QUOTED if '"' in sentence or "“" in sentence else 0.0
    # Background developments rarely are what a report is about; casualties make a mention its core.
    score -= CONFIDENCE_SECONDARY if label[1] in SECONDARY_SUB_TYPES else 0.0
    score += CONFIDENCE_FATALITIES if roles.fatalities else 0.0
    score -= CONFIDENCE_BACKGROUND if background else 0.0
    score += CONFIDENCE_SEXUAL_VIOLENCE if label[1] == "Sexual violence" else 0.0
    return round(max(CONFIDENCE_MIN, min(score, CONFIDENCE_MAX)), 3)


def ascii_name(name: str) -> str:
    """GeoNames' transliteration without diacritics and ayn/hamza marks: "Tall ‘Afar" -> "Tall Afar"."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c) and c not in "‘’ʿʾ`'")
    return re.sub(r"\s+", " ", folded).strip()


def _name(actor: Actor | None) -> str | None:
    return actor.name if actor else None


# ACLED's organised violence: civilians do none of it, and the armed supporters of a party who attack are the
# party's militia ("villagers associated with the SAD fired at them": the SAD, a political militia).
ORGANISED_SUB_TYPES = frozenset({"Attack", "Armed clash"})


def _doer(actor: Actor | None, sub_event_type: str) -> tuple[str | None, str | None]:
    """actor1 and assoc_actor_1 of a mention: a party a doing crowd of civilians belongs to is the doer of an
    attack or a clash, and stays no association."""
    name, association = _name(actor), _association(actor)
    if name and name.startswith("Civilians") and association and sub_event_type in ORGANISED_SUB_TYPES:
        groups = association.split("; ")
        party = next((g for g in groups if is_party(g)), None)
        if party is not None:
            return party, "; ".join(g for g in groups if g != party) or None
    return name, association


def _association(actor: Actor | None) -> str | None:
    if actor is None or actor.association == actor.name:
        return None
    return actor.association


def with_inter_codes(m: Mention) -> Mention:
    """The mention with the ACLED actor types of its final actors (after the discourse passes, which may
    swap or rename them)."""
    return replace(
        m, inter1=inter_code(m.actor1, m.country_code), inter2=inter_code(m.actor2, m.country_code)
    )
