"""Date expressions resolved against an article's publication date (pipeline.extract.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.dates import DateSpan, only_time_of_day, resolve_date

MONDAY = dt.date(2014, 6, 23)  # the reference for most cases: a Monday
D = dt.date


@pytest.mark.parametrize(
    ("expression", "start", "end", "precision"),
    [
        # Weekdays: the most recent such day on or before the reference.
        ("Monday", D(2014, 6, 23), D(2014, 6, 23), "day"),
        ("on Sunday", D(2014, 6, 22), D(2014, 6, 22), "day"),
        ("Sunday night", D(2014, 6, 22), D(2014, 6, 22), "day"),
        ("on Tuesday morning", D(2014, 6, 17), D(2014, 6, 17), "day"),
        ("late on Friday", D(2014, 6, 20), D(2014, 6, 20), "day"),
        ("the early hours of Saturday", D(2014, 6, 21), D(2014, 6, 21), "day"),
        ("last Monday", D(2014, 6, 16), D(2014, 6, 16), "day"),
        ("this past Sunday", D(2014, 6, 22), D(2014, 6, 22), "day"),
        # Days relative to the reference.
        ("yesterday", D(2014, 6, 22), D(2014, 6, 22), "day"),
        ("yesterday afternoon", D(2014, 6, 22), D(2014, 6, 22), "day"),
        ("last night", D(2014, 6, 22), D(2014, 6, 22), "day"),
        ("today", MONDAY, MONDAY, "day"),
        ("this morning", MONDAY, MONDAY, "day"),
        ("at dawn", MONDAY, MONDAY, "day"),
        ("two days ago", D(2014, 6, 21), D(2014, 6, 21), "day"),
        ("3 days ago", D(2014, 6, 20), D(2014, 6, 20), "day"),
        # A day of the month alone: this month's if it has come, else last month's.
        ("on the 18th", D(2014, 6, 18), D(2014, 6, 18), "day"),
        ("the night of the 2nd", D(2014, 6, 2), D(2014, 6, 2), "day"),
        ("the 25th", D(2014, 5, 25), D(2014, 5, 25), "day"),
        # Calendar days; without a year, the most recent one not after the reference.
        ("on Jan 01", D(2014, 1, 1), D(2014, 1, 1), "day"),
        ("January 3", D(2014, 1, 3), D(2014, 1, 3), "day"),
        ("July 8", D(2013, 7, 8), D(2013, 7, 8), "day"),
        ("June 23, 2014", MONDAY, MONDAY, "day"),
        ("3 March 2014", D(2014, 3, 3), D(2014, 3, 3), "day"),
        ("2014-05-17", D(2014, 5, 17), D(2014, 5, 17), "day"),
        ("on 18-June-2011,", D(2011, 6, 18), D(2011, 6, 18), "day"),
        ("Thursday, February 2, 2012", D(2012, 2, 2), D(2012, 2, 2), "day"),
        ("the night of June 5", D(2014, 6, 5), D(2014, 6, 5), "day"),
        ("Sept. 12", D(2013, 9, 12), D(2013, 9, 12), "day"),
        # Weeks.
        ("last week", D(2014, 6, 16), D(2014, 6, 22), "week"),
        ("this week", MONDAY, MONDAY, "week"),
        ("over the weekend", D(2014, 6, 21), D(2014, 6, 22), "week"),
        ("three weeks ago", D(2014, 6, 2), D(2014, 6, 8), "week"),
        ("over three weeks ago", D(2014, 6, 2), D(2014, 6, 8), "week"),  # a hedge does not move it
        ("nearly three weeks ago", D(2014, 6, 2), D(2014, 6, 8), "week"),
        ("Nov. 21-27, 2013", D(2013, 11, 21), D(2013, 11, 27), "week"),
        ("30 May - 2 June", D(2014, 5, 30), D(2014, 6, 2), "week"),
        # Months.
        ("in March", D(2014, 3, 1), D(2014, 3, 31), "month"),
        ("in July", D(2013, 7, 1), D(2013, 7, 31), "month"),
        ("March 2013", D(2013, 3, 1), D(2013, 3, 31), "month"),
        ("since June 2014", D(2014, 6, 1), MONDAY, "month"),
        ("mid-June", D(2014, 6, 1), MONDAY, "month"),
        ("earlier this month", D(2014, 6, 1), MONDAY, "month"),
        ("last month", D(2014, 5, 1), D(2014, 5, 31), "month"),
        ("last October", D(2013, 10, 1), D(2013, 10, 31), "month"),
        ("last March", D(2014, 3, 1), D(2014, 3, 31), "month"),
        ("last June", D(2013, 6, 1), D(2013, 6, 30), "month"),
        ("two months ago", D(2014, 4, 1), D(2014, 4, 30), "month"),
        ("last summer", D(2013, 6, 1), D(2013, 8, 31), "month"),
        ("the summer of 2012", D(2012, 6, 1), D(2012, 8, 31), "month"),
        ("last winter", D(2013, 12, 1), D(2014, 2, 28), "month"),
        # A day or month whose year is named relative to the reference; a possessive date.
        ("on December 19, last year", D(2013, 12, 19), D(2013, 12, 19), "day"),
        ("in March of this year", D(2014, 3, 1), D(2014, 3, 31), "month"),
        ("last week's", D(2014, 6, 16), D(2014, 6, 22), "week"),
        ("Sunday's", D(2014, 6, 22), D(2014, 6, 22), "day"),
        # Years.
        ("last year", D(2013, 1, 1), D(2013, 12, 31), "year"),
        ("in 2012", D(2012, 1, 1), D(2012, 12, 31), "year"),
        ("in 2014", D(2014, 1, 1), MONDAY, "year"),
        ("earlier this year", D(2014, 1, 1), MONDAY, "year"),
    ],
)
def test_resolves_against_the_publication_date(
    expression: str, start: dt.date, end: dt.date, precision: str
) -> None:
    assert resolve_date(expression, MONDAY) == DateSpan(start, end, precision)


def test_a_weekday_never_lands_after_the_reference() -> None:
    for offset in range(7):
        published = MONDAY + dt.timedelta(days=offset)
        for weekday in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
            span = resolve_date(weekday, published)
            assert span is not None
            assert published - dt.timedelta(days=6) <= span.start <= published
            assert span.start.strftime("%A") == weekday


def test_a_date_after_the_reference_rolls_back_a_year() -> None:
    published = D(2015, 1, 2)
    assert resolve_date("December 3", published) == DateSpan(D(2014, 12, 3), D(2014, 12, 3), "day")
    assert resolve_date("in December", published) == DateSpan(D(2014, 12, 1), D(2014, 12, 31), "month")
    assert resolve_date("over the weekend", published) == DateSpan(D(2014, 12, 27), D(2014, 12, 28), "week")


@pytest.mark.parametrize(
    "expression",
    [
        "June 24, 2014",  # an explicit year cannot roll back
        "2015",
        "July 2014",
        "next week",
        "tomorrow",
    ],
)
def test_an_explicitly_later_date_is_none(expression: str) -> None:
    assert resolve_date(expression, MONDAY) is None


def test_a_day_of_the_month_alone_is_the_latest_such_day_or_none() -> None:
    assert resolve_date("the 31st", D(2017, 3, 5)) is None  # February has none
    assert resolve_date("the 18th century", MONDAY) is None
    assert resolve_date("the 18th", None) is None  # no reference, no month


@pytest.mark.parametrize(
    "expression",
    [
        "for three days",
        "the past year",
        "in recent weeks",
        "the last 24 hours",
        "decades",
        "three days",
        "a week",
        "the 1990s",
        "45-year-old",
        "aged 12",
        "every Friday",
        "the same day",
        "a long time",
        "",
        "soon after",
    ],
)
def test_durations_ages_and_noise_are_not_dates(expression: str) -> None:
    assert resolve_date(expression, MONDAY) is None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("June 23, 2014", DateSpan(MONDAY, MONDAY, "day")),
        ("2014-06-23", DateSpan(MONDAY, MONDAY, "day")),
        ("June 2014", DateSpan(D(2014, 6, 1), D(2014, 6, 30), "month")),
        ("in 2014", DateSpan(D(2014, 1, 1), D(2014, 12, 31), "year")),
        ("Sunday", None),
        ("yesterday", None),
        ("March 3", None),
        ("in March", None),
        ("last week", None),
    ],
)
def test_without_a_reference_only_expressions_with_a_year_resolve(
    expression: str, expected: DateSpan | None
) -> None:
    assert resolve_date(expression, None) == expected


def test_no_span_ends_after_the_reference() -> None:
    expressions = ["this week", "this month", "this year", "in June", "since June 2014", "summer", "today"]
    for published in (MONDAY, D(2014, 6, 1), D(2014, 12, 31), D(2015, 1, 1)):
        for expression in expressions:
            span = resolve_date(expression, published)
            assert span is None or span.start <= span.end <= published, (expression, published)


def test_a_time_of_day_alone_names_no_day() -> None:
    for expression in ("afternoon", "in the early morning", "at dawn", "at noon"):
        assert only_time_of_day(expression)
    for expression in ("Sunday", "Sunday night", "last night", "this morning", "tonight"):
        assert not only_time_of_day(expression)


def test_the_day_a_sentence_gives_beats_a_time_of_day_nearer_the_trigger() -> None:
    from kit import article_mentions  # spaCy: only this test reads text

    # published on Tuesday 12 March 2024: "Sunday afternoon" is the 10th, not the day of writing
    rows = article_mentions("Gunmen shot dead two farmers near Kaduna on Sunday afternoon.")
    assert rows and rows[0].event_date == dt.date(2024, 3, 10)


def test_a_date_naming_another_noun_is_that_nouns_day() -> None:
    from kit import article_mentions

    # "a March 1 arrest" dates the arrest, not the anger of the protesters the sentence is about
    rows = article_mentions(
        "Youths threw stones at police in Kaduna on Monday.",
        "The protesters were furious about a student's beating during a March 1 arrest in Kaduna.",
    )
    assert [r for r in rows if r.sentence_index == 1]
    assert dt.date(2024, 3, 1) not in {r.event_date for r in rows}
    # the date stays the noun's own ("the March 1 raid") and its relative clause's ("that killed four")
    rows = article_mentions("Residents buried the victims of the March 1 raid on Kaduna that killed four.")
    assert rows and {r.event_date for r in rows} == {dt.date(2024, 3, 1)}


def test_a_shooting_or_a_stabbing_told_as_a_noun_is_an_event() -> None:
    from kit import article_mentions

    for sentence in (
        "A shooting at a market in Kaduna on Sunday left two traders dead.",
        "The stabbing of a village chief in Kaduna on Sunday shocked the town.",
    ):
        rows = article_mentions(sentence)
        assert rows and rows[0].event_date == dt.date(2024, 3, 10), sentence


def test_a_day_written_in_numbers_with_dots_is_day_first() -> None:
    ref = dt.date(2017, 2, 10)
    assert resolve_date("08.02.2017", ref) == DateSpan(dt.date(2017, 2, 8), dt.date(2017, 2, 8), "day")
    assert resolve_date("23.06.2016", ref) == DateSpan(dt.date(2016, 6, 23), dt.date(2016, 6, 23), "day")


def test_a_day_in_numbers_dates_its_sentence_and_a_teaser_s_date_its_week() -> None:
    from kit import article_mentions  # published 2024-03-12

    rows = article_mentions("Police fired tear gas at protesters in Lagos on 04.03.2024, witnesses said.")
    assert [r.event_date for r in rows] == [dt.date(2024, 3, 4)]
    # "(dd.mm.yyyy)" before a teaser is when that piece appeared: its event is of the week before
    rows = article_mentions(
        "08.03.2024) Around ten thousand people have protested in Lagos against a new tax."
    )
    assert rows and rows[0].date_precision == "week"
    assert (rows[0].date_start, rows[0].date_end) == (dt.date(2024, 3, 2), dt.date(2024, 3, 8))
    # a teaser's date more than 60 days old makes its event history
    assert article_mentions("23.06.2023) Thousands of workers have staged a protest in Lagos over pay.") == []
