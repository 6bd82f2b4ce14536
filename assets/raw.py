"""Raw stage asset: one landing batch appended to the article log."""

import dagster as dg

from assets.partitions import WAREHOUSE_POOL, landing_batches
from assets.quality import check_spec, run_suite, table_metadata
from assets.resources import LandingFolder, Warehouse
from expectations import validator
from pipeline.landing import batch_signature, read_batch
from pipeline.parallel import warm_up
from pipeline.queries import query
from pipeline.raw import store_batch


@dg.asset(
    group_name="raw",
    partitions_def=landing_batches,
    pool=WAREHOUSE_POOL,
    kinds={"duckdb"},
    check_specs=[
        check_spec("raw_articles", "raw_articles", "Article versions have unique hashes and content."),
        dg.AssetCheckSpec(
            name="nothing_quarantined",
            asset="raw_articles",
            description="Every file and record of the batch could be read (quarantined ones are listed).",
        ),
    ],
)
def raw_articles(context: dg.AssetExecutionContext, warehouse: Warehouse, landing: LandingFolder):
    """Append-only article log: the batch's new article versions by content hash; bad input quarantined."""
    batch_id = context.partition_key
    batch = read_batch(landing.root, batch_id)
    with warehouse.connect() as con:
        result = store_batch(con, batch_id, batch, batch_signature(landing.root, batch_id))
        # The clean and extract workers, if the new versions pay for them, load their models from now on; a
        # large batch validates in this process (expectations/validator.py).
        warm_up(result.new_versions)
        validator.keep_for(result.new_versions)
        versions = con.execute(query("raw.versions_of_batch"), [batch_id]).pl()
        quarantined = con.execute(query("raw.quarantine_of_batch"), [batch_id]).pl()
    yield dg.MaterializeResult(
        metadata=table_metadata(
            versions.drop("content"),
            ["source_id", "source_path", "record_index", "outlet", "title", "content_chars"],
            table="raw.article_versions",
            new_versions=result.new_versions,
            log_entries=result.log_entries,
            unchanged=result.unchanged,
            quarantined=quarantined.height,
        )
    )
    yield run_suite("raw_articles", "raw_articles", versions)
    reasons = "\n".join(
        f"| {r['source_path']} | {r['record_index']} | {r['reason']} |"
        for r in quarantined.iter_rows(named=True)
    )
    yield dg.AssetCheckResult(
        check_name="nothing_quarantined",
        passed=quarantined.height == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "quarantined": quarantined.height,
            "reasons": dg.MetadataValue.md(
                "| file | record | reason |\n|---|---|---|\n" + reasons if reasons else "_none_"
            ),
        },
    )
