"""Training the learned event filter from our own labels of real news candidates: the labels, the examples
and the maths. The command (``app/train_filter.py``, which loads the articles through Dagster):

    python -m pipeline train-filter --corpus ../shared/corpus/news/news_2000.jsonl \
        --reports ../shared/eval/dev

1. The labelled articles (``labels/*.jsonl``: ids, sentence numbers, trigger offsets and our 0/1 labels; never
   the articles' text) are loaded from the corpus through the real Dagster job, with the filter off.
2. The extractor reads them again in this process with a recorder in place of the filter: every reading the
   rules keep leaves its features (``features``). A label whose sentence no longer hashes the same (the clean
   stage changed) is skipped and counted.
3. A logistic regression (L2, fitted by Newton's method in numpy) is cross-validated in folds of whole
   articles. The threshold is the highest that keeps ``KEEP_RECALL`` of the events labelled *required*
   out of fold (counting those the filter keeps anyway: an armed actor with counted victims): the filter
   exists to drop what is not an event, not real events.
4. The weights, the threshold and the cross-validated figures go to ``data/event_filter.json``.

Labels come only from articles outside the evaluation's held-out and check sets (``labels/README.md``), and
from the development (odd) half of the conflict reports in ../shared/eval/dev: every reading the rules keep
in a CASE snippet or ACLED note labelled with an ACLED event is a required event, every one in a CASE snippet
labelled as no ACLED event is none. Without them the filter learns from general news alone and drops real
conflict reports (the CASE type F1 fell from 0.91 to 0.86): precision must not be bought with that recall.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

LABELS_DIR = Path(__file__).resolve().parent / "labels"
KEEP_RECALL = 0.95
PENALTIES = (10.0, 30.0, 100.0, 300.0, 1000.0)  # L2 strengths tried (on standardized features)
FOLDS = 5
SEED = 20261129


def sentence_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def read_labels(folder: Path = LABELS_DIR) -> list[dict]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def report_examples(folder: Path) -> list[tuple[str, str, int, bool]]:
    """(corpus file, report id, label, required) for the odd half of ../shared/eval/dev's CASE and ACLED
    reports (``pipeline.scoring.half_of``: the even half stays held back)."""
    from pipeline.scoring import half_of

    rows = []
    for name in ("case_dev", "acled_dev"):
        for line in (folder / f"{name}_gold.jsonl").read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            if half_of(gold["id"]) == "odd":
                event = gold.get("event_type") is not None
                rows.append((f"{name}.jsonl", gold["id"], int(event), event))
    return rows


def recorded(contexts: list, inputs: list, source_of: dict[str, str]) -> tuple[dict, dict]:
    """Extract the given articles in this process with the recorder in place of the filter: (source id,
    sentence index, trigger start) -> features of every reading the rules keep, and (source id, sentence
    index) -> sentence text."""
    from pipeline.extract.learned.event_filter import recording
    from pipeline.extract.mentions import extract

    text_of = {(source_of[s.article_id], s.sentence_index): s.text for s in inputs}
    with recording() as seen:
        extract(contexts, inputs)
    return {(source_of[a], i, start): x for (a, i, start), x in seen.items()}, text_of


def news_examples(labels: list[dict], features: dict, text_of: dict) -> tuple[list, list, list, list, dict]:
    """(features, label, required, article) lists of the labelled candidates, and counts of the labels left
    out: no longer kept by the rules, or their sentence changed."""
    xs, ys, required, groups = [], [], [], []
    skipped = {"not_kept_now": 0, "sentence_changed": 0}
    for row in labels:
        source, index, start = row["cid"].rsplit(":", 2)
        key = (source, int(index), int(start))
        if key not in features:
            skipped["not_kept_now"] += 1
            continue
        if sentence_hash(text_of[(source, int(index))]) != row["sentence_sha1"]:
            skipped["sentence_changed"] += 1
            continue
        xs.append(features[key])
        # An event told as old history is no event of the article's days: the rules date an undated one
        # near the article, so it can only be a wrong row.
        ys.append(int(row["label"]) if row["kind"] != "history" else 0)
        required.append(row["kind"] == "required")
        groups.append(source)
    return xs, ys, required, groups, skipped


def fit(x: np.ndarray, y: np.ndarray, penalty: float, iterations: int = 30) -> tuple[np.ndarray, float]:
    """Logistic regression with an L2 penalty on the weights (not the bias), by Newton's method."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, penalty)
    reg[-1] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg) + 1e-6 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w[:-1], float(w[-1])


def standardize(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    return mean, scale


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: list[str], penalty: float) -> np.ndarray:
    """Each example's probability from a model fitted without its article's fold."""
    order = sorted(set(groups))
    rng = np.random.default_rng(SEED)
    rng.shuffle(order)
    fold_of = {g: i % FOLDS for i, g in enumerate(order)}
    folds = np.array([fold_of[g] for g in groups])
    p = np.zeros(len(y))
    for k in range(FOLDS):
        train, test = folds != k, folds == k
        mean, scale = standardize(x[train])
        w, b = fit((x[train] - mean) / scale, y[train], penalty)
        p[test] = probabilities(x[test], mean, scale, w, b)
    return p


def probabilities(x: np.ndarray, mean: np.ndarray, scale: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """The fitted model's probability for each row of ``x`` (features not yet standardized)."""
    return 1 / (1 + np.exp(-np.clip(((x - mean) / scale) @ w + b, -30, 30)))


def threshold_for(
    p: np.ndarray, required: np.ndarray, always: np.ndarray | None = None, keep: float = KEEP_RECALL
) -> float:
    """The highest threshold that keeps ``keep`` of the required events (``always``: rows kept anyway)."""
    always = np.zeros(len(p), dtype=bool) if always is None else always
    must = int(np.ceil(keep * required.sum() - 1e-9)) - int((required & always).sum())
    scores = np.sort(p[required & ~always])[::-1]
    if must <= 0 or not len(scores):
        return float(scores[0]) if len(scores) else 0.5
    return float(scores[min(must, len(scores)) - 1])


def figures(
    p: np.ndarray, y: np.ndarray, required: np.ndarray, threshold: float, always: np.ndarray | None = None
) -> dict:
    kept = p >= threshold
    if always is not None:
        kept = kept | always
    return {
        "kept": int(kept.sum()),
        "precision_of_kept": round(float(y[kept].mean()) if kept.any() else 0.0, 3),
        "precision_rules_alone": round(float(y.mean()), 3),
        "recall_of_positives": round(float(kept[y == 1].mean()), 3),
        "recall_of_required": round(float(kept[required].mean()), 3),
        "dropped_negatives": round(float((~kept)[y == 0].mean()), 3),
    }


def guarded(x: np.ndarray) -> np.ndarray:
    """Rows the filter keeps at any probability: an armed actor and counted victims
    (``event_filter._armed_violence``)."""
    from pipeline.extract.learned.features import feature_names

    names = feature_names()
    return (x[:, names.index("evidence.armed")] > 0) & (x[:, names.index("evidence.victims")] > 0)


def train(x: np.ndarray, y: np.ndarray, required: np.ndarray, groups: list[str], log=print) -> dict:
    """Choose the L2 strength by cross-validated precision at the recall ``KEEP_RECALL`` of required events,
    fit on everything, and return what ``data/event_filter.json`` holds."""
    from pipeline.extract.learned.features import feature_names

    keep = guarded(x)
    best = None
    for penalty in PENALTIES:
        p = out_of_fold(x, y, groups, penalty)
        threshold = threshold_for(p, required, keep)
        row = figures(p, y, required, threshold, keep)
        log(f"penalty {penalty:>6}: threshold {threshold:.3f} {row}")
        if best is None or row["precision_of_kept"] > best[2]["precision_of_kept"]:
            best = (penalty, threshold, row)
    penalty, threshold, cv = best
    mean, scale = standardize(x)
    w, b = fit((x - mean) / scale, y, penalty)
    return {
        "about": "pipeline.extract.learned: logistic event filter; python -m pipeline train-filter",
        "penalty": penalty,
        "threshold": round(threshold, 4),
        "cross_validated": cv,
        "examples": len(y),
        "features": feature_names(),
        "mean": [round(float(v), 5) for v in mean],
        "scale": [round(float(v), 5) for v in scale],
        "weights": [round(float(v), 5) for v in w],
        "bias": round(b, 5),
    }
