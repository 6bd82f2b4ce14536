"""Scoring: a loaded warehouse against hand-annotated gold (what ``python -m pipeline eval`` reports).

Three kinds of gold, three scorers, all plain Python over the analyst views (``articles``, ``events``,
``event_mentions``) of a DuckDB warehouse, read-only:

- ``events``: gold events per document, with place aliases, date windows and actor aliases (the format of
  ``tests/fixtures/gold/samples_gold.json``). Precision and recall of the deduplicated events, then type,
  sub-type, actor and fatality accuracy on the matched ones, multi-source merges and hypothetical hits.
- ``dedup``: which event each short report tells (``tests/fixtures/gold/dedup_gold.json``). Event
  coreference between reports: pairwise and B-cubed precision, recall and F1, and the gold events split or
  wrongly merged.
- ``reports``: one gold label per short report, CASE 2021 style (sub-event type, or a non-ACLED label that
  should yield nothing) or ACLED style (full coding). Per article, the event with the highest confidence is
  compared with the label.

The metric functions (``pairwise_scores``, ``bcubed_scores``, ``weighted_f1``) know nothing of warehouses
and are tested on hand-made clusterings. Loading an input through the real Dagster job before scoring it is
``app.evaluate``'s part: nothing here needs Dagster.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import duckdb

from pipeline.dedup import km
from pipeline.queries import query
from pipeline.vocabulary import VIOLENT_TYPES

KINDS = ("events", "dedup", "reports")
REPORT_STYLES = ("case", "acled")

# Places and dates of the extractor and of the annotators rarely agree to the kilometre or the day.
DEFAULT_PLACE_RADIUS_KM = 30.0
DATE_SLACK = dt.timedelta(days=1)
REPORT_RADIUS_KM = 50.0

# The keys of the one-line summary of each kind, in print order.
SUMMARY_KEYS = {
    "events": (
        "precision", "recall", "f1", "type_acc", "sub_type_acc", "actor1_acc", "actor2_acc",
        "fatalities_acc", "multi_source_merged", "multi_source_gold", "duplicate_predictions",
        "hypothetical_hits", "predicted_events",
    ),
    "dedup": (
        "pairwise_precision", "pairwise_recall", "pairwise_f1", "bcubed_precision", "bcubed_recall",
        "bcubed_f1", "gold_events", "predicted_clusters", "split_events", "wrongly_merged_events",
        "reports_without_event",
    ),
    "reports": (
        "style", "n", "detected", "sub_type_weighted_f1", "type_weighted_f1", "sub_type_acc", "type_acc",
        "non_acled_quiet", "location_50km", "date_exact", "date_1d", "fatalities_exact", "actor1",
        "end_to_end_exact",
    ),
}  # fmt: skip


# --- metrics: pure functions over labels and clusterings -------------------------------------------------


@dataclass(frozen=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> PRF:
        return cls(precision, recall, harmonic_mean(precision, recall))


def harmonic_mean(precision: float, recall: float) -> float:
    return f_beta(precision, recall, 1.0)


def f_beta(precision: float, recall: float, beta: float) -> float:
    """F-measure weighing recall ``beta`` times as much as precision (F1: the harmonic mean)."""
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall) if precision + recall else 0.0


def _ratio(part: float, whole: float) -> float:
    # An undefined ratio (nothing predicted, nothing to find) counts as 0, as in the shared scorers.
    return part / whole if whole else 0.0


def co_referent_pairs(clusters: Mapping[str, Hashable]) -> set[frozenset[str]]:
    """Every unordered pair of items that carry the same cluster label."""
    members: dict[Hashable, list[str]] = defaultdict(list)
    for item, label in clusters.items():
        members[label].append(item)
    pairs: set[frozenset[str]] = set()
    for group in members.values():
        group.sort()
        pairs.update(frozenset((a, b)) for i, a in enumerate(group) for b in group[i + 1 :])
    return pairs


def pair_scores(gold_pairs: set[frozenset[str]], predicted_pairs: set[frozenset[str]]) -> PRF:
    """Precision and recall of predicted same-event pairs against gold ones (both empty: perfect)."""
    if not gold_pairs and not predicted_pairs:
        return PRF(1.0, 1.0, 1.0)
    hits = len(gold_pairs & predicted_pairs)
    return PRF.of(_ratio(hits, len(predicted_pairs)), _ratio(hits, len(gold_pairs)))


def pairwise_scores(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> PRF:
    """Pairwise coreference scores of a predicted clustering (item -> cluster) against the gold one.

    Only gold items count; an item the prediction does not cover is a singleton."""
    covered = {item: predicted[item] for item in gold if item in predicted}
    return pair_scores(co_referent_pairs(gold), co_referent_pairs(covered))


def bcubed_scores(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> PRF:
    """B-cubed precision and recall: per item, the share of its predicted cluster that is in its gold
    cluster, and the share of its gold cluster that is in its predicted cluster, averaged over the gold
    items. An item the prediction does not cover is a singleton."""
    if not gold:
        return PRF(0.0, 0.0, 0.0)
    predicted = {item: predicted.get(item, ("singleton", item)) for item in gold}
    gold_members: dict[Hashable, set[str]] = defaultdict(set)
    predicted_members: dict[Hashable, set[str]] = defaultdict(set)
    for item in gold:
        gold_members[gold[item]].add(item)
        predicted_members[predicted[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, truth = predicted_members[predicted[item]], gold_members[gold[item]]
        shared = len(mine & truth)
        precision += shared / len(mine)
        recall += shared / len(truth)
    return PRF.of(precision / len(gold), recall / len(gold))


def weighted_f1(pairs: Iterable[tuple[str | None, str | None]]) -> float:
    """F1 per gold label, averaged with the label's support as weight. ``pairs`` are (gold, predicted);
    a predicted label that is never gold only costs precision, a missing prediction (None) only recall."""
    pairs = list(pairs)
    support: dict[str, int] = defaultdict(int)
    for truth, _ in pairs:
        if truth is not None:
            support[truth] += 1
    total = sum(support.values())
    if not total:
        return 0.0
    score = 0.0
    for label, n in support.items():
        hits = sum(1 for truth, guess in pairs if truth == label and guess == label)
        predicted = sum(1 for _, guess in pairs if guess == label)
        score += harmonic_mean(_ratio(hits, predicted), hits / n) * n
    return score / total


def share(values: Iterable[bool | None]) -> float | None:
    """Share of true values, ignoring None (not applicable); None when nothing applies."""
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


# --- helpers shared by the scorers -----------------------------------------------------------------------


def normalize(text: Any) -> str:
    """Lower case, apostrophes dropped, anything else that is not a letter or digit turned into a space."""
    text = str(text or "").lower().replace("'", "").replace("\u2019", "")
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def query_rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


# --- events: deduplicated events against gold events per document -----------------------------------------


def document_keys(documents: Mapping[str, dict]) -> dict[str, str]:
    """Every name under which an article can carry a gold document's identity -> the document key.

    An article's ``source_id`` is the record's id or the file name; gold documents are keyed by the id,
    by the file stem, or (the seeds) by a number whose record id is ``seed-<number>``. Exact names only,
    so that ``ledger-7781`` never claims ``ledger-77810``."""
    names: dict[str, str] = {}
    for key, doc in documents.items():
        file = doc.get("file") or ""
        for name in (key, f"seed-{key}", file, PurePosixPath(file).stem if file else ""):
            if name:
                names.setdefault(name, key)
    return names


def document_of(source_id: str | None, names: Mapping[str, str]) -> str | None:
    if source_id is None:
        return None
    source_id = str(source_id)
    for name in (source_id, PurePosixPath(source_id).name, PurePosixPath(source_id).stem):
        if name in names:
            return names[name]
    return None


def place_matches(event: Mapping, place: Mapping) -> bool:
    """The event's location is one of the place's names (as a whole, or its first or last words), or
    its coordinates lie within the place's radius (not for country-level gold places)."""
    location = normalize(event.get("location"))
    if location:
        for alias in (normalize(a) for a in place.get("aliases", [])):
            if alias and (
                location == alias or location.startswith(alias + " ") or location.endswith(" " + alias)
            ):
                return True
    lat, lon = event.get("latitude"), event.get("longitude")
    if lat is None or lon is None or place.get("country_level"):
        return False
    return km(float(lat), float(lon), place["lat"], place["lon"]) <= place.get(
        "radius_km", DEFAULT_PLACE_RADIUS_KM
    )


def date_in_window(event: Mapping, window: list[str] | None) -> bool:
    """The event's date lies in the gold window, give or take a day. Undated events match no window."""
    day = as_date(event.get("event_date"))
    if day is None or not window:
        return False
    first, last = dt.date.fromisoformat(window[0]), dt.date.fromisoformat(window[1])
    return first - DATE_SLACK <= day <= last + DATE_SLACK


def types_compatible(event: Mapping, gold_event: Mapping) -> bool:
    """Same event type, or both violent (the violent types are often confused, and ACLED recodes them)."""
    predicted = event.get("event_type")
    return predicted == gold_event["type"] or (
        predicted in VIOLENT_TYPES and gold_event["type"] in VIOLENT_TYPES
    )


def actor_matches(value: str | None, actor_key: str | None, actors: Mapping[str, list[str]]) -> bool:
    """A gold actor of None accepts anything; otherwise one of its aliases is a whole-word part of the
    predicted actor."""
    if actor_key is None:
        return True
    padded = f" {normalize(value)} "
    return any(f" {normalize(alias)} " in padded for alias in actors.get(actor_key, []))


def score_events(con: duckdb.DuckDBPyConnection, gold: Mapping) -> dict:
    """Events of the gold documents against the gold events.

    A predicted event is judged when at least one gold document reports it. It matches a gold event when
    place, date window (plus or minus a day) and type agree; among several candidates the required one of
    the same type and sub-type wins. Precision = matched predictions / judged predictions; recall = required
    gold events found / required gold events. The accuracies are over the (gold, predicted) matched pairs."""
    names = document_keys(gold["documents"])
    documents_of_event: dict[str, set[str]] = defaultdict(set)
    for row in query_rows(con, query("scoring.event_documents")):
        documents_of_event[row["event_id"]].add(document_of(row["source_id"], names) or "?")
    events = query_rows(con, query("scoring.events"))
    scores = _event_scores(events, documents_of_event, gold)
    try:
        anchored = {row["event_id"] for row in query_rows(con, query("scoring.anchored_event_ids"))}
    except duckdb.CatalogException:  # a warehouse of the contract without our view: the full figures only
        return scores
    # The same figures over the events whose reports tell where and when (the view ``anchored_events``).
    scores[ANCHORED] = _event_scores(
        [e for e in events if e["event_id"] in anchored], documents_of_event, gold
    )
    return scores


ANCHORED = "anchored_events"


def gold_matches(event: Mapping, gold: Mapping) -> list[dict]:
    """The gold events a predicted event matches: its place, a date in the window (give or take a day) and a
    compatible type."""
    places = gold["places"]
    return [
        g for g in gold["events"]
        if place_matches(event, places[g["place"]]) and date_in_window(event, g["date"])
        and types_compatible(event, g)
    ]  # fmt: skip


def _event_scores(events: list[dict], documents_of_event: Mapping[str, set[str]], gold: Mapping) -> dict:
    """``score_events``' figures over some of the warehouse's events."""
    judged = [e for e in events if documents_of_event.get(e["event_id"], set()) - {"?"}]
    by_id = {e["event_id"]: e for e in judged}

    places, gold_events = gold["places"], gold["events"]
    matched: dict[str, str] = {}  # predicted event_id -> gold event id
    for event in judged:
        candidates = gold_matches(event, gold)
        if candidates:
            best = min(
                candidates,
                key=lambda g: (
                    not g["required"], event.get("event_type") != g["type"],
                    event.get("sub_event_type") != g.get("sub_type"),
                ),
            )  # fmt: skip
            matched[event["event_id"]] = best["id"]
    predictions_of: dict[str, list[str]] = defaultdict(list)
    for event_id, gold_id in matched.items():
        predictions_of[gold_id].append(event_id)

    required = [g for g in gold_events if g["required"]]
    found = [g for g in required if g["id"] in predictions_of]
    pairs = [(g, by_id[e]) for g in found for e in predictions_of[g["id"]]]
    actors = gold.get("actors", {})
    fatality_pairs = [(g, e) for g, e in pairs if "fatalities" in g]

    multi_source = [g for g in required if len(g.get("articles", [])) > 1]
    merged = sum(
        1 for g in multi_source
        if len(predictions_of.get(g["id"], [])) == 1
        and set(g["articles"]) <= documents_of_event.get(predictions_of[g["id"]][0], set())
    )  # fmt: skip
    hypothetical = [
        {"text": n["text"], "event_id": e["event_id"], "location": e.get("location")}
        for n in gold.get("negatives", [])
        for e in judged
        if e["event_id"] not in matched
        and n["doc"] in documents_of_event.get(e["event_id"], set())
        and place_matches(e, places[n["place"]])
    ]  # fmt: skip
    precision = _ratio(len(matched), len(judged))
    recall = _ratio(len(found), len(required))
    return {
        "predicted_events": len(judged),
        "matched_predictions": len(matched),
        "required_gold": len(required),
        "required_found": len(found),
        "precision": _r(precision),
        "recall": _r(recall),
        "f1": _r(harmonic_mean(precision, recall)),
        "type_acc": _r(share(e.get("event_type") == g["type"] for g, e in pairs)),
        "sub_type_acc": _r(share(e.get("sub_event_type") == g.get("sub_type") for g, e in pairs)),
        "actor1_acc": _r(share(actor_matches(e.get("actor1"), g.get("actor1"), actors) for g, e in pairs)),
        "actor2_acc": _r(share(actor_matches(e.get("actor2"), g.get("actor2"), actors) for g, e in pairs)),
        "fatalities_acc": _r(
            share(
                e.get("fatalities") is not None
                and g["fatalities"][0] <= e["fatalities"] <= g["fatalities"][1]
                for g, e in fatality_pairs
            )
        ),
        "multi_source_gold": len(multi_source),
        "multi_source_merged": merged,
        "duplicate_predictions": sum(len(v) - 1 for v in predictions_of.values()),
        "hypothetical_hits": len(hypothetical),
        "missed": [g["id"] for g in required if g["id"] not in predictions_of],
        "unmatched_predictions": [
            {
                k: by_id[e].get(k)
                for k in ("event_id", "event_date", "event_type", "sub_event_type", "location")
            }
            for e in by_id
            if e not in matched
        ][:40],
        "hypothetical_examples": hypothetical[:20],
    }


# --- dedup: event coreference between reports ------------------------------------------------------------


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
        "pairwise_precision": _r(pairwise.precision),
        "pairwise_recall": _r(pairwise.recall),
        "pairwise_f1": _r(pairwise.f1),
        "bcubed_precision": _r(bcubed.precision),
        "bcubed_recall": _r(bcubed.recall),
        "bcubed_f1": _r(bcubed.f1),
        "any_mention_pairwise_precision": _r(any_mention.precision),
        "any_mention_pairwise_recall": _r(any_mention.recall),
        "any_mention_pairwise_f1": _r(any_mention.f1),
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


# --- reports: one gold label per short report --------------------------------------------------------------


def best_event_per_article(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, dict], dict[str, set[str]]]:
    """Per article (``source_id``): the event with the highest confidence among those it reports (ties: the
    one reported earliest in the article, where the lead tells the main story); and per event, the
    articles that report it."""
    best: dict[str, dict] = {}
    reporters: dict[str, set[str]] = defaultdict(set)

    def rank(row: dict) -> tuple:
        return (-(row.get("confidence") or 0.0), row["mention_sentence"], row["event_id"])

    for row in query_rows(con, query("scoring.article_events")):
        article = str(row["source_id"])
        reporters[row["event_id"]].add(article)
        if article not in best or rank(row) < rank(best[article]):
            best[article] = row
    return best, dict(reporters)


def actor_hit(gold_actor: str | None, predicted: str | None) -> bool | None:
    """One of the gold actor's words of four letters or more (outside brackets) is in the predicted actor;
    None when the gold actor has no such word."""
    words = re.findall(r"[a-z]{4,}", re.sub(r"\(.*?\)", "", (gold_actor or "").lower()))
    if not words:
        return None
    return any(w in (predicted or "").lower() for w in words)


def near_gold_place(gold: Mapping, event: Mapping) -> bool:
    """Within 50 km of the gold coordinates, or (without coordinates) named like the gold place."""
    if event.get("latitude") is not None and event.get("longitude") is not None:
        distance = km(
            gold["latitude"], gold["longitude"], float(event["latitude"]), float(event["longitude"])
        )
        return distance <= REPORT_RADIUS_KM
    location = (event.get("location") or "").lower()
    return bool(location) and location in {
        (gold.get(k) or "").lower() for k in ("location", "admin2", "admin1")
    }


def days_off(gold: Mapping, event: Mapping) -> int | None:
    day = as_date(event.get("event_date"))
    return None if day is None else abs((day - dt.date.fromisoformat(gold["event_date"])).days)


def guess_style(gold_rows: list[dict]) -> str:
    """ACLED-style gold carries coordinates; CASE-style gold a label."""
    return "acled" if any("latitude" in row for row in gold_rows) else "case"


# The two fixed halves of a reports gold file, by the parity of the number that ends each row's id
# ("case-41", "acled-SYR30831" are odd): rules may be written while reading the odd half (development); the
# even half is only scored (held back), so it estimates what unseen reports will score.
HALVES = {"odd": "development", "even": "held back"}


def half_of(gold_id: Any) -> str | None:
    """``odd`` or ``even`` by the last number in a gold id; None for an id without digits."""
    digits = re.findall(r"\d+", str(gold_id))
    if not digits:
        return None
    return "odd" if int(digits[-1]) % 2 else "even"


def score_reports(con: duckdb.DuckDBPyConnection, gold_rows: list[dict], style: str | None = None) -> dict:
    """Each article's best event against its gold row, over all rows and over each half (``halves``: the
    same figures for the odd-id and the even-id rows, see ``HALVES``).

    Both styles: detection rate, and weighted F1 over sub-event types and over event types (weighted by
    each gold label's support; an undetected report counts as a wrong label). CASE: accuracies over every
    labelled report, and the quiet rate on non-ACLED labels (no event reported). ACLED: accuracies of type,
    sub-type, place (50 km), date, fatalities and actor1 over the detected reports, as score_reports.py."""
    style = style or guess_style(gold_rows)
    if style not in REPORT_STYLES:
        raise ValueError(f"unknown report style {style!r} (expected one of {REPORT_STYLES})")
    best, reporters = best_event_per_article(con)
    scores = _report_scores(gold_rows, style, best, reporters)
    scores["halves"] = {
        half: _report_scores([g for g in gold_rows if half_of(g["id"]) == half], style, best, reporters)
        for half in HALVES
    }
    return scores


def _report_scores(
    gold_rows: list[dict], style: str, best: Mapping[str, dict], reporters: Mapping[str, set[str]]
) -> dict:
    """The figures of ``score_reports`` over some gold rows."""
    labelled = [g for g in gold_rows if g.get("sub_event_type")]
    unlabelled = [g for g in gold_rows if not g.get("sub_event_type")]
    predicted = {g["id"]: best.get(str(g["id"])) or {} for g in labelled}
    sub_pairs = [(g["sub_event_type"], predicted[g["id"]].get("sub_event_type")) for g in labelled]
    type_pairs = [(g["event_type"], predicted[g["id"]].get("event_type")) for g in labelled]
    detected = [g for g in labelled if predicted[g["id"]]]
    scores: dict[str, Any] = {
        "style": style,
        "n": len(labelled),
        "detected": _r(_ratio(len(detected), len(labelled))),
        "sub_type_weighted_f1": _r(weighted_f1(sub_pairs)),
        "type_weighted_f1": _r(weighted_f1(type_pairs)),
        "sub_type_acc": _r(share(truth == guess for truth, guess in sub_pairs)),
        "type_acc": _r(share(truth == guess for truth, guess in type_pairs)),
    }
    if style == "case":
        scores["non_acled"] = len(unlabelled)
        scores["non_acled_quiet"] = _r(share(str(g["id"]) not in best for g in unlabelled))
        return scores
    # ACLED style: the coding of the detected reports, accuracies included (as score_reports.py does).
    pairs = [(g, predicted[g["id"]]) for g in detected]
    noted = {str(g["id"]) for g in gold_rows}
    scores["type_acc"] = _r(share(e.get("event_type") == g["event_type"] for g, e in pairs))
    scores["sub_type_acc"] = _r(share(e.get("sub_event_type") == g["sub_event_type"] for g, e in pairs))

    def within(g: Mapping, e: Mapping, days: int) -> bool:
        off = days_off(g, e)
        return off is not None and off <= days

    scores.update(
        {
            "location_50km": _r(share(near_gold_place(g, e) for g, e in pairs)),
            "date_exact": _r(share(within(g, e, 0) for g, e in pairs)),
            "date_1d": _r(share(within(g, e, 1) for g, e in pairs)),
            "fatalities_exact": _r(share(int(e.get("fatalities") or 0) == g["fatalities"] for g, e in pairs)),
            "actor1": _r(share(actor_hit(g.get("actor1"), e.get("actor1")) for g, e in pairs)),
            "events_spanning_several_notes": sum(
                1 for articles in reporters.values() if len(articles & noted) > 1
            ),
            "end_to_end_exact": _r(
                _ratio(
                    sum(
                        1
                        for g, e in pairs
                        if e.get("sub_event_type") == g["sub_event_type"]
                        and near_gold_place(g, e)
                        and within(g, e, 1)
                    ),
                    len(labelled),
                )
            ),  # fmt: skip
        }
    )
    return scores


# --- gold files and the one-line summary ------------------------------------------------------------------


def read_gold(kind: str, path: Path) -> Any:
    """The gold file of a kind: JSON for events and dedup, JSON Lines (one row per report) for reports."""
    text = path.read_text(encoding="utf-8")
    if kind == "reports":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text)


def score(kind: str, warehouse: Path, gold: Any, style: str | None = None) -> dict:
    """Score a loaded warehouse (opened read-only) against gold read by ``read_gold``."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        if kind == "events":
            return score_events(con, gold)
        if kind == "dedup":
            return score_dedup(con, gold)
        if kind == "reports":
            return score_reports(con, gold, style)
    finally:
        con.close()
    raise ValueError(f"unknown evaluation kind {kind!r} (expected one of {KINDS})")


def summary_line(kind: str, scores: Mapping) -> str:
    """``key=value ...`` of the headline scores of a kind."""
    return " ".join(f"{k}={scores[k]}" for k in SUMMARY_KEYS[kind] if k in scores)


def subset_lines(kind: str, scores: Mapping) -> list[str]:
    """One summary line per half (``odd (development): key=value ...``), when the scores have halves, and one
    for the anchored events (``anchored_events (...): key=value ...``), when the scores have them."""
    halves = scores.get("halves") or {}
    lines = [
        f"{half} ({HALVES[half]}): {summary_line(kind, halves[half])}" for half in HALVES if half in halves
    ]
    if ANCHORED in scores:
        lines.append(f"{ANCHORED} (place and date told): {summary_line(kind, scores[ANCHORED])}")
    return lines


def details_text(kind: str, scores: Mapping) -> str:
    """The lists behind the headline scores, one ``key: json`` line each (the halves have their lines)."""
    headline = set(SUMMARY_KEYS[kind]) | {"halves", ANCHORED}
    return "\n".join(f"{k}: {json.dumps(v, default=str)}" for k, v in scores.items() if k not in headline)
