"""Credits and taglines glued to a paragraph: trimmed from its ends, never a reason to drop it.

Pages flattened to one line (wire copy, scraped feeds) end their only paragraph with what a page shows
below the story: an agency credit ("- ab/cd (AFP, Reuters)", "Source: News agencies"), a reporter's
sign-off ("(Reporting by ...)", "... contributed to this report.", an e-mail address), a share bar or a
"Follow us" line, "Read more" and "Learn more" links, newsletter prompts, copyright lines and disclaimers,
photo credits. Judged as a whole line, such a paragraph looks like a caption or a notice and would be
dropped with the article in it; here those pieces are cut off its ends instead.

Every rule is a general shape of news-page furniture, never a phrase from one page. Guarantees: only
the start and the end of a paragraph are trimmed, plus three kinds of furniture that no sentence contains
(a run of share-button names, a "media playback is not supported" notice, a related story's link: see
``related_links``); every piece cut is returned
with the name of its rule; and a trim that would leave fewer than ``MIN_KEPT_WORDS`` words is not made.
"""

from __future__ import annotations

import re

from pipeline.clean.boilerplate import photo_credit_start
from pipeline.clean.related_links import cut_related_links

# A paragraph longer than any caption, credit line, notice or byline the line rules judge is article
# text, whatever it starts or ends with.
LONG_PARAGRAPH_WORDS = 50
MIN_KEPT_WORDS = 8

# News agencies as they sign wire copy: "(AFP, dpa)", "- Reuters", "ab/cd (AP, KNA)".
_AGENCY = (
    r"(?:AFP|AP|Reuters|REUTERS|dpa|DPA|EPA|epd|KNA|SID|Lusa|EFE|ANSA|TASS|Tass|Interfax|Xinhua|Kyodo|"
    r"Yonhap|IANS|PTI|UNI|UPI|AAP|CNA|Bernama|Antara|IRNA|MENA|WAM|SPA|Anadolu(?: Agency)?|RIA Novosti|"
    r"Sputnik|Associated Press|Agence France-Presse|(?:[Nn]ews |[Ww]ire )?[Aa]gencies|[Ww]ires)"
)
_AGENCIES = rf"{_AGENCY}(?:\s*(?:,|/|;|&|\band\b)\s*{_AGENCY})*"
# Editors' initials signing wire copy: "ab/cd", "abc/de/fg".
_INITIALS = r"[a-z]{1,4}(?:/[a-z]{1,4})+"
# A credit signed with editors' initials marks the text above it as the article, never as a caption.
INITIALLED_CREDIT = re.compile(rf"(?<!\S){_INITIALS}\s*[-—]?\s*\(\s*{_AGENCIES}\s*\)\W*$")
# A tagline begins at the paragraph's start or right after a sentence (or a bracket, or a quote).
_AFTER_SENTENCE = r"(?:^|(?<=[.!?\"')\]]))\s*"
# ... or, for credits that follow the text on the same "line", after any space.
_AFTER_SPACE = r"(?:^|(?<=[\s.!?\"')\]]))"

_SEPARATOR = r"\s*(?:,|/|;|&|\band\b)\s*"
_SOURCE_WORD = r"(?:[A-Z][\w.'&\-]*|and|news|agenc(?:y|ies)|wires?)"

# Pieces without sentence structure, matched at the very end of a paragraph.
_END_FRAGMENTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern + r"\s*$"))
    for name, pattern in (
        # "(AFP, Reuters)", "ab/cd (dpa, AP)", "(Reuters, The Ledger)": an agency first, then any sources.
        (
            "agency_credit",
            rf"{_AFTER_SPACE}(?:{_INITIALS}\s*[-—]?\s*)?"
            rf"\(\s*{_AGENCY}(?:{_SEPARATOR}[\w.'&\- ]{{1,40}}){{0,6}}\)",
        ),
        ("agency_credit", rf"(?<=[.!?\"'])\s+{_INITIALS}"),
        ("agency_credit", rf"(?<=[\s.!?\"')])[-—]\s*{_AGENCIES}"),
        # "Source: News agencies", "Source: The Ledger and agencies".
        (
            "agency_credit",
            rf"{_AFTER_SENTENCE}(?i:source)\s*:\s*[-—]?\s*{_SOURCE_WORD}(?:\s+{_SOURCE_WORD}){{0,6}}\.?",
        ),
        # A reprint's print-edition credit: "(The Weekly Ledger 01/13/2017 page 5)".
        (
            "agency_credit",
            rf"{_AFTER_SPACE}\(\s*[A-Z][^()]{{2,80}}?\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\s+page\s*\d+\s*\)",
        ),
        (
            "reporter_signoff",
            rf"{_AFTER_SPACE}\((?i:\s*(?:additional\s+)?"
            r"(?:reporting|writing|editing|compiled|compiling|research)\s+by\b)[^()]{0,250}\)",
        ),
        (
            "reporter_signoff",
            rf"{_AFTER_SENTENCE}(?i:(?:additional\s+)?(?:reporting|writing|editing)\s+by)\s+"
            r"[A-Z][^.!?]{0,200}",
        ),
        (
            "reporter_signoff",
            rf"{_AFTER_SENTENCE}(?i:authors?|reporters?|written by)\s*:\s*[A-Z][^.!?:]{{0,80}}",
        ),
        (
            "share",
            rf"{_AFTER_SENTENCE}(?i:share\s+(?:this|on)(?:\s+(?:article|story|page|post|slide|video))?)\s*:?",
        ),
        (
            "photo_credit",
            rf"{_AFTER_SENTENCE}(?:Photo|Photograph|Picture|Image)s?\s*:\s*[A-Z][^.!?:]{{0,60}}",
        ),
        ("read_more", rf"{_AFTER_SENTENCE}(?:Learn more|Read more|READ MORE|More info|See more)\W*"),
        ("read_more", rf"{_AFTER_SENTENCE}(?i:read more|related|see also|also read)\s*:\s*[^.!?]{{1,150}}"),
    )
)

# Sentences that speak to the reader or about the page, matched as the paragraph's last sentence.
_SENTENCE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile("|".join(patterns), re.I))
    for name, patterns in (
        (
            "reporter_signoff",
            (
                r"\bcontributed\s+(?:reporting|to\s+this\s+(?:report|story|article))\b",
                r"^\W*(?:additional\s+)?(?:reporting|writing|editing)\s+by\s",
            ),
        ),
        (
            # Copyright lines, and the disclaimers and republication notes printed with them.
            "copyright",
            (
                r"^\W*(?:copyright\s*(?:©|\(c\)|@)?\s*(?:19|20)\d\d|©)",
                r"\ball rights reserved\b",
                r"\bmay not be (?:published|reproduced|redistributed|broadcast|copied)\b",
                r"\b(?:views|opinions) expressed (?:in this|here)\b",
                r"\boriginally (?:published|appeared) (?:on|in)\b",
                r"\bis not responsible for the (?:content|material)s?\b",
                r"^\W*read the original\b",
            ),
        ),
        (
            "share",
            (
                r"^\W*follow\s+(?:us|him|her|them|me|[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3})\s+"
                r"(?:on|at|via)\b.*(?:twitter|facebook|instagram|@\w|https?://)",
                r"^\W*(?:like|join) us on (?:facebook|twitter)\b",
            ),
        ),
        (
            "promo",
            (
                r"^\W*(?:sign up|subscribe|never miss)\b",
                r"^\W*(?:get|download) (?:our|the) (?:newsletter|app)\b",
                r"\b(?:to|in) your inbox\b",
                r"\bnewsletter (?:that|which)\b",
                r"\bis (?:a|our) (?:daily|weekly) newsletter\b",
            ),
        ),
        (
            "read_more",
            (
                r"^\W*click (?:here|through|on|to)\b",
                r"^\W*for more (?:information|details|ideas|news)\b.*\bvisit\b",
            ),
        ),
        (
            "contact",
            (
                r"[^\s@]+@[^\s@]+\.[a-z]{2,}",
                r"^\W*(?:you can (?:also )?)?(?:contact|e-?mail|write to) us\b",
                r"\bget in touch\b",
                r"\bstory (?:suggestion|tip)s?\b",
            ),
        ),
    )
)
_MAX_TAGLINE_SENTENCE_WORDS = 60
# Where the paragraph's last sentence starts: after a sentence end and its closing quotes or brackets.
# Scraped text often loses the space there, to a dash or a middle dot ("said.- Source"), or loses a closing
# quote to a "?" ('he said."?The').
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]?]*(?:[\s·\-—]+|(?<=[\"'?])(?=[A-Z\"]))")
# Dashes and bullets left dangling at the end once a tagline is gone ("... said. -").
_DANGLING_END = re.compile(r"(?:(?<=[\s.!?\"')\]])[-—|·•]+\s*)+$|\s+$")
# Only the last characters are searched, so the rules stay linear on long paragraphs.
_TAIL_CHARS = 600
_DANGLING_CHARS = 40

_START_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "share",
        re.compile(
            r"^(?:click to )?share\s+(?:this|on)(?:\s+(?:article|story|page|post|slide|video|with))?\s*:?\s+",
            re.I,
        ),
    ),
    ("promo", re.compile(r"^\(\s*[^()]{0,200}\b(?:sign up|subscribe)\b[^()]{0,80}\)\s*", re.I)),
)
# Furniture that no sentence contains, removed wherever it sits: a run of share buttons (with the page's
# permalink) and a media player's notice.
_NETWORK = (
    r"(?:Facebook|Twitter|Google\+|WhatsApp|Tumblr|LinkedIn|stumble(?:upon)?|Digg|reddit|Newsvine|Pinterest|"
    r"Telegram|Xing|VK|Email|E-mail|Print|SMS)"
)
_INLINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "share",
        re.compile(rf"(?:\bSend\s+)?(?:{_NETWORK}\s+){{3,}}{_NETWORK}(?!\w)(?:\s+Permalink\s+\S+)?", re.I),
    ),
    ("share", re.compile(r"\bPermalink\s+https?://\S+", re.I)),
    (
        "notice",
        re.compile(r"\bmedia playback is (?:not supported|unsupported) on (?:this|your) device\b", re.I),
    ),
)


def _words(text: str) -> int:
    return len(text.split())


def _last_sentence_start(text: str) -> int:
    start = 0
    for match in _SENTENCE_BREAK.finditer(text, max(0, len(text) - _TAIL_CHARS)):
        if match.end() < len(text):
            start = match.end()
    return start


def _end_tagline(text: str) -> tuple[str, int] | None:
    """(rule, where it starts) of the tagline ending ``text``, or None."""
    offset = max(0, len(text) - _TAIL_CHARS)
    for name, pattern in _END_FRAGMENTS:
        if (match := pattern.search(text, offset)) is not None:
            return name, match.start()
    start = _last_sentence_start(text)
    sentence = text[start:]
    if start > 0 and _words(sentence) <= _MAX_TAGLINE_SENTENCE_WORDS:
        for name, pattern in _SENTENCE_RULES:
            if pattern.search(sentence):
                return name, start
    if (credit := photo_credit_start(text)) is not None:
        return "photo_credit", credit
    return None


def trim_taglines(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``text`` without the taglines at its ends and the share bars inside it, and what was cut, as
    (rule, text) pairs in the order cut."""
    removed: list[tuple[str, str]] = []
    kept, links = cut_related_links(text)
    if links and _words(kept) >= MIN_KEPT_WORDS:
        removed += [("related_link", piece) for piece in links]
        text = kept
    for name, pattern in _INLINE_RULES:
        pieces = pattern.findall(text)
        kept = pattern.sub(" ", text)
        if pieces and _words(kept) >= MIN_KEPT_WORDS:
            removed += [(name, piece) for piece in pieces]
            text = " ".join(kept.split())
    while True:
        for name, pattern in _START_RULES:
            match = pattern.match(text)
            if match and _words(text[match.end() :]) >= MIN_KEPT_WORDS:
                removed.append((name, match.group(0).strip()))
                text = text[match.end() :]
                break
        else:
            break
    while True:
        if (dangling := _DANGLING_END.search(text, max(0, len(text) - _DANGLING_CHARS))) is not None:
            text = text[: dangling.start()]
        found = _end_tagline(text)
        if found is None or _words(text[: found[1]]) < MIN_KEPT_WORDS:
            break
        removed.append((found[0], text[found[1] :].strip()))
        text = text[: found[1]]
    return text.strip(), removed
