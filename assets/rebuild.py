"""The rebuild job: drop every projection and replay the article log from the start."""

import dagster as dg

from assets.partitions import WAREHOUSE_POOL
from assets.resources import Warehouse
from pipeline.queries import query
from pipeline.stages import replay_log
from pipeline.warehouse import publish_snapshot


@dg.op(pool=WAREHOUSE_POOL)
def replay_article_log(context: dg.OpExecutionContext, warehouse: Warehouse):
    """Rebuild clean articles, mentions, events and marts from raw.article_log (which is left untouched)."""
    with warehouse.connect() as con:
        batches = replay_log(con, run_id=context.run.run_id)
        counts = {
            name: con.execute(query("tables.row_count", table=name)).fetchone()[0]
            for name in ("articles", "event_mentions", "events")
        }
        publish_snapshot(con, warehouse.database)
    for batch in batches:
        for key in ("clean_articles", "event_mentions"):
            yield dg.AssetMaterialization(asset_key=key, partition=batch, metadata={"rebuilt": True})
    for key in ("events", "event_aggregates"):
        yield dg.AssetMaterialization(asset_key=key, metadata={"rebuilt": True, **counts})
    context.log.info(f"replayed {len(batches)} batches: {counts}")
    yield dg.Output(counts)


@dg.job(description="Drop the projections (clean, extract, dedup, marts) and replay the whole article log.")
def rebuild():
    replay_article_log()
