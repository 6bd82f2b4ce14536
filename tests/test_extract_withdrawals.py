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


@pytest.mark.parametrize(
    ("sentences", "sub_type", "loser"),
    [
        # troops that withdraw after fighting lost the town to the side that shelled them
        (("Rebel fighters shelled army positions around Qaryatayn in Homs province on Sunday.",
          "The troops withdrew from Qaryatayn on Monday after two days of fighting."),
         OVERTAKES, "Military Forces of Syria"),
        # militants that retreat before an army assault gave the government the town
        (("Iraqi troops clashed with Islamic State fighters on the edge of Hit in Anbar province on Sunday.",
          "The militants retreated from Hit on Monday."),
         REGAINS, "Islamic State"),
        # an armed group's attack on the town, then the retreat of the troops holding it
        (("On Sunday the Islamic State attacked Qaryatayn again.",
          "The army's troops retreated from the centre of the town on Monday night."),
         OVERTAKES, "Military Forces of Syria"),
    ],
)  # fmt: skip
def test_a_withdrawal_after_fighting_at_its_place_is_a_battle_the_other_side_won(
    extract, sentences, sub_type, loser
):
    left = _withdrawal(extract(*sentences))
    assert (left.event_type, left.sub_event_type) == ("Battles", sub_type)
    assert left.actor2 == loser  # the side that withdrew lost
    assert left.actor1 is not None and left.actor1 != loser  # the side that fought it took the town


@pytest.mark.parametrize(
    "sentences",
    [
        # handed over: nobody fought for it
        ("Rebel fighters shelled army positions around Qaryatayn in Homs province on Sunday.",
         "The troops withdrew from Qaryatayn on Monday without a fight."),
        # the fighting is elsewhere
        ("Rebel fighters shelled army positions around Aleppo on Sunday.",
         "The troops withdrew from Qaryatayn on Monday."),
        # an attack on the town's civilians is no fight for it
        ("Gunmen attacked villagers in Qaryatayn on Sunday, killing four.",
         "The troops withdrew from Qaryatayn on Monday."),
        # and months apart
        ("Rebel fighters shelled army positions around Qaryatayn in Homs province in October.",
         "The troops withdrew from Qaryatayn on Monday."),
    ],
)  # fmt: skip
def test_a_withdrawal_without_fighting_for_its_place_and_days_stays_non_violent(extract, sentences):
    left = _withdrawal(extract(*sentences))
    assert (left.event_type, left.sub_event_type) == ("Strategic developments", NON_VIOLENT)
