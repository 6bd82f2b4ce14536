"""Sub-type boundaries: where ACLED draws the line between neighbouring sub-types, decided by who the crowd
is, whether it is organised, what the forces did and with what result. ``classify`` asks these questions;
the words they test are data (``data/subtype_words.csv``), the grammar is here.

The decision table (our reading of ACLED's definitions, per boundary: one side / the other side / decided by;
examples of both sides of each line are in ``tests/test_extract_subtypes.py``):

- **Force on a demonstration.** *Excessive force against protesters*: the crowd, itself peaceful, is targeted
  with weapons that kill (live rounds, gunfire; not into the air) or suffers serious or lethal harm (killed,
  shot, hospitalised). / *Protest with intervention*: forces try to disperse or stop it without that (tear
  gas, water cannon, rubber bullets, batons, arrests, warning shots). *Peaceful protest*: nobody acts against
  it (arrests a demand is about happened before). / Decided by what the forces did, and the result.
- **Crowd violence, demonstrating or not.** *Violent demonstration*: demonstrators (a crowd with a demand or a
  grievance) throw stones, burn, barricade, storm or fight the police. / *Mob violence*: a crowd violent
  without demonstrating (a lynching, two villages fighting, a crowd punishing a thief). / Decided by whether
  the crowd is demonstrating.
- **Demonstration, violent or not.** *Violent demonstration*: the crowd itself destroys, fights or blocks
  roads with barricades or fires. / *Peaceful protest*: a blockade or sit-in told as peaceful, without
  destruction or fighting. / Decided by what the crowd did.
- **Mob violence and attack.** *Mob violence*: an unorganised crowd (rioters, a mob, residents, party
  supporters) harms people or property, also with stones, sticks or petrol bombs. / *Attack*: an organised
  armed actor (forces, rebels, militias, gunmen, a crowd that shoots) harms civilians. / Decided by who the
  doer is, and whether it is organised and armed.
- **Taking people.** *Abduction/forced disappearance*: a non-state armed group takes people (also when it
  "arrests" them), or anyone takes them to an unknown fate; a raid whose only harm is taking people. /
  *Arrests*: state forces detain people openly; *Attack*: the people taken are killed or wounded in the same
  telling. / Decided by who takes them, whether their fate is known, and whether anyone is hurt.
- **Deaths in fighting and attack.** *Armed clash*: people die or are wounded in clashes, fighting or
  crossfire between armed sides; the dead are the battle's toll, whoever they were, and its sides are the
  actors (``roles.died_in_fighting``). / *Attack*: an armed actor targets people who do not fight back. /
  Decided by whether the text sets the deaths in fighting.
- **A crowd's or a fight's news and what led to it.** The weapon of remote violence or the sexual violence
  told in an "after ...", "following ..." or "despite ..." part of the sentence is that earlier event's:
  "protesters clashed with police after a suicide bomber killed 20" is a *Violent demonstration*, not a
  *Suicide bomb*. /
  Told with the trigger's own event, or with a death or attack (whose "after" part tells how it happened:
  "nine mourners died after two suicide bombers blew themselves up"), they make its sub-type (*Suicide
  bomb*, *Sexual violence*, *Grenade*). / Decided by the part of the sentence the words are in and the kind
  of trigger (``article.trigger_cues``).
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.extract.lexicon_loader import lexicon

_LEXICON = lexicon()

# Substrings that make a text about a protest ("strike" only as a general or hunger strike: is_protest_text).
PROTEST_WORDS = _LEXICON.word_list("protest_words")
LETHAL_WEAPONS = _LEXICON.word_list("lethal_weapons")
NONLETHAL_MODIFIERS = _LEXICON.words("nonlethal_modifiers")
SERIOUS_HARM = _LEXICON.word_list("serious_harm")
RELEASE_WORDS = _LEXICON.word_list("release_words")
CROWD_WEAPONS = _LEXICON.word_list("crowd_weapons")
GRIEVANCE_WORDS = _LEXICON.word_list("grievance_words")
PEACEFUL_WORDS = _LEXICON.word_list("peaceful_words")


def _words_pattern(words: tuple[str, ...], stems: bool = False) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    tail = r"\w*" if stems else r"\b"
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in ordered) + r")" + tail)


# --- is there a demonstration -------------------------------------------------------------------------------

# "On March 30", "in early March", "the March 23 Movement": the month, not a march.
_MONTH_MARCH = re.compile(
    r"\b\d{1,2}(st|nd|rd|th)? march\b|\bmarch \d|\b(in|on|since|early|late|mid|of|until|during|last|next|"
    r"this|from)[ -]march\b|\bmarch(,| of| and| to| in| last| this) (\d|early|late|mid|"
    r"april|may|june|february)"
)
_GRIEVANCE = _words_pattern(GRIEVANCE_WORDS, stems=True)
# A crowd that gathers (or takes to the streets) to ask for something is demonstrating.
_GATHERED = re.compile(r"\b(gather(ed|ing)?|took to the streets)\b")


def is_protest_text(lower: str) -> bool:
    """Whether a (lower-cased) text talks about a protest."""
    lower = _MONTH_MARCH.sub(" ", lower)
    if any(w in lower for w in PROTEST_WORDS):
        return True
    if re.search(r"\b(general|hunger|workers'?|teachers'?) strike", lower):
        return True
    return any(_GRIEVANCE.search(lower[m.end() : m.end() + 90]) for m in _GATHERED.finditer(lower))


# --- force on a demonstration -------------------------------------------------------------------------------

_FORCES = re.compile(r"police|forces|troops|soldiers|fighters|militiamen|gunmen|guards|security|army")
_CROWD = r"(protest\w*|demonstrat\w*|crowds?|marchers|rally|gathering|them|sit-in)"
_FIRE_AT_CROWD = re.compile(
    r"\b(fired|firing|fire|opened fire|shot|shooting|shoot)\b( (live )?(rounds|bullets|shots))? "
    rf"(at|on|upon|into)(?! the air)(?! air)"
    rf"( [\w'-]+){{0,5}} {_CROWD}\b"
)
_CROWD_HURT = re.compile(
    r"\b(protesters?|demonstrators?|marchers?)\b[^.;]{0,30}\b(killed|shot|died|wounded by (gun)?fire|"
    r"injured by (gun)?fire)\b|"
    r"\b(killed|shot dead|shot|wounded|injured)\b( \w+){0,3} (protesters|demonstrators)\b"
)
_LETHAL = _words_pattern(LETHAL_WEAPONS)
_SERIOUS_HARM = _words_pattern(SERIOUS_HARM)
_INTO_THE_AIR = re.compile(r"^[^.;]{0,40}\b(in|into|in to) the air\b")
_INTO_THE_AIR_BEFORE = re.compile(r"\b(in|into|in to) the air\b[^.;]{0,40}$")
_WOUNDED_BY = re.compile(
    r"\b(wounded|injured|hit|hurt|struck)\b( \w+){0,2} by (gun ?fire|bullets?|gunshots?)"
)


def lethal_weapon_used(lower: str) -> bool:
    """Weapons that kill were used on the crowd: live rounds, bullets, gunfire, not rubber or plastic bullets
    and not shots into the air."""
    for m in _LETHAL.finditer(lower):
        before = lower[: m.start()].split()[-1:]
        if before and before[0].split("-")[0] in NONLETHAL_MODIFIERS:
            continue  # "rubber bullets", "warning shots"
        if _INTO_THE_AIR.match(lower[m.end() :]) or _INTO_THE_AIR_BEFORE.search(lower[: m.start()]):
            continue  # "fired live rounds into the air", "fired into the air with live ammunition"
        return True
    return bool(_WOUNDED_BY.search(lower))


def force_on_crowd(lower: str) -> bool:
    """Whether a report of force used on a crowd tells excessive force: weapons that kill aimed at it, or
    people of the crowd killed, shot or seriously hurt."""
    return bool(_FIRE_AT_CROWD.search(lower) or _CROWD_HURT.search(lower))


def seriously_harmed(lower: str) -> bool:
    """People hospitalised, critically injured, left with fractures: ACLED's serious injuries."""
    return bool(_SERIOUS_HARM.search(lower))


_RELEASE_OF_DETAINED = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in RELEASE_WORDS) + r")\b( of)?"
    r"((?:(?! and )(?! but )(?!, (?!who |that |which ))[^.;]){0,80}?)"  # within the demand's noun phrase
    r"\b(arrested|detained|jailed|held|imprisoned|abducted)\b"
)
# "the release of students who were detained": a relative clause; "demanding the release of prisoners were
# arrested": the passive is the sentence's own verb, an arrest of the demonstrators themselves.
_PASSIVE_MAIN = re.compile(r"(?<!who )(?<!that )(?<!had )\b(were|was|been|being|are|is)\s*$")


def without_earlier_arrests(lower: str) -> str:
    """The text without the arrests a demand is about ("the release of students detained last week"): those
    happened before the protest, and are no intervention in it."""

    def earlier(m: re.Match[str]) -> str:
        return m.group(0) if _PASSIVE_MAIN.search(m.group(0)[: m.start(4) - m.start()]) else " "

    return _RELEASE_OF_DETAINED.sub(earlier, lower)


def protest_label(
    lower: str,
    cues: frozenset[str],
    fatalities: int | None = None,
    injured: int | None = None,
    *,
    crowd_violent: bool = False,
    shot_at: bool = False,
    intervened: bool = False,
) -> tuple[str, str]:
    """ACLED's protest sub-types from what a report says the crowd and the forces did. Demonstrators who
    turn violent make a violent demonstration whatever the forces answer with; force used on a peaceful
    crowd is excessive when it is lethal (weapons that kill aimed at it, people killed, shot or seriously
    hurt), an intervention when it disperses, beats or arrests. The flags carry what the parse found in the
    sentences of the report: a crowd's violence, shooting at the crowd, any other intervention."""
    # A blockade or sit-in told as peaceful is no violence of the crowd (blocking is its only "violence").
    blocked_peacefully = "protest_violence" in cues and peaceful_blockade(lower)
    if crowd_violent or ("protest_violence" in cues and not blocked_peacefully) or "property" in cues:
        return "Riots", "Violent demonstration"
    killed = bool(fatalities) and "accident" not in cues
    wounded = bool(injured) and bool(_FORCES.search(lower))
    if shot_at or force_on_crowd(lower) or ("lethal_force" in cues and (killed or wounded)):
        return "Protests", "Excessive force against protesters"
    # "demanding the release of those detained last week": arrests before the protest are no intervention
    intervention = intervened or (
        "intervention" in cues and bool(_intervention_cue().search(without_earlier_arrests(lower)))
    )
    if intervention and (lethal_weapon_used(lower) or seriously_harmed(lower)):
        return "Protests", "Excessive force against protesters"
    if intervention:
        return "Protests", "Protest with intervention"
    return "Protests", "Peaceful protest"


@cache
def _intervention_cue() -> re.Pattern[str]:
    from pipeline.extract.lexicon import CUES  # lexicon's cues are regexes of grammar, kept in code

    return CUES["intervention"]


# --- crowds: demonstrating, organised, peaceful -----------------------------------------------------------

_CROWD_WEAPON = _words_pattern(CROWD_WEAPONS)


def crowd_weapon(lower: str) -> bool:
    """Petrol bombs, Molotov cocktails, crude bombs: what a crowd throws, not an armed group's device."""
    return bool(_CROWD_WEAPON.search(lower))


_PEACEFUL = _words_pattern(PEACEFUL_WORDS)


@cache
def _violence_besides_blocking() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from pipeline.extract.lexicon import CUES

    blocking = re.compile(
        r"\b(block(ed|ing)?|cut|clos(ed|ing))( off)? ([\w'-]+ ){0,2}(roads?|streets?|highways?|traffic)|"
        r"roadblocks?|barricad\w*"
    )
    return re.compile(f"(?:{CUES['protest_violence'].pattern})"), blocking


def peaceful_blockade(lower: str) -> bool:
    """A blockade or sit-in told as peaceful, with no other violence (no stones, fires or fighting)."""
    if not _PEACEFUL.search(lower):
        return False
    violence, blocking = _violence_besides_blocking()
    return not violence.search(blocking.sub(" ", lower))


# --- taking people ---------------------------------------------------------------------------------------

# Taking people: an abduction, or an arrest ("police raided 12 homes and detained two suspects": ACLED codes
# a raid that only detains people as the arrests).
TAKING = frozenset({"Abduction/forced disappearance", "Arrests"})
RAIDING = frozenset({"Attack", "Armed clash"})


def taking_or_harm(
    taking: tuple[str, str],
    raid: tuple[str, str],
    fatalities: int | None,
    injured: int | None,
    fighting: bool,
) -> str | None:
    """Of an abduction or an arrest and an attack or clash told in one sentence, which one the sentence is
    about: ``harm`` (the attack) when someone was killed or wounded (ACLED codes an abduction with deaths or
    injuries as an attack), ``taking`` when nobody was and nobody fought back (a raid to take people);
    None when neither rule applies (the parse decides)."""
    if taking[1] not in TAKING or raid[1] not in RAIDING:
        return None
    if fatalities or injured:
        return "harm" if raid[1] == "Attack" else None
    return None if fighting else "taking"
