"""Extract stage asset: sentence-level event mentions of the batch's articles."""

import dagster as dg

from assets.partitions import WAREHOUSE_POOL, landing_batches
from assets.quality import check_spec, run_suite, table_metadata
from assets.resources import Warehouse
from pipeline.stages import extract_batch, mentions_check_frame


@dg.asset(
    group_name="extract",
    partitions_def=landing_batches,
    pool=WAREHOUSE_POOL,
    kinds={"duckdb", "spacy"},
    deps=["clean_articles"],
    check_specs=[
        check_spec("event_mentions", "event_mentions", "ACLED vocabulary, valid ranges, no future events.")
    ],
)
def event_mentions(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Event mentions: ACLED type, actors, place, date, casualties and the sentence that reports each."""
    with warehouse.connect() as con:
        mentions = extract_batch(con, context.partition_key)
        checked = mentions_check_frame(con, context.partition_key, mentions)
    yield dg.MaterializeResult(
        metadata=table_metadata(
            mentions,
            [
                "event_type",
                "sub_event_type",
                "actor1",
                "actor2",
                "location",
                "event_date",
                "fatalities",
                "sentence",
            ],
        )  # fmt: skip
    )
    yield run_suite("event_mentions", "event_mentions", checked)
