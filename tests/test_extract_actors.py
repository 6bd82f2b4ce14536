"""Actors: ACLED-style names from noun phrases, and the countries that named groups imply."""

import pytest

from pipeline.extract.actors import default_actor1, find_named_group, find_party, resolve_actor
from pipeline.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def actor_of(nlp, sentence: str, word: str, country: str | None = "IQ", as_agent: bool = False):
    doc = nlp(sentence)
    return resolve_actor(next(t for t in doc if t.text == word), country, None, as_agent=as_agent)


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


def test_parties_are_named_in_full_and_only_when_capitalized():
    assert find_party("BJP workers")[0] == "BJP: Bharatiya Janata Party"
    assert find_party("CPI(M) supporters")[0] == "CPI (M): Communist Party of India (Marxist)"
    assert find_party("Trinamool Congress members")[0] == "TMC: Trinamool Congress Party"
    assert find_party("the party congress met") is None
    assert find_party("a sad day") is None


def test_a_party_is_the_doer_not_the_victim(nlp):
    sentence = "Armed Congress workers shot a farmer in the village."
    doer = actor_of(nlp, sentence, "workers", "IN", as_agent=True)
    assert doer is not None and doer.name == "INC: Indian National Congress" and doer.category == "militia"
    crowd = actor_of(nlp, "BJP supporters beat two men.", "supporters", "IN", as_agent=True)
    assert crowd is not None and crowd.name.startswith("BJP") and crowd.category == "rioters"
    victim = actor_of(nlp, "Gunmen shot a BJP worker.", "worker", "IN")
    assert victim is not None and victim.category == "civilians"


def test_groups_under_acled_names():
    assert find_named_group("Maoists torched a tower")[0] == "CPI (Maoist): Communist Party of India (Maoist)"
    assert find_named_group("cow vigilantes stopped a truck")[0] == "Gau Rakshak"
    assert find_named_group("JTW fighters raided a farm")[0] == "JTW: National Liberation Front"


def test_insurgents_of_a_country_with_one_insurgency(nlp):
    actor = actor_of(nlp, "Insurgents shot a teacher.", "Insurgents", "TH")
    assert actor is not None and actor.name == "Southern Muslim Separatists (Thailand)"


def test_default_doer_by_event_type():
    assert default_actor1("Violence against civilians", "Attack", "IN") == "Unidentified Armed Group (India)"
    assert default_actor1("Riots", "Mob violence", "BD") == "Rioters (Bangladesh)"
    assert default_actor1("Strategic developments", "Arrests", "IQ") == "Police Forces of Iraq"
    assert default_actor1("Strategic developments", "Agreement", "IQ") is None


def test_the_houthis_under_their_acled_name_stay_rebels():
    assert find_named_group("Houthi fighters shelled a market") == (
        "Military Forces of Yemen (2016-) Supreme Political Council",
        "rebel",
    )
    assert find_named_group("Ansar Allah forces raided a village")[1] == "rebel"


def test_the_accused_did_the_deed_whoever_speaks():
    from kit import article_mentions

    rows = article_mentions("Rebels accused government troops of killing 60 civilians near Bentiu on Monday.")
    assert rows and rows[0].actor1 == "Military Forces of South Sudan"
    rows = article_mentions("Residents blamed the army for killing five farmers in Kaduna on Monday.")
    assert rows and rows[0].actor1 == "Military Forces of Nigeria"


def test_a_group_said_or_reported_to_have_done_it_is_the_doer():
    from kit import article_mentions

    rows = article_mentions(
        "The RRR militia is reported by a rights group to have killed 12 civilians in Bocaranga."
    )
    assert rows and rows[0].actor1 == "RRR: Return, Reclamation and Rehabilitation"


def test_armed_supporters_of_a_party_who_attack_are_its_militia():
    """ACLED: civilians do no organised violence; a party's supporters who open fire are the party's militia,
    while a crowd of them that riots stays rioters associated with the party."""
    from kit import article_mentions

    rows = article_mentions("Villagers loyal to the Shiromani Akali Dal fired at two men in Mansa on Sunday.")
    assert rows and (rows[0].actor1, rows[0].assoc_actor_1, rows[0].inter1) == (
        "SAD: Shiromani Akali Dal",
        None,
        3,
    )
    rows = article_mentions("Villagers fired at two farmers in Bathinda on Sunday.")
    assert rows and rows[0].actor1 != "SAD: Shiromani Akali Dal" and rows[0].assoc_actor_1 is None


def test_the_claimant_of_a_deed_is_its_doer():
    from kit import article_mentions

    rows = article_mentions(
        "Islamic State claimed responsibility for a bomb that exploded at a market in Baghdad on Monday, "
        "killing four people."
    )
    assert [(m.sub_event_type, m.actor1) for m in rows] == [
        ("Remote explosive/landmine/IED", "Islamic State")
    ]


def test_whom_a_report_blames_for_a_deed_is_its_doer():
    from kit import article_mentions

    rows = article_mentions(
        "A bomb exploded at a market in Maiduguri on Monday, killing four people, in an attack blamed on "
        "Boko Haram."
    )
    assert [m.actor1 for m in rows] == ["Boko Haram"]


def test_a_country_that_backs_a_side_is_not_that_side_s_country_but_one_that_leads_it_is():
    from pipeline.extract.actors import demonym_country

    assert demonym_country("Russia-backed separatist rebels") is None
    assert demonym_country("Iran - backed militiamen") is None
    assert demonym_country("a London-based Syrian group") == "SY"
    assert demonym_country("Saudi-led coalition jets") == "SA"
    assert demonym_country("Iraqi troops") == "IQ"


def test_the_armed_group_a_report_suspects_is_the_doer_it_names_no_other():
    from kit import article_mentions

    rows = article_mentions(
        "Dozens of rapes were reported near Uvira on Monday; FDLR fighters are believed to be responsible."
    )
    assert [r.actor1 for r in rows] == ["FDLR: Democratic Forces for the Liberation of Rwanda"]
    rows = article_mentions(
        "A teacher was shot dead in Maiduguri on Monday; police suspect Boko Haram was behind it."
    )
    assert rows and rows[0].actor1 == "Boko Haram"
    # the suspects of an arrest are the ones held, not those who hold them
    rows = article_mentions(
        "Two men believed to be involved with Boko Haram were arrested in Maiduguri on Monday."
    )
    assert all(r.actor1 != "Boko Haram" for r in rows)
