"""Tables dbt owns in a real warehouse, created empty with their contract columns for tests that build
a small contract-true warehouse by hand (tests/quality, tests/app) instead of running dbt."""

from __future__ import annotations

import duckdb

# The columns of dbt_project/models/monitor/signals.sql (its enforced contract: _monitor.yml), minus
# severity_rank, which dbt adds from the severities seed.
SIGNALS_DDL = """
create schema if not exists monitor;
create table if not exists monitor.signals (
    signal_id        varchar primary key,
    session_id       varchar not null,
    event_index      integer,
    detector_id      varchar not null,
    detector_version varchar not null,
    category         varchar not null,
    severity         varchar not null,
    channel          varchar not null,
    confidence       double not null,
    evidence         varchar not null,
    span_start       integer,
    span_end         integer,
    detected_at      timestamp not null
);
"""


def create_signals_table(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(SIGNALS_DDL)
