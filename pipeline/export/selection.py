"""Which events an export holds: the filters every format shares, as SQL over ``main.events``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from pipeline.export.geography import country_code


@dataclass(frozen=True)
class ExportFilter:
    """Events dated from ``since`` to ``until`` (inclusive; undated events are left out when either is
    given), in ``country`` (ISO alpha-2 or alpha-3 code, or an English name)."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None

    def where(self, alias: str = "e") -> tuple[str, list]:
        """A where-clause over an events table (aliased ``alias``) and its parameters."""
        clauses, params = ["true"], []
        if self.since is not None:
            clauses.append(f"{alias}.event_date >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append(f"{alias}.event_date <= ?")
            params.append(self.until)
        if self.country:
            clauses.append(f"{alias}.country_code = ?")
            params.append(self.iso2)
        return " and ".join(clauses), params

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
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = 'core' and table_name = 'event_changes'"
        ).fetchone()[0]
    )


def events_sql(con: duckdb.DuckDBPyConnection, filters: ExportFilter) -> tuple[str, list]:
    """The selected events with their outlets, first URL and when the history first and last saw them."""
    where, params = filters.where("e")
    history = (
        "select event_id, min(recorded_at) as first_recorded_at, max(recorded_at) as last_changed_at "
        "from core.event_changes group by event_id"
        if has_history(con)
        else "select null::varchar as event_id, null::timestamp as first_recorded_at, "
        "null::timestamp as last_changed_at where false"
    )
    sql = f"""
        select e.*, s.outlets, s.first_url, h.first_recorded_at, h.last_changed_at
        from main.events e
        left join (
            select event_id,
                   list_sort(list_distinct(list(coalesce(outlet, 'Unknown')))) as outlets,
                   arg_min(url, published_at) as first_url
            from main.event_mentions join (select article_id, url from main.articles) using (article_id)
            group by event_id
        ) s using (event_id)
        left join ({history}) h using (event_id)
        where {where}
        order by e.event_date nulls last, e.event_id
    """
    return sql, params
