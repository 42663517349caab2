"""The dbt project built on Apache Spark over the lake (`cotwatch run --engine spark`, docs/scaling.md).

One process (`python -m pipelines.warehouse.spark --lake PATH`) starts a Spark session (master
COTWATCH_SPARK_MASTER, default local[*]), declares the lake's tables as the dbt sources `raw.*` and
`monitor.*`, and runs `dbt build --target spark` in the same process: dbt-spark's `method: session`
picks up that session (SparkSession.builder.getOrCreate). The catalog is Spark's in-memory one, so a
build is always a full build, and nothing but the marts outlives it: they are written as Parquet
under `<lake>/marts/<table>/` (dbt `location_root`), readable by DuckDB with `read_parquet`.

Spark reads the lake through a filesystem path (or `s3a://` on a cluster that has hadoop-aws). It
reads the folders, not the manifest, so it first checks that the folders hold exactly the files the
newest manifest names (true whenever no sync is running, since a sync deletes what it replaced and
what a killed run left behind); otherwise it stops with an error instead of reading half a commit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from pipelines.dbt_docs import DBT_PROJECT_DIR
from pipelines.warehouse.lake import Lake, LakeError, live_files, open_lake, read_manifest

DEFAULT_MASTER = "local[*]"
# Sources of the dbt project that the lake holds, and those it does not (made empty, with the schema
# the warehouse gives them, so that the staging models build: reviews and judgments stay on DuckDB).
ARROW_TO_SPARK = {
    "string": "string",
    "large_string": "string",
    "int8": "tinyint",
    "int16": "smallint",
    "int32": "int",
    "int64": "bigint",
    "bool": "boolean",
    "double": "double",
    "float": "float",
    "date32[day]": "date",
    "timestamp[us]": "timestamp_ntz",
    "timestamp[ns]": "timestamp_ntz",
    "timestamp[us, tz=UTC]": "timestamp",
    "list<l: string>": "array<string>",
    "list<l: int32>": "array<int>",
}


def spark_master() -> str:
    return os.environ.get("COTWATCH_SPARK_MASTER") or DEFAULT_MASTER


def spark_session(work_dir: Path, master: str | None = None) -> Any:
    """A Spark session in UTC with the settings the dbt project needs on Spark."""
    from pyspark.sql import SparkSession

    work_dir.mkdir(parents=True, exist_ok=True)
    # The catalog is in memory, so an earlier build's tables are forgotten but their files stay in the
    # warehouse dir, and Spark refuses a managed table over an existing location
    # (LOCATION_ALREADY_EXISTS): a second build in the same work dir failed. Start from an empty one.
    shutil.rmtree(work_dir / "spark-warehouse", ignore_errors=True)
    master = master or spark_master()
    builder = (
        SparkSession.builder.appName("cotwatch-dbt")
        .master(master)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.catalogImplementation", "in-memory")
        .config("spark.sql.warehouse.dir", str(work_dir / "spark-warehouse"))
        .config("spark.local.dir", str(work_dir / "spark-tmp"))
        # The marts are rewritten in place under <lake>/marts/<table>/ on every build.
        .config("spark.sql.legacy.allowNonEmptyLocationInCTAS", "true")
        .config("spark.sql.shuffle.partitions", os.environ.get("COTWATCH_SPARK_SHUFFLE_PARTITIONS", "8"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", os.environ.get("COTWATCH_SPARK_DRIVER_MEMORY", "2g"))
    )
    # Python workers (the monitor's per-partition scan) run this interpreter, with this project importable.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(DBT_PROJECT_DIR.parent), os.environ.get("PYTHONPATH", "")) if p
    )
    if master.startswith("local"):
        # Local mode serves nothing to other machines: keep the driver on the loopback interface.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1").config(
            "spark.driver.host", "127.0.0.1"
        )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _check_folders_match_manifest(lake: Lake, manifest: dict[str, Any]) -> None:
    import pyarrow.fs as pafs

    prefix = lake.root.rstrip("/") + "/"
    for table in manifest.get("tables", {}):
        listed = {
            info.path[len(prefix) :]
            for info in lake.fs.get_file_info(pafs.FileSelector(lake.path(table), recursive=True))
            if info.type == pafs.FileType.File and info.base_name.endswith(".parquet")
        }
        named = set(live_files(manifest, table))
        if listed != named:
            raise LakeError(
                f"{lake.url}/{table}: the folders hold {len(listed - named)} files the manifest "
                f"v{manifest['version']} does not name and miss {len(named - listed)} it names "
                "(a sync is running or was killed); run `cotwatch run --lake ...` to finish it first"
            )


def register_sources(spark: Any, lake: Lake) -> dict[str, int]:
    """The lake's raw tables as views `raw.events`, `raw.sessions`, ... (the dbt sources); a table the
    lake has no rows for becomes an empty view with the warehouse's columns. Returns rows per table."""
    manifest = read_manifest(lake)
    if manifest["version"] == 0:
        raise LakeError(f"{lake.url}: the lake is empty; run `cotwatch run --lake {lake.url}` first")
    _check_folders_match_manifest(lake, manifest)
    spark_root = _spark_path(lake)
    counts = {}
    for table, columns in manifest.get("schemas", {}).items():
        schema, name = table.split("/")
        if schema != "raw":
            continue  # the dbt sources are raw.*; monitor.* is what dbt and the Spark matcher build
        spark.sql(f"create database if not exists {schema}")
        if live_files(manifest, table):
            source = f"select * from parquet.`{spark_root}/{table}`"
        else:
            cols = ", ".join(f"cast(null as {ARROW_TO_SPARK.get(t, 'string')}) as `{c}`" for c, t in columns)
            source = f"select {cols} where false"
        spark.sql(f"create or replace view {schema}.{name} as {source}")
        counts[table] = sum(p["rows"] for p in manifest["tables"].get(table, {}).values())
    return counts


# monitor.rule_hits as the per-partition scan returns it (the model's contract, models/monitor/_monitor.yml).
RULE_HITS_SCHEMA = (
    "signal_id string, session_id string, event_index int, detector_id string, detector_version string, "
    "category string, severity string, channel string, confidence double, evidence string, "
    "span_start int, span_end int, detected_at timestamp_ntz"
)


def scan_texts(texts: Any) -> Any:
    """The rule pack's matching over one partition's channel texts (a pandas frame of
    int_monitor_texts rows), with the code the single-machine build runs
    (pipelines.monitor.engine.scan) in a private in-memory DuckDB. Returns the rule hits (pandas)."""
    import duckdb

    from pipelines.monitor.engine import SIGNAL_COLUMNS, scan
    from pipelines.monitor.rules import default_rule_pack

    conn = duckdb.connect()
    conn.execute("set TimeZone = 'UTC'")
    conn.register("part_texts", texts.drop(columns=["deployment", "session_date"], errors="ignore"))
    scan(conn, default_rule_pack(), "select * from part_texts")
    out = conn.sql(f"select {', '.join(SIGNAL_COLUMNS)} from mon_out").df()
    conn.close()
    return out


def rule_hits_on_spark(spark: Any) -> Any:
    """monitor.rule_hits computed by Spark: the texts of intermediate.int_monitor_texts grouped by their
    session's lake partition (deployment, session date), each group scanned by `scan_texts` in a
    Python worker. A group holds whole sessions, so the user-request guards see every message."""
    texts = spark.table("intermediate.int_monitor_texts")
    sessions = spark.table("staging.stg_sessions").select("session_id", "deployment", "session_date")
    return (
        texts.join(sessions, "session_id")
        .groupBy("deployment", "session_date")
        .applyInPandas(scan_texts, RULE_HITS_SCHEMA)
    )


def _spark_path(lake: Lake) -> str:
    """The lake root as Spark names it: a local path, or s3a:// on a cluster with hadoop-aws."""
    if lake.url.startswith(("s3://", "s3a://")):
        return "s3a://" + lake.root
    return lake.root


def dbt_build(
    lake_url: str,
    work_dir: Path,
    *,
    master: str | None = None,
    args: list[str] | None = None,
) -> int:
    """Start Spark, register the lake, build the models the rule matching reads, match the rules on
    Spark, build the rest; returns 0 when every dbt step succeeded."""
    from dbt.cli.main import dbtRunner

    lake = open_lake(lake_url)
    # Checked before Spark starts, so a lake in the middle of a sync fails fast (register_sources checks again).
    _check_folders_match_manifest(lake, read_manifest(lake))
    started = time.perf_counter()
    spark = spark_session(work_dir, master)
    counts = register_sources(spark, lake)
    print(
        f"spark: {spark.sparkContext.master}, Spark {spark.version}, sources "
        + ", ".join(f"{t}={n}" for t, n in sorted(counts.items())),
        flush=True,
    )
    os.environ["COTWATCH_LAKE_SPARK_ROOT"] = _spark_path(lake)
    if not lake.url.startswith(("s3://", "s3a://")):
        (Path(lake.root) / "marts").mkdir(parents=True, exist_ok=True)
    common = [
        "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR), "--target", "spark",
        "--target-path", str(work_dir / "dbt-target"), "--log-path", str(work_dir / "dbt-logs"),
    ]  # fmt: skip
    extra = args if args is not None else ["--exclude-resource-type", "unit_test"]
    runner = dbtRunner()
    # 1. everything the rule matching reads; 2. the matching, on Spark; 3. the rest and every test.
    # (cautious: a test that also reads a model of step 3 waits for step 3)
    ok = runner.invoke(
        ["build", "--select", "+int_monitor_texts", "--indirect-selection", "cautious", *common, *extra]
    ).success
    if ok:
        hits = rule_hits_on_spark(spark)
        spark.sql("create database if not exists monitor")
        (
            hits.write.mode("overwrite")
            .format("parquet")
            .option("path", f"{_spark_path(lake)}/marts/rule_hits")
            .saveAsTable("monitor.rule_hits")
        )
        n_hits = spark.table("monitor.rule_hits").count()
        print(f"spark: rule matching on Spark: {n_hits} rule hits", flush=True)
        ok = runner.invoke(["build", "--exclude", "+int_monitor_texts", "rule_hits", *common, *extra]).success
        ok = ok and runner.invoke(["test", "--select", "rule_hits", *common]).success
    print(f"spark: dbt build {'ok' if ok else 'failed'} in {time.perf_counter() - started:.1f}s", flush=True)
    spark.stop()
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.warehouse.spark", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--lake", required=True, help="the lake to read and to write the marts into")
    parser.add_argument("--work-dir", required=True, help="Spark's scratch space and dbt's target folder")
    parser.add_argument(
        "--master", default=None, help="Spark master (default: $COTWATCH_SPARK_MASTER or local[*])"
    )
    parser.add_argument("dbt_args", nargs="*", help="extra dbt arguments (default: skip unit tests)")
    ns = parser.parse_args(argv)
    try:
        return dbt_build(ns.lake, Path(ns.work_dir), master=ns.master, args=ns.dbt_args or None)
    except LakeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def java_available() -> bool:
    return bool(shutil.which("java") or os.environ.get("JAVA_HOME"))


if __name__ == "__main__":
    sys.exit(main())
