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
