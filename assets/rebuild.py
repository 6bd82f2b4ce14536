"""The rebuild job: replay the article log into a new warehouse file and swap it in when it is complete.

The live warehouse is never touched until the replay has passed the same blocking checks as incremental runs
(a batch a check blocked stays blocked) and its events check; then the new file replaces it in one rename. A
rebuild killed at any point leaves the previous warehouse as it was (and a stray ``*.rebuild.duckdb``, which
the next rebuild overwrites).
"""

import datetime as dt
import os
from pathlib import Path

import dagster as dg

from assets.partitions import WAREHOUSE_POOL
from assets.resources import Warehouse
from pipeline import lake
from pipeline.queries import query
from pipeline.stages import ReplayBlocked, replay_log
from pipeline.warehouse import (
    connect,
    copy_database,
    mark_complete,
    mark_incomplete,
    publish_snapshot,
    rebuild_path,
    remove_database,
)

# The blocking checks an incremental run applies, by suite (the aggregates check does not block).
BLOCKING_SUITES = ("raw_articles", "clean_articles", "event_mentions", "events")


@dg.op(pool=WAREHOUSE_POOL)
def replay_article_log(context: dg.OpExecutionContext, warehouse: Warehouse):
    """Rebuild clean articles, mentions, events and marts from raw.article_log (which is left untouched)."""
    from expectations.validator import validate  # in the validator process, if the command started one

    if lake.settings() is not None:
        # The swap below renames a file into place; a lake would need its tables replaced in one commit
        # instead, which is not written yet (docs/deploy.md). Refuse rather than build a file nobody reads.
        raise dg.Failure("rebuild is not supported in the lake mode (EVENTS_LAKE) yet: see docs/deploy.md")
    live = Path(warehouse.database)
    target = rebuild_path(live)
    # A logical copy of the live file (log, versions, quarantine, sequences) to replay in.
    con = connect(live)
    try:
        copy_database(con, target)
        log_end = _log_end(con)
    finally:
        con.close()

    blocked: list[str] = []

    def gate(suite: str, batch_id: str | None, frame) -> bool:
        params = {"now": dt.datetime.now(dt.UTC).replace(tzinfo=None)} if suite == "clean_articles" else {}
        result = validate(suite, frame, **params)
        if not result.success and suite in BLOCKING_SUITES:
            blocked.append(f"{batch_id or 'all'}: {suite}")
            context.log.warning(f"{suite} check failed for {batch_id or 'the events'}:\n{result.markdown()}")
        return result.success

    con = connect(target)
    try:
        mark_incomplete(con, context.run_id, context.job_name)
        try:
            batches = replay_log(con, gate, run_id=context.run.run_id)
        except ReplayBlocked as err:
            blocked_text = ", ".join(blocked)
            raise dg.Failure(f"rebuild not swapped in: {err}", metadata={"blocked": blocked_text}) from err
        counts = {
            name: con.execute(query("tables.row_count", table=name)).fetchone()[0]
            for name in ("articles", "event_mentions", "events")
        }
        mark_complete(con, context.run_id, context.job_name)
        con.execute("checkpoint")
    finally:
        con.close()
    con = connect(live)
    try:
        # We hold the pool and the writer lock, so only a process outside the pipeline could have appended
        # to the log meanwhile; replacing the file would lose that, so keep it and fail instead.
        if _log_end(con) != log_end:
            remove_database(target)
            raise dg.Failure("rebuild not swapped in: the article log grew meanwhile; run it again")
        con.execute("checkpoint")
    finally:
        con.close()
    os.replace(target, live)

    con = connect(live)
    try:
        publish_snapshot(con, live)
    finally:
        con.close()
    for batch in batches:
        for key in ("clean_articles", "event_mentions"):
            yield dg.AssetMaterialization(asset_key=key, partition=batch, metadata={"rebuilt": True})
    for key in ("events", "event_aggregates"):
        yield dg.AssetMaterialization(asset_key=key, metadata={"rebuilt": True, **counts})
    blocked_text = f"; blocked as in incremental runs: {', '.join(blocked)}" if blocked else ""
    context.log.info(f"replayed {len(batches)} batches: {counts}{blocked_text}")
    yield dg.Output({**counts, "blocked": blocked})


def _log_end(con) -> tuple:
    return con.execute(query("rebuild.log_end")).fetchone()


@dg.job(description="Replay the whole article log into a new warehouse, checked like incremental runs, and "
        "swap it in when complete.")  # fmt: skip
def rebuild():
    replay_article_log()
