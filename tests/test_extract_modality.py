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


def test_calling_an_event_something_names_it_and_calling_for_one_asks_for_it(nlp):
    assert realis(nlp, "Police call the assault a terrorist incident.", "assault")
    assert realis(nlp, "The governor called the attack cowardly.", "attack")
    assert not realis(nlp, "The opposition called for protests across the country.", "protests")


def test_purpose_infinitives_are_plans_except_a_dispersal(nlp):
    assert not realis(nlp, "The army sent troops to fight the rebels.", "fight")
    assert realis(nlp, "Police fired tear gas to disperse the crowd.", "disperse")


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        (
            "The militia has a long track record of ruthlessly slaughtering prisoners it takes.",
            "slaughtering",
        ),
        ("Analysts doubt the likelihood of an offensive on the port this year.", "offensive"),
        ("Commanders say an assault on the city of Garissa is months away.", "assault"),
        ("A new offensive on the valley is imminent, the governor warned.", "offensive"),
        ("Aid groups want a safe corridor for families before the battle begins.", "battle"),
        ("Militias may take part, provided that each unit fights beside the army.", "fights"),
        ("The council invites every clan to send men and assist in liberating the district.", "liberating"),
        ("Residents say it is hard to imagine the kind of attack they suffered in Baidoa.", "attack"),
        ("The brigades are dug in along the river, awaiting the signal for the last battle.", "battle"),
        ("Crews drilled at the depot to prepare for possible air strikes on the port.", "strikes"),
        ("Officials said a planned attack on the ferry terminal was called off.", "attack"),
        ("Sometimes the militia's fighters defect to the army, the mayor said.", "defect"),
        ("Bandits often attack lorries on the road to Garissa.", "attack"),
        # an order is not yet the deed
        ("A court in Garissa has ordered the arrest of the opposition senator.", "arrest"),
    ],
)
def test_habits_prospects_and_what_has_not_begun_are_not_events(nlp, sentence, trigger):
    assert not realis(nlp, sentence, trigger)


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Civilians flee as fighting rages in the eastern districts.", "fighting"),
        ("Soldiers repelled the attack before the militants reached the base.", "attack"),
        ("Troops shelled the ridge until the rebels withdrew on Sunday.", "shelled"),
        ("Residents welcomed the soldiers who recaptured the town on Sunday.", "recaptured"),
        ("Police said a possible suicide bomber blew himself up at the gate on Monday.", "blew"),
    ],
)
def test_present_headlines_and_past_time_clauses_stay_events(nlp, sentence, trigger):
    assert realis(nlp, sentence, trigger)


def test_a_claim_that_tells_where_or_when_reports_the_deed(nlp):
    sentence = "The Front claimed responsibility for a bomb that exploded at a market in Garissa on Monday."
    assert realis(nlp, sentence, "exploded")
    assert not realis(nlp, "The Front claimed responsibility for the attack.", "attack")  # refers back
    # so does blame: "blamed the attack on X" attributes an event told before
    assert not realis(nlp, "Police blamed the attack on the Front.", "attack")
    assert realis(nlp, "The bombing of a market in Garissa on Monday was blamed on the Front.", "bombing")


def test_claims_of_responsibility_and_reactions_are_background(nlp):
    assert not realis(nlp, "The group claimed responsibility for the bombing in Kidal.", "bombing")
    assert not realis(nlp, "Ruritania recalled its envoy in response to the attack on its embassy.", "attack")
    assert not realis(nlp, "Freedonia condemned the test of a hydrogen bomb.", "bomb")


def test_what_happened_without_and_the_cause_responded_to_are_not_the_news(nlp):
    assert not realis(nlp, "Rebels moved supplies without being targeted by jets.", "targeted")
    assert not realis(nlp, "Soldiers were responding to an attack on their base.", "attack")
    assert not realis(nlp, "Troops were waiting for the order to start the assault.", "assault")


def test_a_crowd_that_came_out_to_protest_protested(nlp):
    assert realis(nlp, "Thousands have braved the rain in Kano to protest for a fifth day.", "protest")
    assert realis(nlp, "Hundreds gathered outside the court to protest on Friday.", "protest")
    assert not realis(nlp, "The union called on workers to protest in Kano.", "protest")
    assert not realis(nlp, "Thousands will gather in Kano to protest.", "protest")


def test_a_perfect_infinitive_under_a_verb_of_belief_happened(nlp):
    assert realis(nlp, "Gunmen are believed to have abducted the teacher.", "abducted")
    assert realis(nlp, "The militia is thought to have attacked the convoy.", "attacked")
    # a habit, and a plan, are no event
    assert not realis(nlp, "Militants known to attack convoys were seen near the town.", "attack")
    assert not realis(nlp, "Gunmen are believed to be planning to attack the base.", "attack")


def test_what_an_after_or_because_clause_tells_happened_whatever_the_statement_plans(nlp):
    sentence = "The two armies pledged to avoid mistakes after a strike killed four soldiers."
    assert realis(nlp, sentence, "strike")
    assert realis(nlp, "The crowd cheered after the gunman shot the envoy.", "shot")
    # a gerund or noun after "after" happened only in a past statement
    assert not realis(nlp, "The army will end its operation only after capturing the town.", "capturing")


def test_a_verb_that_goes_on_to_an_infinitive_tells_a_fact(nlp):
    assert realis(nlp, "He went on to kill nine people in the market.", "kill")
    assert not realis(nlp, "He went to kill the mayor.", "kill")


def test_a_bare_verb_joined_to_a_plan_is_planned_too(nlp):
    sentence = "The allies agreed to share fuel depots and perhaps build a new base near the border."
    assert not realis(nlp, sentence, "build")


def test_the_subject_of_a_schedule_is_a_prospect(nlp):
    assert not realis(nlp, "The protests against the club in Lyon are set to continue.", "protests")
    assert not realis(nlp, "The strike at the port is due to begin on Friday.", "strike")
    # "set off" with no infinitive is no schedule
    assert realis(nlp, "Militants set off a bomb in Lyon on Monday.", "bomb")
