"""Trigger senses: what a trigger word means here. "Strike" is an air strike after "drone", a labour protest
after "workers", nothing after "sanctions"; "fire" is an attack when aimed at someone, crowd control with
tear gas, nothing in the air; "took" is a takeover only of a place; "dead" needs a count.

Reads one token of a parsed sentence, the sentence's cues and its lower-cased text; decides the trigger's
family (``lexicon.TRIGGERS``' values, plus a few multi-word senses) or None when the word reports no event
here. Classification (``classify``) turns the family and the roles into an ACLED sub-type.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from pipeline.extract.classify import VIOLENT_FAMILIES, WEAPON_CUES
from pipeline.extract.lexicon import CUES, GENERIC_ACTORS, TRIGGERS, WEAK_TRIGGERS
from pipeline.extract.lexicon_loader import lexicon
from pipeline.extract.model import ArticleFacts, Reading, SentenceFacts
from pipeline.extract.roles import between
from pipeline.extract.syntax import (
    PLACE_LABELS,
    content_head,
    doc_text,
    has_object,
    is_place_token,
    objects_of,
)

_LEXICON = lexicon()  # the word sets below are data/word_sets.csv, each with why it exists


def sense_step(reading: Reading, sentence: SentenceFacts, article: ArticleFacts) -> Reading | None:
    """Sentence step: the trigger's family, or None when the word reports no event here."""
    family = trigger_family(reading.trigger, sentence.cues, sentence.lower)
    return replace(reading, family=family) if family is not None else None


def _sets_alight(tok: Token) -> bool:
    return any(
        (c.dep_ == "prep" and c.lower_ == "on" and any(g.lemma_.lower() == "fire" for g in c.children))
        or (c.dep_ == "dobj" and c.lemma_.lower() == "fire")
        for c in tok.children
    ) or any(
        t.lower_ in ("ablaze", "alight") and t.head.i in (tok.i, *(c.i for c in tok.children))
        for t in tok.subtree
    )


def trigger_family(tok: Token, cues: frozenset[str], lower: str) -> str | None:
    lemma = tok.lemma_.lower()
    if lemma in CHEMICAL_USE and tok.pos_ == "VERB" and "chemical" in cues and _uses_chemical(tok):
        return "attack"  # "chlorine was used", "dropped barrels of toxic gas": a chemical attack
    if lemma == "violence" and tok.i > 0 and tok.nbor(-1).lower_ == "sexual":
        return "sexual"
    if lemma == "blow" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return "explode"  # "blew themselves up", "blew up a bridge"
    if (
        tok.lower_ == "sit"
        and tok.i + 2 < len(tok.doc)
        and tok.nbor(1).text == "-"
        and tok.nbor(2).lower_ == "in"
    ):
        return "protest"  # "held a sit-in", split by the tokenizer
    if lemma == "set" and tok.pos_ == "VERB" and _sets_alight(tok):
        return (
            "riot"  # "set the bus on fire", "set fire to a station", "set cars ablaze": burning, as "torch"
        )
    if tok.pos_ == "VERB" and _baton_charge(tok):
        return "disperse"  # police baton-charged (lathi-charged) a crowd
    if (
        lemma == "gain"
        and tok.pos_ == "VERB"
        and any(
            c.dep_ == "dobj" and c.lemma_.lower() in ("ground", "control", "territory") for c in tok.children
        )
    ):
        return "seize"  # "gained ground inside the town", "gained control of the crossing"
    if _pushed_out(tok):
        return "retake"  # "the militants were pushed back from the area": whoever pushed holds it now
    if _forces_moved(tok):
        return "change"  # "sent more fighters to the front": a deployment
    if _armed_left(tok):
        return "withdraw"  # "the rebels left their last stronghold": territory handed over without a fight
    if lemma == "talk" and tok.pos_ == "NOUN" and _talks_opened(tok):
        return "agree"  # "peace talks began in the capital": the parties sat down together
    family = TRIGGERS.get(lemma) or TRIGGERS.get(tok.lower_)
    if family is None or tok.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN"):
        return None
    if tok.ent_type_ in ("ORG", "PERSON", "GPE") and tok.pos_ == "PROPN":
        return None
    if tok.pos_ == "PROPN" and tok.head.i > tok.i and tok.head.lemma_.lower() in NAMED_CAMPAIGNS:
        return None  # "a second Save The Forest rally": the campaign's name
    if lemma == "occupy" and _attributive(tok):
        return None  # "the occupied city": a state of affairs, not a takeover
    if lemma in WEAK_TRIGGERS and tok.i + 1 < len(tok.doc) and tok.nbor(1).text == "-":
        return None  # "hit-and-run raids": part of a compound modifier, not a report
    if tok.lower_ in NEVER_TRIGGER_WORDS or (tok.lower_ == "striking" and tok.pos_ == "ADJ"):
        return None
    if lemma == "deal" and tok.pos_ == "VERB":
        return None  # "dealing with the fighters": only the noun ("a deal") is an agreement
    if lemma == "strike":
        if NONVIOLENT_CONTEXT.search(lower) and not (cues & WEAPON_CUES):
            return None  # "strikes back with sanctions"
        if "air" in cues or "drone" in lower:
            return "airstrike"
        if "shelling" in cues:
            return "shell"
        if tok.pos_ == "NOUN" and re.search(
            r"\b(workers?|unions?|general|hunger|labou?r|teachers?|wages?|salar(y|ies)|pensions?|unpaid)\b",
            lower,
        ):
            return "protest"  # a labour strike: who strikes, or the pay it is over ("over unpaid wages")
        return "attack"
    if family in ("explode", "shell", "airstrike") and tok.pos_ == "NOUN" and _found_weapon(tok):
        return None  # "defused a roadside bomb", "rocket shells were found": the weapon was never used
    if family == "throw":
        thrown = [content_head(c) or c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(c.lemma_.lower() in THROWN_WEAPONS for c in thrown):
            return "attack"
        return "pelt"  # stones and bottles: classify.py keeps only what a crowd throws
    if lemma == "open" and any(c.dep_ == "dobj" and c.lemma_.lower() == "fire" for c in tok.children):
        return "attack"  # "opened fire on the crowd"
    if lemma == "fire":
        aimed = any(c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "into") for c in tok.children)
        shots = any(c.dep_ == "dobj" and c.lemma_.lower() in SHOTS for c in tok.children)
        if any(
            c.dep_ == "dobj"
            and (
                c.lemma_.lower() in ("gas", "cannon", "canister")
                or any(g.lower_ in ("rubber", "plastic") for g in c.children)  # rubber bullets
            )
            for c in tok.children
        ):
            return "disperse"  # "fired tear gas at the marchers": an intervention, not an attack
        if tok.pos_ != "VERB" or not (aimed or shots) or _into_the_air(tok):
            return None  # "fired from his job", "fire broke out", warning shots in the air
    if lemma == "riot" and tok.dep_ in ("compound", "amod"):
        return None  # "riot police", "riot gear"
    if lemma == "tear" and not (
        tok.pos_ == "VERB" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children)
    ):
        return None  # "tear gas"; posters and statues torn down are vandalism
    if lemma == "beat" and not (has_object(tok) or tok.tag_ == "VBN"):
        return None  # "beat the odds" has an object too, but a beating needs a victim: see roles
    if lemma == "take" and _to_the_streets(tok):
        return "protest"
    if lemma == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return "disrupt"  # a drone or missile shot down: its use was disrupted
    if lemma == "exchange" and re.search(r"prisoners?|captives?|detainees|hostages", lower):
        return "agree"
    if lemma in ("take", "fall") and not _territorial_use(tok):
        return None
    if lemma in ("protester", "protestor", "demonstrator") and not _crowd_subject(tok):
        return None  # the crowd named as actor of something else ("fired at protesters") is not the trigger
    if lemma in ("die", "dead", "death", "kill") and not _violent_context(tok, cues, lower):
        return None  # died of a disease, killed by an earthquake: no political violence
    if (
        lemma in WEAK_TRIGGERS
        and family in VIOLENT_FAMILIES
        and NONVIOLENT_CONTEXT.search(lower)
        and not (cues & WEAPON_CUES)
    ):
        return None  # "targeted with sanctions", "strikes back at the US"
    if lemma in WEAK_TRIGGERS and any(
        c.dep_ == "nsubj" and NONVIOLENT_CONTEXT.fullmatch(c.lower_) for c in tok.children
    ):
        return None  # "the sanctions target officials": what hits them is no weapon
    if lemma == "march" and _staged(tok):
        return "protest"  # "traders staged a peaceful march": a march someone stages is a demonstration
    if lemma == "march" and not _PROTEST_NOUNS.search(lower) and not _marchers(tok):
        return None
    if lemma in ("bomb", "bombing") and "air" in cues:
        return "airstrike"
    if lemma in ("burn", "torch") and tok.pos_ == "VERB" and not has_object(tok):
        return None
    if (
        family == "withdraw"
        and not any(c.dep_ == "prep" and c.lower_ in ("from", "out") for c in tok.children)
        and not has_object(tok)
    ):
        return None  # a retreat "toward the forest" hands over no named territory
    if lemma == "demonstrate" and any(
        c.dep_ in ("dobj", "ccomp", "nsubjpass", "auxpass") for c in tok.children
    ):
        return None  # "the operation demonstrated its strength", "a new drone was demonstrated": shown
    if lemma == "demonstrate" and any(
        c.dep_ == "nsubj" and c.ent_type_ == "PERSON" and c.tag_ == "NNP" and not c.conjuncts
        for c in tok.children
    ):
        return None  # "as the editor Jane Roe demonstrated on her channel": one named person shows something
    if lemma == "rally" and any(
        c.dep_ == "nsubj" and NONVIOLENT_CONTEXT.fullmatch(c.lower_) for c in tok.children
    ):
        return None  # "shares rallied", "the market rallied": a price rose, no crowd gathered
    if lemma in ("fight", "battle", "combat") and _fights_a_hazard(tok):
        return None  # "crews battled the flames", "her fight against cancer": no enemy, no combat
    if lemma in WEAK_TRIGGERS and tok.pos_ == "NOUN" and family not in VIOLENT_FAMILIES | {"protest"}:
        return None
    if lemma in ("dead", "death") and not re.search(r"\d|dozens|scores|hundreds|toll", lower):
        return None
    if lemma == "rocket" and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 2].lower_.startswith("propel"):
        return None
    if lemma == "shoot" and tok.pos_ == "NOUN":
        return None
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return None  # "no arrests were made"
    counted = any(c.dep_ == "nummod" for c in tok.children)  # "carried out 2 rapes": events counted
    counted = counted or _in_a_series(tok) or _definite(tok) or _there_were(tok) or _took_place(tok)
    crowd = lemma in ("protester", "protestor", "demonstrator")  # a crowd, not a pattern of events
    if tok.tag_ == "NNS" and not (counted or crowd) and not _specific(tok.doc) and between(tok) is None:
        return None  # "similar bombings in the past", "hit-and-run raids": a pattern, not an event
    if lemma in ("fight", "battle") and tok.pos_ == "NOUN" and tok.dep_ in ("compound", "amod"):
        return None
    if lemma in ("fight", "battle") and any(
        c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in CAMPAIGN_NOUNS for g in c.children)
        for c in tok.children
    ):
        return None  # "fighting for the removal of the priests": a campaign, not combat
    return family


HAZARD_NOUNS = _LEXICON.words("hazard_nouns")


def _fights_a_hazard(tok: Token) -> bool:
    """What is fought (the object, or after "against") is a fire, a flood or a disease, every one of them."""
    objects = objects_of(tok, ("against",))
    return bool(objects) and all(o.lemma_.lower() in HAZARD_NOUNS for o in objects)


# Armed forces and their aircraft: sent or forwarded somewhere, they are a deployment.
DEPLOYED_NOUNS = _LEXICON.words("deployed_forces")
_TALKS_OPEN = _LEXICON.words("talks_open_verbs")


def _deployed(tok: Token) -> bool:
    head = content_head(tok) or tok
    return head.lemma_.lower() in DEPLOYED_NOUNS or tok.lemma_.lower() in DEPLOYED_NOUNS


def _forces_moved(tok: Token) -> bool:
    """ "forwarded fighters to the oilfield", "sent reinforcements to the border": forces moved."""
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma in ("forward", "send"):
        return any(c.dep_ in ("dobj", "nsubjpass") and _deployed(c) for c in tok.children)
    return False


# Who leaves ground as an armed force, and what ground: "militants abandoned their positions in the hills".
LEAVING_FORCES = _LEXICON.words("leaving_forces")
HELD_GROUND = _LEXICON.words("held_ground")


def _armed_left(tok: Token) -> bool:
    """An armed force that left, vacated or abandoned a town, base or position (subject of the verb or of
    the verb it complements: "the fighters began leaving the enclave")."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in ("leave", "vacate", "abandon"):
        return False
    holders = [tok, tok.head] if tok.dep_ == "xcomp" else [tok]
    subjects = [c for h in holders for c in h.children if c.dep_ == "nsubj"]
    heads = [content_head(c) or c for c in subjects]
    # A force, not one man: "the fighters", "government forces", never "a soldier left the village".
    if not any(
        h.lemma_.lower() in LEAVING_FORCES and (h.tag_ == "NNS" or h.lemma_.lower() == "militia")
        for h in heads
    ):
        return False
    return any(
        c.dep_ == "dobj" and (c.lemma_.lower() in HELD_GROUND or c.ent_type_ in ("GPE", "LOC", "FAC"))
        for c in tok.children
    )


def _talks_opened(tok: Token) -> bool:
    """ "Peace talks started", "the sides began peace talks": talks that opened, not ones hoped for."""
    if not any(c.lemma_.lower() == "peace" for c in tok.children):
        return False
    head = tok.head
    return head.pos_ == "VERB" and head.lemma_.lower() in _TALKS_OPEN and tok.dep_ in ("nsubj", "dobj")


# "a string of air strikes", "a wave of bombings": events told together, each of them real.
SERIES_NOUNS = _LEXICON.words("series_nouns")


def _in_a_series(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in SERIES_NOUNS


def _definite(tok: Token) -> bool:
    """ "The attacks were carried out with grenades": the attacks just told, not a pattern."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children)


def _crowd_subject(tok: Token) -> bool:
    """The demonstrators are the subject ("demonstrators gathered"), also when counted ("hundreds of
    demonstrators took part") or set beside a number ("thousands of X demonstrators marched")."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return True  # "the convoy was stopped by demonstrators": a passive's agent did it
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        holder = tok.head.head
    elif tok.dep_ == "appos":
        holder = tok.head
    else:
        return False
    return holder.dep_ in ("nsubj", "nsubjpass") and content_head(holder) is not holder


def _found_weapon(tok: Token) -> bool:
    """Whether a weapon noun (or the noun it qualifies: "rocket shells") is what was found or defused, or
    only said to be there ("there is a bomb in the building": a find or a threat, no explosion)."""
    noun = tok.head if tok.dep_ == "compound" else tok
    if noun.lemma_.lower() in WEAPON_NOUNS and _existential(noun):
        return True  # (an explosion or a blast that "there was" did happen)
    return noun.dep_ in ("dobj", "nsubjpass") and TRIGGERS.get(noun.head.lemma_.lower()) in (
        "disrupt",
        "find",
        "seize",
    )


WEAPON_NOUNS = _LEXICON.words("weapon_nouns")
# Weapons whose throwing is an attack (stones and bottles thrown by a crowd are told by the riot rules).
THROWN_WEAPONS = _LEXICON.words("thrown_weapons")
CHEMICAL_USE = _LEXICON.words("chemical_use_verbs")

# The lemmas trigger_family reads as a trigger although they are no key of TRIGGERS: the multi-word senses
# above start from them (and "sit" from the word "sit"). The parse gate (prefilter.might_hold_trigger) parses
# a sentence only when one of its words can take a trigger's lemma or one of these, so a new sense that starts
# from another word must add it here, or its sentences are never parsed.
SENSE_LEMMAS = CHEMICAL_USE | {
    "violence", "blow", "gain", "push", "drive", "dislodge", "forward", "send", "leave", "vacate", "abandon",
    "talk", "charge", "lathicharge", "lathi-charge", "baton-charge",
}  # fmt: skip
SENSE_WORDS = frozenset({"sit"})
# Words that lemmatize to a trigger's lemma but are never read as one, whatever the parse ("according to",
# "in accordance with": no accord was signed); the parse gate does not count them either.
NEVER_TRIGGER_WORDS = frozenset({"according", "accordance"})


def _pushed_out(tok: Token) -> bool:
    """ "pushed back from the area", "drove the rebels out of the town", "dislodged them from the hill"."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in ("push", "drive", "dislodge"):
        return False
    particles = [c for c in tok.children if c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "out")]
    if lemma != "dislodge" and not particles:
        return False
    holders = [tok, *particles]  # "pushed back from": the small model hangs "from" on "back"
    return any(c.dep_ == "prep" and c.lower_ in ("from", "of", "out") for h in holders for c in h.children)


# Nouns a campaign's name stands before ("the Save The Forest rally").
NAMED_CAMPAIGNS = _LEXICON.words("named_campaign_heads")


def _attributive(tok: Token) -> bool:
    """A participle used as an adjective before its noun ("the occupied territories"), also when the small
    model reads it as a verb without a subject ("in the X occupied city of Y")."""
    return (
        tok.tag_ in ("VBN", "VBD", "JJ")
        and 0 < tok.i < len(tok.doc) - 1
        and tok.nbor(-1).pos_ in ("DET", "PROPN", "ADJ")
        and tok.nbor(1).pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children)
    )


def _uses_chemical(tok: Token) -> bool:
    """Whether what the verb uses, drops or releases is a chemical agent ("chlorine was used")."""
    if tok.dep_ == "acl" and CUES["chemical"].search(tok.doc[tok.head.left_edge.i : tok.i].text):
        return True  # "the poisonous gas used by the militants"
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            text = " ".join(t.text for t in child.subtree)
            if CUES["chemical"].search(text):
                return True
    return False


# "fighting for the removal of the priests", "for their rights": a campaign, not combat.
CAMPAIGN_NOUNS = _LEXICON.words("campaign_nouns")
NONVIOLENT_CONTEXT = re.compile(
    r"\b(sanctions?|diplomats?|diplomatic|tariffs?|embargo|expel\w*|cyber\w*|elections?|votes?|polls?|"
    r"goals?|matches|stocks?|shares|prices?|markets?|economy|economic|inflation|covid|pandemic|virus)\b"
)
VIOLENCE_WORDS = re.compile(
    r"\b(attack\w*|clash\w*|fight\w*|violence|gunm[ae]n|militants?|rebels?|insurgents?|terrorists?|"
    r"troops|soldiers|police|forces|killed by|murder\w*|massacre\w*|stabb\w*|beat(en)?|lynch\w*|"
    r"executed|assassinat\w*|hacked|ambush\w*|raid\w*|shot|shooting|gunfire|bomb\w*|mob|protest\w*|"
    r"demonstrat\w*|riot\w*|abduct\w*|kidnap\w*|tortur\w*|bodies|body|corpse)\b"
)


def _violent_context(tok: Token, cues: frozenset[str], lower: str) -> bool:
    """Deaths count as political violence only when the sentence tells of violence, not of a flood."""
    if "accident" in cues and not (cues & (WEAPON_CUES - {"ied"})):
        return False
    if tok.lemma_.lower() == "kill":
        return True  # killing has a killer; only accidents and disasters are ruled out
    return bool(cues & WEAPON_CUES) or bool(VIOLENCE_WORDS.search(_without_speakers(tok, lower)))


SPEECH_VERBS = _LEXICON.words("speech_verbs")


def _without_speakers(tok: Token, lower: str) -> str:
    """The sentence without who tells it: "police said the man died in hospital" tells of no violence, the
    police only report the death (a speaker that is the death's own clause stays: "the police who shot him
    said")."""
    if len(lower) != len(doc_text(tok.doc)):
        return lower  # a letter whose lower case is longer: the offsets no longer hold
    spans = [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
        for verb in tok.doc
        if verb.lemma_.lower() in SPEECH_VERBS and verb.pos_ == "VERB"
        for c in verb.children
        if c.dep_ == "nsubj" and not (c.left_edge.i <= tok.i <= c.right_edge.i)
    ]
    for start, end in sorted(spans, reverse=True):
        lower = lower[:start] + " " * (end - start) + lower[end:]
    return lower


SHOTS = _LEXICON.words("shot_nouns")


def _into_the_air(tok: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ in ("in", "into") and any(g.lemma_.lower() == "air" for g in c.children)
        for c in tok.children
    )


def _to_the_streets(tok: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() == "street" for g in c.children)
        for c in tok.children
    )


def _existential(tok: Token) -> bool:
    """``tok`` is what "there is" or "there was" says exists ("there is a bomb", "there were protests")."""
    return (
        tok.dep_ in ("attr", "nsubj")
        and tok.head.lemma_ == "be"
        and any(c.dep_ == "expl" for c in tok.head.children)
    )


def _there_were(tok: Token) -> bool:
    """ "There were also protests in Cluj and Sibiu": a past existential asserts that they took place."""
    return tok.dep_ == "attr" and tok.head.tag_ == "VBD" and _existential(tok)


def _took_place(tok: Token) -> bool:
    """ "Protests were held in the capital", "clashes broke out", "riots erupted": a past verb of occurrence
    with the events as its subject asserts that they took place, as "there were protests" does."""
    head = tok.head
    if tok.dep_ == "nsubjpass":  # "were held", "were staged": the passive's auxiliary carries the past
        past = any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in head.children)
        return past and _stages(head)
    if tok.dep_ != "nsubj" or head.tag_ != "VBD":
        return False
    lemma = head.lemma_.lower()
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "place" for c in head.children)
    if lemma == "break":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in head.children)
    return lemma in OCCURRENCE_VERBS


def _specific(doc: Doc) -> bool:
    labels = {e.label_ for e in doc.ents}
    return bool(labels & {"DATE", "TIME"}) and bool(labels & set(PLACE_LABELS))


def _territorial_use(tok: Token) -> bool:
    if tok.lemma_.lower() == "fall":
        return any(c.lower_ == "to" or c.lower_ == "into" for c in tok.children) or any(
            is_place_token(c) for c in tok.children if c.dep_ == "nsubj"
        )
    particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if "over" in particles or any(c.lemma_ == "control" for c in objects):
        return True
    return any(is_place_token(o) for o in objects)


STAGED = _LEXICON.words("staged_verbs")
OCCURRENCE_VERBS = _LEXICON.words("occurrence_verbs")


def _stages(verb: Token) -> bool:
    """A verb of staging or holding an event, by lemma or as written (the small model lemmatizes "staged" as
    "stag")."""
    return verb.lemma_.lower() in STAGED or verb.lower_ in STAGED


def _staged(tok: Token) -> bool:
    """ "staged a march", "held a march"."""
    return tok.pos_ == "NOUN" and tok.dep_ == "dobj" and _stages(tok.head)


_PROTEST_NOUNS = re.compile(r"\b(protest\w*|demonstrat\w*|rally|rallies)\b")


def _marchers(tok: Token) -> bool:
    """Whether a march is a protest: demonstrators march, or a crowd marches chanting or with signs."""
    said = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    head = tok
    while said is not None and said.pos_ == "PRON" and head.dep_ in ("advcl", "conj"):
        head = head.head  # "students chanted and held signs as they marched": the students
        said = next((c for c in head.children if c.dep_ == "nsubj"), said)
    subject = content_head(said)
    if subject is None:
        return False
    if subject.lemma_.lower() in ("protester", "protestor", "demonstrator", "activist"):
        return True
    return GENERIC_ACTORS.get(subject.lemma_.lower()) == "civilians" and bool(
        re.search(
            r"\b(chant\w*|slogans?|placards?|banners?|signs|demand\w*|solidarity)\b",
            doc_text(tok.doc).lower(),
        )
    )


def _baton_charge(tok: Token) -> bool:
    if tok.lemma_.lower() in ("lathicharge", "lathi-charge", "baton-charge"):
        return True
    before = [t.lower_ for t in tok.doc[max(0, tok.i - 2) : tok.i] if t.text != "-"]
    return tok.lemma_.lower() == "charge" and bool(before) and before[-1] in ("baton", "lathi")
