"""Sensors: request a run when files under the landing root are new or changed."""


import hashlib

import dagster as dg

from assets.jobs import everything_job
from assets.resources import WarehouseResource
from pipelines.warehouse.landing import discover


def landing_fingerprint(files: list) -> str:
    """A digest of (path, size, mtime) of every landing file: it changes when any file does."""
    digest = hashlib.sha256()
    for f in files:
        digest.update(f"{f.rel}\0{f.size}\0{f.mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(
    job=everything_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Starts a run when files under the landing root are new or changed.",
)
def landing_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    files = discover(warehouse.settings().landing_dir)
    if not files:
        return dg.SkipReason("the landing folder holds no files")
    fingerprint = landing_fingerprint(files)
    if fingerprint == context.cursor:
        return dg.SkipReason(f"no new or changed files among {len(files)}")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint, tags={"cotwatch/landing_files": str(len(files))})
