"""What changed, and when: the dedup step's diff of the events before and after it, tagged with the log.

Every table is a projection of the article log, so an event can change whenever the log grows: a new report
joins it, a correction changes its toll or place, a retraction removes it, a new report merges two events
or splits one. ``record_event_changes`` runs inside the dedup step's transaction, compares the events being
replaced with the new ones and appends one row per change to ``core.event_changes``, with the log entries the
step was the first to see (``log_seq_from`` < seq <= ``log_seq_to``) and, per change, the entry that caused
it. The table only grows; ``main.event_history`` (warehouse/views.sql) joins it with the log.

A rebuild replays the log into fresh projections and diffs the result against the events it replaces: with
the same code nothing changes and nothing is recorded, so the history survives a rebuild as it was; with a new
extractor the rebuild's own differences are recorded (no log entry: ``log_seq`` is NULL). The history is what
the warehouse published, in order; it is not recomputed from the log.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field

import duckdb
import polars as pl

from pipeline.config import EXTRACTOR_VERSION
from pipeline.queries import query
from pipeline.warehouse import frame_schema

# What each kind of change compares. Confidence and first_reported_at follow from the reports and are not
# changes of their own.
FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "type_changed": ("event_type", "sub_event_type"),
    "date_changed": ("event_date", "date_start", "date_end", "date_precision"),
    "place_changed": ("location", "admin1", "country_code", "latitude", "longitude", "geo_precision"),
    "actors_changed": ("actor1", "actor2"),
    "toll_changed": ("fatalities", "fatalities_max", "injured"),
}
COUNT_FIELDS = ("num_mentions", "num_articles", "num_sources")
CHANGE_KINDS = (
    "created", "split", "report_joined", "report_updated", "report_removed", "mentions_changed",
    *FIELD_GROUPS, "merged", "removed",
)  # fmt: skip
# Kinds after which the event no longer exists, and kinds that bring a new event id.
GONE = ("removed", "merged")
NEW = ("created", "split")


@dataclass
class EventChange:
    """One change of one event between two states of the events table."""

    event_id: str
    change: str
    values_before: dict | None
    values_after: dict | None
    related_event_id: str | None = None
    article_keys: set[str] = field(default_factory=set)  # the articles whose log entries may have caused it

    @property
    def fields(self) -> list[str]:
        return sorted(set(self.values_before or {}) | set(self.values_after or {}))


def diff_events(
    before: list[dict],
    before_members: dict[str, str],
    after: list[dict],
    after_members: dict[str, str],
    mention_articles: dict[str, tuple[str, str]],
) -> list[EventChange]:
    """The changes that turn one state of the events into the next (pure; no warehouse).

    ``*_members`` map mention_id -> event_id; ``mention_articles`` maps mention_id -> (article_key,
    article_id) for every mention of either state."""
    old = {e["event_id"]: e for e in before}
    new = {e["event_id"]: e for e in after}
    old_mentions = _by_event(before_members)
    new_mentions = _by_event(after_members)

    def keys(mentions: set[str]) -> set[str]:
        return {mention_articles[m][0] for m in mentions if m in mention_articles}

    def versions(mentions: set[str]) -> set[tuple[str, str]]:
        return {mention_articles[m] for m in mentions if m in mention_articles}

    changes: list[EventChange] = []
    for event_id in sorted(new.keys() - old.keys()):
        mentions = new_mentions.get(event_id, set())
        came_from = Counter(before_members[m] for m in mentions if before_members.get(m) in new)
        related = came_from.most_common(1)[0][0] if came_from else None
        changes.append(EventChange(event_id, "split" if related else "created", None, _values(new[event_id]),
                                   related, keys(mentions)))  # fmt: skip
    for event_id in sorted(old.keys() - new.keys()):
        mentions = old_mentions.get(event_id, set())
        went_to = Counter(after_members[m] for m in mentions if after_members.get(m) in new)
        related = went_to.most_common(1)[0][0] if went_to else None
        changes.append(EventChange(event_id, "merged" if related else "removed", _values(old[event_id]), None,
                                   related, keys(mentions)))  # fmt: skip
    for event_id in sorted(old.keys() & new.keys()):
        a, b = old[event_id], new[event_id]
        m_old, m_new = old_mentions.get(event_id, set()), new_mentions.get(event_id, set())
        k_old, k_new = keys(m_old), keys(m_new)
        touched = k_old | k_new
        counts_before = {f: a[f] for f in COUNT_FIELDS if a[f] != b[f]}
        counts_after = {f: b[f] for f in COUNT_FIELDS if a[f] != b[f]}
        reports = []
        if k_new - k_old:
            reports.append(("report_joined", k_new - k_old))
        if k_old - k_new:
            reports.append(("report_removed", k_old - k_new))
        updated = {k for k, _ in versions(m_old) ^ versions(m_new)} & k_old & k_new
        if updated:
            reports.append(("report_updated", updated))
        if not reports and counts_before:
            reports.append(("mentions_changed", touched))
        for kind, cause in reports:
            was = {**counts_before, "articles": sorted(k_old)}
            now = {**counts_after, "articles": sorted(k_new)}
            changes.append(EventChange(event_id, kind, was, now, article_keys=cause))
        for kind, names in FIELD_GROUPS.items():
            diff = [f for f in names if a[f] != b[f]]
            if diff:
                was, now = _jsonable({f: a[f] for f in diff}), _jsonable({f: b[f] for f in diff})
                changes.append(EventChange(event_id, kind, was, now, article_keys=touched))
    return changes


def _by_event(members: dict[str, str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for mention_id, event_id in members.items():
        out.setdefault(event_id, set()).add(mention_id)
    return out


def _values(event: dict) -> dict:
    keep = [f for names in FIELD_GROUPS.values() for f in names] + list(COUNT_FIELDS)
    return _jsonable({f: event.get(f) for f in keep})


def _jsonable(values: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, dt.date | dt.datetime) else v) for k, v in values.items()}


def record_event_changes(
    con: duckdb.DuckDBPyConnection,
    events: pl.DataFrame,
    members: pl.DataFrame,
    run_id: str | None = None,
) -> int:
    """Append the changes from the current ``core.events`` to ``events`` (call inside the dedup step's
    transaction, before the events are replaced). Returns the number of changes recorded.

    On a warehouse that has events but no history yet, every event is recorded as created, once."""
    started = con.execute(query("history.watermark")).fetchone()
    seq_from = started[0] if started else 0
    seq_to = con.execute(query("history.last_log_seq")).fetchone()[0]
    if started:
        before = con.execute(query("history.events_now")).pl().to_dicts()
        before_members = dict(con.execute(query("history.members_now")).fetchall())
    else:
        before, before_members = [], {}
    after_members = dict(zip(members["mention_id"].to_list(), members["event_id"].to_list(), strict=True))
    mention_articles = {
        m: (key, article) for m, key, article in con.execute(query("history.mention_articles")).fetchall()
    }
    changes = diff_events(before, before_members, events.to_dicts(), after_members, mention_articles)
    entries = con.execute(query("history.log_entries_between"), [seq_from, seq_to]).fetchall()
    first = con.execute(query("history.next_change_seq")).fetchone()[0]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [
        {
            "change_seq": first + i,
            "event_id": c.event_id,
            "change": c.change,
            "related_event_id": c.related_event_id,
            "fields": c.fields,
            "values_before": json.dumps(c.values_before) if c.values_before is not None else None,
            "values_after": json.dumps(c.values_after) if c.values_after is not None else None,
            "log_seq": _cause(entries, c.article_keys),
            "log_seq_from": seq_from,
            "log_seq_to": seq_to,
            "run_id": run_id,
            "extractor_version": EXTRACTOR_VERSION,
            "recorded_at": now,
        }
        for i, c in enumerate(changes)
    ]
    if rows:
        frame = pl.DataFrame(rows, schema=frame_schema(con, "core.event_changes"))
        con.register("_incoming", frame.to_arrow())
        con.execute(query("tables.insert_frame", table="core.event_changes"))
        con.unregister("_incoming")
    con.execute(query("history.clear_watermark"))
    con.execute(query("history.set_watermark"), [seq_to])
    return len(rows)


def _cause(entries: list[tuple[int, str]], article_keys: set[str]) -> int | None:
    """The latest new log entry about one of the change's articles; else the step's last new entry (an event
    can change because a neighbour did); None when the step saw no new entry (a rebuild, a rerun)."""
    mine = [seq for seq, key in entries if key in article_keys]
    if mine:
        return mine[-1]
    return entries[-1][0] if entries else None


# --- Reading the history ---------------------------------------------------------------------------------


def resolve_since(con: duckdb.DuckDBPyConnection, since: str) -> tuple[str, list]:
    """The statement (name and parameters) that selects the changes of ``--since DATE|RUN``.

    A date (or date and time) keeps the changes recorded at or after it. A Dagster run id (or a unique prefix
    of one) keeps the changes recorded by the runs after it: what a copy taken after that run lacks. Raises
    LookupError for a run that recorded no change (the caller may know when it finished)."""
    try:
        moment = dt.datetime.fromisoformat(since)
    except ValueError:
        moment = None
    if moment is not None:
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC)
        return "history.changes_since_time", [moment.replace(tzinfo=None)]
    runs = con.execute(query("history.runs_by_prefix"), [since]).fetchall()
    if len(runs) > 1:
        raise ValueError(f"run id prefix '{since}' matches {len(runs)} runs; give more of it")
    if not runs:
        raise LookupError(since)
    return "history.changes_after_seq", [runs[0][1]]


def changes(con: duckdb.DuckDBPyConnection, name: str, params: list) -> pl.DataFrame:
    """Rows of ``main.event_history`` selected by a ``history.changes_*`` statement, in recorded order."""
    return con.execute(query(name), params).pl()


def changes_text(frame: pl.DataFrame, heading: str) -> str:
    """What ``python -m pipeline changes`` prints: a count line, then one line per change.

    The counts are net: an event created in the window counts as created however often it changed after,
    an event that no longer exists as removed."""
    last: dict[str, str] = {}  # event -> its last change in the window
    new: set[str] = set()
    for event_id, change in zip(frame["event_id"], frame["change"], strict=True):
        last[event_id] = change
        if change in NEW:
            new.add(event_id)
    removed = {e for e, c in last.items() if c in GONE}
    created = new - removed
    changed = set(last) - created - removed
    lines = [f"{heading}: {len(created)} created, {len(changed)} changed, {len(removed)} removed "
             f"({frame.height} changes)"]  # fmt: skip
    for row in frame.iter_rows(named=True):
        lines.append(_change_line(row))
    return "\n".join(lines)


def _change_line(row: dict) -> str:
    before = json.loads(row["values_before"]) if row["values_before"] else {}
    after = json.loads(row["values_after"]) if row["values_after"] else {}
    change = row["change"]
    if change in NEW:
        what = _summary(after) + (f" (split from {row['related_event_id']})" if change == "split" else "")
    elif change in GONE:
        what = _summary(before) + (f" (merged into {row['related_event_id']})" if change == "merged" else "")
    else:
        what = ", ".join(f"{f} {_show(before.get(f))} -> {_show(after.get(f))}" for f in row["fields"])
    cause = (
        f"log {row['log_seq']} {row['log_kind']} {row['article_key']}, batch {row['batch_id']}"
        if row["log_seq"] is not None
        else f"no new log entry ({row['extractor_version']}: rebuild or rerun)"
    )
    when = row["recorded_at"].strftime("%Y-%m-%d %H:%M:%S")
    return f"{when}  {change:<16} {row['event_id']}  {what}  [{cause}]"


def _summary(values: dict) -> str:
    place = values.get("location") or values.get("admin1") or values.get("country_code") or "unknown place"
    return (f"{values.get('event_date') or 'undated'} {values.get('sub_event_type')} at {place}"
            f" ({values.get('country_code') or '?'}), fatalities {values.get('fatalities')}")  # fmt: skip


def _show(value) -> str:
    return "NULL" if value is None else str(value)


def deleted_events(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Events the history says were removed or merged and that do not exist now (ACLED's deletions list):
    ``event_id``, ``deleted_at``, ``change``, ``merged_into`` and the event's last values (JSON)."""
    return con.execute(query("history.deleted_events")).pl()
