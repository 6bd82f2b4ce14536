"""``python -m pipeline train-event-score``: train the event score (``pipeline/event_score.py``).

The examples are the events dedup makes from the articles of our four development news gold files
(``tests/fixtures/gold/news/news_gold_dev*.json``; never the held-out or check sets), each article loaded out
of the corpus through the real Dagster job with the event score off. An event is a positive example when it
matches a gold event of its articles as the scorer matches them (place, date window, type); only events the
score judges (told in long articles) are examples. The weights keep the signs the definitions give
(``pipeline.event_score.PRIOR_SIGNS``). The L2 strength is chosen by leave-one-set-out
cross-validation (each gold file is one fold: its articles were labelled together), the threshold is fixed
(``pipeline.event_score.THRESHOLD``: more likely wrong than right), and the out-of-fold figures are printed
and kept with the weights.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from app.evaluate import loaded_warehouse
from pipeline import event_score
from pipeline.dedup import reported_events
from pipeline.extract.learned.train import fit, probabilities, standardize
from pipeline.queries import query
from pipeline.scoring import f_beta, gold_matches
from pipeline.warehouse import connect

GOLD_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "gold" / "news"
DEVELOPMENT_SETS = ("dev", "dev2", "dev3", "dev4")
PENALTIES = (1.0, 3.0, 10.0, 30.0, 100.0)  # L2 strengths tried (on standardized features)
# The penalty is chosen by F0.5 out of set: precision weighs twice as much as recall, because precision on
# ordinary news is what decides whether analysts can trust the table (a missed event can be added by hand,
# a false one misleads every count it is in).
BETA = 0.5
SCORE_TOLERANCE = 0.01


def set_examples(corpus: Path, name: str, gold: dict) -> tuple[np.ndarray, np.ndarray, list[set[str]], int]:
    """(features, labels, the required gold events each example matches, required events) of one gold file's
    articles."""
    with loaded_warehouse(corpus, only=set(gold["documents"])) as (warehouse, _):
        con = connect(warehouse, read_only=True)
        try:
            mentions = con.execute(query("dedup.current_mentions")).pl().to_dicts()
        finally:
            con.close()
    xs, ys, matched = [], [], []
    for event, members in reported_events(mentions):
        if not event_score.judged(members):
            continue
        golds = gold_matches(event, gold)
        xs.append(event_score.features(event, members))
        ys.append(bool(golds))
        matched.append({f"{name}/{g['id']}" for g in golds if g["required"]})
    required = sum(1 for g in gold["events"] if g["required"])
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float), matched, required


def fit_signed(x: np.ndarray, y: np.ndarray, penalty: float) -> tuple:
    """(weights, bias, mean, scale): logistic regression on standardized features whose weights keep the
    signs of ``event_score.PRIOR_SIGNS``: a fact fitted the other way is dropped (weight 0) and the rest
    fitted again, until every sign agrees."""
    signs = [event_score.PRIOR_SIGNS.get(name, 0) for name in event_score.FEATURES]
    active = list(range(x.shape[1]))
    while True:
        mean, scale = standardize(x[:, active])
        w, b = fit((x[:, active] - mean) / scale, y, penalty)
        wrong = {a for a, wa in zip(active, w, strict=True) if signs[a] * wa < 0}
        if not wrong:
            break
        active = [a for a in active if a not in wrong]
    weights, means, scales = np.zeros(x.shape[1]), np.zeros(x.shape[1]), np.ones(x.shape[1])
    weights[active], means[active], scales[active] = w, mean, scale
    return weights, b, means, scales


def out_of_set(sets: list[tuple], penalty: float) -> list[np.ndarray]:
    """Each set's probabilities from a model fitted on the other sets."""
    out = []
    for i, (x, *_) in enumerate(sets):
        train_x = np.vstack([s[0] for j, s in enumerate(sets) if j != i])
        train_y = np.concatenate([s[1] for j, s in enumerate(sets) if j != i])
        w, b, mean, scale = fit_signed(train_x, train_y, penalty)
        out.append(probabilities(x, mean, scale, w, b))
    return out


def figures(sets: list[tuple], probabilities: list[np.ndarray]) -> dict:
    """Precision of the events kept at the threshold and the share of required gold events a kept event
    matches, out of set, next to the same for every event (the rules alone)."""
    y = np.concatenate([s[1] for s in sets])
    keep = np.concatenate([p >= event_score.THRESHOLD for p in probabilities])
    matched = [ids for s in sets for ids in s[2]]
    required = sum(s[3] for s in sets)
    found_all = set().union(*matched)
    found_kept = set().union(*(ids for ids, k in zip(matched, keep, strict=True) if k))
    return {
        "events": len(y),
        "kept": int(keep.sum()),
        "precision_all": round(float(y.mean()), 3),
        "precision_kept": round(float(y[keep].mean()), 3) if keep.any() else None,
        "recall_all": round(len(found_all) / required, 3),
        "recall_kept": round(len(found_kept) / required, 3),
    }


def train_event_score(corpus: Path, out: Path, log=print) -> dict:
    """Train on the development sets, write the weights to ``out`` and return them."""
    os.environ["PIPELINE_EVENT_SCORE"] = "off"  # the loads must not depend on the old weights
    sets = []
    for name in DEVELOPMENT_SETS:
        gold = json.loads((GOLD_DIR / f"news_gold_{name}.json").read_text(encoding="utf-8"))
        x, y, matched, required = set_examples(corpus, name, gold)
        sets.append((x, y, matched, required))
        log(f"{name}: {len(y)} judged events, {int(y.sum())} match the gold; {required} required gold events")
    tried = []
    for penalty in PENALTIES:
        row = figures(sets, out_of_set(sets, penalty))
        log(f"penalty {penalty:>5}: out of set {row}")
        tried.append((f_beta(row["precision_kept"] or 0.0, row["recall_kept"], BETA), penalty, row))
    # The strongest penalty within SCORE_TOLERANCE of the best: with a few hundred examples, differences that
    # small are noise, and the simpler model generalises better.
    best = max(score for score, _, _ in tried)
    _, penalty, cv = max((t for t in tried if t[0] >= best - SCORE_TOLERANCE), key=lambda t: t[1])
    x = np.vstack([s[0] for s in sets])
    y = np.concatenate([s[1] for s in sets])
    w, b, mean, scale = fit_signed(x, y, penalty)
    payload = {
        "about": "pipeline.event_score: logistic event score; python -m pipeline train-event-score",
        "trained_on": list(DEVELOPMENT_SETS),
        "penalty": penalty,
        "threshold": event_score.THRESHOLD,
        "cross_validated": cv,
        "examples": len(y),
        "features": list(event_score.FEATURES),
        "mean": [round(float(v), 5) for v in mean],
        "scale": [round(float(v), 5) for v in scale],
        "weights": [round(float(v), 5) for v in w],
        "bias": round(b, 5),
    }
    out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    log(f"penalty {penalty}: {cv} -> {out}")
    return payload
