"""Landing assets: transcript files into raw.files, raw.sessions, raw.events, raw.quarantine."""

import dagster as dg

from assets.resources import WarehouseResource
from pipelines.quality.validate import start_warm_up
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.landing import file_counts_add_up, land

RAW_FILES = dg.AssetKey(["raw", "files"])
RAW_SESSIONS = dg.AssetKey(["raw", "sessions"])
RAW_EVENTS = dg.AssetKey(["raw", "events"])
RAW_QUARANTINE = dg.AssetKey(["raw", "quarantine"])


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            RAW_FILES,
            description="One row per landed file version, with its record counts.",
            group_name="landing",
            kinds={"duckdb"},
        ),
        dg.AssetSpec(
            RAW_SESSIONS, description="One row per agent session.", group_name="landing", kinds={"duckdb"}
        ),
        dg.AssetSpec(
            RAW_EVENTS,
            description="One row per canonical event, in session order, redacted.",
            group_name="landing",
            kinds={"duckdb"},
        ),
        dg.AssetSpec(
            RAW_QUARANTINE,
            description="One row per record that could not be landed, with the reason.",
            group_name="landing",
            kinds={"duckdb"},
        ),
    ],
    can_subset=False,
)
def landed_transcripts(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Parse new and changed transcript files under the landing root and land them."""
    settings = warehouse.settings()
    # The quality suites' GX import (seconds of Python) runs beside the landing's DuckDB parsing.
    warm_up = start_warm_up if warehouse.warm_up_checks else None
    summary = land(settings, progress=warehouse.progress(context.log), beside_parsing=warm_up)
    meta = summary.as_metadata()
    for failure in summary.failures:
        context.log.error(failure)
    for warning in summary.warnings:  # links not followed, entries not read: recorded in raw.files too
        context.log.warning(warning)
    with open_warehouse(settings, read_only=True) as conn:
        totals = dict(
            zip(
                ("files", "sessions", "events", "quarantine"),
                conn.execute(
                    "select (select count(*) from raw.files where status <> 'superseded'), "
                    "(select count(*) from raw.sessions), (select count(*) from raw.events), "
                    "(select count(*) from raw.quarantine)"
                ).fetchone(),
                strict=True,
            )
        )
    yield dg.MaterializeResult(asset_key=RAW_FILES, metadata={**meta, "dagster/row_count": totals["files"]})
    yield dg.MaterializeResult(asset_key=RAW_SESSIONS, metadata={"dagster/row_count": totals["sessions"]})
    yield dg.MaterializeResult(asset_key=RAW_EVENTS, metadata={"dagster/row_count": totals["events"]})
    yield dg.MaterializeResult(asset_key=RAW_QUARANTINE, metadata={"dagster/row_count": totals["quarantine"]})


@dg.asset_check(asset=RAW_FILES, blocking=True, description="Every record is landed, quarantined or skipped.")
def raw_files_conservation(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with open_warehouse(warehouse.settings(), read_only=True) as conn:
        broken = list(file_counts_add_up(conn))
    return dg.AssetCheckResult(
        passed=not broken,
        metadata={
            "files_not_adding_up": len(broken),
            "sample": dg.MetadataValue.json([list(map(str, b)) for b in broken[:10]]),
        },
    )


@dg.asset_check(asset=RAW_FILES, description="No file failed to parse (a parser error, not bad input).")
def raw_files_no_parser_failures(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with open_warehouse(warehouse.settings(), read_only=True) as conn:
        failed = conn.execute("select path, status_reason from raw.files where status = 'failed'").fetchall()
    return dg.AssetCheckResult(
        passed=not failed,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "failed_files": len(failed),
            "sample": dg.MetadataValue.json([list(f) for f in failed[:10]]),
        },
    )


landing_assets = [landed_transcripts]
# Event order and contract checks on raw.events live with the quality suites (assets/quality.py).
landing_checks = [raw_files_conservation, raw_files_no_parser_failures]
