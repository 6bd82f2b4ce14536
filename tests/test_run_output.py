"""What a run prints: quiet by default (no Dagster DEBUG lines), a line per batch, progress of long stages in
the terminal and in the run's Dagster log, the quarantine as a warning; `--landing` checked first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipeline import progress
from pipeline.config import PROJECT_ROOT
from pipeline.landing_target import LandingError, resolve_landing

# Fictional news written for this test.
ARTICLE = (
    "CALI, Colombia, June 3, 2024 (Valle Wire) - Gunmen on motorcycles shot dead two police officers at a "
    "checkpoint on the outskirts of Jamundi on Sunday, the regional police command said.\n\n"
    "The attackers fled toward the mountains, and soldiers were sent to search the area, officials said.\n"
)


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_progress_reports_at_most_every_few_seconds():
    now = [0.0]
    lines: list[str] = []
    done = progress.Progress("extract", 10, lines.append, every=3, clock=lambda: now[0])
    for _ in range(4):
        now[0] += 2
        done.advance()
    assert lines == ["extract: 2/10 articles (20%)", "extract: 4/10 articles (40%)"]
    progress.Progress("clean", 3, None).advance()  # no callback: nothing to report to, nothing fails


def test_landing_targets(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x\n", encoding="utf-8")
    assert resolve_landing(tmp_path).batches == ["a.txt"]
    one = resolve_landing(tmp_path / "a.txt")
    assert (one.folder, one.batches, one.only) == (tmp_path, ["a.txt"], ["a.txt"])
    with pytest.raises(LandingError, match="not a file the pipeline reads"):
        resolve_landing(tmp_path / "notes.csv")
    with pytest.raises(LandingError, match="does not exist"):
        resolve_landing(tmp_path / "missing")


def test_cli_refuses_a_missing_landing_folder_and_creates_nothing(tmp_path: Path):
    warehouse = tmp_path / "w" / "events.duckdb"
    result = cli("run", "--landing", str(tmp_path / "missing"), "--warehouse", str(warehouse))
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr
    assert not warehouse.parent.exists()
    (tmp_path / "empty").mkdir()
    result = cli("run", "--landing", str(tmp_path / "empty"), "--warehouse", str(warehouse))
    assert result.returncode == 0 and result.stdout.startswith("nothing to load")
    assert not warehouse.exists()


@pytest.mark.slow
def test_a_run_prints_a_line_per_batch_and_progress_not_debug(tmp_path: Path, monkeypatch, capfd):
    from assets.runner import run_landing, summary_text

    monkeypatch.setattr(progress, "EVERY_SECONDS", 0.0)  # every article: the test's batch is one article
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "jamundi.txt").write_text(ARTICLE, encoding="utf-8")
    (landing / "broken.jsonl").write_text('{"id": "x", "text": "cut off\n', encoding="utf-8")
    warehouse = tmp_path / "events.duckdb"
    batches = []
    with dg.instance_for_test() as instance:
        report = run_landing(
            landing, warehouse, instance=instance, verbosity="normal", on_batch=batches.append,
            only=["jamundi.txt", "broken.jsonl"],
        )  # fmt: skip
        printed = capfd.readouterr()
        assert report.success
        assert " - DEBUG - " not in printed.out + printed.err
        assert "event_mentions: extract: 1/1 articles (100%)" in printed.err
        assert "clean_articles: clean: 1/1 articles (100%)" in printed.err
        by_batch = {b.batch: b for b in batches}
        assert by_batch["jamundi.txt"].line().startswith("jamundi.txt: articles 1, mentions ")
        assert by_batch["broken.jsonl"].quarantined == 1
        # The same progress lines are in the run's Dagster log, which the UI shows.
        logged = [
            entry.user_message
            for run_id in report.run_ids
            for entry in instance.all_logs(run_id)
            if entry.dagster_event is None
        ]
        assert "extract: 1/1 articles (100%)" in logged
        # The quarantine check warns, with the count and the query that shows why; nothing failed.
        assert report.checks_failed == []
        (warning,) = report.checks_warned
        assert warning.startswith("broken.jsonl: 1 input quarantined; why: python -m pipeline query")
        assert "warnings: 1  failed: 0" in summary_text(report)

        quiet = run_landing(landing, warehouse, instance=instance, verbosity="quiet", rerun_all=True)
        assert quiet.success
        printed = capfd.readouterr()
        assert printed.out == "" and printed.err == ""


@pytest.mark.parametrize("verbosity", ["quiet", "normal", "verbose"])
def test_each_verbosity_is_valid_run_config(verbosity: str, tmp_path: Path):
    from assets.definitions import make_definitions
    from assets.runner import resolve_job
    from assets.terminal import logger_config

    with dg.instance_for_test() as instance:
        job = resolve_job(make_definitions(tmp_path, tmp_path / "events.duckdb"), "process_batch", instance)
    assert dg.validate_run_config(job, logger_config(verbosity))


def test_a_failed_run_reports_its_failed_step_and_error():
    from assets.runner import RunReport, _add_result, summary_text

    @dg.op
    def reads_the_warehouse():
        raise RuntimeError("the warehouse file is locked by another process")

    @dg.job
    def broken():
        reads_the_warehouse()

    with dg.instance_for_test() as instance:
        result = broken.execute_in_process(instance=instance, raise_on_error=False)
    report = RunReport(batches=["a.txt"])
    _add_result(report, result, "a.txt")
    assert not report.success
    assert report.failures == [
        "a.txt: reads_the_warehouse: RuntimeError: the warehouse file is locked by another process"
    ]
    assert "  failure: a.txt: reads_the_warehouse: RuntimeError" in summary_text(report)


_WITH_TEARDOWN_MARK = """
import atexit, sys
atexit.register(print, "torn down")
from app.cli import as_command
as_command(sys.argv[1:])
"""


def test_a_load_command_ends_without_tearing_down_what_it_loaded(tmp_path: Path):
    """`python -m pipeline run` ends as soon as its summary is out (app.cli.as_command): tearing down Dagster,
    spaCy and the rest took seconds; what it wrote is committed and what it printed arrives whole. Other
    commands exit normally."""
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    run = subprocess.run(
        [sys.executable, "-c", _WITH_TEARDOWN_MARK, "run", "--landing", str(tmp_path / "landing"),
         "--warehouse", str(tmp_path / "events.duckdb")],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.rstrip().endswith("run: succeeded") and "torn down" not in run.stdout
    assert "leaked" not in run.stderr  # the workers' semaphores were released, as at a normal exit
    assert "articles: 1 " in run.stdout
    query = subprocess.run(
        [sys.executable, "-c", _WITH_TEARDOWN_MARK, "query", "select count(*) as n from articles",
         "--format", "csv", "--warehouse", str(tmp_path / "events.duckdb")],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert query.returncode == 0 and query.stdout.split()[:2] == ["n", "1"]  # what the run wrote is stored
    assert "torn down" in query.stdout
