"""Discourse: a withdrawal told together with fighting at its place is a battle that side lost.

ACLED codes a change of control as a non-violent transfer of territory only when the side that took the
place did not fight for it; ground won through a battle is "Government regains territory" or "Non-state
actor overtakes territory", by who won. So a withdrawal or retreat (the ``withdraw`` family: "the troops
pulled back from the town centre") whose article tells armed fighting at the same place within a few days
(a clash, shelling, an air strike; its own sentence naming the place) is the loser leaving after a battle: the
other side took the place. A withdrawal told as handed over ("without a fight", "after the withdrawal")
stays non-violent, and so does one with no fighting told around it.

Reads the mentions of all sentences (after the sentence steps); decides relabelled mentions, with the ids
``assembly.mention_id`` gives their new sub-type.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from pipeline.extract.assembly import mention_id
from pipeline.extract.classify import HANDED_OVER
from pipeline.extract.inter_codes import inter_code
from pipeline.extract.model import Mention, SentenceInput

NON_VIOLENT = "Non-violent transfer of territory"
# Fighting for a place: two armed sides, or one side's remote violence (or an armed group's attack on the
# place itself: _attack_on_the_place). An attack on civilians is no fight for ground.
FIGHTING_TYPES = frozenset({"Battles", "Explosions/Remote violence"})
# How far apart the fighting and the withdrawal may be told: an offensive of days ends in the retreat.
FIGHTING_WINDOW = dt.timedelta(days=7)
TOLD_AT = frozenset({"sentence", "town_nearby"})  # geo_evidence of a place its own sentence names
STATE = 1  # ACLED's inter code of state forces
ARMED = frozenset({1, 2, 3, 4, 8})  # state, rebel, political and identity militias, external forces


def resolve_withdrawals(mentions: list[Mention], sentences: list[SentenceInput]) -> list[Mention]:
    """Relabel a withdrawal told with fighting at its place and time as the battle's territorial outcome."""
    out = []
    for m in mentions:
        if m.sub_event_type == NON_VIOLENT and not HANDED_OVER.search(m.sentence.lower()):
            fights = [o for o in mentions if o is not m and _fight_for(o, m)]
            outcome = _outcome(m, fights) if fights else None
            if outcome is not None:
                sub_type, winner = outcome
                m = replace(
                    m,
                    event_type="Battles",
                    sub_event_type=sub_type,
                    actor1=winner,
                    actor2=m.actor1,
                    assoc_actor_2=m.assoc_actor_1,
                    assoc_actor_1=None,
                    mention_id=mention_id(m.article_id, m.sentence_index, m.location, sub_type),
                )
        out.append(m)
    return out


def _fight_for(other: Mention, withdrawal: Mention) -> bool:
    """``other`` tells fighting, in the withdrawal's article, at its place and within the window."""
    if other.article_id != withdrawal.article_id:
        return False
    if other.event_type not in FIGHTING_TYPES and not _attack_on_the_place(other):
        return False
    # The fighting must be told at the place, not placed there because a sentence near it names it ("the
    # military said it fought back with airstrikes", after the withdrawal from a town).
    if other.sub_event_type == NON_VIOLENT or other.location is None or other.geo_evidence not in TOLD_AT:
        return False
    same_place = (
        other.geonameid == withdrawal.geonameid
        if other.geonameid is not None and withdrawal.geonameid is not None
        else other.location == withdrawal.location
    )
    if not same_place:
        return False
    if other.event_date is None or withdrawal.event_date is None:
        return other.event_date is None and withdrawal.event_date is None
    return abs(other.event_date - withdrawal.event_date) <= FIGHTING_WINDOW


def _attack_on_the_place(other: Mention) -> bool:
    """An armed group's attack on the place with no civilians named as its target ("the militants attacked
    the town again"): told with the withdrawal of the side holding it, it was an assault on that side."""
    doer = inter_code(other.actor1) if other.actor1 is not None else None
    return (
        other.sub_event_type == "Attack"
        and doer in ARMED
        and doer != STATE
        and (other.actor2 is None or inter_code(other.actor2) in ARMED)
    )


def _outcome(withdrawal: Mention, fights: list[Mention]) -> tuple[str, str | None] | None:
    """(sub-type, winner) of the battle the side that withdrew lost; None when neither side can be told."""
    loser = withdrawal.actor1
    sides = [a for f in fights for a in (f.actor1, f.actor2) if a is not None and a != loser]
    winner = next((a for a in sides if inter_code(a) in ARMED), None)  # never the civilians hit
    if winner is not None:
        won_by_state = inter_code(winner) == STATE
    elif loser is not None and inter_code(loser) is not None:
        won_by_state = inter_code(loser) != STATE  # state forces retreat before non-state ones, and back
    else:
        return None
    return ("Government regains territory" if won_by_state else "Non-state actor overtakes territory"), winner
