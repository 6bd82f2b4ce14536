"""Actors: ACLED-style names from noun phrases, and the countries that named groups imply."""

import pytest

from pipeline.extract.actors import find_named_group, resolve_actor
from pipeline.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def actor_of(nlp, sentence: str, word: str, country: str | None = "IQ"):
    doc = nlp(sentence)
    return resolve_actor(next(t for t in doc if t.text == word), country, None)


def test_short_acronyms_only_in_capitals_and_not_inside_shouting():
    assert find_named_group("IS fighters stormed the town") == ("Islamic State", "rebel")
    assert find_named_group("WHAT IS KNOWN SO FAR") is None
    assert find_named_group("the town is quiet") is None


def test_spelling_variants_of_named_groups():
    assert find_named_group("QSD fighters arrested two men")[0] == "SDF: Syrian Democratic Forces"
    assert find_named_group("Hayat Tahrir al Sham members")[0] == "HTS: Hayat Tahrir al-Sham"


def test_a_military_patrol_is_the_military(nlp):
    actor = actor_of(nlp, "Gunmen ambushed an army patrol.", "patrol")
    assert actor is not None and actor.category == "state"


def test_a_people_is_civilians_not_an_army(nlp):
    actor = actor_of(nlp, "Palestinians clashed with soldiers.", "Palestinians", "PS")
    assert actor is not None and actor.category == "civilians"
