"""The suites as Dagster asset checks: on the right assets, blocking where they must be, stopping
everything downstream (the serving publish included) when a contract breaks, and recorded. (A broken
mart stops the publish through its dbt tests: tests/dbt/test_mart_tests.py.)"""

from __future__ import annotations

import json

import dagster as dg
import pytest

from assets.definitions import build_definitions
from assets.quality import quality_checks
from pipelines.config import Settings
from pipelines.warehouse.serving import current_snapshot
from tests.conftest import query
from tests.quality.conftest import execute

RAW_KEYS = [dg.AssetKey(["raw", "events"]), dg.AssetKey(["raw", "sessions"])]
ALL_KEYS = [
    *RAW_KEYS,
    dg.AssetKey(["monitor", "signals"]),
    dg.AssetKey(["marts", "fct_session_metrics"]),
    dg.AssetKey(["marts", "fct_incidents"]),
    dg.AssetKey(["marts", "agg_deployment_daily"]),
]


def check_specs(checks: list[dg.AssetChecksDefinition]) -> dict[str, tuple[str, bool]]:
    return {
        spec.name: (spec.asset_key.to_user_string(), spec.blocking) for c in checks for spec in c.check_specs
    }


def test_checks_sit_on_their_assets_and_contracts_block() -> None:
    assert check_specs(quality_checks(ALL_KEYS)) == {
        "raw_events_contract": ("raw/events", True),
        "raw_events_plausible": ("raw/events", False),
        "raw_sessions_contract": ("raw/sessions", True),
        "raw_sessions_plausible": ("raw/sessions", False),
        "agg_deployment_daily_volume_anomaly": ("marts/agg_deployment_daily", False),
        "agg_deployment_daily_incident_rate_spike": ("marts/agg_deployment_daily", False),
    }


def test_checks_on_assets_missing_from_the_graph_are_left_out() -> None:
    assert set(check_specs(quality_checks(RAW_KEYS))) == {
        "raw_events_contract",
        "raw_events_plausible",
        "raw_sessions_contract",
        "raw_sessions_plausible",
    }


def run_graph(settings: Settings) -> dg.ExecuteInProcessResult:
    """The `materialize_everything` job of the real definitions (landing, dbt, judge, serving, with
    every check), as `cotwatch run` executes it."""
    defs = build_definitions(str(settings.data_dir), str(settings.landing_dir))
    return defs.resolve_job_def("materialize_everything").execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
    )


def evaluations(result: dg.ExecuteInProcessResult) -> dict[str, tuple[bool, dg.AssetCheckSeverity]]:
    return {
        e.event_specific_data.check_name: (e.event_specific_data.passed, e.event_specific_data.severity)
        for e in result.all_events
        if e.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION
    }


def materialized(result: dg.ExecuteInProcessResult) -> set[str]:
    return {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}


def test_unknown_event_kind_blocks_monitor_and_serving_publish(warehouse: Settings) -> None:
    """The broken row sits in raw.events between landing and the checks (landing finds nothing new)."""
    execute(warehouse, "update raw.events set kind = 'thinking' where event_index = 3")

    result = run_graph(warehouse)

    checks = evaluations(result)
    assert checks["raw_events_contract"] == (False, dg.AssetCheckSeverity.ERROR)
    assert checks["raw_sessions_contract"] == (True, dg.AssetCheckSeverity.ERROR)
    assert "raw/events" in materialized(result)
    assert "monitor/signals" not in materialized(result)
    assert "serving/snapshot" not in materialized(result)
    assert current_snapshot(warehouse) is None
    assert not result.success


def test_check_results_are_persisted_with_run_id_and_failing_rows(warehouse: Settings) -> None:
    execute(warehouse, "update raw.events set kind = 'thinking' where event_index = 3")

    result = run_graph(warehouse)

    rows = query(
        warehouse,
        "select asset, passed, severity, run_id, details from quality.check_results "
        "where check_name = 'raw_events_contract'",
    )
    assert len(rows) == 1
    asset, passed, severity, run_id, details = rows[0]
    assert (asset, passed, severity, run_id) == ("raw.events", False, "ERROR", result.run_id)
    failure = json.loads(details)["failures"][0]
    assert failure["rule"].startswith("kind is one of")
    assert {row["kind"] for row in failure["sample"]} == {"thinking"}


@pytest.mark.slow  # the whole dbt build runs
def test_intact_warehouse_passes_raw_checks_and_publishes(warehouse: Settings) -> None:
    result = run_graph(warehouse)

    checks = evaluations(result)
    assert checks["raw_events_contract"] == (True, dg.AssetCheckSeverity.ERROR)
    assert {"monitor/signals", "serving/snapshot"} <= materialized(result)
    assert current_snapshot(warehouse) is not None
