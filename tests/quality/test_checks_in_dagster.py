"""The suites as Dagster asset checks: on the right assets, blocking where they must be, stopping
everything downstream (the serving publish included) when a contract breaks, and recorded."""

from __future__ import annotations

import json

import dagster as dg

from assets.landing import landing_assets
from assets.monitor import monitor_assets
from assets.quality import quality_checks
from assets.resources import WarehouseResource
from assets.serving import serving_assets, serving_snapshot
from bench.quality_bench import build_contract_marts
from pipelines.config import Settings
from pipelines.warehouse.connections import open_warehouse
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
        "fct_session_metrics_contract": ("marts/fct_session_metrics", True),
        "fct_incidents_contract": ("marts/fct_incidents", True),
        "agg_deployment_daily_contract": ("marts/agg_deployment_daily", True),
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
    """Landing, monitor and serving assets with the quality checks, as `cotwatch run` executes them."""
    assets = [*landing_assets, *monitor_assets, *serving_assets]
    keys = [key for a in assets for key in a.keys]
    defs = dg.Definitions(
        assets=assets,
        asset_checks=quality_checks(keys),
        jobs=[dg.define_asset_job("everything", selection=dg.AssetSelection.all())],
        resources={
            "warehouse": WarehouseResource(
                data_dir=str(settings.data_dir), landing_dir=str(settings.landing_dir)
            )
        },
    )
    return defs.resolve_job_def("everything").execute_in_process(
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


def test_intact_warehouse_passes_raw_checks_and_publishes(warehouse: Settings) -> None:
    result = run_graph(warehouse)

    checks = evaluations(result)
    assert checks["raw_events_contract"] == (True, dg.AssetCheckSeverity.ERROR)
    assert {"monitor/signals", "serving/snapshot"} <= materialized(result)
    assert current_snapshot(warehouse) is not None


MARTS = [
    dg.AssetKey(["marts", name]) for name in ("fct_session_metrics", "fct_incidents", "agg_deployment_daily")
]


@dg.multi_asset(specs=[dg.AssetSpec(key) for key in MARTS])
def marts_with_a_bad_severity(warehouse: WarehouseResource):
    """Stands in for the dbt models: the contract marts, with one incident of an unknown severity."""
    with open_warehouse(warehouse.settings()) as conn:
        build_contract_marts(conn)
        conn.execute("update marts.fct_incidents set severity = 'apocalyptic' where category = 'deception'")
    for key in MARTS:
        yield dg.MaterializeResult(asset_key=key)


def test_broken_mart_stops_the_serving_publish(warehouse: Settings) -> None:
    result = dg.materialize(
        [marts_with_a_bad_severity, serving_snapshot, *quality_checks(MARTS)],
        resources={
            "warehouse": WarehouseResource(
                data_dir=str(warehouse.data_dir), landing_dir=str(warehouse.landing_dir)
            )
        },
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )

    checks = evaluations(result)
    assert checks["fct_incidents_contract"] == (False, dg.AssetCheckSeverity.ERROR)
    assert checks["fct_session_metrics_contract"][0] is True
    assert set(materialized(result)) == {key.to_user_string() for key in MARTS}
    assert current_snapshot(warehouse) is None
