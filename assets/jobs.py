"""Jobs: one that materializes every asset (with its checks)."""

from __future__ import annotations

import dagster as dg

everything_job = dg.define_asset_job(
    name="materialize_everything",
    selection=dg.AssetSelection.all(),
    description="Land new transcripts, run the monitor, build the dbt models, check and publish.",
)
