"""The sub-event type table (``data/event_codes.csv``): ACLED disorder type, CAMEO and PLOVER codes.

Loaded and validated once: every ACLED sub-event type appears exactly once, under its event type."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.vocabulary import SUB_EVENT_TYPES

PATH = Path(__file__).parent / "data" / "event_codes.csv"


@dataclass(frozen=True)
class EventCodes:
    sub_event_type: str
    event_type: str
    disorder_type: str
    cameo_code: str
    cameo_base_code: str
    cameo_root_code: str
    quad_class: str
    plover_event_type: str
    plover_mode: str
    note: str


@cache
def event_codes() -> dict[str, EventCodes]:
    """ACLED sub-event type -> its codes."""
    with PATH.open(encoding="utf-8") as fh:
        rows = [EventCodes(**row) for row in csv.DictReader(line for line in fh if not line.startswith("#"))]
    table = {r.sub_event_type: r for r in rows}
    if len(table) != len(rows) or set(table) != set(SUB_EVENT_TYPES):
        raise ValueError(f"{PATH.name}: needs each of ACLED's sub-event types exactly once")
    wrong = [r.sub_event_type for r in rows if SUB_EVENT_TYPES[r.sub_event_type] != r.event_type]
    if wrong:
        raise ValueError(f"{PATH.name}: wrong event type for {wrong}")
    return table


def codes_for(sub_event_type: str | None) -> EventCodes | None:
    return event_codes().get(sub_event_type) if sub_event_type else None
