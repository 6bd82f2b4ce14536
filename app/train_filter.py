"""``python -m pipeline train-filter``: train the learned event filter (``pipeline/extract/learned``).

The labelled articles are loaded out of the corpus through the real Dagster job (the clean stage as in
production) with the filter off, then extracted again in this process with a recorder in place of the
filter; the maths, the labels and the rules for the threshold are in ``pipeline.extract.learned.train``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from app.evaluate import loaded_warehouse
from pipeline.extract.learned import train as learned
from pipeline.extract.model import ArticleContext, SentenceInput
from pipeline.queries import query
from pipeline.warehouse import connect


def loaded_inputs(corpus: Path, ids: set[str]) -> tuple[list, list, dict[str, str]]:
    """The article contexts and sentences of ``ids`` (records of a JSON Lines corpus) as the clean stage
    stores them, and each article's source id."""
    with loaded_warehouse(corpus, only=ids) as (warehouse, _):
        con = connect(warehouse, read_only=True)
        try:
            # the extract stage's own query, batch by batch: the same columns the pipeline extracts from
            batches = con.execute("select distinct batch_id from staging.articles order by 1").fetchall()
            to_extract = query("extract.articles_to_extract")
            articles = sorted(
                row for (batch,) in batches for row in con.execute(to_extract, [batch]).fetchall()
            )
            sentences = con.execute(
                query("extract.sentences_of_articles"), [[r[0] for r in articles]]
            ).fetchall()
            source_of = dict(con.execute("select article_id, source_id from staging.articles").fetchall())
        finally:
            con.close()
    return [ArticleContext(*row) for row in articles], [SentenceInput(*row) for row in sentences], source_of


def train_filter(corpus: Path, reports: Path | None, out: Path) -> dict:
    os.environ["PIPELINE_EVENT_FILTER"] = "off"  # the Dagster load must not depend on the old weights
    labels = learned.read_labels()
    contexts, inputs, source_of = loaded_inputs(corpus, {row["cid"].rsplit(":", 2)[0] for row in labels})
    features, text_of = learned.recorded(contexts, inputs, source_of)
    xs, ys, required, groups, skipped = learned.news_examples(labels, features, text_of)
    print(f"news labels {len(labels)}: used {len(ys)} ({sum(ys)} events); left out {skipped}")
    if reports is not None:
        examples = learned.report_examples(reports)
        for corpus_name in sorted({c for c, *_ in examples}):
            wanted = {rid: (label, req) for c, rid, label, req in examples if c == corpus_name}
            found, _ = learned.recorded(*loaded_inputs(reports / corpus_name, set(wanted)))
            for (source, _, _), vector in sorted(found.items(), key=lambda kv: kv[0]):
                label, req = wanted[source]
                xs.append(vector)
                ys.append(label)
                required.append(req)
                groups.append(source)
            print(f"{corpus_name}: {len(wanted)} odd-half reports, {len(found)} kept readings")
    x, y = np.vstack(xs), np.asarray(ys, dtype=float)
    payload = learned.train(x, y, np.asarray(required), groups)
    out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    chosen = f"penalty {payload['penalty']}, threshold {payload['threshold']}"
    print(f"{chosen}: {payload['cross_validated']} -> {out}")
    return payload
