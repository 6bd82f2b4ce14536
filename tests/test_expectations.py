"""Expectations: each stage's suite passes good frames and names the rule and the row a bad frame breaks."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta, timezone

import dagster as dg
import pandas as pd
import polars as pl
import pytest

# The submodules, not the package: they import the same objects whether or not the project root is
# on sys.path (the editable install can leave ``expectations`` a namespace package under pytest).
from expectations.aggregates import reconciliation_frame
from expectations.runner import SUITES, SuiteResult, expectation_name, to_check_result, validate
from pipeline import warehouse
from pipeline.vocabulary import EVENT_TYPES, SUB_EVENT_TYPES

NOW = datetime(2024, 6, 1, 12, 0)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# --- valid frames, one per stage, with the columns of warehouse/schema.sql ---------------------------


def raw_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "content_hash": [sha("a"), sha("b"), sha("c")],
            "article_key": ["a.txt", "https://news.example/b", "feed-17"],
            "source_id": ["a.txt", "b.html", "feed-17"],
            "source_path": ["2024-05-30/a.txt", "2024-05-30/b.html", "2024-05-30/feed.jsonl"],
            "record_index": [0, 0, 1],
            "format": ["txt", "html", "jsonl"],
            "url": [None, "https://news.example/b", "https://news.example/c"],
            "outlet": [None, "Example News", "Wire"],
            "title": ["Clashes in Goma", "Protest in Lagos", "Strike near Kharkiv"],
            "published_at_raw": [None, "2024-05-30T08:00:00Z", "30 May 2024"],
            "content": [
                "Fighting broke out in Goma on Tuesday.",
                "<html><body><p>Thousands marched in Lagos.</p></body></html>",
                "A drone strike hit a depot near Kharkiv.",
            ],
            "content_is_html": [False, True, False],
            "batch_id": ["2024-05-30"] * 3,
            "ingested_at": [datetime(2024, 5, 30, 9)] * 3,
            "source": [None, None, "wire"],
        }
    )


def clean_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": [sha("a"), sha("b"), sha("c")],
            "batch_id": ["2024-05-30"] * 3,
            "article_key": ["a.txt", "https://news.example/b", "feed-17"],
            "source_id": ["a.txt", "b.html", "feed-17"],
            "url": [None, "https://news.example/b", "https://news.example/c"],
            "outlet": [None, "Example News", "Wire"],
            "title": ["Clashes in Goma", "Protest in Lagos", "Strike near Kharkiv"],
            "published_at": [None, datetime(2024, 5, 30, 8), datetime(2024, 5, 30, 7, 30)],
            "published_at_source": ["unknown", "metadata", "text"],
            "dateline_place": [None, "LAGOS", None],
            "body": [
                "Fighting broke out in Goma on Tuesday. Two soldiers died.",
                # Look like markup to a careless regex, but are plain text.
                "Thousands marched in Lagos. Prices rose 5 < 6 times; Smith & Sons closed.",
                "A drone strike hit a depot near Kharkiv.",
            ],
            "language": ["en", "en", "en"],
            "is_english": [True, True, True],
            "n_chars": [57, 74, 40],
            "n_sentences": [2, 2, 1],
            "removed_lines": [0, 3, 0],
            "cleaned_at": [datetime(2024, 5, 30, 9, 5)] * 3,
            "published_at_local": [None, datetime(2024, 5, 30, 8), datetime(2024, 5, 30, 7, 30)],
            "published_at_raw": [None, "2024-05-30T08:00:00Z", None],
        }
    )


def mention_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "mention_id": ["m1", "m2", "m3"],
            "article_id": [sha("a"), sha("b"), sha("c")],
            "batch_id": ["2024-05-30"] * 3,
            "sentence_index": [0, 0, 0],
            "char_start": [0, 0, 0],
            "char_end": [38, 27, 40],
            "sentence": [
                "Fighting broke out in Goma on Tuesday.",
                "Thousands marched in Lagos.",
                "A drone strike hit a depot near Kharkiv.",
            ],
            "trigger": ["Fighting", "marched", "strike"],
            "event_type": ["Battles", "Protests", "Explosions/Remote violence"],
            "sub_event_type": ["Armed clash", "Peaceful protest", "Air/drone strike"],
            "actor1": ["M23", "Protesters (Nigeria)", None],
            "actor2": ["Military Forces of DR Congo", None, None],
            "assoc_actor_1": [None, "Students (Nigeria)", None],
            "assoc_actor_2": [None, None, None],
            "inter1": [2, 6, None],
            "inter2": [1, None, None],
            "location": ["Goma", "Lagos", None],
            "admin1": ["North Kivu", "Lagos", "Kharkiv"],
            "country_code": ["CD", "NG", "UA"],
            "latitude": [-1.68, 6.45, None],
            "longitude": [29.22, 3.39, None],
            "geo_precision": ["place", "place", "admin1"],
            "geo_evidence": ["sentence", "nearby_sentence", "article_country"],
            "geonameid": [217831, 2332459, None],
            "event_date": [date(2024, 5, 28), date(2024, 5, 30), None],
            "date_start": [date(2024, 5, 28), date(2024, 5, 30), None],
            "date_end": [date(2024, 5, 28), date(2024, 5, 30), None],
            "date_precision": ["day", "day", "unknown"],
            "date_evidence": ["sentence", "story", "unknown"],
            "is_background": [False, False, False],
            "fatalities": [2, None, 0],
            "injured": [None, 4, None],
            "confidence": [0.9, 0.75, 0.0],
            "extractor_version": ["0.1.0"] * 3,
            "extracted_at": [datetime(2024, 5, 30, 9, 10)] * 3,
            # Joined in by the caller from staging.articles; an event on the day of publication passes.
            "published_at": [datetime(2024, 5, 30, 8), datetime(2024, 5, 30, 8), None],
        }
    )


def event_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "event_id": ["m1", "m2", "m3"],
            "event_date": [date(2024, 5, 28), date(2024, 5, 30), None],
            "date_start": [date(2024, 5, 28), date(2024, 5, 30), None],
            "date_end": [date(2024, 5, 28), date(2024, 5, 30), None],
            "date_precision": ["day", "day", "unknown"],
            "date_evidence": ["sentence", "story", "unknown"],
            "event_type": ["Battles", "Protests", "Explosions/Remote violence"],
            "sub_event_type": ["Armed clash", "Peaceful protest", "Air/drone strike"],
            "actor1": ["M23", "Protesters (Nigeria)", None],
            "actor2": ["Military Forces of DR Congo", None, None],
            "assoc_actor_1": [None, "Students (Nigeria)", None],
            "assoc_actor_2": [None, None, None],
            "inter1": [2, 6, None],
            "inter2": [1, None, None],
            "location": ["Goma", "Lagos", None],
            "admin1": ["North Kivu", "Lagos", "Kharkiv"],
            "country_code": ["CD", "NG", "UA"],
            "latitude": [-1.68, 6.45, None],
            "longitude": [29.22, 3.39, None],
            "geo_precision": ["place", "place", "admin1"],
            "geo_evidence": ["sentence", "nearby_sentence", "article_country"],
            "fatalities": [2, None, 3],
            "fatalities_max": [5, None, None],
            "injured": [None, 4, None],
            "num_mentions": [3, 1, 2],
            "num_articles": [2, 1, 2],
            "num_sources": [2, 1, 1],
            "first_reported_at": [datetime(2024, 5, 30, 8), datetime(2024, 5, 30, 8), None],
            "confidence": [0.9, 0.75, 0.6],
            "event_score": [0.93, None, 0.51],
        }
    )


def reconciliation_rows() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "mart": ["marts.events_daily", "marts.events_weekly", "marts.actor_dyads"],
            "events_in_mart": [2, 2, 3],
            "events_in_core": [2, 2, 3],
            "fatalities_in_mart": [2, 2, 5],
            "fatalities_in_core": [2, 2, 5],
        }
    )


def with_values(frame: pl.DataFrame, row: int, **values: object) -> pl.DataFrame:
    """The frame with some columns of one row replaced."""
    return frame.with_columns(
        pl.when(pl.int_range(pl.len()) == row)
        .then(pl.lit(value, dtype=frame.schema[column]))
        .otherwise(pl.col(column))
        .alias(column)
        for column, value in values.items()
    )


def failure(result: SuiteResult, expectation: str):
    names = [f.expectation for f in result.failed]
    assert expectation in names, f"{expectation} did not fail; failed: {names}"
    return next(f for f in result.failed if f.expectation == expectation)


def assert_fails_on(result: SuiteResult, expectation: str, column: str, value: object) -> None:
    """The suite failed, the expectation is named, and the bad row (found by column=value) is shown."""
    assert not result.success
    failed = failure(result, expectation)
    assert failed.unexpected_count >= 1
    assert any(example[column] == value for example in failed.examples), failed.examples


# --- the suites are data ------------------------------------------------------------------------------


@pytest.mark.parametrize("suite", SUITES)
def test_every_expectation_has_a_one_line_reason(suite):
    import importlib

    module = importlib.import_module(f"expectations.{suite}")
    assert module.EXPECTATIONS
    for class_name, kwargs, reason in module.EXPECTATIONS:
        assert class_name.startswith("Expect") and isinstance(kwargs, dict)
        assert reason.strip() and "\n" not in reason, (class_name, kwargs)


def test_expectation_names_say_rule_and_columns():
    assert expectation_name("ExpectColumnValuesToBeBetween", {"column": "confidence"}) == (
        "expect_column_values_to_be_between(confidence)"
    )
    pair = {"column_A": "char_end", "column_B": "char_start", "or_equal": False}
    assert expectation_name("ExpectColumnPairValuesAToBeGreaterThanB", pair) == (
        "expect_column_pair_values_a_to_be_greater_than_b(char_end, char_start)"
    )


@pytest.mark.parametrize(
    ("table", "frame"),
    [
        ("raw.article_versions", raw_frame),
        ("staging.articles", clean_frame),
        ("core.mentions", mention_frame),
        ("core.events", event_frame),
    ],
)
def test_valid_frames_fit_the_warehouse_tables(tmp_path, table, frame):
    con = warehouse.connect(tmp_path / "w.duckdb")
    rows = frame().drop("published_at", strict=False) if table == "core.mentions" else frame()
    con.register("rows", rows)
    con.execute(f"insert into {table} by name select * from rows")
    columns = {r[0] for r in con.execute(f"describe {table}").fetchall()}
    assert columns == set(rows.columns)


# --- raw ----------------------------------------------------------------------------------------------


def test_raw_valid_frame_passes():
    result = validate("raw_articles", raw_frame())
    assert result.success, result.markdown()
    assert (result.rows, result.evaluated, result.failed) == (3, 7, [])


@pytest.mark.parametrize(
    ("values", "expectation", "column"),
    [
        ({"content_hash": None}, "expect_column_values_to_not_be_null(content_hash)", "source_path"),
        ({"content_hash": sha("a")}, "expect_column_values_to_be_unique(content_hash)", "source_path"),
        ({"content_hash": "abc123"}, "expect_column_values_to_match_regex(content_hash)", "source_path"),
        (
            {"content_hash": sha("b").upper()},
            "expect_column_values_to_match_regex(content_hash)",
            "source_path",
        ),
        (
            {"content_hash": sha("b") + "\n"},
            "expect_column_values_to_match_regex(content_hash)",
            "source_path",
        ),
        ({"content": ""}, "expect_column_value_lengths_to_be_between(content)", "source_path"),
        ({"content": None}, "expect_column_values_to_not_be_null(content)", "source_path"),
        ({"format": "pdf"}, "expect_column_values_to_be_in_set(format)", "source_path"),
        ({"source_path": None}, "expect_column_values_to_not_be_null(source_path)", "content_hash"),
    ],
)
def test_raw_violations_name_rule_and_row(values, expectation, column):
    bad = with_values(raw_frame(), 1, **values)
    assert_fails_on(validate("raw_articles", bad), expectation, column, bad[column][1])


# --- clean --------------------------------------------------------------------------------------------


def test_clean_valid_frame_passes():
    result = validate("clean_articles", clean_frame(), now=NOW)
    assert result.success, result.markdown()
    assert result.evaluated == 8


@pytest.mark.parametrize(
    ("values", "expectation"),
    [
        ({"article_id": sha("a")}, "expect_column_values_to_be_unique(article_id)"),
        ({"article_id": None}, "expect_column_values_to_not_be_null(article_id)"),
        ({"body": "<p>Thousands marched.</p>"}, "expect_column_values_to_not_match_regex_list(body)"),
        (
            {"body": "Thousands < DIV class='x'> marched"},
            "expect_column_values_to_not_match_regex_list(body)",
        ),
        (
            {"body": "Thousands marched.<br/>Police fired."},
            "expect_column_values_to_not_match_regex_list(body)",
        ),
        ({"body": "Thousands&nbsp;marched."}, "expect_column_values_to_not_match_regex_list(body)"),
        ({"body": "Smith &amp; Sons closed."}, "expect_column_values_to_not_match_regex_list(body)"),
        ({"n_chars": 0}, "expect_column_values_to_be_between(n_chars)"),
        ({"n_chars": 2_000_001}, "expect_column_values_to_be_between(n_chars)"),
        ({"published_at": NOW + timedelta(minutes=1)}, "expect_column_values_to_be_between(published_at)"),
        ({"published_at": datetime(1899, 12, 31)}, "expect_column_values_to_be_between(published_at)"),
        ({"published_at_source": "guess"}, "expect_column_values_to_be_in_set(published_at_source)"),
        ({"language": None}, "expect_column_values_to_not_be_null(language)"),
        ({"n_sentences": 0}, "expect_column_values_to_be_between(n_sentences)"),
    ],
)
def test_clean_violations_name_rule_and_row(values, expectation):
    bad = with_values(clean_frame(), 1, **values)
    key = "title" if "article_id" in values else "article_id"
    assert_fails_on(validate("clean_articles", bad, now=NOW), expectation, key, bad[key][1])


def test_clean_now_is_a_parameter():
    tomorrow = with_values(clean_frame(), 2, published_at=NOW + timedelta(days=1))
    assert not validate("clean_articles", tomorrow, now=NOW).success
    assert validate("clean_articles", tomorrow, now=NOW + timedelta(days=2)).success
    # An aware `now` is compared in UTC: 14:00 at UTC+2 is 12:00 UTC, before tomorrow.
    aware = datetime(2024, 6, 1, 14, tzinfo=timezone(timedelta(hours=2)))
    assert not validate("clean_articles", tomorrow, now=aware).success
    # Without `now`, the current time is used.
    assert not validate(
        "clean_articles", with_values(clean_frame(), 2, published_at=datetime(2999, 1, 1))
    ).success
    assert validate("clean_articles", clean_frame()).success


def test_clean_accepts_aware_timestamps():
    aware = clean_frame().with_columns(pl.col("published_at").dt.replace_time_zone("UTC"))
    assert validate("clean_articles", aware, now=NOW).success
    late = aware.with_columns(pl.lit(datetime(2024, 6, 1, 13, tzinfo=UTC)).alias("published_at"))
    assert not validate("clean_articles", late, now=NOW).success


# --- mentions -----------------------------------------------------------------------------------------


def test_mentions_valid_frame_passes():
    result = validate("event_mentions", mention_frame())
    assert result.success, result.markdown()


def test_mentions_vocabulary_is_acled():
    assert len(EVENT_TYPES) == 6 and len(SUB_EVENT_TYPES) == 25


@pytest.mark.parametrize(
    ("values", "expectation"),
    [
        ({"mention_id": "m1"}, "expect_column_values_to_be_unique(mention_id)"),
        ({"event_type": "War"}, "expect_column_values_to_be_in_set(event_type)"),
        ({"event_type": None}, "expect_column_values_to_not_be_null(event_type)"),
        ({"sub_event_type": "Bombing"}, "expect_column_values_to_be_in_set(sub_event_type)"),
        (
            {"event_type": "Battles", "sub_event_type": "Peaceful protest"},
            "expect_column_pair_values_to_be_equal(event_type, event_type_of_sub_event_type)",
        ),
        ({"confidence": 1.5}, "expect_column_values_to_be_between(confidence)"),
        ({"confidence": -0.01}, "expect_column_values_to_be_between(confidence)"),
        ({"latitude": 95.0}, "expect_column_values_to_be_between(latitude)"),
        ({"longitude": -180.5}, "expect_column_values_to_be_between(longitude)"),
        ({"date_precision": "decade"}, "expect_column_values_to_be_in_set(date_precision)"),
        ({"geo_precision": "street"}, "expect_column_values_to_be_in_set(geo_precision)"),
        ({"inter1": 9}, "expect_column_values_to_be_in_set(inter1)"),
        ({"inter2": 0}, "expect_column_values_to_be_in_set(inter2)"),
        ({"fatalities": -1}, "expect_column_values_to_be_between(fatalities)"),
        ({"injured": -3}, "expect_column_values_to_be_between(injured)"),
        ({"char_start": 27}, "expect_column_pair_values_a_to_be_greater_than_b(char_end, char_start)"),
        ({"char_start": 30}, "expect_column_pair_values_a_to_be_greater_than_b(char_end, char_start)"),
        (
            {"event_date": date(2024, 5, 31)},
            "expect_column_pair_values_a_to_be_greater_than_b(published_at, event_date)",
        ),
    ],
)
def test_mentions_violations_name_rule_and_row(values, expectation):
    bad = with_values(mention_frame(), 1, **values)
    key = "sentence" if "mention_id" in values else "mention_id"
    assert_fails_on(validate("event_mentions", bad), expectation, key, bad[key][1])


def test_mentions_inconsistent_pair_is_its_own_failure():
    # Both values are in the vocabulary; only the pair check can catch this.
    bad = with_values(mention_frame(), 0, event_type="Riots", sub_event_type="Armed clash")
    result = validate("event_mentions", bad)
    assert [f.expectation for f in result.failed] == [
        "expect_column_pair_values_to_be_equal(event_type, event_type_of_sub_event_type)"
    ]
    example = result.failed[0].examples[0]
    assert (example["mention_id"], example["sub_event_type"]) == ("m1", "Armed clash")
    # The derived column the pair is checked through is shown next to the row, in JSON and markdown.
    assert example["event_type_of_sub_event_type"] == "Battles"
    assert "| mention_id | event_type | event_type_of_sub_event_type | sub_event_type |" in result.markdown()
    assert "| m1 | Riots | Battles | Armed clash |" in result.markdown()


def test_mentions_nulls_are_allowed_where_the_schema_allows_them():
    unknown = with_values(
        mention_frame(), 0, latitude=None, longitude=None, fatalities=None, injured=None, event_date=None
    )
    assert validate("event_mentions", unknown).success


def test_mentions_event_on_the_day_of_publication_passes():
    same_day = with_values(mention_frame(), 0, event_date=date(2024, 5, 30))
    assert validate("event_mentions", same_day).success


# --- events -------------------------------------------------------------------------------------------


def test_events_valid_frame_passes():
    result = validate("events", event_frame())
    assert result.success, result.markdown()


@pytest.mark.parametrize(
    ("values", "expectation"),
    [
        ({"event_id": "m1"}, "expect_column_values_to_be_unique(event_id)"),
        (
            {"num_mentions": 0, "num_articles": 0, "num_sources": 0},
            "expect_column_values_to_be_between(num_mentions)",
        ),
        ({"num_articles": 2}, "expect_column_pair_values_a_to_be_greater_than_b(num_mentions, num_articles)"),
        ({"num_sources": 2}, "expect_column_pair_values_a_to_be_greater_than_b(num_articles, num_sources)"),
        (
            {"fatalities": 9, "fatalities_max": 4},
            "expect_column_pair_values_a_to_be_greater_than_b(fatalities_max, fatalities)",
        ),
        ({"sub_event_type": "Looting"}, "expect_column_values_to_be_in_set(sub_event_type)"),
        (
            {"event_type": "Protests", "sub_event_type": "Armed clash"},
            "expect_column_pair_values_to_be_equal(event_type, event_type_of_sub_event_type)",
        ),
        ({"date_precision": "hour"}, "expect_column_values_to_be_in_set(date_precision)"),
        # an event the score withheld has no place in core.events
        ({"event_score": 0.2}, "expect_column_values_to_be_between(event_score)"),
    ],
)
def test_events_violations_name_rule_and_row(values, expectation):
    bad = with_values(event_frame(), 1, **values)
    key = "location" if "event_id" in values else "event_id"
    assert_fails_on(validate("events", bad), expectation, key, bad[key][1])


def test_events_fatality_range_needs_both_ends():
    assert validate("events", with_values(event_frame(), 0, fatalities=9, fatalities_max=None)).success


# --- aggregates ---------------------------------------------------------------------------------------


def test_aggregates_equal_totals_pass():
    assert validate("aggregates", reconciliation_rows()).success


def test_aggregates_mismatches_name_rule_and_mart():
    bad = with_values(reconciliation_rows(), 2, events_in_mart=4, fatalities_in_mart=7)
    result = validate("aggregates", bad)
    assert_fails_on(
        result,
        "expect_column_pair_values_to_be_equal(events_in_mart, events_in_core)",
        "mart",
        "marts.actor_dyads",
    )
    assert_fails_on(
        result,
        "expect_column_pair_values_to_be_equal(fatalities_in_mart, fatalities_in_core)",
        "mart",
        "marts.actor_dyads",
    )


def test_aggregates_reconcile_a_real_warehouse(tmp_path):
    con = warehouse.connect(tmp_path / "w.duckdb")
    con.register("events", event_frame())
    con.execute("insert into core.events by name select * from events")
    warehouse.refresh_marts(con)

    rows = reconciliation_frame(con)
    assert rows.to_dicts() == [
        # The third event has no date: daily and weekly marts leave it out, dyads count it.
        {
            "mart": "marts.events_daily",
            "events_in_mart": 2,
            "events_in_core": 2,
            "fatalities_in_mart": 2,
            "fatalities_in_core": 2,
        },
        {
            "mart": "marts.events_weekly",
            "events_in_mart": 2,
            "events_in_core": 2,
            "fatalities_in_mart": 2,
            "fatalities_in_core": 2,
        },
        {
            "mart": "marts.actor_dyads",
            "events_in_mart": 3,
            "events_in_core": 3,
            "fatalities_in_mart": 5,
            "fatalities_in_core": 5,
        },
    ]
    assert validate("aggregates", rows).success

    # A new event without a refresh leaves every mart stale.
    con.execute(
        """insert into core.events (event_id, event_date, date_precision, event_type, sub_event_type,
                                    geo_precision, fatalities, num_mentions, num_articles, num_sources,
                                    confidence)
           values ('m9', date '2024-05-31', 'day', 'Riots', 'Mob violence', 'country', 1, 1, 1, 1, 0.5)"""
    )
    stale = validate("aggregates", reconciliation_frame(con))
    failed = failure(stale, "expect_column_pair_values_to_be_equal(events_in_mart, events_in_core)")
    assert failed.unexpected_count == 3
    assert {e["mart"] for e in failed.examples} == {
        "marts.events_daily",
        "marts.events_weekly",
        "marts.actor_dyads",
    }

    warehouse.refresh_marts(con)
    assert validate("aggregates", reconciliation_frame(con)).success


def test_aggregates_of_an_empty_warehouse_reconcile(tmp_path):
    con = warehouse.connect(tmp_path / "w.duckdb")
    warehouse.refresh_marts(con)
    rows = reconciliation_frame(con)
    assert rows["events_in_core"].to_list() == [0, 0, 0]
    assert validate("aggregates", rows).success


# --- the runner ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("suite", SUITES)
def test_empty_frames_are_valid(suite):
    for empty in (pl.DataFrame(), mention_frame().clear(), pd.DataFrame()):
        result = validate(suite, empty, now=NOW) if suite == "clean_articles" else validate(suite, empty)
        assert (result.success, result.rows, result.failed) == (True, 0, [])
        assert "no rows" in result.markdown()


def test_pandas_frames_with_any_index_and_date_objects():
    frame = mention_frame().to_pandas()
    frame.index = [10, 20, 30]
    frame["event_date"] = [date(2024, 5, 28), date(2024, 6, 2), None]  # python dates, as pandas users have
    result = validate("event_mentions", frame)
    failed = failure(result, "expect_column_pair_values_a_to_be_greater_than_b(published_at, event_date)")
    assert [e["mention_id"] for e in failed.examples] == ["m2"]
    assert failed.examples[0]["event_date"] == "2024-06-02"
    assert failed.examples[0]["published_at"] == "2024-05-30T08:00:00"


def test_examples_are_full_json_friendly_rows_and_at_most_five():
    many = pl.concat([mention_frame()] * 4).with_columns(
        pl.format("m{}", pl.int_range(pl.len())).alias("mention_id"),
        pl.lit(7.0).alias("confidence"),
        pl.lit("x" * 10_000).alias("sentence"),
    )
    result = validate("event_mentions", many)
    failed = failure(result, "expect_column_values_to_be_between(confidence)")
    assert failed.unexpected_count == 12
    assert len(failed.examples) == 5
    assert set(failed.examples[0]) == {*many.columns, "event_type_of_sub_event_type"}
    assert failed.examples[0]["event_date"] == "2024-05-28"
    assert len(failed.examples[0]["sentence"]) < 400
    json.dumps([f.examples for f in result.failed])


def test_a_missing_column_fails_with_its_error_instead_of_crashing():
    result = validate("raw_articles", raw_frame().drop("format"))
    failed = failure(result, "expect_column_values_to_be_in_set(format)")
    assert "format" in failed.error
    assert [f.expectation for f in result.failed] == ["expect_column_values_to_be_in_set(format)"]
    assert "Could not be evaluated" in result.markdown()


def test_unknown_suite_and_parameters_are_refused():
    with pytest.raises(ValueError, match="unknown suite"):
        validate("mentions", mention_frame())
    with pytest.raises(TypeError):
        validate("raw_articles", raw_frame(), now=NOW)
    with pytest.raises(TypeError):
        validate("clean_articles", clean_frame(), today=NOW)


def test_markdown_shows_rule_reason_and_failing_row():
    bad = with_values(mention_frame(), 2, latitude=123.0)
    text = validate("event_mentions", bad).markdown()
    assert "| `expect_column_values_to_be_between(latitude)` | 1 |" in text
    assert "latitudes outside [-90, 90] do not exist" in text
    assert "| mention_id | latitude |" in text
    assert "| m3 | 123.0 |" in text


# --- Dagster ------------------------------------------------------------------------------------------


def test_check_result_of_a_passing_suite():
    check = to_check_result(validate("events", event_frame()), asset_key="events", check_name="events_suite")
    assert check.passed
    assert check.check_name == "events_suite"
    assert check.asset_key == dg.AssetKey("events")
    assert check.severity == dg.AssetCheckSeverity.ERROR
    assert check.metadata["rows"].value == 3
    assert check.metadata["expectations_evaluated"].value == validate("events", event_frame()).evaluated
    assert check.metadata["failed_expectations"].value == []
    assert "all" in check.description and "passed" in check.description


def test_check_result_of_a_failing_suite_carries_failing_rows():
    bad = with_values(event_frame(), 2, num_sources=5)
    check = to_check_result(validate("events", bad), asset_key=dg.AssetKey(["core", "events"]))
    assert not check.passed
    assert check.asset_key == dg.AssetKey(["core", "events"])
    assert check.severity == dg.AssetCheckSeverity.ERROR
    assert "num_articles, num_sources" in check.description
    failed = check.metadata["failed_expectations"].value
    assert (
        failed[0]["expectation"]
        == "expect_column_pair_values_a_to_be_greater_than_b(num_articles, num_sources)"
    )
    assert failed[0]["reason"].startswith("every outlet")
    assert failed[0]["examples"][0]["event_id"] == "m3"
    assert isinstance(check.metadata["failed"], dg.MarkdownMetadataValue)
    assert "| m3 |" in check.metadata["failed"].value


def test_check_result_of_an_empty_frame_passes():
    check = to_check_result(validate("raw_articles", pl.DataFrame()))
    assert check.passed and check.metadata["rows"].value == 0


def test_check_result_runs_as_a_blocking_asset_check(tmp_path):
    @dg.asset
    def core_events() -> pl.DataFrame:
        return with_values(event_frame(), 0, event_type="Wars")

    @dg.asset_check(asset=core_events, blocking=True)
    def events_suite(core_events: pl.DataFrame) -> dg.AssetCheckResult:
        return to_check_result(validate("events", core_events))

    @dg.asset(deps=[core_events])
    def events_daily() -> None:
        return None

    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [core_events, events_suite, events_daily],
            instance=instance,
            raise_on_error=False,
            resources={"io_manager": dg.FilesystemIOManager(base_dir=str(tmp_path))},
        )
    evaluation = result.get_asset_check_evaluations()[0]
    assert not evaluation.passed
    assert "expect_column_values_to_be_in_set(event_type)" in evaluation.description
    assert not result.success  # the blocking check stops events_daily


# --- the validator process (expectations/validator.py) -----------------------------------------------


def test_the_validator_process_reports_what_validating_here_reports(monkeypatch):
    """A load command validates in a process of its own (Great Expectations loads there while the command
    starts): the same result, failing rows included; if that process dies, the caller validates itself."""
    import os
    import signal

    from expectations import validator

    monkeypatch.setattr(validator, "_pool", None)
    bad = raw_frame().with_columns(pl.Series("format", ["txt", "pdf", "jsonl"]))
    here = validate("raw_articles", bad)
    validator.start()
    try:
        assert validator.started()
        pid = validator._pool.submit(os.getpid).result()
        assert pid != os.getpid()
        there = validator.validate("raw_articles", bad)
        assert not there.success and there == here
        os.kill(pid, signal.SIGKILL)
        again = validator.validate("raw_articles", bad)
        assert again == here and not validator.started()  # validated here after the process died
        validator.start()
        validator.keep_for(validator.KEEP_UP_TO_ARTICLES)
        assert validator.started()  # a small batch keeps it: its start-up is most of its run
        validator.keep_for(validator.KEEP_UP_TO_ARTICLES + 1)
        assert not validator.started() and validator.validate("raw_articles", bad) == here
        validator.start()
        validator.stop()  # runs on Celery workers: their checks are theirs
        assert not validator.started()
    finally:
        if validator._pool is not None:
            validator._pool.shutdown()
