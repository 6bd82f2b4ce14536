"""Modality: is a trigger reported as having happened, or only planned, feared, predicted or denied?

"Militants could attack", "troops will deploy", "the army is preparing an offensive", "officials denied that
soldiers were killed" and "if the talks fail, fighting will resume" report no event. Reported speech
("police said militants attacked") does.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from pipeline.extract.lexicon import IRREALIS_HEADS, MODAL_AUX, NEGATIONS, TRIGGERS
from pipeline.extract.lexicon_loader import lexicon

_LEXICON = lexicon()

# The cue sets are data (data/modality_cues.csv), each with the reason it exists.
# Heads that keep what they govern a fact: "began shelling", "claims to have been tortured".
REALIZED = _LEXICON.cues("realized")
# "gunmen are believed to have abducted": a perfect infinitive under a verb of belief happened.
BELIEF_HEADS = _LEXICON.cues("belief_heads")
# Claims and attributions of responsibility tell who did a past event, not a new one.
# A reaction "in response to" or "in retaliation for" an attack is the news, the attack its background.
ATTRIBUTION_HEADS = _LEXICON.cues("attribution_heads")
REACTIONS = _LEXICON.cues("reactions")
# Diplomatic reactions (sanctions, expulsions) name the attack that caused them only in passing.
DIPLOMATIC = re.compile(r"\b(sanctions?|expel\w*|expulsions?|diplomats?|consulates?|ambassadors?)\b", re.I)
# Dependencies that open a new clause: modal auxiliaries above them belong to another statement.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "ROOT"})
# Nouns that make what they govern a habit, a capacity or a prospect, not an event: "a track record of
# slaughtering opponents", "the likelihood of an offensive".
GENERIC_HEADS = _LEXICON.cues("generic_heads")
# Verbs of waiting and inviting: what they govern in the same statement has not happened.
WAITING_HEADS = _LEXICON.cues("waiting_heads")
# A condition ("provided that") or an absence ("without"): the clause did not come about.
UNREALISED_MARKERS = _LEXICON.cues("unrealised_markers")
# "An attack on the city is months away": a copula with one of these is a prediction.
FUTURE_PREDICATES = _LEXICON.cues("future_predicates")
# "... before the battle begins": a present-tense subordinate clause under one of these has not happened.
NOT_YET_MARKERS = _LEXICON.cues("not_yet_markers")
# "after militants attacked", "since the bombing": what these introduce is presupposed to have happened.
PRESUPPOSING_MARKERS = _LEXICON.cues("presupposing_markers")
# "The protests are set to continue": the subject of one of these with an infinitive is a prospect.
SCHEDULED_HEADS = _LEXICON.cues("scheduled_heads")
# "possible air strikes", "a planned attack": the event noun is a prospect.
IRREALIS_MODIFIERS = _LEXICON.cues("irrealis_modifiers")
# "commanders sometimes defect", "militants often attack convoys": a habit, not one occurrence.
HABITUAL_ADVERBS = _LEXICON.cues("habitual_adverbs")
# Any ancestor with one of these lemmas makes the trigger no event of its own (one set: checked per ancestor).
NOT_AN_EVENT_HEADS = IRREALIS_HEADS | GENERIC_HEADS | ATTRIBUTION_HEADS


def is_realis(trigger: Token) -> bool:
    """True when the trigger's event is told as fact."""
    sent = trigger.sent
    if sent.text.rstrip().endswith("?"):
        return False
    if trigger.dep_ == "advcl" and _bare_verb_joined(trigger) and trigger.head.lemma_ not in REALIZED:
        return False  # "agreed to share depots and perhaps build a base", the "to" parsed away
    in_clause = True
    same_statement = True
    own = True
    below = None  # the token of the path just under ``tok``
    for depth, tok in enumerate([trigger, *trigger.ancestors]):
        # The trigger's own verb, or the infinitive a bare verb is joined to: "agreed to buy jets and open a
        # base" plans both.
        own = depth == 0 or (own and _bare_verb_joined(below))
        for child in tok.children:
            if in_clause and child.dep_ in ("aux", "auxpass") and child.lower_ in MODAL_AUX:
                return False
            if in_clause and child.dep_ == "neg" and child.lower_ in NEGATIONS and depth <= 1:
                return False
            if in_clause and child.dep_ == "mark" and child.lower_ in ("if", "unless", "lest"):
                return False
            if in_clause and depth <= 1 and child.dep_ == "advmod" and child.lower_ in HABITUAL_ADVERBS:
                return False
            if depth == 0 and child.dep_ == "amod" and child.lower_ in IRREALIS_MODIFIERS:
                return False
            # Infinitives are purposes and plans ("sent troops to fight", "going to attack") unless a verb
            # says they came about ("began to shell", "managed to seize").
            if own and child.dep_ == "aux" and child.lower_ == "to" and not _purpose_came_about(tok):
                return False
        if depth == 1 and tok.lemma_.lower() == "order" and TRIGGERS.get(trigger.lemma_.lower()) == "arrest":
            return False  # "a court ordered the arrest of X": a warrant; an order to fire is often obeyed
        if depth > 0 and tok.lemma_.lower() in NOT_AN_EVENT_HEADS:
            if not (_names_it(tok, below) or _claims_it(tok, trigger)):
                return False
        if depth > 0 and same_statement and tok.lemma_.lower() in WAITING_HEADS:
            return False
        if depth == 1 and trigger.dep_ in ("nsubj", "nsubjpass") and _scheduled(tok):
            return False  # "the protests are set to continue"
        if depth > 0 and tok.lower_ in UNREALISED_MARKERS and tok.dep_ in ("prep", "mark"):
            return False
        if depth > 0 and tok.lower_ == "to" and tok.dep_ == "prep" and tok.head.lemma_.lower() in REACTIONS:
            return False  # "troops were responding to an attack": a cause told in passing, like "response"
        if tok.dep_ in ("relcl", "ccomp", "parataxis"):
            same_statement = False
        if _predicted(tok) or _not_yet(tok):
            return False
        if tok.dep_ in CLAUSE_DEPS:
            in_clause = False
        if depth >= 6 or (depth <= 1 and _presupposed(tok)):
            break
        below = tok
    if trigger.pos_ == "NOUN" and DIPLOMATIC.search(sent.text):
        return False
    if _blamed_without_telling_it(trigger):
        return False
    return not _negated_by_determiner(trigger)


def _scheduled(tok: Token) -> bool:
    """ "are set to continue", "is scheduled to resume", "is due to start": a verb of scheduling with an
    infinitive."""
    return tok.lemma_.lower() in SCHEDULED_HEADS and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in tok.children
    )


def _bare_verb_joined(tok: Token | None) -> bool:
    """A base-form verb with no subject or auxiliary of its own, joined to the verb above ("to buy jets and
    open a base"): it shares that verb's infinitive."""
    return (
        tok is not None
        and tok.tag_ == "VB"
        and tok.dep_ in ("conj", "advcl")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children)
    )


def _presupposed(tok: Token) -> bool:
    """A past clause after "after", "since", "because" or "following", or a gerund or noun after them in a
    past statement, is told as having happened, whatever the statement above plans, fears or asks for: "they
    pledged to avoid mistakes after a strike killed four soldiers", "he shouted after shooting the envoy";
    not "the army will end its operation only after capturing the town"."""
    if tok.dep_ == "advcl":
        return tok.tag_ in ("VBD", "VBN") and any(
            c.dep_ == "mark" and c.lower_ in PRESUPPOSING_MARKERS for c in tok.children
        )
    if (
        tok.dep_ not in ("pcomp", "pobj")
        or tok.head.dep_ != "prep"
        or tok.head.lower_ not in PRESUPPOSING_MARKERS
    ):
        return False
    told = tok.head.head
    return told.tag_ in ("VBD", "VBN") and not any(
        c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in told.children
    )


def _claims_it(head: Token, trigger: Token) -> bool:
    """ "IS claimed responsibility for a bombing in Baghdad on Monday that killed four": the "responsibility"
    claimed reports the deed when the claim tells where, when or whom; "claimed responsibility for the
    attack" only refers back to an event told before."""
    if head.lemma_.lower() != "responsibility":
        return False
    from pipeline.extract.roles import claimed_responsibility  # roles reads modality's cues

    responsibility = claimed_responsibility(trigger)
    if responsibility is None:
        return False
    return _tells_where_or_when(t for t in responsibility.subtree if t.i > responsibility.i)


def _blamed_without_telling_it(trigger: Token) -> bool:
    """ "Police blamed the attack on X": an attribution of an event told before, unless the blamed phrase
    itself tells where, when or whom ("blamed Monday's bombing of a market in X on Y")."""
    from pipeline.extract.roles import blamed_deed  # roles reads modality's cues

    return blamed_deed(trigger) and not _tells_where_or_when(t for t in trigger.subtree)


def _tells_where_or_when(tokens) -> bool:
    return any(t.ent_type_ in ("DATE", "GPE", "LOC", "FAC") or t.like_num for t in tokens)


def _names_it(head: Token, below: Token | None) -> bool:
    """ "Police call the assault a terrorist incident": "call" with the event as its object names what
    happened; only "call for an attack" asks for one."""
    return head.lemma_.lower() == "call" and below is not None and below.dep_ == "dobj"


def _predicted(tok: Token) -> bool:
    return tok.lemma_ == "be" and any(
        c.dep_ in ("advmod", "acomp") and c.lower_ in FUTURE_PREDICATES for c in tok.children
    )


def _not_yet(tok: Token) -> bool:
    return (
        tok.dep_ == "advcl"
        and tok.tag_ in ("VBZ", "VBP")
        and any(c.dep_ == "mark" and c.lower_ in NOT_YET_MARKERS for c in tok.children)
    )


def _purpose_came_about(tok: Token) -> bool:
    """ "began to shell" and "are believed to have shelled" happened; "police fired tear gas to disperse the
    crowd" is itself the intervention (ACLED codes the attempt), while "sent troops to fight" is only a
    plan."""
    head = tok.head
    if (
        head.lemma_ in REALIZED
        or " ".join([head.lemma_, *(c.lower_ for c in head.children if c.dep_ == "prt")]) in REALIZED
    ):
        return True  # "began to shell", "went on to kill"
    if TRIGGERS.get(tok.lemma_.lower()) == "protest" and _crowd_came(tok.head):
        return True  # "thousands braved the cold to protest": coming out to protest is the protest
    if tok.head.lemma_ in BELIEF_HEADS and any(c.dep_ == "aux" and c.lower_ == "have" for c in tok.children):
        return True
    return tok.lemma_ == "disperse" and tok.head.pos_ == "VERB" and tok.head.tag_ in ("VBD", "VBN")


def _crowd_came(head: Token) -> bool:
    """A verb in the past that people did ("gathered", "took to the streets", "braved the cold"), not one
    that only plans or asks ("called on workers", "decided")."""
    return (
        head.pos_ == "VERB"
        and head.tag_ in ("VBD", "VBN")
        and head.lemma_.lower() not in NOT_AN_EVENT_HEADS
        and not any(c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in head.children)
    )


def _negated_by_determiner(trigger: Token) -> bool:
    # "no one was killed", "no casualties were reported"
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if any(g.lower_ in ("no", "none", "nobody") for g in child.subtree if g.i <= child.i):
                return True
            if child.lower_ in ("nobody", "none"):
                return True
    return False
