"""Lake assets: the redacted raw tables and rule hits as partitioned Parquet (pipelines/warehouse/lake.py),
and the marts built on Apache Spark over it (pipelines/warehouse/spark.py). Both do nothing unless the
run has a lake (`cotwatch run --lake URL` or COTWATCH_LAKE); the Spark marts only with `--engine spark`."""

import dagster as dg

from assets.landing import RAW_EVENTS, RAW_FILES, RAW_QUARANTINE, RAW_SESSIONS
from assets.monitor import MONITOR_SIGNALS
from assets.resources import WarehouseResource
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.lake import open_lake, sync

LAKE_TABLES = dg.AssetKey(["lake", "tables"])
LAKE_MARTS = dg.AssetKey(["lake", "marts"])


@dg.asset(
    key=LAKE_TABLES,
    deps=[RAW_FILES, RAW_SESSIONS, RAW_EVENTS, RAW_QUARANTINE, MONITOR_SIGNALS],
    group_name="lake",
    kinds={"parquet", "s3"},
)
def lake_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """raw.files, raw.sessions, raw.events, raw.quarantine and monitor.signals as Parquet partitioned
    by deployment and date under the lake, one manifest commit per group of partitions (docs/scaling.md)."""
    url = warehouse.lake_url()
    if not url:
        context.log.info("lake: off (pass --lake URL or set COTWATCH_LAKE)")
        return dg.MaterializeResult(metadata={"enabled": False})
    lake = open_lake(url)
    with open_warehouse(warehouse.settings(), read_only=True) as conn:
        summary = sync(lake, conn, progress=warehouse.progress(context.log))
    warehouse.progress(context.log)(
        f"lake: v{summary.version} at {url}: {summary.partitions_written} partitions written "
        f"({summary.rows_written} rows, {summary.files_written} files) in {summary.seconds:.1f}s"
    )
    return dg.MaterializeResult(metadata={"enabled": True, **summary.as_metadata()})


lake_assets = [lake_tables]
