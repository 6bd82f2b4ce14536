"""The report as a person sees it: rendered by headless Chromium with the network off, the map drew one marker
per event and a click target opens the event's card; the page links to nothing outside itself.

Set EVENTS_SCREENSHOT_OUT=docs/report.png to keep the screenshot the browser took (the README shows it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from pipeline.report import build_report

pytestmark = pytest.mark.slow

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
# No network for the browser: its own network namespace when we may make one, proxy and DNS going nowhere.
OFFLINE_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars",
]  # fmt: skip


@pytest.fixture(scope="module")
def page(demo_load, tmp_path_factory) -> tuple[Path, int]:
    """The demo's report written to a file, and how many events have coordinates."""
    con = duckdb.connect(str(demo_load.warehouse), read_only=True)
    try:
        html = build_report(con, source="the bundled samples")
        (placed,) = con.execute("select count(*) from events where latitude is not null").fetchone()
    finally:
        con.close()
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(html, encoding="utf-8")
    return path, placed


def browser() -> list[str]:
    found = next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no Chromium in CI: .ci/run installs Debian's chromium package before the tests")
        pytest.skip("no Chromium here (apt-get install chromium); the page was not rendered")
    offline = [] if os.geteuid() != 0 or not shutil.which("unshare") else ["unshare", "--net"]
    return [*offline, found, *OFFLINE_FLAGS]


def test_the_page_needs_nothing_from_outside(page):
    path, placed = page
    html = path.read_text(encoding="utf-8")
    assert placed > 0
    assert len(re.findall(r'<circle class="marker"', html)) == placed
    # The only URL is the SVG namespace (a name, never fetched).
    assert set(re.findall(r"https?://[^\s\"'<>)]+", html)) <= {"http://www.w3.org/2000/svg"}
    assert not re.search(r"<link\b|@import|url\(|\bsrc=", html)
    for heading in ("Events per week", "Fatalities per week", "Top actor dyads", "Source coverage"):
        assert heading in html


def test_chromium_draws_the_markers_and_the_popup(page, tmp_path: Path):
    path, placed = page
    command = browser()
    dom = subprocess.run(
        [*command, "--dump-dom", f"{path.as_uri()}#event-0"], capture_output=True, text=True, timeout=180
    ).stdout
    assert len(re.findall(r'<circle class="marker"', dom)) == placed
    # The script ran: "#event-0" opened the first event's card, with its fields and sentences.
    popup = re.search(r'<div id="popup"[^>]*>(.*?)</div>\s*</div>', dom, re.S)
    assert popup and "hidden" not in popup.group(0).split(">", 1)[0]
    assert "sub-type" in popup.group(1) and "<blockquote>" in popup.group(1)
    shot = tmp_path / "report.png"
    subprocess.run(
        [*command, "--window-size=1280,1400", f"--screenshot={shot}", f"{path.as_uri()}#event-0"],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a blank page compresses far smaller
    keep = os.environ.get("EVENTS_SCREENSHOT_OUT")
    if keep:
        shutil.copyfile(shot, keep)
