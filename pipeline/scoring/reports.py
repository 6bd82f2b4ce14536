"""``reports`` gold: one label per short report, CASE 2021 style (sub-event type, or a non-ACLED label that
should yield nothing) or ACLED style (full coding). Per article, the event with the highest confidence is
compared with the label, over all reports and over two halves fixed in advance."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import duckdb

from pipeline.dedup import km
from pipeline.intervals import bootstrap_interval, rounded
from pipeline.queries import query
from pipeline.scoring.metrics import ratio, share, weighted_f1
from pipeline.scoring.rows import INTERVALS, as_date, query_rows, round3

REPORT_STYLES = ("case", "acled")
REPORT_RADIUS_KM = 50.0


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
        "detected": round3(ratio(len(detected), len(labelled))),
        "sub_type_weighted_f1": round3(weighted_f1(sub_pairs)),
        "type_weighted_f1": round3(weighted_f1(type_pairs)),
        "sub_type_acc": round3(share(truth == guess for truth, guess in sub_pairs)),
        "type_acc": round3(share(truth == guess for truth, guess in type_pairs)),
    }
    labels = list(zip(sub_pairs, type_pairs, strict=True))
    intervals = {
        "sub_type_weighted_f1": bootstrap_interval(labels, lambda units: weighted_f1(s for s, _ in units)),
        "type_weighted_f1": bootstrap_interval(labels, lambda units: weighted_f1(t for _, t in units)),
    }
    if style == "case":
        quiet = [str(g["id"]) not in best for g in unlabelled]
        scores["non_acled"] = len(unlabelled)
        scores["non_acled_quiet"] = round3(share(quiet))
        intervals["non_acled_quiet"] = bootstrap_interval(quiet, share)
        scores[INTERVALS] = {k: rounded(v) for k, v in intervals.items()}
        return scores
    # ACLED style: the coding of the detected reports, accuracies included (as score_reports.py does).
    pairs = [(g, predicted[g["id"]]) for g in detected]
    noted = {str(g["id"]) for g in gold_rows}
    scores["type_acc"] = round3(share(e.get("event_type") == g["event_type"] for g, e in pairs))
    scores["sub_type_acc"] = round3(share(e.get("sub_event_type") == g["sub_event_type"] for g, e in pairs))

    def within(g: Mapping, e: Mapping, days: int) -> bool:
        off = days_off(g, e)
        return off is not None and off <= days

    scores.update(
        {
            "location_50km": round3(share(near_gold_place(g, e) for g, e in pairs)),
            "date_exact": round3(share(within(g, e, 0) for g, e in pairs)),
            "date_1d": round3(share(within(g, e, 1) for g, e in pairs)),
            "fatalities_exact": round3(
                share(int(e.get("fatalities") or 0) == g["fatalities"] for g, e in pairs)
            ),
            "actor1": round3(share(actor_hit(g.get("actor1"), e.get("actor1")) for g, e in pairs)),
            "events_spanning_several_notes": sum(
                1 for articles in reporters.values() if len(articles & noted) > 1
            ),
            "end_to_end_exact": round3(
                ratio(
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
    # Per detected report, whether each part of its coding is right: the units the intervals draw.
    coding = {
        "sub_type_acc": [e.get("sub_event_type") == g["sub_event_type"] for g, e in pairs],
        "location_50km": [near_gold_place(g, e) for g, e in pairs],
        "date_exact": [within(g, e, 0) for g, e in pairs],
        "fatalities_exact": [int(e.get("fatalities") or 0) == g["fatalities"] for g, e in pairs],
        "actor1": [actor_hit(g.get("actor1"), e.get("actor1")) for g, e in pairs],
    }
    intervals.update({measure: bootstrap_interval(hits, share) for measure, hits in coding.items()})
    scores[INTERVALS] = {k: rounded(v) for k, v in intervals.items()}
    return scores
