"""The report's charts as markdown tables and a few totals: what the Dagster UI can show on the aggregates
asset (it renders markdown, and plots numeric metadata across materializations)."""

from __future__ import annotations

from pipeline.report.data import ReportData


def _table(header: list[str], rows: list[list]) -> str:
    if not rows:
        return "_no rows_\n"
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def totals(data: ReportData) -> dict[str, int]:
    """Numbers Dagster plots over time, one point per run."""
    return {
        "events": len(data.events),
        "fatalities": sum(e["fatalities"] or 0 for e in data.events),
        "events_on_map": len(data.mapped),
        "multi_source_events": sum(1 for e in data.events if (e["num_sources"] or 0) > 1),
        "countries": len({e["country_code"] for e in data.events if e["country_code"]}),
        "outlets": len(data.coverage),
    }


def summary_markdown(data: ReportData) -> str:
    types = [t for t, values in data.events_by_type.items() if any(values)]
    weekly = [
        [str(week)] + [data.events_by_type[t][i] for t in types] + [data.fatalities[i]]
        for i, week in enumerate(data.weeks)
    ]
    return (
        "### Events per week, by event type\n"
        + _table(["week", *types, "fatalities"], weekly)
        + "\n### Top actor dyads\n"
        + _table(["actor1", "actor2", "events", "fatalities"], [list(d) for d in data.dyads])
        + "\n### Source coverage\n"
        + _table(["outlet", "events", "only this outlet"], [list(c) for c in data.coverage])
        + "\nThe same as charts and a map: `python -m pipeline report`.\n"
    )
