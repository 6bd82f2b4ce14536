"""Line-level boilerplate rules: what on a news page is not the article.

Every rule is generic (the shape of navigation, promos, credits, notices), never a phrase from one
page, and most only fire on short lines so that a real paragraph mentioning, say, an advertisement
survives. Photo captions count as furniture too: a line carrying a photo credit goes, with every
copy of its caption. These rules judge short lines only: a long paragraph is article text, and what is
glued to its ends is trimmed by ``taglines.py`` instead. Guarantees: paragraphs are dropped whole, and
every dropped source line is counted; here a kept paragraph loses nothing but obfuscated e-mail
placeholders, empty brackets, a "Photo caption" label, or the second copy of a line printed twice over
itself.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the article: its text, how many source lines it was made of (so that dropping it
    counts every one), and which block of lines it came from (lines not separated by a blank line)."""

    text: str
    lines: int = 1
    block: int = 0


@dataclass(frozen=True)
class Removal:
    """Text the clean step took out of an article and the rule that took it, for ``pipeline.clean.audit``.

    ``rule`` is "<kind>:<name>": ``line:<rule>`` a whole paragraph matched a line rule, ``caption`` a photo
    caption or credit line, ``timestamp`` a date line, ``repeat`` a repeated paragraph or caption copy,
    ``tail_fragment`` a fragment after the last real paragraph, ``title`` the headline's repeat.
    """

    rule: str
    text: str


_BLANK_LINES = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"""[.!?:;]["')\]]*$""")
_WRAP_MAX_CHARS = 100
_WRAP_MIN_MEAN_CHARS = 45


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """True for a block of text wrapped at a fixed width (e-mail, wire copy), not a list of lines."""
    if len(lines) < 2 or max(map(len, lines)) > _WRAP_MAX_CHARS:
        return False
    body = lines[:-1]
    if sum(map(len, body)) / len(body) < _WRAP_MIN_MEAN_CHARS:
        return False
    return sum(1 for line in body if _SENTENCE_END.search(line)) < len(body) / 2


def split_paragraphs(text: str, *, from_html: bool) -> list[Paragraph]:
    """Split normalized text into paragraphs, one per line.

    In plain text, lines between blank lines form a block, and a hard-wrapped block is joined back into
    one paragraph. Text extracted from HTML has one paragraph per line and no blank lines, so there
    every line is its own block.
    """
    paragraphs = []
    blocks = text.split("\n") if from_html else _BLANK_LINES.split(text)
    for block_index, block in enumerate(blocks):
        lines = [line for line in (raw.strip() for raw in block.split("\n")) if line]
        if not lines:
            continue
        if not from_html and _looks_hard_wrapped(lines):
            joined = lines[0]
            for line in lines[1:]:
                # A word broken at the margin ("counter-\noffensive") is rejoined without a space.
                joined += line if joined.endswith("-") and joined[-2:-1].isalpha() else " " + line
            paragraphs.append(Paragraph(joined, len(lines), block_index))
        else:
            paragraphs.extend(Paragraph(line, 1, block_index) for line in lines)
    return paragraphs


# --- Inline junk and photo credits ---------------------------------------------------------------------

_INLINE_JUNK = re.compile(r"\[email\s*protected\]|\(\s*\)|\[\s*\]", re.I)
_CAPTION_LABEL = re.compile(r"^(?:image|photo|media) caption\s*:?\s*", re.I)
_AGENCIES = r"AP|AFP|EPA|Reuters|REUTERS|Getty Images|Xinhua|Anadolu(?: Agency)?|UPI|DPA|dpa|TASS|Sipa|ANSA"
# A photo credit closing a caption: "(AP Photo/Jane Doe)", "REUTERS/Stringer", "Jane Doe/AFP via Getty
# Images", "Jane Doe—Agency for Outlet", "Photo by ...". It may be glued to the caption's last period.
# Only the bracketed form may be followed by a full stop: a sentence ending "... for Parliament." is text.
_CREDIT_TAIL = re.compile(
    r"(?:^|(?<=[\s.!?\"')]))(?:"
    rf"\(\s*(?:{_AGENCIES}|Photo|Photograph|Image|Picture|Credit)s?\b[^()]{{0,80}}\)\s*\.?"
    rf"|(?:{_AGENCIES})\s*/\s*[A-Z][^.!?()]{{0,60}}"
    rf"|[A-Z][^.!?/()]{{0,40}}/\s*(?:{_AGENCIES}|Shutterstock|SOPA Images|NurPhoto)(?:\s+via\s+Getty Images)?"
    r"|(?:[A-Z][\w.'\-]*\s){0,3}[A-Z][\w.'\-]*\s?—\s?[A-Z][\w&.'\-]*(?:\s[A-Z][\w&.'\-]*){0,3}"
    r"\sfor\s[A-Z][\w&.'\-]*(?:\s[A-Z][\w&.'\-]*){0,3}"
    r"|(?:Photo|Photograph|Image|Picture)s?\s+(?:by|credit|courtesy(?:\s+of)?)\s*:?\s+[A-Z][^.!?()]{0,60}"
    r"|(?<=[.!?)])\s*Getty Images"
    r")\s*$"
)
# A line that is only a credit: "Photo: Jane Doe / The Chronicle", "Image copyright Agency".
_CREDIT_LINE = re.compile(
    r"^\(?(?:photo(?:graph)?s?|images?|pictures?|credits?|photo credit|illustration)\s*"
    r"(?:by|credit|courtesy(?: of)?)?\s*:|^image (?:copyright|source)\b",
    re.I,
)
_MAX_CREDIT_LINE_WORDS = 15
_MAX_CREDIT_CHARS = 160
_MIN_CAPTION_WORDS = 3


def strip_inline_junk(text: str) -> str:
    """Remove obfuscated e-mail placeholders, empty brackets and caption labels; un-double a caption
    that was printed twice on one line."""
    text = _INLINE_JUNK.sub("", text)
    text = _CAPTION_LABEL.sub("", text)
    text = " ".join(text.split())
    half = len(text) // 2
    if half >= 20:
        if text[:half] == text[half:]:
            return text[:half]
        if text[half] == " " and text[:half] == text[half + 1 :]:
            return text[:half]
    return text


def split_photo_credit(text: str) -> tuple[str, bool]:
    """Find a photo credit in a line: (the caption it closes, or "" for a credit-only line; True), or
    (``text``, False) when there is none. A line carrying a credit is a caption, not article text."""
    if len(text.split()) <= _MAX_CREDIT_LINE_WORDS and _CREDIT_LINE.search(text):
        return "", True
    credit = photo_credit_start(text)
    if credit is None:
        return text, False
    caption = text[:credit].rstrip()
    return (caption if len(caption.split()) >= _MIN_CAPTION_WORDS else ""), True


def photo_credit_start(text: str) -> int | None:
    """Where the photo credit closing ``text`` starts, or None when it has none."""
    # Credits are short, so only the end of a line is searched (from a word start), which keeps the
    # regex linear on long paragraphs.
    start = 0
    if len(text) > _MAX_CREDIT_CHARS:
        start = text.find(" ", len(text) - _MAX_CREDIT_CHARS) + 1
    match = _CREDIT_TAIL.search(text, start) if start > 0 or len(text) <= _MAX_CREDIT_CHARS else None
    return None if match is None else match.start()


# --- Line rules -----------------------------------------------------------------------------------------

_NAME = r"[A-Z][\w.'\-]*"
_NAME_PARTICLE = r"and|&|de|da|del|der|van|von|al|el|bin|ibn|la|le|du"
_WEATHER_NOUN = (
    r"thunderstorm|tornado|flash flood|flood|storm|heat|wind|winter weather|weather|blizzard|ice storm|"
    r"hurricane|tropical storm|freeze|frost|fire weather|red flag|dense fog|fog|wind chill|snow squall|"
    r"snow|air quality|dust storm|surf|gale|beach hazards|lake effect snow"
)


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    max_words: int | None  # the rule only fires on lines this short


def _rule(name: str, pattern: str, max_words: int | None, flags: int = re.I) -> _Rule:
    return _Rule(name, re.compile(pattern, flags), max_words)


_RULES: tuple[_Rule, ...] = (
    _rule("empty", r"^\W*$", None),
    # Section labels in capitals ("WORLD", "MIDDLE EAST", "VIDEOS") above a headline or a link list.
    _rule("section_label", r"^[A-ZÀ-ÖØ-Þ]{2,}(?:[ &/\-]+[A-ZÀ-ÖØ-Þ]{2,}){0,2}$", 3, flags=0),
    # Navigation: bullet items ("• World"), breadcrumbs and link bars ("Home | World | Africa").
    _rule("navigation", r"^[•·▪▸►»›>|*]\s*[^\W\d_][^.!?\d]*$", 4),
    _rule("navigation", r"^(?:[^|»›>•·]{1,30}\s[|»›>•·]\s){2,}[^|»›>•·]{1,30}$", 25),
    _rule(
        "navigation",
        r"^(?:home|menu|search|sections?|sign in|sign up|log ?in|log ?out|register|skip to (?:main )?content|"
        r"skip navigation|back to top|top stories|latest(?: news)?|main menu|close|next|previous|more|"
        r"next article|previous article|listen(?: to (?:this )?(?:article|story))?|print|e-?mail|comments?|"
        r"\d+ comments?|show comments|leave a comment|join the conversation|copy link|tweet|whatsapp|"
        r"facebook|twitter|linkedin|reddit|pinterest|telegram|instagram|youtube)\W*$",
        None,
    ),
    _rule("share", r"^(?:click to )?share\b(?: this)?(?: article| story| page| post| video)?(?:\W.*)?$", 8),
    _rule(
        "advertisement",
        r"^(?:advertisement|advertising|sponsored(?: content)?|ads?|paid (?:content|post)|"
        r"promoted(?: content)?|partner content|story continues below(?: advertisement)?|"
        r"continue reading(?: the main story| below)?|scroll to continue(?: with content)?|skip ad|"
        r"ad feedback)\W*$",
        None,
    ),
    # Promos: "Watch <Channel>", labelled teasers, newsletter and app prompts.
    _rule("promo", r"^watch\b[^.!?]*$", 6),
    _rule(
        "promo",
        r"^(?:(?:watch|listen)(?: live| now| again| more)?|video|videos|podcast|gallery|photos|slideshow|"
        r"in pictures|now playing|up next|live updates|live tv|sign up|subscribe|newsletter|download)\s*[:|]",
        25,
    ),
    _rule(
        "promo",
        r"\b(?:sign up|subscribe)\b.{0,40}\b(?:newsletters?|alerts|updates|briefing|e-?mails?)\b|"
        r"\bapp store\b|\bgoogle play\b|browser notifications|push notifications|"
        r"\bbe the first to (?:know|comment|hear)\b|\bclick here\b|\bfollow us\b|\blike us on\b",
        25,
    ),
    # App banners are fragments, not sentences ("Activists use the app to organise." is news).
    _rule("promo", r"^[^.!?]*\b(?:download|get|open|view|continue|install)\b.{0,30}\bapp\b[^.!?]*$", 10),
    # Notices about the page rather than the news: browser, cookies, archive, copyright.
    _rule(
        "notice",
        r"your browser does not support|(?:outdated|unsupported|older) (?:web )?browser|"
        r"browser is (?:out of date|outdated|not supported|no longer supported)|"
        r"(?:upgrade|update) your browser|(?:enable|turn on|requires?) javascript|"
        r"javascript (?:is )?(?:disabled|required|turned off)|we use cookies|(?:site|website) uses cookies|"
        r"use of cookies|cookie (?:policy|settings|preferences|consent|notice)|accept (?:all )?cookies|"
        r"this is an archived article|(?:information|details) in (?:the|this) article may be outdated|"
        r"by continuing to (?:use|browse)|ad ?blocker|please (?:disable|whitelist)|"
        r"this (?:material|article|content) may not be (?:published|reproduced|redistributed)|"
        r"all rights reserved|©|\bcopyright (?:\(c\) )?(?:19|20)\d{2}",
        80,
    ),
    _rule(
        "notice",
        r"\b(?:privacy (?:policy|notice)|terms of (?:use|service)|terms and conditions|sitemap|about us|"
        r"accessibility statement)\b",
        12,
    ),
    _rule(
        "weather_alert",
        rf"^(?:severe |extreme |excessive |winter |high |special )?(?:{_WEATHER_NOUN})\s+"
        r"(?:watch|warning|advisory|alert|statement|emergency|outlook)(?:es|s)?\b",
        15,
    ),
    _rule(
        "reading_time",
        r"^(?:reading time:?\s*)?\d+\s*-?\s*(?:min|mins|minutes?)\.?\s+(?:read|watch|listen)$|"
        r"^(?:estimated )?reading time\b",
        6,
    ),
    _rule(
        "tags",
        r"^(?:tags?|tagged(?: with)?|topics?|filed under|categor(?:y|ies)|keywords|related topics|subjects?)"
        r"\s*:",
        None,
    ),
    _rule(
        "related",
        r"^(?:read more|read also|also read|more to read|related(?: \w+){0,2}|see also|"
        r"more (?:on|from|about) [^:]{1,40}|recommended(?: \w+){0,2}|you (?:may|might) also like|"
        r"editor'?s picks?|most (?:read|popular|viewed|shared)|trending(?: now)?|further reading|"
        r"don'?t miss|must read|in (?:other|related) news|more stories|more news|watch more|"
        r"what to read next)\s*:",
        30,
    ),
    _rule(
        "related",
        r"^(?:read more|related (?:stories|articles|coverage|content|links|news|videos)|"
        r"more (?:stories|news|videos|coverage)|more[\s\-]+must[\s\-]+reads?|more from|"
        r"most (?:read|popular|viewed|shared)|you (?:may|might) also like|"
        r"recommended (?:for you|stories|articles)|trending(?: now| stories)?|editor'?s picks?|"
        r"further reading|don'?t miss)\b[^.!?]*$",
        10,
    ),
    # Bylines: "By Jane Doe, Agency" (names only, so "By Sunday, troops had left." is not one).
    _rule(
        "byline",
        rf"^(?i:by)\s+{_NAME}(?:\s+(?:{_NAME}|{_NAME_PARTICLE}))*"
        rf"(?:(?:\s*[,|—/;]\s*|\s+-\s+){_NAME}(?:\s+(?:{_NAME}|and|&|of|the|for))*)*\s*$",
        14,
        flags=0,
    ),
    _rule(
        "byline",
        r"^(?:(?:additional )?reporting|writing|editing) by\b",
        40,
    ),
    _rule(
        "contributors",
        r"\bcontributed (?:reporting|to this (?:report|story|article))|\b(?:reporting|writing) "
        r"(?:was )?contributed by\b",
        40,
    ),
    _rule(
        "contact",
        r"^(?:contact us|e-?mail us|write to us|send us|follow (?:us|him|her|them|me)|"
        r"reach (?:us|him|her|them|the reporter))\b|(?<!\S)[^\s@]+@[^\s@]+\.[a-z]{2,}\b|^@\w+$|"
        r"^(?:https?://|www\.)\S+$",
        12,
    ),
)

# A video title with its running time: "Rebels parade through the port 02:31", "Ceasefire talks (1:45)".
_DURATION = re.compile(r"\(?\b\d{1,2}:[0-5]\d(?::[0-5]\d)?\)?$")
# A short rule's character budget per word: a 10,000-character "word" is not a short line.
_WORD_CHARS = 30
_TIME_WORDS = frozenset("at by until till from before after around since about to and or between".split())
_MAX_VIDEO_TITLE_WORDS = 20


def _is_video_title(text: str) -> bool:
    match = _DURATION.search(text, max(0, len(text) - 12))
    if match is None:
        return False
    head = text[: match.start()].rstrip()
    if not head:
        return True
    words = head.split()
    # A clock time closing a sentence ("... until 06:00") is text, not a running time.
    if len(words) > _MAX_VIDEO_TITLE_WORDS or head[-1] in ".!?;,":
        return False
    return words[-1].lower() not in _TIME_WORDS


def boilerplate_rule(text: str) -> str | None:
    """Name of the first rule that marks ``text`` as boilerplate, or None when it is article text."""
    n_words, n_chars = len(text.split()), len(text)
    for rule in _RULES:
        limit = rule.max_words
        if limit is not None and (n_words > limit or n_chars > limit * _WORD_CHARS):
            continue
        if rule.pattern.search(text):
            return rule.name
    if _is_video_title(text):
        return "video"
    return None


# --- Repeats and trailing furniture --------------------------------------------------------------------

_NON_ALNUM = re.compile(r"[\W_]+")
_NEAR_DUPLICATE_MIN_CHARS = 60
_NEAR_DUPLICATE_MAX_CHARS = 1000
_NUMBER = re.compile(r"\d+")
_NEAR_DUPLICATE_RATIO = 0.92
_MAX_APPENDED_CHARS = 80


def exact_key(text: str) -> str:
    """``text`` case-folded with whitespace collapsed: equal keys are the same paragraph."""
    return " ".join(text.casefold().split())


def comparison_key(text: str) -> str:
    """Lower-case words of ``text`` without punctuation, for comparing near-identical lines."""
    return _NON_ALNUM.sub(" ", text.casefold()).strip()


def near_duplicate(first: Paragraph, second: Paragraph) -> bool:
    """True when ``second`` repeats ``first`` with small edits, as captions printed twice are.

    Only lines of one block (a run of lines without a blank line, as photo galleries are dumped) are
    compared, and never when their numbers differ: "3 killed in X" and "5 killed in X" are two facts.
    """
    if first.block != second.block or _NUMBER.findall(first.text) != _NUMBER.findall(second.text):
        return False
    if max(len(first.text), len(second.text)) > _NEAR_DUPLICATE_MAX_CHARS:
        return False  # captions are short; comparing long paragraphs would cost quadratic time
    a, b = comparison_key(first.text), comparison_key(second.text)
    short, long = sorted((a, b), key=len)
    if len(short) < _NEAR_DUPLICATE_MIN_CHARS:
        return False
    if long.startswith(short):
        return len(long) - len(short) <= _MAX_APPENDED_CHARS
    if len(long) > 1.25 * len(short):
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= _NEAR_DUPLICATE_RATIO
        and matcher.quick_ratio() >= _NEAR_DUPLICATE_RATIO
        and matcher.ratio() >= _NEAR_DUPLICATE_RATIO
    )


def drop_repeats(paragraphs: list[Paragraph], captions: set[str]) -> tuple[list[Paragraph], list[Paragraph]]:
    """Keep the first of exactly repeated paragraphs and of adjacent near-repeats, and drop every copy
    of a known caption (one copy often appears without its credit); returns (kept, dropped)."""
    kept: list[Paragraph] = []
    dropped: list[Paragraph] = []
    seen: set[str] = {exact_key(caption) for caption in captions}
    for paragraph in paragraphs:
        key = exact_key(paragraph.text)
        if key in seen or (kept and near_duplicate(kept[-1], paragraph)):
            dropped.append(paragraph)
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept, dropped


_TAIL_FRAGMENT_MAX_WORDS = 6


def trim_tail(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """Drop short, unpunctuated fragments after the last real paragraph (app banners, link lists);
    returns (kept, dropped).

    The first paragraph is never dropped, so a one-line article survives.
    """
    end = len(paragraphs)
    while end > 1:
        text = paragraphs[end - 1].text
        if len(text.split()) > _TAIL_FRAGMENT_MAX_WORDS or _SENTENCE_END.search(text):
            break
        end -= 1
    return paragraphs[:end], paragraphs[end:]
