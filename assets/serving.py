"""Serving assets: land the dashboard's reviews, publish the read-only snapshot the dashboard reads."""

import dagster as dg

from assets.resources import WarehouseResource
from pipelines.reviews import land_reviews
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.serving import list_snapshots, publish_snapshot

RAW_REVIEWS = dg.AssetKey(["raw", "reviews"])
SERVING_SNAPSHOT = dg.AssetKey(["serving", "snapshot"])

# The snapshot is published after every table the dashboard reads is built, and only if their
# blocking checks passed (Dagster skips a downstream asset when an upstream blocking check fails).
MARTS_KEYS = [
    dg.AssetKey(["marts", name])
    for name in (
        "fct_session_metrics",
        "fct_incidents",
        "agg_deployment_daily",
        "agg_monitorability_daily",
        "dim_deployments",
        "dim_models",
    )
]
# The judge runs after the dbt build; publishing waits for it so the snapshot holds its verdicts.
SERVING_DEPS = [*MARTS_KEYS, dg.AssetKey(["monitor", "signals"]), dg.AssetKey(["monitor", "judgments"])]


@dg.asset(
    key=RAW_REVIEWS,
    group_name="landing",
    kinds={"duckdb"},
    check_specs=[
        dg.AssetCheckSpec(
            "raw_reviews_all_lines_valid",
            asset=RAW_REVIEWS,
            description="Every line of the review store is a valid review (a broken line is skipped).",
        )
    ],
)
def raw_reviews(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Reviewer verdicts from the dashboard's append-only store (data/reviews/*.jsonl), one row per
    review; the table is replaced from the store on every run."""
    settings = warehouse.settings()
    with open_warehouse(settings) as conn:
        landed = land_reviews(conn, settings.reviews_dir)
    warehouse.progress(context.log)(
        f"reviews: {landed.reviews} reviews from {landed.files} files ({landed.rejected} lines rejected)"
    )
    return dg.MaterializeResult(
        metadata={"files": landed.files, "lines": landed.lines, "dagster/row_count": landed.reviews},
        check_results=[
            dg.AssetCheckResult(
                check_name="raw_reviews_all_lines_valid",
                passed=landed.rejected == 0,
                severity=dg.AssetCheckSeverity.WARN,
                metadata={"rejected_lines": landed.rejected},
            )
        ],
    )


@dg.asset(key=SERVING_SNAPSHOT, deps=SERVING_DEPS, group_name="serving", kinds={"duckdb"})
def serving_snapshot(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """A read-only copy of the warehouse for the dashboard, swapped in atomically (serving/CURRENT)."""
    settings = warehouse.settings()
    path = publish_snapshot(settings)
    warehouse.progress(context.log)(f"serving: published {path.name}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path)),
            "size_bytes": path.stat().st_size,
            "snapshots_kept": len(list_snapshots(settings)),
        }
    )


serving_assets = [raw_reviews, serving_snapshot]
