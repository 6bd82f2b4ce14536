"""Extract stage asset: sentence-level event mentions of the batch's articles."""

import dagster as dg

from assets.partitions import BATCH_POOL, landing_batches
from assets.quality import check_spec, run_suite, table_metadata
from assets.resources import Warehouse
from pipeline.queries import query
from pipeline.stages import extract_batch, mentions_check_frame


@dg.asset(
    group_name="extract",
    partitions_def=landing_batches,
    pool=BATCH_POOL,
    kinds={"duckdb", "spacy"},
    deps=["clean_articles"],
    check_specs=[
        check_spec("event_mentions", "event_mentions", "ACLED vocabulary, valid ranges, no future events.")
    ],
)
def event_mentions(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Event mentions: ACLED type, actors, place, date, casualties and the sentence that reports each."""
    with warehouse.connect() as con:
        mentions = extract_batch(con, context.partition_key, progress=context.log.info)
        checked = mentions_check_frame(con, context.partition_key, mentions)
        decided = con.execute(query("extract.candidates_by_reason"), [context.partition_key]).pl()
    yield dg.MaterializeResult(
        metadata={
            **_detection_metadata(decided),
            **table_metadata(
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
                table="core.mentions",
            ),  # fmt: skip
        }
    )
    yield run_suite("event_mentions", "event_mentions", checked)


def _detection_metadata(decided) -> dict:
    """What detection decided for the batch's trigger words, per reason: the UI's table and counts."""
    events = int(decided.filter(decided["decision"] == "event")["candidates"].sum() or 0)
    refused = int(decided.filter(decided["decision"] == "not_event")["candidates"].sum() or 0)
    return {
        "candidates_coded": dg.MetadataValue.int(events),
        "candidates_refused": dg.MetadataValue.int(refused),
        "candidates_by_reason": dg.MetadataValue.md(
            decided.to_pandas().to_markdown(index=False) if decided.height else "no candidate sentences"
        ),
    }
