"""Unicode and whitespace normalization, and main-text extraction from HTML pages.

Guarantees of ``normalize_text``: the result is NFKC-normalized, contains no control, zero-width or
bidi-control characters, no tabs or carriage returns, no runs of spaces and no leading or trailing
spaces on any line. Curly quotes become ASCII quotes; dashes follow one convention: an em dash "—"
for a dash between words or clauses, a hyphen "-" for ranges and compounds; a hyphen that stands for a lost
space ("police,-told", "officers-were") is a space.
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from dataclasses import dataclass

import trafilatura

logger = logging.getLogger(__name__)

# Characters that carry no text: C0/C1 controls (except newline and tab, handled below), soft hyphen,
# zero-width and joiner characters, bidi controls, the BOM, and lone surrogates, which cannot be encoded.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
_LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n"})

# Quote and dash variants that NFKC leaves alone. Guillemets stay: they are the quotes of the language.
_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u2015": "\u2014",
        "\u2044": "/",
    }
)
# Two or three hyphens are a typewriter em dash ("BEIRUT -- Officials"); an en dash between spaces is
# used as a clause dash, elsewhere ("2014–2015", "Paris–Berlin") as a hyphen.
_DOUBLE_HYPHEN = re.compile(r"(?<!-)-{2,3}(?!-)")
_SPACED_EN_DASH = re.compile(r"(?<=\s)\u2013(?=\s)")
_SPACES = re.compile(r"[^\S\n]+")
# A hyphen that stands for a lost space or line break in scraped text: after a comma, colon, semicolon or
# sentence end ("police,-told", "said.-The"; not "U.S.-led"), before a short function word after a word
# ("officers-were"; not "state-of-the-art") and before a number after "at least" or "more than" ("least-16").
# Compounds ("anti-government", "al-Qaeda", "post-2014") keep theirs.
_LOST_SPACE = re.compile(
    r"(?<=[a-z0-9)\"'])([,;:!?]|\.(?=-[A-Z]))-(?=[\w\"'])|"
    r"(?<=[a-z]{3})()-(?=(?:was|were|is|are|the|of|and|that|said|has|have|had|for|with)\b(?!-))|"
    r"\b(least|than|about|nearly|almost)-(?=\d)"
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")


def normalize_text(text: str) -> str:
    """Return ``text`` with normalized characters and whitespace; line structure is kept."""
    text = text.replace("\r\n", "\n").replace("\u2029", "\n\n").translate(_LINE_BREAKS)
    # Text scraped from pages often keeps a few escaped entities; only well-formed ones are decoded
    # so that "AT&T" or "R&D" stay untouched.
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)  # NFKC can decompose into characters we drop
    text = text.translate(_PUNCTUATION)
    text = _DOUBLE_HYPHEN.sub("\u2014", text)
    text = _SPACED_EN_DASH.sub("\u2014", text).replace("\u2013", "-")
    text = _LOST_SPACE.sub(lambda m: (m.group(1) or m.group(3) or "") + " ", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


@dataclass(frozen=True)
class PageMetadata:
    """What the page says about itself (<title>, OpenGraph, JSON-LD, meta tags)."""

    title: str | None = None
    sitename: str | None = None
    date: str | None = None


# Fallback extraction: drop whole elements that are never article text, then turn block-level tags
# into line breaks so that the line-level boilerplate rules still see one paragraph per line.
_NON_TEXT_ELEMENTS = re.compile(
    r"<(script|style|noscript|head|nav|header|footer|aside|form|svg|template|iframe|button|select)\b"
    r"[^>]*>.*?</\1\s*>",
    re.I | re.S,
)
_COMMENT = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|hr|h[1-6]|li|ul|ol|dl|dd|dt|tr|table|section|article|main|blockquote|figure|"
    r"figcaption|pre|address)\b[^>]*>",
    re.I,
)
_ANY_TAG = re.compile(r"<[^>]*>")
_TITLE_TAG = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)

# htmldate's own search through the visible text is off: a date found there is not page metadata.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def strip_tags(page: str) -> str:
    """Plain text of an HTML page, one block element per line; a last resort when extraction fails."""
    page = _COMMENT.sub(" ", page)
    page = _NON_TEXT_ELEMENTS.sub("\n", page)
    page = _BLOCK_TAG.sub("\n", page)
    return html.unescape(_ANY_TAG.sub(" ", page))


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def extract_html(page: str) -> tuple[str, PageMetadata]:
    """Main text of an HTML page (paragraphs separated by newlines) and its metadata.

    trafilatura finds the article and drops navigation, comments, tables and footers. When it finds
    nothing (tiny or broken pages) the page is tag-stripped instead, so an article is never lost
    here: whatever junk survives is left to the boilerplate rules.
    """
    text, meta = "", PageMetadata()
    try:
        document = trafilatura.bare_extraction(
            page,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # trafilatura and lxml raise many kinds of errors on broken markup
        logger.debug("trafilatura failed on a page", exc_info=True)
        document = None
    if document is not None:
        text = getattr(document, "text", None) or ""
        meta = PageMetadata(
            title=_clean_field(getattr(document, "title", None)),
            sitename=_clean_field(getattr(document, "sitename", None)),
            date=_clean_field(getattr(document, "date", None)),
        )
    else:
        try:
            found = trafilatura.extract_metadata(page, date_config=_DATE_PARAMS, extensive=False)
            meta = PageMetadata(
                title=_clean_field(found.title),
                sitename=_clean_field(found.sitename),
                date=_clean_field(found.date),
            )
        except Exception:
            logger.debug("trafilatura metadata failed on a page", exc_info=True)
    if not text.strip():
        text = strip_tags(page)
    if meta.title is None and (match := _TITLE_TAG.search(page)):
        meta = PageMetadata(
            title=_clean_field(html.unescape(match.group(1))), sitename=meta.sitename, date=meta.date
        )
    return text, meta
