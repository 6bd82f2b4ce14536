"""Associated actors: who a crowd or an actor belongs to, ACLED's ``assoc_actor_1`` / ``assoc_actor_2``.

"Supporters of the X party" riot as ``Rioters (Country)`` associated with the party; "members of the Kisumu
Teachers Union" protest as ``Protesters (Kenya)`` associated with the union; "students of Z university" with
``Students (Kenya)``; "Muslim residents" with ``Muslim Group (India)``. The words are data
(``data/associations.csv``, parties from ``data/parties.csv``); the grammar (which tokens belong to the
actor's phrase) is here.

Reads an actor's head token and the actor resolved from it; decides the association (None when the text names
none). Several are joined with "; " as ACLED does (organisation first, then the social group).
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.extract.actors import Actor, country_name, find_party
from pipeline.extract.lexicon_loader import lexicon

_LEXICON = lexicon()
MEMBERS = {a.word: a.label for a in _LEXICON.associations if a.kind == "member"}
IDENTITIES = {a.word: a.label for a in _LEXICON.associations if a.kind == "identity"}
ORGANISATION_WORDS = frozenset(a.word for a in _LEXICON.associations if a.kind == "organisation")
# Only crowds and people belong to a group in ACLED's sense; an armed group or a state force is its own actor.
CROWD_CATEGORIES = frozenset({"civilians", "protesters", "rioters", "militia"})
# Dependants of the head that say whom the crowd belongs to: "supporters of X", "loyal to X", "who are members
# of X", "X supporters".
_LINKS = {"prep", "relcl", "acl", "amod", "compound", "poss", "appos", "nmod"}


def association_of(head: Token | None, actor: Actor | None, country: str | None = None) -> str | None:
    """The group a crowd named by ``head`` belongs to, as ACLED names associated actors; None for armed
    groups, state forces and crowds the text ties to no group. ``actor`` None: the head names no actor by
    itself ("members of the X union"), and ``country`` is where the event happened."""
    if head is None or (actor is not None and actor.category not in CROWD_CATEGORIES):
        return actor.association if actor is not None else None
    found: list[str] = []
    if actor is not None and actor.association:
        found.append(actor.association)
    scope = _scope(head)
    text = " ".join(t.text for t in scope)
    party = find_party(text)
    if party is not None and party[0] not in found:
        found.append(party[0])
    organisation = _organisation(scope)
    if organisation and organisation not in found:
        found.append(organisation)
    where = country_name(actor.country_code if actor is not None else country)
    for label in (_member(head), _identity(scope, head)):
        if label:
            named = f"{label} ({where})" if where else label
            if named not in found:
                found.append(named)
    return "; ".join(found) if found else None


def _scope(head: Token) -> list[Token]:
    """The head and what hangs on it that can name a group: its modifiers, "of"/"to"/"from" phrases and
    relative clauses ("villagers who are associated with X")."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in _LINKS:
            tokens.extend(child.subtree)
    return sorted(set(tokens), key=lambda t: t.i)


def _organisation(scope: list[Token]) -> str | None:
    """A capitalised name ending in an organisation word ("the Kisumu Teachers Union"), or continuing after
    it with "of" ("Union of Nurses")."""
    for i, tok in enumerate(scope):
        if tok.lower_ not in ORGANISATION_WORDS or not tok.text[:1].isupper():
            continue
        start = i
        while start > 0 and _name_part(scope[start - 1], scope[start]):
            start -= 1
        end = i
        # "Union of Nurses", "Federation of Trade Unions": the name continues after "of"
        if end + 2 < len(scope) and scope[end + 1].lower_ == "of" and scope[end + 2].text[:1].isupper():
            end += 2
            while end + 1 < len(scope) and _name_part(scope[end + 1], scope[end]):
                end += 1
        if start < i or end > i:
            return " ".join(t.text for t in scope[start : end + 1]).replace(" 's", "'s").replace(" '", "'")
    return None


def _name_part(tok: Token, neighbour: Token) -> bool:
    adjacent = abs(tok.i - neighbour.i) == 1
    return adjacent and (tok.text[:1].isupper() or tok.text in ("'", "'s", "&", "of")) and tok.dep_ != "det"


def _member(head: Token) -> str | None:
    """A crowd named by what its people do: students, teachers, nurses."""
    return MEMBERS.get(head.lemma_.lower()) or MEMBERS.get(head.lower_)


def _identity(scope: list[Token], head: Token) -> str | None:
    """A crowd named by its faith or caste: "Muslim residents", "Dalit villagers"."""
    for tok in scope:
        if tok.i != head.i and tok.lower_ in IDENTITIES:
            return IDENTITIES[tok.lower_]
    return IDENTITIES.get(head.lower_.rstrip("s"))
