"""The Dagster code location: every asset, check, job, schedule and sensor of CoT Watch."""

from __future__ import annotations

import dagster as dg

from assets.landing import landing_assets, landing_checks
from pipelines.jobs import everything_job
from pipelines.resources import WarehouseResource
from pipelines.schedules import daily_schedule
from pipelines.sensors import landing_sensor


def build_definitions(data_dir: str = "", landing_dir: str = "", echo_progress: bool = False) -> dg.Definitions:
    """Definitions bound to a data dir and landing root (empty: resolved at run time)."""
    return dg.Definitions(
        assets=[*landing_assets],
        asset_checks=[*landing_checks],
        jobs=[everything_job],
        schedules=[daily_schedule],
        sensors=[landing_sensor],
        resources={"warehouse": WarehouseResource(data_dir=data_dir, landing_dir=landing_dir, echo_progress=echo_progress)},
    )


defs = build_definitions()
