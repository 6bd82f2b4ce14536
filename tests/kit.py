"""Small helpers the test modules share: write a JSON Lines landing file, read rows of a warehouse file, read
the mentions of one invented article."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb


def write_jsonl(path: Path, records: list[dict]) -> None:
    """One JSON record per line, as feeds land."""
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")


def rows(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of one query on a read-only connection that is closed again (a writer needs the file next)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def article_mentions(*sentences: str, dateline_place: str | None = None, outlet: str | None = None) -> list:
    """The mentions the extractor reads in one invented article of these sentences, published 2024-03-12
    (a Tuesday)."""
    from pipeline.extract.mentions import (
        extract_mentions,  # spaCy and the gazetteer: only tests that read text
    )
    from pipeline.extract.model import ArticleContext, SentenceInput

    ctx = ArticleContext(
        "art-1",
        dt.datetime(2024, 3, 12),
        dateline_place=dateline_place,
        body=" ".join(sentences),
        outlet=outlet,
    )
    inputs = [SentenceInput("art-1", i, 0, len(s), s) for i, s in enumerate(sentences)]
    return extract_mentions([ctx], inputs)
