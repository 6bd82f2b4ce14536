"""geoBoundaries units (pipeline/extract/geo/units.py): sub-districts the gazetteer lacks, as the place of an
event or as the container a village lies in. Units are fictional (built from small tables) unless a test says
it reads the installed data; the sentences are our own."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pipeline.extract.geo import containers
from pipeline.extract.geo.event_place import precision_of
from pipeline.extract.geo.units import Units, source
from pipeline.extract.mentions import extract_mentions
from pipeline.extract.model import ArticleContext, Mention, SentenceInput
from pipeline.extract.nlp import load_nlp

# Fictional units in real regions (the gazetteer links their region names): two near Ballia (Uttar Pradesh),
# one far from it in the same state, a homonym and a unit of Nepal, and two homonyms far apart in Bihar.
FICTIONAL_UNITS = pl.DataFrame(
    [
        ("Qelvanpur", 25.80, 84.10, "IN", "Uttar Pradesh"),
        ("Dravoli", 25.90, 84.30, "IN", "Uttar Pradesh"),
        ("Ormakhet", 28.60, 77.90, "IN", "Uttar Pradesh"),
        ("Qelvanpur", 27.50, 85.30, "NP", "Bagmati"),
        ("Brelkot", 27.60, 85.40, "NP", "Bagmati"),
        ("Sorvanagar", 25.00, 84.00, "IN", "Bihar"),
        ("Sorvanagar", 26.80, 87.20, "IN", "Bihar"),
        ("Al Zeftiya", 36.0, 38.0, "SY", "Ar-Raqqa"),
    ],
    schema=["name", "latitude", "longitude", "country_code", "region"],
    orient="row",
)


@pytest.fixture(scope="module")
def fictional() -> Units:
    return Units.from_table(FICTIONAL_UNITS)


@pytest.fixture
def extract(fictional: Units, monkeypatch: pytest.MonkeyPatch):
    load_nlp()
    monkeypatch.setattr(containers, "units", lambda: fictional)

    def run(*sentences: str) -> list[Mention]:
        ctx = ArticleContext("art-1", dt.datetime(2024, 3, 12), body=" ".join(sentences))
        inputs = [SentenceInput("art-1", i, 0, len(s), s) for i, s in enumerate(sentences)]
        return extract_mentions([ctx], inputs)

    return run


def test_units_are_found_within_their_country_only(fictional: Units) -> None:
    unit = fictional.lookup("Qelvanpur", "IN")
    assert unit is not None and unit.kind == "admin3" and unit.admin1 == "Uttar Pradesh"
    assert fictional.lookup("Qelvanpur", "NP").country_code == "NP"
    assert fictional.lookup("Qelvanpur", None) is None
    assert fictional.lookup("Qelvanpur", "PK") is None


def test_a_unit_is_found_without_its_article_and_by_another_spelling(fictional: Units) -> None:
    assert fictional.lookup("Zeftiya", "SY").name == "Al Zeftiya"
    assert fictional.lookup("Zefftiya", "SY").name == "Al Zeftiya"  # a doubled letter


def test_homonyms_far_apart_need_a_region_to_choose(fictional: Units) -> None:
    assert fictional.lookup("Sorvanagar", "IN") is None
    assert fictional.lookup("Sorvanagar", "IN", admin1="Bihar") is None  # both are in Bihar
    assert fictional.lookup("Dravoli", "IN", admin1="Bihar").admin1 == "Uttar Pradesh"  # the only one


def test_a_sub_district_is_precise_like_a_district(fictional: Units) -> None:
    assert precision_of(fictional.lookup("Dravoli", "IN")) == "admin2"


def test_a_village_only_the_units_know_in_a_named_district_is_that_unit(extract) -> None:
    rows = extract("Gunmen shot dead a trader in Qelvanpur village of Ballia district on Monday.")
    assert rows and rows[0].location == "Qelvanpur" and rows[0].country_code == "IN"
    assert rows[0].geo_precision == "admin2" and rows[0].latitude == pytest.approx(25.80)


def test_an_unknown_village_in_a_named_sub_district_is_that_sub_district(extract) -> None:
    rows = extract("A farmer was shot dead in Zentavra village of Dravoli tehsil, Ballia, on Monday.")
    assert rows and rows[0].location == "Dravoli" and rows[0].geo_precision == "admin2"


def test_a_unit_outside_the_named_district_is_not_the_village(extract) -> None:
    # Ormakhet is a unit of the same state, 600 km from Ballia: the village named is another one.
    rows = extract("A farmer was shot dead in Ormakhet village (Ballia, UP) on Monday.")
    assert rows and rows[0].location == "Ballia" and rows[0].geo_precision == "admin2"


def test_a_unit_abroad_never_answers_for_the_articles_country(extract) -> None:
    rows = extract("Indian police said gunmen killed two guards in Brelkot in Uttar Pradesh on Monday.")
    assert rows and rows[0].country_code == "IN" and rows[0].location != "Brelkot"


@pytest.mark.skipif(source() is None, reason="geoBoundaries units not installed (make install)")
def test_installed_units_place_a_syrian_town_the_gazetteer_lacks() -> None:
    from pipeline.extract.geo.gazetteer import gazetteer
    from pipeline.extract.geo.units import units

    assert gazetteer().lookup("Arbin", country_hint="SY") is None
    arbin = units().lookup("Arbin", "SY")
    assert arbin is not None and arbin.admin1 == "Rif Dimashq"
