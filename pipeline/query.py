"""``python -m pipeline query``: SQL against the warehouse, for people and for other programs.

Guarantees: every column of the answer is shown (a table too wide for the terminal is printed one record at a
time, long values wrapped,
never cut); rows beyond ``--limit`` are announced, not dropped silently; a SQL
error is one line on stderr and exit status 1; statements that return nothing (``COPY ... TO``) just run;
when a run
holds the warehouse's write lock the answer comes from the last snapshot, and a note on stderr says so and
from when.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import sys
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.warehouse import ensure_schema, snapshot_path

FORMATS = ("table", "csv", "json", "parquet")


class QueryError(Exception):
    """Something the user can fix (bad SQL, no warehouse yet, parquet without --out): one line, exit 1."""


@dataclass(frozen=True)
class Source:
    path: Path
    is_snapshot: bool
    is_empty: bool = False  # a first run holds the file and nothing is published yet: an empty warehouse

    def note(self) -> str:
        if self.is_empty:
            return (
                "note: no complete state yet: a first run is writing the warehouse and none has finished, "
                "so this answer comes from an empty warehouse"
            )
        taken = dt.datetime.fromtimestamp(self.path.stat().st_mtime, dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        return (
            f"note: a run is writing the warehouse; this answer comes from its snapshot of {taken} "
            f"({self.path.name})"
        )


@contextmanager
def open_warehouse(path: Path):
    """A read-only connection to the warehouse, or to its snapshot while a run holds the write lock."""
    path = Path(path)
    snap = snapshot_path(path)
    # In the lake mode (docs/deploy.md) there is no live file, only the snapshot each run publishes.
    if not path.exists() and not snap.exists():
        raise QueryError(f"no warehouse at {path}: load some articles first (python -m pipeline demo)")
    con = None
    if path.exists():
        try:
            con, source = duckdb.connect(str(path), read_only=True), Source(path, False)
        except duckdb.IOException:
            pass  # a run holds the write lock
    if con is None:
        if snap.exists():
            con, source = duckdb.connect(str(snap), read_only=True), Source(snap, True)
        else:
            # The last complete state of a warehouse no run has finished yet: every table, no rows.
            con, source = duckdb.connect(":memory:"), Source(path, True, is_empty=True)
            ensure_schema(con)
    try:
        yield con, source
    finally:
        con.close()


def run_query(
    warehouse: Path, sql: str, fmt: str = "table", out: Path | None = None, limit: int = 40
) -> tuple[str, Source]:
    """Run ``sql`` and return what to print (empty when written to ``out``) and where the answer came from."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet" and out is None:
        raise QueryError("parquet is a binary format: give --out PATH")
    with open_warehouse(warehouse) as (con, source):
        try:
            relation = con.sql(sql)
            if relation is None:  # COPY, SET, ...: nothing to show
                return "", source
            if out is not None:
                _write(relation, fmt, out)
                return "", source
            columns = relation.columns
            total = None
            if fmt != "table" or limit <= 0:
                rows = relation.fetchall()
            else:
                rows = relation.limit(limit + 1).fetchall()
                if len(rows) > limit:
                    rows, total = rows[:limit], relation.aggregate("count(*)").fetchone()[0]
        except duckdb.Error as err:
            raise QueryError(_one_line(err)) from None
    if fmt == "csv":
        return _csv(columns, rows), source
    if fmt == "json":
        return _json(columns, rows), source
    return render_table(columns, rows, limit=limit, total=total), source


def _write(relation: duckdb.DuckDBPyRelation, fmt: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        relation.write_parquet(str(out))
    elif fmt == "csv":
        relation.write_csv(str(out), header=True)
    elif fmt == "json":
        out.write_text(_json(relation.columns, relation.fetchall()), encoding="utf-8")
    else:
        out.write_text(render_table(relation.columns, relation.fetchall(), limit=0, width=10_000), "utf-8")


def _one_line(err: Exception) -> str:
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    return lines[0] if lines else type(err).__name__


def _text(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value).replace("\r", " ").replace("\n", " ")


def _csv(columns: list[str], rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[("" if v is None else v) for v in row] for row in rows])
    return buffer.getvalue()


def _json(columns: list[str], rows: list[tuple]) -> str:
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=1, default=str) + "\n"


def render_table(
    columns: list[str], rows: list[tuple], limit: int = 40, width: int | None = None, total: int | None = None
) -> str:
    """A boxed table when it fits the terminal, else one block per record, values wrapped: every column."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    total = len(rows) if total is None else total
    if limit > 0 and len(rows) > limit:
        rows = rows[:limit]
    more = total - len(rows)
    cells = [[_text(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    if sum(widths) + 3 * len(columns) + 1 <= width:
        text = _boxed(columns, cells, widths)
    else:
        text = _records(columns, cells, width)
    footer = f"({len(rows)} row{'s' * (len(rows) != 1)}, {len(columns)} columns)"
    if more:
        footer += f"; {more} more row{'s' * (more != 1)} not shown: --limit 0 shows all, --format csv exports"
    return text + footer + "\n"


def _boxed(columns: list[str], cells: list[list[str]], widths: list[int]) -> str:
    def line(values):
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |\n"

    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+\n"
    return rule + line(columns) + rule + "".join(line(row) for row in cells) + (rule if cells else "")


def _records(columns: list[str], cells: list[list[str]], width: int) -> str:
    """Too wide for one line per row: each row as a block of "column | value", long values wrapped."""
    name_width = max(len(c) for c in columns)
    value_width = max(20, width - name_width - 3)
    out = []
    for n, row in enumerate(cells, 1):
        out.append(f"-[ row {n} ]".ljust(min(width, name_width + value_width + 3), "-") + "\n")
        for name, value in zip(columns, row, strict=True):
            pieces = textwrap.wrap(value, value_width, break_long_words=True, break_on_hyphens=False) or [""]
            out.append(f"{name.ljust(name_width)} | {pieces[0]}\n")
            out.extend(f"{'':{name_width}} | {piece}\n" for piece in pieces[1:])
    return "".join(out)


def main_query(warehouse: Path, sql: str, fmt: str, out: str | None, limit: int) -> int:
    """The CLI's body: print the answer (or write it), notes and errors on stderr; returns the exit status."""
    try:
        text, source = run_query(warehouse, sql, fmt, Path(out) if out else None, limit)
    except QueryError as err:
        print(f"query: {err}", file=sys.stderr)
        return 1
    if source.is_snapshot:
        print(source.note(), file=sys.stderr)
    if text:
        sys.stdout.write(text)
    elif out:
        print(f"written: {out}", file=sys.stderr)
    return 0
