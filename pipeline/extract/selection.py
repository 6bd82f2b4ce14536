"""Which trigger speaks for a sentence: one reading per place, the one nearest the root of the parse, then
the most specific type; a trigger in an "after ..." or "despite ..." phrase gives way to the news it led to.
Between an abduction and a raid or killing told together, ACLED's boundary decides (``boundaries``).

Reads the readings that passed every sentence step; decides which become mentions.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.extract.boundaries import taking_or_harm
from pipeline.extract.classify import FIGHTING
from pipeline.extract.lexicon import WEAK_TRIGGERS
from pipeline.extract.model import Reading
from pipeline.extract.settings import (
    ANTECEDENT_PENALTY,
    DEFAULT_SUB_TYPE_PENALTY,
    DEPTH_PENALTY,
    TERRITORY_BONUS,
    TYPE_PRIORITY,
    TYPE_PRIORITY_SCALE,
    WEAK_TRIGGER_PENALTY,
)
from pipeline.extract.syntax import antecedent_head


def one_per_place(readings: list[Reading]) -> list[Reading]:
    """The reading that speaks for each place the sentence's events happened at (in the sentence's order of
    triggers, the first wins a tie), sorted by place name; an unplaced reading only if none is placed."""
    found: dict[str, Reading] = {}
    for reading in readings:
        key = reading.place.name if reading.place else "?"
        previous = found.get(key)
        if previous is None or _outranks(reading, previous):
            found[key] = reading
    if any(r.place is not None for r in found.values()):
        found.pop("?", None)
    return [reading for _, reading in sorted(found.items(), key=lambda item: item[0])]


def _outranks(reading: Reading, previous: Reading) -> bool:
    for taking, raid, taking_is_new in ((reading, previous, True), (previous, reading, False)):
        roles = raid.roles
        if roles is None or taking.label is None or raid.label is None:
            continue
        fighting = roles.other_armed or bool(FIGHTING.search(roles.sentence_lower))
        winner = taking_or_harm(taking.label, raid.label, roles.fatalities, roles.injured, fighting)
        if winner is not None:
            return (winner == "taking") == taking_is_new
    return priority(reading.label, reading.trigger) > priority(previous.label, previous.trigger)


def priority(label: tuple[str, str], tok: Token) -> int:
    """Which trigger speaks for the sentence: the one nearest the root, then the most specific type."""
    score = TYPE_PRIORITY[label[0]] * TYPE_PRIORITY_SCALE
    if label[1] in ("Armed clash", "Attack"):
        score -= DEFAULT_SUB_TYPE_PENALTY  # defaults: a more specific sub-type in the same sentence wins
    if label[1] in ("Non-state actor overtakes territory", "Government regains territory"):
        score += TERRITORY_BONUS
    if tok.lemma_.lower() in WEAK_TRIGGERS:
        score -= WEAK_TRIGGER_PENALTY
    depth = sum(1 for _ in tok.ancestors)
    if _antecedent(tok):
        score -= (
            ANTECEDENT_PENALTY  # "troops were sent in after the attack": the attack is what led to the news
        )
    return score - DEPTH_PENALTY * depth


def _antecedent(tok: Token) -> bool:
    """Whether the trigger sits in an "after ...", "following ..." or "despite ..." phrase or clause of
    another verb: what led to (or failed to stop) the news, not the news."""
    return antecedent_head(tok) is not None
