"""Clean stage asset: main text, metadata and sentences of the batch's article versions."""

import datetime as dt

import dagster as dg

from assets.partitions import BATCH_POOL, landing_batches
from assets.quality import check_spec, run_suite, table_metadata
from assets.resources import Warehouse
from expectations.clean_articles import FUTURE_SLACK
from pipeline.stages import clean_batch


@dg.asset(
    group_name="clean",
    partitions_def=landing_batches,
    pool=BATCH_POOL,
    kinds={"duckdb", "polars"},
    deps=["raw_articles"],
    check_specs=[
        check_spec("clean_articles", "clean_articles", "No markup left, plausible lengths, no future dates.")
    ],
)
def clean_articles(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Cleaned articles: boilerplate removed, Unicode normalized, dates and datelines found, sentences."""
    with warehouse.connect() as con:
        articles = clean_batch(con, context.partition_key, progress=context.log.info)
    yield dg.MaterializeResult(
        metadata=table_metadata(
            articles.drop("body"),
            [
                "source_id",
                "outlet",
                "title",
                "published_at",
                "published_at_source",
                "language",
                "n_sentences",
            ],
            table="staging.articles",
            sentences=int(articles["n_sentences"].sum() or 0),
            removed_lines=int(articles["removed_lines"].sum() or 0),
            non_english=int((~articles["is_english"]).sum()),
        )
    )
    # The stage quarantined articles dated more than FUTURE_SLACK ahead; the suite checks that none is left.
    latest = dt.datetime.now(dt.UTC).replace(tzinfo=None) + FUTURE_SLACK
    yield run_suite("clean_articles", "clean_articles", articles, now=latest)
