"""Casualty counts read off spaCy's parse (pipeline.extract.numbers). Sentences are made up."""

from __future__ import annotations

import pytest
import spacy

from pipeline.extract.nlp import load_nlp
from pipeline.extract.numbers import Casualties, count_casualties, parse_quantity

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return load_nlp()  # cached: one spaCy load for the whole test session


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("71", 71),
        ("1,200", 1200),
        ("at least four", 4),
        ("more than 30", 30),
        ("over 40", 40),
        ("nearly 1,300", 1300),
        ("up to 200", 200),
        ("some 50", 50),
        ("another 34", 34),
        ("twenty-one", 21),
        ("one hundred and twenty", 120),
        ("a dozen", 12),
        ("more than a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("dozens", 12),
        ("dozens of", 12),
        ("scores", 20),
        ("hundreds", 100),
        ("thousands", 1000),
        ("tens of thousands", 10_000),
        ("2 million", 2_000_000),
        ("1.5 million", 1_500_000),
        ("10 to 15", 10),
        ("10-15", 10),
        ("between 10 and 15", 10),
        ("two or three", 2),
        ("a couple of", 2),
        ("several", None),
        ("many", None),
        ("a number of", None),
        ("some", None),
        ("police", None),
        ("", None),
    ],
)
def test_parse_quantity(text: str, expected: int | None) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    ("sentence", "fatalities", "injured"),
    [
        # Coordinated victims of one verb add up.
        ("At least 23 miners and four guards were killed on Tuesday when gunmen raided the camp.", 27, None),
        ("Gunmen killed 9 villagers and a teacher near the border.", 10, None),
        # The parser hangs the count on the group's name before the victims.
        ("Two suspected Liberation Army (LA) rebels and a soldier were killed in a firefight.", 3, None),
        # spaCy tags this "killed" VBN; its object still makes it active.
        ("The raid came a day after a truck bomb killed at least 9 people at a depot.", 9, None),
        # Deaths and injuries are kept apart.
        ("Six people were killed in the blast, and 40 others were wounded.", 6, 40),
        ("Rebels killed 3 soldiers, while 18 others were injured.", 3, 18),
        ("At least 2 demonstrators were killed and 5 others injured.", 2, 5),
        ("Another 34 people were wounded.", None, 34),
        ("Militants killed a guard and wounded two drivers.", 1, 2),
        # The forms a death toll takes.
        ("The explosion left at least seven dead.", 7, None),
        ("The fighting left 300 people dead and thousands displaced.", 300, None),
        ("Masked men shot dead a shopkeeper in the market.", 1, None),
        ("A shopkeeper was shot and killed by masked men.", 1, None),
        ("A herder was beaten to death by a crowd.", 1, None),
        ("The death toll from the flooding of the camp rose to 45 on Friday.", 45, None),
        ("The shelling claimed 17 lives.", 17, None),
        ("Four civilians lost their lives in the crossfire.", 4, None),
        ("The bodies of 12 fishermen were found on the shore.", 12, None),
        ("Police said 8 people died and 25 were injured.", 8, 25),
        ("The airstrike killed 1,200 people.", 1200, None),
        ("The 14 people who were killed were all traders.", 14, None),
        ("Twenty-one passengers were killed.", 21, None),
        ("He died of his wounds on the way to hospital.", 1, None),
        # Hedges, ranges and round numbers.
        ("Dozens of people were killed in the raid.", 12, None),
        ("More than a dozen herders died in the clashes.", 12, None),
        ("An airstrike killed between 10 and 15 fighters.", 10, None),
        ("Two dozen protesters were injured.", None, 24),
        # Unquantified deaths are coded 10; unquantified injuries are not coded.
        ("Several soldiers were killed in the ambush.", 10, None),
        ("A number of civilians were killed in the shelling.", 10, None),
        ("Many people were wounded.", None, None),
        # Explicit zeros.
        ("No one was killed in the attack.", 0, None),
        ("No injuries were reported.", None, 0),
        # Neither.
        ("Nine people were killed or injured in the collision.", None, None),
        ("There were many casualties.", None, None),
        ("Rebels tried to kill the governor.", None, None),
        ("The soldiers were not killed.", None, None),
        ("The attack could kill hundreds.", None, None),
        ("Protesters marched against the killing of a student last month.", None, None),
        ("Police arrested two men over the murder of a lawyer.", None, None),
        ("Gunmen are reported to have killed four guards.", 4, None),
        ("The convoy was hit 113 kilometers north of the capital in 2014.", None, None),
        ("Officials said 70% of the town was destroyed.", None, None),
        ("A 45-year-old shepherd was arrested.", None, None),
        ("The victim had bruises on his body.", None, None),
        ("Militants stormed the town on Monday.", None, None),
    ],
)
def test_count_casualties(
    nlp: spacy.language.Language, sentence: str, fatalities: int | None, injured: int | None
) -> None:
    assert count_casualties(nlp(sentence)) == Casualties(fatalities, injured)


def test_count_casualties_reads_one_sentence_of_a_document(nlp: spacy.language.Language) -> None:
    doc = nlp("Four people were killed in the square. Another 12 people were wounded at the gate.")
    first, second = doc.sents
    assert count_casualties(first) == Casualties(4, None)
    assert count_casualties(second) == Casualties(None, 12)


def test_a_count_in_brackets_restates_one_outside_them(nlp: spacy.language.Language) -> None:
    doc = nlp("Militiamen killed at least 50 civilians in the villages last week (50 deaths in all).")
    assert count_casualties(doc) == Casualties(50, None)
    # alone, a bracketed count is the count
    doc = nlp("Militants attacked a checkpoint on the highway (three soldiers were killed).")
    assert count_casualties(doc) == Casualties(3, None)
