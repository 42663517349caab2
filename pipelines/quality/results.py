"""`quality.check_results`: one row per check evaluation, for the dashboard and for audits.

Written by the pipeline (the one writer) at the end of each check; the dashboard reads it from the
serving snapshot. `quality.latest_check_results` keeps the last evaluation of every check.
"""

from __future__ import annotations

import datetime as dt
import json

import duckdb

from pipelines.quality.validate import CheckOutcome

QUALITY_DDL = """
create schema if not exists quality;

create table if not exists quality.check_results (
    check_name  varchar not null,
    asset       varchar not null,      -- the table the check validates, e.g. raw.events
    passed      boolean not null,
    severity    varchar not null,      -- ERROR (blocking) or WARN
    details     json,                  -- summary, failed expectations, samples of failing rows
    run_id      varchar,               -- the Dagster run that evaluated the check
    checked_at  timestamp not null
);

create view if not exists quality.latest_check_results as
select * exclude (rn)
from (
    select *, row_number() over (partition by check_name, asset order by checked_at desc) as rn
    from quality.check_results
)
where rn = 1;
"""

RESULT_COLUMNS = ("check_name", "asset", "passed", "severity", "details", "run_id", "checked_at")


def ensure_quality_schema(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(QUALITY_DDL)


def record_outcome(
    conn: duckdb.DuckDBPyConnection,
    outcome: CheckOutcome,
    *,
    run_id: str | None,
    checked_at: dt.datetime | None = None,
) -> None:
    """Append one result row (creating the schema on first use)."""
    ensure_quality_schema(conn)
    conn.execute(
        f"insert into quality.check_results ({', '.join(RESULT_COLUMNS)}) values (?, ?, ?, ?, ?, ?, ?)",
        [
            outcome.check_name,
            outcome.table,
            outcome.passed,
            outcome.severity,
            json.dumps(outcome.details(), default=str),
            run_id,
            checked_at or dt.datetime.now(dt.UTC).replace(tzinfo=None),
        ],
    )
