"""Runs a stage's suite over a frame with Great Expectations and reports what failed, with rows.

Great Expectations validates pandas frames here (it cannot validate DuckDB through SQLAlchemy), and
importing it costs seconds, so it is imported on the first non-empty validation only; the ephemeral
context and the built suites are then kept for the life of the process.

Failing rows: every frame is validated with a fresh ``RangeIndex``, so the index labels GX reports
for failing rows (``partial_unexpected_index_list``, capped at five) are row positions in the
caller's frame, and the full rows are read back from that frame unchanged (plus any derived
column). Naming an index column instead (``unexpected_index_column_names``) makes GX look up every
failing cell one by one in Python, which takes tens of seconds when many rows fail.

Derived columns: a suite module may declare ``DERIVED`` as (new column, source column, mapping);
the runner adds them to the pandas copy before validating, so a suite can check a relation that GX
would otherwise check row by row in Python (see ``event_mentions``).
"""

from __future__ import annotations

import importlib
import math
import re
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import dagster as dg
    import pandas as pd
    import polars as pl

# Stage order: articles come in, become clean text, mentions, events, aggregates.
SUITES = ("raw_articles", "clean_articles", "event_mentions", "events", "aggregates")

MAX_EXAMPLES = 5
MAX_TEXT = 300  # characters of a string value kept in examples; article bodies run to megabytes

_gx_lock = threading.Lock()


@dataclass
class FailedExpectation:
    """One expectation that did not hold, why it matters, and some of the rows that broke it."""

    expectation: str  # e.g. "expect_column_values_to_be_between(confidence)"
    reason: str  # the one-line reason from the suite
    unexpected_count: int
    examples: list[dict] = field(default_factory=list)  # up to 5 full failing rows, JSON-friendly
    error: str | None = None  # set when GX could not evaluate it at all (e.g. a missing column)


@dataclass
class SuiteResult:
    """The outcome of one suite on one frame."""

    suite: str
    success: bool
    evaluated: int
    failed: list[FailedExpectation]
    rows: int
    # Per failed expectation, the columns its markdown table shows: the suite's key, the checked
    # columns and what derived columns come from. Full rows are in the examples.
    shown_columns: dict[str, list[str]] = field(default_factory=dict)

    def markdown(self) -> str:
        """The failed expectations and their example rows, for the Dagster UI."""
        if self.rows == 0:
            return f"`{self.suite}`: no rows, nothing to check."
        if not self.failed:
            return f"`{self.suite}`: all {self.evaluated} expectations passed on {self.rows} rows."
        summary = f"{len(self.failed)} of {self.evaluated} expectations failed on {self.rows} rows"
        lines = [
            f"`{self.suite}`: {summary}.",
            "",
            "| Expectation | Failing rows | Why it matters |",
            "|---|---:|---|",
        ]
        for f in self.failed:
            count = "error" if f.error else str(f.unexpected_count)
            lines.append(f"| `{_cell(f.expectation)}` | {count} | {_cell(f.reason)} |")
        for f in self.failed:
            lines += ["", f"**`{_cell(f.expectation)}`**"]
            if f.error:
                lines.append(f"Could not be evaluated: {_cell(f.error)}")
            if not f.examples:
                continue
            columns = [c for c in self.shown_columns.get(f.expectation, []) if c in f.examples[0]]
            columns = columns or list(f.examples[0])
            lines.append("")
            lines.append("| " + " | ".join(columns) + " |")
            lines.append("|" + "---|" * len(columns))
            for row in f.examples:
                lines.append("| " + " | ".join(_cell(row.get(c), 80) for c in columns) + " |")
            if f.unexpected_count > len(f.examples):
                lines.append(f"\n{len(f.examples)} of {f.unexpected_count} failing rows shown.")
        return "\n".join(lines)


def prepare() -> None:
    """Import Great Expectations and build every suite now, not at the first validation."""
    with _gx_lock:
        for name in SUITES:
            _built_suite(name)


def validate(suite_name: str, frame: pl.DataFrame | pd.DataFrame, **params: Any) -> SuiteResult:
    """Validate ``frame`` against the suite of one stage (see ``SUITES``).

    ``params`` are the suite's run-time values (``now`` for ``clean_articles``); passing one a
    suite does not take raises ``TypeError``. An empty frame passes without importing GX.
    """
    module = _suite_module(suite_name)
    values = module.parameters(**params) if hasattr(module, "parameters") else _no_parameters(params)
    rows = len(frame)
    if rows == 0:
        return SuiteResult(suite=suite_name, success=True, evaluated=0, failed=[], rows=0)

    derived = list(getattr(module, "DERIVED", ()))
    pdf = _to_pandas(frame)
    for name, source, mapping in derived:
        if source in pdf.columns:
            pdf[name] = pdf[source].map(mapping)
    with _gx_lock:  # one GX context per process, shared by every thread
        suite = _built_suite(suite_name)
        batch = _batch_definition().get_batch(batch_parameters={"dataframe": pdf})
        outcome = batch.validate(
            suite,
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": MAX_EXAMPLES},
            expectation_parameters=values,
        )

    failed = []
    for res in outcome.results:
        if res.success:
            continue
        meta = res.expectation_config.meta or {}
        error = _exception_message(res.exception_info)
        positions = [] if error else _positions(res.result.get("partial_unexpected_index_list"))
        failed.append(
            FailedExpectation(
                expectation=meta.get("name", res.expectation_config.type),
                reason=meta.get("reason", ""),
                unexpected_count=int(res.result.get("unexpected_count") or 0),
                examples=_rows(frame, positions, derived),
                error=error,
            )
        )
    names = _names(module.EXPECTATIONS)
    failed.sort(key=lambda f: names.index(f.expectation) if f.expectation in names else len(names))
    shown = _shown_columns(module)
    return SuiteResult(
        suite=suite_name,
        success=not failed,
        evaluated=len(outcome.results),
        failed=failed,
        rows=rows,
        shown_columns={f.expectation: shown.get(f.expectation, []) for f in failed},
    )


def to_check_result(
    result: SuiteResult,
    *,
    asset_key: dg.AssetKey | str | Sequence[str] | None = None,
    check_name: str | None = None,
) -> dg.AssetCheckResult:
    """The suite's outcome as a Dagster asset check result (severity ERROR), failing rows included.

    ``check_name`` and ``asset_key`` are passed through: leave them out when the check is the only one
    of the asset being materialized.
    """
    import dagster as dg

    if result.rows == 0:
        description = f"{result.suite}: no rows, nothing to check."
    elif result.success:
        description = f"{result.suite}: all {result.evaluated} expectations passed on {result.rows} rows."
    else:
        names = ", ".join(f.expectation for f in result.failed)
        description = (
            f"{result.suite}: {len(result.failed)} of {result.evaluated} expectations failed "
            f"on {result.rows} rows: {names}"
        )
    return dg.AssetCheckResult(
        passed=result.success,
        check_name=check_name,
        asset_key=asset_key,
        severity=dg.AssetCheckSeverity.ERROR,
        description=description,
        metadata={
            "rows": result.rows,
            "expectations_evaluated": result.evaluated,
            "failed": dg.MetadataValue.md(result.markdown()),
            "failed_expectations": dg.MetadataValue.json([asdict(f) for f in result.failed]),
        },
    )


# --- suites -----------------------------------------------------------------------------------------


def _suite_module(suite_name: str) -> Any:
    if suite_name not in SUITES:
        raise ValueError(f"unknown suite {suite_name!r}; suites are {', '.join(SUITES)}")
    return importlib.import_module(f"expectations.{suite_name}")


def _no_parameters(params: dict[str, Any]) -> dict[str, Any]:
    if params:
        raise TypeError(f"this suite takes no parameters, got {', '.join(sorted(params))}")
    return {}


def expectation_name(class_name: str, kwargs: dict[str, Any]) -> str:
    """How an expectation is named in results: GX's snake_case type and the columns it checks."""
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", class_name).lower()
    return f"{snake}({', '.join(_checked_columns(kwargs))})"


def _checked_columns(kwargs: dict[str, Any]) -> list[str]:
    columns = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
    return columns + list(kwargs.get("column_list", []))


def _names(expectations: list[tuple[str, dict[str, Any], str]]) -> list[str]:
    return [expectation_name(cls, kwargs) for cls, kwargs, _ in expectations]


def _shown_columns(module: Any) -> dict[str, list[str]]:
    """Per expectation: the suite's key, the checked columns, and the sources of derived ones."""
    sources = {name: source for name, source, _ in getattr(module, "DERIVED", ())}
    shown = {}
    for class_name, kwargs, _ in module.EXPECTATIONS:
        checked = _checked_columns(kwargs)
        columns = [*getattr(module, "KEY", ()), *checked, *(sources[c] for c in checked if c in sources)]
        shown[expectation_name(class_name, kwargs)] = list(dict.fromkeys(columns))
    return shown


@cache
def _built_suite(suite_name: str) -> Any:
    import great_expectations as gx
    import great_expectations.expectations as gxe

    expectations = _suite_module(suite_name).EXPECTATIONS
    names = _names(expectations)
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"suite {suite_name} names {sorted(duplicates)} twice; results would be ambiguous")
    _batch_definition()  # GX resolves a suite's store through the active context, so make it first
    suite = gx.ExpectationSuite(name=suite_name)
    for (class_name, kwargs, reason), name in zip(expectations, names, strict=True):
        expectation_class = getattr(gxe, class_name)
        suite.add_expectation(expectation_class(**kwargs, meta={"name": name, "reason": reason}))
    return suite


@cache
def _batch_definition() -> Any:
    """The ephemeral GX context's one in-memory asset, made once per process."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    # tqdm bars per validation would flood the Dagster compute logs.
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    asset = context.data_sources.add_pandas("frames").add_dataframe_asset("frame")
    return asset.add_batch_definition_whole_dataframe("whole_frame")


# --- frames -----------------------------------------------------------------------------------------


def _to_pandas(frame: pl.DataFrame | pd.DataFrame) -> pd.DataFrame:
    """A pandas copy GX can compare: positional index, dates as timestamps, naive UTC times."""
    import pandas as pd

    pdf = frame.reset_index(drop=True) if isinstance(frame, pd.DataFrame) else frame.to_pandas()
    for name in pdf.columns:
        column = pdf[name]
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            pdf[name] = column.dt.tz_convert(None)
        elif column.dtype == object:
            first = column.dropna().head(1).tolist()
            # datetime.date objects do not compare with timestamps (event_date vs published_at).
            if first and isinstance(first[0], date) and not isinstance(first[0], datetime):
                pdf[name] = pd.to_datetime(column)
    return pdf


def _positions(index_list: Any) -> list[int]:
    positions: list[int] = []
    for label in index_list or []:
        position = int(label)
        if position not in positions:
            positions.append(position)
    return positions[:MAX_EXAMPLES]


def _rows(frame: pl.DataFrame | pd.DataFrame, positions: list[int], derived: list[tuple]) -> list[dict]:
    """The caller's own rows at these positions, plus the derived columns, with JSON-friendly values."""
    if not positions:
        return []
    if hasattr(frame, "iloc"):
        records = [frame.iloc[p].to_dict() for p in positions]
    else:
        records = [frame.row(p, named=True) for p in positions]
    for record in records:
        for name, source, mapping in derived:
            if source in record:
                record[name] = mapping.get(record[source])
    return [{str(k): _jsonable(v) for k, v in record.items()} for record in records]


def _jsonable(value: Any) -> Any:
    """Python's JSON types only: NaN/NaT become null, times ISO strings, long texts are cut."""
    import numpy as np
    import pandas as pd

    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | np.ndarray | pd.Series):
        return [_jsonable(v) for v in value]
    if value is None or value is pd.NaT or (not isinstance(value, str | bytes) and pd.isna(value)):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return value if len(value) <= MAX_TEXT else value[:MAX_TEXT] + f"… ({len(value)} chars)"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)  # timedelta and anything else: readable beats lossless here


def _exception_message(info: dict[str, Any] | None) -> str | None:
    """GX reports errors either flat or keyed by metric; return the first message, if any."""
    if not info:
        return None
    if "raised_exception" in info:
        return info.get("exception_message") if info.get("raised_exception") else None
    for nested in info.values():
        if isinstance(nested, dict) and nested.get("raised_exception"):
            return nested.get("exception_message") or "raised an exception"
    return None


# --- markdown ---------------------------------------------------------------------------------------


def _cell(value: Any, limit: int = 200) -> str:
    text = "*null*" if value is None else str(value)
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
