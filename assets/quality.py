"""Great Expectations checks (1.x suites through our own wrapper) and the alert sensor.

GX checks the raw tables the pipeline writes and the statistics of the marts; the models dbt builds
are checked by their dbt contracts and tests, which dagster-dbt turns into checks of their own (see
assets/dbt.py). Each suite of `pipelines.quality.suites` is one asset check on its table's asset.
Contract suites are blocking with severity ERROR: when one fails, Dagster does not materialize the assets downstream
of that table, so the serving snapshot is not republished, and `cotwatch run` exits non-zero naming
the check. Plausibility and statistical suites are WARN. Every evaluation is also stored in
`quality.check_results` for the dashboard.
"""

from collections.abc import Iterable

import dagster as dg
import duckdb

from assets.resources import WarehouseResource
from pipelines.quality.alerts import AlertLedger, collect_alerts, deliver_alerts, resolve_webhook_url
from pipelines.quality.results import record_outcome
from pipelines.quality.spec import Suite
from pipelines.quality.suites import all_suites, suite_named
from pipelines.quality.validate import CheckOutcome, run_suite
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.serving import connect_snapshot, current_snapshot, snapshot_cursor

SAMPLE_ROWS_IN_METADATA = 10


def _check_result(outcome: CheckOutcome) -> dg.AssetCheckResult:
    failing = [f.as_dict() for f in outcome.failures]
    # Rows from every failed rule, up to the cap: the UI shows what broke without opening the warehouse.
    sample = [{"rule": f["rule"], **row} for f in failing for row in f["sample"]][:SAMPLE_ROWS_IN_METADATA]
    return dg.AssetCheckResult(
        passed=outcome.passed,
        severity=dg.AssetCheckSeverity.ERROR if outcome.severity == "ERROR" else dg.AssetCheckSeverity.WARN,
        description=outcome.summary(),
        metadata={
            "expectations_evaluated": outcome.evaluated,
            "expectations_failed": len(outcome.failures),
            "failed_expectations": dg.MetadataValue.json(
                [{k: v for k, v in f.items() if k != "sample"} for f in failing]
            ),
            "failing_rows_sample": dg.MetadataValue.json(sample),
            "frame_rows": dg.MetadataValue.json(outcome.frame_rows),
            "seconds": round(outcome.seconds, 3),
        },
    )


def _asset_key(suite: Suite) -> dg.AssetKey:
    return dg.AssetKey(suite.table.split("."))


def _suite_check(suite: Suite) -> dg.AssetChecksDefinition:
    """An asset check running `suite` (rebuilt at run time, so its time windows end at the run's now)."""

    @dg.asset_check(
        asset=_asset_key(suite),
        name=suite.name,
        description=suite.description,
        blocking=suite.severity == "ERROR",
    )
    def _check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with open_warehouse(warehouse.settings()) as conn:
            outcome = run_suite(conn, suite_named(suite.name))
            record_outcome(conn, outcome, run_id=context.run.run_id)
        if not outcome.passed:
            context.log.warning(outcome.summary())
        return _check_result(outcome)

    return _check


def quality_checks(available_keys: Iterable[dg.AssetKey]) -> list[dg.AssetChecksDefinition]:
    """The checks whose asset is in the graph (a check on a missing asset fails Definitions)."""
    available = set(available_keys)
    return [_suite_check(suite) for suite in all_suites() if _asset_key(suite) in available]


@dg.sensor(
    name="quality_alerts",
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description=(
        "Posts a Slack-compatible JSON message to $COTWATCH_ALERT_WEBHOOK_URL once per critical incident "
        "and per incident-rate spike of the published serving snapshot (ledger: <data_dir>/alerts/sent.jsonl)."
    ),
)
def quality_alert_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource) -> dg.SkipReason:
    try:
        url = resolve_webhook_url()
    except ValueError as exc:
        return dg.SkipReason(str(exc))
    if url is None:
        return dg.SkipReason("alerts are off: set COTWATCH_ALERT_WEBHOOK_URL to a webhook URL")
    settings = warehouse.settings()
    # The published snapshot, never warehouse.duckdb: a run may be writing it right now.
    snapshot = current_snapshot(settings)
    if snapshot is None:
        return dg.SkipReason("no serving snapshot published yet")
    if context.cursor == snapshot.name:
        return dg.SkipReason(f"{snapshot.name}: every alert already delivered")
    conn = connect_snapshot(snapshot)
    try:
        alerts = collect_alerts(snapshot_cursor(conn))
    except duckdb.Error as exc:
        return dg.SkipReason(f"{snapshot.name}: cannot read incidents: {exc}")
    finally:
        conn.close()
    report = deliver_alerts(alerts, url=url, ledger=AlertLedger.for_settings(settings))
    if report.error:
        context.log.warning(f"alerts: {report.summary()}")
    elif not report.deferred:
        context.update_cursor(snapshot.name)  # done with this snapshot; the ledger still guards repeats
    return dg.SkipReason(f"{snapshot.name}: {report.summary()}")
