"""Detection: does this sentence report a specific, real event in ACLED's scope, and why (or why not)?

Coding (type, actors, place, date) says *what* an event would be; detection decides *whether* there is one.
It reads the evidence the annotation guide and ACLED's definitions ask for, never a sentence's particular
words:

- a violent sense of the trigger: a physical target or participants, an armed actor, counted victims or a
  weapon ("an attack on the courts", "hit by litigation costs", "fighting for jobs" have none of these);
- one specific occurrence, not a statistic over a period ("the war has killed 10,000") nor a list or table,
  nor a kind of thing: a noun that only modifies another ("gun control", "bomb threats");
- an attack, not a weapons test: a missile fired as a test, with no target and no victims, is no event;
- today's news, not history told as background (an event dated more than ``HISTORY_DAYS`` before the article);
- one occurrence anchored in time or place: outside the article's lead (its first ``LEAD_SENTENCES``
  sentences, where news reports tell the day's news), an event needs a date or a place finer than a country,
  and more than one piece of evidence (``MIN_EVIDENCE``);
- realis (not planned, feared, denied, hypothetical): decided earlier by ``modality.is_realis``; its refusals
  are recorded here too, so every candidate sentence has a decision and a reason.

The result is a :class:`Decision` per candidate (kept or not, a reason code from ``REASONS``, a score in 0-1
that summarises the evidence). Pure functions of the parse and the coded fields: same input, same decision.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from pipeline.extract.actors import find_named_group, find_party
from pipeline.extract.classify import WEAPON_CUES
from pipeline.extract.crime import ordinary_crime, political_role_in_clause
from pipeline.extract.lexicon import ARMED_CATEGORIES, GENERIC_ACTORS, TRIGGERS
from pipeline.extract.lexicon_loader import lexicon
from pipeline.extract.model import ArticleFacts, Decision, Reading, Refusal, SentenceFacts
from pipeline.extract.occurrence import (
    entry_of_a_list,
    kept_up,
    legal_case,
    running_tally,
    series_or_trend,
    share_of_a_population,
    toll_over_a_period,
)
from pipeline.extract.settings import DETECT_HISTORY_DAYS as HISTORY_DAYS
from pipeline.extract.settings import DETECT_LEAD_SENTENCES as LEAD_SENTENCES
from pipeline.extract.settings import DETECT_MIN_EVIDENCE as MIN_EVIDENCE
from pipeline.extract.syntax import doc_text, objects_of

REASONS = {
    "event": "reports a specific, real event",
    "same_place": "reports the same event as another trigger of its sentence at the same place (merged)",
    "not_realis": "planned, feared, denied, hypothetical, habitual or generic (modality)",
    "not_coded": "a trigger word, but no ACLED event reading of it (sense or roles)",
    "future": "dated after the article",
    "history": f"an event told as background, more than {HISTORY_DAYS} days before the article",
    "past_period": "an undated event inside a past period or a since-clause (history)",
    "unanchored": (
        "no date and no place finer than a country named in its own sentence (or, with counted victims, in"
        " the sentences around), outside the article's lead: not one occurrence"
    ),
    "modifier": "the word names a kind of thing ('gun control', 'missile defence'), not an occurrence",
    "weapons_test": "a weapon fired as a test, with no target and no victims: not an attack",
    "thin": "at most one piece of evidence (a place, a date, a weapon or a target) besides the word itself",
    "figurative": (
        "no physical target, participants, armed actor, victims or weapon, or what 'exploded' is a number"
        " or a mood: a figurative or abstract use"
    ),
    "statistic": (
        "a toll or count over a period or a conflict ('so far', 'since 2014') or a series ('the continuing"
        " attacks'), not one occurrence"
    ),
    "not_prose": "a list, table or timeline, not a sentence of news",
    "listed": (
        "named as an entry of a list, database or ranking ('a list of 78 attacks', 'the tally included the"
        " bombing'): what a document holds, not a report of the event"
    ),
    "not_political": "an arrest of people with no political, civic or armed role named: a criminal case",
    "crime": (
        "violence by one person named as the doer, on ordinary people, with no weapon of war, in an article"
        " that names no armed group or party and no political violence or protest: a private crime, not an"
        " ACLED event"
    ),
    "time_reference": (
        "a ceasefire or agreement named as the time of something else ('after the truce', 'during the"
        " ceasefire'), not its conclusion; or an undated event named as when a period began ('since the"
        " bombings in X')"
    ),
    "topic": (
        "a ceasefire or agreement that talks, a meeting or a body are about ('the task force on the"
        " ceasefire', 'talks over a truce'), not its conclusion"
    ),
    "legal_case": (
        "what someone is tried, jailed, charged or investigated for ('jailed for stabbing', 'the man who"
        " killed her was sentenced'), or, told with no time of its own, what suspects are held for or accused"
        " of ('four suspects in the killing', 'arrested in connection with the bombing'): a court case or"
        " inquiry, not an event"
    ),
    "exercise": (
        "a drill, an exercise or a simulation ('during the drills, jets struck mock targets'): no real event"
    ),
    "search": (
        "a raid by the police, prosecutors or other law enforcers with nobody hurt, taken or fighting back: a"
        " search, not an ACLED event (detaining people is Arrests, force an Attack)"
    ),
    "unlikely": (
        "kept by the rules, but the learned filter finds a real event unlikely (score: its probability)"
    ),
}

# Places its own sentence names (geo.event_place): a place borrowed from the sentences around an undated
# sentence says where the story is, not that the sentence tells one occurrence there.
PLACED_HERE = frozenset({"sentence", "town_nearby"})
VIOLENT_FAMILIES = frozenset({"attack", "kill", "wound", "clash", "airstrike", "shell", "explode"})

# Heads of a physical target or of participants: people, armed bodies, places and things that can be hit.
TARGET_NOUNS = frozenset(
    """people person civilian resident villager man men woman women child children boy girl student worker
    soldier troop policeman policemen officer guard fighter militant rebel insurgent gunman protester
    demonstrator crowd worshipper pilgrim passenger driver farmer family journalist prisoner inmate
    army police force convoy patrol checkpoint base camp post position outpost barracks garrison
    village town city district neighbourhood neighborhood area region province suburb
    building house home mosque church temple shrine synagogue school university hospital clinic market
    bazaar shop restaurant hotel cafe bar nightclub office station embassy consulate headquarters compound
    airport airbase bridge road highway vehicle car bus truck train tanker ship boat plane aircraft
    helicopter jet drone tank pipeline plant well field cemetery stadium square""".split()
)
# Objects that make a violent word figurative: institutions' work, ideas, money and markets, not bodies.
ABSTRACT_NOUNS = frozenset(
    """value right law court justice system network media press policy plan deal idea record job economy
    price cost tax rate share stock profit loss budget market reputation credibility image truth freedom
    democracy graft corruption crime problem issue poverty disease cancer virus target goal islam
    deadline violence anger tension number population demand popularity debate controversy""".split()
)
ABSTRACT_SUFFIX = re.compile(r"(tion|sion|ism|ity|ness|ment|ance|ence|ship|dom|acy)s?$")
TARGET_ENTITIES = frozenset({"PERSON", "NORP", "GPE", "LOC", "FAC"})
CROWD_WORDS = re.compile(
    r"\b(thousands|hundreds|dozens|scores|tens of thousands|crowds?|people|protesters|demonstrators|"
    r"marchers|students|workers|residents|villagers|supporters|activists|members)\b",
    re.IGNORECASE,
)
# Capitalised field labels ("TARGET:", "ATTACKER:") or long runs of capitals mark a list or table.
_FIELD_LABEL = re.compile(r"\b[A-Z]{3,}(?: [A-Z]{3,})*:")


@dataclass(frozen=True)
class Evidence:
    armed: bool  # an armed actor (state forces, a named or unidentified armed group) does or suffers it
    victims: bool  # killed or injured counted
    weapon: bool  # a weapon or manner of violence named in the sentence
    target: bool  # a physical target or participants (people, a place, a building, a vehicle)
    crowd: bool  # a crowd, its size or its members
    place: bool  # anchored to a place finer than a country
    time: bool  # anchored to a date


def detect_step(reading: Reading, sentence: SentenceFacts, article: ArticleFacts) -> Reading | Refusal:
    """Sentence step: keep a classified, dated reading only if it reports a specific, real event
    (``decide``)."""
    when = reading.when
    verdict = decide(
        reading.trigger,
        reading.roles,
        reading.label[0],
        reading.place_precision,
        _latest_likely_day(when) if when is not None else None,
        when is not None,
        article.published,
        lead=sentence.input.sentence_index < LEAD_SENTENCES,
        placed_here=reading.place_evidence in PLACED_HERE,
    )
    if not verdict.is_event:
        return Refusal(verdict.reason, verdict.score)
    if ordinary_crime(reading.trigger, reading.roles, reading.label[0], article):
        return Refusal("crime", verdict.score)
    return replace(reading, score=verdict.score)


def _latest_likely_day(when) -> dt.date:
    """The day to test a date's age by: its last day, but the middle of a year ("last year", written in
    February, is most likely months before, though the year ended weeks ago)."""
    if when.precision == "year":
        return when.start + (when.end - when.start) / 2
    return when.end


def reading_evidence(reading: Reading) -> Evidence:
    """The evidence of a classified, dated reading (``evidence``)."""
    return evidence(reading.trigger, reading.roles, reading.place_precision, reading.when is not None)


def evidence(tok: Token, roles, place_precision: str, dated: bool) -> Evidence:
    """What the sentence of ``tok`` tells about the event ``tok`` reports (``roles``: classify.Roles)."""
    categories = {a.category for a in (roles.actor1, roles.actor2) if a is not None}
    return Evidence(
        armed=bool(categories & ARMED_CATEGORIES),
        victims=bool(roles.fatalities or roles.injured),
        weapon=bool(roles.cues & WEAPON_CUES),
        target=_physical_target(tok) or roles.actor2 is not None,
        crowd=bool(CROWD_WORDS.search(doc_text(tok.doc)))
        or "protesters" in categories
        or "rioters" in categories,
        place=place_precision in ("place", "near_place", "admin2", "admin1"),
        time=dated,
    )


def decide(
    tok: Token,
    roles,
    event_type: str,
    place_precision: str,
    event_end: dt.date | None,
    dated: bool,
    published: dt.date | None,
    lead: bool = True,
    placed_here: bool = True,
) -> Decision:
    """Is the event ``tok`` was coded as (``event_type``, ``roles``) a specific, real event of the article's
    time? ``placed_here``: its place is named in its own sentence (not borrowed from the sentences around
    it, the dateline or the article's country), which alone anchors an undated event outside the lead."""
    ev = evidence(tok, roles, place_precision, dated)
    score = _score(ev)
    if not_prose(tok.doc):
        return Decision(False, "not_prose", score)
    if (
        dated
        and published is not None
        and event_end is not None
        and (published - event_end).days > HISTORY_DAYS
    ):
        return Decision(False, "history", score)
    # A place borrowed from the sentences around anchors only an event with its own counted victims ("gunmen
    # later attacked a post, killing two officers"), not a story's generalities ("the protests have drawn
    # thousands").
    if not lead and not dated and not (ev.place and (placed_here or ev.victims)):
        return Decision(False, "unanchored", score)
    if _modifier(tok):
        return Decision(False, "modifier", score)
    if not (ev.armed or ev.victims) and _blamed_for(tok):
        return Decision(False, "figurative", score)
    if legal_case(tok):
        return Decision(False, "legal_case", score)
    if roles.family == "agreement" and tok.dep_ == "pobj" and tok.head.lower_ in _TIME_PREPOSITIONS:
        return Decision(False, "time_reference", score)
    if not dated and tok.dep_ == "pobj" and tok.head.lower_ == "since":
        # "since the bombings in X, the country has poured money into security": when a period began, told
        # of an event the article does not date (a dated one, "since the attack on Monday", is reported)
        return Decision(False, "time_reference", score)
    if roles.family == "agreement" and _topic_of(tok):
        return Decision(False, "topic", score)
    if (
        event_type == "Explosions/Remote violence"
        and not ev.victims
        and not _physical_target(tok, besides_doer=True)
        and _told_as_test(tok)
    ):
        return Decision(False, "weapons_test", score)
    if event_type == "Explosions/Remote violence" and not ev.victims and _launched_at_nothing(tok):
        return Decision(False, "weapons_test", score)
    if _law_enforcement_search(tok, roles, ev):
        return Decision(False, "search", score)
    if roles.family in VIOLENT_FAMILIES and not ev.victims and _told_as_exercise(tok):
        return Decision(False, "exercise", score)
    if roles.family == "arrest" and not _political_arrest(tok, roles):
        return Decision(False, "not_political", score)
    if roles.family == "explode" and _abstract_subject(tok):
        return Decision(False, "figurative", score)
    if roles.family in VIOLENT_FAMILIES and not ev.victims and _abstract_objects(tok):
        return Decision(False, "figurative", score)  # "fighting terrorism and extremism", "attack on values"
    if event_type == "Explosions/Remote violence" and not ev.victims and _unarmed_doer(roles):
        return Decision(False, "figurative", score)  # "bombarded by angry voters with questions"
    if running_tally(tok) or series_or_trend(tok) or share_of_a_population(tok) or _toll_of_a_war(roles):
        return Decision(False, "statistic", score)
    if roles.family in VIOLENT_FAMILIES:
        if toll_over_a_period(tok) or kept_up(tok):
            return Decision(False, "statistic", score)
        # A noun trigger anchored to a town ("an assault took place in X") is an occurrence, not a figure.
        anchored_noun = tok.pos_ == "NOUN" and place_precision in ("place", "near_place")
        if not (ev.armed or ev.victims or ev.weapon or ev.target or anchored_noun):
            return Decision(False, "figurative", score)
    if entry_of_a_list(tok):
        return Decision(False, "listed", score)
    if not lead and score < MIN_EVIDENCE:
        return Decision(False, "thin", score)
    return Decision(True, "event", score)


UNARMED_CATEGORIES = frozenset({"civilians", "protesters", "rioters"})


def _unarmed_doer(roles) -> bool:
    """Civilians, crowds and rioters fire no shells and fly no aircraft: remote violence they do with no
    weapon in hand (a grenade, a bomb) is a figure ("reporters bombarded the minister with questions")."""
    return (
        roles.actor1 is not None
        and roles.actor1.category in UNARMED_CATEGORIES
        and not roles.cues & (WEAPON_CUES - {"air", "shelling"})
    )


# No single attack, battle or riot of the news kills or wounds this many: such a toll is a war's or a
# campaign's ("a war that has left 300,000 dead"), however the sentence is parsed.
WAR_TOLL = 5000


def _toll_of_a_war(roles) -> bool:
    return max(roles.fatalities or 0, roles.injured or 0) >= WAR_TOLL


def not_prose(doc: Doc) -> bool:
    """A timeline or table pasted as one 'sentence': field labels or many words in capitals."""
    if len(_FIELD_LABEL.findall(doc_text(doc))) >= 2:
        return True
    capitals = sum(1 for t in doc if t.is_alpha and t.is_upper and len(t) > 2)
    return capitals >= 8


def _modifier(tok: Token) -> bool:
    """A common noun that modifies another noun naming no occurrence: "gun control", "demonstration team",
    "missile defence", "bomb threats". Stays an event: a head that is an event word ("a car bomb attack"),
    an action noun ("artillery bombardments", "mortar shelling"), a light noun ("the exchange process"), or
    counted ("several mortar rounds")."""
    if tok.pos_ == "ADJ" and tok.dep_ == "amod" and not _PARTICIPLE.search(tok.lower_):
        return True  # "an offensive way", "explosive growth": an adjective describes, it tells no event
    # A word inside a name ("the Innovation Demonstration Zone"); its head may be one ("Women's March").
    if tok.pos_ == "PROPN" and tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and not tok.is_sent_start:
        return True
    if tok.pos_ != "NOUN" or tok.dep_ not in ("compound", "amod", "nmod") or tok.head.pos_ != "NOUN":
        return False
    if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "-":  # "sit-in": one word
        return False
    head = tok.head
    lemma = head.lemma_.lower()
    if lemma in TRIGGERS or lemma in LIGHT_HEADS or _ACTION_NOUN.search(lemma):
        return False
    if _AGENT_NOUN.search(lemma):
        return True  # "three protest leaders", "bomb makers": people named by what they do
    return not any(
        c.dep_ in ("nummod", "quantmod") or (c.dep_ == "amod" and c.lower_ in _COUNTING)
        for c in head.children
    )


_PARTICIPLE = re.compile(r"(ed|en|ing)$")  # "wounded soldiers", "burning cars": an event told in passing
_AGENT_NOUN = re.compile(r"(er|or|ist|ant)$")  # "leader", "organiser", "activist", "participant"
CRITICISM_VERBS = lexicon().words("criticism_verbs")
REASON_NOUNS = lexicon().words("reason_nouns")


def _blamed_for(tok: Token) -> bool:
    """ "blasted journalists for reporting", "slammed the governor for his remarks": a verb of criticism
    whose "for" gives what someone said or did is blame, not violence (unless an armed actor or victims say
    otherwise: the caller checks)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in CRITICISM_VERBS:
        return False
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ != "for":
            continue
        for obj in prep.children:
            if obj.dep_ == "pcomp" and obj.tag_ == "VBG":
                return True
            if obj.dep_ == "pobj" and obj.lemma_.lower() in REASON_NOUNS:
                return True
    return False


# A ceasefire is a state that lasts: "after the truce", "amid the ceasefire deal" tell when, not that it
# was agreed.
_TIME_PREPOSITIONS = frozenset(
    {"after", "since", "during", "amid", "amidst", "before", "under", "despite", "until"}
)
# "talks on a ceasefire", "the task force over the truce": what a noun is about.
_TOPIC_PREPOSITIONS = frozenset({"on", "about", "over", "regarding", "concerning"})


def _topic_of(tok: Token) -> bool:
    """The agreement is the topic of a noun ("the meeting of the task force on the ceasefire", "talks over a
    truce"): what people discuss, not that it was concluded. Not under a noun that concludes it ("a deal on
    a ceasefire")."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in _TOPIC_PREPOSITIONS:
        return False
    holder = tok.head.head
    lemma = holder.lemma_.lower()
    return holder.pos_ in ("NOUN", "PROPN") and TRIGGERS.get(lemma) != "agreement" and lemma not in _PACTS


_PACTS = frozenset({"deal", "agreement", "pact"})  # "a deal on a ceasefire": the deal concludes it


LIGHT_HEADS = lexicon().words("light_heads")  # "the exchange process": the event word is what is told
# Nouns of an action ("bombardment", "shelling"): a compound before them says how it was done.
_ACTION_NOUN = re.compile(r"(ment|ing)$")
_COUNTING = lexicon().words("counting_words")  # "several mortar rounds": the head is counted


EXERCISE_WORDS = lexicon().words("exercise_words")


def _told_as_exercise(tok: Token) -> bool:
    """The violence is a drill's: a word for an exercise above the trigger ("troops practised repelling an
    attack") or in its clause ("during the drills, jets struck mock targets")."""
    clause = next((t for t in (tok, *tok.ancestors) if t.pos_ in ("VERB", "AUX")), tok)
    near = (*tok.ancestors, *clause.subtree)
    return any(t.lower_ in EXERCISE_WORDS and (t.lower_ != "exercise" or t.pos_ == "NOUN") for t in near)


LAW_ENFORCERS = lexicon().words("law_enforcers")


def _law_enforcement_search(tok: Token, roles, ev: Evidence) -> bool:
    """ "Police raided 12 homes", "the raids involving 250 police and prosecutors": law enforcers searching
    premises, with no one killed or wounded, no weapon used and no armed group or crowd facing them. ACLED
    codes such a raid only by what it did (detentions are Arrests, force an Attack or a clash), which the
    sentence's other words carry."""
    if tok.lemma_.lower() != "raid" or ev.victims or ev.weapon:
        return False
    doer, other = roles.actor1, roles.actor2
    if other is not None and other.category in ARMED_CATEGORIES | {"protesters", "rioters"}:
        return False
    if doer is not None:
        return doer.category == "police"
    phrase = tok.subtree if tok.pos_ == "NOUN" else (c for c in tok.children if c.dep_ == "nsubj")
    return any(t.lemma_.lower() in LAW_ENFORCERS for t in phrase)


_DETAINED = frozenset({"dobj", "nsubjpass", "pobj", "conj", "appos", "compound", "amod", "nmod", "poss"})


def _political_arrest(tok: Token, roles) -> bool:
    """ACLED codes arrests as political events (of activists, opposition figures, journalists, members of
    armed groups or parties, protesters, or by an army or armed group), not criminal cases: the detainee's
    role, an armed or crowd actor as the one held, a military or armed holder, or a named armed group or
    party in the sentence says which."""
    held, holder = roles.actor2, roles.actor1
    if held is not None and held.category in ARMED_CATEGORIES | {"protesters", "rioters"}:
        return True
    if holder is not None and holder.category in ARMED_CATEGORIES - {"police"}:
        return True  # soldiers or an armed group detaining people: a conflict's arrests, not a police case
    if find_named_group(doc_text(tok.doc)) or find_party(doc_text(tok.doc)):
        return True
    return political_role_in_clause(tok)


def _told_as_test(tok: Token) -> bool:
    """The launch itself is called a test ("fired a missile, its first test", "fired test missiles"): a noun
    "test" inside the trigger's phrase that is no doer of its own ("after laboratory tests confirmed")."""
    clause = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    return any(
        t.lemma_.lower() == "test" and t.pos_ == "NOUN" and t.dep_ not in ("nsubj", "nsubjpass")
        and (t.head.pos_ != "VERB" or t.head == clause)
        for t in clause.subtree
    )  # fmt: skip


OPEN_WATER_WORDS = lexicon().words("open_water_words")
LAUNCH_SITE_WORDS = lexicon().words("launch_site_words")
MISSILE_WORDS = frozenset({"missile", "rocket"})
# Prepositions that give where a launch went ("into the sea") or came from ("from a pad").
_DESTINATIONS = frozenset({"into", "in", "toward", "towards", "off", "over"})


def _launched_at_nothing(tok: Token) -> bool:
    """A missile launched at no one, as states test them: "fired a ballistic missile into the sea", "launched
    a rocket from a pad east of the capital". Its clause names a missile, a destination that is open water
    or an origin that is a launch site, and nothing that can be hit outside those phrases and the doer (the
    guide: weapons tests are no events). A launch "from Gaza" at no named target stays an attack: where fire
    comes from is no test site."""
    clause = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if not any(t.lemma_.lower() in MISSILE_WORDS for t in clause.subtree):
        return False
    aside: set[int] = set()  # the phrases that tell a test: where the missile went or came from
    for prep in (t for t in clause.subtree if t.dep_ == "prep"):
        where = {c.lemma_.lower() for c in prep.children if c.dep_ == "pobj"}
        if (prep.lower_ in _DESTINATIONS and where & OPEN_WATER_WORDS) or (
            prep.lower_ == "from" and where & LAUNCH_SITE_WORDS
        ):
            aside |= {t.i for t in prep.subtree}
    return bool(aside) and not _physical_target(tok, besides_doer=True, leaving=frozenset(aside))


def _abstract_subject(tok: Token) -> bool:
    """ "Hate crimes exploded after the campaign", "tensions that exploded": what explodes is no device but a
    number or a mood (a relative pronoun stands for the noun its clause describes)."""
    if tok.pos_ != "VERB":
        return False
    for subject in (c for c in tok.children if c.dep_ == "nsubj"):
        if subject.lower_ in ("which", "that") and tok.dep_ == "relcl":
            subject = tok.head
        lemma = subject.lemma_.lower()
        if lemma in ABSTRACT_NOUNS or ABSTRACT_SUFFIX.search(lemma):
            return True
    return False


def _abstract_objects(tok: Token) -> bool:
    """What the violent word is done to is an idea, a practice or a mood, every one of them ("fighting
    terrorism and extremism", "a fight against graft", "attacks on press freedom"): a figure, whoever does
    it. Needs an object: "troops fought on" says nothing either way."""
    objects = objects_of(tok, ("against", "on"))
    return bool(objects) and all(
        o.pos_ in ("NOUN", "PROPN") and o.ent_type_ not in TARGET_ENTITIES - {"NORP"}
        and o.lemma_.lower() not in TARGET_NOUNS and o.lower_ not in TARGET_NOUNS
        and (o.lemma_.lower() in ABSTRACT_NOUNS or ABSTRACT_SUFFIX.search(o.lemma_.lower()))
        for o in objects
    )  # fmt: skip


def _physical_target(tok: Token, besides_doer: bool = False, leaving: frozenset[int] = frozenset()) -> bool:
    """A concrete participant in the trigger's clause: a person, group, place or thing that can be hit.

    The clause is the trigger's own subtree when it is a verb, else its head verb's ("carried out an attack
    on a convoy"). Abstract objects (costs, values, institutions' work) make no target: see ABSTRACT_NOUNS.
    ``besides_doer``: neither the clause's subject nor a relative clause counts ("North Korea fired a
    missile in a test that angered Tokyo": the one who fires is no target, nor is whom the test angered).
    ``leaving``: tokens (by index) that name no target either, such as where a launch went or came from.
    """
    clause = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    aside = ("nsubj", "relcl") if besides_doer else ()
    doer = {t.i for c in clause.subtree if c.dep_ in aside and c is not clause for t in c.subtree} | leaving
    for t in clause.subtree:
        if t is tok or t.pos_ not in ("NOUN", "PROPN", "NUM", "PRON") or t.i in doer:
            continue
        if _is_target(t):
            return True
    return False


def _is_target(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in ABSTRACT_NOUNS or ABSTRACT_SUFFIX.search(lemma):
        return False
    if lemma in TARGET_NOUNS or tok.lower_ in TARGET_NOUNS or lemma in GENERIC_ACTORS:
        return tok.dep_ not in ("compound", "amod") or tok.head.lemma_.lower() in TARGET_NOUNS
    if tok.ent_type_ in TARGET_ENTITIES and tok.dep_ not in ("amod", "compound", "poss"):
        return True
    return tok.like_num and tok.head.lemma_.lower() in TARGET_NOUNS | GENERIC_ACTORS.keys()


def _score(ev: Evidence) -> float:
    """Summary of the evidence, 0-1: what an analyst sorts candidates by."""
    weights = (
        (ev.armed, 0.2), (ev.victims, 0.2), (ev.weapon, 0.15), (ev.target, 0.15),
        (ev.crowd, 0.05), (ev.place, 0.15), (ev.time, 0.1),
    )  # fmt: skip
    return round(sum(w for present, w in weights if present), 3)
