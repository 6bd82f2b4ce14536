"""Great Expectations suites as Dagster asset checks: validate a frame, report the result in the UI."""

from __future__ import annotations

import dagster as dg
import polars as pl


def check_spec(asset_name: str, suite: str, description: str, blocking: bool = True) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name=f"{suite}_suite", asset=asset_name, blocking=blocking, description=description
    )


def run_suite(asset_name: str, suite: str, frame: pl.DataFrame, **params) -> dg.AssetCheckResult:
    """Validate a frame against a suite in ``expectations/`` and turn the result into a check result."""
    from expectations import to_check_result
    from expectations.validator import validate  # in the validator process, if the command started one

    result = validate(suite, frame, **params)
    return to_check_result(result, asset_key=dg.AssetKey(asset_name), check_name=f"{suite}_suite")


def preview(frame: pl.DataFrame, columns: list[str], rows: int = 10) -> dg.MetadataValue:
    """A markdown table of the first rows, for the asset page."""
    shown = frame.select([c for c in columns if c in frame.columns]).head(rows)
    if shown.height == 0:
        return dg.MetadataValue.md("_no rows_")
    header = "| " + " | ".join(shown.columns) + " |\n|" + "---|" * len(shown.columns) + "\n"
    body = "".join("| " + " | ".join(_cell(v) for v in row) + " |\n" for row in shown.iter_rows())
    return dg.MetadataValue.md(header + body)


def _cell(value) -> str:
    text = "" if value is None else str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 80 else text[:77] + "..."


def schema_of(frame: pl.DataFrame, table: str | None = None) -> dg.TableSchema:
    """The frame's columns and types, described as the warehouse's ``table`` describes them (catalog.yaml)."""
    from pipeline.catalog import catalog

    describe = catalog().column
    return dg.TableSchema(
        columns=[
            dg.TableColumn(name=n, type=str(t), description=describe(table, n) if table else None)
            for n, t in frame.schema.items()
        ]
    )


def table_metadata(frame: pl.DataFrame, columns: list[str], table: str | None = None, **extra) -> dict:
    """Row count, preview, column schema (described as warehouse table ``table``): what assets show."""
    return {
        "dagster/row_count": frame.height,
        "preview": preview(frame, columns),
        "dagster/column_schema": schema_of(frame, table),
        **extra,
    }
