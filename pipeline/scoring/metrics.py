"""The metrics: pure functions over labels and clusterings, which know nothing of warehouses (tested on
hand-made clusterings with known answers)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass


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


def ratio(part: float, whole: float) -> float:
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
    return PRF.of(ratio(hits, len(predicted_pairs)), ratio(hits, len(gold_pairs)))


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
    support: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    predicted: Counter[str | None] = Counter()
    for truth, guess in pairs:
        predicted[guess] += 1
        if truth is not None:
            support[truth] += 1
            hits[truth] += truth == guess
    total = sum(support.values())
    if not total:
        return 0.0
    score = sum(
        harmonic_mean(ratio(hits[label], predicted[label]), hits[label] / n) * n
        for label, n in support.items()
    )
    return score / total


def share(values: Iterable[bool | None]) -> float | None:
    """Share of true values, ignoring None (not applicable); None when nothing applies."""
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None
