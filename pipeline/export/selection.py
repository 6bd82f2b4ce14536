"""Which events an export holds: the filters every format shares (warehouse/queries/export.sql)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb

from pipeline.export.geography import country_code
from pipeline.queries import query


@dataclass(frozen=True)
class ExportFilter:
    """Events dated from ``since`` to ``until`` (inclusive; undated events are left out when either is
    given), in ``country`` (ISO alpha-2 or alpha-3 code, or an English name)."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None

    @property
    def params(self) -> dict:
        """The named parameters of the ``export.*`` statements."""
        return {"since": self.since, "until": self.until, "country": self.iso2}

    @property
    def everything(self) -> bool:
        return self.since is None and self.until is None and not self.country

    @property
    def iso2(self) -> str | None:
        if not self.country:
            return None
        code = country_code(self.country)
        if code is None:
            raise ValueError(f"unknown country '{self.country}' (give an ISO code or an English name)")
        return code

    def keeps(self, event_date: dt.date | None, country: str | None) -> bool:
        """The same test in Python, for events that no longer exist (deletions)."""
        if (self.since or self.until) and event_date is None:
            return False
        if self.since and event_date < self.since:
            return False
        if self.until and event_date > self.until:
            return False
        return not self.country or country == self.iso2


def has_history(con: duckdb.DuckDBPyConnection) -> bool:
    """Warehouses written before the history existed have no ``core.event_changes`` until their next run."""
    return bool(con.execute(query("export.has_history")).fetchone()[0])


@contextmanager
def selected_events(con: duckdb.DuckDBPyConnection, filters: ExportFilter) -> Iterator[None]:
    """The events the filters select, in the temporary table ``_export_events`` the export statements read."""
    con.execute(query("export.select_events"), filters.params)
    try:
        yield
    finally:
        con.execute(query("export.drop_selection"))
        con.execute(query("export.drop_history_summary"))


def events(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """The selected events with their outlets, first URL and when the history first and last saw them."""
    con.execute(query("export.history_summary" if has_history(con) else "export.no_history_summary"))
    return con.execute(query("export.events")).pl().to_dicts()
