"""Modality: plans, fears, denials and purposes report no event; reported facts and interventions do."""

import pytest

from pipeline.extract.modality import is_realis
from pipeline.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def realis(nlp, sentence: str, trigger: str) -> bool:
    doc = nlp(sentence)
    return is_realis(next(t for t in doc if t.text == trigger))


def test_facts_and_reported_speech_are_realis(nlp):
    assert realis(nlp, "Police said gunmen attacked the village.", "attacked")


def test_plans_threats_and_negations_are_not(nlp):
    assert not realis(nlp, "The rebels threatened to attack the town.", "attack")
    assert not realis(nlp, "Militants could attack the convoy.", "attack")
    assert not realis(nlp, "The army did not attack the village.", "attack")


def test_purpose_infinitives_are_plans_except_a_dispersal(nlp):
    assert not realis(nlp, "The army sent troops to fight the rebels.", "fight")
    assert realis(nlp, "Police fired tear gas to disperse the crowd.", "disperse")


def test_claims_of_responsibility_and_reactions_are_background(nlp):
    assert not realis(nlp, "The group claimed responsibility for the bombing in Kidal.", "bombing")
    assert not realis(nlp, "Ruritania recalled its envoy in response to the attack on its embassy.", "attack")
    assert not realis(nlp, "Freedonia condemned the test of a hydrogen bomb.", "bomb")
