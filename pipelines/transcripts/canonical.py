"""Canonical JSONL: our own one-event-per-line format for home-grown agents.

Documented in docs/canonical-format.md. Each line is a JSON object:

    {"record": "session", "session_id": "s1", "agent": "my-agent", "agent_version": "1.0",
     "model": "m", "parent_session_id": null, "cwd": "/work", "git_branch": "main"}
    {"record": "event", "session_id": "s1", "ts": "2026-01-01T10:00:00Z", "kind": "tool_call",
     "role": "assistant", "text": null, "tool_name": "bash", "tool_call_id": "c1",
     "tool_input": {"command": "pytest"}, ...}

`record` may be left out on events. Event fields are the columns of `raw.events`; `tool_input`
may be a JSON object or a string; `role` defaults from `kind`; `reasoning_visibility` defaults to
'plain' on reasoning and 'none' elsewhere.
"""

from __future__ import annotations

import duckdb

from pipelines.transcripts.base import TranscriptFormat, rejects_for_invalid_json_sql
from pipelines.transcripts.sqlutil import (
    INTEGER,
    FieldMap,
    drop_temp,
    p_events_columns,
    role_from_kind,
    sql_literal,
    ts_expr,
    type_check_case,
)

INT_FIELDS = (
    "exit_code",
    "input_tokens",
    "output_tokens",
    "reasoning_tokens",
    "cached_input_tokens",
    "cache_creation_input_tokens",
)
FIELDS = (
    "record",
    "session_id",
    "kind",
    "role",
    "ts",
    "event_id",
    "parent_event_id",
    "text",
    "reasoning_visibility",
    "tool_name",
    "tool_call_id",
    "tool_input",
    "tool_output",
    "is_error",
    *INT_FIELDS,
    "model",
    "agent",
    "agent_version",
    "parent_session_id",
    "cwd",
    "git_branch",
    "reason",
)
FM = FieldMap({name: f"$.{name}" for name in FIELDS})
F = {name: FM[name] for name in FIELDS}
STRING_FIELDS = [f for f in FIELDS if f not in ("tool_input", "is_error", *INT_FIELDS)]
CHECKS = [
    *[(F[f], f, ("VARCHAR",)) for f in STRING_FIELDS],
    (F["tool_input"], "tool_input", ("OBJECT", "ARRAY", "VARCHAR")),
    (F["is_error"], "is_error", ("BOOLEAN",)),
    *[(F[f], f, INTEGER) for f in INT_FIELDS],
]
KINDS_SQL = "('user_message','assistant_text','reasoning','tool_call','tool_result','system')"
ROLES_SQL = "('user','assistant','tool','system')"
VIS_SQL = "('plain','summary','encrypted','empty','none')"


_s = FM.s


def parse(conn: duckdb.DuckDBPyConnection) -> None:
    parse_canonical(conn)


def parse_canonical(
    conn: duckdb.DuckDBPyConnection, source_format: str = "canonical", default_agent: str = "custom"
) -> None:
    """The canonical parser, also run by formats whose `records` hook rewrites a document as
    canonical records (pipelines.transcripts.trajectories)."""
    conn.execute(f"""
        create or replace temp table c_rows as
        select file_id, line_no, v,
               {type_check_case(CHECKS)} as type_error
        from (
            select file_id, line_no, {FM.extract("line")} as v
            from batch_lines
            where json_valid(line) and json_type(line::json) = 'OBJECT'
        )
    """)
    conn.execute(f"""
        create or replace temp table c_valid as
        select file_id, line_no, v,
               coalesce({_s("record")}, 'event') as record,
               case
                   when coalesce({_s("record")}, 'event') not in ('event', 'session', 'skip')
                       then 'unknown record type ' || {_s("record")}
                   when {_s("session_id")} is null or {_s("session_id")} = ''
                       then 'missing field session_id'
                   when coalesce({_s("record")}, 'event') = 'event' and {_s("kind")} is null
                       then 'missing field kind'
                   when coalesce({_s("record")}, 'event') = 'event' and {_s("kind")} not in {KINDS_SQL}
                       then 'unknown kind ' || {_s("kind")}
                   when {_s("role")} is not null and {_s("role")} not in {ROLES_SQL}
                       then 'unknown role ' || {_s("role")}
                   when {_s("reasoning_visibility")} is not null
                        and {_s("reasoning_visibility")} not in {VIS_SQL}
                       then 'unknown reasoning_visibility ' || {_s("reasoning_visibility")}
                   when {_s("ts")} is not null and {ts_expr(_s("ts"))} is null
                       then 'unreadable timestamp in field ts: ' || {_s("ts")}
               end as value_error
        from c_rows
        where type_error is null
    """)
    conn.execute(f"""
        create or replace temp table p_rejects as
        {rejects_for_invalid_json_sql()}
        union all
        select file_id, line_no, 'quarantine', type_error from c_rows where type_error is not null
        union all
        select file_id, line_no, 'quarantine', value_error from c_valid where value_error is not null
        union all
        select file_id, line_no, 'skip', 'session header record' from c_valid
        where value_error is null and record = 'session'
        union all
        select file_id, line_no, 'skip', coalesce({_s("reason")}, 'skipped by the producer') from c_valid
        where value_error is null and record = 'skip'
    """)
    conn.execute(f"""
        create or replace temp table p_events as
        select {
        p_events_columns(
            {
                "session_id": _s("session_id"),
                "event_id": f"coalesce({_s('event_id')}, file_id || ':' || line_no)",
                "parent_event_id": _s("parent_event_id"),
                "ts": ts_expr(_s("ts")),
                "role": f"coalesce({_s('role')}, {role_from_kind(_s('kind'))})",
                "kind": _s("kind"),
                "text": _s("text"),
                "reasoning_visibility": f"coalesce({_s('reasoning_visibility')}, "
                f"case when {_s('kind')} = 'reasoning' then 'plain' else 'none' end)",
                "tool_name": _s("tool_name"),
                "tool_call_id": _s("tool_call_id"),
                "tool_input": f"case when json_type({F['tool_input']}) = 'VARCHAR' then {_s('tool_input')} "
                f"else {F['tool_input']}::varchar end",
                "tool_output": _s("tool_output"),
                "is_error": f"({F['is_error']})::boolean",
                **{f: f"try_cast({_s(f)} as bigint)" for f in INT_FIELDS},
                "model": _s("model"),
                "file_id": "file_id",
                "line_no": "line_no",
            }
        )
    }
        from c_valid
        where value_error is null and record = 'event'
    """)
    # Session attributes: the header record when present, else the first non-null value on events.
    conn.execute(f"""
        create or replace temp table p_sessions as
        select
            {_s("session_id")} as session_id,
            {sql_literal(source_format)} as source_format,
            coalesce(arg_min({_s("agent")}, case when record = 'session' then 0 else line_no end)
                         filter ({_s("agent")} is not null), {sql_literal(default_agent)}) as agent,
            arg_min({_s("agent_version")}, line_no) filter ({_s("agent_version")} is not null)
                as agent_version,
            arg_min({_s("model")}, line_no) filter ({_s("model")} is not null) as model,
            arg_min({_s("parent_session_id")}, line_no) filter ({_s("parent_session_id")} is not null)
                as parent_session_id,
            arg_min({_s("cwd")}, line_no) filter ({_s("cwd")} is not null) as cwd,
            arg_min({_s("git_branch")}, line_no) filter ({_s("git_branch")} is not null) as git_branch,
            cast(null as timestamp) as started_at,
            cast(null as timestamp) as ended_at,
            file_id
        from c_valid
        where value_error is null
        group by session_id, file_id
    """)

    drop_temp(conn, "c_rows", "c_valid")


FORMAT = TranscriptFormat(
    source_format="canonical",
    agent="custom",
    description="CoT Watch canonical JSONL, one event per line (docs/canonical-format.md)",
    parse=parse,
)
