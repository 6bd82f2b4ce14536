"""The extractor's vocabulary, read once from the data files in ``pipeline/extract/data/``.

Every word the rules reason with (triggers and their families, the word sets the rules test, modality cues,
armed groups, parties, generic actors, demonyms, country aliases, region abbreviations, place kind-words) is
a row of a CSV file an ACLED coder can review without reading Python. This module reads them into one frozen
``Lexicon`` and validates them as it goes: a malformed row, an unknown family, sub-type or category, a word
listed twice, or an alias claimed by two actors is a ``LexiconError`` at load time naming the file and line.
The modules that apply the rules (``lexicon``, ``actors``, ``classify``, ``modality``, ``numbers``,
``places``) build their word lists from ``lexicon()``; none keeps words of its own.

File format: UTF-8 CSV, one record per line (no line breaks inside a field); lines starting with ``#`` are
comments and blank lines are skipped; the first other line is the header, which must name exactly the columns
this module expects. Lists inside a field are ``|``-separated; flags are ``yes`` or empty.

``vocabulary_hash()`` digests the bytes of every data file: it is part of ``EXTRACTOR_VERSION``, so each
mention records which vocabulary coded it.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

from pipeline.vocabulary import SUB_EVENT_TYPES

DATA_DIR = Path(__file__).resolve().parent / "data"

# Who an actor is, as the rules and classify.py reason about it (see lexicon.ARMED_CATEGORIES).
ACTOR_CATEGORIES = frozenset({
    "state", "police", "pro_gov", "rebel", "militia", "unidentified", "civilians", "protesters", "rioters",
    "government",
})  # fmt: skip
# A named armed group is one of these: the other categories are generic (crowds, unidentified gunmen).
GROUP_CATEGORIES = frozenset({"state", "police", "pro_gov", "rebel", "militia"})
# The order in which a place's kind-words are tried (names._KIND_WORDS), and the district table's suffixes.
TRIGGER_FORM_KINDS = ("irregular", "sense")
# member: a crowd noun naming a social group ("students"); identity: a faith or caste ("Muslim");
# organisation: the last word of an organisation's name ("... Teachers Union"), the associated actor's name.
ASSOCIATION_KINDS = ("member", "identity", "organisation")
PLACE_KIND_ROLES = ("admin1_suffix", "admin1_prefix", "city_suffix", "place_suffix", "district_suffix")

_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_SET_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_FORM = re.compile(r"^[a-z]+$")  # spliced into the prefilter regex as written
_KIND_WORD = re.compile(r"^[a-z]+(?: [a-z]+)*$")  # spliced into the place regexes as written


class LexiconError(ValueError):
    """A vocabulary data file that cannot be loaded; the message starts with ``file:line``."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        where = f"{path.name}:{line}" if line else path.name
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


@dataclass(frozen=True)
class Trigger:
    lemma: str
    family: str
    weak: bool  # reports an event only with a violent object or context
    note: str


@dataclass(frozen=True)
class ArmedGroup:
    name: str
    category: str
    country: str | None
    theatres: tuple[str, ...]
    aliases: tuple[str, ...]
    insurgents_of: tuple[str, ...]
    why: str
    line: int = field(default=0, compare=False)  # where armed_groups.csv defines it


@dataclass(frozen=True)
class Party:
    name: str
    country: str
    aliases: tuple[str, ...]
    why: str
    line: int = field(default=0, compare=False)  # where parties.csv defines it


@dataclass(frozen=True)
class Association:
    """A word that says which group a crowd or actor belongs to (ACLED's associated actor)."""

    word: str  # lower case: a lemma (member, identity) or the last word of an organisation's name
    kind: str  # one of ASSOCIATION_KINDS
    label: str  # the associated actor's name (member, identity: the country is added in brackets)
    why: str


@dataclass(frozen=True)
class Lexicon:
    """Every word list of the extractor, validated; read-only."""

    triggers: tuple[Trigger, ...]
    trigger_forms: Mapping[str, tuple[str, ...]]  # kind -> forms the prefilter lets through, in order
    families: Mapping[str, bool]  # family -> violent
    background_sub_types: frozenset[str]
    word_sets: Mapping[str, tuple[str, ...]]  # in file order
    modality_cues: Mapping[str, tuple[str, ...]]
    armed_groups: tuple[ArmedGroup, ...]
    parties: tuple[Party, ...]
    generic_actors: Mapping[str, str]  # lemma -> category
    associations: tuple[Association, ...]  # who a crowd belongs to (associations.csv), in file order
    demonyms: tuple[tuple[str, str], ...]  # (word, country), ordered: the first word found wins
    country_aliases: tuple[tuple[str, str], ...]  # (country, alias), in file order
    region_abbreviations: Mapping[str, Mapping[str, str]]  # country -> abbreviation -> region
    place_kind_words: Mapping[str, tuple[str, ...]]  # role -> words, in file order
    outlets: Mapping[str, str]  # an outlet's name or alias (lower case) -> its country (outlets.csv)
    version: str  # vocabulary_hash() of the files read
    data_dir: Path = field(default=DATA_DIR, compare=False)

    def words(self, name: str) -> frozenset[str]:
        """A set of word_sets.csv (an unknown name is an error)."""
        return frozenset(self.word_list(name))

    def word_list(self, name: str) -> tuple[str, ...]:
        """A set of word_sets.csv in file order."""
        if name not in self.word_sets:
            raise LexiconError(self.data_dir / "word_sets.csv", None, f"no word set {name!r}")
        return self.word_sets[name]

    def cues(self, name: str) -> frozenset[str]:
        """A set of modality_cues.csv (an unknown name is an error)."""
        if name not in self.modality_cues:
            raise LexiconError(self.data_dir / "modality_cues.csv", None, f"no cue set {name!r}")
        return frozenset(self.modality_cues[name])


@cache
def lexicon() -> Lexicon:
    """The vocabulary in ``pipeline/extract/data/``, read and validated once per process."""
    return load_lexicon(DATA_DIR)


def vocabulary_hash(data_dir: Path = DATA_DIR) -> str:
    """A short digest of every data file's name and bytes: changes whenever the vocabulary does."""
    digest = hashlib.sha256()
    for path in sorted([*data_dir.glob("*.csv"), *data_dir.glob("*.json")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def load_lexicon(data_dir: Path) -> Lexicon:
    """Read and validate every vocabulary file in ``data_dir`` (raises ``LexiconError``)."""
    families = _families(data_dir / "trigger_families.csv")
    armed_groups = _armed_groups(data_dir / "armed_groups.csv")
    parties = _parties(data_dir / "parties.csv")
    _check_aliases(data_dir, armed_groups, parties)
    return Lexicon(
        triggers=_triggers(data_dir / "triggers.csv", families),
        trigger_forms=_trigger_forms(data_dir / "trigger_forms.csv"),
        families=MappingProxyType(families),
        background_sub_types=_background_sub_types(data_dir / "background_sub_types.csv"),
        word_sets=_merged_sets(data_dir / "word_sets.csv", data_dir / "subtype_words.csv"),
        modality_cues=_sets(data_dir / "modality_cues.csv"),
        armed_groups=armed_groups,
        parties=parties,
        generic_actors=_generic_actors(data_dir / "generic_actors.csv"),
        associations=_associations(data_dir / "associations.csv"),
        demonyms=_demonyms(data_dir / "demonyms.csv"),
        country_aliases=_country_aliases(data_dir / "country_aliases.csv"),
        region_abbreviations=_region_abbreviations(data_dir / "region_abbreviations.csv"),
        place_kind_words=_place_kind_words(data_dir / "place_kind_words.csv"),
        outlets=_outlets(data_dir / "outlets.csv"),
        version=vocabulary_hash(data_dir),
        data_dir=data_dir,
    )


# --- reading rows -----------------------------------------------------------------------------------------


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for every record of a data file, fields stripped of surrounding spaces."""
    if not path.is_file():
        raise LexiconError(path, None, "missing data file")
    header_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            fields = next(csv.reader([line], strict=True))
        except csv.Error as err:
            raise LexiconError(path, number, f"malformed row ({err})") from None
        fields = [f.strip() for f in fields]
        if not header_seen:
            if tuple(fields) != columns:
                raise LexiconError(path, number, f"header must be {','.join(columns)}, found {line!r}")
            header_seen = True
            continue
        if len(fields) != len(columns):
            raise LexiconError(
                path,
                number,
                f"malformed row: {len(columns)} fields expected ({','.join(columns)}), found {len(fields)}",
            )
        yield number, dict(zip(columns, fields, strict=True))
    if not header_seen:
        raise LexiconError(path, None, f"no header row ({','.join(columns)})")


def _required(path: Path, number: int, row: dict[str, str], column: str) -> str:
    if not row[column]:
        raise LexiconError(path, number, f"malformed row: {column} is empty")
    return row[column]


def _word(path: Path, number: int, row: dict[str, str], column: str) -> str:
    """A lower-case word or phrase."""
    value = _required(path, number, row, column)
    if value != value.lower() or "  " in value:
        raise LexiconError(
            path, number, f"malformed row: {column} {value!r} must be lower case, single-spaced"
        )
    return value


def _flag(path: Path, number: int, row: dict[str, str], column: str) -> bool:
    if row[column] not in ("", "yes"):
        raise LexiconError(
            path, number, f"malformed row: {column} must be 'yes' or empty, found {row[column]!r}"
        )
    return row[column] == "yes"


def _country(path: Path, number: int, value: str) -> str:
    if not _COUNTRY_CODE.match(value):
        raise LexiconError(path, number, f"malformed row: {value!r} is not an ISO 3166 alpha-2 country code")
    return value


def _list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|")) if value else ()


def _first_claim(claims: dict[str, int], path: Path, number: int, key: str, what: str) -> None:
    """Record that ``key`` is defined on line ``number``; a second definition is an error."""
    if key in claims:
        raise LexiconError(path, number, f"{what} {key!r} is listed twice (first on line {claims[key]})")
    claims[key] = number


# --- one reader per file ----------------------------------------------------------------------------------


def _families(path: Path) -> dict[str, bool]:
    families: dict[str, bool] = {}
    seen: dict[str, int] = {}
    for number, row in _rows(path, ("family", "violent", "meaning")):
        family = _word(path, number, row, "family")
        _first_claim(seen, path, number, family, "family")
        _required(path, number, row, "meaning")
        families[family] = _flag(path, number, row, "violent")
    return families


def _triggers(path: Path, families: dict[str, bool]) -> tuple[Trigger, ...]:
    triggers = []
    seen: dict[str, int] = {}
    for number, row in _rows(path, ("lemma", "family", "weak", "note")):
        lemma = _word(path, number, row, "lemma")
        _first_claim(seen, path, number, lemma, "trigger")
        family = _required(path, number, row, "family")
        if family not in families:
            raise LexiconError(
                path, number, f"unknown family {family!r} (trigger_families.csv has {', '.join(families)})"
            )
        triggers.append(Trigger(lemma, family, _flag(path, number, row, "weak"), row["note"]))
    return tuple(triggers)


def _trigger_forms(path: Path) -> Mapping[str, tuple[str, ...]]:
    kinds: dict[str, list[str]] = {kind: [] for kind in TRIGGER_FORM_KINDS}
    seen: dict[str, int] = {}
    for number, row in _rows(path, ("form", "kind", "note")):
        form = _required(path, number, row, "form")
        if not _FORM.match(form):
            raise LexiconError(path, number, f"malformed row: form {form!r} (lower-case letters only)")
        kind = _required(path, number, row, "kind")
        if kind not in kinds:
            raise LexiconError(path, number, f"unknown kind {kind!r} ({', '.join(TRIGGER_FORM_KINDS)})")
        _first_claim(seen, path, number, form, "form")
        kinds[kind].append(form)
    return MappingProxyType({kind: tuple(forms) for kind, forms in kinds.items()})


def _background_sub_types(path: Path) -> frozenset[str]:
    found: dict[str, int] = {}
    for number, row in _rows(path, ("sub_event_type", "why")):
        sub_type = _required(path, number, row, "sub_event_type")
        if sub_type not in SUB_EVENT_TYPES:
            raise LexiconError(path, number, f"unknown sub-type {sub_type!r} (see pipeline/vocabulary.py)")
        _first_claim(found, path, number, sub_type, "sub-type")
        _required(path, number, row, "why")
    return frozenset(found)


def _sets(path: Path) -> Mapping[str, tuple[str, ...]]:
    """``set,word`` rows grouped by set, in file order; a set's rows must be together."""
    sets: dict[str, list[str]] = {}
    seen: dict[tuple[str, str], int] = {}
    previous = None
    for number, row in _rows(path, ("set", "word")):
        name = _required(path, number, row, "set")
        if not _SET_NAME.match(name):
            raise LexiconError(path, number, f"malformed row: set name {name!r} (lower case, digits, '_')")
        if name in sets and name != previous:
            raise LexiconError(
                path, number, f"set {name!r} continues here after other sets: keep its rows together"
            )
        word = _word(path, number, row, "word")
        if (name, word) in seen:
            raise LexiconError(
                path, number, f"{word!r} is listed twice in set {name!r} (first on line {seen[name, word]})"
            )
        seen[name, word] = number
        sets.setdefault(name, []).append(word)
        previous = name
    return MappingProxyType({name: tuple(words) for name, words in sets.items()})


def _merged_sets(*paths: Path) -> Mapping[str, tuple[str, ...]]:
    """The sets of several ``set,word`` files as one mapping; a set is defined in one file only."""
    merged: dict[str, tuple[str, ...]] = {}
    defined_in: dict[str, Path] = {}
    for path in paths:
        for name, words in _sets(path).items():
            if name in merged:
                raise LexiconError(path, None, f"set {name!r} is already defined in {defined_in[name].name}")
            merged[name] = words
            defined_in[name] = path
    return MappingProxyType(merged)


def _armed_groups(path: Path) -> tuple[ArmedGroup, ...]:
    groups = []
    names: dict[str, int] = {}
    insurgencies: dict[str, int] = {}
    columns = ("name", "category", "country", "theatres", "aliases", "insurgents_of", "why")
    for number, row in _rows(path, columns):
        name = _required(path, number, row, "name")
        _first_claim(names, path, number, name, "armed group")
        category = _required(path, number, row, "category")
        if category not in GROUP_CATEGORIES:
            raise LexiconError(
                path,
                number,
                f"unknown category {category!r} for an armed group ({', '.join(sorted(GROUP_CATEGORIES))})",
            )
        country = _country(path, number, row["country"]) if row["country"] else None
        theatres = tuple(_country(path, number, c) for c in _list(row["theatres"]))
        insurgents_of = tuple(_country(path, number, c) for c in _list(row["insurgents_of"]))
        for code in insurgents_of:
            _first_claim(insurgencies, path, number, code, "insurgents_of country")
        aliases = _aliases(path, number, row)
        _required(path, number, row, "why")
        groups.append(
            ArmedGroup(name, category, country, theatres, aliases, insurgents_of, row["why"], number)
        )
    return tuple(groups)


def _parties(path: Path) -> tuple[Party, ...]:
    parties = []
    names: dict[str, int] = {}
    for number, row in _rows(path, ("name", "country", "aliases", "why")):
        name = _required(path, number, row, "name")
        _first_claim(names, path, number, name, "party")
        country = _country(path, number, _required(path, number, row, "country"))
        _required(path, number, row, "why")
        parties.append(Party(name, country, _aliases(path, number, row), row["why"], number))
    return tuple(parties)


def _aliases(path: Path, number: int, row: dict[str, str]) -> tuple[str, ...]:
    aliases = _list(_word(path, number, row, "aliases"))
    if any(not alias for alias in aliases):
        raise LexiconError(path, number, "malformed row: an empty alias (check the '|' separators)")
    if len(set(aliases)) != len(aliases):
        raise LexiconError(path, number, "malformed row: an alias repeated within the row")
    return aliases


def _check_aliases(data_dir: Path, groups: tuple[ArmedGroup, ...], parties: tuple[Party, ...]) -> None:
    """An alias names one actor: armed groups and parties are looked up in the same phrases."""
    owners: dict[str, tuple[str, str]] = {}
    for file, actors in (("armed_groups.csv", groups), ("parties.csv", parties)):
        for actor in actors:
            for alias in actor.aliases:
                if alias in owners:
                    owner, owner_file = owners[alias]
                    raise LexiconError(
                        data_dir / file,
                        actor.line,
                        f"alias {alias!r} of {actor.name!r} is already claimed by "
                        f"{owner!r} ({owner_file}): an alias belongs to one row",
                    )
                owners[alias] = (actor.name, file)


def _generic_actors(path: Path) -> Mapping[str, str]:
    actors: dict[str, str] = {}
    seen: dict[str, int] = {}
    for number, row in _rows(path, ("word", "category")):
        word = _word(path, number, row, "word")
        _first_claim(seen, path, number, word, "word")
        category = _required(path, number, row, "category")
        if category not in ACTOR_CATEGORIES:
            raise LexiconError(
                path, number, f"unknown category {category!r} ({', '.join(sorted(ACTOR_CATEGORIES))})"
            )
        actors[word] = category
    return MappingProxyType(actors)


def _associations(path: Path) -> tuple[Association, ...]:
    rows = []
    seen: dict[str, int] = {}
    for number, row in _rows(path, ("word", "kind", "label", "why")):
        word = _word(path, number, row, "word")
        kind = _required(path, number, row, "kind")
        if kind not in ASSOCIATION_KINDS:
            raise LexiconError(path, number, f"unknown kind {kind!r} ({', '.join(ASSOCIATION_KINDS)})")
        _first_claim(seen, path, number, word, "word")
        label = _required(path, number, row, "label")
        rows.append(Association(word, kind, label, _required(path, number, row, "why")))
    return tuple(rows)


def _demonyms(path: Path) -> tuple[tuple[str, str], ...]:
    rows = []
    seen: dict[str, int] = {}
    for number, row in _rows(path, ("word", "country")):
        word = _word(path, number, row, "word")
        _first_claim(seen, path, number, word, "demonym")
        rows.append((word, _country(path, number, _required(path, number, row, "country"))))
    return tuple(rows)


def _country_aliases(path: Path) -> tuple[tuple[str, str], ...]:
    rows = []
    seen: dict[str, int] = {}
    for number, row in _rows(path, ("country", "alias")):
        code = _country(path, number, _required(path, number, row, "country"))
        alias = _required(path, number, row, "alias")
        _first_claim(seen, path, number, alias, "country alias")
        rows.append((code, alias))
    return tuple(rows)


def _outlets(path: Path) -> Mapping[str, str]:
    table: dict[str, str] = {}
    seen: dict[str, int] = {}
    for number, row in _rows(path, ("name", "country", "aliases", "why")):
        code = _country(path, number, _required(path, number, row, "country"))
        _required(path, number, row, "why")
        for key in (outlet_keys(_required(path, number, row, "name"))[0], *_aliases(path, number, row)):
            _first_claim(seen, path, number, key, "outlet name")
            table[key] = code
    return MappingProxyType(table)


def outlet_keys(outlet: str) -> tuple[str, ...]:
    """An outlet field as outlets.csv may list it: lower case, without a leading "the" or "www." or a
    trailing ", 25 February 2009."; then also without its bracket ("The Times of India (TOI)" -> "times of
    india (toi)", "times of india")."""
    key = re.sub(r"^(?:the\s+|www\.)", "", " ".join(outlet.strip().lower().split()))
    key = re.sub(r",.*$", "", key).strip()
    bare = re.sub(r"\s*[(\[].*$", "", key).strip()
    return tuple(dict.fromkeys(k for k in (key, bare) if k))


def _region_abbreviations(path: Path) -> Mapping[str, Mapping[str, str]]:
    table: dict[str, dict[str, str]] = {}
    seen: dict[str, int] = {}
    for number, row in _rows(path, ("country", "abbreviation", "region")):
        code = _country(path, number, _required(path, number, row, "country"))
        abbreviation = _required(path, number, row, "abbreviation")
        _first_claim(seen, path, number, f"{code} {abbreviation}", "abbreviation")
        table.setdefault(code, {})[abbreviation] = _required(path, number, row, "region")
    return MappingProxyType({code: MappingProxyType(abbrs) for code, abbrs in table.items()})


def _place_kind_words(path: Path) -> Mapping[str, tuple[str, ...]]:
    roles: dict[str, list[str]] = {role: [] for role in PLACE_KIND_ROLES}
    seen: dict[str, int] = {}
    for number, row in _rows(path, ("role", "word")):
        role = _required(path, number, row, "role")
        if role not in roles:
            raise LexiconError(path, number, f"unknown role {role!r} ({', '.join(PLACE_KIND_ROLES)})")
        word = _required(path, number, row, "word")
        if not _KIND_WORD.match(word):
            raise LexiconError(
                path, number, f"malformed row: kind-word {word!r} (lower-case letters and spaces)"
            )
        _first_claim(seen, path, number, f"{role} {word}", "kind-word")
        roles[role].append(word)
    for role, words in roles.items():
        if not words:
            raise LexiconError(path, None, f"no words for role {role!r}")
    return MappingProxyType({role: tuple(words) for role, words in roles.items()})
