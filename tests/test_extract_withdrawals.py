"""A withdrawal told with fighting at its place is the battle's territorial outcome; one told without it,
or as handed over, stays a non-violent transfer of territory (pipeline/extract/withdrawals.py).

The sentences are invented for the test; the towns are real so that the gazetteer places them.
"""

import pytest
from kit import article_mentions

from pipeline.extract.nlp import load_nlp

NON_VIOLENT = "Non-violent transfer of territory"
OVERTAKES = "Non-state actor overtakes territory"
REGAINS = "Government regains territory"


@pytest.fixture(scope="module")
def extract():
    load_nlp()
    return article_mentions


def _withdrawal(mentions):
    return next(m for m in mentions if m.trigger.lower().startswith(("withdr", "retreat", "pull")))


def test_troops_that_withdraw_after_fighting_lost_the_town_to_the_other_side(extract):
    mentions = extract(
        "Rebel fighters shelled army positions around Qaryatayn in Homs province on Sunday.",
        "The troops withdrew from Qaryatayn on Monday after two days of fighting.",
    )
    left = _withdrawal(mentions)
    assert (left.event_type, left.sub_event_type) == ("Battles", OVERTAKES)
    assert left.actor2 == "Military Forces of Syria"  # the side that withdrew lost
    assert left.actor1 is not None and "Syria" in left.actor1  # the side that shelled took the town


def test_militants_that_retreat_before_an_army_assault_gave_the_government_the_town(extract):
    mentions = extract(
        "Iraqi troops clashed with Islamic State fighters on the edge of Hit in Anbar province on Sunday.",
        "The militants retreated from Hit on Monday.",
    )
    left = _withdrawal(mentions)
    assert (left.event_type, left.sub_event_type) == ("Battles", REGAINS)
    assert left.actor2 == "Islamic State"


@pytest.mark.parametrize(
    "sentences",
    [
        # handed over: nobody fought for it
        ("Rebel fighters shelled army positions around Qaryatayn in Homs province on Sunday.",
         "The troops withdrew from Qaryatayn on Monday without a fight."),
        # the fighting is elsewhere
        ("Rebel fighters shelled army positions around Aleppo on Sunday.",
         "The troops withdrew from Qaryatayn on Monday."),
        # and months apart
        ("Rebel fighters shelled army positions around Qaryatayn in Homs province in October.",
         "The troops withdrew from Qaryatayn on Monday."),
    ],
)  # fmt: skip
def test_a_withdrawal_without_fighting_for_its_place_and_days_stays_non_violent(extract, sentences):
    left = _withdrawal(extract(*sentences))
    assert (left.event_type, left.sub_event_type) == ("Strategic developments", NON_VIOLENT)
