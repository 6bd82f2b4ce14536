"""Benchmark: generated articles are distinct and coherent, and a small run prints its figures."""

from __future__ import annotations

import re

import pytest

from app import bench


def test_generated_articles_are_distinct_versions_of_the_samples():
    articles = bench.build_articles(60)
    assert len({a.record["id"] for a in articles}) == 60
    assert len({a.content for a in articles}) > 30  # the same story from two outlets may read alike
    assert 1 <= sum(a.as_page for a in articles) < 60
    # Round 1 moves every story a week on and to another town of the same country.
    first, moved = articles[4].record, articles[34].record
    assert first["id"].endswith("meridian-2031") and moved["id"].endswith("meridian-2031")
    assert moved["published_at"] == "2024-03-19"
    assert "Baqubah" in first["text"] and "Baqubah" not in moved["text"] and "Muqdadiyah" in moved["text"]


@pytest.mark.slow
def test_benchmark_prints_its_figures(capsys, tmp_path, instance):
    assert bench.main(["--articles", "10", "--keep", str(tmp_path)], instance=instance) == 0
    out = capsys.readouterr().out
    print(out)
    number = r"\d+(\.\d+)?"
    for stage in (*bench.STAGES, "overall"):
        assert re.search(rf"^{stage}\s+{number}\s+({number}|-)", out, re.M), stage
    assert re.search(rf"produced: 10 articles, {number} mentions, {number} events", out)
    assert re.search(rf"peak memory: {number} MB", out)
    assert (tmp_path / "events.duckdb").exists()


def test_corpus_copies_past_its_end_are_new_articles(tmp_path):
    from app.bench_corpus import corpus_records, write_jsonl

    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, [{"id": "n1", "url": "https://x.example/a", "text": "Gunmen killed 3 people on May 4."},  # noqa: E501
                         {"id": "n2", "text": "Police arrested 12 protesters."}])  # fmt: skip
    records = corpus_records(corpus, 5)
    assert [r["id"] for r in records] == ["n1", "n2", "n1-r1", "n2-r1", "n1-r2"]
    assert records[2]["url"] == "https://x.example/a/r1"
    assert records[2]["text"] == "Gunmen killed 4 people on May 4."  # a count shifted, a date kept
    assert records[4]["text"].startswith("Gunmen killed 5")
    assert corpus_records(corpus, 1, start=1) == [records[1]]


def test_dedup_scaling_prints_a_row_per_step():
    from app.bench_dedup import dedup_scaling

    out = dedup_scaling(2000, sizes=(1000,))
    rows = re.findall(r"^\s+([\d,]+)\s+(\d+\.\d)\s+(\d+\.\d\d)\s+([\d,]+)$", out, re.M)
    assert [r[0] for r in rows] == ["1,000", "2,000"]


@pytest.mark.slow
def test_corpus_benchmark_prints_both_sides_and_the_ratios(capsys, tmp_path):
    from app.bench_corpus import write_jsonl

    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, [
        {"id": f"n{i}", "published_at": "2025-03-04",
         "text": f"Gunmen killed {i + 2} herders near Kidal on Monday, a local official said."}
        for i in range(4)
    ])  # fmt: skip
    keep = tmp_path / "kept"
    assert bench.main(["--corpus", str(corpus), "--articles", "3", "--vs-spacy", "--keep", str(keep)]) == 0
    out = capsys.readouterr().out
    print(out)
    number = r"\d+(\.\d+)?"
    assert re.search(
        r"^benchmark: 3 articles of corpus\.jsonl \([\d,]+ words\), \d+ cores, load average", out, re.M
    )
    for side in (
        r"pipeline \(Dagster job, checks\)",
        r"plain spaCy \(n_process=\d+\)",
        r"incremental: 1 new articles",
    ):
        row = rf"^{side}\s+{number}\s+{number}\s+\d+\s+\d+( +mean of \d and \d)?$"
        assert re.search(row, out, re.M), side
    # A-B-B-A: each side twice, the pipeline first and last.
    runs = re.findall(rf"^  (\d)\. (pipeline|plain spaCy)\s+{number}\s+{number}\s+\d+\s+\d+$", out, re.M)
    assert [(r[0], r[1]) for r in runs] == [("1", "pipeline"), ("2", "plain spaCy"), ("3", "plain spaCy"),
                                            ("4", "pipeline")]  # fmt: skip
    assert re.search(rf"^ratio pipeline / plain spaCy: {number}x articles/s$", out, re.M)
    assert re.search(rf"^incremental / full load: {number}% \(warehouse then: 4 articles", out, re.M)
    assert re.search(rf"^incremental batch run alone: {number} s = {number}% of the full load", out, re.M)
    assert re.search(
        rf"^incremental batch, warm process: {number} s = {number}% of the full load$", out, re.M
    )
