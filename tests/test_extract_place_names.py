"""Names that look like places but are not, and places of another country a sentence names: the plain-text
scan (geo/scan.py), the neighbouring sentences' places (article.SentencePlaces) and the countries a text
names (geo/country.py). All sentences are made up."""

from __future__ import annotations

import pytest
from kit import article_mentions
from spacy.tokens import Span

from pipeline.extract.article import SentencePlaces, surnames
from pipeline.extract.geo.country import demonym_codes
from pipeline.extract.geo.scan import scan_places
from pipeline.extract.nlp import load_nlp


def _names(text: str, country: str) -> list[str]:
    return [text[start:end] for start, end, _ in scan_places(text, country, with_offsets=True)]


def test_an_adjective_before_a_kind_of_place_is_no_place():
    # "Bavarian" is spelled like a few small towns; here it says which town follows "of"
    assert _names("A man opened fire in the northern Bavarian town of Zirndorf on Monday.", "DE") == [
        "Zirndorf"
    ]
    assert "Saraqab" in _names("Jets struck the Syrian town of Saraqab.", "SY")
    # a people's name in the plural is no misspelt town ("Romanians" is not Roman)
    assert _names("Tens of thousands of Romanians braved the cold.", "RO") == []


def test_a_name_before_a_word_for_a_news_outlet_names_the_outlet():
    assert _names("The Dogan news agency said three soldiers were hurt.", "TR") == []
    assert _names("Kabul TV showed the damage in Herat.", "AF") == ["Herat"]


def test_a_sentence_opening_with_the_and_a_demonym_names_that_country():
    assert "SY" in demonym_codes("The Syrian army advanced on Monday.")
    assert demonym_codes("The Hague ruled on Monday.") == []


def test_a_town_of_a_country_the_sentence_names_is_found_in_an_agency_report_from_abroad():
    rows = article_mentions(
        "The Syrian army continued its offensive on Palmyra on Monday, the defence ministry said.",
        dateline_place="Moscow",
        outlet="tass.com",
    )
    assert rows and rows[0].location == "Tadmur" and rows[0].country_code == "SY"


def test_a_person_s_last_name_is_no_place_in_the_sentences_around():
    nlp = load_nlp()
    assert "clinton" in surnames(nlp("Singer Maria Clinton joined the march on Monday."))
    # a nickname in quotes that splits the name in two entities (as the small model may): the last is still
    # a last name; a lone name is not
    doc = nlp.make_doc('The widow of sergeant Thomas "Tommy" Ellery wept as Ellery\'s unit stood.')
    doc.ents = [Span(doc, 4, 7, "PERSON"), Span(doc, 8, 9, "PERSON")]
    assert "ellery" in surnames(doc)
    doc.ents = [Span(doc, 11, 12, "PERSON")]
    assert surnames(doc) == set()
    texts = {0: "Clinton said the crowd was the largest she had seen."}
    assert 0 in SentencePlaces(texts, "US", frozenset(), frozenset())
    assert 0 not in SentencePlaces(texts, "US", frozenset(), frozenset({"clinton"}))


def test_a_common_noun_the_small_model_tags_as_a_place_is_none():
    from pipeline.extract.geo.event_place import sentence_places

    doc = load_nlp()("Near the metro station in Lyon, several hundred demonstrators gathered on Monday.")
    places, _ = sentence_places(doc, "FR")
    assert [place.name for _, place in places] == ["Lyon"]


def test_a_last_name_the_article_gives_a_person_is_no_place_in_its_own_sentence_either():
    from pipeline.extract.geo.event_place import sentence_places

    doc = load_nlp()("Clinton said the crowd in Boston was the largest she had seen.")
    assert "Clinton" in [span.text for span, _ in sentence_places(doc, "US")[0]]
    assert "Clinton" not in [
        span.text for span, _ in sentence_places(doc, "US", known_persons=frozenset({"clinton"}))[0]
    ]


def test_a_town_before_people_says_where_they_are_from_and_before_an_event_where_it_happened():
    rows = article_mentions("Six Hamburg fans were injured when rival supporters pelted them with stones.")
    assert rows and all(m.location != "Hamburg" for m in rows)
    # a town's residents are there
    rows = article_mentions("Hundreds of Kano residents protested against the fuel price on Monday.")
    assert rows and rows[0].location == "Kano"
    rows = article_mentions("Five people died in the Herat bombing on Monday.")
    assert rows and rows[0].location == "Herat"
    # a country before an event word says who did it, not where
    rows = article_mentions("US strikes killed five militants in Raqqa on Monday.")
    assert rows and rows[0].location == "Ar Raqqah"


def test_a_site_the_small_model_calls_an_organisation_is_placed_at_its_town():
    from pipeline.extract.geo.event_place import sentence_places

    # (in a story about another country, which the plain-text scan does not look beyond)
    doc = load_nlp()("A trader was stabbed to death at the Herat International Airport on Monday.")
    doc.ents = [Span(doc, 7, 11, "ORG")]  # "the Herat International Airport", as the small model may tag it
    places, _ = sentence_places(doc, "PK")
    assert [place.country_code for _, place in places] == ["AF"]
    doc = load_nlp()("The Herat International Airport said flights would resume on Monday.")
    doc.ents = [Span(doc, 0, 4, "ORG")]  # an organisation that acts is no place
    assert sentence_places(doc, "AF")[0] == ()


def test_a_police_force_s_town_and_a_journey_s_destination_are_not_where_the_event_was():
    rows = article_mentions(
        "The deputy chief of Quetta police told reporters that nine people were killed in the blast."
    )
    assert rows and rows[0].location != "Quetta"
    rows = article_mentions("Clashes broke out in the north after the minister's visit to Herat.")
    assert all(m.location != "Herat" for m in rows)


@pytest.mark.parametrize(
    ("sentence", "place", "precision"),
    [
        # a place after "from" and a verb of firing is where the fire came from
        ("Rebels fired rockets from Luganskoye at Kalinovka on Thursday.", "Kalynivka", "place"),
        ("Rebels shelled Kalinovka from positions near Luganskoye on Thursday.", "Kalynivka", "place"),
        # alone, it still says in which area the event was
        ("Rebels fired mortars from Luganskoye on Thursday.", "Luhanske", "place"),
        # a town that only locates the event makes it near that town
        ("Gunmen abducted four children in Dungu on Monday.", "Dungu", "place"),
        ("Gunmen abducted four children near Dungu on Monday.", "Dungu", "near_place"),
        ("Troops clashed with rebels 20 km north of Dungu on Monday.", "Dungu", "near_place"),
        # a village the gazetteer does not know, placed by its distance from a town it knows
        ("Gunmen abducted four children in Kpalagba, 12 km from Dungu, on Monday.", "Dungu", "near_place"),
        ("Gunmen abducted four children 12 kilometres from Dungu on Monday.", "Dungu", "near_place"),
    ],
)
def test_where_fire_lands_and_which_town_only_locates_an_event(sentence: str, place: str, precision: str):
    rows = article_mentions(sentence)
    assert rows and (rows[0].location, rows[0].geo_precision) == (place, precision)


def test_a_possessive_town_places_a_long_site_name_after_it():
    text = "Vandals damaged Philadelphia's Mount Carmel Cemetery over the weekend."
    assert [place.name for place in scan_places(text, "US")] == ["Philadelphia"]


def test_the_town_before_a_kind_of_place_of_another_name_only_contains_it():
    rows = article_mentions(
        "Police beat a man at a housing estate in the Paris suburb of Aulnay-sous-Bois on Monday."
    )
    assert rows and rows[0].location == "Aulnay-sous-Bois"


def test_the_last_of_three_proper_names_in_a_row_that_name_no_place_is_a_last_name():
    # the small model may tag only the last word of a full name, and as an organisation: its last word is a
    # person's name all the same, unless the whole run is a place
    nlp = load_nlp()
    for text, expected in (
        ("Witnesses saw Selim Arda Keskin fire at the guards.", {"keskin"}),
        ("Gunmen attacked Dera Ismail Khan on Monday.", set()),
    ):
        doc = nlp.make_doc(text)
        for i in (2, 3, 4):
            doc[i].pos_ = "PROPN"
        doc.ents = []
        assert surnames(doc) == expected


def test_a_language_or_a_people_s_adjective_is_no_misspelt_town():
    # "in Turkish" looks like "in <town>": a demonym is never read as a town's spelling
    assert _names("The gunman shouted in Turkish before he was shot.", "TR") == []


def test_a_list_of_towns_is_no_chain_of_containers_and_a_joined_event_keeps_its_own_place():
    # "There were rallies in A, B, C, and D": a past existential asserts them, one per town (B is not read as
    # "B, in C county"), and the counter-demonstration joined after them is in its own town
    rows = article_mentions(
        "There were rallies in Arad, Brasov, Oradea, and Galati on Sunday, along with a counter-demonstration"
        " in Cluj.",
        outlet="romania-insider.com",
    )
    by_trigger = {(m.trigger, m.location) for m in rows}
    assert {("rallies", town) for town in ("Arad", "Brasov", "Oradea", "Galati")} <= by_trigger
    assert ("demonstration", "Cluj") in by_trigger
    assert ("rallies", "Cluj") not in by_trigger


def test_a_name_after_a_title_is_a_person_s_in_every_sentence():
    from pipeline.extract.article import titled_surnames

    text = "Rep. Ann Taylor met voters. Gen. J. Okello spoke. Mr. Smith left. Sen. Tim Kaine. President Chad."
    assert titled_surnames(text) == {"taylor", "okello", "smith", "kaine"}
    # "Taylor" (a town in Texas) is the congresswoman of a sentence nobody parses, not the protest's place
    rows = article_mentions(
        "Rep. Ann Taylor met voters in her district on Monday.",
        "Hundreds of people protested outside the meeting on Monday.",
        "Taylor answered questions for an hour.",
        outlet="abcnews.go.com",
    )
    assert rows and all(r.location != "Taylor" for r in rows)


def test_a_country_that_backs_or_leads_a_side_is_not_where_its_event_happened():
    from pipeline.extract.geo.event_place import sentence_places

    nlp = load_nlp()
    for sentence in (
        "On Tuesday, Russia-backed rebels shelled a village, killing two civilians.",
        "On Tuesday, US-led coalition jets bombed a bridge, killing two civilians.",
        "A Britain-based monitor said Syria-bound trucks were hit.",
    ):
        places, _ = sentence_places(nlp(sentence), "UA")
        assert places == (), sentence
    places, _ = sentence_places(nlp("On Tuesday, rebels shelled a village in Russia."), "UA")
    assert [place.name for _, place in places] == ["Russia"]


def test_a_place_the_article_ties_to_a_country_is_that_country_s_in_every_sentence():
    from pipeline.extract.geo.words import countries_tied, country_named_with

    text = "Iraq's Sinjar region was calm. Turkey's Erdogan spoke. Fighting in the Syrian town of Manbij."
    assert countries_tied(text) == {"sinjar": "IQ", "manbij": "SY"}
    assert country_named_with(text, text.index("Sinjar"), text.index("Sinjar") + 6) == "IQ"
    # a name tied to two countries is tied to none
    assert "sinjar" not in countries_tied("Iraq's Sinjar region; the Syrian village of Sinjar.")
    # An article mostly about Syria, whose clash is in Iraq's Sinjar (Syria has a village of that name too):
    # every sentence's Sinjar is the Iraqi one, also where the sentence does not say so.
    rows = article_mentions(
        "Syrian troops shelled rebel positions in Idlib, Hama and Aleppo last month, Syrian media said.",
        "Kurdish fighters and a Yazidi militia clashed in Iraq's Sinjar region on Monday.",
        "Two fighters were killed in the clashes in Sinjar on Monday, a Syrian monitor in Damascus said.",
        outlet="www.aljazeera.com",
    )
    sinjar = [r for r in rows if r.location == "Sinjar"]
    assert len(sinjar) >= 2 and {r.country_code for r in sinjar} == {"IQ"}


def test_where_an_addressee_was_told_and_where_a_flight_went_are_not_where_the_event_was():
    # the place hangs on whom someone told, not on the event
    rows = article_mentions("Four gunmen shot the politician dead, the spy agency told lawmakers in Seoul.")
    assert rows and all(r.location != "Seoul" for r in rows)
    rows = article_mentions(
        "Four gunmen shot the politician dead in Seoul, the intelligence service told reporters."
    )
    assert [r.location for r in rows] == ["Seoul"]
    # a journey's end named through a kind of place ("a flight to the territory of X")
    rows = article_mentions(
        "The envoy was killed on Monday before he could board a flight to the Chinese-run territory of Macau."
    )
    assert rows and all(r.location != "Macau" for r in rows)
