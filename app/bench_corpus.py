"""Benchmark on a real corpus: the whole pipeline against plain spaCy, and the cost of a small new batch.

``python -m pipeline.bench --corpus FILE --articles N [--vs-spacy]`` takes the first N records of a JSON Lines
corpus (past its end, the corpus again with new ids and changed numbers, so every copy is a new article) and
measures, each in a fresh subprocess so that start-up, imports and model loading count and memory is its own:

1. the pipeline: ``python -m pipeline run`` into an empty warehouse (the Dagster job, checks included);
2. with ``--vs-spacy``, plain spaCy: ``en_core_web_sm`` with all its default components over the same
   records' texts with ``nlp.pipe(n_process=<cores>)``; then the two sides run in the order pipeline, spaCy,
   spaCy, pipeline (A-B-B-A), so that load drifting on a shared machine weighs on both alike, and the ratio
   is that of the means;
3. an incremental load: N/100 further records as a new batch into the warehouse holding the N (only the new
   batch is loaded; dedup and the marts span everything), twice: cold, ``python -m pipeline run`` again (its
   start-up and the first use of Great Expectations, spaCy and the gazetteer included), and warm, in a
   process that has loaded one article first (what a long-running process pays per batch), into a copy of
   the warehouse as it was after step 1.

For each: wall seconds, articles per second and peak memory of the whole process tree (workers included),
as RSS (resident pages, shared ones counted in every process) and PSS (shared pages divided among the
processes that share them). The machine's load average is printed: other work on it slows both sides, so
the ratio of one run is the figure to compare, not the seconds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import PROJECT_ROOT

# Plain spaCy's batch: nlp.pipe hands whole batches to its processes, and its default (1000 texts) would
# give every article of a 1000-article run to one process.
SPACY_BATCH = 50
INCREMENT_SHARE = 100  # the new batch is 1/100 of the load
PART_RECORDS = 1000  # records per file: news articles of a few KB stay far below the 20 MB a file may have
SAMPLE_SECONDS = 0.2
NUMBER = re.compile(r"(?<![\d.,:/-])\b([1-9]\d{0,2})\b(?![\d,:/-]|\.\d)")
MONTH_BEFORE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? $", re.I)


@dataclass
class Measured:
    """One subprocess: wall clock, peak memory of its process tree, what it printed."""

    wall_seconds: float
    peak_rss_mb: float
    peak_pss_mb: float
    returncode: int
    stdout: str
    stderr: str


def corpus_records(path: Path, n: int, start: int = 0) -> list[dict]:
    """Records ``start`` to ``start + n`` of the corpus; past its end, copies with new ids and URLs and every
    small number shifted (so that no copy is a duplicate of an article the pipeline has already seen)."""
    with path.open(encoding="utf-8") as f:
        corpus = [json.loads(line) for line in f if line.strip()]
    records = []
    for i in range(start, start + n):
        record, copy = dict(corpus[i % len(corpus)]), i // len(corpus)
        if copy:
            record["id"] = f"{record.get('id', i)}-r{copy}"
            if record.get("url"):
                record["url"] = f"{record['url'].rstrip('/')}/r{copy}"
            for field in ("text", "html"):
                if record.get(field):
                    record[field] = _shift_numbers(record[field], copy)
        records.append(record)
    return records


def _shift_numbers(text: str, by: int) -> str:
    """Small numbers (counts, ages) shifted; days of the month left alone, so dates stay dates."""

    def shifted(m: re.Match) -> str:
        return m[0] if MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()) else str(int(m[1]) + by)

    return NUMBER.sub(shifted, text)


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def measure(argv: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run ``argv`` to its end; its wall clock and the peak memory of it and all its descendants."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, env={**os.environ, **(env or {})}, cwd=PROJECT_ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    peak = {"rss": 0, "pss": 0}

    def sample() -> None:
        while proc.poll() is None:
            rss, pss = tree_memory_kb(proc.pid)
            peak["rss"], peak["pss"] = max(peak["rss"], rss), max(peak["pss"], pss)
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    sampler.join()
    return Measured(wall, peak["rss"] / 1024, peak["pss"] / 1024, proc.returncode, stdout, stderr)


def tree_memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KiB of a process and its descendants, now (Linux /proc; zeros elsewhere)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith(("Rss:", "Pss:")):
                    value = int(line.split()[1])
                    rss, pss = (rss + value, pss) if line.startswith("Rss:") else (rss, pss + value)
        except OSError:
            continue
    return rss, pss


def load_average() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_pipeline(landing: Path, warehouse: Path, home: Path) -> Measured:
    # Normal verbosity: the line printed as each batch finishes gives the batch's own run time.
    argv = [sys.executable, "-m", "pipeline", "run", "--landing", str(landing), "--warehouse", str(warehouse)]
    return measure(argv, {"DAGSTER_HOME": str(home)})


def run_spacy(records_file: Path) -> Measured:
    return measure([sys.executable, "-m", "app.bench_corpus", "spacy", str(records_file), str(cores())])


def warm_increment(landing: Path, warehouse: Path, warm_up: Path) -> float:
    """What the warm incremental subprocess runs: one article into a throwaway warehouse (imports, models),
    then the pending batches of ``landing`` into ``warehouse``; returns the seconds of the latter."""
    from assets.runner import open_instance, run_landing

    instance = open_instance()
    write_jsonl(warm_up / "landing" / "warm_up.jsonl", corpus_records(landing / "corpus_new.jsonl", 1))
    run_landing(warm_up / "landing", warm_up / "events.duckdb", instance=instance, verbosity="quiet")
    started = time.perf_counter()
    report = run_landing(landing, warehouse, instance=instance, verbosity="quiet")
    if not report.success:
        raise SystemExit("the incremental batch failed")
    return time.perf_counter() - started


def plain_spacy(folder: Path, processes: int) -> int:
    """What the comparison runs in its subprocess: every default component over every record's text."""
    import spacy

    from pipeline.extract.nlp import MODEL_PACKAGE

    texts = []
    for part in sorted(folder.glob("*.jsonl")):
        with part.open(encoding="utf-8") as f:
            texts += [r.get("text") or r.get("html") or "" for r in map(json.loads, f)]
    nlp = spacy.load(MODEL_PACKAGE)
    return sum(len(doc) for doc in nlp.pipe(texts, n_process=processes, batch_size=SPACY_BATCH))


def _mean(runs: list[Measured]) -> Measured:
    """Mean wall clock and the highest peaks of several runs of one command; the first run's output."""
    worst = max(runs, key=lambda m: abs(m.returncode))
    return Measured(
        sum(m.wall_seconds for m in runs) / len(runs),
        max(m.peak_rss_mb for m in runs),
        max(m.peak_pss_mb for m in runs),
        worst.returncode,
        runs[0].stdout,
        runs[0].stderr,
    )


def _row(name: str, m: Measured, articles: int) -> str:
    rate = articles / m.wall_seconds if m.wall_seconds else 0.0
    failed = "" if m.returncode == 0 else f"   FAILED (exit {m.returncode})"
    return (
        f"{name:<30}{m.wall_seconds:>9.1f}{rate:>13.1f}{m.peak_rss_mb:>14.0f}{m.peak_pss_mb:>14.0f}{failed}"
    )


def _produced(stdout: str) -> str:
    found = re.search(r"articles: (\d+)\s+mentions: (\d+)\s+events: (\d+)", stdout)
    return f"{found[1]} articles, {found[2]} mentions, {found[3]} events" if found else "?"


def compare(corpus: Path, n: int, vs_spacy: bool, keep: Path | None = None) -> tuple[str, bool]:
    """Run the measurements; returns the printout and whether every run succeeded."""
    with tempfile.TemporaryDirectory(prefix="events-bench-") as tmp:
        work = keep or Path(tmp)
        records = corpus_records(corpus, n)
        new = corpus_records(corpus, max(1, n // INCREMENT_SHARE), start=n)
        words = sum(len((r.get("text") or r.get("html") or "").split()) for r in records)
        landing, warehouse, home = work / "landing", work / "events.duckdb", work / "dagster_home"
        # One folder batch of files under the landing folder's 20 MB limit per file.
        for part in range(0, n, PART_RECORDS):
            write_jsonl(
                landing / "corpus" / f"part-{part // PART_RECORDS:03d}.jsonl",
                records[part : part + PART_RECORDS],
            )
        lines = [
            f"benchmark: {n} articles of {corpus.name} ({words:,} words), {cores()} cores, "
            f"load average {load_average()} (1 / 5 / 15 min) at start",
            f"{'':<30}{'wall s':>9}{'articles/s':>13}{'peak RSS MB':>14}{'peak PSS MB':>14}",
        ]
        spacy_name = f"plain spaCy (n_process={cores()})"
        if vs_spacy:
            # A-B-B-A: load drifting on a shared machine weighs on both sides alike. The second pipeline run
            # goes into its own empty warehouse and Dagster home.
            first = run_pipeline(landing, warehouse, home)
            lines.append(_row("  1. pipeline", first, n))
            spacy_runs = [run_spacy(landing / "corpus") for _ in range(2)]
            lines += [_row(f"  {i}. plain spaCy", m, n) for i, m in enumerate(spacy_runs, 2)]
            second = run_pipeline(landing, work / "again" / "events.duckdb", work / "again" / "dagster_home")
            lines.append(_row("  4. pipeline", second, n))
            full, spacy_run = _mean([first, second]), _mean(spacy_runs)
            lines.append(_row("pipeline (Dagster job, checks)", full, n) + "   mean of 1 and 4")
            lines.append(_row(spacy_name, spacy_run, n) + "   mean of 2 and 3")
            ok = all(m.returncode == 0 for m in (first, second, *spacy_runs))
            if full.wall_seconds:
                ratio = spacy_run.wall_seconds / full.wall_seconds
                lines.append(f"ratio pipeline / plain spaCy: {ratio:.2f}x articles/s")
        else:
            full = run_pipeline(landing, warehouse, home)
            lines.append(_row("pipeline (Dagster job, checks)", full, n))
            ok = full.returncode == 0
        lines.append(f"pipeline produced: {_produced(full.stdout)}")
        loaded = re.search(r"articles: (\d+)", full.stdout)
        if loaded is None or int(loaded[1]) < 0.9 * n:  # quarantined wholesale: the figures mean nothing
            ok = False
            lines.append("FAILED: fewer than 90% of the articles were loaded (see the quarantine table)")
        copy = work / "events_warm.duckdb"
        shutil.copyfile(warehouse, copy)
        write_jsonl(landing / "corpus_new.jsonl", new)
        increment = run_pipeline(landing, warehouse, home)
        ok &= increment.returncode == 0
        lines.append(_row(f"incremental: {len(new)} new articles", increment, len(new)))
        lines.append(f"incremental / full load: {100 * increment.wall_seconds / full.wall_seconds:.1f}% "
                     f"(warehouse then: {_produced(increment.stdout)})")  # fmt: skip
        run = re.search(r"^corpus_new\.jsonl: .*\((\d+(?:\.\d+)?) s\)", increment.stdout, re.M)
        if run:  # the batch's Dagster run alone, without the command's start-up (imports, instance)
            seconds = float(run[1])
            share = 100 * seconds / full.wall_seconds
            lines.append(f"incremental batch run alone: {seconds:.1f} s = {share:.1f}% "
                         "of the full load (without the command's start-up)")  # fmt: skip
        warm = measure([sys.executable, "-m", "app.bench_corpus", "increment", str(landing), str(copy),
                        str(work / "warm_up")], {"DAGSTER_HOME": str(home)})  # fmt: skip
        ok &= warm.returncode == 0
        found = re.search(r"^increment ([\d.]+) s$", warm.stdout, re.M)
        if found:
            seconds = float(found[1])
            lines.append(f"incremental batch, warm process: {seconds:.1f} s = "
                         f"{100 * seconds / full.wall_seconds:.1f}% of the full load")  # fmt: skip
        else:
            lines.append(f"incremental batch, warm process: FAILED {warm.stderr[-1000:]}")
        lines.append(f"load average {load_average()} at end")
        for m in (full, increment):
            if m.returncode != 0:
                lines.append(m.stdout[-2000:] + m.stderr[-2000:])
        if keep:
            lines.append(f"kept: {landing} and {warehouse}")
        return "\n".join(lines), ok


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "spacy":
    print(plain_spacy(Path(sys.argv[2]), int(sys.argv[3])), "tokens")
elif __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "increment":
    print(f"increment {warm_increment(*map(Path, sys.argv[2:])):.3f} s")
