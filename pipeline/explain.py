"""One event and why it is there: ``python -m pipeline explain EVENT_ID``.

Before citing an event an analyst reads the sentences that report it. This puts on one page what the
warehouse knows about the event: what was coded (type, actors, toll), where and when with the evidence for
each (``geo_evidence``, ``date_evidence``), whether it is in ``events`` or was withheld and which facts moved
its event score, and every report in order: the article (outlet, date, title), the sentence, the trigger,
and what detection decided for it. Read-only, over the analyst views (``warehouse/queries/explain.sql``).
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb

from pipeline import event_score
from pipeline.queries import query, query_rows

# What each evidence code means (README, "Fields and their precision codes").
PLACE_EVIDENCE = {
    "sentence": "named in the event's own sentence",
    "town_nearby": "a town of the sentences around it, inside the region its own sentence names",
    "nearby_sentence": "its own sentence names no place; the sentences around it do",
    "dateline": "the city the report was filed from",
    "article_country": "only the country the article's places point to",
    "unknown": "no place told",
}
DATE_EVIDENCE = {
    "sentence": "told in its own sentence",
    "story": "counted from the story's event",
    "publication": "no date told: the days before the article was published",
    "unknown": "no date told, and the article has none",
}
SHOWN_REASONS = 3  # facts that moved the event score most, each way


class EventNotFound(LookupError):
    """No event, or more than one, has the reference given."""


def find_event(con: duckdb.DuckDBPyConnection, reference: str) -> dict:
    """The event (or withheld event) whose id is ``reference`` or starts with it; ``held_in`` says which."""
    reference = reference.strip()
    if not reference:
        raise EventNotFound("give an event id (or its first characters)")
    rows = query_rows(con, query("explain.events_by_prefix"), [reference, reference])
    exact = [r for r in rows if r["event_id"] == reference]
    if exact:
        return exact[0]
    if not rows:
        raise EventNotFound(f"no event id starts with {reference!r} (in events or withheld_events)")
    if len(rows) > 1:
        shown = ", ".join(r["event_id"] for r in rows[:5])
        raise EventNotFound(
            f"{len(rows)} events start with {reference!r}: {shown}{', ...' if len(rows) > 5 else ''}"
        )
    return rows[0]


def explain(con: duckdb.DuckDBPyConnection, reference: str) -> str:
    """The page ``python -m pipeline explain`` prints for one event."""
    event = find_event(con, reference)
    reports = query_rows(con, query("explain.event_reports"), [event["event_id"]])
    lines = [_headline(event), *_coding(event), *_score(event, reports), *_reports(reports)]
    return "\n".join(lines)


def _headline(event: Mapping) -> str:
    where = (
        "withheld: in withheld_events, not in events"
        if event["held_in"] == "withheld_events"
        else "in events"
    )
    return f"event {event['event_id']} ({where})\n  {event['event_type']} / {event['sub_event_type']}"


def _coding(event: Mapping) -> list[str]:
    country = event.get("country") or event.get("country_code")  # withheld events have only the code
    place = ", ".join(str(p) for p in (event.get("location"), event.get("admin1"), country) if p)
    if event.get("latitude") is not None:
        place += f" ({event['latitude']:.3f}, {event['longitude']:.3f})"
    window = (
        f"{event.get('date_start')} to {event.get('date_end')}" if event.get("date_start") else "no window"
    )
    toll = "not told" if event.get("fatalities") is None else str(event["fatalities"])
    if event.get("fatalities_max") not in (None, event.get("fatalities")):
        toll += f" to {event['fatalities_max']}"
    geo, date = event.get("geo_evidence") or "unknown", event.get("date_evidence") or "unknown"
    return [
        f"  where: {place or 'unknown'} [{event.get('geo_precision')}; {geo}: "
        f"{PLACE_EVIDENCE.get(geo, geo)}]",
        f"  when: {event.get('event_date')} [{event.get('date_precision')}, {window}; {date}: "
        f"{DATE_EVIDENCE.get(date, date)}]",
        f"  who: {event.get('actor1') or 'unknown'}{_inter(event.get('inter1'))} against "
        f"{event.get('actor2') or 'no one named'}{_inter(event.get('inter2'))}",
        f"  killed: {toll}; injured: {'not told' if event.get('injured') is None else event['injured']}",
        f"  reports: {event.get('num_mentions')}, articles: {event.get('num_articles')}, outlets: "
        f"{event.get('num_sources')}; confidence {event.get('confidence')}",
    ]


def _inter(code: int | None) -> str:
    return "" if code is None else f" (inter {code})"


def _score(event: Mapping, reports: list[dict]) -> list[str]:
    if event.get("event_score") is None:
        return ["  event score: not judged (short reports or undated articles are kept as they are)"]
    model = event_score.weights()
    threshold = model.threshold if model is not None else event_score.THRESHOLD
    lines = [
        f"  event score: {event['event_score']} (withheld below {threshold}); against the average event it"
        " learnt from, in log-odds:"
    ]
    terms = event_score.reasons(event, reports)
    raised = [f"{_fact(name, value)} {effect:+.2f}" for name, value, effect in terms if effect > 0]
    lowered = [f"{_fact(name, value)} {effect:+.2f}" for name, value, effect in terms if effect < 0]
    if raised:
        lines.append(f"    raised most by: {', '.join(raised[:SHOWN_REASONS])}")
    if lowered:
        lines.append(f"    lowered most by: {', '.join(lowered[:SHOWN_REASONS])}")
    return lines


def _fact(name: str, value: float) -> str:
    """A feature as the event has it: ``toll_told`` when true, ``not toll_told`` when false, ``confidence
    0.8`` for a number."""
    if name in event_score.NUMERIC_FEATURES:
        return f"{name} {value:.2f}"
    return name if value else f"not {name}"


def _reports(reports: list[dict]) -> list[str]:
    lines = [f"reports ({len(reports)}):"]
    article = None
    for r in reports:
        if r["article_id"] != article:
            article = r["article_id"]
            published = r["published_at"].date() if r.get("published_at") else "undated"
            lines.append(
                f"  {published} {r.get('outlet') or 'unknown outlet'}: {r.get('title') or '(no title)'}"
            )
            lines.append(f"    source {r['source_id']}, article {article[:12]}")
        decided = f"{r['reason']}: {r['reason_meaning']}" if r.get("reason") else "no candidate row"
        lines.append(
            f"    sentence {r['sentence_index']}, trigger {r['trigger']!r} -> {r['sub_event_type']}"
            f" at {r.get('location') or 'no place'} ({r.get('geo_evidence')}), {r.get('date_start')}"
            f" ({r.get('date_evidence')}){', background' if r.get('is_background') else ''} [{decided}]"
        )
        lines.append(f'      "{r["sentence"]}"')
    return lines
