"""Small questions about a parsed sentence that several steps ask: which entity labels are places, where a
dateline ends, how far apart two tokens are in the parse, which noun a quantity word stands for.

Reads spaCy tokens only; decides nothing about events.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from pipeline.extract.classify import TERRITORY_NOUNS
from pipeline.extract.settings import LINEAR_TIE_BREAK, UNRELATED_TREE_DISTANCE

PLACE_LABELS = ("GPE", "LOC", "FAC")


def doc_text(doc: Doc) -> str:
    """The sentence's text, built once: spaCy's ``Doc.text`` joins every token again at each call, and the
    steps ask for it once per trigger and place (a fifth of the stage's time before it was kept)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


# Where a report was filed, not where its event happened: "BAGHDAD, Iraq (Agency, June 23, 2014) —", the
# wire form with the agency between slashes ("MOSCOW, February 9. /Agency/.", "KARSK /Region/, May 2,
# 2017 /Newswire/."), which the sentence splitter may cut after the date, leaving "/Agency/." to open the
# next sentence.
DATELINE_RE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\w .'’-]*?){0,2}(?:,\s*\w+\.? \d{1,2},? \d{4})?"
    r"\s*(?:\([^)]{1,60}\))?\s*[—–-]{1,2}\s+"
    r"|^\s*[A-Z][A-Z'’-]+(?:\s[A-Z][A-Z'’-]+){0,3}(?:\s*/[^/\n]{1,40}/)?"
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)?){0,2}"
    r"[,.]\s*[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,?\s\d{4})?"
    r"(?:[.,]?\s*/[A-Za-z][\w .-]{1,20}/\.?-?\s*|[.,]\s*|\s*$)"
    r"|^\s*/[A-Z][A-Za-z]{1,15}/\.?-?\s*"
)


def tree_distance(a: Token, b: Token) -> float:
    """Edges between two tokens through their nearest common ancestor, ties broken by linear distance."""
    ancestors_a = {t.i: d for d, t in enumerate([a, *a.ancestors])}
    for d, t in enumerate([b, *b.ancestors]):
        if t.i in ancestors_a:
            return ancestors_a[t.i] + d + abs(a.i - b.i) / LINEAR_TIE_BREAK
    return UNRELATED_TREE_DISTANCE + abs(a.i - b.i) / LINEAR_TIE_BREAK


def content_head(tok: Token | None) -> Token | None:
    """Skip pronouns and quantity words to the noun they stand for ("dozens of civilians")."""
    if tok is None:
        return None
    if tok.pos_ in ("NUM",) or tok.lower_ in (
        "dozen",
        "dozens",
        "hundreds",
        "scores",
        "number",
        "tens",
        "thousands",
        "group",
        "band",
        "gang",
    ):
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            return next((g for g in of.children if g.dep_ == "pobj"), tok)
    if tok.pos_ == "PRON":
        return None
    return tok


def has_object(tok: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)


def objects_of(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """What a trigger is done to: its direct objects and the objects of these prepositions ("a fight against
    graft", "attacks on the press"), with their conjuncts."""
    objects = [
        o
        for c in tok.children
        for o in ([c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"])
        if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in preps)
    ]
    return objects + [conj for o in objects for conj in o.conjuncts]


def is_place_token(tok: Token) -> bool:
    return tok.ent_type_ in PLACE_LABELS or tok.lemma_.lower() in TERRITORY_NOUNS


def first_conjunct(tok: Token) -> Token:
    """The first of the conjuncts ``tok`` belongs to ("a rape and murder": "rape"), where the phrase around
    them hangs."""
    while tok.dep_ == "conj":
        tok = tok.head
    return tok


_ORDINALS = frozenset({"first", "last", "second", "third", "only"})


def compared_since(since: Token) -> bool:
    """ "the first attack there since 2014", "the worst fighting since 2012": a "since" after an ordinal or a
    superlative compares the event with earlier ones; it neither dates it nor counts over a period."""
    before = since.doc[max(0, since.i - 4) : since.i]
    return any(t.tag_ in ("JJS", "RBS") or t.lower_ in _ORDINALS for t in before)


def past_time_clause(tok: Token) -> Token | None:
    """The relative clause opened by "when" that hangs from a date and holds ``tok`` ("the deadliest since
    December 2014, when fighters stormed a school in Peshawar"): another event than the sentence's own, at
    that date; None when ``tok`` lies in no such clause."""
    for clause in (tok, *list(tok.ancestors)[:4]):
        if clause.dep_ == "relcl" and clause.head.ent_type_ == "DATE":
            if any(c.lower_ == "when" for c in clause.children):
                return clause
    return None


# Words that open a part of a sentence telling what led to the news, or failed to stop it, not the news:
# "troops were sent in after the attack", "despite the protests".
ANTECEDENT_WORDS = ("after", "following", "despite")


def antecedent_head(tok: Token) -> Token | None:
    """The "after ...", "following ..." or "despite ..." phrase (its preposition) or "after ..." clause (its
    verb) of another verb that holds ``tok``; None when ``tok`` is part of the sentence's news itself."""
    for t in [tok, *tok.ancestors]:
        if t.dep_ == "ROOT":
            return None
        if t.lower_ in ANTECEDENT_WORDS and t.dep_ in ("prep", "mark"):
            return t
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "after" for c in t.children):
            return t
    return None
