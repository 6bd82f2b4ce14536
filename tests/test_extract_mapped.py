"""The gazetteer and districts as memory-mapped files (pipeline.extract.geo.mapped) answer exactly as the
in-memory indexes they are written from: on a small fictional gazetteer, name by name, and on a sample of
the real one."""

from __future__ import annotations

import random
import zlib
from pathlib import Path

import polars as pl
import pytest

from pipeline.extract.geo import mapped
from pipeline.extract.geo.districts import Districts
from pipeline.extract.geo.mapped import KeyIndex
from pipeline.extract.places import Gazetteer, Place, gazetteer


def test_a_key_index_answers_like_its_dict_even_when_hashes_collide():
    assert zlib.crc32(b"plumless") == zlib.crc32(b"buckeroo")  # a known CRC-32 collision
    index = {"plumless": 3, "buckeroo": (1, 4), "al qaim": 7, "qaim": (9, 2, 5)}
    keys = KeyIndex(KeyIndex.to_table(index))
    for key, value in index.items():
        assert keys.get(key) == value and type(keys.get(key)) is type(value)
    assert keys.get("plum") is None and keys.get("") is None
    assert list(keys.items()) == list(index.items())
    assert len(keys) == 4


def _city(geonameid: int, name: str, population: int, admin1code: str, *alternates: str) -> dict:
    return {"geonameid": geonameid, "name": name, "latitude": 5.0 + geonameid / 10,
            "longitude": 30.0 - geonameid / 10, "countrycode": "QV", "population": population,
            "admin1code": admin1code, "alternatenames": list(alternates)}  # fmt: skip


# Qarvia (QV), fictional: homonyms across kinds, names with and without an article, spellings, a common word.
CITIES = [
    _city(1, "Qarva", 800_000, "01", "Qarva City", "Karva"),
    _city(2, "Al Mansura", 40_000, "02", "El-Mansoura", "Mansura"),
    _city(3, "Mansura", 900, "01"),
    _city(4, "Dayr Hafir", 12_000, "02", "Deir Hafer"),
    _city(5, "Police", 200, "02"),
    _city(6, "Tall Hamis", 0, "01", "Tel Hamees"),
    _city(7, "Salvara", 150_000, "03"),
]
ADMIN1 = pl.DataFrame(
    [("QV.01", "Qarva", "Governorate", 101, ["Muhafazat Qarva"]), ("QV.02", "Ḩafir", "Province", 102, []),
     ("QV.03", "Eastern", "Region", None, [])],
    schema={"code": pl.String, "name": pl.String, "type": pl.String, "geonameid": pl.Int64,
            "aliases": pl.List(pl.String)},
    orient="row",
)  # fmt: skip
COUNTRIES = {"QV": {"iso": "QV", "iso3": "QRV", "name": "Qarvia", "capital": "Qarva",
                    "population": 3_000_000, "geonameid": 100}}  # fmt: skip
QUERIES = ["Qarva", "Qarva City", "Karva", "Mansura", "al-Mansura", "El Mansoura", "Mansoura", "Dayr Hafir",
           "Deir Hafer", "Dair Hafeer", "Police", "Tall Hamis", "Tel Hamis", "Hafir", "Hafir province",
           "Muhafazat Qarva", "Eastern Region", "Eastern", "Salvara", "Salvera", "QV", "QRV", "Qarvia",
           "Nowhere", ""]  # fmt: skip


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[Gazetteer, Gazetteer]:
    tables = mapped.gazetteer_tables(pl.DataFrame(CITIES), ADMIN1, COUNTRIES)
    folder = tmp_path_factory.mktemp("gazetteer")
    mapped.write_gazetteer(folder, *tables)
    return Gazetteer.from_tables(pl.DataFrame(CITIES), ADMIN1, COUNTRIES), mapped.read_gazetteer(folder)


def _answers(gaz: Gazetteer, names: list[str]) -> list:
    out = []
    for name in names:
        out += [gaz.lookup(name), gaz.lookup(name, country_hint="QV"), gaz.lookup(name, country_hint="ZZ"),
                gaz.candidates(name), gaz.is_place_name(name), gaz.major_cities_spelled(name)]  # fmt: skip
        if name.strip():
            out += [
                gaz.country(name),
                gaz.lookup_spelling(name, "QV"),
                gaz.lookup_spelling(name, "QV", "admin1"),
            ]
    return out


def test_the_mapped_gazetteer_answers_as_the_in_memory_one(both):
    memory, files = both
    assert isinstance(files._full, KeyIndex) and isinstance(memory._full, dict)
    names = QUERIES + [key for key, _ in memory._full.items()] + list(memory._bare)
    assert _answers(files, names) == _answers(memory, names)
    assert files._names().equals(memory._names())
    assert [files.place(i) for i in range(len(files))] == [memory.place(i) for i in range(len(memory))]
    assert files.lookup("al-Mansura") == Place("Al Mansura", "Hafir", "QV", 5.2, 29.8, 2, "city", 40_000)


def test_the_mapped_districts_answer_as_the_in_memory_ones(tmp_path: Path):
    subdivisions = pl.DataFrame({
        "id": [1, 2, 3, 4], "name": ["Vorland", "Kessel", "Ostmark District", "Kessel"],
        "iso": ["ZZ-VO", None, None, None], "code": ["ZZ.01", "ZZ.01.001", "ZZ.01.002", "ZZ.02.001"],
        "geonameid": [10, 11, 12, 13], "type": ["Province", None, None, None],
        "aliases": [None, "Kessel District", None, None], "level": ["1", "2", "2", "2"],
        "parent": [None, 1, 1, None], "country": ["7", "7", "7", "7"],
    })  # fmt: skip
    cities = pl.DataFrame({
        "name": ["Kesselburg", "Kesseldorf", "Ostheim", "Neukessel"], "geonameid": [101, 102, 103, 104],
        "subdivisions": ["1|2", "1|2", "1|3", "4"], "country": ["7"] * 4, "population": [9_000, 999, 500, 20],
        "latitude": [10.0, 10.2, 12.0, 14.0], "longitude": [20.0, 20.2, 22.0, 24.0],
    })  # fmt: skip
    memory = Districts.from_tables(subdivisions, cities)
    mapped.write_districts(tmp_path, memory)
    files = mapped.read_districts(tmp_path)
    for name in ("Kessel", "Kessel district", "Ostmark", "Vorland", "Nowhere"):
        for country in ("ZZ", "YY", None):
            assert files.candidates(name, country) == memory.candidates(name, country)
            assert files.lookup(name, country, "Vorland") == memory.lookup(name, country, "Vorland")
    for geonameid in (101, 102, 103, 104, 105):
        town = Place("Town", None, "ZZ", 10.0, 20.0, geonameid, "city", 10)
        assert files.of(town) == memory.of(town)


def test_the_real_gazetteer_is_mapped_and_answers_as_a_fresh_build():
    files, memory = gazetteer(), Gazetteer.build()
    assert isinstance(files._full, KeyIndex)
    keys = [key for key, _ in memory._full.items()]
    sample = random.Random(13).sample(keys, 3000) + ["Mosul", "Tal Afar", "Salvador", "El Salvador", "Man"]
    for name in sample:
        assert files.candidates(name) == memory.candidates(name), name
        assert files.lookup(name, country_hint="SY") == memory.lookup(name, country_hint="SY"), name
    for name in ("Alhassakeh", "Quamishli", "Saraqab", "Deir Ez-Zour"):
        assert files.lookup_spelling(name, "SY") == memory.lookup_spelling(name, "SY"), name
    assert len(files) == len(memory)


def test_a_new_build_replaces_the_folders_of_older_versions(tmp_path: Path, monkeypatch):
    from pipeline.extract.geo import mapped

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    old = mapped.cache_dir() / "toy-0000000000000000"
    old.mkdir(parents=True)
    (old / "index.arrow").write_text("stale")
    building = mapped.cache_dir() / "toy-1111111111111111.123.tmp"  # another process's build in progress
    building.mkdir()
    monkeypatch.setattr(mapped, "fingerprint", lambda: "2222222222222222")
    built = mapped._cached(
        "toy",
        lambda folder: (folder / "index.arrow").write_text("new"),
        lambda folder: (folder / "index.arrow").read_text(),
        fallback=lambda: None,
    )
    assert built == "new"
    assert sorted(p.name for p in mapped.cache_dir().iterdir()) == [
        "toy-1111111111111111.123.tmp",
        "toy-2222222222222222",
    ]
