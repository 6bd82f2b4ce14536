"""Place names as the gazetteer compares them: normalization (case, diacritics, apostrophes, hyphens,
articles), the kind-words around a name ("Borno State", "Gaza City"), the words that name no place, and the
looser keys that match transliterations ("Saraqab" for Saraqib).

Shared by every place index (``pipeline/extract/places.py``, ``geo/units.py``); reads the vocabulary files.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import polars as pl

from pipeline.extract.lexicon_loader import lexicon

# --- names ----------------------------------------------------------------------------------------------
# Normalization exists twice: normalize_name() for queries and normalize_expr() for the ~1M names indexed
# at build time (in Python that alone would take seconds). The tests check that both agree.

# Letters NFKD does not decompose, and the quote-like letters transliterations use for ayn and hamza.
_FOLD = {
    "ß": "ss",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
    "ʿ": "",
    "ʻ": "",
    "ʼ": "",
    "ʾ": "",
    "’": "",
    "‘": "",
    "'": "",
    "`": "",
    "´": "",
}
_FOLD_TABLE = str.maketrans(_FOLD)
_SEPARATORS = r"[\s\-‐‑‒–—_/,;:()\[\]\"]+"
VALID_KEY = r"^[a-z0-9][a-z0-9 ]*$"
# Arabic articles (with the sun-letter assimilations GeoNames spells out) and English "the".
ARTICLE = r"^(?:al|el|ar|as|ash|at|ath|ad|adh|an|az|the) "
ARTICLE_RE = re.compile(ARTICLE)
_LEXICON = lexicon()
PLACE_WORDS = _LEXICON.place_kind_words
# Kind-words around a place name (data/place_kind_words.csv), as (pattern, kind it asks for), in the order
# lookups try them: "Borno State", "Muhafazat Ninawa", "Gaza City", "Kajo Keji county".
_KIND_WORDS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(rf"^(.+?) (?:{'|'.join(PLACE_WORDS['admin1_suffix'])})$"), "admin1"),
    (re.compile(rf"^(?:{'|'.join(PLACE_WORDS['admin1_prefix'])}) (.+)$"), "admin1"),
    (re.compile(rf"^(.+?) (?:{'|'.join(PLACE_WORDS['city_suffix'])})$"), "city"),
    (re.compile(rf"^(.+?) (?:{'|'.join(PLACE_WORDS['place_suffix'])})$"), None),
)
# GeoNames alternate names include other scripts, airport codes ("XTM" for Ramadi) and lowercase
# romanizations ("mwsl" for Mosul); none is how an English article writes a place. A usable name starts
# with an uppercase Latin letter (Latin-1, Extended-A/B and Additional blocks: "Ḩalab", "Şanlıurfa").
WRITTEN_AS_NAME = pl.col("alias").str.contains(r"^[A-Z\u00C0-\u00DE\u0100-\u024F\u1E00-\u1EFF]") & ~pl.col(
    "alias"
).str.contains(r"^[A-Z]{1,4}$")

# Words that news about violence writes capitalized (sentence starts, headlines, institutions) and that
# also name some place in GeoNames ("Police" in Poland, "Army" in India, "Man" in Ivory Coast). Added to
# spaCy's stop words. (data/word_sets.csv, set news_words)
NEWS_WORDS = list(_LEXICON.word_list("news_words"))

# English short forms of country names that GeoNames' country table lacks (data/country_aliases.csv). Chosen
# on purpose, so they are exempt from the length and common-word rules.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    code: tuple(alias for c, alias in _LEXICON.country_aliases if c == code)
    for code in dict.fromkeys(code for code, _ in _LEXICON.country_aliases)
}

# Abbreviations news writes for regions ("Ballia, UP", "Ramban (J&K)", "Swat, KP"). Too short or too common
# ("AP" is a news agency, "MP" a member of parliament) to index as names: expanded only where the text
# names a place's region (see mentions.contained_place). Country code -> abbreviation -> region name
# (data/region_abbreviations.csv).
ADMIN1_ABBREVIATIONS: dict[str, dict[str, str]] = {
    code: dict(table) for code, table in _LEXICON.region_abbreviations.items()
}


def expand_region_abbreviation(abbreviation: str, country_code: str | None) -> str:
    """The region an abbreviation stands for in a country ("UP" in India: "Uttar Pradesh"), else itself."""
    return ADMIN1_ABBREVIATIONS.get(country_code or "", {}).get(abbreviation, abbreviation)


def normalize_name(name: str) -> str:
    """The lookup key of a name: lowercase ASCII words separated by single spaces ("" if nothing is left)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("M"))
    text = text.lower().translate(_FOLD_TABLE).replace(".", "")
    return re.sub(_SEPARATORS, " ", text).strip(" ")


def normalize_expr(names: pl.Expr) -> pl.Expr:
    """normalize_name() as a Polars expression."""
    return (
        names.str.normalize("NFKD")
        .str.replace_all(r"\p{M}", "")
        .str.to_lowercase()
        .str.replace_many(list(_FOLD), list(_FOLD.values()))
        .str.replace_all(".", "", literal=True)
        .str.replace_all(_SEPARATORS, " ")
        .str.strip_chars(" ")
    )


# normalize_name() for ASCII names, which need no Unicode decomposition: literal replacements first, the
# (slower) regex only for the few names where they leave a run of spaces ("Washington, D.C.").
_ASCII_SEPARATORS = ["-", "_", "/", ",", ";", ":", "(", ")", "[", "]", '"', "\t", "\n", "\r", "\f", "\v"]
_ASCII_REPLACEMENTS = (["'", "`", ".", *_ASCII_SEPARATORS], ["", "", "", *[" "] * len(_ASCII_SEPARATORS)])


def with_keys(written: pl.DataFrame) -> pl.DataFrame:
    """``written`` plus ``key``, the normalize_name() of its ``alias``."""
    is_ascii = pl.col("alias").str.len_bytes() == pl.col("alias").str.len_chars()
    ascii_rows = written.filter(is_ascii).with_columns(
        key=pl.col("alias").str.to_lowercase().str.replace_many(*_ASCII_REPLACEMENTS)
    )
    spaced = pl.col("key").str.contains("  ", literal=True)
    return pl.concat(
        [
            ascii_rows.filter(~spaced),
            ascii_rows.filter(spaced).with_columns(key=pl.col("key").str.replace_all(" {2,}", " ")),
            written.filter(~is_ascii).with_columns(key=normalize_expr(pl.col("alias"))),
        ]
    ).with_columns(key=pl.col("key").str.strip_chars(" "))


# For display names: the letters above in both cases; quote-like marks go, straight apostrophes stay.
_DISPLAY_TABLE = str.maketrans(
    {
        **{src.upper(): dst.capitalize() for src, dst in _FOLD.items() if len(src.upper()) == 1},
        **_FOLD,
        "'": "'",
    }
)


def ascii_fold(name: str) -> str:
    """A display name without diacritics or ayn/hamza marks ("Al Anbār" -> "Al Anbar")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("M"))
    return " ".join(text.translate(_DISPLAY_TABLE).split())


@functools.cache
def common_words() -> frozenset[str]:
    """Normalized words that are no place names unless the caller says so (spaCy stop words + news words)."""
    # Imported here: spaCy takes seconds to import, and the pipeline has it loaded before it geocodes.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(normalize_name(word) for word in (*STOP_WORDS, *NEWS_WORDS)) - {""}


def consonant_skeleton(name: str) -> str:
    """A name's consonants without its article, vowels, y/w and doubled letters ("Al-Quamishli" -> "qmsl"),
    between "_" where the name starts or ends with a vowel: transliterations keep a name's first and last
    sounds ("Erbil", "Irbil" -> "_rbl"), so "Sulaimani" ("slmn_") is no spelling of "Salamin"."""
    key = normalize_name(name)
    key = ARTICLE_RE.sub("", key, count=1)
    key = re.sub(r"[^a-z]", "", key)
    key = key.replace("ou", "u").replace("kh", "h").replace("gh", "g").replace("sh", "s").replace("dh", "d")
    initial = "_" if key[:1] in VOWEL_START else ""
    final = "_" if key[-1:] in VOWEL_END else ""
    key = re.sub(r"[aeiouyw]", "", key)
    return initial + re.sub(r"(.)\1+", r"\1", key) + final


# Letters a name's first sound may be written with when it is a vowel ("Ouadi", "Wadi"; "Yafa", "Iafa").
VOWEL_START = frozenset("aeiouyw")
VOWEL_END = frozenset("aeiouy")


def skeleton_length(skeleton: str) -> int:
    """The consonants in a ``consonant_skeleton``."""
    return len(skeleton.strip("_"))


_GLUED_ARTICLE = re.compile(r"^[ae]l(?=[^aeiou ][a-z]{3})")


def soft_keys(name: str) -> list[str]:
    """A name's letters without its article, doubled letters and the spellings transliterations differ by
    ("ou" for "u", a final "eh" for "ah"): "Al-Hassakeh" -> "hasakah". Vowels stay, so this is a much
    stricter match than consonant_skeleton(). A second key drops an article written glued to the name
    ("Alshadadi" -> "shadadi"), which the index never has."""
    key = ARTICLE_RE.sub("", normalize_name(name), count=1)
    key = re.sub(r"[^a-z]", "", key).replace("ou", "u")
    key = re.sub(r"eh$", "ah", re.sub(r"(.)\1+", r"\1", key))
    glued = _GLUED_ARTICLE.sub("", key, count=1)
    return [key, glued] if glued != key else [key]


def soft_expr(keys: pl.Expr) -> pl.Expr:
    """soft_keys()' first key as a Polars expression over normalized keys."""
    expr = keys.str.replace(ARTICLE, "").str.replace_all(r"[^a-z]", "")
    expr = expr.str.replace_all("ou", "u", literal=True)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        expr = expr.str.replace_all(f"{letter}{letter}+", letter)
    return expr.str.replace(r"eh$", "ah")


def skeleton_expr(keys: pl.Expr) -> pl.Expr:
    """consonant_skeleton() as a Polars expression over normalized keys."""
    letters = keys.str.replace(ARTICLE, "").str.replace_all(r"[^a-z]", "")
    letters = letters.str.replace_many(["ou", "kh", "gh", "sh", "dh"], ["u", "h", "g", "s", "d"])
    initial = pl.when(letters.str.contains(r"^[aeiouyw]")).then(pl.lit("_")).otherwise(pl.lit(""))
    final = pl.when(letters.str.contains(r"[aeiouy]$")).then(pl.lit("_")).otherwise(pl.lit(""))
    return (
        initial
        + (
            letters.str.replace_all(r"[aeiouyw]", "")
            .str.replace_all(r"(bb+)", "b")
            .str.replace_all(r"(dd+)", "d")
            .str.replace_all(r"(ff+)", "f")
            .str.replace_all(r"(hh+)", "h")
            .str.replace_all(r"(kk+)", "k")
            .str.replace_all(r"(ll+)", "l")
            .str.replace_all(r"(mm+)", "m")
            .str.replace_all(r"(nn+)", "n")
            .str.replace_all(r"(pp+)", "p")
            .str.replace_all(r"(rr+)", "r")
            .str.replace_all(r"(ss+)", "s")
            .str.replace_all(r"(tt+)", "t")
            .str.replace_all(r"(zz+)", "z")
            .str.replace_all(r"(gg+)", "g")
            .str.replace_all(r"(cc+)", "c")
            .str.replace_all(r"(qq+)", "q")
            .str.replace_all(r"(jj+)", "j")
            .str.replace_all(r"(vv+)", "v")
            .str.replace_all(r"(xx+)", "x")
        )
        + final
    )


def strip_article(key: str) -> str | None:
    """``key`` without its leading article, if it has one and three letters remain."""
    stripped = ARTICLE_RE.sub("", key, count=1)
    return stripped if stripped != key and len(stripped) >= 3 else None


def query_variants(key: str) -> list[tuple[str, str | None]]:
    """(key, kind it asks for) pairs to try in order: the name as written, then without its kind word."""
    variants: list[tuple[str, str | None]] = [(key, None)]
    for pattern, kind in _KIND_WORDS:
        match = pattern.match(key)
        if match:
            variants.append((match.group(1), kind))
    return variants
