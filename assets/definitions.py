"""The Dagster code location: every asset, check, job, schedule and sensor of CoT Watch."""

from __future__ import annotations

import dagster as dg

from assets.dbt import dbt_assets_list, dbt_resource
from assets.jobs import everything_job
from assets.lake import lake_assets
from assets.landing import landing_assets, landing_checks
from assets.monitor import monitor_assets
from assets.quality import quality_alert_sensor, quality_checks
from assets.resources import WarehouseResource
from assets.schedules import daily_schedule
from assets.sensors import landing_sensor
from assets.serving import serving_assets


def build_definitions(
    data_dir: str = "",
    landing_dir: str = "",
    echo_progress: bool = False,
    lake: str = "",
    engine: str = "duckdb",
    warm_up_checks: bool = False,
) -> dg.Definitions:
    """Definitions bound to a data dir, landing root and lake (empty: resolved at run time)."""
    assets = [*landing_assets, *monitor_assets, *dbt_assets_list, *serving_assets, *lake_assets]
    keys = [key for asset in assets for key in asset.keys]
    return dg.Definitions(
        assets=assets,
        asset_checks=[*landing_checks, *quality_checks(keys)],
        jobs=[everything_job],
        schedules=[daily_schedule],
        sensors=[landing_sensor, quality_alert_sensor],
        resources={
            "warehouse": WarehouseResource(
                data_dir=data_dir,
                landing_dir=landing_dir,
                echo_progress=echo_progress,
                lake=lake,
                engine=engine,
                warm_up_checks=warm_up_checks,
            ),
            "dbt": dbt_resource(),
        },
    )


defs = build_definitions()
