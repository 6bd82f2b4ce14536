"""What the report shows, read from the warehouse's marts and views (SQL: warehouse/queries/report.sql)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from pipeline.queries import query, query_rows
from pipeline.vocabulary import EVENT_TYPES

TOP_DYADS = 10
TOP_OUTLETS = 12


@dataclass
class ReportData:
    weeks: list[dt.date] = field(default_factory=list)
    events_by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> events per week
    fatalities: list[int] = field(default_factory=list)  # per week, lowest credible
    fatalities_extra: list[int] = field(default_factory=list)  # per week, highest reported minus lowest
    dyads: list[tuple[str, str, int, int]] = field(default_factory=list)  # actor1, actor2, events, fatalities
    coverage: list[tuple[str, int, int]] = field(default_factory=list)  # outlet, events, exclusive events
    events: list[dict] = field(default_factory=list)  # every event, with its sentences

    @property
    def mapped(self) -> list[dict]:
        return [e for e in self.events if e["latitude"] is not None and e["longitude"] is not None]


def read_report_data(con: duckdb.DuckDBPyConnection) -> ReportData:
    data = ReportData()
    weekly = con.execute(query("report.events_per_week_by_type")).fetchall()
    data.weeks = sorted({row[0] for row in weekly})
    at = {week: i for i, week in enumerate(data.weeks)}
    types = list(EVENT_TYPES) + sorted({row[1] for row in weekly} - set(EVENT_TYPES))
    data.events_by_type = {t: [0] * len(data.weeks) for t in types}
    data.fatalities = [0] * len(data.weeks)
    data.fatalities_extra = [0] * len(data.weeks)
    for week, event_type, events, fatalities, fatalities_max in weekly:
        data.events_by_type[event_type][at[week]] += events
        data.fatalities[at[week]] += fatalities
        data.fatalities_extra[at[week]] += max(0, fatalities_max - fatalities)
    data.dyads = con.execute(query("report.top_dyads"), [TOP_DYADS]).fetchall()
    data.coverage = con.execute(query("report.top_outlets"), [TOP_OUTLETS]).fetchall()
    data.events = query_rows(con, query("report.events_with_sentences"))
    return data
