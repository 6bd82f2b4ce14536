"""Several runs started at the same moment on a new DAGSTER_HOME: none crashes creating the storage."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest
from faultkit import REPORTS, write_jsonl

from pipeline.config import PROJECT_ROOT

pytestmark = pytest.mark.slow


def test_three_runs_at_once_on_a_new_dagster_home(tmp_path):
    home = tmp_path / "new_home"  # does not exist yet: no dagster.yaml, no storage
    landing = tmp_path / "landing"
    landing.mkdir()
    write_jsonl(landing / "wire.jsonl", REPORTS[:1])
    warehouse = tmp_path / "events.duckdb"
    argv = [sys.executable, "-m", "pipeline", "run", "--landing", str(landing), "--warehouse", str(warehouse)]
    procs = [
        subprocess.Popen(
            argv,
            env={**os.environ, "DAGSTER_HOME": str(home)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=PROJECT_ROOT,
        )  # fmt: skip
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=600)[0] for p in procs]
    for proc, out in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, out[-3000:]
        assert "run: succeeded" in out
    assert sum("batches loaded: 1" in out for out in outputs) == 1  # one loads it; the others find it done
    assert (home / "dagster.yaml").exists()
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("select count(*) from articles").fetchone() == (1,)
    con.close()
