"""Discourse: what a sentence means given the sentences around it. "These strikes" refers back to the air
strikes just told; "the explosion" after "hurled grenades" is the grenades' blast, not a bomb of its own;
"a week after the attack" is the attack told before, not one of that day;
the arrests, the tear gas and the shooting told next to a protest are that protest's intervention, coded
once with the whole telling's sub-type and actors.

Reads mentions (and the sentences' texts) after every sentence has been read; decides relabelled mentions,
with new ids made by ``assembly.mention_id``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from pipeline.extract.actors import generic_actor
from pipeline.extract.assembly import mention_id
from pipeline.extract.classify import is_protest_text, protest_label
from pipeline.extract.lexicon import CUES
from pipeline.extract.model import Mention, SentenceInput
from pipeline.extract.settings import BLAST_LOOKBACK, EPISODE_WINDOW, STRIKES_LOOKBACK
from pipeline.vocabulary import VIOLENT_TYPES

# --- strikes referring back --------------------------------------------------------------------------------
# "Officials showed footage of airstrikes in Tal Afar. ... fleeing these strikes that left 50 dead": a
# demonstrative or definite "strikes" or "raids" refers back to the weapon just told.
REFERRING_STRIKES = re.compile(r"\b(these|those|the|such) (strikes?|raids?|bombardments?)\b")


def cues_referred_to(
    lower: str, cues: frozenset[str], here: int, cues_by_sentence: Mapping[int, frozenset[str]]
) -> frozenset[str]:
    """The air or shelling cues of the sentences just before that "these strikes" in this one refers to."""
    if cues & {"air", "shelling"} or not REFERRING_STRIKES.search(lower):
        return frozenset()
    for offset in range(1, STRIKES_LOOKBACK + 1):
        before = cues_by_sentence.get(here - offset, frozenset()) & {"air", "shelling"}
        if before:
            return before
    return frozenset()


def protest_told_before(here: int, cues_by_sentence: Mapping[int, frozenset[str]]) -> frozenset[str]:
    """The protest cue of the sentences just before: "Thousands protested on Sunday. At least 60,000 people
    gathered in the main square" tells the same protest."""
    for offset in range(1, STRIKES_LOOKBACK + 1):
        if "protest" in cues_by_sentence.get(here - offset, frozenset()):
            return frozenset({"protest"})
    return frozenset()


# --- blasts told after their weapon ------------------------------------------------------------------------
# "Militants hurled grenades at the soldiers. The explosions killed five": the blast is the grenades', not a
# bomb of its own. A sentence whose only explosive words are generic (blast, explosion, went off) takes the
# weapon of the explosive attack told at the same place just before; after an accident told just before (a
# plant on fire, a gas leak), or before a sentence that gives an accident as its cause ("the blast was caused
# by a gas leak"), it is that accident's, and no attack.
# A sentence after the blast that gives its cause ("engineers said the blast was caused by a faulty valve").
_CAUSED_BY = re.compile(
    r"\b(?:caused by|due to|result of|blamed on|because of|triggered by)\b", re.IGNORECASE
)
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
            told = " ".join(
                texts.get((m.article_id, m.sentence_index - d), "") for d in range(1, BLAST_LOOKBACK + 1)
            )
            after = (
                texts.get((m.article_id, m.sentence_index + d), "") for d in range(1, BLAST_LOOKBACK + 1)
            )
            explained = any(_CAUSED_BY.search(t) and CUES["accident"].search(t) for t in after)
            if m.actor1 is None and (CUES["accident"].search(told) or explained):
                continue
            before = next(
                (
                    p
                    for p in mentions
                    if p.article_id == m.article_id
                    and 0 < m.sentence_index - p.sentence_index <= BLAST_LOOKBACK
                    and p.sub_event_type in SPECIFIC_REMOTE
                    and p.location == m.location
                ),
                None,
            )
            if before is not None:
                m = replace(
                    m,
                    sub_event_type=before.sub_event_type,
                    mention_id=mention_id(m.article_id, m.sentence_index, m.location, before.sub_event_type),
                )
        out.append(m)
    return out


# --- events referred back to ------------------------------------------------------------------------------
# "Two days after the bombing, mourners met to remember the victims of the blast": a
# definite event noun after "after", "since", "following" or "victims of" names a violent event told earlier
# in the article, not one of the sentence's own day and place. It takes that event's place, date and sub-type
# (and so joins it in dedup) instead of making a new event of the gathering's day.
# The words between the article and the noun are lower-case: "since the January 29 raid" dates its own raid.
# So does a definite event noun that is what someone reacts to ("investigating the death", "condemned the
# attack", "claimed responsibility for the bombing", "an inquiry into the killing"): the reaction is news,
# the event was told before.
_REFERRING = (
    r"\b(?i:after|since|following|before|victims of|aftermath of|wake of|anniversary of|in response to|"
    r"investigat\w*|probe into|probing|inquiry into|investigation into|condemn\w*|responsibility for|"
    r"blamed \w+ for|mourn\w*|reacted to|denied involvement in)\s+"
    r"(?i:the|this|that|his|her|their|last \w+[’']s)\s+(?:[a-z][a-z-]*\s+){0,2}"
)
_TAKEN_FROM_BEFORE = (
    "event_type", "sub_event_type", "location", "admin1", "country_code", "latitude", "longitude",
    "geo_precision", "geonameid", "geo_evidence", "event_date", "date_start", "date_end", "date_precision",
    "date_evidence", "is_background",
)  # fmt: skip


def referred_back(m: Mention) -> bool:
    """Every use of the mention's trigger in its sentence names an event told before ("after the attack")."""
    word = re.escape(m.trigger)
    uses = len(re.findall(rf"\b{word}\b", m.sentence))
    return uses > 0 and len(re.findall(_REFERRING + rf"{word}\b", m.sentence)) == uses


def resolve_references(mentions: list[Mention], sentences: list[SentenceInput]) -> list[Mention]:
    """A violent mention that only refers back to an event ("after the attack") becomes a mention of the
    last violent event of its type its article told before it (or, lacking one, of the last violent event)."""
    out = []
    for m in mentions:
        if m.event_type in VIOLENT_TYPES and referred_back(m):
            before = [
                p for p in mentions
                if p.article_id == m.article_id and p.sentence_index < m.sentence_index
                and p.event_type in VIOLENT_TYPES
            ]  # fmt: skip
            if before:
                same_type = [p for p in before if p.event_type == m.event_type]
                told = max(same_type or before, key=lambda p: p.sentence_index)
                m = replace(
                    m,
                    **{f: getattr(told, f) for f in _TAKEN_FROM_BEFORE},
                    mention_id=mention_id(m.article_id, m.sentence_index, told.location, told.sub_event_type),
                )
        out.append(m)
    return out


# --- protest episodes --------------------------------------------------------------------------------------
# ACLED codes a protest once, by what happened to it: the arrests, the tear gas or the shooting told in the
# next sentences are that protest's intervention, not events of their own.
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
    # The crowd keeps who it belongs to, whichever side it ends up on.
    crowd_assoc = next((assoc for actor, assoc in ((m.actor1, m.assoc_actor_1), (m.actor2, m.assoc_actor_2))
                        if actor and actor.startswith(CROWD_ACTORS) and assoc), None)  # fmt: skip
    if label[1] == "Excessive force against protesters":
        actor1, actor2 = force or m.actor1, crowd
        assoc1, assoc2 = None, crowd_assoc
    else:
        actor1, actor2 = crowd, force if label[1] != "Peaceful protest" else None
        assoc1, assoc2 = crowd_assoc, None
    return replace(
        m,
        event_type=label[0],
        sub_event_type=label[1],
        actor1=actor1,
        actor2=actor2 if actor2 != actor1 else None,
        assoc_actor_1=assoc1,
        assoc_actor_2=assoc2 if actor2 != actor1 else None,
        mention_id=mention_id(m.article_id, m.sentence_index, m.location, label[1]),
    )
