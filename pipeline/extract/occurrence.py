"""One occurrence, or something else told with an event's words: a toll or a running tally over a period, a
campaign or a trend, a series or a habit, a court case. Detection (``detect.py``) refuses a trigger these
functions recognise, with the reasons ``statistic`` and ``legal_case``.

Reads the parse of the trigger's sentence; decides nothing else.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from pipeline.extract.lexicon import TRIGGERS
from pipeline.extract.lexicon_loader import lexicon
from pipeline.extract.syntax import compared_since, first_conjunct

# Subjects that make "has killed N" a toll over a period, not one occurrence.
PERIOD_NOUNS = frozenset(
    """war conflict violence fighting insurgency crisis campaign uprising revolution unrest bloodshed
    rebellion offensive operation drug""".split()
)


def toll_over_a_period(tok: Token) -> bool:
    """'The conflict has killed more than 10,000': a toll over a period, told with a period noun as the
    subject."""
    head = tok if tok.pos_ in ("VERB", "AUX") else None
    if head is None:
        return False
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if head.dep_ == "relcl" and any(s.lower_ in ("which", "that") for s in subjects):
        subjects.append(head.head)  # "an insurgency, which has killed 20,000": the noun the clause is about
    return any(s.lemma_.lower() in PERIOD_NOUNS for s in subjects)


# A count that runs over a period: "so far", "to date", "since 2014" (not "the first time since 2012"),
# "between 2011 and 2015", "over the past three years".
_TALLY = re.compile(
    r"\b(?:so far|to date|altogether|(?<!time )since (?:late |early |mid-?)?"
    r"(?:the (?:start|beginning|outbreak)|(?:19|20)\d\d|"
    r"january|february|march|april|june|july|august|september|october|november|december)|"
    r"between (?:19|20)\d\d and (?:19|20)\d\d|"
    r"(?:over|in|during) the (?:past|last) (?:\w+ )?(?:weeks|months|years|decades?))\b"
)
# Clauses of their own under a verb (a conjoined verb, not a conjoined noun): not about the verb's event.
_OWN_CLAUSES = frozenset({"conj", "ccomp", "advcl", "relcl", "parataxis", "acl"})


SERIES_WORDS = lexicon().words("series_words")


def series_or_trend(tok: Token) -> bool:
    """ "the continuing attacks", "repeated air strikes", "a wave of bombings": a plural event noun told as a
    series or a habit, not one occurrence."""
    if tok.tag_ != "NNS":
        return False
    if any(c.dep_ == "amod" and c.lower_ in SERIES_WORDS for c in tok.children):
        return True
    prep = tok.head
    if prep.dep_ == "prep" and prep.lower_ in ("of", "in") and prep.head.lemma_.lower() in SERIES_WORDS:
        return True
    return _spread_over_a_country(tok)


def kept_up(tok: Token) -> bool:
    """ "the army that continues shelling", "they keep attacking": a habit told in the present, on no day the
    sentence names ("continued shelling the town on Monday" is one occurrence)."""
    governor = tok.head
    return (
        tok.dep_ in ("xcomp", "dobj", "ccomp")
        and governor.lemma_.lower() in ("continue", "keep")
        and governor.tag_ in ("VBZ", "VBP", "VBG")
        and not any(t.ent_type_ in ("DATE", "TIME") for t in tok.sent)
    )


# Parts of a population: "a third of the detainees", "40 percent of students were beaten".
_FRACTIONS = frozenset({"half", "third", "quarter", "fifth", "tenth", "percent", "%", "proportion"})


def share_of_a_population(tok: Token) -> bool:
    """The trigger tells what happened to a share of a population, or what data or a study show, on no day the
    sentence names ("a third of the detainees had been beaten", "police figures showed 900 people
    had been killed"): a finding over many occurrences, not one ("half of the marchers were arrested on
    Monday" is one)."""
    if any(t.ent_type_ == "DATE" for t in tok.sent):
        return False
    if _found_by_figures(tok):
        return True
    people = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if tok.dep_ in ("acl", "relcl", "amod"):
        people.append(tok.head)
    for noun in people:
        share = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
        if share.lemma_.lower() in _FRACTIONS or share.lower_ in _FRACTIONS:
            return True
    return False


# What data, figures, surveys or studies show is counted over many occurrences ("police figures showed 900
# people had been killed in raids").
_FIGURES = frozenset(
    {
        "data",
        "datum",
        "figure",
        "statistic",
        "survey",
        "study",
        "research",
        "census",
        "poll",
        "tally",
        "record",
    }
)
_SHOWING = frozenset({"show", "suggest", "reveal", "indicate", "find"})


def _found_by_figures(tok: Token) -> bool:
    """The trigger's clause is what data, figures or a study show (two clauses up at most)."""
    for head in list(tok.ancestors)[:3]:
        if head.lemma_.lower() in _SHOWING and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _FIGURES for c in head.children
        ):
            return True
    return False


# "the protests lawmakers have met at town halls across the country": many places, no one of them named.
_NATIONWIDE = re.compile(r"\b(?:across|around|throughout|all over) the (?:country|nation)\b", re.IGNORECASE)
# "rallies across the globe in March": many countries, never one event, dated or not.
_WORLDWIDE = re.compile(r"\b(?:across|around|throughout|all over) the (?:globe|world)\b", re.IGNORECASE)


def _spread_over_a_country(tok: Token) -> bool:
    """A plural event noun whose phrase or clause spreads it over a whole country, with no date in it, or
    over the world: many events in many places, not one occurrence (a dated nationwide day of protest stays
    one)."""
    clause = tok
    while clause.dep_ not in ("ROOT", "ccomp", "advcl", "conj") and clause.head is not clause:
        clause = clause.head
    words = list(clause.subtree)
    text = " ".join(t.text for t in words)
    if _WORLDWIDE.search(text):
        return True
    return _NATIONWIDE.search(text) is not None and not any(t.ent_type_ == "DATE" for t in words)


def running_tally(tok: Token) -> bool:
    """A running tally: the trigger verb's own clause counts over a period (``_TALLY``: "ten people have so
    far been shot in the feud", "thousands were executed between 2011 and 2015", "police have arrested 300
    since January") and names no single event it happened in ("30 were killed so far in the bombing" is one
    event's toll)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    verb = tok
    words: list[Token] = []
    todo = [verb]
    while todo:
        t = todo.pop()
        words.append(t)
        todo.extend(
            c
            for c in t.children
            if c.dep_ not in _OWN_CLAUSES or (c.dep_ == "conj" and c.pos_ not in ("VERB", "AUX"))
        )
    words = sorted((t for t in words if not (t.lower_ == "since" and compared_since(t))), key=lambda t: t.i)
    if not (_TALLY.search(" ".join(t.lower_ for t in words)) or _perfect_since_clause(verb)):
        return False
    return not any(
        t is not verb
        and t.pos_ == "NOUN"
        and t.lemma_.lower() in TRIGGERS
        and t.lemma_.lower() not in PERIOD_NOUNS
        for t in words
    )


def _perfect_since_clause(verb: Token) -> bool:
    """ "66 soldiers have been killed since the army began its operation", "rebels have been battling for the
    town since late 2016": a perfect verb counting from the start of something told in a since-clause, or
    from a month or year after it (wherever the parse hangs it: a group's name read as a verb may cut the
    clause)."""
    if not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False
    if any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children)
        for c in verb.children
    ):
        return True
    return any(
        t.lower_ == "since" and not compared_since(t) and _TALLY.match(verb.doc[t.i :].text.lower())
        for t in verb.doc[verb.i :]
    )


LEGAL_PROCESS = lexicon().words("legal_process")
_CHARGE_PREPOSITIONS = frozenset({"for", "of", "with", "over", "in"})
# Who is held for a deed: "arrested in connection with the bombing", "two men detained over the killing".
_HELD = frozenset({"arrest", "detain", "hold", "question", "interrogate"})
_VERDICTS = frozenset({"sentence", "convict", "jail", "imprison", "acquit"})


def legal_case(tok: Token) -> bool:
    """The deed is what a court or an inquiry deals with: the object of "for/of/with/over" after a legal word
    ("jailed for stabbing", "convicted of murder", "under investigation for suspected rape", "charged with
    assault"), or told in a relative clause of whoever a legal verb is about ("a soldier who abducted his
    rival has been jailed"). The guide lists court cases as no events (the deed tried is coded only where a
    report of it says so)."""
    head = first_conjunct(tok)  # "for a rape and murder"
    if head.dep_ in ("pobj", "pcomp") and head.head.lower_ in _CHARGE_PREPOSITIONS:
        governor = head.head.head
        preposition = head.head.lower_
        if governor.lemma_.lower() == "connection" and governor.head.dep_ == "prep":
            governor, preposition = governor.head.head, "over"  # "arrested in connection with the bombing"
        if preposition != "in" and (
            governor.lemma_.lower() in LEGAL_PROCESS or governor.lower_ in LEGAL_PROCESS
        ):
            return True
        if _suspected(governor, preposition) and not _dated(head):
            return True
        # "placed under investigation for", "put on trial for": the legal word is the verb's other object
        if any(
            p.dep_ == "prep" and p.lower_ in ("under", "on")
            and any(o.dep_ == "pobj" and o.lemma_.lower() in LEGAL_PROCESS for o in p.children)
            for p in governor.children
        ):  # fmt: skip
            return True
    if head.dep_ == "relcl" and head.head.dep_ in ("nsubj", "nsubjpass"):
        if head.head.head.lemma_.lower() in LEGAL_PROCESS:
            return True
    if head.dep_ == "relcl" and not _dated(head):
        # "the wife of a shooter who murdered twelve must stay in prison": who the case is about (or is
        # kin to) is told by the deed, months old, that the case is over
        verb = _clause_of(head.head)
        return verb is not None and _legal_predicate(verb)
    # "was sentenced/jailed after he killed a man": a verdict comes months after the deed it judges
    clause = head if head.dep_ == "advcl" else head.head if head.head.dep_ == "advcl" else None
    return (
        clause is not None
        and clause.head.lemma_.lower() in _VERDICTS
        and any(c.dep_ == "mark" and c.lower_ in ("after", "for") for c in clause.children)
    )


# Where a case holds someone: "remain in jail", "appeared in court", "held in custody".
_CUSTODY = frozenset({"jail", "prison", "custody", "court", "bail", "detention", "dock"})


def _clause_of(noun: Token) -> Token | None:
    """The verb whose subject or object a noun is, through "of" and possessives ("the wife of a shooter":
    the widow's verb); None for any other link."""
    tok = noun
    while tok.dep_ in ("pobj", "poss") or (tok.dep_ == "prep" and tok.lower_ == "of"):
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    return None


def _legal_predicate(verb: Token) -> bool:
    """A verb of a court or an inquiry, or one that puts its subject in jail or court."""
    if verb.lemma_.lower() in LEGAL_PROCESS:
        return True
    return any(
        c.dep_ == "prep" and any(o.dep_ == "pobj" and o.lemma_.lower() in _CUSTODY for o in c.children)
        for c in verb.children
    )


def _dated(tok: Token) -> bool:
    """The deed's words give its own time ("arrested for attacking a post on Sunday"): a report of it. A time
    just after them counts too: the parser often hangs "on Monday" on the main verb instead."""
    words = list(tok.subtree)
    after = tok.doc[words[-1].i + 1 : words[-1].i + 3]
    return any(t.ent_type_ in ("DATE", "TIME") for t in words) or (
        len(after) == 2 and after[0].dep_ == "prep" and after[1].ent_type_ in ("DATE", "TIME")
    )


def _suspected(governor: Token, preposition: str) -> bool:
    """The deed is what people are suspects in, held for, or accused of as persons a case is about: "four
    suspects in the killing", "two men arrested over the bombing", "the nurses accused of poisoning him" (a
    participle describing them), unless the deed's words give its own time (``_dated``). Not a party's
    accusation of another ("rebels accused troops of killing 60 civilians"; "they are accused of raping
    women"): that is how a conflict's events are reported."""
    lemma = governor.lemma_.lower()
    if lemma == "suspect" and governor.pos_ == "NOUN":
        return preposition in ("in", "over", "for", "of")
    if lemma in _HELD and governor.pos_ == "VERB":
        # "protests were held over the killing": what is held is an event, not a person in custody
        held = [c for c in governor.children if c.dep_ in ("nsubjpass", "dobj")]
        if lemma == "hold" and any(TRIGGERS.get(c.lemma_.lower()) for c in held):
            return False
        return preposition in ("for", "over")
    if lemma == "accuse" and governor.pos_ == "VERB" and preposition == "of":
        return governor.dep_ in ("acl", "amod") and not any(c.dep_ == "nsubj" for c in governor.children)
    return False


LIST_NOUNS = lexicon().words("list_nouns")
LIST_VERBS = lexicon().words("list_verbs")


def entry_of_a_list(tok: Token) -> bool:
    """The event is named as an entry of a list, a database or a ranking ("a list of 78 attacks", "the
    tally included the bombing in X and the shooting in Y", "the raid was added to the register"): what a
    document holds, not a report that it happened now (a list's events are old, many and told elsewhere).
    What a relative clause tells of an entry is the entry's ("the shootings in Y, which killed 30")."""
    if tok.dep_ == "relcl":
        for above in tok.ancestors:
            if above.pos_ in ("VERB", "AUX"):
                return False
            if above.pos_ in ("NOUN", "PROPN") and _listed(above):
                return True
        return False
    return _listed(tok)


def _listed(tok: Token) -> bool:
    head = first_conjunct(tok)  # "included the bombing in X, the shootings in Y and ..."
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in LIST_NOUNS:
        return True
    verb = head.head
    if head.dep_ not in ("dobj", "nsubjpass", "attr") or verb.lemma_.lower() not in LIST_VERBS:
        return False
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child is not head and child.lemma_.lower() in LIST_NOUNS:
            return True  # "the list included ..."
        if child.dep_ == "prep" and child.lower_ in ("on", "in", "to", "among"):
            if any(o.dep_ == "pobj" and o.lemma_.lower() in LIST_NOUNS for o in child.children):
                return True  # "was included on a list", "added to the database"
    return False
