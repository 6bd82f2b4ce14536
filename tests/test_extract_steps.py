"""The sentence steps of the extract stage, called one by one on small parsed sentences: what a trigger
means (senses), who did what to whom (roles), where (geo.event_place), when and whether it is history
(history), which trigger speaks for the sentence (selection), and the doer a sentence hands to the next.
Every sentence is invented."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.article import article_facts, sentence_facts
from pipeline.extract.geo.event_place import place_of_event
from pipeline.extract.history import date_step
from pipeline.extract.mentions import READING_STEPS, sentence_mentions
from pipeline.extract.model import ArticleContext, Reading, Refusal, SentenceInput
from pipeline.extract.nlp import load_nlp
from pipeline.extract.roles import agent_and_patient, roles_step
from pipeline.extract.selection import priority
from pipeline.extract.senses import trigger_family


@pytest.fixture(scope="module")
def read():
    """Facts of a small article and of each of its sentences, parsed."""
    nlp = load_nlp()

    def run(*sentences: str):
        ctx = ArticleContext("a1", dt.datetime(2024, 3, 12), body=" ".join(sentences))
        inputs = [SentenceInput("a1", i, 0, len(s), s) for i, s in enumerate(sentences)]
        parsed = list(zip(inputs, nlp.pipe(sentences), strict=True))
        article = article_facts({"a1": ctx}, inputs, parsed)["a1"]
        return article, [sentence_facts(s, doc, article, None) for s, doc in parsed]

    return run


def token(sentence, text: str):
    return next(t for t in sentence.doc if t.text == text)


def test_a_strike_is_what_its_sentence_says_it_is(read):
    _, (drone, workers, sanctions) = read(
        "A drone strike hit a truck near the border.",
        "The teachers' strike closed every school in the county.",
        "The new sanctions strike at the heart of the economy.",
    )
    assert trigger_family(token(drone, "strike"), drone.cues, drone.lower) == "airstrike"
    assert trigger_family(token(workers, "strike"), workers.cues, workers.lower) == "protest"
    assert trigger_family(token(sanctions, "strike"), sanctions.cues, sanctions.lower) is None


def test_firing_tear_gas_disperses_and_riot_police_are_no_riot(read):
    _, (gas,) = read("Riot police fired tear gas at the marchers.")
    assert trigger_family(token(gas, "fired"), gas.cues, gas.lower) == "disperse"
    assert trigger_family(token(gas, "Riot"), gas.cues, gas.lower) is None


def test_the_doer_and_victim_of_active_and_passive_triggers(read):
    _, (active, passive) = read(
        "Militants ambushed a convoy outside the town.", "Two farmers were killed by bandits on Sunday."
    )
    agent, patient = agent_and_patient(token(active, "ambushed"))
    assert (agent.text, patient.text) == ("Militants", "convoy")
    agent, patient = agent_and_patient(token(passive, "killed"))
    assert (agent.text, patient.text) == ("bandits", "farmers")


def test_they_is_the_doer_handed_on_by_the_sentence_before(read):
    article, (first, second) = read(
        "A mob attacked a party office in Kisumu on Monday.", "They later burnt three cars."
    )
    _, doer, _ = sentence_mentions(first, article)
    assert doer is not None
    then = sentence_facts(second.input, second.doc, article, doer)
    reading = Reading(token(then, "burnt"), family="riot")
    assert roles_step(reading, then, article).roles.actor1 == doer


def test_the_place_named_in_the_sentence_or_just_before(read):
    article, (named, unnamed) = read(
        "Gunmen killed two traders in Kisumu on Monday.", "Police said the attackers fled."
    )
    place, precision, evidence = place_of_event(token(named, "killed"), named, article)
    assert (place.name, precision, evidence) == ("Kisumu", "place", "sentence")
    place, _, evidence = place_of_event(token(unnamed, "fled"), unnamed, article)
    assert (place.name, evidence) == ("Kisumu", "nearby_sentence")


def test_an_undated_event_in_a_past_war_or_a_since_clause_is_history(read):
    article, (war, since, today) = read(
        "Soldiers killed hundreds of villagers there during the war.",
        "It was the worst loss since the rebels seized the town.",
        "Soldiers killed four villagers on Monday.",
    )
    assert date_step(Reading(token(war, "killed")), war, article) == Refusal("past_period")
    assert date_step(Reading(token(since, "seized")), since, article) == Refusal("past_period")
    dated = date_step(Reading(token(today, "killed")), today, article)
    assert dated is not None and dated.when.start == dt.date(2024, 3, 11)


def test_the_main_clause_outranks_an_after_clause(read):
    article, (sentence,) = read("Troops were deployed in the district after militants attacked a market.")
    readings = {}
    for text in ("deployed", "attacked"):
        reading = Reading(token(sentence, text))
        for step in READING_STEPS:
            reading = step(reading, sentence, article)
        readings[text] = reading
    assert priority(readings["deployed"].label, readings["deployed"].trigger) > priority(
        readings["attacked"].label, readings["attacked"].trigger
    )


def test_the_places_of_every_sentence_are_scanned_when_asked_for_with_the_same_answers(read):
    from pipeline.extract.geo.scan import scan_places

    sentences = (
        "Gunmen attacked a checkpoint near Kirkuk on Monday.",
        "Nobody said who they were.",
        "KIRKUK, Iraq — Police later searched houses in Hawija and Tikrit.",
    )
    article, _ = read(*sentences)
    places = article.places_by_sentence
    assert 1 not in places and places.get(1, ()) == ()  # a sentence naming no place is no key
    assert sorted(places) == [0, 2] and len(places) == 2
    # the dateline is cut off before the scan, as the place step has always seen it
    later = "Police later searched houses in Hawija and Tikrit."
    assert places[2] == tuple(scan_places(later, article.country, abroad=article.countries_named))
    assert {p.name for p in places[0]} >= {"Kirkuk"}
    with pytest.raises(KeyError):
        places[7]  # no such sentence
