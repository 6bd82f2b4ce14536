"""The clean step for one article: raw text or HTML in, main text, metadata and sentences out."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from pipeline.clean.boilerplate import (
    Paragraph,
    Removal,
    boilerplate_rule,
    comparison_key,
    drop_repeats,
    near_duplicate,
    split_paragraphs,
    split_photo_credit,
    strip_inline_junk,
    trim_tail,
)
from pipeline.clean.dates import (
    Dateline,
    TimestampLine,
    parse_dateline,
    parse_datetime_aware,
    parse_timestamp_line,
    to_utc,
)
from pipeline.clean.language import detect_language
from pipeline.clean.normalize import PageMetadata, extract_html, normalize_text
from pipeline.clean.sentences import split_sentences
from pipeline.clean.taglines import INITIALLED_CREDIT, LONG_PARAGRAPH_WORDS, trim_taglines

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a clean body; ``body[char_start:char_end] == text``."""

    index: int
    char_start: int
    char_end: int
    text: str


@dataclass(frozen=True)
class CleanArticle:
    """An article reduced to its main text, with the metadata later stages need."""

    title: str | None
    outlet: str | None
    published_at: dt.datetime | None  # naive UTC when the metadata states an offset, else as written
    published_at_source: str  # "metadata" | "text" | "unknown"
    dateline_place: str | None  # "Baghdad" from "BAGHDAD, Iraq (CNN) —"
    body: str  # paragraphs joined by "\n\n"
    language: str  # ISO 639-1 guess, "und" if unsure
    is_english: bool
    removed_lines: int  # boilerplate lines and repeated paragraphs dropped
    sentences: tuple[Sentence, ...]
    published_at_local: dt.datetime | None = None  # naive, the publisher's wall-clock time
    removals: tuple[Removal, ...] = ()  # what was taken out and by which rule (see pipeline.clean.audit)


PARAGRAPH_SEPARATOR = "\n\n"

# Page furniture (date lines, the headline) sits in the first few paragraphs; further down, a bare
# date is a timeline heading and a short line is a subheading.
_TOP_PARAGRAPHS = 6
_DATELINE_PARAGRAPHS = 3
_TITLE_MIN_WORDS = 3
_TITLE_MAX_WORDS = 25
_CAPTION_MAX_WORDS = 50
_TITLE_MAX_CHARS = 200
# Headlines may end in "?", "!" or a quote, but not like a sentence or a clause.
_NOT_A_TITLE_END = re.compile(r"""[.,;:]["')]*$""")
_HOST_PREFIX = re.compile(r"^(?:www\d*|m|mobile|amp)\.")


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(normalize_text(value).split())
    return value or None


def _is_caption(text: str) -> bool:
    return len(text.split()) <= _CAPTION_MAX_WORDS


def _is_title_line(text: str) -> bool:
    return (
        _TITLE_MIN_WORDS <= len(text.split()) <= _TITLE_MAX_WORDS
        and len(text) <= _TITLE_MAX_CHARS
        and not _NOT_A_TITLE_END.search(text)
        and parse_dateline(text) is None
    )


def _matches_title(text: str, title: str) -> bool:
    """True when a paragraph repeats the title, possibly without the "| Site name" tail."""
    paragraph, heading = comparison_key(text), comparison_key(title)
    if not paragraph:
        return False
    if paragraph == heading:
        return True
    return len(paragraph.split()) >= 3 and paragraph in heading and len(paragraph) >= 0.4 * len(heading)


def _take_title(
    paragraphs: list[Paragraph], title: str | None
) -> tuple[str | None, list[Paragraph], list[Removal]]:
    """The title, and the paragraphs without the line that repeats it.

    A known title is removed where it reappears near the top, and a short heading-like first paragraph
    becomes the title when there is none; either way only as long as some text remains after it. The
    line is a headline, not boilerplate, so it is not counted in ``removed_lines``.
    """
    if title is not None:
        for i, paragraph in enumerate(paragraphs[:_DATELINE_PARAGRAPHS] if len(paragraphs) >= 2 else []):
            if _matches_title(paragraph.text, title):
                return title, paragraphs[:i] + paragraphs[i + 1 :], [Removal("title", paragraph.text)]
        return title, paragraphs, []
    if len(paragraphs) >= 2 and _is_title_line(paragraphs[0].text):
        return paragraphs[0].text, paragraphs[1:], [Removal("title", paragraphs[0].text)]
    return None, paragraphs, []


def _outlet_from_url(url: str | None) -> str | None:
    if not isinstance(url, str) or not url.strip():
        return None
    url = url.strip()
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return _HOST_PREFIX.sub("", host.rstrip("."))


def _publication_date(
    published_at_raw: str | None,
    page: PageMetadata,
    timestamp_lines: list[TimestampLine],
    dateline: Dateline | None,
) -> tuple[dt.datetime | None, str]:
    """Metadata first (the caller's, then the page's); else the text: a "Posted/Published" line, the
    dateline's date, an "Updated" line, in that order (an update is later than publication). Metadata
    dates keep their stated offset (aware); the caller converts."""
    for raw in (published_at_raw, page.date):
        if (value := parse_datetime_aware(raw)) is not None:
            return value, "metadata"
    candidates = [line.published_at for line in timestamp_lines if not line.is_update]
    candidates.append(dateline.published_at if dateline else None)
    candidates += [line.published_at for line in timestamp_lines if line.is_update]
    for value in candidates:
        if value is not None:
            return value, "text"
    return None, "unknown"


def _is_article_text(text: str, *, only: bool) -> bool:
    """True for a paragraph that is article text whatever it starts or ends with, so that its credits and
    taglines are trimmed rather than the paragraph dropped: a long paragraph (longer than any caption,
    notice or byline), one signed with editors' initials and an agency credit, or an article's only
    paragraph when it carries a photo credit (there is no photo for it to caption)."""
    if len(text.split()) > LONG_PARAGRAPH_WORDS or INITIALLED_CREDIT.search(text[-200:]):
        return True
    if not only:
        return False
    caption, has_credit = split_photo_credit(text)
    return has_credit and bool(caption)


def _trimmed(paragraph: Paragraph, removals: list[Removal]) -> Paragraph:
    """``paragraph`` without the credits and taglines at its ends, which are added to ``removals``."""
    text, cuts = trim_taglines(paragraph.text)
    removals += [Removal(f"tagline:{rule}", piece) for rule, piece in cuts]
    return Paragraph(text, paragraph.lines, paragraph.block) if cuts else paragraph


def _drop_furniture(
    paragraphs: list[Paragraph],
) -> tuple[list[Paragraph], list[TimestampLine], int, list[Removal]]:
    """The article's own paragraphs, the date lines found among the rest, how many lines went, and what.

    Order matters: captions go with their credits before the line rules run, date lines are read
    before they are dropped, and repeats and trailing fragments are judged on what is left.
    """
    kept: list[Paragraph] = []
    timestamp_lines: list[TimestampLine] = []
    captions: set[str] = set()
    removed = 0
    removals: list[Removal] = []
    for paragraph in paragraphs:
        text = strip_inline_junk(paragraph.text)
        if _is_article_text(text, only=len(paragraphs) == 1):
            kept.append(_trimmed(Paragraph(text, paragraph.lines, paragraph.block), removals))
            continue
        caption, has_credit = split_photo_credit(text)
        if has_credit:
            if caption:
                captions.add(caption)
            # The line just above, in the same block, is this caption's too when the credit stands on a
            # line of its own, or when it is the same caption printed once without the credit.
            previous = kept[-1] if kept else None
            if previous and previous.block == paragraph.block:
                if (not caption and _is_caption(previous.text)) or (
                    caption and near_duplicate(previous, Paragraph(caption, 1, paragraph.block))
                ):
                    captions.add(kept.pop().text)
                    removed += previous.lines
                    removals.append(Removal("caption", previous.text))
            removed += paragraph.lines
            removals.append(Removal("caption", text))
            continue
        timestamp_line = parse_timestamp_line(text, allow_bare=len(kept) < _TOP_PARAGRAPHS) if text else None
        if timestamp_line is not None:
            timestamp_lines.append(timestamp_line)
        rule = boilerplate_rule(text) if text and timestamp_line is None else None
        if not text or timestamp_line is not None or rule is not None:
            removed += paragraph.lines
            if text:
                removals.append(Removal("timestamp" if timestamp_line is not None else f"line:{rule}", text))
            continue
        kept.append(_trimmed(Paragraph(text, paragraph.lines, paragraph.block), removals))
    kept, repeated = drop_repeats(kept, captions)
    kept, trailing = trim_tail(kept)
    removals += [Removal("repeat", p.text) for p in repeated]
    removals += [Removal("tail_fragment", p.text) for p in trailing]
    removed += sum(p.lines for p in repeated) + sum(p.lines for p in trailing)
    return kept, timestamp_lines, removed, removals


def _clean_article(
    content: str | bytes,
    *,
    is_html: bool,
    title: str | None,
    outlet: str | None,
    published_at_raw: str | None,
    url: str | None,
) -> CleanArticle:
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    elif not isinstance(content, str):
        content = ""
    page = PageMetadata()
    if is_html:
        content, page = extract_html(content)

    paragraphs = split_paragraphs(normalize_text(content), from_html=is_html)
    paragraphs, timestamp_lines, removed, removals = _drop_furniture(paragraphs)
    title_text, paragraphs, title_removals = _take_title(
        paragraphs, _clean_field(title) or _clean_field(page.title)
    )
    dateline = next(
        (found for p in paragraphs[:_DATELINE_PARAGRAPHS] if (found := parse_dateline(p.text)) is not None),
        None,
    )
    published_at, published_at_source = _publication_date(published_at_raw, page, timestamp_lines, dateline)
    body = PARAGRAPH_SEPARATOR.join(p.text for p in paragraphs)
    language = detect_language(body)
    return CleanArticle(
        title=title_text,
        outlet=(
            _clean_field(outlet)
            or _clean_field(page.sitename)
            or (dateline.agency if dateline else None)
            or _outlet_from_url(url)
        ),
        published_at=to_utc(published_at),
        published_at_source=published_at_source,
        dateline_place=dateline.place if dateline else None,
        body=body,
        language=language,
        is_english=language == "en",
        removed_lines=removed,
        sentences=tuple(
            Sentence(index=i, char_start=start, char_end=end, text=text)
            for i, (start, end, text) in enumerate(split_sentences(body))
        ),
        published_at_local=published_at.replace(tzinfo=None) if published_at is not None else None,
        removals=tuple(removals + title_removals),
    )


def clean_article(
    content: str,
    *,
    is_html: bool,
    title: str | None = None,
    outlet: str | None = None,
    published_at_raw: str | None = None,
    url: str | None = None,
) -> CleanArticle:
    """Clean one article (plain text or an HTML page). Never raises: an article that cannot be cleaned
    comes back with an empty body and no sentences, for the caller to quarantine."""
    try:
        return _clean_article(
            content, is_html=is_html, title=title, outlet=outlet, published_at_raw=published_at_raw, url=url
        )
    except Exception:  # a bug must cost one article, not the batch; the log keeps the traceback
        logger.exception("cleaning failed; returning an empty article")
        return CleanArticle(
            title=title if isinstance(title, str) else None,
            outlet=outlet if isinstance(outlet, str) else None,
            published_at=None,
            published_at_source="unknown",
            dateline_place=None,
            body="",
            language="und",
            is_english=False,
            removed_lines=0,
            sentences=(),
        )
