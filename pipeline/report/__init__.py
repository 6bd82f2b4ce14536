"""``python -m pipeline report``: one self-contained HTML page of charts and a map of the events.

Guarantees: the page fetches nothing when it opens (no tiles, scripts, fonts or styles from elsewhere: the
charts and the map are inline SVG, the country outlines come from Natural Earth data installed with the
project, see basemap.py); every event with coordinates is one ``circle.marker`` on the map, sized by its
fatalities and coloured by its type, and clicking it shows the event's fields and the sentences that report
it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.report.charts import TYPE_COLORS, hbars, stacked_bars
from pipeline.report.data import ReportData, read_report_data
from pipeline.report.map import map_svg
from pipeline.report.page import render_page


def build_report(con: duckdb.DuckDBPyConnection, title: str = "Conflict events", source: str = "") -> str:
    """The whole page, as one HTML string."""
    return render_page(read_report_data(con), title=title, source=source)


def write_report(con: duckdb.DuckDBPyConnection, out: Path, source: str = "") -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(build_report(con, source=source), encoding="utf-8")
    return out


def charts(data: ReportData) -> dict[str, str]:
    """The four charts as SVG, by name (the page shows them; the aggregates asset reuses the data)."""
    weeks = [str(w) for w in data.weeks]
    return {
        "events per week by type": stacked_bars(
            "Events per week, by event type", weeks, {t: v for t, v in data.events_by_type.items() if any(v)}
        ),
        "fatalities per week": stacked_bars(
            "Fatalities per week (lowest credible; lighter: up to the highest reported)",
            weeks,
            {"fatalities": data.fatalities, "up to highest reported": data.fatalities_extra},
            colors={"fatalities": "#b03a2e", "up to highest reported": "#f1b8b0"},
        ),
        "top actor dyads": hbars(
            "Top actor dyads (events)",
            [f"{a} vs {b}" for a, b, _, _ in data.dyads],
            [n for _, _, n, _ in data.dyads],
            color="#34495e",
        ),
        "source coverage": hbars(
            "Source coverage (events reported per outlet)",
            [f"{outlet} ({exclusive} only here)" for outlet, _, exclusive in data.coverage],
            [events for _, events, _ in data.coverage],
            color="#2e86c1",
        ),
    }


__all__ = ["TYPE_COLORS", "build_report", "charts", "map_svg", "write_report"]
