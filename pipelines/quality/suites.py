"""The Great Expectations suites, as code: one check system per layer.

GX checks what dbt does not own: the tables the pipeline writes itself (`raw.events`,
`raw.sessions`) and the statistics of the marts (`pipelines.quality.stats`: volume anomaly,
incident-rate spike, monitorability drop). The models dbt builds (`monitor.signals`, the marts) are
checked by their enforced dbt contracts and dbt data tests (dbt_project/models/*/_*.yml and
dbt_project/tests/), never here as well.

The raw tables get two kinds of suite: a blocking *contract* (severity ERROR: keys, enums, order,
referential integrity and conservation against `raw.files`, the things our own code guarantees, so a
failure means a bug or a corrupted table and the dashboard must not be republished from it), and a
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
    in_set,
    is_true,
    not_null,
    pair_equal,
    sql_list,
    unique,
    zero,
)
from pipelines.quality.stats import incident_rate_spike_suite, monitorability_drop_suite, volume_anomaly_suite
from pipelines.warehouse.schema import EVENT_KINDS, EVENT_ROLES, REASONING_VISIBILITY

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
        volume_anomaly_suite(now.date()),
        incident_rate_spike_suite(now.date()),
        monitorability_drop_suite(now.date()),
    ]


def suite_named(name: str, now: dt.datetime | None = None) -> Suite:
    for suite in all_suites(now):
        if suite.name == name:
            return suite
    raise KeyError(f"no quality suite named {name!r}")
