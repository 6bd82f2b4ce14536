"""Casualty counts from one sentence, read off spaCy's dependency parse, coded as ACLED codes them.

``count_casualties`` finds the words that report deaths (kill, die, dead, death, bodies, lives, death
toll, execute, behead, massacre, murder, shot dead...) and injuries (wound, injure, hurt, injuries) and
reads the quantity grammatically attached to each: the victims of the verb ("71 prisoners and five police
officers were killed", "killing six civilians", "five people died"), the number of the noun ("four
deaths", "12 bodies", "claimed 17 lives", "the deaths of 3 children"), the dead of "left two dead", or the
figure of "the death toll rose to 45".

Conventions (ACLED's conservative coding):

- a hedge keeps its number: "at least 4", "more than 4", "over 4", "about 4", "up to 4", "nearly 4" -> 4;
  a range keeps its lower end: "10 to 15", "between 10 and 15", "two or three" -> the lower;
- "a dozen" -> 12, "dozens" -> 12, "scores" -> 20, "hundreds" -> 100, "thousands" -> 1000;
- "several", "many", "numerous", "multiple", "some", "a number of" victims are unknown figures: 10 for
  fatalities (ACLED's code for them), nothing for injuries; and only when no exact figure is given;
- a single named or singular victim counts 1 ("a farmer was shot dead", "he died"), "no one"/"no
  injuries" count 0;
- coordinated victims of the same word add up ("38 miners and six guards" -> 44); distinct
  victim groups in one sentence add up; a group said to be "killed or injured" counts as neither;
- injuries are never counted as deaths, and "casualties" (dead and wounded together) as neither;
- a death named as the context of something else ("protests against the killing of a student", "arrested
  over the murder of") and deaths that did not happen ("tried to kill", "could kill", "was not killed")
  are not counted;
- numbers that spaCy reads as dates, times, percentages, money, distances or ages ("in 2014", "70%",
  "113 kilometers", "aged 12", "a 45-year-old man") are never casualty figures;
- a sentence that gives no figure for a category has ``None`` there, not 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.extract.lexicon_loader import lexicon
from pipeline.extract.syntax import first_conjunct, past_time_clause

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_LEXICON = lexicon()


@dataclass(frozen=True)
class Casualties:
    """Reported deaths and injuries in one sentence; None where it reports no figure."""

    fatalities: int | None
    injured: int | None
    # the token opening the "when" clause of an older event that tells every count ("since 2014, when
    # fighters stormed a school, killing 154"), or None: the counts are that event's, not the sentence's own
    past_clause: int | None = None


# --- quantities -----------------------------------------------------------------------------------------

_UNITS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    word: 10 * value
    for value, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Plural round numbers read as their smallest value: "dozens" is at least one dozen.
_PLURALS = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1_000_000}
_GROUPS = {"dozen": 12, "score": 20}

# Hedges that do not change the coded number.
_HEDGE = re.compile(
    r"^(?:at least|more than|over|about|around|approximately|roughly|nearly|almost|up to|as many as"
    r"|some|an estimated|estimated|a total of|total of|another|a further|further|the|only|just|at most"
    r"|in excess of|upwards of|close to|a reported|reportedly|officially|between|from)\s+"
)
_RANGE = re.compile(r"\s*(?:-|–|—|\bto\b|\bor\b|\band\b)\s*")
# Unquantified victim counts ("several", "many"): data/word_sets.csv.
VAGUE_WORDS = _LEXICON.words("vague_counts")
# ACLED codes an unquantified report of deaths ("several", "many") as 10.
VAGUE_FATALITIES = 10


def _number_words(words: list[str]) -> int | None:
    """ "twenty one", "one hundred and twenty", "a hundred", "two dozen", "1,200", "2 million" -> int."""
    if not words:
        return None
    total = 0
    current: int | None = None
    for word in words:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", word):
            if current is not None:
                return None
            current = int(word.replace(",", ""))
        elif re.fullmatch(r"\d+\.\d+", word):
            if current is not None:
                return None
            current = float(word)  # only valid before a scale word: "1.5 million"
        elif word in ("a", "an"):
            if current is not None:
                return None
            current = 1
        elif word in _UNITS:
            current = (current or 0) + _UNITS[word]
        elif word in _TENS:
            current = (current or 0) + _TENS[word]
        elif word in _GROUPS:
            current = (current if current is not None else 1) * _GROUPS[word]
        elif word == "hundred":
            current = (current if current is not None else 1) * 100
        elif word in ("thousand", "million"):
            total += (current if current is not None else 1) * _SCALES[word]
            current = None
        elif word == "and" and (current is not None or total):
            continue
        else:
            return None
    value = total + (current or 0)
    if isinstance(value, float) and not value.is_integer():
        return None
    return int(value)


def parse_quantity(text: str) -> int | None:
    """The number a quantity phrase codes as ("at least four" -> 4, "dozens" -> 12, "10 to 15" -> 10);
    None for vague words ("several", "a number of") and anything that is not a quantity."""
    phrase = " ".join(text.lower().replace("–", "-").split()).strip(" .,;:")
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = _HEDGE.sub("", phrase)
    phrase = re.sub(r"\s+of$", "", phrase)  # "dozens of", "a dozen of"
    if not phrase or phrase in VAGUE_WORDS:
        return None

    # "tens of thousands", "hundreds of thousands": the product of the plurals.
    match = re.fullmatch(r"(\w+) of (\w+)", phrase)
    if match and match.group(1) in _PLURALS and match.group(2) in _PLURALS:
        return _PLURALS[match.group(1)] * _PLURALS[match.group(2)]
    if phrase in _PLURALS:
        return _PLURALS[phrase]
    if phrase in ("a couple", "a couple of", "couple"):
        return 2
    if phrase in ("half a dozen", "a half dozen"):
        return 6

    words = phrase.replace("-", " ").split()
    value = _number_words(words)
    if value is not None:
        return value
    # A range, coded by its lower end. Number words come first so "one hundred and five" stays one number.
    parts = [part for part in _RANGE.split(phrase) if part]
    if len(parts) == 2:
        low, high = (_number_words(part.replace("-", " ").split()) for part in parts)
        if low is not None and high is not None:
            return min(low, high)
    return None


# --- casualties -----------------------------------------------------------------------------------------

# Casualty words are data (data/word_sets.csv).
_DEATH_VERBS = _LEXICON.words("death_verbs")
_DEATH_NOUNS = _LEXICON.words("death_nouns")
_INJURY_VERBS = _LEXICON.words("injury_verbs")
_INJURY_NOUNS = _LEXICON.words("injury_nouns")
_INJURY_ADJECTIVES = _LEXICON.words("injury_adjectives")
# "Five people are dead": after a form of "be", "dead" qualifies the subject.
_BEING_VERBS = frozenset({"be"})
_MODALS = frozenset({"could", "would", "might", "may", "can", "will", "should", "shall", "must"})
_LIFE_TAKING_VERBS = _LEXICON.words("life_taking_verbs")
_EVENT_NOUNS = _LEXICON.words("killing_nouns")
_BACKGROUND_PREPOSITIONS = frozenset(
    {"after", "following", "against", "over", "since", "before", "with", "about", "for", "amid", "despite"}
)
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
_SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her"})
_NOT_COUNTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
_NUMBER_NOUNS = frozenset({"dozen", "dozens", "hundreds", "thousands", "scores", "tens", "number", "couple"})

_VAGUE = -1  # a victim group of unknown size


@dataclass(frozen=True)
class _Claim:
    victim: int  # token index of the victim group (or of the figure itself)
    count: int  # _VAGUE for "several", "many"...
    inherited: bool  # victims borrowed from a coordinated verb ("shot and killed")


def count_casualties(sent: Span | Doc) -> Casualties:
    """Fatalities and injured reported in one parsed sentence (see the module docstring)."""
    deaths: dict[int, _Claim] = {}
    injuries: dict[int, _Claim] = {}
    # "killed 50 civilians (50 deaths in all)": a count in brackets restates or details one told outside
    # them; it counts only when nothing outside them does.
    aside: dict[str, dict[int, _Claim]] = {"death": {}, "injury": {}}
    bracketed = _bracketed(sent)
    for token in sent:
        category = _category(token)
        if category is None or _irrealis(token):
            continue
        told = deaths if category == "death" else injuries
        for claim in _claims(token):
            target = aside[category] if {token.i, claim.victim} & bracketed else told
            target.setdefault(claim.victim, claim)
    deaths = deaths or aside["death"]
    injuries = injuries or aside["injury"]
    # "Five people were killed or injured": a shared group borrowed across categories is neither.
    ambiguous = {
        victim
        for victim in deaths.keys() & injuries.keys()
        if deaths[victim].inherited or injuries[victim].inherited
    }
    clauses = {past_time_clause(sent.doc[victim]) for victim in (*deaths, *injuries)}
    clause = next(iter(clauses)) if len(clauses) == 1 else None
    return Casualties(
        fatalities=_total(deaths, ambiguous, vague=VAGUE_FATALITIES),
        injured=_total(injuries, ambiguous, vague=None),
        past_clause=clause.i if clause is not None else None,
    )


def _bracketed(sent: Span | Doc) -> set[int]:
    """Indices of the tokens between brackets."""
    inside, depth = set(), 0
    for token in sent:
        if token.text in ("(", "["):
            depth += 1
        elif token.text in (")", "]"):
            depth = max(0, depth - 1)
        elif depth:
            inside.add(token.i)
    return inside


def _total(claims: dict[int, _Claim], ambiguous: set[int], vague: int | None) -> int | None:
    counts = [claim.count for victim, claim in claims.items() if victim not in ambiguous]
    exact = [count for count in counts if count != _VAGUE]
    if exact:
        return sum(exact)
    if _VAGUE in counts:
        return vague
    return None


def _category(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    text = token.text.lower()
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        if lemma in _DEATH_VERBS or lemma == "die":
            return "death"
        if lemma in _INJURY_VERBS:
            return "injury"
    if token.pos_ in ("NOUN", "PROPN"):
        if lemma in _DEATH_NOUNS or (lemma == "life" and text == "lives") or _is_death_toll(token):
            return "death"
        if lemma in _INJURY_NOUNS:
            return "injury"
    if token.pos_ == "ADJ" or token.tag_ == "JJ":
        if text == "dead":
            return "death"
        if text in _INJURY_ADJECTIVES:
            return "injury"
    return None


def _is_death_toll(token: Token) -> bool:
    return token.lemma_.lower() == "toll" and any(
        child.lemma_.lower() in ("death", "fatality") for child in token.children
    )


def _irrealis(token: Token) -> bool:
    """Negated, infinitival or modal: "was not killed", "tried to kill", "could kill" (but "is reported to
    have killed" is a report of a killing)."""
    auxiliaries = {child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")}
    if any(child.dep_ == "neg" for child in token.children):
        return True
    if "to" in auxiliaries and not auxiliaries & {"have", "been"}:
        return True
    return bool(auxiliaries & _MODALS)


def _background(noun: Token) -> bool:
    """A death named as the cause or context of something else: "protests against the killing of",
    "after the death of", "in connection with the murder of", "the death anniversary of"."""
    if noun.dep_ == "compound":
        return True
    noun = first_conjunct(noun)  # "after the beating and the killing of a trader"
    return noun.dep_ == "pobj" and noun.head.lower_ in _BACKGROUND_PREPOSITIONS


def _claims(trigger: Token) -> list[_Claim]:
    lemma = trigger.lemma_.lower()
    if _is_death_toll(trigger):
        return _toll(trigger)
    if trigger.pos_ in ("NOUN", "PROPN"):
        if lemma == "life":
            # "claimed 17 lives" numbers the lives; "three people lost their lives" numbers the people.
            verb = trigger.head.lemma_.lower()
            if verb == "lose":
                return _groups(_children(trigger.head, "nsubj", "nsubjpass"), inherited=False)
            return _own_number(trigger) if verb in _LIFE_TAKING_VERBS else []
        if trigger.dep_ == "pobj" and trigger.head.lower_ == "to" and lemma == "death":
            verb = trigger.head.head  # "beaten to death", "stabbed to death"; not "led to death"
            return _verb_victims(verb, patients_only=True) if verb.pos_ in ("VERB", "AUX") else []
        if lemma in _EVENT_NOUNS and _background(trigger):
            return []
        claims = _own_number(trigger)
        if claims:
            return claims
        # "the deaths of 3 children", "the bodies of 12 men" (a lone "his body" is no death).
        of = [child for child in trigger.children if child.dep_ == "prep" and child.lower_ == "of"]
        return _groups([pobj for prep in of for pobj in _children(prep, "pobj")], inherited=False)
    if trigger.pos_ == "ADJ" or trigger.tag_ == "JJ":
        return _adjective_victims(trigger)
    return _verb_victims(trigger)


def _children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def _toll(trigger: Token) -> list[_Claim]:
    """ "The death toll rose to 45", "a death toll of 45", "the death toll is 45"."""
    places = [*_children(trigger, "prep", "appos", "nummod")]
    verb = trigger.head
    if trigger.dep_ in ("nsubj", "nsubjpass"):
        places += _children(verb, "prep", "attr", "dobj", "npadvmod", "oprd")
    for place in places:
        for token in [place, *place.subtree]:
            if _is_count_token(token):
                count = _quantity_of_number(token)
                if count is not None:
                    return [_Claim(token.i, count, inherited=False)]
    return []


def _own_number(noun: Token) -> list[_Claim]:
    """A number attached to the noun itself: "four deaths", "17 lives", "no injuries"."""
    # Closest first: a misparse can hang a stray number ("Nov 21-27 (50 fatalities") on the same noun.
    for child in sorted(noun.children, key=lambda child: abs(noun.i - child.i)):
        if child.dep_ == "nummod" and _is_count_token(child):
            count = _quantity_of_number(child)
            if count is not None:
                return [_Claim(noun.i, count, inherited=False)]
        if child.dep_ == "det" and child.lower_ == "no":
            return [_Claim(noun.i, 0, inherited=False)]
        if child.dep_ in ("amod", "det") and child.lower_ in VAGUE_WORDS:
            return [_Claim(noun.i, _VAGUE, inherited=False)]
    return []


def _adjective_victims(adjective: Token) -> list[_Claim]:
    """ "left two dead", "five people dead", "a farmer was shot dead", "120 injured"."""
    previous = adjective.doc[adjective.i - 1] if adjective.i > 0 else None
    if (
        previous is not None
        and previous.tag_ in ("VBN", "VBD")
        and previous.lemma_.lower() not in _BEING_VERBS
    ):
        # "was shot dead", "were found dead": spaCy sometimes hangs "dead" on the next noun instead.
        claims = _verb_victims(previous, as_patient=True, patients_only=True)
        if claims:
            return claims
    numbers = [
        child for child in adjective.children if child.dep_ in ("nummod", "npadvmod", "nsubj", "quantmod")
    ]
    if numbers:
        return _groups(numbers, inherited=False)
    if adjective.dep_ == "amod" and adjective.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return _groups([adjective.head], inherited=False)
    head = adjective.head
    if head.pos_ in ("VERB", "AUX") and head != adjective:
        if head.lemma_.lower() in _BEING_VERBS:
            return _groups(_children(head, "nsubj"), inherited=False)
        return _verb_victims(head, as_patient=True)
    return []


def _verb_victims(verb: Token, as_patient: bool = False, patients_only: bool = False) -> list[_Claim]:
    """The victims of a killing or injuring verb, or of the verb "dead" qualifies ("shot dead").
    ``patients_only``: only its own subject or object, nothing borrowed from the words around it."""
    dies = verb.lemma_.lower() == "die" and not as_patient
    # A past participle without "have" or an object is passive even when the parser misses it ("2 others
    # injured"); with an object it is a mis-tagged past tense ("a bomb killed 12 people").
    passive = any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children) or (
        verb.tag_ == "VBN"
        and not any(child.lemma_.lower() == "have" or child.dep_ == "dobj" for child in verb.children)
    )
    if dies:
        victims = _children(verb, "nsubj")
    elif passive:
        victims = _children(verb, "nsubjpass", "nsubj")
    else:
        victims = _children(verb, "dobj")
    # "the 12 people who were killed": the relative pronoun stands for the noun it qualifies.
    victims = [verb.head if v.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl" else v for v in victims]
    if victims or patients_only:
        return _groups(victims, inherited=False)
    if verb.dep_ in ("xcomp", "oprd", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
        # "was reported killed", "were found killed": the subject of the reporting verb.
        return _groups(_children(verb.head, "nsubjpass"), inherited=False)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return _groups([verb.head], inherited=False)  # "12 people killed in the attack"
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        # "was shot and killed", "were killed or wounded": the victims of the first verb.
        head = verb.head
        borrowed = _children(head, "nsubjpass", "dobj") or (
            _children(head, "nsubj") if head.lemma_.lower() == "die" or passive else []
        )
        return _groups(borrowed, inherited=True)
    return []


def _groups(victims: list[Token], inherited: bool) -> list[_Claim]:
    """One claim per coordinated victim group: "38 miners and six guards" -> two."""
    claims = []
    seen: set[int] = set()
    for victim in victims:
        for member in (victim, *victim.conjuncts):
            if member.i in seen or member.pos_ not in ("NOUN", "PROPN", "NUM", "PRON", "ADJ", "DET"):
                continue
            seen.add(member.i)
            count = _quantity(member)
            if count is not None:
                claims.append(_Claim(member.i, count, inherited))
    return claims


def _is_count_token(token: Token) -> bool:
    """A number that can count people: not a date, time, percentage, amount, distance or age."""
    if token.ent_type_ in _NOT_COUNTS:
        return False
    following = token.doc[token.i + 1 : token.i + 4].text.lower()
    if re.match(
        r"-?\s*(?:year|yr|month|week|day)s?\b[\s-]*old|%|percent|per cent|years?\b|km|kilomet|mile", following
    ):
        return False
    return token.like_num or token.tag_ == "CD" or token.lower_ in _NUMBER_NOUNS or token.lower_ in _PLURALS


def _quantity_of_number(number: Token) -> int | None:
    """The value of a number token with its hedges and range: the whole subtree ("at least 71")."""
    return parse_quantity(" ".join(token.text for token in number.subtree))


def _quantity(victim: Token) -> int | None:
    """How many people one victim group is: a count, 0, 1 or _VAGUE; None if the text does not say."""
    lower = victim.lower_
    if lower in ("none", "nobody", "no-one") or any(
        child.dep_ == "det" and child.lower_ == "no" for child in victim.children
    ):
        return 0
    if _is_count_token(victim) and (
        victim.pos_ == "NUM" or victim.like_num or lower in _NUMBER_NOUNS | set(_PLURALS)
    ):
        # The victim is the number itself ("Five were killed", "Dozens of people"): read its left side.
        left = " ".join(token.text for token in victim.subtree if token.i <= victim.i)
        count = parse_quantity(left)
        if count is not None:
            return count
        return _VAGUE if lower == "number" else None
    for child in sorted(victim.children, key=lambda child: abs(victim.i - child.i)):
        # "More than a dozen villagers": spaCy makes "dozen" a compound.
        if child.dep_ in ("nummod", "quantmod", "compound") and _is_count_token(child):
            count = _quantity_of_number(child)
            if count is not None:
                return count
    for child in victim.children:
        # "Two suspected New People's Army (NPA) rebels": the parser hangs the count on the group's name
        # before the victim noun; the count still belongs to the victims.
        if child.dep_ in ("nmod", "compound") and child.i < victim.i and child.pos_ == "PROPN":
            for grand in child.children:
                if grand.dep_ == "nummod" and grand.i < child.i and _is_count_token(grand):
                    count = _quantity_of_number(grand)
                    if count is not None:
                        return count
    for child in victim.children:
        if child.dep_ in ("amod", "det", "nummod") and child.lower_ in VAGUE_WORDS:
            return _VAGUE
    if lower in VAGUE_WORDS:  # "Several were killed", "many died"
        return _VAGUE
    if victim.pos_ == "PRON":
        return 1 if lower in _SINGULAR_PRONOUNS else None
    if victim.tag_ in ("NN", "NNP") and lower not in ("others", "people"):
        return 1  # "a farmer was shot dead", "Ali was killed"
    return None
