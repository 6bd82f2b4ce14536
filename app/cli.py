"""Command line: ``python -m pipeline run|demo|rebuild|ui|query|model|eval``. Every load goes through Dagster.

Users reach it through ``pipeline/__main__.py``, a shim that keeps ``python -m pipeline`` working now that the
command line lives outside the Dagster-free domain layer.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from pipeline import config


def _set_locations(args: argparse.Namespace) -> None:
    """CLI flags win over EVENTS_* variables, which win over the defaults; Dagster sees the same values."""
    if getattr(args, "landing", None):
        os.environ["EVENTS_LANDING_DIR"] = str(Path(args.landing).resolve())
    if getattr(args, "warehouse", None):
        os.environ["EVENTS_WAREHOUSE"] = str(Path(args.warehouse).resolve())
    os.environ.setdefault("DAGSTER_HOME", str(config.PROJECT_ROOT / ".dagster_home"))
    Path(os.environ["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)


def cmd_run(args: argparse.Namespace) -> int:
    from assets.runner import run_landing, summary_text

    _set_locations(args)
    report = run_landing(config.landing_dir(), config.warehouse_path(), rerun_all=args.all)
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
    dagster = Path(sys.executable).parent / "dagster"
    cmd = [str(dagster), "dev", "-m", "assets.definitions", "--port", str(args.port)]
    os.execv(cmd[0], cmd)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from pipeline.warehouse import describe_state, open_for_reading, read_state

    _set_locations(args)
    with open_for_reading(config.warehouse_path()) as con:
        # Which complete state answered (never a half-written run): on stderr, so stdout stays the result.
        print(f"-- {describe_state(read_state(con))}", file=sys.stderr)
        con.sql(args.sql).show(max_rows=args.limit, max_width=200)
    return 0


def cmd_model(args: argparse.Namespace) -> int:
    from pipeline.extract.nlp import model_info

    for key, value in model_info().items():
        print(f"{key}: {value}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from app.evaluate import evaluate
    from assets.runner import summary_text
    from pipeline.scoring import details_text, summary_line

    if not args.input and not (args.warehouse and Path(args.warehouse).exists()):
        print("eval: give --input (a file or folder to load) or an existing --warehouse", file=sys.stderr)
        return 2
    scores, run = evaluate(
        args.kind,
        Path(args.gold),
        input_path=Path(args.input) if args.input else None,
        warehouse=Path(args.warehouse).resolve() if args.warehouse else None,
        style=args.style,
    )
    if run is not None:
        print(summary_text(run) + "\n")
    print(details_text(args.kind, scores))
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
        p.set_defaults(func=func)
    p = sub.add_parser("rebuild", help="drop the projections and replay the whole article log (Dagster job)")
    p.add_argument("--warehouse")
    p.set_defaults(func=cmd_rebuild)
    p = sub.add_parser("ui", help="start the Dagster UI (dagster dev) on this project")
    p.add_argument("--landing")
    p.add_argument("--warehouse")
    p.add_argument("--port", type=int, default=3000)
    p.set_defaults(func=cmd_ui)
    p = sub.add_parser("query", help="run SQL against the warehouse (read-only; works while runs write)")
    p.add_argument("sql")
    p.add_argument("--warehouse")
    p.add_argument("--limit", type=int, default=40)
    p.set_defaults(func=cmd_query)
    p = sub.add_parser("model", help="show the spaCy model in use")
    p.set_defaults(func=cmd_model)
    p = sub.add_parser("eval", help="load an input through the pipeline and score it against gold")
    p.add_argument("kind", choices=["events", "dedup", "reports"], help="what the gold file describes")
    p.add_argument("gold", help="gold file (JSON for events and dedup, JSON Lines for reports)")
    p.add_argument("--input", help="JSONL file or landing folder to load into a fresh temporary warehouse")
    p.add_argument("--warehouse", help="load into (or, without --input, just score) this DuckDB file")
    p.add_argument("--style", choices=["case", "acled"], help="reports only (default: guessed from the gold)")
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


if __name__ == "__main__":
    sys.exit(main())
