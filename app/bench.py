"""Benchmark: how fast the real Dagster job turns articles into events (``python -m pipeline.bench``).

Builds N articles from the bundled samples, varied so that each one is a new article version and dedup
has realistic work: every story is reported three times (by different outlets, on consecutive days, with
drifting casualty figures), and each new round of stories moves to another real town of the same country
and forward by whole weeks, so weekday references ("on Tuesday") still resolve and the stories are new
events. The articles go into a temporary landing folder as one JSON Lines batch plus a folder batch of a
few .txt and .html pages; the real ``process_batch`` job loads them into a temporary warehouse (one
Dagster run per batch). Printed: articles per second for each stage, from the runs' step statistics, and
overall, from the wall clock; the mentions and events produced; and the peak memory of the process.

Users reach it through ``pipeline/bench.py``, a shim that keeps ``python -m pipeline.bench`` working now
that the benchmark lives outside the Dagster-free domain layer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import resource
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.config import SAMPLES_DIR
from pipeline.landing import ArticleRecord, list_batches, read_batch

STAGES = ("raw", "clean", "extract", "dedup", "aggregates")
REPORTS_PER_STORY = 3  # outlets reporting each story, one day apart
MAX_WEEKS = 40  # stories move forward by up to this many weeks (then wrap), staying in the past
JSONL_BATCH = "bench_articles.jsonl"
PAGES_BATCH = "bench_pages"

# Each sample town -> real towns of the same country (GeoNames names the gazetteer resolves); the first is
# the sample's own. Other spellings of a sample town are rotated with it.
TOWNS: dict[str, tuple[str, ...]] = {
    "Baqubah": ("Baqubah", "Muqdadiyah", "Khanaqin"),
    "Tuz Khurmatu": ("Tuz Khurmatu", "Tikrit", "Samarra", "Baiji", "Balad"),
    "Jos": ("Jos", "Bauchi", "Lafia", "Makurdi", "Gombe"),
    "Kankara": ("Kankara", "Funtua", "Malumfashi", "Dutsin-Ma"),
    "Jilib": ("Jilib", "Kismayo", "Baardheere", "Marka", "Afgooye"),
    "Beledweyne": ("Beledweyne", "Baidoa", "Jowhar", "Galkayo", "Dhuusamarreeb"),
    "Kabankalan": ("Kabankalan", "Himamaylan", "Sipalay", "Escalante", "Bacolod"),
    "Arauquita": ("Arauquita", "Saravena", "Tame", "Fortul"),
}
SPELLINGS: dict[str, tuple[str, ...]] = {"Baqubah": ("Baqubah", "Baquba")}

# Invented outlets (the samples' own and a few more).
OUTLETS = (
    "Meridian News", "Levant Ledger", "Gulf Courier", "Sahel Observer", "Visayas Sentinel", "Andes Report",
    "Plateau Chronicle", "Horn Dispatch", "Coastline Times", "Lakeside Monitor", "Northern Star Daily",
    "Harbour Gazette",
)  # fmt: skip

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
_MONTH = "|".join(MONTHS)
ISO_DATE = re.compile(r"\b(20\d\d)([-/])(\d\d)\2(\d\d)")
MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH}) (\d{{1,2}}), (20\d\d)\b")
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}) ({_MONTH}) (20\d\d)\b")
CASUALTY_FIGURE = re.compile(r"\b(at least|killing|killed) (\d+)\b")


@dataclass
class BenchArticle:
    """One generated article: a JSON Lines record, or a page written as its own file."""

    record: dict[str, Any]
    is_html: bool
    as_page: bool = False

    @property
    def content(self) -> str:
        return self.record["html" if self.is_html else "text"]


@dataclass
class BenchResult:
    articles: int
    batches: list[str]
    pages: int
    wall_seconds: float
    warm_up_seconds: float
    stage_seconds: dict[str, float]
    counts: dict[str, int]
    peak_memory_mb: float
    success: bool
    workdir: Path | None = None
    run_ids: list[str] = field(default_factory=list)


def sample_articles(landing: Path = SAMPLES_DIR) -> list[ArticleRecord]:
    """The bundled sample articles, as the landing reader sees them (quarantined input left out)."""
    return [a for batch in list_batches(landing) for a in read_batch(landing, batch).articles]


def _shift_dates(text: str, shift: dt.timedelta) -> str:
    def iso(m: re.Match) -> str:
        day = dt.date(int(m[1]), int(m[3]), int(m[4])) + shift
        return day.strftime(f"%Y{m[2]}%m{m[2]}%d")

    def month_day_year(m: re.Match) -> str:
        day = dt.date(int(m[3]), MONTHS.index(m[1]) + 1, int(m[2])) + shift
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"

    def day_month_year(m: re.Match) -> str:
        day = dt.date(int(m[3]), MONTHS.index(m[2]) + 1, int(m[1])) + shift
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"

    text = ISO_DATE.sub(iso, text)
    text = MONTH_DAY_YEAR.sub(month_day_year, text)
    return DAY_MONTH_YEAR.sub(day_month_year, text)


def _move_towns(text: str, round_: int) -> str:
    for town, towns in TOWNS.items():
        target = towns[round_ % len(towns)]
        if target == town:
            continue
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, SPELLINGS.get(town, (town,)))) + r")\b", re.I)

        def cased(m: re.Match, target: str = target) -> str:
            word = m[0]
            return target.upper() if word.isupper() else target.lower() if word.islower() else target

        text = pattern.sub(cased, text)
    return text


def _drift_figures(text: str, drift: int) -> str:
    return CASUALTY_FIGURE.sub(lambda m: f"{m[1]} {int(m[2]) + drift}", text) if drift else text


def vary(template: ArticleRecord, index: int, round_: int, report: int) -> BenchArticle:
    """Article ``index``: report ``report`` (0, 1, 2: one day apart) of round ``round_`` of a sample story."""
    shift = dt.timedelta(weeks=round_ % MAX_WEEKS, days=report)

    def varied(text: str | None) -> str | None:
        if text is None:
            return None
        return _drift_figures(_shift_dates(_move_towns(text, round_), shift), report)

    stem = Path(template.source_id).stem
    outlet = template.outlet if round_ == report == 0 else OUTLETS[(index + report) % len(OUTLETS)]
    published = varied(template.published_at_raw)
    slug = re.sub(r"[^a-z]+", "", (outlet or "wire").lower())
    record = {
        "id": f"bench-{index:05d}-{stem}",
        "url": f"https://{slug}.example/{(published or 'news')[:10]}/{stem}-{index:05d}",
        "outlet": outlet,
        "title": varied(template.title),
        "published_at": published,
        "html" if template.content_is_html else "text": varied(template.content),
    }
    return BenchArticle({k: v for k, v in record.items() if v is not None}, template.content_is_html)


def build_articles(n: int, templates: list[ArticleRecord] | None = None) -> list[BenchArticle]:
    """N varied articles; a few of the samples that came as .txt or .html files are written as pages again."""
    templates = templates or sample_articles()
    articles = []
    for index in range(n):
        template = templates[index % len(templates)]
        round_, report = divmod(index // len(templates), REPORTS_PER_STORY)
        article = vary(template, index, round_, report)
        article.as_page = template.format in ("txt", "html")
        articles.append(article)
    pages = [a for a in articles if a.as_page][: max(1, n // 100)]
    for article in articles:
        article.as_page = article.as_page and any(article is p for p in pages)
    return articles


def write_landing(articles: list[BenchArticle], landing: Path) -> list[str]:
    """One JSON Lines batch, plus a folder batch of pages; returns the batch ids."""
    landing.mkdir(parents=True, exist_ok=True)
    records = [a.record for a in articles if not a.as_page]
    pages = [a for a in articles if a.as_page]
    (landing / JSONL_BATCH).write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    if pages:
        folder = landing / PAGES_BATCH
        folder.mkdir(exist_ok=True)
        for page in pages:
            suffix = ".html" if page.is_html else ".txt"
            (folder / f"{page.record['id']}{suffix}").write_text(page.content, encoding="utf-8")
    return list_batches(landing)


def stage_of_step() -> dict[str, str]:
    """Dagster step key -> pipeline stage (the asset's group)."""
    from assets.definitions import make_definitions

    return {
        spec.key.to_python_identifier(): spec.group_name
        for spec in make_definitions().resolve_all_asset_specs()
    }


def stage_seconds(instance: Any, run_ids: list[str]) -> dict[str, float]:
    """Seconds each stage's steps took, summed over the runs (from Dagster's step statistics)."""
    stages = stage_of_step()
    seconds: dict[str, float] = defaultdict(float)
    for run_id in run_ids:
        for step in instance.get_run_step_stats(run_id):
            if step.start_time is not None and step.end_time is not None:
                seconds[stages.get(step.step_key, step.step_key)] += step.end_time - step.start_time
    return dict(seconds)


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _warm_up(article: BenchArticle, folder: Path, instance: Any) -> float:
    """Load one article into a throwaway warehouse first, so that the one-off costs of a fresh process
    (importing Dagster's definitions, loading spaCy and Great Expectations) do not land on the first
    timed steps. Returns its wall-clock seconds."""
    from assets.runner import run_landing

    landing = folder / "landing"
    landing.mkdir(parents=True, exist_ok=True)
    (landing / "warm_up.jsonl").write_text(
        json.dumps(article.record, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    started = time.perf_counter()
    run_landing(landing, folder / "events.duckdb", instance=instance, verbosity="quiet")
    return time.perf_counter() - started


def run_benchmark(n_articles: int, keep: Path | None = None, instance: Any = None) -> BenchResult:
    """Generate, write and load ``n_articles`` through the real job; time it."""
    import dagster as dg

    from assets.runner import run_landing

    with tempfile.TemporaryDirectory(prefix="events-bench-") as tmp:
        workdir = keep or Path(tmp)
        landing, warehouse = workdir / "landing", workdir / "events.duckdb"
        articles = build_articles(n_articles)
        batches = write_landing(articles, landing)
        # An instance the caller passes in stays open for the caller; our own ephemeral one is disposed.
        with dg.DagsterInstance.ephemeral() if instance is None else nullcontext(instance) as active:
            warm_up = _warm_up(articles[0], workdir / "warm_up", active)
            started = time.perf_counter()
            report = run_landing(landing, warehouse, instance=active, verbosity="quiet")
            wall = time.perf_counter() - started
            seconds = stage_seconds(active, report.run_ids)
        return BenchResult(
            articles=n_articles,
            batches=batches,
            pages=sum(a.as_page for a in articles),
            wall_seconds=wall,
            warm_up_seconds=warm_up,
            stage_seconds=seconds,
            counts=report.counts,
            peak_memory_mb=peak_memory_mb(),
            success=report.success,
            workdir=keep,
            run_ids=report.run_ids,
        )


def _rate(articles: int, seconds: float) -> str:
    return f"{articles / seconds:10.1f}" if seconds > 0 else f"{'-':>10}"


def result_text(result: BenchResult) -> str:
    """The benchmark's printout: per-stage and overall throughput, output sizes, peak memory."""
    n, c = result.articles, result.counts
    lines = [
        f"benchmark: {n} articles ({n - result.pages} in {JSONL_BATCH}, "
        f"{result.pages} as pages in {PAGES_BATCH}/), {len(result.run_ids)} Dagster runs",
        f"warm-up: 1 article in {result.warm_up_seconds:.2f} s "
        "(imports, spaCy and Great Expectations loading; not counted below)",
        f"{'stage':<12}{'seconds':>10}{'articles/s':>12}",
    ]
    for stage in STAGES:
        seconds = result.stage_seconds.get(stage, 0.0)
        lines.append(f"{stage:<12}{seconds:>10.2f}  {_rate(n, seconds)}")
    lines.append(
        f"{'overall':<12}{result.wall_seconds:>10.2f}  {_rate(n, result.wall_seconds)}"
        "   (wall clock of the runs: steps, checks, Dagster overhead)"
    )
    lines.append(
        f"produced: {c.get('articles', 0)} articles, {c.get('event_mentions', 0)} mentions, "
        f"{c.get('events', 0)} events, {c.get('quarantine', 0)} quarantined"
    )
    lines.append(f"peak memory: {result.peak_memory_mb:.0f} MB")
    lines.append("run: " + ("succeeded" if result.success else "FAILED"))
    if result.workdir:
        lines.append(f"kept: {result.workdir}/landing and {result.workdir}/events.duckdb")
    return "\n".join(lines)


def main(argv: list[str] | None = None, instance: Any = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles", type=int, default=1000, help="how many articles to generate (default 1000)"
    )
    parser.add_argument("--keep", help="keep the landing folder and warehouse in this new folder")
    parser.add_argument(
        "--corpus", help="a JSON Lines corpus to take the articles from (see app/bench_corpus.py)"
    )
    parser.add_argument("--vs-spacy", action="store_true", help="with --corpus: also run plain spaCy")
    parser.add_argument(
        "--dedup-scale", type=int, metavar="MENTIONS", help="time dedup on synthetic mentions up to MENTIONS"
    )
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    keep = Path(args.keep).resolve() if args.keep else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    if args.dedup_scale:
        from app.bench_dedup import dedup_scaling

        dedup_scaling(args.dedup_scale)  # prints its rows as they are done
        return 0
    if args.corpus:
        from app.bench_corpus import compare

        text, ok = compare(Path(args.corpus).resolve(), args.articles, args.vs_spacy, keep)
        print(text)
        return 0 if ok else 1
    if args.vs_spacy:
        parser.error("--vs-spacy needs --corpus")
    result = run_benchmark(args.articles, keep, instance)
    print(result_text(result))
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
