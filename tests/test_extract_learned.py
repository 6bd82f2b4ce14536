"""The learned event filter: its shipped weights, the step in the extractor, the training maths and the
labels it is trained on (which must never come from the evaluation's held-out or check articles)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from pipeline.extract.learned import event_filter, train
from pipeline.extract.learned.embed import embed
from pipeline.extract.learned.features import feature_names
from pipeline.extract.mentions import extract
from pipeline.extract.model import ArticleContext, SentenceInput
from pipeline.scoring import half_of
from tests.kit import article_mentions

GOLD_DIR = "tests/fixtures/gold/news"


def test_the_shipped_weights_fit_the_features_and_hold_figures():
    model = event_filter.load_model()
    assert model is not None
    assert list(model.names) == feature_names()
    assert model.weights.shape == (len(feature_names()),)
    assert 0.0 < model.threshold < 1.0
    data = json.loads(event_filter.WEIGHTS_PATH.read_text())
    cv = data["cross_validated"]
    # what training measured out of fold: it drops non-events and keeps the required events
    assert cv["recall_of_required"] >= train.KEEP_RECALL - 0.01
    assert cv["precision_of_kept"] > cv["precision_rules_alone"]


def test_embeddings_come_from_the_wheel_and_read_meaning():
    protest = embed("Police fired tear gas at protesters in the capital.", 128)
    dispersal = embed("Riot police dispersed the demonstrators with water cannon.", 128)
    sport = embed("The striker scored twice in the second half of the match.", 128)
    assert protest.shape == (128,) and abs(float(np.linalg.norm(protest)) - 1.0) < 1e-5
    assert float(protest @ dispersal) > float(protest @ sport)
    assert not embed("   ", 64).any()


def test_the_loaded_prefix_embeds_as_the_whole_weights_file_does():
    import wordllama

    from pipeline.extract.learned.embed import FULL_DIM, LOADED_DIM

    text = "Rebels shelled the market town at dawn."
    whole = wordllama.WordLlama.load(
        dim=FULL_DIM, cache_dir=Path(wordllama.__file__).parent, disable_download=True
    ).embed([text])[0][:LOADED_DIM]
    assert np.allclose(embed(text, LOADED_DIM), whole / np.linalg.norm(whole), atol=1e-6)
    with pytest.raises(ValueError, match="only the first"):
        embed(text, FULL_DIM)


def test_a_plain_report_of_an_attack_passes_the_filter():
    mentions = article_mentions(
        "Gunmen killed five villagers in an attack on a village near Kaduna on Monday, police said."
    )
    assert len(mentions) == 1
    assert mentions[0].event_type == "Violence against civilians"


def _candidates(*sentences: str):
    ctx = ArticleContext("art-1", dt.datetime(2024, 3, 12), body=" ".join(sentences))
    inputs = [SentenceInput("art-1", i, 0, len(s), s) for i, s in enumerate(sentences)]
    return extract([ctx], inputs)


def test_the_filter_records_its_probability_and_can_be_switched_off(monkeypatch):
    sentence = "Gunmen killed five villagers in an attack on a village near Kaduna on Monday, police said."
    _, candidates = _candidates(sentence)
    kept = [c for c in candidates if c.decision == "event"]
    assert kept and all(0.0 <= c.score <= 1.0 for c in kept)
    monkeypatch.setenv("PIPELINE_EVENT_FILTER", "off")
    assert not event_filter.enabled()
    _, without = _candidates(sentence)
    assert [c.decision for c in without] == [c.decision for c in candidates]


def test_armed_violence_is_kept_at_any_probability_and_a_lone_shooting_is_not(monkeypatch):
    """An armed actor with counted victims is an event by definition: with a threshold no reading reaches,
    "gunmen shot dead two guards" is still kept (its probability recorded), "a teacher was shot dead" is
    not."""
    model = event_filter.load_model()
    monkeypatch.setattr(event_filter, "_trained", lambda: replace(model, threshold=1.0))
    _, candidates = _candidates("Elsewhere, gunmen shot dead two guards on Monday, a police officer said.")
    kept = [c for c in candidates if c.family == "kill"]
    assert kept and kept[0].decision == "event" and kept[0].score < 1.0
    _, candidates = _candidates("A teacher was shot dead outside a school in Narathiwat on Monday.")
    assert {c.reason for c in candidates if c.family == "kill"} == {"unlikely"}


def test_a_reading_below_the_threshold_is_refused_as_unlikely(monkeypatch):
    """With a threshold no reading reaches, every reading the rules keep is refused, with its reason (armed
    violence aside)."""
    model = event_filter.load_model()
    monkeypatch.setattr(event_filter, "_trained", lambda: replace(model, threshold=1.0))
    mentions, candidates = _candidates(
        "Thousands of teachers marched through Nairobi on Monday to demand pay."
    )
    assert mentions == []
    assert {c.reason for c in candidates if c.family == "protest"} == {"unlikely"}


def test_recording_keeps_every_reading_and_remembers_its_features():
    sentence = "Gunmen killed five villagers in an attack on a village near Kaduna on Monday, police said."
    with event_filter.recording() as seen:
        mentions, candidates = _candidates(sentence)
    assert mentions
    kept = {
        (c.article_id, c.sentence_index, c.trigger_start) for c in candidates if c.decision != "not_event"
    }
    assert kept <= set(seen)
    assert all(vector.shape == (len(feature_names()),) for vector in seen.values())


def test_logistic_fit_separates_what_is_separable():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(200, 3))
    y = (x[:, 0] - 2 * x[:, 1] > 0).astype(float)
    w, b = train.fit(x, y, penalty=0.1)
    p = 1 / (1 + np.exp(-(x @ w + b)))
    assert ((p > 0.5) == (y == 1)).mean() > 0.97
    assert w[0] > 0 > w[1]


def test_the_threshold_keeps_the_share_of_required_events_asked_for():
    p = np.linspace(0.01, 1.0, 100)
    required = np.ones(100, dtype=bool)
    threshold = train.threshold_for(p, required, keep=0.95)
    assert (p[required] >= threshold).mean() == pytest.approx(0.95)


def test_labels_never_come_from_the_held_out_or_check_articles():
    labels = train.read_labels()
    assert len(labels) >= 1000
    # the labels kept out of training (labels/README.md) follow the same rules
    labels += train.read_labels(train.LABELS_DIR / "not_trained")
    selection = json.load(open(f"{GOLD_DIR}/selection.json"))["articles"]
    held = {a["id"] for a in selection if a["half"] == "heldout"}
    dev = {a["id"] for a in selection if a["half"] == "dev"}
    check = {a["id"] for a in json.load(open(f"{GOLD_DIR}/selection_check.json"))["articles"]}
    articles = Counter()
    for row in labels:
        source, index, start = row["cid"].rsplit(":", 2)
        assert int(index) >= 0 and int(start) >= 0
        assert row["label"] in (0, 1) and row["kind"] in ("required", "optional", "history", "none")
        assert (row["kind"] == "none") == (row["label"] == 0)
        assert len(row["sentence_sha1"]) == 12
        assert source not in held and source not in check
        assert (row["part"] == "dev_half") == (source in dev)
        assert "text" not in row and "sentence" not in row  # our labels only, never the articles' words
        articles[source] += 1
    assert len(articles) >= 400


def test_report_examples_use_only_the_development_half(tmp_path):
    (tmp_path / "case_dev_gold.jsonl").write_text(
        '{"id": "case-1", "event_type": "Protests"}\n{"id": "case-2", "event_type": "Protests"}\n'
        '{"id": "case-3", "event_type": null}\n'
    )
    (tmp_path / "acled_dev_gold.jsonl").write_text('{"id": "acled-X7", "event_type": "Battles"}\n')
    rows = train.report_examples(tmp_path)
    assert all(half_of(rid) == "odd" for _, rid, _, _ in rows)
    assert rows == [
        ("case_dev.jsonl", "case-1", 1, True),
        ("case_dev.jsonl", "case-3", 0, False),
        ("acled_dev.jsonl", "acled-X7", 1, True),
    ]


def test_training_fits_weights_for_the_features_and_keeps_required_events():
    names = feature_names()
    rng = np.random.default_rng(3)
    x = rng.normal(size=(800, len(names))).astype(np.float32)
    x[:, names.index("evidence.armed")] = 0.0  # nothing guarded: the threshold does all the keeping
    y = (x[:, names.index("sentence.0")] + 0.1 * rng.normal(size=800) > 0).astype(float)
    required = y == 1
    groups = [f"article-{i // 3}" for i in range(800)]
    payload = train.train(x, y, required, groups, log=lambda line: None)
    assert payload["features"] == names and len(payload["weights"]) == len(names)
    assert payload["cross_validated"]["recall_of_required"] >= train.KEEP_RECALL
    cv = payload["cross_validated"]
    assert (
        cv["precision_of_kept"] > cv["precision_rules_alone"] + 0.15
    )  # 240 columns of noise beside the signal
    assert int(np.argmax(np.abs(payload["weights"]))) == names.index("sentence.0")


def test_labels_whose_sentence_changed_or_that_the_rules_drop_are_left_out_and_counted():
    labels = [
        {"cid": "news-1:0:4", "label": 1, "kind": "required", "sentence_sha1": train.sentence_hash("A b.")},
        {"cid": "news-1:1:0", "label": 0, "kind": "none", "sentence_sha1": "000000000000"},
        {"cid": "news-2:0:0", "label": 1, "kind": "history", "sentence_sha1": train.sentence_hash("C d.")},
        {"cid": "news-3:0:0", "label": 1, "kind": "optional", "sentence_sha1": "whatever"},
    ]
    vector = np.zeros(3)
    features = {("news-1", 0, 4): vector, ("news-1", 1, 0): vector, ("news-2", 0, 0): vector}
    text_of = {("news-1", 0): "A b.", ("news-1", 1): "changed", ("news-2", 0): "C d."}
    xs, ys, required, groups, skipped = train.news_examples(labels, features, text_of)
    assert ys == [1, 0]  # old history is trained as no event of the article's days
    assert required == [True, False] and groups == ["news-1", "news-2"]
    assert skipped == {"not_kept_now": 1, "sentence_changed": 1}
