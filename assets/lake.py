"""Lake assets: the redacted raw tables and rule hits as partitioned Parquet (pipelines/warehouse/lake.py),
and the marts built on Apache Spark over it (pipelines/warehouse/spark.py). Both do nothing unless the
run has a lake (`cotwatch run --lake URL` or COTWATCH_LAKE); the Spark marts only with `--engine spark`."""

import subprocess
import sys

import dagster as dg

from assets.landing import RAW_EVENTS, RAW_FILES, RAW_QUARANTINE, RAW_SESSIONS
from assets.monitor import MONITOR_JUDGMENTS, MONITOR_SIGNALS
from assets.resources import WarehouseResource
from pipelines.warehouse.connections import open_warehouse

LAKE_TABLES = dg.AssetKey(["lake", "tables"])
LAKE_MARTS = dg.AssetKey(["lake", "marts"])
MONITOR_RULE_HITS = dg.AssetKey(["monitor", "rule_hits"])  # the dbt Python model of the rule matches


@dg.asset(
    key=LAKE_TABLES,
    deps=[
        RAW_FILES,
        RAW_SESSIONS,
        RAW_EVENTS,
        RAW_QUARANTINE,
        MONITOR_RULE_HITS,
        MONITOR_SIGNALS,
        MONITOR_JUDGMENTS,
    ],
    group_name="lake",
    kinds={"parquet", "s3"},
)
def lake_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """raw.files, raw.sessions, raw.events, raw.quarantine, raw.reviews, the rule hits (monitor.rule_hits),
    every detector hit (monitor.signals) and monitor.judgments as Parquet partitioned by deployment and
    date under the lake, one manifest commit per group of partitions (docs/scaling.md)."""
    url = warehouse.lake_url()
    if not url:
        context.log.info("lake: off (pass --lake URL or set COTWATCH_LAKE)")
        return dg.MaterializeResult(metadata={"enabled": False})
    # Imported here, not with the definitions: pyarrow.dataset imports pandas (0.2-0.3 s of every
    # run's start-up, lake or not).
    from pipelines.warehouse.lake import open_lake, sync

    lake = open_lake(url)
    with open_warehouse(warehouse.settings(), read_only=True) as conn:
        summary = sync(lake, conn, progress=warehouse.progress(context.log))
    warehouse.progress(context.log)(
        f"lake: v{summary.version} at {url}: {summary.partitions_written} partitions written "
        f"({summary.rows_written} rows, {summary.files_written} files) in {summary.seconds:.1f}s"
    )
    return dg.MaterializeResult(metadata={"enabled": True, **summary.as_metadata()})


@dg.asset(key=LAKE_MARTS, deps=[LAKE_TABLES], group_name="lake", kinds={"spark", "parquet"})
def lake_marts(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The dbt project built on Apache Spark over the lake (`--engine spark`): every model and data
    test, the marts written as Parquet under <lake>/marts/<table>/. Skipped on the DuckDB engine."""
    url = warehouse.lake_url()
    if warehouse.engine != "spark" or not url:
        context.log.info("spark: off (cotwatch run --engine spark --lake URL)")
        return dg.MaterializeResult(metadata={"enabled": False})
    settings = warehouse.settings()
    progress = warehouse.progress(context.log)
    # A process of its own: the JVM and dbt's global state end with it, whatever happens.
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.warehouse.spark",
            "--lake",
            url,
            "--work-dir",
            str(settings.data_dir / "spark"),
        ],
        capture_output=True,
        text=True,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("spark:") or "error" in line.lower():
            progress(line)
    if proc.returncode != 0:
        raise dg.Failure(
            description=f"dbt build on Spark failed (exit {proc.returncode}); see {settings.data_dir / 'spark' / 'dbt-logs'}",
            metadata={"stderr": dg.MetadataValue.text(proc.stderr[-4000:]), "stdout": proc.stdout[-4000:]},
        )
    return dg.MaterializeResult(metadata={"enabled": True, "marts": f"{url.rstrip('/')}/marts"})


lake_assets = [lake_tables, lake_marts]
# What `cotwatch run --engine spark` materializes: the models are built by Spark over the lake; the
# DuckDB models, their checks and the serving snapshot are left as they are.
# (The lake's monitor tables keep what the last DuckDB build left; Spark matches the rules itself.)
SPARK_SELECTION = ("raw/files", "raw/sessions", "raw/events", "raw/quarantine", "lake/tables", "lake/marts")
