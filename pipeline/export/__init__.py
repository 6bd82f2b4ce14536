"""Exports: the warehouse in the formats analysts use, one module per format.

- ``acled``: a CSV with ACLED's columns, in ACLED's order and spelling (``acled.py``).
- ``gdelt``: an Events and a Mentions file shaped like GDELT 2.0's, tab-separated (``gdelt.py``).
- ``parquet``: the analyst tables as Parquet files with a JSON manifest (``parquet.py``).

Every format takes the same filters (event date from/to, country) and can write the ids of the events
removed since they were first published (``deletions.py``), so that a downstream copy can stay in sync.
Exports only read: they work on the snapshot while a run writes the warehouse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipeline.export.selection import ExportFilter, selected_events

FORMATS = ("acled", "gdelt", "parquet")

__all__ = ["FORMATS", "ExportFilter", "ExportResult", "export"]


@dataclass
class ExportResult:
    """What one export wrote: the files, and the rows of each."""

    format: str
    files: list[Path] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    def text(self) -> str:
        return "\n".join(f"{path}  ({self.rows.get(path.name, 0)} rows)" for path in self.files)


def export(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    out: Path,
    filters: ExportFilter | None = None,
    deleted: Path | None = None,
) -> ExportResult:
    """Write the warehouse as ``fmt`` to ``out`` (a file for acled, a folder for gdelt and parquet)."""
    from pipeline.export import acled, deletions, gdelt, parquet

    writers = {"acled": acled.write, "gdelt": gdelt.write, "parquet": parquet.write}
    if fmt not in writers:
        raise ValueError(f"unknown export format '{fmt}' (one of: {', '.join(FORMATS)})")
    filters = filters or ExportFilter()
    result = ExportResult(fmt)
    with selected_events(con, filters):
        for path, rows in writers[fmt](con, Path(out), filters):
            result.files.append(path)
            result.rows[path.name] = rows
    if deleted is not None:
        rows = deletions.write(con, Path(deleted), filters)
        result.files.append(Path(deleted))
        result.rows[Path(deleted).name] = rows
    return result
