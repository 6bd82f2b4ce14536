"""Small helpers the test modules share: write a JSON Lines landing file, read rows of a warehouse file."""

from __future__ import annotations

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
