"""``events`` gold: the deduplicated events of the gold documents against gold events per document, with place
aliases, date windows and actor aliases (the format of ``tests/fixtures/gold/samples_gold.json``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

import duckdb

from pipeline.dedup import km
from pipeline.intervals import bootstrap_interval, ratio_of_sums, rounded
from pipeline.queries import query
from pipeline.scoring.metrics import harmonic_mean, ratio, share
from pipeline.scoring.rows import INTERVALS, as_date, normalize, query_rows, round3
from pipeline.vocabulary import VIOLENT_TYPES

# Places and dates of the extractor and of the annotators rarely agree to the kilometre or the day.
DEFAULT_PLACE_RADIUS_KM = 30.0
DATE_SLACK = dt.timedelta(days=1)
# The same figures over the events whose reports tell where and when (the view ``anchored_events``).
ANCHORED = "anchored_events"


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
    precision = ratio(len(matched), len(judged))
    recall = ratio(len(found), len(required))
    units = _article_units(judged, matched, required, predictions_of, documents_of_event, gold["documents"])
    return {
        "predicted_events": len(judged),
        "matched_predictions": len(matched),
        "required_gold": len(required),
        "required_found": len(found),
        "precision": round3(precision),
        "recall": round3(recall),
        "f1": round3(harmonic_mean(precision, recall)),
        "type_acc": round3(share(e.get("event_type") == g["type"] for g, e in pairs)),
        "sub_type_acc": round3(share(e.get("sub_event_type") == g.get("sub_type") for g, e in pairs)),
        "actor1_acc": round3(
            share(actor_matches(e.get("actor1"), g.get("actor1"), actors) for g, e in pairs)
        ),
        "actor2_acc": round3(
            share(actor_matches(e.get("actor2"), g.get("actor2"), actors) for g, e in pairs)
        ),
        "fatalities_acc": round3(
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
        INTERVALS: {
            "precision": rounded(bootstrap_interval([(m, j) for m, j, _, _ in units], ratio_of_sums)),
            "recall": rounded(bootstrap_interval([(f, r) for _, _, f, r in units], ratio_of_sums)),
        },
    }


def _article_units(
    judged: list[dict],
    matched: Mapping[str, str],
    required: list[dict],
    predictions_of: Mapping[str, list[str]],
    documents_of_event: Mapping[str, set[str]],
    documents: Iterable[str],
) -> list[tuple[float, float, float, float]]:
    """Per gold document, what it adds to the event figures: (matched predictions, judged predictions,
    required gold events found, required gold events), the draws of the bootstrap. An event that several
    articles report, like a gold event several articles tell, is shared equally between them."""
    units = {key: [0.0, 0.0, 0.0, 0.0] for key in documents}
    for event in judged:
        reporters = sorted(documents_of_event[event["event_id"]] - {"?"})
        for key in reporters:
            unit = units.setdefault(key, [0.0, 0.0, 0.0, 0.0])
            unit[0] += (event["event_id"] in matched) / len(reporters)
            unit[1] += 1 / len(reporters)
    for g in required:
        for key in g["articles"]:
            unit = units.setdefault(key, [0.0, 0.0, 0.0, 0.0])
            unit[2] += (g["id"] in predictions_of) / len(g["articles"])
            unit[3] += 1 / len(g["articles"])
    return [(m, j, f, r) for m, j, f, r in units.values()]
