"""Roles: who did what to whom. Finds the doer and the victim of a trigger in the parse (following
passives, participles, noun triggers, "clashes between X and Y", light verbs, misparsed acronyms), resolves
them to actors (the article's main armed group for "a group", the doer of the sentence before for "they"),
and gathers what classification reads around the trigger (its object, particle, other armed parties).

Reads the trigger token, the sentence's facts and the article's facts; decides ``Roles``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from pipeline.extract.actors import (
    Actor,
    find_named_group,
    generic_actor,
    is_party,
    named_groups_in,
    resolve_actor,
)
from pipeline.extract.article import trigger_cues
from pipeline.extract.associations import association_of
from pipeline.extract.classify import VIOLENT_FAMILIES, Roles, classify
from pipeline.extract.lexicon import ARMED_CATEGORIES, GENERIC_ACTORS
from pipeline.extract.lexicon_loader import lexicon
from pipeline.extract.model import ArticleFacts, Reading, SentenceFacts
from pipeline.extract.suspects import suspected_doer
from pipeline.extract.syntax import PLACE_LABELS, content_head, doc_text, first_conjunct, is_place_token

_LEXICON = lexicon()  # the word sets below are data/word_sets.csv, each with why it exists

# Weapons a group itself carries (an air strike in the same report is someone else's). Names of cues in
# lexicon.CUES, not words, so code like classify.WEAPON_CUES.
HAND_WEAPON_CUES = frozenset({"firearm", "ied", "grenade", "suicide", "chemical"})
# "a group linked to an armed outfit": organised, unlike "a group of villagers".
ORGANISED = re.compile(
    r"\b(associated|linked|affiliated|belonging|loyal|armed|organi[sz]ation|outfit|militant\w*|terror\w*|"
    r"extremist|criminal|gang)\b"
)


def roles_step(reading: Reading, sentence: SentenceFacts, article: ArticleFacts) -> Reading:
    """Sentence step: the trigger's doer and victim as actors, and what the parse says around it."""
    tok, doc, cues, casualties = reading.trigger, sentence.doc, sentence.cues, sentence.casualties
    country = reading.place.country_code if reading.place else article.country
    agent, patient = agent_and_patient(tok)
    actor1 = resolve_actor(agent, country, article.group, as_agent=True)
    if actor1 is None and agent is not None and agent.lemma_.lower() in ("group", "gang", "band"):
        actor1 = generic_actor("rebel", country)  # "a group attacked two workers"
        if article.group is not None:
            actor1 = Actor(article.group[0], article.group[1], country)
        elif (
            agent.lemma_.lower() == "group"
            and not cues & HAND_WEAPON_CUES
            and not ORGANISED.search(" ".join(t.lower_ for t in agent.subtree))
        ):
            # A group without guns or bombs, in a report naming no armed group: a crowd, not an
            # armed organisation ("two groups of villagers clashed", "a group beat a man").
            actor1 = generic_actor("rioters", country)
    if actor1 is None and agent is None and pronoun_subject(tok):
        actor1 = sentence.doer_before  # "They later burnt the party office": the doer told just before
    actor2 = resolve_actor(patient, country, article.group)
    if (
        actor1 is not None
        and _one_person(agent, actor1)
        and reading.family in VIOLENT_FAMILIES
        and actor2 is not None
        and actor2.category in ARMED_CATEGORIES
    ):
        # "a man wielding a knife attacked soldiers": one assailant of soldiers or police is no mob (ACLED's
        # crowds are many) but an unidentified attacker; one person's violence against civilians is left to
        # the ordinary-crime test (crime.py), which reads the doer as a civilian.
        actor1 = generic_actor("unidentified", country)
    fighting = died_in_fighting(tok) if reading.family in ("kill", "wound") else None
    if fighting is not None and actor2 is not None and actor2.category == "civilians":
        # "40 people were killed in clashes between the army and rebels": the dead are the battle's toll,
        # its sides are the actors.
        first, second = between(fighting) or (None, _with_side(fighting))
        actor1 = actor1 or resolve_actor(first, country, article.group, as_agent=True)
        actor2 = resolve_actor(second, country, article.group)
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
        actor2 = None
    # Who each belongs to: "supporters of the X party", "members of the Y union" (ACLED's associated actors)
    if actor1 is not None and agent is not None:
        actor1 = replace(actor1, association=association_of(agent, actor1))
    elif agent is not None and (association := association_of(agent, None, country)):
        actor1 = replace(generic_actor("civilians", country), association=association)  # a union's members
    if actor2 is not None:
        actor2 = replace(actor2, association=association_of(patient, actor2))
    obj = _object_head(tok)
    roles = Roles(
        family=reading.family,
        lemma=tok.lemma_.lower(),
        actor1=actor1,
        actor2=actor2,
        object_lemma=obj.lemma_.lower() if obj is not None else None,
        object_is_place=obj is not None
        and (
            obj.ent_type_ in PLACE_LABELS
            or is_place_token(obj)
            or any(span.start <= obj.i < span.end for span, _ in sentence.places)  # a town the model missed
        ),
        cues=trigger_cues(tok, doc, cues, reading.family),
        fatalities=casualties.fatalities,
        injured=casualties.injured,
        sentence_lower=sentence.lower,
        object_of_lemma=_of_lemma(obj),
        particle=next((c.lower_ for c in tok.children if c.dep_ == "prt"), None),
        other_armed=_other_armed(doc, agent, actor1),
        object_words=frozenset(t.lemma_.lower() for t in obj.subtree) if obj is not None else frozenset(),
        in_fighting=fighting is not None,
    )
    return replace(reading, roles=roles)


# Nouns for one person, in the singular ("a man", "a woman"); not "youth", which is also the young of a place.
_ONE_PERSON = frozenset(
    {"man", "woman", "boy", "girl", "person", "individual", "teenager", "resident", "villager"}
)


def _one_person(agent: Token | None, actor: Actor) -> bool:
    """The doer is one unnamed civilian: a noun for one person, in the singular, no other beside it."""
    return (
        agent is not None
        and actor.category == "civilians"
        and agent.tag_ == "NN"
        and agent.lemma_.lower() in _ONE_PERSON
        and not agent.conjuncts
    )


def with_sentence_doer(
    reading: Reading, doers: list[Actor], fighting_crowds: list[Actor], article: ArticleFacts
) -> Reading:
    """A report without a doer takes the doer of another trigger of its sentence ("A trader died as a mob
    beat him": the killing's doer is the beating's); protests are led by protesters, riots by rioters."""
    roles, label = reading.roles, reading.label
    doer = next((a for a in doers if roles.actor2 is None or a.name != roles.actor2.name), None)
    # "A man was killed as villagers clashed": the crowd's victim may be called a civilian too.
    doer = doer or next(iter(fighting_crowds), None)
    if roles.actor1 is None and doer is not None:
        borrowed = replace(roles, actor1=doer)
        label, roles = classify(borrowed) or label, borrowed if classify(borrowed) else roles
    country = reading.place.country_code if reading.place else article.country
    return replace(
        reading, label=label, roles=communal_doer(crowd_roles(roles, label, country), label, country)
    )


COMMUNAL_DISPUTES = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in _LEXICON.word_list("communal_disputes")) + r")\b"
)


def communal_doer(roles: Roles, label: tuple[str, str], country: str | None) -> Roles:
    """An attack told as part of a land dispute or a feud, by nobody named or by unidentified attackers, is
    an identity militia's: ACLED's communal militias are neighbours, kin and villages fighting over land."""
    a1 = roles.actor1
    if label[1] != "Attack" or not COMMUNAL_DISPUTES.search(roles.sentence_lower):
        return roles
    if a1 is not None and not (a1.category == "unidentified" and a1.name.startswith("Unidentified")):
        return roles
    return replace(roles, actor1=generic_actor("militia", country))


def crowd_roles(roles: Roles, label: tuple[str, str], country: str | None) -> Roles:
    """Protests are led by protesters and riots by rioters, whatever the crowd is called ("traders"); in
    violence against civilians the civilians are the victims, never the doers."""
    crowd = {"Protests": "protesters", "Riots": "rioters"}.get(label[0])
    if (
        label[0] == "Violence against civilians"
        and roles.actor1 is not None
        and roles.actor1.category == "civilians"
        and not any(is_party(g) for g in (roles.actor1.association or "").split("; ") if g)
    ):
        # ACLED: an armed, organised actor targets civilians (actor2); civilians who attack are a mob (Riots),
        # and those a party arms are its militia (assembly._doer). Read as the doer, plain civilians are the
        # victims of a headline's reduced passive ("three children abducted, women raped"), whose doer is
        # not told.
        roles = replace(roles, actor1=None, actor2=roles.actor2 or roles.actor1)
    a2 = roles.actor2
    if label[0] == "Violence against civilians" and a2 is not None and a2.category == "protesters":
        # "an activist was shot dead", with no demonstration told: a civilian attacked
        roles = replace(
            roles, actor2=replace(generic_actor("civilians", country), association=a2.association)
        )
    if label[1] == "Excessive force against protesters" or crowd is None:
        return roles
    a1 = roles.actor1
    if a1 is None or a1.category in ("civilians", "protesters", "rioters"):
        # the crowd keeps who it belongs to ("supporters of the X party": Rioters, associated with X)
        association = a1.association if a1 is not None else None
        return replace(roles, actor1=replace(generic_actor(crowd, country), association=association))
    return roles


def agent_and_patient(tok: Token) -> tuple[Token | None, Token | None]:
    """(agent, patient) heads of a trigger, following passives, participles and noun triggers."""
    agent = patient = None
    dies = tok.lemma_.lower() in ("die", "dead", "perish")
    for child in tok.children:
        if child.dep_ == "nsubj" and dies:
            patient = child  # "fourteen people died": the subject is the victim
        elif child.dep_ == "nsubj":
            # Two subjects are a misparse ("fighters led by Abu X as Y opened fire" makes Y a subject too):
            # the first is the doer.
            agent = agent or child
        elif child.dep_ == "nsubjpass":
            patient = child
        elif child.dep_ == "dobj" and child.lemma_ == "fire" and tok.lemma_ == "open":
            on = next(
                (g for g in child.children if g.dep_ == "prep" and g.lower_ in ("on", "at", "upon")), None
            )
            patient = patient or (next((g for g in on.children if g.dep_ == "pobj"), None) if on else None)
            continue
        elif child.dep_ == "dobj" and child.lemma_ == "fire" and tok.lemma_ == "set":
            continue  # "set fire to an effigy": what burnt follows "to"
        elif child.dep_ == "prep" and child.lower_ == "to" and tok.lemma_ == "set":
            patient = patient or next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ == "dobj":
            patient = patient or child
        elif child.dep_ == "agent":
            agent = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), agent)
        elif child.dep_ == "prep" and child.lower_ in ("on", "at", "upon") and tok.lemma_ in ("open", "fire"):
            patient = patient or next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ == "prep" and child.lower_ in ("on", "against") and tok.pos_ == "NOUN":
            patient = patient or next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ == "prep" and child.lower_ == "by" and tok.pos_ == "NOUN":
            agent = agent or next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ in ("poss", "compound") and tok.pos_ == "NOUN":
            agent = agent or child
        elif child.dep_ == "prep" and child.lower_ == "with" and tok.lemma_ in ("clash", "fight", "battle"):
            patient = patient or next((g for g in child.children if g.dep_ == "pobj"), None)
        elif (
            child.dep_ == "prep" and child.lower_ == "between" and tok.lemma_ in ("clash", "fight", "battle")
        ):
            first, second = between(tok) or (None, None)
            agent = agent or first
            patient = patient or second
    if agent is None and tok.pos_ == "NOUN" and tok.dep_ == "nsubj":
        agent, patient = between(tok) or (None, patient)
    if patient is None and tok.pos_ == "VERB":
        for child in tok.children:
            # "killed and wounded scores of fighters": conjoined verbs share their object; "attacked
            # militiamen trying to rob": the small model hangs the object under the clause that follows.
            if child.dep_ == "conj" and child.pos_ == "VERB":
                patient = next((g for g in child.children if g.dep_ == "dobj"), None)
            elif child.dep_ in ("ccomp", "xcomp", "advcl") and child.i > tok.i and child.tag_ == "VBG":
                patient = next((g for g in child.children if g.dep_ == "nsubj" and g.i > tok.i), None)
            if patient is not None:
                break
    # "Gunmen on motorcycles abducted ...", misparsed as a noun with a clause: the noun is the agent.
    if agent is None and tok.dep_ == "acl" and tok.tag_ == "VBD":
        agent = tok.head
    if agent is not None and agent.ent_type_ in ("DATE", "TIME", "CARDINAL"):
        agent = None  # "12 Mar 2019, rebels have abducted": a date misread as the subject
    if agent is None:
        # "IS have kidnapped ...", "by IS militants": the small model reads the acronym as the verb "is".
        agent = next(
            (
                t
                for t in _near_tokens(tok)
                if t.pos_ == "AUX" and t.text.isupper() and find_named_group(t.text)
            ),
            None,
        )
    agent = agent or _accused(tok) or claimant(tok) or blamed_on(tok)
    # "..., killing 12 people": the participle's agent is the main verb's subject (not so for a passive
    # conjunct: "civilians went out and were abducted" were not the abductors).
    head = tok
    passive = any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in tok.children)
    for _ in range(0 if passive else 3):  # "soldiers advanced, fighting rebels and seizing a hamlet"
        if (
            agent is not None
            or head.dep_ not in ("advcl", "xcomp", "conj", "acl")
            or head.head.pos_ != "VERB"
        ):
            break
        # "militants are said / believed / reported to have attacked": the passive's subject did it
        subjects = ("nsubj", "nsubjpass") if head.dep_ == "xcomp" and head.tag_ == "VBN" else ("nsubj",)
        head = head.head
        agent = next((c for c in head.children if c.dep_ in subjects), None)
    # "an attack by militants on a convoy" parsed with the trigger as object of a light verb
    if agent is None and tok.dep_ in ("dobj",) and tok.head.lemma_ in ("launch", "carry", "stage", "conduct"):
        agent = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if agent is None and tok.pos_ == "NOUN":  # "a drone strike carried out by the army"
        for acl in (c for c in tok.children if c.dep_ == "acl"):
            for by in (g for g in acl.children if g.dep_ == "agent"):
                agent = next((g for g in by.children if g.dep_ == "pobj"), agent)
    if agent is not None and agent.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
        agent = tok.head  # "protesters who marched"
    if agent is not None and agent.pos_ == "PROPN":
        # "fighters led by Abu X as Y opened fire": the small model makes the leader's name the subject; the
        # fighters he leads are the doers.
        for t in agent.doc[max(0, agent.i - 6) : agent.i]:
            led_by = t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "by"
            if t.lemma_ in ("lead", "head", "command") and t.dep_ == "acl" and led_by:
                agent = t.head
                break
    if agent is None and (suspect := suspected_doer(tok)) is not None:
        if patient is None or not (suspect == patient or patient.is_ancestor(suspect)):
            agent = suspect  # "with X rebels believed to be involved": the suspected doer
    agent = content_head(agent)
    patient = content_head(patient)
    return agent, patient


def _accused(tok: Token) -> Token | None:
    """Who a sentence accuses of the trigger's deed: "accused troops of killing", "blamed the army for
    killing", "charged two men with killing"; also when the small model makes the deed a conjunct of the
    accusation ("accused troops of raping women and killing civilians")."""
    verb = None
    if tok.dep_ == "pcomp" and tok.head.lower_ in ("of", "for", "with"):
        verb = tok.head.head
        if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "dobj":  # "of" hung from the accused
            return verb if verb.head.lemma_.lower() in ACCUSATION_VERBS else None
    elif tok.dep_ == "conj" and tok.head.pos_ == "VERB":
        verb = tok.head
    if verb is None or verb.lemma_.lower() not in ACCUSATION_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def claimant(tok: Token) -> Token | None:
    """Who claims the trigger's deed: "IS claimed responsibility for a bombing that killed four" (the claim's
    subject; ACLED codes the claimant as the doer unless the report doubts it)."""
    responsibility = claimed_responsibility(tok)
    if responsibility is None:
        return None
    return next((c for c in responsibility.head.children if c.dep_ == "nsubj"), None)


def claimed_responsibility(tok: Token) -> Token | None:
    """The "responsibility" of "claimed responsibility for X" when the trigger is X (or its relative clause:
    "for a bomb that exploded"), else None."""
    head = first_conjunct(tok.head if tok.dep_ == "relcl" else tok)
    if head.dep_ != "pobj" or head.head.lower_ != "for":
        return None
    responsibility = head.head.head
    if (
        responsibility.lemma_.lower() != "responsibility"
        or responsibility.head.lemma_.lower() not in CLAIM_VERBS
    ):
        return None
    return responsibility


CLAIM_VERBS = frozenset({"claim", "admit", "accept"})


def blamed_on(tok: Token) -> Token | None:
    """Whom a report blames for the trigger's deed: "police blamed the bombing on X", "the bombing was blamed
    on X", "an attack blamed on X" (ACLED codes the suspected doer a report names)."""
    verbs = [tok.head] if tok.dep_ in ("dobj", "nsubjpass") else []
    verbs += [c for c in tok.children if c.dep_ == "acl"]
    for verb in verbs:
        if verb.lemma_.lower() != "blame":
            continue
        # "blame X on Y": the small model often hangs "on Y" inside X ("the attack on Y"); the last "on" of
        # the verb's phrase names the culprit
        ons = [p for p in verb.subtree if p.dep_ == "prep" and p.lower_ == "on" and p.i > tok.i]
        if ons:
            return next((o for o in ons[-1].children if o.dep_ == "pobj"), None)
    return None


def blamed_deed(tok: Token) -> bool:
    """The trigger is what "blamed ... on X" attributes ("police blamed the attack on X")."""
    return (
        tok.dep_ in ("dobj", "nsubjpass")
        and tok.head.lemma_.lower() == "blame"
        and blamed_on(tok) is not None
    )


def between(tok: Token) -> tuple[Token, Token | None] | None:
    """The two sides of "clashes between X and Y", also when the parse hangs "between" on the verb the
    clashes are subject of ("clashes broke out between X and Y")."""
    if tok.lemma_.lower() not in ("clash", "fight", "battle", "skirmish"):
        return None
    holders = [tok]
    if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB":
        holders.append(tok.head)
    for holder in holders:
        # "broke out in parts of the city between X and Y": the small model hangs it on the nearest noun
        for child in holder.subtree if holder is not tok else holder.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                first = next((g for g in child.children if g.dep_ == "pobj"), None)
                if first is None:
                    continue
                # "between police in Bahrain and demonstrators": the conjunct may hang below the first
                second = next((g for g in first.subtree if g.dep_ == "conj"), None)
                return first, second
    return None


FIGHTING_NOUNS = _LEXICON.words("fighting_nouns")
# Prepositions that set a death in the circumstances it happened in.
SETTING_PREPS = frozenset({"in", "during", "amid", "after", "following"})
# Links through which a circumstance told on a governing word holds for the trigger too: "were left dead",
# "officials said 500 people were killed". Not an adverbial clause or a conjunct: in "gunmen stormed a
# village after clashes nearby, killing ten" the clashes are not what killed.
_CARRIES_SETTING = frozenset({"acomp", "oprd", "xcomp", "ccomp", "attr"})


def died_in_fighting(tok: Token) -> Token | None:
    """The fighting a death or wound is told as happening in ("killed in clashes", "died during heavy
    fighting", "left dead after four days of fighting"), or None."""
    holders = [tok]
    while holders[-1].dep_ in _CARRIES_SETTING and holders[-1].head is not holders[-1]:
        holders.append(holders[-1].head)
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in SETTING_PREPS:
                continue
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                if obj.lemma_.lower() in FIGHTING_NOUNS:
                    return obj
                # "after four days of fighting"
                for of in (g for g in obj.children if g.dep_ == "prep" and g.lower_ == "of"):
                    inner = next((g for g in of.children if g.dep_ == "pobj"), None)
                    if inner is not None and inner.lemma_.lower() in FIGHTING_NOUNS:
                        return inner
    return None


def _with_side(fighting: Token) -> Token | None:
    """ "clashes with rebels": the side the fighting was with."""
    for prep in (c for c in fighting.children if c.dep_ == "prep" and c.lower_ == "with"):
        return next((g for g in prep.children if g.dep_ == "pobj"), None)
    return None


def _near_tokens(tok: Token) -> list[Token]:
    """The trigger's children and, below an agent phrase, theirs."""
    out = []
    for child in tok.children:
        out.append(child)
        if child.dep_ == "agent":
            out.extend(child.subtree)
    return out


def pronoun_subject(tok: Token) -> bool:
    """Whether the trigger's doer is a personal pronoun ("They later burnt the office")."""
    head = tok
    for _ in range(3):
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject.lower_ in PERSONAL_PRONOUNS
        if head.dep_ not in ("advcl", "xcomp", "conj") or any(c.dep_ == "auxpass" for c in head.children):
            return False
        head = head.head
    return False


PERSONAL_PRONOUNS = _LEXICON.words("personal_pronouns")


def _other_armed(doc: Doc, agent: Token | None, actor1: Actor | None) -> bool:
    """Whether the sentence names an armed party other than the one acting."""
    mine = {t.i for t in agent.subtree} if agent is not None else set()
    for tok in doc:
        if tok.i in mine or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        category = GENERIC_ACTORS.get(tok.lemma_.lower())
        if category in ARMED_CATEGORIES and (actor1 is None or category != actor1.category):
            return True
    groups = set(named_groups_in(doc_text(doc)))
    return bool(groups - ({actor1.name} if actor1 else set()))


QUANTITY_NOUNS = _LEXICON.words("quantity_nouns")
ACCUSATION_VERBS = _LEXICON.words("accusation_verbs")


def _of_lemma(obj: Token | None) -> str | None:
    """ "caches of weapons", "a large amount of ammunition": what the object consists of."""
    if obj is None:
        return None
    for _ in range(2):
        of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            return None
        obj = pobj
        if obj.lemma_.lower() not in QUANTITY_NOUNS:
            break
    return obj.lemma_.lower()


def _object_head(tok: Token) -> Token | None:
    """What the trigger acts on; for a part of a place ("the centre of the town", "most of Kidal"), the
    place."""
    found = _direct_object(tok)
    if found is not None and found.lemma_.lower() in PART_NOUNS:
        of = next((c for c in found.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whole = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        return whole or found
    return found


# Words for a part of something: what is taken or liberated is the place they are part of.
PART_NOUNS = lexicon().words("part_nouns")


def _direct_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "dobj" and child.lemma_ == "fire" and tok.lemma_ == "set":
            # "set fire to an effigy": what burnt follows "to"
            to = next((g for g in tok.children if g.dep_ == "prep" and g.lower_ == "to"), None)
            return next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    for child in tok.children:  # "recaptured Mosul", the name misparsed as an adverb
        if child.dep_ == "advmod" and child.text[:1].isupper() and child.i > tok.i:
            return child
    if tok.lemma_.lower() == "fall":
        return next((c for c in tok.children if c.dep_ == "nsubj"), None)
    for child in tok.children:  # "took over Mosul" parsed with a prepositional object
        if child.dep_ == "prep" and child.lower_ in ("over", "of"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    for child in tok.children:  # "seized near full control of the town": "near" parsed as a preposition
        pobj = next((g for g in child.children if g.dep_ == "pobj"), None) if child.dep_ == "prep" else None
        if pobj is not None and pobj.lemma_.lower() == "control":
            return pobj
    for child in tok.children:
        # "discovered a cache of arms believed to belong to ...", misparsed as a clause: its subject after
        # the verb is the verb's object.
        if child.dep_ == "ccomp" and child.i > tok.i:
            subject = next((g for g in child.children if g.dep_ == "nsubj" and g.i > tok.i), None)
            if subject is not None and subject.pos_ == "NOUN":
                return subject
    return None
