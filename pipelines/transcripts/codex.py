"""Codex CLI rollout JSONL (`~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl`).

Every line is `{"timestamp": ..., "type": <kind>, "payload": {...}}` with kind one of session_meta,
turn_context, response_item, event_msg, compacted (reference: transcript-formats.md section 2).

What becomes an event:
- response_item `message`: user -> user_message, assistant -> assistant_text; developer and system
  messages, and user messages that are context Codex injects (environment, AGENTS.md, ...) -> system.
- response_item `reasoning`: text from raw `content` ('plain') else from `summary` ('summary'); with
  neither but an `encrypted_content` blob it is 'encrypted' with no text, else 'empty'.
- response_item `function_call`, `custom_tool_call` (apply_patch), `local_shell_call`,
  `web_search_call` -> tool_call; `function_call_output` / `custom_tool_call_output` -> tool_result,
  paired with their call by `call_id` inside the session (tool_name and parent_event_id from it).
  The exit code comes from a JSON-wrapped output `{"output", "metadata": {"exit_code"}}`, from an
  "Exit code: N" / "Process exited with code N" header line, or from the "failed in sandbox ...
  exit code: N" of 0.4x-era CLIs; "patch rejected by user" and other refusals are errors with no
  exit code.
- `compacted` -> a system event 'compacted' (its replacement history repeats earlier events).

Everything else is skipped with a reason: session_meta and turn_context feed `p_sessions` and the
per-event model; event_msg user_message / agent_message / agent_reasoning repeat response_items;
token_count lines carry usage that is charged to the events of the model call they close.

Token usage: Codex writes a token_count after each model call and usually once more, with the same
cumulative `total_token_usage`, after the next turn_context. Counting only the token_counts whose
total differs from the previous one makes the session sum equal the final cumulative total. Each
such `last_token_usage` is charged to the latest model-output event (reasoning, assistant text, tool
call) at or before the token_count line, so no call is counted twice. Codex's `input_tokens`
already counts cached input; `cached_input_tokens` is the cached part of it.
"""

from __future__ import annotations

import duckdb

from pipelines.transcripts.base import TranscriptFormat, rejects_for_invalid_json_sql
from pipelines.transcripts.sqlutil import (
    INTEGER,
    FieldMap,
    role_from_kind,
    run_steps,
    sql_in,
    ts_expr,
    type_check_case,
)

# Every path is read by one json_extract per line; `V[name]` is the JSON value (NULL when absent).
PATHS = {
    "timestamp": "$.timestamp",
    "type": "$.type",
    "payload": "$.payload",
    "ptype": "$.payload.type",
    "id": "$.payload.id",
    "meta_ts": "$.payload.timestamp",
    "cwd": "$.payload.cwd",
    "cli_version": "$.payload.cli_version",
    "git": "$.payload.git",
    "branch": "$.payload.git.branch",
    "forked_from_id": "$.payload.forked_from_id",
    "parent_thread_id": "$.payload.source.subagent.thread_spawn.parent_thread_id",
    "model": "$.payload.model",
    "role": "$.payload.role",
    "content": "$.payload.content",
    "summary": "$.payload.summary",
    "encrypted_content": "$.payload.encrypted_content",
    "name": "$.payload.name",
    "arguments": "$.payload.arguments",
    "call_id": "$.payload.call_id",
    "output": "$.payload.output",
    "input": "$.payload.input",
    "action": "$.payload.action",
    "message": "$.payload.message",
    "info": "$.payload.info",
    "last_usage": "$.payload.info.last_token_usage",
    "last_input": "$.payload.info.last_token_usage.input_tokens",
    "last_output": "$.payload.info.last_token_usage.output_tokens",
    "last_reasoning": "$.payload.info.last_token_usage.reasoning_output_tokens",
    "last_cached": "$.payload.info.last_token_usage.cached_input_tokens",
    "total_usage": "$.payload.info.total_token_usage",
}
FIELDS = FieldMap(PATHS)
V = {name: FIELDS[name] for name in PATHS}

KNOWN_TYPES = ("session_meta", "turn_context", "response_item", "event_msg", "compacted")
MESSAGE_ROLES = ("user", "assistant", "developer", "system")
CALL_TYPES = ("function_call", "custom_tool_call", "local_shell_call", "web_search_call")
OUTPUT_TYPES = ("function_call_output", "custom_tool_call_output")
EVENT_ITEM_TYPES = ("message", "reasoning", *CALL_TYPES, *OUTPUT_TYPES)
# User-role messages that Codex writes itself to give the model context; they are not prompts.
INJECTED_USER_PREFIXES = (
    "<environment_context>",
    "<user_instructions>",
    "# AGENTS.md",
    "<INSTRUCTIONS>",
    "<turn_aborted>",
)
# The header of shell output: `shell`/`shell_command` write "Exit code: N", unified exec
# (`exec_command`/`write_stdin`) writes "Process exited with code N". Only the header is searched,
# so an "Exit code:" inside the command's own output is not taken for the tool's.
EXIT_CODE_RE = r"(?:^|\n)(?:Exit code: |Process exited with code )(-?[0-9]+)"
EXIT_HEADER_CHARS = 400
# Codex 0.3x-0.4x wrote a command the sandbox stopped as "failed in sandbox <type> with execution
# error: sandbox denied exec error, exit code: N, stdout: ..., stderr: ..." (codex-rs SandboxErr),
# and a refused approval as a bare sentence: no "Exit code:" header, yet the call failed.
SANDBOX_FAILURE = "failed in sandbox"
SANDBOX_EXIT_RE = r"exit code: (-?[0-9]+)"
REFUSED_OUTPUTS = ("patch rejected by user", "exec command rejected by user")

SKIP_TOKEN_USAGE = "token usage (attached to events)"
SKIP_TOKEN_REPEAT = "repeated token_count (same total as the previous one)"
SKIP_TOKEN_ORPHAN = "token usage with no model output in the session to attach to"
SKIP_RATE_LIMIT = "rate-limit only token_count"
# Some Codex builds write only the running total: no per-call usage to attach to an event.
SKIP_TOKEN_TOTALS = "token_count with totals only (no last_token_usage to attach)"
NO_SESSION = "no session_meta before this record"


_s = FIELDS.s  # the field as text (JSON strings unquoted; NULL for absent or JSON null)
_jt = FIELDS.jt
_in = sql_in


def _missing(field: str, path: str) -> str:
    return f"when coalesce({_s(field)}, '') = '' then 'missing field {path}'"


def _checks(*checks: tuple[str, str, tuple[str, ...]]) -> str:
    return type_check_case([(V[f], path, allowed) for f, path, allowed in checks])


def _required(check_sql: str, *whens: str) -> str:
    """Type errors first, then the missing or unknown values named by `whens` (SQL WHEN clauses)."""
    return f"coalesce({check_sql}, case {' '.join(whens)} end)"


def _problem_sql() -> str:
    """Why a JSON-object line is broken (quarantine), or NULL when it is fine."""
    s_type, s_ptype = _s("type"), _s("ptype")
    output_check = _required(
        _checks(
            ("call_id", "payload.call_id", ("VARCHAR",)), ("output", "payload.output", ("VARCHAR", "ARRAY"))
        ),
        _missing("call_id", "payload.call_id"),
        f"when {V['output']} is null or {_jt('output')} = 'NULL' then 'missing field payload.output'",
    )
    item_checks = {
        "message": _required(
            _checks(("role", "payload.role", ("VARCHAR",)), ("content", "payload.content", ("ARRAY",))),
            _missing("role", "payload.role"),
            f"when {_s('role')} not in {_in(MESSAGE_ROLES)} then 'unknown message role ' || {_s('role')}",
            f"when {V['content']} is null or {_jt('content')} = 'NULL' then 'missing field payload.content'",
        ),
        "reasoning": _checks(
            ("summary", "payload.summary", ("ARRAY",)),
            ("content", "payload.content", ("ARRAY",)),
            ("encrypted_content", "payload.encrypted_content", ("VARCHAR",)),
        ),
        "function_call": _required(
            _checks(
                ("name", "payload.name", ("VARCHAR",)),
                ("arguments", "payload.arguments", ("VARCHAR",)),
                ("call_id", "payload.call_id", ("VARCHAR",)),
            ),
            _missing("name", "payload.name"),
        ),
        "custom_tool_call": _required(
            _checks(
                ("name", "payload.name", ("VARCHAR",)),
                ("input", "payload.input", ("VARCHAR",)),
                ("call_id", "payload.call_id", ("VARCHAR",)),
            ),
            _missing("name", "payload.name"),
        ),
        "local_shell_call": _required(
            _checks(("call_id", "payload.call_id", ("VARCHAR",)), ("action", "payload.action", ("OBJECT",))),
            _missing("action", "payload.action"),
        ),
        "web_search_call": _checks(("action", "payload.action", ("OBJECT",))),
        "function_call_output": output_check,
        "custom_tool_call_output": output_check,
    }
    item_case = " ".join(f"when {s_ptype} = '{t}' then {sql}" for t, sql in item_checks.items())
    token_check = _required(
        _checks(
            ("info", "payload.info", ("OBJECT",)),
            ("last_usage", "payload.info.last_token_usage", ("OBJECT",)),
            ("last_input", "payload.info.last_token_usage.input_tokens", INTEGER),
            ("last_output", "payload.info.last_token_usage.output_tokens", INTEGER),
            ("last_reasoning", "payload.info.last_token_usage.reasoning_output_tokens", INTEGER),
            ("last_cached", "payload.info.last_token_usage.cached_input_tokens", INTEGER),
            ("total_usage", "payload.info.total_token_usage", ("OBJECT",)),
        ),
        f"when {V['info']} is not null and {_jt('info')} <> 'NULL' "
        f"and ({V['last_usage']} is null or {_jt('last_usage')} = 'NULL') "
        f"and ({V['total_usage']} is null or {_jt('total_usage')} = 'NULL') "
        "then 'missing field payload.info.last_token_usage'",
    )
    ptype_check = _required(
        _checks(("ptype", "payload.type", ("VARCHAR",))), _missing("ptype", "payload.type")
    )
    meta_check = _required(
        _checks(
            ("id", "payload.id", ("VARCHAR",)),
            ("meta_ts", "payload.timestamp", ("VARCHAR",)),
            ("cwd", "payload.cwd", ("VARCHAR",)),
            ("cli_version", "payload.cli_version", ("VARCHAR",)),
            ("git", "payload.git", ("OBJECT",)),
            ("branch", "payload.git.branch", ("VARCHAR",)),
            ("forked_from_id", "payload.forked_from_id", ("VARCHAR",)),
        ),
        _missing("id", "payload.id"),
    )
    turn_check = _checks(("model", "payload.model", ("VARCHAR",)), ("cwd", "payload.cwd", ("VARCHAR",)))
    type_check = _checks(("type", "type", ("VARCHAR",)))
    return f"""
        case
            when {type_check} is not null then {type_check}
            when {s_type} is null then 'missing field type'
            when {s_type} not in {_in(KNOWN_TYPES)} then null
            when {V["payload"]} is null or {_jt("payload")} = 'NULL' then 'missing field payload'
            when {_jt("payload")} <> 'OBJECT'
                then 'wrong type: field payload is ' || lower({_jt("payload")}) || ', expected object'
            else coalesce(
                {_checks(("timestamp", "timestamp", ("VARCHAR",)))},
                case when {_s("timestamp")} is not null and {ts_expr(_s("timestamp"))} is null
                     then 'unreadable timestamp in field timestamp: ' || left({_s("timestamp")}, 60) end,
                case {s_type}
                    when 'session_meta' then {meta_check}
                    when 'turn_context' then {turn_check}
                    when 'compacted' then {_checks(("message", "payload.message", ("VARCHAR",)))}
                    when 'response_item' then coalesce({ptype_check}, case {item_case} end)
                    when 'event_msg' then coalesce({ptype_check},
                        case when {s_ptype} = 'token_count' then {token_check} end)
                end)
        end
    """


def _disposition_sql() -> str:
    """For a sound line: 'event', 'token', 'meta', or the reason it is skipped."""
    s_type, s_ptype = _s("type"), _s("ptype")
    return f"""
        case
            when {s_type} not in {_in(KNOWN_TYPES)} then 'unknown record type: ' || left({s_type}, 60)
            when {s_type} = 'session_meta' then 'meta'
            when {s_type} = 'turn_context' then 'turn context (model and settings)'
            when {s_type} = 'compacted' then 'event'
            when {s_type} = 'response_item' then case
                when {s_ptype} in {_in(EVENT_ITEM_TYPES)} then 'event'
                when {s_ptype} = 'ghost_snapshot' then 'ghost_snapshot (git snapshot, no conversation)'
                when {s_ptype} in ('compaction', 'compaction_summary')
                    then 'compaction (encrypted summary of earlier turns)'
                else 'unknown response_item type: ' || left({s_ptype}, 60) end
            else case
                when {s_ptype} = 'token_count' then
                    case when {V["info"]} is null or {_jt("info")} = 'NULL' then '{SKIP_RATE_LIMIT}'
                         when {V["last_usage"]} is null or {_jt("last_usage")} = 'NULL' then '{SKIP_TOKEN_TOTALS}'
                         else 'token' end
                when {s_ptype} in ('user_message', 'agent_message')
                    then 'duplicate of a response_item message (event_msg: ' || {s_ptype} || ')'
                when {s_ptype} in ('agent_reasoning', 'agent_reasoning_raw_content')
                    then 'duplicate of a response_item reasoning (event_msg: ' || {s_ptype} || ')'
                else 'event_msg: ' || left({s_ptype}, 60) end
        end
    """


def _texts(field: str, sep: str) -> str:
    """The `text` members of a JSON array of content parts, joined; NULL when there are none."""
    return f"nullif(array_to_string(json_extract_string({V[field]}, '$[*].text'), '{sep}'), '')"


def _rows(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(f"""
        create or replace temp table x_rows as
        select *, case when problem is null then {_disposition_sql()} end as disposition
        from (
            select file_id, line_no, v, {_problem_sql()} as problem,
                   {_s("type")} as rtype, {_s("ptype")} as ptype, {ts_expr(_s("timestamp"))} as ts
            from (
                select file_id, line_no, {FIELDS.extract("line")} as v
                from batch_lines
                where json_valid(line) and json_type(line::json) = 'OBJECT'
            )
        )
    """)


def _files(conn: duckdb.DuckDBPyConnection) -> None:
    """A file is one session, named by its first session_meta: a forked rollout copies its parent's lines, the parent's session_meta included, after its own. Lines before that first record (a file cut at its head, or a tool that prepends lines) still belong to the session when the file name carries the rollout uuid."""
    conn.execute(f"""
        create or replace temp table x_files as
        select f.file_id, m.meta_line, m.meta_id,
               nullif(regexp_extract(f.path,
                   'rollout-[^/\\\\]*-([0-9a-fA-F]{{8}}-[0-9a-fA-F]{{4}}-[0-9a-fA-F]{{4}}-[0-9a-fA-F]{{4}}-'
                   || '[0-9a-fA-F]{{12}})\\.jsonl$', 1), '') as path_uuid
        from batch_files f
        left join (
            select file_id, min(line_no) as meta_line, arg_min({_s("id")}, line_no) as meta_id
            from x_rows where rtype = 'session_meta' and problem is null group by file_id
        ) m using (file_id)
    """)


def _lines(conn: duckdb.DuckDBPyConnection) -> None:
    """A view, not a table: copying every line's extracted values again costs more than the join."""
    conn.execute("""
        create or replace temp view x_lines as
        select o.*,
               case when f.meta_line is not null and o.line_no >= f.meta_line then f.meta_id
                    when f.path_uuid is not null then coalesce(f.meta_id, f.path_uuid) end as session_id,
               f.meta_line
        from x_rows o join x_files f using (file_id)
        where o.problem is null
    """)


def _events(conn: duckdb.DuckDBPyConnection) -> None:
    injected = " or ".join(f"starts_with(ltrim(msg_text), '{p}')" for p in INJECTED_USER_PREFIXES)
    calls_sql = _in(CALL_TYPES)
    outputs_sql = _in(OUTPUT_TYPES)
    conn.execute(f"""
        create or replace temp table x_events as
        with base as (
            select session_id, file_id, line_no, ts, rtype, ptype, v,
                   case when ptype = 'message' then {_texts("content", chr(10))} end as msg_text,
                   case when ptype = 'reasoning' then {_texts("summary", chr(10) + chr(10))} end
                       as summary_text,
                   case when ptype = 'reasoning' then {_texts("content", chr(10) + chr(10))} end as raw_text,
                   case when ptype in {outputs_sql} then case {_jt("output")}
                        when 'VARCHAR' then {_s("output")}
                        when 'ARRAY' then {_texts("output", chr(10))} end end as out_text
            from x_lines
            where disposition = 'event' and session_id is not null
        ),
        outputs as (
            select *,
                   -- Older shell tools wrap their result as a JSON string with metadata.
                   -- Nested CASE so that json_type never sees text that is not JSON.
                   case when {_jt("output")} = 'VARCHAR' and starts_with(ltrim(out_text), '{{')
                             and json_valid(out_text)
                        then case when json_type(out_text, '$.output') = 'VARCHAR'
                                       and json_type(out_text, '$.metadata') = 'OBJECT'
                                  then json_extract(out_text, ['$.output', '$.metadata.exit_code']) end
                   end as wrapped
            from base
        ),
        shaped as (
            select *,
                   case when wrapped is not null then wrapped[1] ->> '$' else out_text end as tool_output
            from outputs
        )
        select
            session_id, file_id, line_no, ts,
            case
                when rtype = 'compacted' then 'system'
                when ptype = 'message' then case
                    when {_s("role")} in ('developer', 'system') then 'system'
                    when {_s("role")} = 'assistant' then 'assistant_text'
                    when {injected} then 'system'
                    else 'user_message' end
                when ptype = 'reasoning' then 'reasoning'
                when ptype in {calls_sql} then 'tool_call'
                else 'tool_result'
            end as kind,
            case
                when rtype = 'compacted' then
                    'compacted' || coalesce(chr(10) || nullif({_s("message")}, ''), '')
                when ptype = 'message' then msg_text
                when ptype = 'reasoning' then coalesce(raw_text, summary_text)
            end as text,
            case when rtype <> 'response_item' or ptype <> 'reasoning' then 'none'
                 when raw_text is not null then 'plain'
                 when summary_text is not null then 'summary'
                 when coalesce({_s("encrypted_content")}, '') <> '' then 'encrypted'
                 else 'empty' end as reasoning_visibility,
            case when ptype in ('function_call', 'custom_tool_call') then {_s("name")}
                 when ptype = 'local_shell_call' then 'local_shell'
                 when ptype = 'web_search_call' then 'web_search' end as tool_name,
            case when ptype in {calls_sql} or ptype in {outputs_sql} then {_s("call_id")} end
                as tool_call_id,
            case when ptype = 'function_call' then {_s("arguments")}
                 when ptype = 'custom_tool_call' then {_s("input")}
                 when ptype in ('local_shell_call', 'web_search_call') then {V["action"]}::varchar
            end as tool_input,
            tool_output,
            case when ptype in {outputs_sql} then coalesce(
                try_cast(wrapped[2] ->> '$' as integer),
                try_cast(regexp_extract(
                    split_part(left(tool_output, {EXIT_HEADER_CHARS}), 'Output:', 1),
                    '{EXIT_CODE_RE}', 1) as integer),
                case when starts_with(tool_output, '{SANDBOX_FAILURE}')
                     then try_cast(regexp_extract(left(tool_output, {EXIT_HEADER_CHARS}),
                                                  '{SANDBOX_EXIT_RE}', 1) as integer) end)
            end as exit_code,
            -- refused before running: no exit code, but the call failed
            ptype in {outputs_sql} and (starts_with(tool_output, '{SANDBOX_FAILURE}')
                                         or trim(tool_output) in {sql_in(REFUSED_OUTPUTS)}) as refused
        from shaped
        where rtype = 'compacted' or ptype is not null
    """)


def _tokens(conn: duckdb.DuckDBPyConnection) -> None:
    """Token usage: one charge per model call, on the latest model output at or before the line."""
    conn.execute(f"""
        create or replace temp table x_tokens as
        with tok as (
            select session_id, file_id, line_no,
                   try_cast({_s("last_input")} as bigint) as input_tokens,
                   try_cast({_s("last_output")} as bigint) as output_tokens,
                   try_cast({_s("last_reasoning")} as bigint) as reasoning_tokens,
                   try_cast({_s("last_cached")} as bigint) as cached_input_tokens,
                   {V["total_usage"]}::varchar as total,
                   lag({V["total_usage"]}::varchar) over (partition by file_id order by line_no) as prev_total
            from x_lines
            where disposition = 'token' and session_id is not null
        ),
        model_out as (
            select session_id, line_no from x_events
            where kind in ('reasoning', 'assistant_text', 'tool_call')
        ),
        first_out as (select session_id, min(line_no) as first_line from model_out group by 1)
        select t.session_id, t.file_id, t.line_no, t.input_tokens, t.output_tokens, t.reasoning_tokens,
               t.cached_input_tokens,
               coalesce(t.total = t.prev_total, false) as is_repeat,
               coalesce(m.line_no, fo.first_line) as target_line
        from tok t
        asof left join model_out m on t.session_id = m.session_id and t.line_no >= m.line_no
        left join first_out fo on fo.session_id = t.session_id
    """)


def _p_events(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(f"""
        create or replace temp table p_events as
        with charged as (
            select session_id, target_line as line_no,
                   sum(input_tokens)::bigint as input_tokens, sum(output_tokens)::bigint as output_tokens,
                   sum(reasoning_tokens)::bigint as reasoning_tokens,
                   sum(cached_input_tokens)::bigint as cached_input_tokens
            from x_tokens where not is_repeat and target_line is not null
            group by all
        ),
        calls as (
            select session_id, tool_call_id, line_no, tool_name from x_events
            where kind = 'tool_call' and tool_call_id is not null
        ),
        turn_models as (
            select file_id, line_no, {_s("model")} as model from x_lines where rtype = 'turn_context'
        )
        select
            e.session_id,
            'L' || e.line_no as event_id,
            case when e.kind = 'tool_result' and c.line_no is not null then 'L' || c.line_no end
                as parent_event_id,
            e.ts,
            {role_from_kind("e.kind")} as role,
            e.kind,
            e.text,
            e.reasoning_visibility,
            coalesce(e.tool_name, case when e.kind = 'tool_result' then c.tool_name end) as tool_name,
            e.tool_call_id,
            e.tool_input,
            e.tool_output,
            case when e.exit_code is not null then e.exit_code <> 0 when e.refused then true end as is_error,
            e.exit_code,
            k.input_tokens,
            k.output_tokens,
            k.reasoning_tokens,
            tm.model,
            e.file_id,
            e.line_no,
            k.cached_input_tokens,
            null::bigint as cache_creation_input_tokens,
            0 as sub_index
        from x_events e
        asof left join calls c
            on c.session_id = e.session_id and c.tool_call_id = e.tool_call_id and e.line_no >= c.line_no
        asof left join turn_models tm on tm.file_id = e.file_id and e.line_no >= tm.line_no
        left join charged k on k.session_id = e.session_id and k.line_no = e.line_no
    """)


def _p_rejects(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(f"""
        create or replace temp table p_rejects as
        {rejects_for_invalid_json_sql()}
        union all
        select file_id, line_no, 'quarantine', problem from x_rows where problem is not null
        union all
        select file_id, line_no, 'quarantine', '{NO_SESSION}' from x_lines
        where session_id is null and disposition in ('event', 'token')
        union all
        select file_id, line_no, 'skip',
               case when line_no = meta_line then 'session metadata'
                    else 'additional session_meta in file (history of another session)' end
        from x_lines where disposition = 'meta'
        union all
        select file_id, line_no, 'skip', disposition from x_lines
        where disposition not in ('event', 'token', 'meta')
        union all
        select file_id, line_no, 'skip',
               case when is_repeat then '{SKIP_TOKEN_REPEAT}'
                    when target_line is null then '{SKIP_TOKEN_ORPHAN}'
                    else '{SKIP_TOKEN_USAGE}' end
        from x_tokens
    """)


def _p_sessions(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(f"""
        create or replace temp table p_sessions as
        select
            session_id,
            'codex_rollout' as source_format,
            'codex' as agent,
            arg_min({_s("cli_version")}, line_no) filter (is_meta) as agent_version,
            arg_max({_s("model")}, line_no) filter (rtype = 'turn_context' and {_s("model")} is not null)
                as model,
            arg_min(coalesce({_s("forked_from_id")}, {_s("parent_thread_id")}), line_no) filter (is_meta)
                as parent_session_id,
            coalesce(arg_min({_s("cwd")}, line_no) filter (is_meta),
                     arg_min({_s("cwd")}, line_no) filter (rtype = 'turn_context' and {_s("cwd")} is not null))
                as cwd,
            arg_min({_s("branch")}, line_no) filter (is_meta) as git_branch,
            coalesce(min({ts_expr(_s("meta_ts"))}) filter (is_meta), min(ts)) as started_at,
            max(ts) as ended_at,
            file_id
        from (select *, rtype = 'session_meta' and line_no = meta_line as is_meta from x_lines)
        where session_id is not null
        group by session_id, file_id
    """)


STEPS = (
    _rows,
    _files,
    _lines,
    _events,
    _tokens,
    _p_events,
    _p_rejects,
    _p_sessions,
)
TEMP_TABLES = (
    "x_lines",
    "x_rows",
    "x_files",
    "x_events",
    "x_tokens",
)


def parse(conn: duckdb.DuckDBPyConnection) -> None:
    run_steps(conn, STEPS, TEMP_TABLES)


FORMAT = TranscriptFormat(
    source_format="codex_rollout",
    agent="codex",
    description="OpenAI Codex CLI rollout JSONL (~/.codex/sessions/**/rollout-*.jsonl)",
    parse=parse,
)
