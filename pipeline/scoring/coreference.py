"""``dedup`` gold: which event each short report tells (``tests/fixtures/gold/dedup_gold.json``). Event
coreference between reports: pairwise and B-cubed precision, recall and F1, and the gold events split or
wrongly merged."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import duckdb

from pipeline.queries import query
from pipeline.scoring.metrics import bcubed_scores, co_referent_pairs, pair_scores, pairwise_scores
from pipeline.scoring.rows import query_rows, round3


def main_events(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Per report (``source_id``): its main event, and every event any of its mentions belongs to.

    The main event is the event of the report's highest-confidence mention (ties: the earliest sentence).
    A report tells one story but may mention earlier ones as background; taking its strongest mention
    gives every report exactly one event, i.e. a clustering, which B-cubed needs. A report with no
    mention has no main event (the scorers treat it as a cluster of its own)."""
    best: dict[str, tuple] = {}
    linked: dict[str, set[str]] = defaultdict(set)
    for row in query_rows(con, query("scoring.report_mentions")):
        report = str(row["source_id"])
        linked[report].add(row["event_id"])
        rank = (-(row["confidence"] or 0.0), row["sentence_index"], row["event_id"])
        if report not in best or rank < best[report]:
            best[report] = rank
    return {report: rank[2] for report, rank in best.items()}, dict(linked)


def score_dedup(con: duckdb.DuckDBPyConnection, gold: Mapping) -> dict:
    """Pairwise and B-cubed scores of the warehouse's report clustering against the gold one.

    Headline scores use each report's main event (see ``main_events``). ``any_mention_pairwise_*``
    instead call two reports co-referent when any of their mentions share an event, which also counts
    the links that background mentions make."""
    truth: dict[str, str] = dict(gold["reports"])
    main, linked = main_events(con)
    predicted = {r: main.get(r, f"(no event: {r})") for r in truth}
    pairwise, bcubed = pairwise_scores(truth, predicted), bcubed_scores(truth, predicted)
    reports = sorted(truth)
    any_pairs = {
        frozenset((a, b))
        for i, a in enumerate(reports)
        for b in reports[i + 1 :]
        if linked.get(a, set()) & linked.get(b, set())
    }
    any_mention = pair_scores(co_referent_pairs(truth), any_pairs)

    clusters_of: dict[str, set[str]] = defaultdict(set)  # gold event -> predicted clusters
    events_in: dict[str, set[str]] = defaultdict(set)  # predicted cluster -> gold events
    for report, event in truth.items():
        clusters_of[event].add(predicted[report])
        events_in[predicted[report]].add(event)
    split = sorted(e for e, clusters in clusters_of.items() if len(clusters) > 1)
    wrongly_merged = sorted({e for events in events_in.values() if len(events) > 1 for e in events})
    merged_hard_negatives = [
        pair["events"] for pair in gold.get("hard_negatives", [])
        if clusters_of[pair["events"][0]] & clusters_of[pair["events"][1]]
    ]  # fmt: skip
    background_links = [
        b for b in gold.get("background_mentions", [])
        if linked.get(b["report"], set())
        & {main[r] for r, e in truth.items() if e == b["mentions"] and r in main and r != b["report"]}
    ]  # fmt: skip
    return {
        "reports": len(truth),
        "gold_events": len(set(truth.values())),
        "predicted_clusters": len(set(predicted.values())),
        "reports_without_event": sum(1 for r in truth if r not in main),
        "pairwise_precision": round3(pairwise.precision),
        "pairwise_recall": round3(pairwise.recall),
        "pairwise_f1": round3(pairwise.f1),
        "bcubed_precision": round3(bcubed.precision),
        "bcubed_recall": round3(bcubed.recall),
        "bcubed_f1": round3(bcubed.f1),
        "any_mention_pairwise_precision": round3(any_mention.precision),
        "any_mention_pairwise_recall": round3(any_mention.recall),
        "any_mention_pairwise_f1": round3(any_mention.f1),
        "split_events": len(split),
        "wrongly_merged_events": len(wrongly_merged),
        "split": split,
        "wrongly_merged": wrongly_merged,
        "merged_hard_negatives": merged_hard_negatives,
        "background_mentions_linked": [f"{b['report']} -> {b['mentions']}" for b in background_links],
        "clusters": {
            cluster: sorted(r for r in truth if predicted[r] == cluster)
            for cluster in sorted(set(predicted.values()))
        },
    }
