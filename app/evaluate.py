"""Evaluation runs: load an input through the real Dagster job, then score it (``python -m pipeline eval``).

The scorers themselves are plain functions over a warehouse (``pipeline.scoring``); this module is the part
that starts Dagster, which is why it lives in ``app/`` and not next to them.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg

from assets.runner import run_landing
from pipeline.scoring import KINDS, read_golds, score


@contextmanager
def loaded_warehouse(
    input_path: Path | None, warehouse: Path | None = None, instance: Any = None, only: set[str] | None = None
) -> Iterator[tuple[Path, Any]]:
    """A warehouse holding ``input_path`` (a JSONL/JSON/txt/html file, or a landing folder), loaded by the
    real Dagster job, and the run report (None when nothing was loaded).

    Without ``warehouse`` the load goes into a temporary warehouse that is deleted on exit; with one, it is
    loaded (incrementally: batches it already holds are skipped) and kept. Without ``input_path`` the
    given warehouse is scored as it is. ``instance`` defaults to an ephemeral Dagster instance: evaluation
    runs are throwaway and do not belong in the UI's run history. ``only``: load just the JSON Lines records
    with these ids (the documents of a gold file, out of a whole corpus)."""
    with tempfile.TemporaryDirectory(prefix="events-eval-") as tmp:
        if input_path is None:
            if warehouse is None or not warehouse.exists():
                raise FileNotFoundError("nothing to score: give an input to load, or an existing warehouse")
            yield warehouse, None
            return
        if not input_path.exists():
            raise FileNotFoundError(f"input not found: {input_path}")
        target = warehouse or Path(tmp) / "events.duckdb"
        landing = input_path
        if input_path.is_file():
            landing = Path(tmp) / "landing"
            landing.mkdir()
            if only is not None and input_path.suffix == ".jsonl":
                _copy_records(input_path, landing / input_path.name, only)
            else:
                # copy2 keeps the modification time, so the batch signature (and an incremental reload) is
                # stable.
                shutil.copy2(input_path, landing / input_path.name)
        if instance is None:
            with dg.DagsterInstance.ephemeral() as ephemeral:
                report = run_landing(landing, target, instance=ephemeral, verbosity="normal")
        else:
            report = run_landing(landing, target, instance=instance, verbosity="normal")
        yield target, report


def evaluate(
    kind: str,
    gold_path: Path | Sequence[Path],
    input_path: Path | None = None,
    warehouse: Path | None = None,
    style: str | None = None,
    instance: Any = None,
    gold_documents_only: bool = False,
) -> tuple[dict, Any]:
    """Load the input (see ``loaded_warehouse``) and score it: (scores, run report or None).

    ``gold_documents_only``: the input is a JSON Lines corpus of which only the gold's documents are loaded
    (the news gold labels 100 articles of a 2,000-article corpus)."""
    if kind not in KINDS:
        raise ValueError(f"unknown evaluation kind {kind!r} (expected one of {KINDS})")
    gold = read_golds(kind, [gold_path] if isinstance(gold_path, Path) else list(gold_path))
    # A whole corpus as input, of which the gold labels some documents: load just those.
    only = set(gold["documents"]) if gold_documents_only and isinstance(gold, dict) else None
    with loaded_warehouse(input_path, warehouse, instance, only) as (loaded, report):
        return score(kind, loaded, gold, style), report


def _copy_records(source: Path, target: Path, ids: set[str]) -> None:
    """The records of a JSON Lines corpus whose id is one of ``ids`` (a gold file's documents), in order.

    Lines that are not JSON objects with an id are copied too, so the landing stage still quarantines them."""
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if not isinstance(record, dict) or record.get("id") is None or str(record["id"]) in ids:
                out.write(line)
