"""Gold files: how each kind is read, and several ``events`` gold files pooled into one."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


def read_gold(kind: str, path: Path) -> Any:
    """The gold file of a kind: JSON for events and dedup, JSON Lines (one row per report) for reports."""
    text = path.read_text(encoding="utf-8")
    if kind == "reports":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text)


def read_golds(kind: str, paths: Sequence[Path]) -> Any:
    """One gold file as ``read_gold`` reads it; several ``events`` files as one (``pooled_events_gold``,
    each under its file's stem): two hundred articles never read estimate unseen news more closely than
    either hundred alone."""
    if len(paths) == 1:
        return read_gold(kind, paths[0])
    if kind != "events":
        raise ValueError(f"only events gold files can be pooled, not {kind} gold")
    return pooled_events_gold([(path.stem, read_gold(kind, path)) for path in paths])


def pooled_events_gold(golds: Sequence[tuple[str, Mapping]]) -> dict:
    """Several events gold files, (name, gold) each, as one gold of all their documents. Each file's places,
    actors and events keep their own names under the file's (``news_gold_check/Baghdad``), so that two files
    may name different places alike. A document labelled in two files is an error: its events would be
    counted twice, and the two labellings may disagree."""
    pooled: dict[str, Any] = {"documents": {}, "places": {}, "actors": {}, "events": [], "negatives": []}
    for name, gold in golds:
        for key, document in gold["documents"].items():
            if key in pooled["documents"]:
                raise ValueError(f"document {key!r} is labelled in two gold files (the second: {name})")
            pooled["documents"][key] = document
        pooled["places"].update({f"{name}/{key}": place for key, place in gold["places"].items()})
        pooled["actors"].update({f"{name}/{key}": names for key, names in gold.get("actors", {}).items()})
        for event in gold["events"]:
            renamed = dict(event, id=f"{name}/{event['id']}", place=f"{name}/{event['place']}")
            for role in ("actor1", "actor2"):
                if event.get(role) is not None:
                    renamed[role] = f"{name}/{event[role]}"
            pooled["events"].append(renamed)
        pooled["negatives"] += [dict(n, place=f"{name}/{n['place']}") for n in gold.get("negatives", [])]
    return pooled
