"""Where things live. Every entry point (CLI, ``dagster dev``, tests) reads the same variables."""

from __future__ import annotations

import fcntl
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from pipeline.extract.lexicon_loader import vocabulary_hash

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = PROJECT_ROOT / "samples" / "landing"

# Bump when the extractor's code changes behaviour. Stored on every mention for lineage, with a digest of the
# vocabulary data files (pipeline/extract/data/), so a rebuild tells which vocabulary coded each mention.
# 0.4.0: detection refuses unanchored, thin, modifier and weapons-test readings; 0.4.1: geo_evidence;
# 0.4.2: sub-type boundaries by ACLED's definitions, associated actors and inter codes;
# 0.5.0: running tallies and non-political arrests refused, wire datelines, the country a text names for a
# place, names that stand for no place, dateline only for the lead; 0.6.0: the learned event filter;
# 0.6.1: outlet and party votes for the country, spellings keep first and last sounds, the accused and the
# said-to-have-done are doers, a time of day yields to the day, bracketed counts, "set on fire";
# 0.6.2: where someone is based is no place, sites placed by their town, a country's name is the country,
# large cities abroad, missile tests by the doer, blasts explained as accidents, "after the attack" refers
# back, a party's armed supporters are its militia, one mention per joined place; 0.6.3: a withdrawal told
# with fighting at its place is the battle's territorial outcome; 0.6.4: civilians are never the doers of
# violence against civilians; 0.6.5: "last October", court cases, campaigns and trends over a period, a
# ceasefire named as a time, habits and prospects, natural hazards, a borrowed place anchors only counted
# victims, a raid that only detains is the arrests, names of persons and outlets and adjectives are no
# places, a town of a country the sentence names, a claim that tells where or when reports the deed and
# its claimant did it, whom a report blames is the doer ("blamed the attack on X" alone refers back);
# 0.6.6: a police search is no event, nor an agreement talks are about, nor an ordered arrest; a city of a
# million is its own name's place, a nickname does not hide a last name, "over a week ago", an armed
# group's attack on a town its holders then leave is a battle; 0.6.7: a hyphen standing for a lost space is
# a space, a town named before is no more precise than a country, "that March" tells a past story, people
# named by what they do are no occurrence, only an arrest is no order's deed, a possessive town places a
# long site name; 0.6.8: only a club's, a force's or an office's people are from elsewhere ("Kano residents"
# are in Kano), a time counted from the story's attack dates its event, "a protest walk"; 0.6.9: a place
# and the dead inside "since 2014, when fighters stormed X, killing 40" are that older event's;
# 0.6.10: a drill's violence is rehearsed (reason `exercise`), an undated event "in recent months" is no one
# occurrence; 0.6.11: "the Paris suburb of Aulnay-sous-Bois" is in Aulnay-sous-Bois; 0.6.12: what an
# "after"/"because" clause tells happened, "went on to kill" did, a bare verb joined to a plan is planned,
# "December 19, last year" and "last week's" are dates, a verdict's deed is a legal case, a toll of 5,000+
# is a war's, plural events "across the country" undated are a series, a word inside a name is no event,
# civilians' and crowds' "bombardment" without a weapon is a figure, a share of a population on no day is a
# finding, what an anniversary is of is history, an undated sentence outside the lead is told at the time the
# story last named, three proper names in a row are a person's, "in Turkish" is no town; 0.6.13: what data
# or a study show on no day is a finding, "there were protests in A, B, C and D" asserts one per town (a list
# of towns is no chain of containers), an event joined after the trigger keeps the places named after it;
# 0.6.14: the subject of "is set/scheduled/due to ..." is a prospect
# 0.6.15: violence by one person in an article with nothing political or armed in it is a private crime
# (crime.py); an event named as an entry of a list, database or ranking is listed, not reported
# 0.6.16: a date that names another noun of the sentence ("a February 2 arrest") is that noun's day, not the
# trigger's; "shooting", "stabbing", "assassination", "beheading", "lynching" and "looting" are event nouns
# 0.6.17: a name after a title ("Rep. Ann Taylor", "Gen. J. Okello") is a person's in every sentence, parsed
# or not: no place
# 0.6.18: a place joined by a hyphen to "backed", "led", "based", "bound", ... ("Russia-backed rebels") is who
# backs or leads a side, not where its event happened
# 0.6.19: nor is the actor's country the one that backs, arms or hosts it ("Russia-backed rebels"); one that
# leads it is ("Saudi-led jets")
# 0.6.20: the armed group a report suspects ("with X rebels believed to be involved", "police suspect X was
# behind it") is the doer of violence it attributes to no one (suspects.py)
# 0.6.21: "sustained" and "continued" strikes are a campaign (series_words), not one occurrence
# 0.6.29: a past verb of occurrence asserts plural events; "held over" is custody only of people; "the 18th"
# 0.6.30: date_evidence (whether the text told the date); 0.6.31: a passive's agent crowd demonstrates
EXTRACTOR_CODE_VERSION = "0.6.39"
EXTRACTOR_VERSION = f"{EXTRACTOR_CODE_VERSION}+vocab.{vocabulary_hash()}"


def landing_dir() -> Path:
    """The folder users drop articles into (``EVENTS_LANDING_DIR``, default: the bundled samples)."""
    return Path(os.environ.get("EVENTS_LANDING_DIR", SAMPLES_DIR)).expanduser().resolve()


def warehouse_path() -> Path:
    """The DuckDB file (``EVENTS_WAREHOUSE``, default: ``warehouse/events.duckdb``)."""
    default = PROJECT_ROOT / "warehouse" / "events.duckdb"
    return Path(os.environ.get("EVENTS_WAREHOUSE", default)).expanduser().resolve()


# Where Dagster keeps runs, events and schedules. By default an embedded SQLite home; with DAGSTER_PG_URL set,
# Postgres (deploy/dagster-postgres.yaml), and with PIPELINE_CELERY_BROKER as well, Postgres plus runs
# executed by Celery workers (deploy/dagster-celery.yaml). See docs/deploy.md.
DEPLOY_DIR = PROJECT_ROOT / "deploy"


def dagster_mode() -> str:
    """``sqlite`` (one machine), ``postgres`` or ``celery`` (runs go to workers), from the environment."""
    if os.environ.get("PIPELINE_CELERY_BROKER"):
        if not os.environ.get("DAGSTER_PG_URL"):
            raise RuntimeError("PIPELINE_CELERY_BROKER needs DAGSTER_PG_URL: workers share Postgres storage")
        return "celery"
    return "postgres" if os.environ.get("DAGSTER_PG_URL") else "sqlite"


def dagster_yaml() -> Path:
    """The instance configuration a new ``DAGSTER_HOME`` starts with, for the mode the environment selects."""
    mode = dagster_mode()
    if mode == "sqlite":
        return PROJECT_ROOT / ".dagster_home" / "dagster.yaml"
    return DEPLOY_DIR / f"dagster-{mode}.yaml"


def dagster_home() -> Path:
    """``DAGSTER_HOME``, else ``.dagster_home/`` (SQLite) or ``.dagster_home/<mode>/``: a home is made for one
    storage, so the modes never share one."""
    if os.environ.get("DAGSTER_HOME"):
        return Path(os.environ["DAGSTER_HOME"])
    mode = dagster_mode()
    base = PROJECT_ROOT / ".dagster_home"
    return base if mode == "sqlite" else base / mode


@contextmanager
def prepared_dagster_home():
    """Set ``DAGSTER_HOME`` (see ``dagster_home``), give it the mode's ``dagster.yaml`` if it has none, and
    hold its ``.storage.lock`` for the block: runs started at once on a new home would otherwise race to
    create the same storage tables."""
    home = dagster_home()
    os.environ["DAGSTER_HOME"] = str(home)
    url = os.environ.get("DAGSTER_PG_URL", "")
    if url.startswith(("postgresql://", "postgres://")):
        # SQLAlchemy 2.1 reads a bare postgresql:// as psycopg 3; dagster-postgres installs psycopg2.
        os.environ["DAGSTER_PG_URL"] = "postgresql+psycopg2://" + url.split("://", 1)[1]
    home.mkdir(parents=True, exist_ok=True)
    with (home / ".storage.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        source = dagster_yaml()
        if not (home / "dagster.yaml").exists() and source.exists():
            shutil.copyfile(source, home / "dagster.yaml")
        yield home
