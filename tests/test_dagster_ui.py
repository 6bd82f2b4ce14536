"""`python -m pipeline ui` (`dg dev`) serves this project: its GraphQL API lists the assets, checks, jobs,
sensor and schedule, and it starts without deprecation warnings.

The server started in the background ignores SIGTERM, so it runs in its own process group and is killed as a
group."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

QUERY = """
{ assetNodes { assetKey { path } groupName hasAssetChecks }
  repositoriesOrError { ... on RepositoryConnection { nodes {
      jobs { name } sensors { name } schedules { name cronSchedule } } } } }
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dagster_dev_serves_the_asset_graph(tmp_path: Path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    port = free_port()
    env = {**os.environ, "DAGSTER_HOME": str(home), "EVENTS_WAREHOUSE": str(tmp_path / "w.duckdb"),
           "EVENTS_LANDING_DIR": str(tmp_path)}  # fmt: skip
    log = tmp_path / "ui.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "ui", "--port", str(port)],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        data = None
        deadline = time.monotonic() + 360
        while time.monotonic() < deadline and data is None:
            time.sleep(2)
            try:
                req = urllib.request.Request(
                    f"http://127.0.0.1:{port}/graphql",
                    data=json.dumps({"query": QUERY}).encode(),
                    headers={"Content-Type": "application/json"},
                )
                with urllib.request.urlopen(req, timeout=10) as resp:
                    body = json.loads(resp.read())
                if body.get("data", {}).get("assetNodes"):
                    data = body["data"]
            except OSError:
                continue
        assert data is not None, (
            "the UI did not serve the project in time:\n" + log.read_text(errors="replace")[-3000:]
        )
        groups = {"/".join(n["assetKey"]["path"]): n["groupName"] for n in data["assetNodes"]}
        assert groups == {
            "raw_articles": "raw",
            "clean_articles": "clean",
            "event_mentions": "extract",
            "events": "dedup",
            "event_aggregates": "aggregates",
            "exports": "exports",
        }
        assert all(n["hasAssetChecks"] for n in data["assetNodes"])
        (repo,) = data["repositoriesOrError"]["nodes"]
        assert {"process_batch", "refresh_events", "rebuild"} <= {j["name"] for j in repo["jobs"]}
        assert sorted(s["name"] for s in repo["sensors"]) == ["landing_sensor", "warehouse_pool_monitor"]
        assert [(s["name"], s["cronSchedule"]) for s in repo["schedules"]] == [
            ("landing_schedule", "0 * * * *")
        ]
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    printed = log.read_text(errors="replace")
    for warning in ("SupersessionWarning", "DeprecationWarning", "BetaWarning", "PreviewWarning"):
        assert warning not in printed, printed
