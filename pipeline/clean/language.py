"""A cheap, dependency-free guess of an article's language.

Non-Latin scripts decide by themselves (Arabic script -> "ar", Cyrillic -> "ru", ...). Latin-script
text is scored by the share of its words that are function words of each candidate language; the
best share wins if it is high enough. Guarantees: an ISO 639-1 code, or "und" when the text is too
short or matches nothing well. Only the start of long texts is read, so the cost is bounded.
"""

from __future__ import annotations

import re
from collections import Counter

_SAMPLE_CHARS = 5000
_MIN_WORDS = 4
_MIN_SHARE = 0.12
_MIN_SCRIPT_SHARE = 0.5

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to a in is was that for on with as by at from it he she they his her their were "
        "are be been has have had said not this which who an after but or will would its than also into "
        "over about when we i you there more",
        "fr": "le la les des du de un une et est dans pour que qui sur par pas au aux ce cette il elle ils "
        "sont été avec ont se ne plus son sa ses selon où mais leur nous après",
        "es": "el la los las de del y en que un una es por con para se su sus al lo como más fue ha han "
        "pero sobre este esta entre también según sin tras durante desde",
        "de": "der die das und ist nicht von mit den dem des ein eine einer zu auf für im sich auch es "
        "wurde wurden hat haben sind bei nach aus wie oder aber dass werden sie er",
        "it": "il lo la gli le di del della dei che e è un una per con non sono da nel nella alla al ha "
        "hanno anche come più dopo stato stati tra fra questo questa",
        "pt": "o a os as de do da dos das e que em no na nos um uma para com não por foi são ao mais pelo "
        "pela se seu sua também após entre",
        "nl": "de het een en van in is dat op te zijn met voor niet aan er ook werd worden door bij naar "
        "om maar dan hij zij wordt deze tot",
    }.items()
}

# Scripts that identify a language well enough for routing, as character classes.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (lang, re.compile(f"[{ranges}]"))
    for lang, ranges in (
        ("ar", "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"),
        ("ru", "\u0400-\u04ff"),
        ("el", "\u0370-\u03ff"),
        ("he", "\u0590-\u05ff"),
        ("hi", "\u0900-\u097f"),
        ("th", "\u0e00-\u0e7f"),
        ("ko", "\uac00-\ud7af\u1100-\u11ff"),
        ("ja", "\u3040-\u30ff"),
        ("zh", "\u4e00-\u9fff"),
    )
)
# Letters that tell a language apart from the one its script defaults to.
_PERSIAN_LETTERS = re.compile("[پچژگکی]")
_UKRAINIAN_LETTERS = re.compile("[іїєґ]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")


def _script_language(sample: str, n_letters: int) -> str | None:
    counts = {lang: len(pattern.findall(sample)) for lang, pattern in _SCRIPTS}
    lang = max(counts, key=lambda code: counts[code])
    if counts[lang] < _MIN_SCRIPT_SHARE * n_letters:
        return None  # mostly Latin (or mixed): decided by words instead
    if lang == "zh" and counts["ja"]:
        return "ja"  # Japanese mixes kana with Chinese characters
    if lang == "ar" and len(_PERSIAN_LETTERS.findall(sample)) > 0.02 * counts[lang]:
        return "fa"
    if lang == "ru" and _UKRAINIAN_LETTERS.search(sample):
        return "uk"
    return lang


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language ``text`` is most likely written in, or "und"."""
    sample = text[:_SAMPLE_CHARS]
    n_letters = len(_LETTER.findall(sample))
    if not n_letters:
        return "und"
    if (script := _script_language(sample, n_letters)) is not None:
        return script
    words = Counter(_WORD.findall(sample.lower()))
    n_words = sum(words.values())
    if n_words < _MIN_WORDS:
        return "und"
    shares = {lang: sum(words[word] for word in vocab) / n_words for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(shares, key=lambda lang: shares[lang])
    return best if shares[best] >= _MIN_SHARE else "und"
