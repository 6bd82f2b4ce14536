"""Helpers for the fault tests: real ``python -m pipeline`` subprocesses, paused at a chosen point and killed
with SIGKILL, on tiny fictional reports."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
from kit import write_jsonl  # noqa: F401  (the fault tests import it from here)

from pipeline.config import PROJECT_ROOT

# Fictional wire reports, one event each.
REPORTS = [
    {"id": "k1", "outlet": "Lakeside Courier", "published_at": "2025-03-04",
     "text": "Gunmen killed three herders near Kidal on Monday, a local official said."},
    {"id": "k2", "outlet": "Lakeside Courier", "published_at": "2025-03-05",
     "text": "Police arrested eleven protesters in Kisumu on Tuesday after a march over bread prices."},
    {"id": "k3", "outlet": "Ridge Bulletin", "published_at": "2025-03-05",
     "text": "Soldiers clashed with rebels near Beni on Tuesday, and two soldiers were killed."},
]  # fmt: skip

# Code run in the child before the CLI: replaces one function of pipeline.stages by one that says where it
# is (by creating the marker file) and sleeps until it is killed.
PAUSE = """
import sys, time
from pathlib import Path
import pipeline.stages as stages

def _pause(*args, **kwargs):
    Path({marker!r}).touch()
    time.sleep(3600)

stages.EXTRACT_CHUNK_ARTICLES = 1
stages.{function} = _pause
from app.cli import main
sys.exit(main({argv!r}))
"""


def new_home(root: Path) -> Path:
    """A Dagster home with the project's instance settings and no storage yet."""
    home = root / "dagster_home"
    home.mkdir()
    shutil.copyfile(PROJECT_ROOT / ".dagster_home" / "dagster.yaml", home / "dagster.yaml")
    return home


def cli(home: Path, *argv: str, timeout: float = 900) -> subprocess.CompletedProcess:
    """Run ``python -m pipeline ARGV`` to the end."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *argv],
        env={**os.environ, "DAGSTER_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=PROJECT_ROOT,
    )


# Children started by ``spawn``: killed after each test (tests/faults/conftest.py), so that a test failing
# before it kills its paused child leaves nothing behind.
CHILDREN: list[subprocess.Popen] = []


def spawn(home: Path, argv: list[str], log: Path, pause_in: str | None = None, marker: Path | None = None):
    """Start ``python -m pipeline ARGV`` (output to ``log``), paused in ``stages.<pause_in>`` if given."""
    if pause_in:
        code = ["-c", PAUSE.format(marker=str(marker), function=pause_in, argv=argv)]
    else:
        code = ["-m", "pipeline", *argv]
    child = subprocess.Popen(
        [sys.executable, *code],
        env={**os.environ, "DAGSTER_HOME": str(home)},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        cwd=PROJECT_ROOT,
    )
    CHILDREN.append(child)
    return child


def kill_leftovers() -> None:
    while CHILDREN:
        child = CHILDREN.pop()
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)


def wait_until(condition, proc: subprocess.Popen, log: Path, timeout: float | None = None) -> None:
    """Poll until the child reaches a point; fails when it ends or times out first (FAULT_TEST_WAIT_SECONDS,
    default 900: a loaded machine is slow, and a child that hangs is what these tests look for)."""
    timeout = timeout or float(os.environ.get("FAULT_TEST_WAIT_SECONDS", 900))
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            tail = log.read_text()[-3000:]
            raise AssertionError(f"the process ended first (rc {proc.returncode}):\n{tail}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"timed out:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


def kill_hard(proc: subprocess.Popen) -> None:
    """SIGKILL, as the OOM killer or a container stop would: no handler, no cleanup."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def state(path: Path) -> dict[str, list]:
    """The analyst-facing tables of a DuckDB file, without load timestamps."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            "articles": con.execute("select article_id, source_id, body from articles order by 1").fetchall(),
            "mentions": con.execute(
                "select mention_id, event_id, sub_event_type, location, fatalities "
                "from event_mentions order by 1"
            ).fetchall(),  # fmt: skip
            "events": con.execute("select * exclude (first_reported_at) from events order by 1").fetchall(),
            "log": con.execute(
                "select kind, article_key, content_hash from raw.article_log order by 3"
            ).fetchall(),
            "quarantine": con.execute(
                "select source_path, record_index, reason from quarantine order by all"
            ).fetchall(),
            "weekly": con.execute("select * from marts.events_weekly order by all").fetchall(),
        }
    finally:
        con.close()


def quarantine_reasons(con) -> dict[str, str]:
    """Why each quarantined input was refused, by "source_path:record_index"."""
    rows = con.execute("select source_path, record_index, reason from quarantine").fetchall()
    return {f"{path}:{index}": reason for path, index, reason in rows}
