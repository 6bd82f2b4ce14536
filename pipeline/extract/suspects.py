"""Who a report suspects of violence it does not attribute: "dozens of rapes were reported, with X rebels
believed to be involved", "a teacher was shot dead, and police suspect X were behind it". ACLED codes the
actor a report suspects (a suspected perpetrator is still named), not an unidentified one.

Reads the parse of the trigger's sentence; the roles step asks it only when the trigger names no doer.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.extract.actors import find_named_group

# Verbs of suspicion and words of involvement: "X (are) believed to be involved", "suspect X were behind it".
SUSPICION = frozenset({"believe", "suspect", "think", "presume", "allege"})
INVOLVEMENT = frozenset({"involved", "responsible", "behind"})


def suspected_doer(tok: Token) -> Token | None:
    """The noun of a named armed group the trigger's sentence suspects of its deed, or None."""
    for verb in tok.sent:
        if verb.lemma_.lower() not in SUSPICION or verb.i == tok.i:
            continue
        for suspect in _suspects(verb):
            if suspect.i != tok.i and not suspect.is_ancestor(tok) and _names_group(suspect):
                return suspect
    return None


def _suspects(verb: Token) -> list[Token]:
    """Whom a verb of suspicion suspects of involvement: the noun it describes ("rebels believed to be
    involved"), its passive subject ("X are believed to be responsible"), or the subject of its clause
    ("suspect X were behind it")."""
    found = []
    if _involvement(verb):
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            found.append(verb.head)
        found.extend(c for c in verb.children if c.dep_ == "nsubjpass")
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        if _involvement(clause, own=True):
            found.extend(c for c in clause.children if c.dep_ == "nsubj")
    return found


def _involvement(verb: Token, own: bool = False) -> bool:
    """ "... to be involved / responsible / behind it" under the verb (``own``: in the verb's own clause:
    "X were behind it")."""
    words = verb.subtree if not own else (t for c in verb.children for t in (c, *c.children))
    return any(t.lower_ in INVOLVEMENT for t in words)


def _names_group(noun: Token) -> bool:
    return find_named_group(" ".join(t.text for t in noun.subtree)) is not None
