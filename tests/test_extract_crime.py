"""Ordinary crime or political violence (``pipeline/extract/crime.py``): one person's violence on ordinary
people, in an article with nothing political or armed in it, is a private crime the guide leaves out; the
same deed in an article about terrorism or communal strife, on a mayor, or by gunmen stays an event.

Sentences and articles are our own, made up for these cases.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.mentions import ArticleContext, SentenceInput, extract

pytestmark = pytest.mark.slow  # parses with spaCy

PUBLISHED = dt.datetime(2017, 2, 8)


def _read(*sentences: str) -> tuple[list, list]:
    inputs = [SentenceInput("doc", i, 0, len(text), text) for i, text in enumerate(sentences)]
    body = " ".join(sentences)
    return extract([ArticleContext("doc", PUBLISHED, body=body)], inputs)


@pytest.mark.parametrize(
    "sentence",
    [
        "A man stabbed his neighbour to death in a flat in Tarvel on Tuesday, police said.",
        "The suspect, 34, shot his brother-in-law outside a bar in Tarvel on Sunday.",
        "Greta Holm shot her husband at their farm near Tarvel on Sunday, police said.",
    ],
)
def test_one_persons_violence_in_an_article_with_nothing_political_is_a_crime(sentence: str) -> None:
    mentions, candidates = _read(sentence, "Detectives are still questioning witnesses.")
    assert mentions == []
    assert "crime" in {c.reason for c in candidates if c.sentence_index == 0}


@pytest.mark.parametrize(
    "context",
    [
        "Investigators said the attacker had been radicalised and treat it as terrorism.",
        "The killing followed weeks of communal clashes between two villages.",
        "Hundreds of protesters gathered outside the flat the next day.",
    ],
)
def test_the_same_deed_in_an_article_about_political_violence_is_an_event(context: str) -> None:
    _, candidates = _read("A man stabbed his neighbour to death in a flat in Tarvel on Tuesday.", context)
    assert {c.decision for c in candidates if c.sentence_index == 0} == {"event"}


@pytest.mark.parametrize(
    "sentence",
    [
        "A man stabbed the mayor of Tarvel outside the town hall on Tuesday.",  # a political role
        "Gunmen shot dead a shopkeeper in Tarvel on Sunday.",  # an armed actor
        "A crowd torched the house of a man accused of theft in Tarvel on Sunday.",  # a crowd: a riot
        "A shopkeeper was shot dead in Tarvel on Sunday.",  # no doer named: left to the other rules
    ],
)
def test_a_political_role_an_armed_doer_a_crowd_or_no_doer_named_is_no_private_crime(sentence: str) -> None:
    mentions, candidates = _read(sentence, "Detectives are still questioning witnesses.")
    assert mentions, sentence
    assert "crime" not in {c.reason for c in candidates}
