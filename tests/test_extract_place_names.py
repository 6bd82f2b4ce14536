"""Names that look like places but are not, and places of another country a sentence names: the plain-text
scan (geo/scan.py), the neighbouring sentences' places (article.SentencePlaces) and the countries a text
names (geo/country.py). All sentences are made up."""

from __future__ import annotations

from kit import article_mentions

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
