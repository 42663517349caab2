"""The suites of every layer, as code.

Two kinds per table: a blocking *contract* (severity ERROR: keys, enums, order, referential integrity
and conservation between layers, the things our own code guarantees, so a failure means a bug or a
corrupted table and the dashboard must not be republished from it), and where it makes sense a
*plausibility* suite (severity WARN: facts about the input that a strange transcript can break, such
as a clock far off or a negative token count, which deserve a look but must not stop the pipeline).

Frames reduce each table in DuckDB before GX sees it (see `pipelines.quality.spec`), so the cost is
one aggregation pass per frame whatever the table size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipelines.quality.spec import (
    Frame,
    Suite,
    between,
    compound_unique,
    in_set,
    is_true,
    not_null,
    pair_equal,
    sql_list,
    unique,
    zero,
)
from pipelines.quality.stats import incident_rate_spike_suite, monitorability_drop_suite, volume_anomaly_suite
from pipelines.warehouse.schema import (
    CATEGORIES,
    EVENT_KINDS,
    EVENT_ROLES,
    REASONING_VISIBILITY,
    REVIEW_STATUSES,
    SEVERITIES,
)

# fct_incidents.review_status: the latest review's status, or 'unreviewed'.
INCIDENT_REVIEW_STATUSES = (*REVIEW_STATUSES, "unreviewed")
# Coding agents that write these transcripts did not exist before; a timestamp earlier than this is a
# broken clock or a parser bug.
EARLIEST_SANE_TS = dt.datetime(2020, 1, 1)
CLOCK_SKEW = dt.timedelta(days=1)


@dataclass(frozen=True)
class TimeWindow:
    earliest: dt.datetime
    latest: dt.datetime

    @classmethod
    def around(cls, now: dt.datetime | None = None) -> TimeWindow:
        """From EARLIEST_SANE_TS to a day after `now` (UTC, naive like the warehouse's timestamps)."""
        now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
        return cls(EARLIEST_SANE_TS, now + CLOCK_SKEW)


# --- raw.events --------------------------------------------------------------------------------

EVENTS_BY_SESSION = """
with per_session as (
    select
        session_id,
        count(*) as n_events,
        count(*) - count(event_index) as null_event_indices,
        count(*) - count(distinct event_index) as repeated_indices,
        min(event_index) as first_index,
        max(event_index) + 1 - count(distinct event_index) as missing_indices,
        count(*) - count(event_id) as null_event_ids,
        count(*) - count(file_id) as null_file_ids,
        count(*) - count(line_no) as null_line_nos,
        count(distinct file_id) as n_files,
        min(file_id) as file_id
    from raw.events
    group by session_id
)
select
    p.*,
    s.file_id as session_file_id,
    s.session_id is not null as session_is_landed,
    coalesce(p.n_files = 1 and p.file_id = s.file_id, false) as from_session_file
from per_session as p
left join raw.sessions as s on s.session_id = p.session_id
"""

EVENTS_BY_VALUE = """
select kind, role, reasoning_visibility, count(*) as n_rows
from raw.events
group by all
"""

# Conservation: raw.files counts what each file produced; the table must hold exactly that.
EVENTS_BY_FILE = """
with in_table as (
    select file_id, count(*) as events_in_table
    from raw.events
    group by file_id
),
current_files as (
    select file_id, path, n_events
    from raw.files
    where status <> 'superseded'
)
select
    coalesce(f.file_id, t.file_id) as file_id,
    f.path,
    f.n_events,
    coalesce(t.events_in_table, 0) as events_in_table,
    f.file_id is not null as file_is_current
from current_files as f
full outer join in_table as t on t.file_id = f.file_id
"""

EVENT_ROW = "select session_id, event_index, event_id, kind, role, reasoning_visibility, file_id, line_no from raw.events"


def _enum_rules(table_rows: str, column: str, values: tuple[str, ...], what: str) -> tuple:
    return (
        not_null(column, f"{what} is never null", f"{table_rows} where {column} is null"),
        in_set(
            column,
            values,
            f"{what} is one of {', '.join(values)}",
            f"{table_rows} where {column} not in {sql_list(values)}",
        ),
    )


def raw_events_contract() -> Suite:
    return Suite(
        name="raw_events_contract",
        table="raw.events",
        severity="ERROR",
        description=(
            "Keys are present and (session_id, event_index) is unique; event_index runs 0..n-1 in every "
            "session; kind, role and reasoning_visibility are known values; every event belongs to a "
            "landed session and to its session's file; raw.files.n_events equals the events per file."
        ),
        frames=(
            Frame(
                "events_by_session",
                EVENTS_BY_SESSION,
                (
                    not_null(
                        "session_id", "session_id is never null", f"{EVENT_ROW} where session_id is null"
                    ),
                    zero(
                        "null_event_indices",
                        "event_index is never null",
                        f"{EVENT_ROW} where event_index is null",
                    ),
                    zero(
                        "repeated_indices",
                        "(session_id, event_index) is unique",
                        "select session_id, event_index, count(*) as copies from raw.events "
                        "group by session_id, event_index having count(*) > 1",
                    ),
                    zero("first_index", "event_index starts at 0 in every session"),
                    zero("missing_indices", "event_index has no gaps within a session"),
                    zero("null_event_ids", "event_id is never null", f"{EVENT_ROW} where event_id is null"),
                    zero("null_file_ids", "file_id is never null", f"{EVENT_ROW} where file_id is null"),
                    zero("null_line_nos", "line_no is never null", f"{EVENT_ROW} where line_no is null"),
                    is_true("session_is_landed", "every event's session is in raw.sessions"),
                    is_true("from_session_file", "every event comes from its session's file"),
                ),
            ),
            Frame(
                "events_by_value",
                EVENTS_BY_VALUE,
                (
                    *_enum_rules(EVENT_ROW, "kind", EVENT_KINDS, "kind"),
                    *_enum_rules(EVENT_ROW, "role", EVENT_ROLES, "role"),
                    *_enum_rules(
                        EVENT_ROW, "reasoning_visibility", REASONING_VISIBILITY, "reasoning_visibility"
                    ),
                ),
            ),
            Frame(
                "events_by_file",
                EVENTS_BY_FILE,
                (
                    pair_equal(
                        "n_events", "events_in_table", "raw.files.n_events equals the events of each file"
                    ),
                    is_true("file_is_current", "every event comes from a current file of raw.files"),
                ),
            ),
        ),
    )


EVENTS_RANGES_BY_SESSION = """
select
    session_id,
    min(input_tokens) as min_input_tokens,
    min(output_tokens) as min_output_tokens,
    min(reasoning_tokens) as min_reasoning_tokens,
    min(ts) as first_ts,
    max(ts) as last_ts,
    count(event_id) - count(distinct event_id) as repeated_event_ids
from raw.events
group by session_id
"""


def raw_events_plausible(window: TimeWindow) -> Suite:
    token_row = "select session_id, event_index, input_tokens, output_tokens, reasoning_tokens, file_id, line_no from raw.events"
    ts_row = "select session_id, event_index, ts, file_id, line_no from raw.events where ts < ? or ts > ?"
    return Suite(
        name="raw_events_plausible",
        table="raw.events",
        severity="WARN",
        description=(
            "Token counts are not negative, timestamps fall between 2020 and tomorrow, event_id is "
            "unique within a session."
        ),
        frames=(
            Frame(
                "event_ranges_by_session",
                EVENTS_RANGES_BY_SESSION,
                (
                    *(
                        between(
                            f"min_{col}",
                            f"{col} >= 0",
                            min_value=0,
                            failing_rows=f"{token_row} where {col} < 0",
                        )
                        for col in ("input_tokens", "output_tokens", "reasoning_tokens")
                    ),
                    *(
                        between(
                            col,
                            f"{col} of every session within {window.earliest:%Y-%m-%d} .. now + {CLOCK_SKEW.days} day",
                            min_value=window.earliest,
                            max_value=window.latest,
                            failing_rows=ts_row,
                            failing_params=(window.earliest, window.latest),
                        )
                        for col in ("first_ts", "last_ts")
                    ),
                    zero(
                        "repeated_event_ids",
                        "event_id is unique within a session",
                        "select session_id, event_id, count(*) as copies from raw.events "
                        "where event_id is not null group by session_id, event_id having count(*) > 1",
                    ),
                ),
            ),
        ),
    )


# --- raw.sessions --------------------------------------------------------------------------------

SESSIONS = """
with events_per_session as (
    select session_id, count(*) as n_events
    from raw.events
    group by session_id
)
select
    s.session_id,
    s.deployment,
    s.source_format,
    s.file_id,
    s.started_at,
    s.ended_at,
    coalesce(e.n_events, 0) as n_events,
    exists (select 1 from raw.files as f where f.file_id = s.file_id and f.status = 'landed') as file_is_landed,
    s.started_at <= s.ended_at as times_are_ordered
from raw.sessions as s
left join events_per_session as e on e.session_id = s.session_id
"""


def raw_sessions_contract() -> Suite:
    return Suite(
        name="raw_sessions_contract",
        table="raw.sessions",
        severity="ERROR",
        description=(
            "session_id is present and unique; deployment, source_format and file_id are present; every "
            "session comes from a landed file of raw.files and has events in raw.events; "
            "started_at <= ended_at."
        ),
        frames=(
            Frame(
                "sessions",
                SESSIONS,
                (
                    not_null("session_id", "session_id is never null"),
                    unique(
                        "session_id",
                        "session_id is unique",
                        "select session_id, count(*) as copies from raw.sessions group by session_id having count(*) > 1",
                    ),
                    not_null("deployment", "deployment is never null"),
                    not_null("source_format", "source_format is never null"),
                    not_null("file_id", "file_id is never null"),
                    is_true("file_is_landed", "every session comes from a landed file of raw.files"),
                    between("n_events", "every session has events in raw.events", min_value=1),
                    is_true("times_are_ordered", "started_at <= ended_at"),
                ),
            ),
        ),
    )


SESSION_TIMES = """
select
    s.session_id,
    s.parent_session_id,
    s.started_at,
    s.ended_at,
    s.parent_session_id is null
        or exists (select 1 from raw.sessions as p where p.session_id = s.parent_session_id) as parent_is_landed
from raw.sessions as s
"""


def raw_sessions_plausible(window: TimeWindow) -> Suite:
    rows = "select session_id, started_at, ended_at, file_id from raw.sessions"
    return Suite(
        name="raw_sessions_plausible",
        table="raw.sessions",
        severity="WARN",
        description="Session times fall between 2020 and tomorrow; a subagent's parent session is landed.",
        frames=(
            Frame(
                "session_times",
                SESSION_TIMES,
                (
                    *(
                        between(
                            col,
                            f"{col} within {window.earliest:%Y-%m-%d} .. now + {CLOCK_SKEW.days} day",
                            min_value=window.earliest,
                            max_value=window.latest,
                            failing_rows=f"{rows} where {col} < ? or {col} > ?",
                            failing_params=(window.earliest, window.latest),
                        )
                        for col in ("started_at", "ended_at")
                    ),
                    is_true("parent_is_landed", "a subagent's parent session is in raw.sessions"),
                ),
            ),
        ),
    )


# --- marts.fct_session_metrics -------------------------------------------------------------------

SESSION_METRICS = """
with events_per_session as (
    select session_id, count(*) as raw_events
    from raw.events
    group by session_id
),
incidents_per_session as (
    select session_id, count(*) as incident_rows
    from marts.fct_incidents
    group by session_id
)
select
    m.session_id,
    m.deployment,
    m.session_date,
    m.n_events,
    coalesce(e.raw_events, 0) as raw_events,
    m.incident_count,
    coalesce(i.incident_rows, 0) as incident_rows,
    m.n_reasoning_steps,
    m.n_tool_calls,
    m.n_tool_errors,
    m.input_tokens,
    m.output_tokens,
    m.reasoning_tokens,
    m.signal_count,
    m.max_severity,
    m.misalignment_score,
    m.is_flagged,
    exists (select 1 from raw.sessions as s where s.session_id = m.session_id) as session_is_landed
from marts.fct_session_metrics as m
left join events_per_session as e on e.session_id = m.session_id
left join incidents_per_session as i on i.session_id = m.session_id
"""

SESSION_COVERAGE = """
select
    s.session_id,
    s.deployment,
    exists (select 1 from marts.fct_session_metrics as m where m.session_id = s.session_id) as has_metrics_row
from raw.sessions as s
"""

METRIC_COUNTS = (
    "n_events",
    "n_reasoning_steps",
    "n_tool_calls",
    "n_tool_errors",
    "input_tokens",
    "output_tokens",
    "reasoning_tokens",
    "signal_count",
    "incident_count",
)


def fct_session_metrics_contract() -> Suite:
    return Suite(
        name="fct_session_metrics_contract",
        table="marts.fct_session_metrics",
        severity="ERROR",
        description=(
            "One row per landed session (unique, none missing, none extra); counts are not negative and "
            "n_events and incident_count agree with raw.events and fct_incidents; misalignment_score is "
            "in [0, 1]; max_severity is a severity."
        ),
        frames=(
            Frame(
                "session_metrics",
                SESSION_METRICS,
                (
                    not_null("session_id", "session_id is never null"),
                    unique(
                        "session_id",
                        "session_id is unique",
                        "select session_id, count(*) as copies from marts.fct_session_metrics "
                        "group by session_id having count(*) > 1",
                    ),
                    is_true("session_is_landed", "every row is a session of raw.sessions"),
                    *(between(col, f"{col} >= 0", min_value=0) for col in METRIC_COUNTS),
                    pair_equal("n_events", "raw_events", "n_events equals the session's rows in raw.events"),
                    pair_equal(
                        "incident_count",
                        "incident_rows",
                        "incident_count equals the session's rows in fct_incidents",
                    ),
                    not_null("misalignment_score", "misalignment_score is never null"),
                    between("misalignment_score", "misalignment_score is in [0, 1]", 0, 1),
                    in_set("max_severity", SEVERITIES, f"max_severity is one of {', '.join(SEVERITIES)}"),
                    not_null("is_flagged", "is_flagged is never null"),
                ),
            ),
            Frame(
                "session_coverage",
                SESSION_COVERAGE,
                (is_true("has_metrics_row", "every session of raw.sessions has a row"),),
            ),
        ),
    )


# --- marts.fct_incidents -------------------------------------------------------------------------

INCIDENTS = """
select
    i.incident_id,
    i.session_id,
    i.deployment,
    i.category,
    i.severity,
    i.first_event_index,
    i.signal_count,
    i.review_status,
    i.session_date,
    exists (select 1 from marts.fct_session_metrics as m where m.session_id = i.session_id) as session_has_metrics,
    i.first_event_index is null
        or exists (
            select 1 from raw.events as e where e.session_id = i.session_id and e.event_index = i.first_event_index
        ) as first_event_is_landed
from marts.fct_incidents as i
"""

INCIDENT_ROW = (
    "select incident_id, session_id, category, severity, review_status, signal_count from marts.fct_incidents"
)


def fct_incidents_contract() -> Suite:
    return Suite(
        name="fct_incidents_contract",
        table="marts.fct_incidents",
        severity="ERROR",
        description=(
            "incident_id is present and unique; one incident per (session, category); category, severity "
            "and review_status are known values; signal_count >= 1; every incident's session is in "
            "fct_session_metrics and its first event in raw.events."
        ),
        frames=(
            Frame(
                "incidents",
                INCIDENTS,
                (
                    not_null("incident_id", "incident_id is never null"),
                    unique(
                        "incident_id",
                        "incident_id is unique",
                        "select incident_id, count(*) as copies from marts.fct_incidents "
                        "group by incident_id having count(*) > 1",
                    ),
                    not_null("session_id", "session_id is never null"),
                    compound_unique(
                        ("session_id", "category"),
                        "one incident per (session_id, category)",
                        "select session_id, category, count(*) as copies from marts.fct_incidents "
                        "group by session_id, category having count(*) > 1",
                    ),
                    *_enum_rules(INCIDENT_ROW, "category", CATEGORIES, "category"),
                    *_enum_rules(INCIDENT_ROW, "severity", SEVERITIES, "severity"),
                    *_enum_rules(INCIDENT_ROW, "review_status", INCIDENT_REVIEW_STATUSES, "review_status"),
                    between("signal_count", "signal_count >= 1", min_value=1),
                    between("first_event_index", "first_event_index >= 0", min_value=0),
                    is_true("session_has_metrics", "every incident's session is in fct_session_metrics"),
                    is_true("first_event_is_landed", "every incident's first event is in raw.events"),
                ),
            ),
        ),
    )


# --- marts.agg_deployment_daily ------------------------------------------------------------------

DAILY = """
select
    deployment,
    model,
    day,
    sessions,
    flagged_sessions,
    flagged_rate,
    incidents,
    incidents_critical,
    incidents_high,
    incidents_medium,
    incidents_low,
    incidents_per_1k_sessions,
    flagged_sessions <= sessions as flagged_within_sessions,
    incidents_critical + incidents_high + incidents_medium + incidents_low = incidents as severities_add_up
from marts.agg_deployment_daily
"""

# Conservation between marts: the daily rollup counts every session and every incident exactly once.
DAILY_TOTALS = """
select
    (select cast(coalesce(sum(sessions), 0) as bigint) from marts.agg_deployment_daily) as daily_sessions,
    (select count(*) from marts.fct_session_metrics) as session_rows,
    (select cast(coalesce(sum(incidents), 0) as bigint) from marts.agg_deployment_daily) as daily_incidents,
    (select count(*) from marts.fct_incidents) as incident_rows
"""


def agg_deployment_daily_contract() -> Suite:
    return Suite(
        name="agg_deployment_daily_contract",
        table="marts.agg_deployment_daily",
        severity="ERROR",
        description=(
            "One row per (deployment, model, day) with sessions; rates in [0, 1], counts not negative, "
            "flagged_sessions <= sessions, incidents by severity add up; the rollup's sessions and "
            "incidents equal the rows of fct_session_metrics and fct_incidents."
        ),
        frames=(
            Frame(
                "daily",
                DAILY,
                (
                    not_null("deployment", "deployment is never null"),
                    not_null("day", "day is never null"),
                    compound_unique(
                        ("deployment", "model", "day"),
                        "one row per (deployment, model, day)",
                        "select deployment, model, day, count(*) as copies from marts.agg_deployment_daily "
                        "group by deployment, model, day having count(*) > 1",
                    ),
                    between("sessions", "sessions >= 1", min_value=1),
                    *(
                        between(col, f"{col} >= 0", min_value=0)
                        for col in ("flagged_sessions", "incidents", "incidents_per_1k_sessions")
                    ),
                    is_true("flagged_within_sessions", "flagged_sessions <= sessions"),
                    not_null("flagged_rate", "flagged_rate is never null"),
                    between("flagged_rate", "flagged_rate is in [0, 1]", 0, 1),
                    is_true("severities_add_up", "incidents_critical + high + medium + low = incidents"),
                ),
            ),
            Frame(
                "daily_totals",
                DAILY_TOTALS,
                (
                    pair_equal(
                        "daily_sessions",
                        "session_rows",
                        "sum(sessions) equals the rows of fct_session_metrics",
                    ),
                    pair_equal(
                        "daily_incidents", "incident_rows", "sum(incidents) equals the rows of fct_incidents"
                    ),
                ),
            ),
        ),
    )


# --- all of them ---------------------------------------------------------------------------------


def all_suites(now: dt.datetime | None = None) -> list[Suite]:
    """Every suite, with time windows relative to `now` (UTC; default: the current time)."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    window = TimeWindow.around(now)
    return [
        raw_events_contract(),
        raw_events_plausible(window),
        raw_sessions_contract(),
        raw_sessions_plausible(window),
        fct_session_metrics_contract(),
        fct_incidents_contract(),
        agg_deployment_daily_contract(),
        volume_anomaly_suite(now.date()),
        incident_rate_spike_suite(now.date()),
        monitorability_drop_suite(now.date()),
    ]


def suite_named(name: str, now: dt.datetime | None = None) -> Suite:
    for suite in all_suites(now):
        if suite.name == name:
            return suite
    raise KeyError(f"no quality suite named {name!r}")
