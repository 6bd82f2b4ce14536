"""Exports asset: the events as ACLED CSV, GDELT 2.0 files and Parquet tables, written to a folder."""

import datetime as dt
from pathlib import Path

import dagster as dg
import polars as pl

from assets.partitions import WAREHOUSE_POOL
from assets.quality import preview
from assets.resources import Warehouse
from pipeline.export import FORMATS, ExportFilter, export
from pipeline.export.selection import selected_events
from pipeline.queries import query
from pipeline.warehouse import open_for_reading


class ExportConfig(dg.Config):
    """What to export and where (set it in the launchpad)."""

    formats: list[str] = list(FORMATS)
    out: str = ""  # default: an ``exports`` folder next to the warehouse
    since: str = ""  # YYYY-MM-DD: events dated on or after
    until: str = ""  # YYYY-MM-DD: events dated on or before
    country: str = ""  # ISO code or English name


@dg.asset(
    group_name="exports",
    pool=WAREHOUSE_POOL,
    kinds={"duckdb", "parquet", "csv"},
    deps=["event_aggregates"],
    check_specs=[
        dg.AssetCheckSpec(
            name="exports_match_warehouse",
            asset="exports",
            description="Each format's events file holds exactly the events the filters select.",
        )
    ],
)
def exports(config: ExportConfig, warehouse: Warehouse):
    """Exports: ACLED CSV, GDELT 2.0 Events/Mentions files and Parquet tables, plus the deletions list."""
    out = Path(config.out) if config.out else Path(warehouse.database).parent / "exports"
    filters = ExportFilter(
        since=dt.date.fromisoformat(config.since) if config.since else None,
        until=dt.date.fromisoformat(config.until) if config.until else None,
        country=config.country or None,
    )
    targets = {"acled": out / "acled.csv", "gdelt": out / "gdelt", "parquet": out / "parquet"}
    rows: dict[str, int] = {}
    with open_for_reading(warehouse.database) as con:
        with selected_events(con, filters):
            selected = con.execute(query("tables.row_count", table="_export_events")).fetchone()[0]
        for i, fmt in enumerate(config.formats):
            result = export(con, fmt, targets[fmt], filters, deleted=out / "deleted.csv" if i == 0 else None)
            rows.update({str(path.relative_to(out)): result.rows[path.name] for path in result.files})
    table = "".join(f"| {name} | {n} |\n" for name, n in sorted(rows.items()))
    metadata = {
        "dagster/row_count": rows.get("acled.csv", rows.get("parquet/events.parquet", 0)),
        "folder": dg.MetadataValue.path(str(out)),
        "files": dg.MetadataValue.md("| file | rows |\n|---|---|\n" + table),
    }
    if "acled" in config.formats:
        sample = pl.read_csv(targets["acled"], infer_schema=False)
        metadata["preview"] = preview(sample, ["event_id_cnty", "event_date", "sub_event_type", "actor1",
                                               "location", "fatalities", "notes"])  # fmt: skip
    yield dg.MaterializeResult(metadata=metadata)
    written = {name: rows[name] for name in EVENT_FILES if name in rows}
    yield dg.AssetCheckResult(
        check_name="exports_match_warehouse",
        passed=all(n == selected for n in written.values()),
        metadata={"selected_events": selected, **written},
    )


# The file of each format that holds one row per event.
EVENT_FILES = ("acled.csv", "gdelt/events.tsv", "parquet/events.parquet")
