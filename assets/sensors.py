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


# The file-to-dashboard promise is <= 60 s: a file waits at most this long for the next evaluation,
# then one run (Dagster's run launcher starts it in a new process). Evaluations are cheap (a
# directory walk and a hash of path, size and mtime), so 15 s costs little. `cotwatch watch`
# polls every 10 s by default and keeps Dagster loaded between runs.
LANDING_SENSOR_INTERVAL_S = 15


@dg.sensor(
    job=everything_job,
    minimum_interval_seconds=LANDING_SENSOR_INTERVAL_S,
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
