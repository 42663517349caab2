"""Jobs: one that materializes every asset (with its checks)."""

from __future__ import annotations

import dagster as dg

everything_job = dg.define_asset_job(
    name="materialize_everything",
    selection=dg.AssetSelection.all(),
    description="Land new transcripts, run the monitor, build the dbt models, check and publish.",
    # One process per run: the warehouse has one writer anyway, and the run lock taken by the
    # warehouse resource then spans the whole run (not each step), whoever launched it.
    executor_def=dg.in_process_executor,
)
