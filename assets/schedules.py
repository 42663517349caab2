"""Schedules: a daily full materialization, for deployments that drop transcripts in bulk."""

from __future__ import annotations

import dagster as dg

from assets.jobs import everything_job

daily_schedule = dg.ScheduleDefinition(
    name="daily_materialization",
    job=everything_job,
    cron_schedule="15 2 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Every day at 02:15 UTC, land, monitor, build and publish everything.",
)
