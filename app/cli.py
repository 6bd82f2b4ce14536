"""Command line: ``python -m pipeline run|demo|rebuild|ui|query|explain|report|export|changes|model|eval``;
loads go through Dagster.

Users reach it through ``pipeline/__main__.py``, a shim that keeps ``python -m pipeline`` working now that the
command line lives outside the Dagster-free domain layer.
"""

from __future__ import annotations

import argparse
import concurrent.futures.process
import datetime as dt
import logging
import multiprocessing.util
import os
import signal
import sys
import threading
from pathlib import Path
from typing import NoReturn

from pipeline import config


def _set_locations(args: argparse.Namespace) -> None:
    """CLI flags win over EVENTS_* variables, which win over the defaults; Dagster sees the same values."""
    if getattr(args, "landing", None):
        os.environ["EVENTS_LANDING_DIR"] = str(Path(args.landing).resolve())
    if getattr(args, "warehouse", None):
        os.environ["EVENTS_WAREHOUSE"] = str(Path(args.warehouse).resolve())
    with config.prepared_dagster_home():
        pass  # DAGSTER_HOME set, with the mode's dagster.yaml (SQLite, or Postgres: docs/deploy.md)


def cmd_run(args: argparse.Namespace) -> int:
    from pipeline.landing_target import LandingError, resolve_landing

    try:
        target = resolve_landing(Path(args.landing) if args.landing else config.landing_dir())
    except LandingError as err:
        print(f"{args.command}: {err}", file=sys.stderr)
        return 2
    if not target.batches:
        print(f"nothing to load: {target.folder} holds no article files (*.jsonl, *.json, *.txt, *.html)")
        return 0
    # Great Expectations loads in a process of its own on the other core while this one imports Dagster
    # (expectations/validator.py): 2 to 3 s off a cold run; EVENTS_GX_PROCESS=0 validates in this process.
    from expectations import validator

    if os.environ.get("EVENTS_GX_PROCESS", "1") != "0":
        validator.start()
    from assets.runner import run_landing, summary_text

    args.landing = str(target.folder)
    _set_locations(args)
    verbosity = "quiet" if args.quiet else "verbose" if args.verbose else "normal"
    report = run_landing(
        target.folder,
        config.warehouse_path(),
        rerun_all=args.all,
        only=target.only,
        verbosity=verbosity,
        on_batch=None if args.quiet else lambda batch: print(batch.line(), flush=True),
    )
    print(summary_text(report))
    return 0 if report.success else 1


def cmd_demo(args: argparse.Namespace) -> int:
    args.landing = args.landing or str(config.SAMPLES_DIR)
    code = cmd_run(args)
    where = config.warehouse_path()
    print(
        "\nNext:\n"
        "  UI:     make ui            (Dagster UI on http://127.0.0.1:3000: assets, checks, jobs, sensor)\n"
        f'  SQL:    .venv/bin/python -m pipeline query "select * from events"   (warehouse: {where})\n'
        "  Report: .venv/bin/python -m pipeline report --out report.html   (charts and a map, offline)\n"
        "  Why:    .venv/bin/python -m pipeline explain EVENT_ID   (one event, its evidence and sentences)\n"
        "  Tests:  make test"
    )
    return code


def cmd_rebuild(args: argparse.Namespace) -> int:
    from assets.runner import run_rebuild

    _set_locations(args)
    counts = run_rebuild(config.landing_dir(), config.warehouse_path())
    blocked = counts.pop("blocked", [])
    print("rebuilt from the article log: " + "  ".join(f"{k}: {v}" for k, v in counts.items()))
    if blocked:
        print("blocked by their checks, as in the incremental runs: " + ", ".join(blocked))
    return 0


def cmd_ui(args: argparse.Namespace) -> int:
    _set_locations(args)
    # `dg dev` (Dagster's recommended entry point; `dagster dev` is superseded) reads [tool.dg] in
    # pyproject.toml from the project folder, with this virtual environment as the active one.
    os.chdir(config.PROJECT_ROOT)
    os.environ["VIRTUAL_ENV"] = sys.prefix
    dg_cli = Path(sys.executable).parent / "dg"
    cmd = [str(dg_cli), "dev", "--port", str(args.port)]
    os.execv(cmd[0], cmd)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from pipeline.query import main_query

    _set_locations(args)
    return main_query(config.warehouse_path(), args.sql, args.format, args.out, args.limit)


def cmd_explain(args: argparse.Namespace) -> int:
    from pipeline.explain import EventNotFound, explain
    from pipeline.warehouse import open_for_reading

    _set_locations(args)
    with open_for_reading(config.warehouse_path()) as con:
        try:
            print(explain(con, args.event_id))
        except EventNotFound as err:
            print(f"explain: {err}", file=sys.stderr)
            return 2
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from pipeline.query import QueryError, open_warehouse
    from pipeline.report import write_report

    _set_locations(args)
    try:
        with open_warehouse(config.warehouse_path()) as (con, source):
            if source.is_snapshot:
                print(source.note(), file=sys.stderr)
            out = write_report(con, Path(args.out), source=str(source.path))
    except QueryError as err:
        print(f"report: {err}", file=sys.stderr)
        return 1
    print(f"report: {out.resolve()} (one file, works offline: open it in a browser)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pipeline.export import ExportFilter, export
    from pipeline.warehouse import open_for_reading

    _set_locations(args)
    filters = ExportFilter(since=args.since, until=args.until, country=args.country)
    try:
        with open_for_reading(config.warehouse_path()) as con:
            deleted = Path(args.deleted) if args.deleted else None
            result = export(con, args.format, Path(args.out), filters, deleted)
    except ValueError as err:
        print(f"export: {err}", file=sys.stderr)
        return 2
    print(result.text())
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    from assets.runner import run_finished_at
    from pipeline.history import changes, changes_text, resolve_since
    from pipeline.warehouse import open_for_reading

    _set_locations(args)
    with open_for_reading(config.warehouse_path()) as con:
        try:
            name, params = resolve_since(con, args.since)
        except LookupError:  # a run that changed nothing: what came after it
            finished = run_finished_at(args.since)
            if finished is None:
                print(f"changes: '{args.since}' is neither a date nor a known run id", file=sys.stderr)
                return 2
            name, params = "history.changes_after_time", [finished]
        except ValueError as err:
            print(f"changes: {err}", file=sys.stderr)
            return 2
        print(changes_text(changes(con, name, params), f"changes since {args.since}"))
    return 0


def cmd_model(args: argparse.Namespace) -> int:
    from pipeline.extract.nlp import model_info

    for key, value in model_info().items():
        print(f"{key}: {value}")
    return 0


def cmd_train_filter(args: argparse.Namespace) -> int:
    from app.train_filter import train_filter
    from pipeline.extract.learned.event_filter import WEIGHTS_PATH

    train_filter(
        Path(args.corpus), Path(args.reports) if args.reports else None, Path(args.out or WEIGHTS_PATH)
    )
    return 0


def cmd_train_event_score(args: argparse.Namespace) -> int:
    from app.train_event_score import train_event_score
    from pipeline.event_score import WEIGHTS_FILE

    train_event_score(Path(args.corpus), Path(args.out or WEIGHTS_FILE))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from app.evaluate import evaluate
    from assets.runner import summary_text
    from pipeline.scoring import details_text, subset_lines, summary_line

    if not args.input and not (args.warehouse and Path(args.warehouse).exists()):
        print("eval: give --input (a file or folder to load) or an existing --warehouse", file=sys.stderr)
        return 2
    if len(args.gold) > 1 and args.kind != "events":
        print(f"eval: only events gold files can be pooled; give one {args.kind} gold file", file=sys.stderr)
        return 2
    scores, run = evaluate(
        args.kind,
        [Path(g) for g in args.gold],
        input_path=Path(args.input) if args.input else None,
        warehouse=Path(args.warehouse).resolve() if args.warehouse else None,
        style=args.style,
        gold_documents_only=args.gold_documents_only,
    )
    if run is not None:
        print(summary_text(run) + "\n")
    print(details_text(args.kind, scores))
    for line in subset_lines(args.kind, scores):  # reports' halves; events' anchored subset
        print(line)
    print(summary_line(args.kind, scores))
    if args.json:
        Path(args.json).write_text(json.dumps(scores, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, help_text in (
        ("run", cmd_run, "materialize every asset for the batches in the landing folder"),
        ("demo", cmd_demo, "run on the bundled sample articles and print how to look at the result"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--landing", help="landing folder (default: EVENTS_LANDING_DIR or samples/landing)")
        p.add_argument(
            "--warehouse", help="DuckDB file (default: EVENTS_WAREHOUSE or warehouse/events.duckdb)"
        )
        p.add_argument("--all", action="store_true", help="rerun batches already loaded (idempotent)")
        loud = p.add_mutually_exclusive_group()
        loud.add_argument("--verbose", action="store_true", help="also print Dagster's DEBUG event lines")
        loud.add_argument("--quiet", action="store_true", help="print only the final summary")
        p.set_defaults(func=func)
    p = sub.add_parser("rebuild", help="drop the projections and replay the whole article log (Dagster job)")
    p.add_argument("--warehouse")
    p.set_defaults(func=cmd_rebuild)
    p = sub.add_parser("ui", help="start the Dagster UI (dg dev) on this project")
    p.add_argument("--landing")
    p.add_argument("--warehouse")
    p.add_argument("--port", type=int, default=3000)
    p.set_defaults(func=cmd_ui)
    p = sub.add_parser("query", help="run SQL against the warehouse (read-only; works while runs write)")
    p.add_argument("sql")
    p.add_argument("--warehouse")
    p.add_argument("--format", choices=["table", "csv", "json", "parquet"], default="table")
    p.add_argument("--out", help="write the answer to this file instead of printing it")
    p.add_argument("--limit", type=int, default=40, help="rows a table shows (0: all); csv and json: all")
    p.set_defaults(func=cmd_query)
    p = sub.add_parser(
        "explain",
        help="one event: what was coded, the evidence, its score and every sentence that reports it",
    )
    p.add_argument("event_id", help="an event id (in events or withheld_events), or its first characters")
    p.add_argument("--warehouse")
    p.set_defaults(func=cmd_explain)
    p = sub.add_parser("export", help="write the events as ACLED CSV, GDELT 2.0 files or Parquet tables")
    p.add_argument("format", choices=["acled", "gdelt", "parquet"])
    p.add_argument("--out", required=True, help="a .csv file for acled, a folder for gdelt and parquet")
    p.add_argument("--since", type=dt.date.fromisoformat, help="events dated on or after this day")
    p.add_argument("--until", type=dt.date.fromisoformat, help="events dated on or before this day")
    p.add_argument("--country", help="ISO code (NG, NGA) or English name")
    p.add_argument("--deleted", help="also write the ids of events that no longer exist (CSV)")
    p.add_argument("--warehouse")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("changes", help="what was created, changed and removed since a date or a run")
    p.add_argument("--since", required=True, help="a date (2026-11-28), a date and time, or a Dagster run id")
    p.add_argument("--warehouse")
    p.set_defaults(func=cmd_changes)
    p = sub.add_parser("report", help="write one self-contained HTML page: charts and a map of the events")
    p.add_argument("--out", default="report.html", help="where to write it (default: report.html)")
    p.add_argument("--warehouse")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("model", help="show the spaCy model in use")
    p.set_defaults(func=cmd_model)
    p = sub.add_parser(
        "train-filter", help="train the learned event filter from our labels (needs ../shared)"
    )
    p.add_argument("--corpus", required=True, help="../shared/corpus/news/news_2000.jsonl")
    p.add_argument(
        "--reports", help="../shared/eval/dev: its odd (development) half of CASE and ACLED reports"
    )
    p.add_argument("--out", help="where the weights go (default: pipeline/extract/data/event_filter.json)")
    p.set_defaults(func=cmd_train_filter)
    p = sub.add_parser("train-event-score", help="train the event score on our news gold (needs ../shared)")
    p.add_argument("--corpus", required=True, help="../shared/corpus/news/news_2000.jsonl")
    p.add_argument("--out", help="where the weights go (default: pipeline/event_score.json)")
    p.set_defaults(func=cmd_train_event_score)
    p = sub.add_parser("eval", help="load an input through the pipeline and score it against gold")
    p.add_argument("kind", choices=["events", "dedup", "reports"], help="what the gold file describes")
    p.add_argument(
        "gold",
        nargs="+",
        help="gold file (JSON for events and dedup, JSON Lines for reports); several events gold files are "
        "scored as one (their documents loaded into one warehouse)",
    )
    p.add_argument("--input", help="JSONL file or landing folder to load into a fresh temporary warehouse")
    p.add_argument("--warehouse", help="load into (or, without --input, just score) this DuckDB file")
    p.add_argument("--style", choices=["case", "acled"], help="reports only (default: guessed from the gold)")
    p.add_argument(
        "--gold-documents-only",
        action="store_true",
        help="the input is a JSON Lines corpus: load only the records the gold labels (events gold)",
    )
    p.add_argument("--json", help="also write every score and detail to this JSON file")
    p.set_defaults(func=cmd_eval)
    args = parser.parse_args(argv)
    # SIGTERM stops a command like Ctrl-C: a waiting run stops waiting, a running one is marked failed.
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


# Commands whose process ends without tearing its heap down (``as_command``).
_LOADING_COMMANDS = frozenset({"run", "demo", "rebuild"})


def as_command(argv: list[str] | None = None) -> NoReturn:
    """``main`` as the ``python -m pipeline`` process runs it. After a loading command, whose work is
    committed (every stage commits its batch; the Dagster storage commits each event) and whose output is
    flushed here, the process ends at once: tearing down what it loaded (Dagster, spaCy, Polars, DuckDB,
    the gazetteer) took 1.4 to 2.0 s of a 9 s cold run (measured). Its worker processes end first, as at a
    normal exit: the exit handlers of ``concurrent.futures`` and ``multiprocessing`` (private functions of
    CPython 3.11, which ``pyproject.toml`` requires) stop them and release their semaphores, which the
    resource tracker would otherwise report as leaked. Other commands exit normally."""
    args = sys.argv[1:] if argv is None else argv
    code = main(args)
    if not args or args[0] not in _LOADING_COMMANDS:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away ("| head"), a closed stream
            pass
    logging.shutdown()  # flushes and closes every logging handler
    # The worker processes end as at a normal exit (each releases its semaphores, which the resource tracker
    # would otherwise report as leaked), in parallel, while this process skips its own teardown.
    concurrent.futures.process._python_exit()
    multiprocessing.util._run_finalizers(0)
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
