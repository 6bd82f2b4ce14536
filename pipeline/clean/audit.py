"""Audit the clean stage on a corpus: which articles lose most of their words, which are emptied, and why.

    python -m pipeline.clean.audit CORPUS.jsonl [--examples N] [--list N]

Reads the file exactly as a landing batch is read (``pipeline.landing``), cleans every article with
``clean_article`` (plain Python, no Dagster, no warehouse) and prints:

- how many records never reach the clean stage (quarantined at landing, with their reasons);
- how many articles are *emptied* (input with words, no sentence left: the pipeline would quarantine them
  as "no text left after cleaning") and how many lose more than half their words;
- for every removal rule (``Removal.rule``): how many articles it touched and how many words it took,
  overall and among the articles that lost more than half;
- the articles that were emptied or lost more than half, with their word counts and the rules that
  removed the most (``--examples N`` also prints the first characters of what each rule removed).
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.clean.article import CleanArticle, clean_article
from pipeline.clean.normalize import extract_html
from pipeline.landing import ArticleRecord, read_batch

_HAS_WORD = re.compile(r"\w")
_EXAMPLE_CHARS = 100


def words(text: str) -> int:
    """Whitespace-separated tokens that hold a letter or a digit (a stray "-" is not a word)."""
    return sum(1 for token in text.split() if _HAS_WORD.search(token))


@dataclass(frozen=True)
class ArticleAudit:
    """What cleaning did to one article."""

    article_key: str
    words_in: int
    words_out: int
    removed_words: dict[str, int]  # rule -> words it removed
    examples: dict[str, str]  # rule -> the start of the first text it removed

    @property
    def emptied(self) -> bool:
        return self.words_in > 0 and self.words_out == 0

    @property
    def lost_half(self) -> bool:
        return self.words_out < self.words_in / 2


def audit_article(record: ArticleRecord) -> ArticleAudit:
    """Clean one article and account for the words it lost."""
    source = extract_html(record.content)[0] if record.content_is_html else record.content
    cleaned: CleanArticle = clean_article(
        record.content,
        is_html=record.content_is_html,
        title=record.title,
        outlet=record.outlet,
        published_at_raw=record.published_at_raw,
        url=record.url,
    )
    removed: dict[str, int] = collections.Counter()
    examples: dict[str, str] = {}
    for removal in cleaned.removals:
        removed[removal.rule] += words(removal.text)
        examples.setdefault(removal.rule, removal.text[:_EXAMPLE_CHARS])
    words_out = words(cleaned.body) if cleaned.sentences else 0
    return ArticleAudit(record.article_key, words(source), words_out, dict(removed), examples)


def _rule_table(audits: list[ArticleAudit]) -> list[str]:
    articles: collections.Counter[str] = collections.Counter()
    removed: collections.Counter[str] = collections.Counter()
    for audit in audits:
        for rule, n in audit.removed_words.items():
            articles[rule] += 1
            removed[rule] += n
    lines = [f"  {'rule':<32}{'articles':>9}{'words':>9}"]
    lines += [f"  {rule:<32}{articles[rule]:>9}{removed[rule]:>9}" for rule, _ in removed.most_common()]
    return lines if removed else ["  (none)"]


def report(corpus: Path, *, examples: int = 0, listed: int = 50) -> str:
    """The audit of one JSON Lines (or any landing) file, as printable text."""
    batch = read_batch(corpus.parent, corpus.name)
    audits = [audit_article(record) for record in batch.articles]
    emptied = [a for a in audits if a.emptied]
    no_text = [a for a in audits if a.words_in == 0]
    lost_half = [a for a in audits if a.lost_half and a.words_in > 0]
    words_in = sum(a.words_in for a in audits)
    words_out = sum(a.words_out for a in audits)
    out = [f"corpus: {corpus}"]
    out.append(f"records quarantined at landing (never cleaned): {len(batch.quarantined)}")
    for reason, n in collections.Counter(q.reason for q in batch.quarantined).most_common():
        out.append(f"  {n:>5}  {reason}")
    out.append(f"articles cleaned: {len(audits)}  (input with no word at all: {len(no_text)})")
    out.append(f"words: {words_in} in, {words_out} kept ({words_out / max(words_in, 1):.1%})")
    out.append(f"emptied (words in, no sentence out): {len(emptied)}")
    out.append(f"lost more than half their words: {len(lost_half)} (emptied included)")
    out.append("removals by rule, all articles:")
    out += _rule_table(audits)
    out.append("removals by rule, articles that lost more than half:")
    out += _rule_table(lost_half)
    if lost_half:
        out.append(f"articles that lost more than half (first {listed}):")
    for audit in lost_half[:listed]:
        top = sorted(audit.removed_words.items(), key=lambda item: -item[1])
        rules = ", ".join(f"{rule} {n}" for rule, n in top) or "(no rule recorded)"
        flag = "EMPTIED " if audit.emptied else ""
        out.append(f"  {flag}{audit.article_key}: {audit.words_in} -> {audit.words_out} words; {rules}")
        for rule, _ in top[:examples]:
            out.append(f"      {rule}: {audit.examples[rule]!r}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    description = (__doc__ or "").splitlines()[0]
    parser = argparse.ArgumentParser(prog="python -m pipeline.clean.audit", description=description)
    parser.add_argument("corpus", type=Path, help="a JSON Lines file of articles (id, title, text or html)")
    parser.add_argument("--examples", type=int, default=0, help="print what the top N rules removed")
    parser.add_argument("--list", type=int, default=50, dest="listed", help="list at most N articles")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        parser.error(f"no such file: {args.corpus}")
    print(report(args.corpus, examples=args.examples, listed=args.listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
