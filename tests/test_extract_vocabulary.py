"""The extractor's vocabulary data files and their loader: the shipped files load, and every kind of bad row
is an error at load time that names the file and the line. Needs no spaCy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.extract.lexicon_loader import DATA_DIR, LexiconError, lexicon, load_lexicon, vocabulary_hash


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the shipped data files to spoil."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def append(path: Path, line: str) -> int:
    """Append a line to a data file; returns its line number."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def replace(path: Path, old: str, new: str) -> int:
    """Replace the one line that starts with ``old``; returns its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    (number,) = [i for i, line in enumerate(lines, start=1) if line.startswith(old)]
    lines[number - 1] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


def load_error(data: Path) -> str:
    with pytest.raises(LexiconError) as err:
        load_lexicon(data)
    return str(err.value)


# --- the shipped vocabulary -------------------------------------------------------------------------------


def test_the_shipped_vocabulary_loads_and_is_read_only():
    lex = lexicon()
    assert load_lexicon(DATA_DIR) == lex
    assert {t.family for t in lex.triggers} <= set(lex.families)
    with pytest.raises(TypeError):
        lex.word_sets["territory_nouns"] = ()  # type: ignore[index]


def test_every_word_set_is_used_by_some_module():
    """A set no rule asks for is dead vocabulary (the loader refuses sets the code asks for and lacks)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in DATA_DIR.parent.rglob("*.py"))
    lex = lexicon()
    unused = [name for name in (*lex.word_sets, *lex.modality_cues) if f'"{name}"' not in source]
    assert unused == []


def test_each_alias_names_one_actor():
    """The actors that used to be listed twice are one row each (see armed_groups.csv, column why)."""
    from pipeline.extract.lexicon import GROUP_COUNTRY, NAMED_GROUPS

    assert NAMED_GROUPS["houthis"] == ("Military Forces of Yemen (2016-) Supreme Political Council", "rebel")
    assert NAMED_GROUPS["naxalites"][0] == "CPI (Maoist): Communist Party of India (Maoist)"
    assert NAMED_GROUPS["janjaweed"] == ("Janjaweed", "militia")
    assert NAMED_GROUPS["rsf"] == ("RSF: Rapid Support Forces", "rebel")
    assert NAMED_GROUPS["zanu-pf"] == ("ZANU-PF", "militia")
    assert "Houthis (Ansar Allah)" not in GROUP_COUNTRY and "Naxalites (Maoists)" not in GROUP_COUNTRY
    assert not any(alias in party.aliases for party in lexicon().parties for alias in ("zanu-pf", "zanu pf"))


def test_the_vocabulary_hash_is_part_of_the_extractor_version(data: Path):
    from pipeline.config import EXTRACTOR_VERSION

    assert EXTRACTOR_VERSION.endswith(f"+vocab.{vocabulary_hash()}")
    before = vocabulary_hash(data)
    append(data / "triggers.csv", "pummel,attack,,")
    assert vocabulary_hash(data) != before
    assert load_lexicon(data).version == vocabulary_hash(data)


def test_a_new_trigger_needs_only_a_row(data: Path):
    append(data / "triggers.csv", "pummel,attack,yes,a test row")
    lex = load_lexicon(data)
    assert [(t.family, t.weak) for t in lex.triggers if t.lemma == "pummel"] == [("attack", True)]


# --- errors at load time, with file and line -------------------------------------------------------------


def test_an_unknown_family_is_an_error(data: Path):
    line = append(data / "triggers.csv", "pummel,atack,,")
    assert load_error(data).startswith(f"triggers.csv:{line}: unknown family 'atack'")


def test_an_unknown_sub_type_is_an_error(data: Path):
    line = append(data / "background_sub_types.csv", "Change to group,a typo of an ACLED sub-type")
    assert load_error(data).startswith(f"background_sub_types.csv:{line}: unknown sub-type 'Change to group'")


def test_an_alias_claimed_by_two_armed_groups_is_an_error(data: Path):
    line = append(data / "armed_groups.csv", "RSF again,rebel,SD,,rsf|rapid support,,a second claim")
    message = load_error(data)
    assert message.startswith(f"armed_groups.csv:{line}: alias 'rsf' of 'RSF again' is already claimed by")
    assert "RSF: Rapid Support Forces" in message


def test_an_alias_claimed_by_an_armed_group_and_a_party_is_an_error(data: Path):
    line = append(data / "parties.csv", "ZANU-PF: the party,ZW,zanu-pf,a second claim")
    assert load_error(data).startswith(
        f"parties.csv:{line}: alias 'zanu-pf' of 'ZANU-PF: the party' is already"
    )


@pytest.mark.parametrize(
    ("file", "row", "message"),
    [
        ("triggers.csv", "pummel,attack", "malformed row: 4 fields expected"),
        ("triggers.csv", "pummel,attack,true,", "malformed row: weak must be 'yes' or empty"),
        ("triggers.csv", "Pummel,attack,,", "malformed row: lemma 'Pummel' must be lower case"),
        ("triggers.csv", "attack,attack,,", "trigger 'attack' is listed twice (first on line"),
        ("triggers.csv", ',attack,,"unclosed', "malformed row"),
        ("armed_groups.csv", "New Front,rebel,Syria,,new front,,why", "'Syria' is not an ISO 3166 alpha-2"),
        ("armed_groups.csv", "New Front,rebels,SY,,new front,,why", "unknown category 'rebels'"),
        ("armed_groups.csv", "New Front,rebel,SY,,new front||nf,,why", "an empty alias"),
        ("armed_groups.csv", "New Front,rebel,SY,,new front,,", "malformed row: why is empty"),
        ("armed_groups.csv", "New Front,rebel,SY,,new front,TH,why", "insurgents_of country 'TH' is listed"),
        ("generic_actors.csv", "soldier,police", "word 'soldier' is listed twice"),
        ("generic_actors.csv", "goon,thugs", "unknown category 'thugs'"),
        ("demonyms.csv", "ruritanian,RUR", "'RUR' is not an ISO 3166 alpha-2"),
        ("trigger_forms.csv", "slew,irregular,", "form 'slew' is listed twice (first on line"),
        ("trigger_forms.csv", "strov,stem,", "unknown kind 'stem' (irregular, sense)"),
        ("trigger_forms.csv", "drove?,sense,", "malformed row: form 'drove?' (lower-case letters only)"),
        ("word_sets.csv", "news_words,police", "'police' is listed twice in set 'news_words'"),
        ("word_sets.csv", "territory_nouns,fiefdom", "set 'territory_nouns' continues here after other sets"),
        ("word_sets.csv", "Territory Nouns,fiefdom", "malformed row: set name 'Territory Nouns'"),
        ("modality_cues.csv", "not_yet_markers,until", "'until' is listed twice in set 'not_yet_markers'"),
        ("place_kind_words.csv", "county_suffix,shire", "unknown role 'county_suffix'"),
        ("place_kind_words.csv", "city_suffix,town(s)", "malformed row: kind-word 'town(s)'"),
        ("region_abbreviations.csv", "IN,UP,Uttarakhand", "abbreviation 'IN UP' is listed twice"),
        ("country_aliases.csv", "CD,Congo", "country alias 'Congo' is listed twice"),
        ("associations.csv", "nurse,member,Nurses,why", "word 'nurse' is listed twice"),
        ("associations.csv", "monk,clergy,Monks,why", "unknown kind 'clergy' (member, "),
        ("associations.csv", "monk,member,Monks,", "malformed row: why is empty"),
        ("subtype_words.csv", "communal_disputes,land feud", "'land feud' is listed twice in set"),
    ],
)
def test_a_malformed_row_is_an_error_naming_file_and_line(data: Path, file: str, row: str, message: str):
    line = append(data / file, row)
    error = load_error(data)
    assert error.startswith(f"{file}:{line}: "), error
    assert message in error


def test_a_wrong_header_is_an_error(data: Path):
    line = replace(data / "demonyms.csv", "word,country", "demonym,country")
    assert load_error(data).startswith(f"demonyms.csv:{line}: header must be word,country")


def test_a_missing_file_is_an_error(data: Path):
    (data / "parties.csv").unlink()
    assert load_error(data) == "parties.csv: missing data file"


def test_a_word_set_the_code_asks_for_must_exist():
    with pytest.raises(LexiconError, match="word_sets.csv: no word set 'nonexistent_nouns'"):
        lexicon().words("nonexistent_nouns")


def test_a_word_set_is_defined_in_one_file_only(data: Path):
    append(data / "subtype_words.csv", "territory_nouns,fiefdom")
    assert load_error(data) == "subtype_words.csv: set 'territory_nouns' is already defined in word_sets.csv"
