"""Resolves a date expression from an article ("on Sunday", "last week", "June 23, 2014") to a span of days.

The reference is the article's publication date. Events in news are in the past, so:

- a weekday names the most recent such day on or before the reference ("Sunday" in an article of Monday
  2014-06-23 is 2014-06-22; "Monday" in that article is the 23rd itself); "last Monday" is strictly before;
- a day or month without a year is the most recent one not after the reference ("December 3" in an
  article of 2015-01-02 is 2014-12-03; "in March" in an article of 2014-02-10 is March 2013);
- a span never ends after the reference: "this week", "this month" and "this year" end on it, and an
  expression that can only mean a later day (an explicit future year, "next week", "tomorrow") is None.

Precision is the unit the expression names: "day", "week" (ISO weeks, Monday to Sunday; also weekends
and short day ranges), "month" or "year". Seasons are northern-hemisphere meteorological seasons
(summer = June 1 to August 31) with precision "month". A time of day alone ("at dawn", "this morning",
"tonight") is the reference day.

Not dates, so None: durations ("for three days", "the past year", "in recent weeks", "decades"), ages
("45-year-old", "aged 12"), frequencies ("every Friday"), and anything unparseable. Without a reference,
only expressions that name their year resolve ("3 March 2019", "June 2014", "2014").

Relative expressions are computed here; dateparser only reads absolute day-level dates, because it gets
some relative ones wrong for news (e.g. "last week" as a single day).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import dateparser

PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class DateSpan:
    """The days an expression may refer to, inclusive at both ends."""

    start: dt.date
    end: dt.date
    precision: str  # "day" | "week" | "month" | "year"


_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed", "weds"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


def is_calendar_word(word: str) -> bool:
    """A day's or a month's name, written out or abbreviated ("Monday", "Sept")."""
    return word.lower().rstrip(".") in _WEEKDAYS or word.lower().rstrip(".") in _MONTHS


_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
# First month of each meteorological season; winter starts in December of the year before.
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_SEASON = "|".join(_SEASONS)
_TIME_OF_DAY = r"(?:early |late )?(?:morning|afternoon|evening|night|dawn|dusk|noon|midday|midnight|hours)"
_COUNT = r"(?:\d{1,3}|" + "|".join(_NUMBER_WORDS) + ")"

# Durations, ages and frequencies: a length of time, not a point in it.
_NOT_A_DATE = re.compile(
    "|".join(
        (
            r"\b(?:for|recent|coming|next|within|every|each|until|till|tomorrow|the last)\b",
            r"\bpast\b(?! (?:" + _WEEKDAY + r")$)",  # "the past year", but "this past Sunday" is a day
            r"\b(?:decades?|centur(?:y|ies)|\d{4}s)\b",
            r"\b(?:old|aged?)\b",
            r"\b(?:daily|weekly|monthly|yearly|annual(?:ly)?)\b",
            # A number of units that is not "... ago": "three days", "a week", "two years".
            r"^(?:about |around |nearly |almost |some )?"
            + _COUNT
            + r" (?:days?|weeks?|months?|years?|hours?)$",
        )
    )
)
# Prepositions and hedges around a date that do not move it.
_LEADING = re.compile(
    r"^(?:(?:on|in|at|since|from|by|during|around|about|as of|as early as|sometime|some time"
    r"|early|late|mid|earlier|the|of|week of|over|more than|nearly|almost|roughly|just)\b[ -]?)+"
)
_LEADING_TIME_OF_DAY = re.compile(r"^(?:(?:at|in|during|on|the|of) )*" + _TIME_OF_DAY + r"(?: (?:of|on))? ")
_TRAILING_TIME_OF_DAY = re.compile(r" (?:at |in the |on )?" + _TIME_OF_DAY + r"$")


def only_time_of_day(expression: str) -> bool:
    """Whether an expression names a time of day and no day ("afternoon", "in the early morning"): a time of
    whatever day the sentence gives, the day of writing only when it gives none."""
    text = _strip_leading(_clean(expression))
    return not text or re.fullmatch(_TIME_OF_DAY, text) is not None


def _clean(expression: str) -> str:
    text = expression.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"(?<=[a-z])\.", " ", text)  # "Nov.21", "Sept." -> "nov 21", "sept"
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"[,;()\"]", " ", text)
    return " ".join(text.split()).strip(" .-'")


def _strip_leading(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text).strip()
        text = _LEADING_TIME_OF_DAY.sub("", text).strip()
    return text


def _day(day: dt.date) -> DateSpan:
    return DateSpan(day, day, "day")


def _month_span(year: int, month: int) -> DateSpan:
    return DateSpan(
        dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month"
    )


def _week_of(day: dt.date) -> DateSpan:
    monday = day - dt.timedelta(days=day.weekday())
    return DateSpan(monday, monday + dt.timedelta(days=6), "week")


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


_DURATION_DAYS = {"day": 1, "week": 7}


def duration_days(text: str) -> int | None:
    """Days in a short duration told in days or weeks ("two days", "a week", "10 days"); None otherwise
    (months and years are too vague to move a day-precise date by)."""
    match = re.fullmatch(r"(" + _COUNT + r"|a couple of) (day|week)s?", text.strip().lower())
    if match is None:
        return None
    count = 2 if match.group(1) == "a couple of" else _count(match.group(1))
    return count * _DURATION_DAYS[match.group(2)]


def _relative(text: str, ref: dt.date) -> DateSpan | None | bool:
    """Expressions relative to the reference; False when ``text`` is not one of them."""
    if re.fullmatch(r"(?:today|tonight|this (?:morning|afternoon|evening)|" + _TIME_OF_DAY + ")", text):
        return _day(ref)
    if re.fullmatch(r"(?:yesterday|last night|overnight)", text):
        return _day(ref - dt.timedelta(days=1))
    if text == "day before yesterday":
        return _day(ref - dt.timedelta(days=2))

    match = re.fullmatch(r"(" + _COUNT + r"|a couple of) (day|week|month|year)s? ago", text)
    if match:
        count = 2 if match.group(1) == "a couple of" else _count(match.group(1))
        unit = match.group(2)
        if unit == "day":
            return _day(ref - dt.timedelta(days=count))
        if unit == "week":
            return _week_of(ref - dt.timedelta(weeks=count))
        if unit == "month":
            return _month_span(*_shift_months(ref.year, ref.month, -count))
        return DateSpan(dt.date(ref.year - count, 1, 1), dt.date(ref.year - count, 12, 31), "year")

    match = re.fullmatch(r"(last |this |this past |past )?(" + _WEEKDAY + r")", text)
    if match:
        back = (ref.weekday() - _WEEKDAYS[match.group(2)]) % 7
        if match.group(1) == "last " and back == 0:
            back = 7  # "last Monday" written on a Monday is a week ago
        return _day(ref - dt.timedelta(days=back))

    if text == "this week":
        return _week_of(ref)
    if text in ("last week", "previous week", "week before"):
        return _week_of(ref - dt.timedelta(weeks=1))
    match = re.fullmatch(r"(?:over |during )?(?:the |this |last )?weekend", text)
    if match:
        saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
        if text.startswith("last") and ref.weekday() >= 5:
            saturday -= dt.timedelta(weeks=1)  # the weekend before the one the article is written in
        return DateSpan(saturday, saturday + dt.timedelta(days=1), "week")

    if text == "this month":
        return _month_span(ref.year, ref.month)
    if text in ("last month", "previous month", "month before"):
        return _month_span(*_shift_months(ref.year, ref.month, -1))
    if text == "this year":
        return DateSpan(dt.date(ref.year, 1, 1), dt.date(ref.year, 12, 31), "year")
    if text in ("last year", "previous year", "year before"):
        return DateSpan(dt.date(ref.year - 1, 1, 1), dt.date(ref.year - 1, 12, 31), "year")

    match = re.fullmatch(r"(last |this |)(" + _SEASON + r")", text)
    if match:
        return _season(match.group(2), ref, last=match.group(1) == "last ")
    match = re.fullmatch(r"last (" + _MONTH + r")", text)
    if match:  # the latest such month before the reference's own: "last June", written in June, is a year ago
        month = _MONTHS[match.group(1)]
        return _month_span(ref.year if month < ref.month else ref.year - 1, month)
    return False


def _season(name: str, ref: dt.date, last: bool) -> DateSpan | None:
    """The most recent season of that name that has begun by ``ref`` ("last": that has ended by it)."""
    first_month = _SEASONS[name]
    for year in (ref.year + 1, ref.year, ref.year - 1, ref.year - 2):
        # Winter belongs to the year it ends in: winter 2014 = December 2013 to February 2014.
        start = dt.date(year - 1 if first_month == 12 else year, first_month, 1)
        end_year, end_month = _shift_months(start.year, start.month, 2)
        end = dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
        if (end < ref) if last else (start <= ref):
            return DateSpan(start, end, "month")
    return None


def _month_or_year(text: str, ref: dt.date | None) -> DateSpan | None | bool:
    """ "March", "March 2015", "the summer of 2014", "2014"; False when ``text`` is none of them."""
    match = re.fullmatch(r"(" + _MONTH + r")(?: (?:of )?(\d{4}))?", text)
    if match:
        month = _MONTHS[match.group(1)]
        if match.group(2):
            return _month_span(int(match.group(2)), month)
        if ref is None:
            return None
        return _month_span(ref.year if month <= ref.month else ref.year - 1, month)
    match = re.fullmatch(r"(?:the )?(" + _SEASON + r") (?:of )?(\d{4})", text)
    if match:
        year = int(match.group(2))
        first_month = _SEASONS[match.group(1)]
        start = dt.date(year - 1 if first_month == 12 else year, first_month, 1)
        end_year, end_month = _shift_months(start.year, start.month, 2)
        return DateSpan(
            start, dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1]), "month"
        )
    match = re.fullmatch(r"(\d{4})", text)
    if match and 1900 <= int(match.group(1)) <= 2100:
        year = int(match.group(1))
        return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    return False


def _day_range(text: str, ref: dt.date | None) -> DateSpan | None | bool:
    """ "Nov 21-27", "21-27 November 2016", "30 July - 3 August", "between 3 and 5 March"; False when
    ``text`` is not a range of days."""
    match = re.fullmatch(
        r"(?:between )?(?:(?P<m1>"
        + _MONTH
        + r") (?P<a1>\d{1,2})|(?P<a2>\d{1,2})(?: (?P<m0>"
        + _MONTH
        + r"))?)"
        r" ?(?:-|to|and|until) ?(?:(?P<m2>" + _MONTH + r") )?(?P<b>\d{1,2})(?: (?P<m3>" + _MONTH + r"))?"
        r"(?: (?P<year>\d{4}))?",
        text,
    )
    if not match or not (match["m1"] or match["m0"] or match["m3"]):
        return False
    month = _MONTHS[match["m1"] or match["m0"] or match["m3"]]
    end_month = _MONTHS[match["m2"] or match["m3"]] if (match["m2"] or match["m3"]) else month
    first_day = int(match["a1"] or match["a2"])
    if match["year"]:
        end_year = int(match["year"])
    elif ref is None:
        return None
    else:
        end_year = ref.year if (end_month, int(match["b"])) <= (ref.month, ref.day) else ref.year - 1
    try:
        # "30 December - 2 January 2015" starts in the year before the one it names.
        start = dt.date(end_year - (end_month < month), month, first_day)
        end = dt.date(end_year, end_month, int(match["b"]))
    except ValueError:
        return None
    if end < start:
        return None
    days = (end - start).days
    return DateSpan(start, end, "day" if days == 0 else "week" if days < 7 else "month")


def _absolute_day(text: str, ref: dt.date | None) -> DateSpan | None:
    """A calendar day ("June 23, 2014", "3 March", "2015-05-17", "Thursday, February 2, 2016")."""
    has_month = re.search(r"\b(?:" + _MONTH + r")\b", text) is not None
    numeric = re.fullmatch(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", text) is not None
    if not (has_month or numeric):
        return None
    explicit_year = re.search(r"\b\d{4}\b", text) is not None or (numeric and len(text) >= 8)
    if ref is None and not explicit_year:
        return None
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if numeric and "." in text:
        settings["DATE_ORDER"] = "DMY"  # "08.02.2017": dots are written day first, as in Europe
    if ref is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(ref, dt.time())
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    if ref is not None and day > ref and not explicit_year:
        day = _previous_year(day)
    return _day(day)


# "08.02.2017": a day written in numbers with dots (day first), which the small model tags as a number.
NUMERIC_DAY = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.(?:19|20)\d\d(?![\d.])")


def _previous_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # February 29
        return day.replace(year=day.year - 1, day=28)


def resolve_date(expression: str, published: dt.date | None) -> DateSpan | None:
    """The span of days ``expression`` refers to, read as written on ``published``; None if it is not a
    point in time this module can place (see the module docstring)."""
    text = re.sub(r"'s?$", "", _clean(expression))  # "last week's attack", "Sunday's march"
    if not text or _NOT_A_DATE.search(text):
        return None
    text = _year_named_relatively(text, published)
    text = _strip_leading(text) or "today"  # "at dawn", "in the morning": a time of the reference day
    # "Sunday night" is Sunday, but "last night" is not "last": try the whole expression first.
    without_time = _TRAILING_TIME_OF_DAY.sub("", text).strip()
    if published is not None:
        for candidate in dict.fromkeys((text, without_time)):
            span = _relative(candidate, published)
            if span is not False:
                return _cap(span, published)
    for reader in (_month_or_year, _day_range):
        span = reader(without_time, published)
        if span is not False:
            return _cap(span, published)
    if published is not None and _ORDINAL.search(expression.lower()) and without_time.isdigit():
        return _cap(_day_of_this_month(int(without_time), published), published)
    return _cap(_absolute_day(without_time, published), published)


# "On the 18th": a day of the month told without its month, as reports written within a few weeks of it do.
_ORDINAL = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)\b")


def _day_of_this_month(day: int, published: dt.date) -> DateSpan | None:
    """The latest such day of a month not after the reference: this month's, else last month's."""
    year, month = published.year, published.month
    if day > published.day:
        year, month = _shift_months(year, month, -1)
    try:
        return _day(dt.date(year, month, day))
    except ValueError:  # "the 31st" in a month of 30 days
        return None


def _year_named_relatively(text: str, published: dt.date | None) -> str:
    """ "December 19, last year" and "in March of this year" name their year relative to the reference:
    written out ("december 19 2016"), they read like any dated expression."""
    match = re.fullmatch(r"(.*\b(?:" + _MONTH + r")\b.*?) (?:of )?(last|previous|this) year", text)
    if match is None or published is None:
        return text
    return f"{match.group(1)} {published.year - (match.group(2) != 'this')}"


def _cap(span: DateSpan | None | bool, published: dt.date | None) -> DateSpan | None:
    """No span ends after the reference; one that starts after it was never meant (or is a future date)."""
    if not isinstance(span, DateSpan):
        return None
    if published is None or span.end <= published:
        return span
    if span.start > published:
        return None
    return DateSpan(span.start, published, span.precision)
