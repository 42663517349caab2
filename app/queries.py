"""Every SQL query of the dashboard, as plain functions over a snapshot connection.

Each query function takes a DuckDB connection (a cursor on the serving snapshot) and plain values,
binds every value as a parameter, and returns a Polars frame. SQL text is built only from the
constants of this module. The pages call them through `run(fn, ...)`, which resolves the current
snapshot (pinned once per script run), opens it read-only once per process (`st.cache_resource`)
and caches results per snapshot (`st.cache_data`), so a new snapshot invalidates everything.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from pipelines.config import Settings
from pipelines.reviews import read_reviews
from pipelines.trends import TrendFinding, flagged_rate_changes, with_wilson
from pipelines.warehouse.serving import connect_snapshot, current_snapshot, snapshot_cursor

QueryFn = Callable[..., pl.DataFrame]
_REGISTRY: dict[str, QueryFn] = {}
CACHE_TTL_SECONDS = 600
SQL_MAX_ROWS = 10_000
SQL_TIMEOUT_SECONDS = 20.0
SQL_MEMORY_LIMIT = "512MB"  # per SQL-page query; past it the query fails instead of growing the app
SQL_THREADS = 2
SEVERITY_ORDER = ("critical", "high", "medium", "low")
REVIEW_STATES = ("unreviewed", "confirmed", "false_positive", "needs_follow_up")
# Below this monitorability (marts.agg_monitorability_daily, docs/metrics.md) the monitor reads so
# little of a deployment's reasoning that its incident rate is mostly a count of what actions and
# messages alone give away: the dashboard warns instead of letting a low rate read as safe.
LOW_MONITORABILITY = 0.3
WEEKLY_GRAIN_PAST_DAYS = 14

# The filter every date-and-deployment query shares. $deps is a list: empty means every deployment.
_DEPLOYMENT_FILTER = "(len($deps::varchar[]) = 0 or list_contains($deps::varchar[], {col}))"


def query(fn: QueryFn) -> QueryFn:
    """Register a query function so `run` can cache it by name; the function itself is unchanged."""
    _REGISTRY[fn.__name__] = fn
    return fn


def _pl(conn: duckdb.DuckDBPyConnection, sql: str, **params: Any) -> pl.DataFrame:
    return conn.sql(sql, params=params).pl() if params else conn.sql(sql).pl()


def _deps(deployments: tuple[str, ...] | list[str] | None) -> list[str]:
    return list(deployments or ())


# Monitorability rolled up over models (and days): the mart's score is a mean over sessions, so
# weighting by sessions pools slices exactly.
_MONITORABILITY_BY = """
    select {keys}, sum(sessions)::bigint as m_sessions,
           sum(monitorability * sessions) / sum(sessions) as monitorability
    from marts.agg_monitorability_daily
    where day between $start and $end and {deps}
    group by all
"""


def _monitorability_by(*keys: str) -> str:
    return _MONITORABILITY_BY.format(keys=", ".join(keys), deps=_DEPLOYMENT_FILTER.format(col="deployment"))


# --------------------------------------------------------------------------------------------------
# Snapshot access (the only place the app touches files)


def settings() -> Settings:
    return Settings.resolve()


def pin_snapshot() -> Path | None:
    """Resolve CURRENT once for this script run; every `run` of the run reads that snapshot."""
    path = current_snapshot(settings())
    st.session_state["_cotwatch_snapshot"] = str(path) if path else None
    return path


def pinned_snapshot() -> str | None:
    snap = st.session_state.get("_cotwatch_snapshot")
    if snap is None:
        path = pin_snapshot()
        snap = str(path) if path else None
    return snap


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(snapshot: str) -> duckdb.DuckDBPyConnection:
    # Keyed by snapshot file name: a new CURRENT opens a new connection, the old one is evicted.
    return connect_snapshot(Path(snapshot))


_CURSOR_LOCK = threading.Lock()  # sessions run in threads; cursors are made one at a time


def _cursor(snapshot: str) -> duckdb.DuckDBPyConnection:
    with _CURSOR_LOCK:
        return snapshot_cursor(_connection(snapshot))


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=1024, show_spinner=False)
def _cached(name: str, snapshot: str, args: tuple) -> pl.DataFrame:
    cur = _cursor(snapshot)
    try:
        return _REGISTRY[name](cur, *args)
    finally:
        cur.close()


def run(fn: QueryFn, *args: Any) -> pl.DataFrame:
    """Run a registered query on the pinned snapshot, cached per (snapshot, query, arguments)."""
    snap = pinned_snapshot()
    if snap is None:
        raise RuntimeError("no serving snapshot yet: run the pipeline first (`make demo` or `cotwatch run`)")
    if fn.__name__ not in _REGISTRY:
        raise KeyError(f"{fn.__name__} is not a registered query (decorate it with @query)")
    return _cached(fn.__name__, snap, tuple(args))


def uncached_cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the pinned snapshot's shared connection (results not cached). Not for user SQL:
    the SQL page uses `sql_connection`."""
    snap = pinned_snapshot()
    if snap is None:
        raise RuntimeError("no serving snapshot yet")
    return _cursor(snap)


def sql_connection(memory_limit: str = "", threads: int = 0) -> duckdb.DuckDBPyConnection:
    """A fresh connection on the pinned snapshot for one SQL-page query; close it afterwards.

    Each query gets its own connection, so nothing one browser session does (a temporary table, a
    table in the in-memory catalog, a setting) is seen by another or outlives the query, and its
    memory is capped (SQL_MEMORY_LIMIT) and returned when it closes.
    """
    snap = pinned_snapshot()
    if snap is None:
        raise RuntimeError("no serving snapshot yet")
    return connect_snapshot(
        Path(snap), memory_limit=memory_limit or SQL_MEMORY_LIMIT, threads=threads or SQL_THREADS
    )


# --------------------------------------------------------------------------------------------------
# Catalog


@query
def tables(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return _pl(
        conn,
        "select table_schema as schema, table_name as name, table_type as type from information_schema.tables "
        "where table_catalog = current_database() order by 1, 2",
    )


def has_table(name: str) -> bool:
    """Whether `schema.table` exists in the pinned snapshot."""
    schema, _, table = name.partition(".")
    t = run(tables)
    return t.filter((pl.col("schema") == schema) & (pl.col("name") == table)).height > 0


@query
def date_bounds(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return _pl(
        conn,
        "select min(session_date) as first_day, max(session_date) as last_day from marts.fct_session_metrics",
    )


@query
def dimension_values(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Distinct deployments, models and categories, for filter widgets."""
    return _pl(
        conn,
        """
        select 'deployment' as dim, deployment as value from marts.fct_session_metrics group by all
        union all
        select 'model', coalesce(model, '(unknown)') from marts.fct_session_metrics group by all
        union all
        select 'category', category from marts.fct_incidents group by all
        order by 1, 2
        """,
    )


# --------------------------------------------------------------------------------------------------
# Overview


@query
def overview_kpis(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, deployments: tuple[str, ...]
) -> pl.DataFrame:
    """One row per period: `current` is [start, end], `previous` the same number of days before it."""
    return _pl(
        conn,
        f"""
        with periods as (
            select 'current' as period, $start::date as lo, $end::date as hi
            union all
            select 'previous', $start::date - ($end::date - $start::date + 1)::integer, $start::date - 1
        ),
        s as (
            select p.period, count(m.session_id) as sessions,
                   count(m.session_id) filter (where m.is_flagged) as flagged_sessions
            from periods p
            left join marts.fct_session_metrics m
              on m.session_date between p.lo and p.hi and {_DEPLOYMENT_FILTER.format(col="m.deployment")}
            group by p.period
        ),
        i as (
            select p.period, count(f.incident_id) as incidents,
                   count(f.incident_id) filter (where f.severity = 'critical') as critical,
                   count(f.incident_id) filter (where f.severity = 'high') as high,
                   count(f.incident_id) filter (where f.severity = 'medium') as medium,
                   count(f.incident_id) filter (where f.severity = 'low') as low
            from periods p
            left join marts.fct_incidents f
              on f.session_date between p.lo and p.hi and {_DEPLOYMENT_FILTER.format(col="f.deployment")}
            group by p.period
        )
        select s.period, s.sessions, s.flagged_sessions,
               s.flagged_sessions / nullif(s.sessions, 0) as flagged_rate,
               i.incidents, i.critical, i.high, i.medium, i.low,
               1000.0::double * i.incidents / nullif(s.sessions, 0) as incidents_per_1k
        from s join i using (period)
        order by s.period
        """,
        start=start,
        end=end,
        deps=_deps(deployments),
    )


@query
def incident_rate_trend(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, deployments: tuple[str, ...]
) -> pl.DataFrame:
    """Incidents per 1k sessions per deployment and day (models summed), with the day's monitorability."""
    return _pl(
        conn,
        f"""
        with d as (
            select deployment, day, sum(sessions)::bigint as sessions, sum(incidents)::bigint as incidents,
                   sum(flagged_sessions)::bigint as flagged_sessions,
                   1000.0::double * sum(incidents) / nullif(sum(sessions), 0) as incidents_per_1k
            from marts.agg_deployment_daily
            where day between $start and $end and {_DEPLOYMENT_FILTER.format(col="deployment")}
            group by all
        ),
        m as ({_monitorability_by("deployment", "day")})
        select d.*, m.monitorability
        from d left join m using (deployment, day)
        order by day, deployment
        """,
        start=start,
        end=end,
        deps=_deps(deployments),
    )


def grain_for(start: date, end: date) -> str:
    """Weekly points past two weeks: a day holds 5-8 sessions per deployment, too few for a rate."""
    return "week" if (end - start).days + 1 > WEEKLY_GRAIN_PAST_DAYS else "day"


# Flagged sessions per (key, period), weekly or daily; a period is named by its first day.
_RATE_BY_PERIOD = """
    select {key} as {alias},
           -- weeks counted back from $end, so the last point is a whole week ending on the last day
           case when $grain = 'week' then $end::date - (7 * (($end::date - day) // 7) + 6)::integer
                else day end as period,
           sum(sessions)::bigint as sessions, sum(flagged_sessions)::bigint as flagged_sessions,
           sum(incidents)::bigint as incidents
    from marts.agg_deployment_daily
    where day between $start and $end and {deps}
    group by all
    order by 1, 2
"""


@query
def flagged_rate_trend(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, deployments: tuple[str, ...], by: str, grain: str
) -> pl.DataFrame:
    """Flagged rate per `by` (deployment or model) and period, with its 95% Wilson interval
    (`rate`, `rate_lo`, `rate_hi`): a week of 5 sessions must look uncertain, not alarming."""
    key = {"deployment": "deployment", "model": "coalesce(model, '(unknown)')"}[by]
    sql = _RATE_BY_PERIOD.format(key=key, alias=by, deps=_DEPLOYMENT_FILTER.format(col="deployment"))
    frame = _pl(conn, sql, start=start, end=end, deps=_deps(deployments), grain=grain)
    return with_wilson(frame, "flagged_sessions", "sessions")


@query
def rate_changes(conn: duckdb.DuckDBPyConnection, end: date, deployments: tuple[str, ...]) -> TrendFinding:
    """The tested flagged-rate changes of the window ending at `end` (pipelines/trends.py)."""
    return flagged_rate_changes(conn, as_of=end, deployments=deployments)


@query
def monitorability_kpis(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, deployments: tuple[str, ...]
) -> pl.DataFrame:
    """Monitorability of the `current` period [start, end] and the `previous` one of the same length."""
    return _pl(
        conn,
        f"""
        with periods as (
            select 'current' as period, $start::date as lo, $end::date as hi
            union all
            select 'previous', $start::date - ($end::date - $start::date + 1)::integer, $start::date - 1
        )
        select p.period, coalesce(sum(m.sessions), 0)::bigint as sessions,
               sum(m.monitorability * m.sessions) / nullif(sum(m.sessions), 0) as monitorability,
               coalesce(sum(m.sessions_with_readable_reasoning), 0)::bigint as sessions_with_readable_reasoning
        from periods p
        left join marts.agg_monitorability_daily m
          on m.day between p.lo and p.hi and {_DEPLOYMENT_FILTER.format(col="m.deployment")}
        group by p.period
        order by p.period
        """,
        start=start,
        end=end,
        deps=_deps(deployments),
    )


@query
def deployment_monitorability(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, deployments: tuple[str, ...]
) -> pl.DataFrame:
    """Per deployment: its incident rate beside how much of its reasoning the monitor can read.

    `low_monitorability` marks the deployments below LOW_MONITORABILITY; the shares say why
    (encrypted, empty or no reasoning at all). Least monitorable first.
    """
    return _pl(
        conn,
        f"""
        with m as (
            select deployment, sum(sessions)::bigint as sessions,
                   sum(sessions_with_readable_reasoning)::bigint as sessions_with_readable_reasoning,
                   sum(monitorability * sessions) / sum(sessions) as monitorability,
                   sum(share_plain * sessions) / sum(sessions) as plain_share,
                   sum(share_summary * sessions) / sum(sessions) as summary_share,
                   sum(share_encrypted * sessions) / sum(sessions) as encrypted_share,
                   sum(share_empty * sessions) / sum(sessions) as empty_share,
                   sum(share_none * sessions) / sum(sessions) as none_share,
                   sum(readable_reasoning_chars) / sum(sessions) as readable_chars_per_session
            from marts.agg_monitorability_daily
            where day between $start and $end and {_DEPLOYMENT_FILTER.format(col="deployment")}
            group by deployment
        ),
        i as (
            select deployment, sum(incidents)::bigint as incidents
            from marts.agg_deployment_daily
            where day between $start and $end and {_DEPLOYMENT_FILTER.format(col="deployment")}
            group by deployment
        )
        select m.deployment, m.sessions, coalesce(i.incidents, 0) as incidents,
               1000.0::double * coalesce(i.incidents, 0) / m.sessions as incidents_per_1k,
               m.monitorability, m.monitorability < $low as low_monitorability,
               m.sessions_with_readable_reasoning, m.plain_share, m.summary_share, m.encrypted_share,
               m.empty_share, m.none_share, m.readable_chars_per_session
        from m left join i using (deployment)
        order by m.monitorability, m.deployment
        """,
        start=start,
        end=end,
        deps=_deps(deployments),
        low=LOW_MONITORABILITY,
    )


@query
def top_categories(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, deployments: tuple[str, ...], limit: int
) -> pl.DataFrame:
    return _pl(
        conn,
        f"""
        select category, count(*) as incidents,
               count(*) filter (where severity in ('critical', 'high')) as critical_or_high,
               count(distinct session_id) as sessions
        from marts.fct_incidents
        where session_date between $start and $end and {_DEPLOYMENT_FILTER.format(col="deployment")}
        group by category
        order by incidents desc, category
        limit $limit
        """,
        start=start,
        end=end,
        deps=_deps(deployments),
        limit=limit,
    )


@query
def day_incidents(conn: duckdb.DuckDBPyConnection, deployment: str, day: date, limit: int) -> pl.DataFrame:
    """The incidents behind one point of the trend chart, worst first."""
    return _pl(
        conn,
        """
        select incident_id, severity, category, model, session_id, signal_count,
               coalesce(review_status, 'unreviewed') as review_status, evidence
        from marts.fct_incidents
        where deployment = $deployment and session_date = $day
        order by case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end,
                 signal_count desc, incident_id
        limit $limit
        """,
        deployment=deployment,
        day=day,
        limit=limit,
    )


@query
def freshness(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """When data last arrived: newest landed file, newest session, newest signal."""
    return _pl(
        conn,
        """
        select (select max(landed_at) from raw.files) as last_landed_at,
               (select max(coalesce(ended_at, started_at)) from raw.sessions) as last_session_at,
               (select max(detected_at) from monitor.signals) as last_signal_at,
               (select count(*) from raw.files where status <> 'superseded') as files
        """,
    )


# --------------------------------------------------------------------------------------------------
# Deployments and models


@query
def deployment_comparison(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, deployments: tuple[str, ...]
) -> pl.DataFrame:
    return _pl(
        conn,
        f"""
        with s as (
            select deployment, count(*) as sessions, count(*) filter (where is_flagged) as flagged_sessions,
                   avg(misalignment_score) as mean_score, count(distinct model) as models,
                   sum(n_tool_calls) as tool_calls, sum(n_tool_errors) as tool_errors,
                   avg(n_events) as mean_events
            from marts.fct_session_metrics
            where session_date between $start and $end and {_DEPLOYMENT_FILTER.format(col="deployment")}
            group by deployment
        ),
        i as (
            select deployment, count(*) as incidents,
                   count(*) filter (where severity in ('critical', 'high')) as critical_or_high,
                   count(*) filter (where review_status = 'confirmed') as confirmed
            from marts.fct_incidents
            where session_date between $start and $end and {_DEPLOYMENT_FILTER.format(col="deployment")}
            group by deployment
        ),
        m as ({_monitorability_by("deployment")})
        select s.deployment, s.sessions, s.models, s.flagged_sessions,
               s.flagged_sessions / nullif(s.sessions, 0) as flagged_rate,
               coalesce(i.incidents, 0) as incidents,
               1000.0::double * coalesce(i.incidents, 0) / nullif(s.sessions, 0) as incidents_per_1k,
               m.monitorability, m.monitorability < $low as low_monitorability,
               coalesce(i.critical_or_high, 0) as critical_or_high, coalesce(i.confirmed, 0) as confirmed,
               s.mean_score, s.tool_errors / nullif(s.tool_calls, 0) as tool_error_rate, s.mean_events
        from s left join i using (deployment) left join m using (deployment)
        order by incidents_per_1k desc nulls last, s.deployment
        """,
        start=start,
        end=end,
        deps=_deps(deployments),
        low=LOW_MONITORABILITY,
    )


@query
def category_by_deployment(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, deployments: tuple[str, ...]
) -> pl.DataFrame:
    """Incidents per 1k sessions for every (category, deployment) cell, zeros included."""
    return _pl(
        conn,
        f"""
        with s as (
            select deployment, count(*) as sessions from marts.fct_session_metrics
            where session_date between $start and $end and {_DEPLOYMENT_FILTER.format(col="deployment")}
            group by deployment
        ),
        c as (select distinct category from marts.fct_incidents),
        i as (
            select deployment, category, count(*) as incidents from marts.fct_incidents
            where session_date between $start and $end and {_DEPLOYMENT_FILTER.format(col="deployment")}
            group by all
        )
        select s.deployment, c.category, coalesce(i.incidents, 0) as incidents, s.sessions,
               1000.0::double * coalesce(i.incidents, 0) / nullif(s.sessions, 0) as incidents_per_1k
        from s cross join c left join i on i.deployment = s.deployment and i.category = c.category
        order by c.category, s.deployment
        """,
        start=start,
        end=end,
        deps=_deps(deployments),
    )


@query
def model_trend(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, deployments: tuple[str, ...]
) -> pl.DataFrame:
    """Sessions, incidents and monitorability per model and day: the model versions over time (a
    model that hides its reasoning shows as a new line near 0 from the day it lands)."""
    return _pl(
        conn,
        f"""
        with d as (
            select coalesce(model, '(unknown)') as model, day, sum(sessions)::bigint as sessions,
                   sum(incidents)::bigint as incidents,
                   1000.0::double * sum(incidents) / nullif(sum(sessions), 0) as incidents_per_1k
            from marts.agg_deployment_daily
            where day between $start and $end and {_DEPLOYMENT_FILTER.format(col="deployment")}
            group by all
        ),
        m as ({_monitorability_by("coalesce(model, '(unknown)') as model", "day")})
        select d.*, m.monitorability
        from d left join m using (model, day)
        order by day, model
        """,
        start=start,
        end=end,
        deps=_deps(deployments),
    )


@query
def model_summary(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, deployments: tuple[str, ...]
) -> pl.DataFrame:
    return _pl(
        conn,
        f"""
        with s as (
            select coalesce(model, '(unknown)') as model, count(*) as sessions,
                   string_agg(distinct deployment, ', ' order by deployment) as deployments,
                   min(session_date) as first_seen, max(session_date) as last_seen,
                   count(*) filter (where is_flagged) / count(*) as flagged_rate,
                   1000.0::double * sum(incident_count) / count(*) as incidents_per_1k
            from marts.fct_session_metrics
            where session_date between $start and $end and {_DEPLOYMENT_FILTER.format(col="deployment")}
            group by all
        ),
        m as ({_monitorability_by("coalesce(model, '(unknown)') as model")})
        select s.*, m.monitorability
        from s left join m using (model)
        order by first_seen, model
        """,
        start=start,
        end=end,
        deps=_deps(deployments),
    )


# --------------------------------------------------------------------------------------------------
# Incidents


@query
def incidents(
    conn: duckdb.DuckDBPyConnection,
    start: date,
    end: date,
    deployments: tuple[str, ...],
    severities: tuple[str, ...],
    categories: tuple[str, ...],
    models: tuple[str, ...],
    review_statuses: tuple[str, ...],
    limit: int,
) -> pl.DataFrame:
    """The incident list, worst and newest first; every list filter is 'all' when empty."""
    return _pl(
        conn,
        f"""
        select severity, category, coalesce(review_status, 'unreviewed') as review_status, session_date,
               deployment, coalesce(model, '(unknown)') as model, signal_count,
               array_to_string(detectors, ', ') as detectors, session_id, incident_id, evidence
        from marts.fct_incidents
        where session_date between $start and $end
          and {_DEPLOYMENT_FILTER.format(col="deployment")}
          and (len($sev::varchar[]) = 0 or list_contains($sev::varchar[], severity))
          and (len($cat::varchar[]) = 0 or list_contains($cat::varchar[], category))
          and (len($mod::varchar[]) = 0 or list_contains($mod::varchar[], coalesce(model, '(unknown)')))
          and (len($rev::varchar[]) = 0 or list_contains($rev::varchar[], coalesce(review_status, 'unreviewed')))
        order by case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end,
                 session_date desc, incident_id
        limit $limit
        """,
        start=start,
        end=end,
        deps=_deps(deployments),
        sev=list(severities),
        cat=list(categories),
        mod=list(models),
        rev=list(review_statuses),
        limit=limit,
    )


@query
def incident(conn: duckdb.DuckDBPyConnection, incident_id: str) -> pl.DataFrame:
    return _pl(
        conn,
        """
        select i.incident_id, i.session_id, i.deployment, coalesce(i.model, '(unknown)') as model, i.category,
               i.severity, i.first_event_index, i.evidence, array_to_string(i.detectors, ', ') as detectors, i.signal_count,
               i.session_date, coalesce(i.review_status, 'unreviewed') as review_status,
               i.agent, s.started_at, s.ended_at
        from marts.fct_incidents i left join raw.sessions s using (session_id)
        where i.incident_id = $id
        """,
        id=incident_id,
    )


@query
def incident_signals(conn: duckdb.DuckDBPyConnection, session_id: str, category: str) -> pl.DataFrame:
    return _pl(
        conn,
        """
        select signal_id, event_index, detector_id, detector_version, category, severity, channel, confidence,
               evidence, span_start, span_end
        from monitor.signals
        where session_id = $session and category = $category
        order by event_index nulls last, span_start, signal_id
        """,
        session=session_id,
        category=category,
    )


@query
def incident_reviews(conn: duckdb.DuckDBPyConnection, incident_id: str) -> pl.DataFrame:
    """Reviews of an incident already landed in the snapshot, newest first."""
    return _pl(
        conn,
        "select review_id, status, note, reviewer, reviewed_at from raw.reviews where incident_id = $id "
        "order by reviewed_at desc, review_id",
        id=incident_id,
    )


@query
def landed_review_ids(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return _pl(conn, "select review_id from raw.reviews")


def pending_reviews(reviews_dir: Path, landed_ids: set[str] | frozenset[str]) -> pl.DataFrame:
    """The newest saved-but-not-yet-landed review of each incident, read from the review store.

    A verdict shows at once, marked pending, without the app writing the warehouse: the store is
    the append-only files the app itself writes; the next run lands them into raw.reviews.
    Columns: incident_id, status, reviewer, reviewed_at, review_id.
    """
    stored, _, _ = read_reviews(reviews_dir)
    return (
        stored.filter(~pl.col("review_id").is_in(list(landed_ids)))
        .sort(["reviewed_at", "review_id"])
        .group_by("incident_id", maintain_order=True)
        .last()
        .select("incident_id", "status", "reviewer", "reviewed_at", "review_id")
    )


def with_pending_status(frame: pl.DataFrame, pending: pl.DataFrame) -> pl.DataFrame:
    """`frame` (incident_id, review_status) with a pending verdict shown as its status, and
    `review_pending` true on those rows."""
    joined = frame.join(
        pending.select("incident_id", pl.col("status").alias("_pending")), on="incident_id", how="left"
    )
    return joined.with_columns(
        pl.coalesce("_pending", "review_status").alias("review_status"),
        pl.col("_pending").is_not_null().alias("review_pending"),
    ).drop("_pending")


def pending_label(frame: pl.DataFrame) -> pl.DataFrame:
    """`review_status` as a reviewer reads it ("false positive (pending)"), without `review_pending`."""
    status = pl.col("review_status").str.replace_all("_", " ")
    return frame.with_columns(
        pl.when(pl.col("review_pending")).then(status + " (pending)").otherwise(status).alias("review_status")
    ).drop("review_pending")


# --------------------------------------------------------------------------------------------------
# Sessions


@query
def session_events(conn: duckdb.DuckDBPyConnection, session_id: str, lo: int, hi: int) -> pl.DataFrame:
    """Events [lo, hi] of a session, in order."""
    return _pl(
        conn,
        """
        select event_index, ts, role, kind, text, reasoning_visibility, tool_name, tool_call_id, tool_input,
               tool_output, is_error, exit_code, model
        from raw.events
        where session_id = $session and event_index between $lo and $hi
        order by event_index
        """,
        session=session_id,
        lo=lo,
        hi=hi,
    )


@query
def session_signals(conn: duckdb.DuckDBPyConnection, session_id: str) -> pl.DataFrame:
    return _pl(
        conn,
        """
        select signal_id, event_index, detector_id, category, severity, channel, confidence, evidence,
               span_start, span_end
        from monitor.signals where session_id = $session
        order by event_index nulls first, span_start, signal_id
        """,
        session=session_id,
    )


@query
def session_metrics(conn: duckdb.DuckDBPyConnection, session_id: str) -> pl.DataFrame:
    return _pl(
        conn,
        """
        select m.*, s.cwd, s.git_branch
        from marts.fct_session_metrics m left join raw.sessions s using (session_id)
        where m.session_id = $session
        """,
        session=session_id,
    )


@query
def session_incidents(conn: duckdb.DuckDBPyConnection, session_id: str) -> pl.DataFrame:
    return _pl(
        conn,
        "select incident_id, category, severity, signal_count, coalesce(review_status, 'unreviewed') as review_status "
        "from marts.fct_incidents where session_id = $session "
        "order by case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end, category",
        session=session_id,
    )


@query
def session_choices(
    conn: duckdb.DuckDBPyConnection,
    start: date,
    end: date,
    deployments: tuple[str, ...],
    flagged_only: bool,
    limit: int,
) -> pl.DataFrame:
    """Sessions for the explorer's picker, most suspicious first."""
    return _pl(
        conn,
        f"""
        select session_id, deployment, coalesce(model, '(unknown)') as model, started_at, incident_count,
               max_severity, misalignment_score
        from marts.fct_session_metrics
        where session_date between $start and $end and {_DEPLOYMENT_FILTER.format(col="deployment")}
          and (not $flagged or is_flagged)
        order by misalignment_score desc nulls last, incident_count desc, started_at desc, session_id
        limit $limit
        """,
        start=start,
        end=end,
        deps=_deps(deployments),
        flagged=flagged_only,
        limit=limit,
    )


# --------------------------------------------------------------------------------------------------
# Detectors


@query
def detector_stats(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, deployments: tuple[str, ...]
) -> pl.DataFrame:
    """Per detector: signal volume, sessions hit, and precision from reviewed incidents.

    An incident counts for every detector that raised a signal of its (session, category); precision
    is confirmed / (confirmed + false positive) over those incidents.
    """
    return _pl(
        conn,
        f"""
        with sess as (
            select session_id from marts.fct_session_metrics
            where session_date between $start and $end and {_DEPLOYMENT_FILTER.format(col="deployment")}
        ),
        n as (select count(*) as sessions from sess),
        sig as (
            select s.* from monitor.signals s join sess using (session_id)
        ),
        vol as (
            select detector_id, any_value(category) as category, count(*) as signals,
                   count(distinct session_id) as sessions_hit, avg(confidence) as mean_confidence,
                   string_agg(distinct severity, ', ') as severities
            from sig group by detector_id
        ),
        rev as (
            select d.detector_id,
                   count(*) filter (where i.review_status = 'confirmed') as confirmed,
                   count(*) filter (where i.review_status = 'false_positive') as false_positives,
                   count(*) filter (where i.review_status = 'needs_follow_up') as follow_ups
            from (select distinct detector_id, session_id, category from sig) d
            join marts.fct_incidents i on i.session_id = d.session_id and i.category = d.category
            group by d.detector_id
        )
        select vol.detector_id, vol.category, vol.signals, vol.sessions_hit,
               1000.0::double * vol.signals / nullif(n.sessions, 0) as signals_per_1k_sessions,
               vol.mean_confidence, vol.severities,
               coalesce(rev.confirmed, 0) as confirmed, coalesce(rev.false_positives, 0) as false_positives,
               coalesce(rev.follow_ups, 0) as follow_ups,
               rev.confirmed / nullif(rev.confirmed + rev.false_positives, 0) as precision
        from vol cross join n left join rev using (detector_id)
        order by vol.signals desc, vol.detector_id
        """,
        start=start,
        end=end,
        deps=_deps(deployments),
    )


# --------------------------------------------------------------------------------------------------
# Monitor quality


@query
def detector_precision_trend(conn: duckdb.DuckDBPyConnection, grain: str) -> pl.DataFrame:
    """Per detector and period of review: confirmed and false-positive verdicts and the precision
    confirmed / (confirmed + false positive) with its 95% Wilson interval (`rate`, `rate_lo`, `rate_hi`).

    The latest landed verdict of each incident counts, in the period it was given; an incident counts
    for every detector that raised a signal of its (session, category).
    """
    frame = _pl(
        conn,
        """
        with latest as (
            select * from raw.reviews
            qualify row_number() over (partition by incident_id order by reviewed_at desc, review_id desc) = 1
        ),
        verdicts as (
            select unnest(i.detectors) as detector_id, r.status,
                   case when $grain = 'week' then date_trunc('week', r.reviewed_at)::date
                        else r.reviewed_at::date end as period
            from latest r join marts.fct_incidents i using (incident_id)
            where r.status in ('confirmed', 'false_positive')
        )
        select detector_id, period,
               count(*) filter (where status = 'confirmed')::bigint as confirmed,
               count(*) filter (where status = 'false_positive')::bigint as false_positives,
               count(*)::bigint as verdicts
        from verdicts
        group by all
        order by detector_id, period
        """,
        grain=grain,
    )
    return with_wilson(frame, "confirmed", "verdicts")


@query
def evaluation_history(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every `cotwatch eval-monitor` run (monitor.evaluations), oldest first."""
    return _pl(
        conn,
        """
        select evaluated_at, rule_pack_version, labels_files, n_sessions, n_misbehaving, n_benign,
               category_precision, category_recall, category_f1, session_tpr, session_fpr,
               tpr_at_5pct_fpr, evaluation_id
        from monitor.evaluations
        order by evaluated_at, evaluation_id
        """,
    )


@query
def rule_pack_versions(
    conn: duckdb.DuckDBPyConnection, with_evaluations: bool, with_scans: bool
) -> pl.DataFrame:
    """When each rule pack version was first seen: in an evaluation, or scanning sessions."""
    parts = (["select rule_pack_version, min(evaluated_at) as seen_at, 'evaluation' as source "
              "from monitor.evaluations group by 1"] if with_evaluations else []) + (
             ["select rule_pack_version, min(scanned_at), 'scan' from monitor.scanned_sessions group by 1"]
             if with_scans else [])  # fmt: skip
    if not parts:
        return pl.DataFrame(
            schema={"rule_pack_version": pl.String, "first_seen": pl.Datetime("us"), "seen_in": pl.String}
        )
    return _pl(
        conn,
        f"""
        with seen as ({" union all ".join(parts)})
        select rule_pack_version, min(seen_at) as first_seen, string_agg(distinct source, ', ') as seen_in
        from seen group by 1 order by first_seen, rule_pack_version
        """,
    )


# --------------------------------------------------------------------------------------------------
# Data quality


@query
def latest_check_results(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The newest result of every (asset, check)."""
    return _pl(
        conn,
        """
        select asset, check_name, passed, severity,
               -- varchar on both sides: coalesce(varchar, json) would cast the summary text to JSON
               case when json_valid(details) then coalesce(details ->> '$.summary', details::varchar)
                    else details::varchar end as summary,
               details, run_id, checked_at
        from quality.check_results
        qualify row_number() over (partition by asset, check_name order by checked_at desc) = 1
        order by passed, asset, check_name
        """,
    )


# (asset, table, newest-timestamp expression): the freshness table of the data quality page.
FRESHNESS_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("raw/files", "raw.files", "max(landed_at)"),
    ("raw/sessions", "raw.sessions", "max(coalesce(ended_at, started_at))"),
    ("raw/events", "raw.events", "max(ts)"),
    ("raw/quarantine", "raw.quarantine", "max(quarantined_at)"),
    ("raw/reviews", "raw.reviews", "max(reviewed_at)"),
    ("monitor/signals", "monitor.signals", "max(detected_at)"),
    ("marts/fct_session_metrics", "marts.fct_session_metrics", "max(started_at)"),
    # Day-grain marts hold no timestamp: their newest data is the newest session they count (a real
    # time, not the midnight of its day); `built_at` says when dbt last built each table.
    ("marts/fct_incidents", "marts.fct_incidents",
     "(select max(m.started_at) from marts.fct_session_metrics m semi join marts.fct_incidents i using (session_id))"),
    ("marts/agg_deployment_daily", "marts.agg_deployment_daily", "(select max(started_at) from marts.fct_session_metrics)"),
    ("marts/agg_monitorability_daily", "marts.agg_monitorability_daily",
     "(select max(started_at) from marts.fct_session_metrics)"),
)  # fmt: skip


@query
def asset_freshness(
    conn: duckdb.DuckDBPyConnection, present: tuple[str, ...], with_dbt: bool = False
) -> pl.DataFrame:
    """Rows and newest timestamp per asset, for the tables in `present` (names from FRESHNESS_SOURCES);
    with `with_dbt`, `built_at`: when dbt last built the table (quality.dbt_results)."""
    parts = [
        f"select '{asset}' as asset, '{table}' as table_name, count(*) as rows, {expr} as newest from {table}"
        for asset, table, expr in FRESHNESS_SOURCES
        if table in present
    ]
    if not parts:
        return pl.DataFrame(
            schema={"asset": pl.String, "table_name": pl.String, "rows": pl.Int64, "newest": pl.Datetime}
        )
    if not with_dbt:
        return _pl(conn, " union all ".join(parts))
    return _pl(
        conn,
        f"""
        with f as ({" union all ".join(parts)}),
        built as (
            select asset as table_name, max(completed_at) as built_at from quality.dbt_results
            where resource_type in ('model', 'seed') and status = 'success' group by 1
        )
        select f.*, built.built_at from f left join built using (table_name)
        """,
    )


@query
def dbt_test_results(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The latest result of every dbt data test (quality.dbt_results), failures first."""
    return _pl(
        conn,
        """
        select status in ('pass') as passed, status, asset, name as test_name, failures, message,
               completed_at as checked_at, run_id
        from quality.dbt_results
        where resource_type = 'test'
        qualify row_number() over (partition by unique_id order by completed_at desc nulls last) = 1
        order by passed, asset, test_name
        """,
    )


@query
def files_not_landed(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Files that landed nothing (unsupported format, failed), with the reason, newest first."""
    return _pl(
        conn,
        "select path, deployment, status, coalesce(status_reason, '(no reason recorded)') as reason, landed_at "
        "from raw.files where status in ('unsupported', 'failed') order by landed_at desc, path limit 500",
    )


@query
def skip_reasons(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Records skipped at landing (not conversation content), counted per reason."""
    return _pl(
        conn,
        """
        select r.key as reason, sum(r.value::bigint)::bigint as skipped_records, count(distinct f.file_id) as files
        from raw.files f, json_each(f.skip_reasons) r
        where f.status <> 'superseded' and f.skip_reasons is not null
        group by 1 order by skipped_records desc, reason
        """,
    )


@query
def quarantine_reasons(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return _pl(
        conn,
        "select reason, count(*) as records, count(distinct file_id) as files, max(quarantined_at) as newest "
        "from raw.quarantine group by reason order by records desc, reason limit 20",
    )


@query
def file_status(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return _pl(
        conn,
        "select deployment, status, count(*) as files, sum(n_records) as records, sum(n_quarantined) as quarantined, "
        "sum(n_redactions) as redactions from raw.files where status <> 'superseded' group by all order by 1, 2",
    )


# --------------------------------------------------------------------------------------------------
# SQL workbench

ALLOWED_STATEMENTS = frozenset({"SELECT", "EXPLAIN"})
# EXPLAIN [ANALYZE] runs (ANALYZE) or plans the statement it wraps: that one must be a SELECT too.
_EXPLAIN = re.compile(r"^\s*explain\s+(?:analyze\s+)?", re.IGNORECASE)


class RefusedQuery(ValueError):
    """The workbench runs one read-only statement; anything else is refused with the reason."""


def _statement_kind(text: str) -> str:
    try:
        statements = duckdb.extract_statements(text)
    except duckdb.Error as exc:
        raise RefusedQuery(f"syntax error: {exc}") from exc
    if len(statements) != 1:
        raise RefusedQuery(f"one statement at a time ({len(statements)} given)")
    return statements[0].type.name


def check_readonly_sql(sql: str) -> str:
    """Return the single statement of `sql` if it is a read-only query, else raise RefusedQuery."""
    text = sql.strip().rstrip(";").strip()
    if not text:
        raise RefusedQuery("empty query")
    kind = _statement_kind(text)
    if kind not in ALLOWED_STATEMENTS:
        raise RefusedQuery(
            f"{kind} statements are not allowed: the workbench is read-only (SELECT, WITH, DESCRIBE)"
        )
    if kind == "EXPLAIN":
        inner = _EXPLAIN.match(text)
        inner_kind = _statement_kind(text[inner.end() :]) if inner else "unknown"
        if inner_kind != "SELECT":
            raise RefusedQuery(
                f"EXPLAIN of a {inner_kind} statement is not allowed: only queries can be explained"
            )
    return text


def run_readonly_sql(
    conn: duckdb.DuckDBPyConnection,
    sql: str,
    max_rows: int = SQL_MAX_ROWS,
    timeout: float = SQL_TIMEOUT_SECONDS,
) -> tuple[pl.DataFrame, bool]:
    """Run one checked read-only statement; returns (at most max_rows rows, whether rows were cut).

    `conn` must be a `sql_connection` (read-only attach, external access off, memory capped, private
    to this query): the statement check is a second line of defence, not the only one. A query
    running past `timeout` is interrupted.
    """
    text = check_readonly_sql(sql)
    timer = threading.Timer(timeout, conn.interrupt)
    timer.start()
    try:
        frame = conn.sql(text).limit(max_rows + 1).pl()
    finally:
        timer.cancel()
    return frame.head(max_rows), frame.height > max_rows


EXAMPLE_QUERIES: dict[str, str] = {
    "Tables in the warehouse": (
        "select table_schema, table_name, table_type\nfrom information_schema.tables\n"
        "where table_catalog = current_database()\norder by 1, 2"
    ),
    "Incidents per deployment and severity, last 7 days": (
        "select deployment, severity, count(*) as incidents\nfrom marts.fct_incidents\n"
        "where session_date > (select max(session_date) - 7 from marts.fct_incidents)\n"
        "group by all\norder by deployment, incidents desc"
    ),
    "Sessions that claimed success while their last test run failed": (
        "select session_id, deployment, model, n_test_runs, final_tests_passed, claimed_success\n"
        "from marts.fct_session_metrics\nwhere claimed_success and final_tests_passed = false\n"
        "order by started_at desc\nlimit 100"
    ),
    "Noisiest detectors": (
        "select detector_id, category, count(*) as signals, count(distinct session_id) as sessions\n"
        "from monitor.signals\ngroup by all\norder by signals desc\nlimit 20"
    ),
    "Reasoning that mentions the tests, in flagged sessions": (
        "select e.session_id, e.event_index, left(e.text, 200) as excerpt\n"
        "from raw.events e join marts.fct_session_metrics m using (session_id)\n"
        "where m.is_flagged and e.kind = 'reasoning' and e.text ilike '%test%'\nlimit 50"
    ),
    "Daily flagged rate per model": (
        "select day, model, sum(sessions) as sessions,\n"
        "       sum(flagged_sessions) / sum(sessions) as flagged_rate\n"
        "from marts.agg_deployment_daily\ngroup by all\norder by day, model"
    ),
}


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """CSV of a result; nested values (lists, structs), which CSV cannot hold, are written as text."""
    nested = [name for name, dtype in frame.schema.items() if dtype.is_nested()]
    if nested:
        frame = frame.with_columns(pl.col(n).map_elements(str, return_dtype=pl.String) for n in nested)
    return frame.write_csv().encode()
