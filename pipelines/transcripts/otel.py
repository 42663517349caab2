"""OpenTelemetry GenAI spans exported as OTLP JSON (the collector's file exporter, or one document).

Reference: transcript-formats.md section 4 (semantic conventions for GenAI, development status).
Each record is an `ExportTraceServiceRequest`: `resourceSpans[].scopeSpans[].spans[]`, attributes as
`[{key, value: {stringValue | intValue | doubleValue | boolValue | ...}}]`, times in Unix nanoseconds.
`records` reads a file as JSON Lines (the file exporter) or as one JSON document.

Sessions: spans are grouped by `gen_ai.conversation.id`; a span without one takes its trace's
conversation id, and a trace with none is a session of its own (`traceId`). Spans exported twice
(same traceId and spanId) count once.

Mapping:

    inference span (chat, text_completion, generate_content)
        gen_ai.system_instructions     system
        gen_ai.input.messages          only what is new: the first call of a session gives its
                                       history; later calls give the user, system and tool messages
                                       that the previous call's input and output did not hold
                                       (compared as multisets of role + parts, so a repeated "go on"
                                       is still new). Assistant turns come from outputs only.
        gen_ai.output.messages         per part: text -> assistant_text, reasoning -> reasoning
                                       ('plain', or 'empty'), tool_call -> tool_call
        parts of user / system / tool messages: text (and [blob ...], [uri ...] placeholders) joined
        into one user_message / system event; tool_call_response -> tool_result
        usage (gen_ai.usage.*)          on the call's first output event; input_tokens includes the
                                       cache buckets (semantic conventions), which are also kept
                                       apart as cached_input_tokens / cache_creation_input_tokens
        no content captured            one system event naming the call, carrying its usage
        error.type                     a system event 'model call failed: <type>'
    execute_tool span                  tool_call at its start (unless an output part already gave that
                                       call id), tool_result at its end: gen_ai.tool.call.arguments /
                                       .result, is_error from error.type or an error status
    deprecated per-message span events (gen_ai.system/user/assistant/tool.message, gen_ai.choice,
    content in `gen_ai.event.content` or flat attributes) stand in for the input / output attributes
    when those are absent; so do the attributes of a `gen_ai.client.inference.operation.details` event.

Events are ordered by their time (inputs at the span's start, outputs at its end) inside each
export request; landing orders requests by line, so a session whose spans were exported out of
order across requests keeps the export order between requests. Content recorded as a structured
(non-string) attribute value is not read; invalid JSON content becomes a system event saying so.
"""

from __future__ import annotations

import duckdb
import orjson

from pipelines.transcripts.base import Records, TranscriptFormat, rejects_for_invalid_json_sql, split_lines
from pipelines.transcripts.sqlutil import role_from_kind, run_steps

SOURCE_FORMAT = "otel_genai"
INFERENCE_OPS = "('chat', 'text_completion', 'generate_content')"
DETAILS_EVENT = "gen_ai.client.inference.operation.details"
MESSAGE_EVENTS = {
    "gen_ai.system.message": "system",
    "gen_ai.user.message": "user",
    "gen_ai.assistant.message": "assistant",
    "gen_ai.tool.message": "tool",
    "gen_ai.choice": "assistant",
}

# The role each deprecated per-message span event stands for, as a SQL CASE body.
MESSAGE_EVENT_ROLE_CASE = " ".join(f"when '{k}' then '{v}'" for k, v in MESSAGE_EVENTS.items())

SKIP_NO_SPANS = "export request with no spans"
SKIP_NO_GENAI = "export request with no GenAI spans"
SKIP_DUPLICATE = "GenAI spans exported before (same traceId and spanId)"
SKIP_NO_EVENTS = "GenAI spans with no conversation events (agent or embedding spans, repeated history)"

# Span attributes read, by column name.
ATTRS = {
    "op": "gen_ai.operation.name",
    "conv": "gen_ai.conversation.id",
    "provider": "gen_ai.provider.name",
    "system": "gen_ai.system",
    "req_model": "gen_ai.request.model",
    "resp_model": "gen_ai.response.model",
    "agent_name": "gen_ai.agent.name",
    "in_tok": "gen_ai.usage.input_tokens",
    "out_tok": "gen_ai.usage.output_tokens",
    "rsn_tok": "gen_ai.usage.reasoning.output_tokens",
    "cr_tok": "gen_ai.usage.cache_read.input_tokens",
    "cw_tok": "gen_ai.usage.cache_creation.input_tokens",
    "in_msgs": "gen_ai.input.messages",
    "out_msgs": "gen_ai.output.messages",
    "sys_instr": "gen_ai.system_instructions",
    "tool_name": "gen_ai.tool.name",
    "tool_call_id": "gen_ai.tool.call.id",
    "tool_args": "gen_ai.tool.call.arguments",
    "tool_result": "gen_ai.tool.call.result",
    "error_type": "error.type",
}
# Attributes of span events read (the details event and the deprecated message events).
EVENT_ATTRS = {
    "in_msgs": "gen_ai.input.messages",
    "out_msgs": "gen_ai.output.messages",
    "sys_instr": "gen_ai.system_instructions",
    "content_json": "gen_ai.event.content",
    "content": "content",
    "role": "role",
    "id": "id",
    "tool_calls": "tool_calls",
    "message": "message",
}


# ------------------------------------------------------------------------------------------ records


_lines = split_lines


def records(data: bytes) -> Records:
    """JSON Lines (one export request per line), or one JSON document (pretty-printed or not)."""
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:
        return _lines(data)  # several documents, or a broken one: line by line
    if isinstance(doc, list):
        return [orjson.dumps(item).decode() for item in doc], []
    return [orjson.dumps(doc).decode()], []


# ------------------------------------------------------------------------------------------ parser


def _value(col: str) -> str:
    """An OTLP AnyValue (JSON) as text: string, int, double or bool; NULL for arrays and maps."""
    return (
        f"coalesce({col} ->> '$.stringValue', {col} ->> '$.intValue', {col} ->> '$.doubleValue', "
        f"{col} ->> '$.boolValue')"
    )


def _attr_columns(attrs: dict[str, str], list_col: str) -> str:
    """One column per attribute: the first value with that key in the attribute list."""
    cols = []
    for name, key in attrs.items():
        cols.append(f"list_filter({list_col}, lambda a: a.key = '{key}')[1].value as a_{name}")
    return ", ".join(cols)


_KV = '[{"key": "VARCHAR", "value": "JSON"}]'
_SPAN_TYPE = (
    '{"traceId": "VARCHAR", "spanId": "VARCHAR", "name": "VARCHAR", "startTimeUnixNano": "VARCHAR", '
    f'"endTimeUnixNano": "VARCHAR", "attributes": {_KV}, '
    f'"events": [{{"name": "VARCHAR", "timeUnixNano": "VARCHAR", "attributes": {_KV}}}], '
    '"status": {"code": "VARCHAR", "message": "VARCHAR"}}'
)
REQUEST_TYPE = f'{{"resourceSpans": [{{"resource": {{"attributes": {_KV}}}, "scopeSpans": [{{"spans": [{_SPAN_TYPE}]}}]}}]}}'
# Levels whose wrong type the typed parse would turn into NULL, checked on the file's inferred
# structure (json_structure: one parse; mixed element types show as "JSON", an empty array as "NULL"):
# (path in the structure, the json_type() it must have, what to call it).
STRUCTURE_CHECKS = [
    ("$.resourceSpans[0]", "OBJECT", "an element of resourceSpans"),
    ("$.resourceSpans[0].scopeSpans", "ARRAY", "a resourceSpans[].scopeSpans"),
    ("$.resourceSpans[0].scopeSpans[0]", "OBJECT", "an element of scopeSpans"),
    ("$.resourceSpans[0].scopeSpans[0].spans", "ARRAY", "a scopeSpans[].spans"),
    ("$.resourceSpans[0].scopeSpans[0].spans[0]", "OBJECT", "a span"),
    ("$.resourceSpans[0].scopeSpans[0].spans[0].attributes", "ARRAY", "the attributes of a span"),
    ("$.resourceSpans[0].scopeSpans[0].spans[0].events", "ARRAY", "the events of a span"),
]


def _ns_ts(expr: str) -> str:
    return f"make_timestamp_ns(try_cast({expr} as bigint))::timestamp"


def _is_array(col: str) -> str:
    """Whether a string is a JSON array; the CASE keeps json_type away from text that is not JSON."""
    return f"coalesce(case when json_valid({col}) then json_type({col}) = 'ARRAY' end, false)"


def _json_array(col: str) -> str:
    """A JSON-string attribute as a JSON array, NULL when absent, not JSON or not an array."""
    return f"case when {_is_array(col)} then {col}::json end"


def _rows(conn: duckdb.DuckDBPyConnection) -> None:
    """1. Export requests parsed once into typed nested lists (several times faster than walking the JSON level by level); what that typing would hide (a level of the wrong type) is checked first."""
    found = "case when json_type(st, '{p}') = 'VARCHAR' then replace(lower(st ->> '{p}'), 'json', 'mixed types') else lower(json_type(st, '{p}')) end"
    checks = " ".join(
        f"when json_type(st, '{path}') not in ('{want}', 'NULL') and coalesce(st ->> '{path}', '') <> 'NULL' "
        f"then 'wrong type: {what} is ' || {found.format(p=path)} || ', expected {want.lower()}'"
        for path, want, what in STRUCTURE_CHECKS
    )
    conn.execute(f"""
        create or replace temp table o_rows as
        select file_id, line_no, problem,
               case when problem is null then json_transform(line, '{REQUEST_TYPE}').resourceSpans end as rs
        from (
            select file_id, line_no, line,
                   case when rs_type is null or rs_type = 'NULL' then 'missing field resourceSpans'
                        when rs_type <> 'ARRAY'
                            then 'wrong type: field resourceSpans is ' || lower(rs_type) || ', expected array'
                        {checks}
                   end as problem
            from (
                select file_id, line_no, line, st, json_type(st, '$.resourceSpans') as rs_type
                from (
                    select *, case when json_valid(line) then json_structure(line) end as st
                    from batch_lines
                    where case when json_valid(line) then json_type(line) end = 'OBJECT'
                )
            )
        )
    """)
    conn.execute(f"""
        create or replace temp table o_raw as
        with res as (
            select file_id, line_no, unnest(rs) as r, generate_subscripts(rs, 1) - 1 as ridx
            from o_rows where problem is null
        ),
        scopes as (
            select file_id, line_no, ridx, r.resource.attributes as rattrs, unnest(r.scopeSpans) as sc,
                   generate_subscripts(r.scopeSpans, 1) - 1 as sidx
            from res
        ),
        spans as (
            select file_id, line_no, ridx, sidx, rattrs, unnest(sc.spans) as sp,
                   generate_subscripts(sc.spans, 1) - 1 as pidx
            from scopes
        )
        select file_id, line_no, ridx, sidx, pidx,
               {_value("list_filter(rattrs, lambda a: a.key = 'service.name')[1].value")} as service_name,
               {_value("list_filter(rattrs, lambda a: a.key = 'service.version')[1].value")} as service_version,
               sp.traceId as trace_id, sp.spanId as span_id, sp.name as name,
               try_cast(sp.startTimeUnixNano as bigint) as start_ns,
               coalesce(try_cast(sp.endTimeUnixNano as bigint), try_cast(sp.startTimeUnixNano as bigint)) as end_ns,
               sp.attributes as attrs, sp.events as events,
               sp.status.code as status_code, sp.status.message as status_message,
               case when coalesce(sp.traceId, '') = '' then 'missing field ' || path || '.traceId'
                    when coalesce(sp.spanId, '') = '' then 'missing field ' || path || '.spanId'
                    when try_cast(sp.startTimeUnixNano as bigint) is null
                        then 'missing or unreadable field ' || path || '.startTimeUnixNano'
               end as problem
        from (
            select *, 'resourceSpans[' || ridx || '].scopeSpans[' || sidx || '].spans[' || pidx || ']' as path
            from spans
        )
    """)


def _line_errors(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute("""
        create or replace temp table o_line_errors as
        select file_id, line_no, arg_min(problem, rank) as reason
        from (
            select file_id, line_no, problem, [0, 0, 0, 0] as rank from o_rows where problem is not null
            union all select file_id, line_no, problem, [1, ridx, sidx, pidx] from o_raw where problem is not null
        )
        group by all
    """)


def _spans(conn: duckdb.DuckDBPyConnection) -> None:
    """2. Spans of sound lines, first copy only, with their attributes and session."""
    conn.execute(f"""
        create or replace temp table o_spans as
        with firsts as (
            select *,
                   row_number() over (partition by trace_id, span_id order by file_id, line_no, ridx, sidx, pidx) = 1
                       as is_first
            from o_raw anti join o_line_errors using (file_id, line_no)
        ),
        attributed as (
            select *, {_attr_columns(ATTRS, "attrs")} from firsts
        ),
        valued as (
            select file_id, line_no, ridx, sidx, pidx, service_name, service_version, trace_id, span_id, name,
                   is_first, start_ns, end_ns, {_ns_ts("start_ns")} as ts_start, {_ns_ts("end_ns")} as ts_end,
                   status_code, status_message, events,
                   {", ".join(f"{_value('a_' + n)} as {n}" for n in ATTRS if n not in ("in_msgs", "out_msgs", "sys_instr"))},
                   a_in_msgs ->> '$.stringValue' as in_msgs, a_out_msgs ->> '$.stringValue' as out_msgs,
                   a_sys_instr ->> '$.stringValue' as sys_instr,
                   (a_in_msgs is not null and a_in_msgs ->> '$.stringValue' is null)
                       or (a_out_msgs is not null and a_out_msgs ->> '$.stringValue' is null) as structured_content
            from attributed
        )
        select *,
               case when op in {INFERENCE_OPS} then 'inference'
                    when op = 'execute_tool' then 'tool'
                    when op is null and coalesce(provider, system) is not null
                         and not starts_with(coalesce(name, ''), 'execute_tool') then 'inference'
                    when op is not null then 'other'
               end as span_kind,
               coalesce(conv,
                        arg_min(conv, start_ns) filter (conv is not null) over (partition by trace_id),
                        trace_id) as session_id,
               trace_id || ':' || span_id as span_key
        from valued
    """)


def _span_events(conn: duckdb.DuckDBPyConnection) -> None:
    """3. Span events: the details event and the deprecated per-message events."""
    message_events_sql = ", ".join(f"'{k}'" for k in MESSAGE_EVENTS)
    conn.execute(f"""
        create or replace temp table o_span_events as
        select s.session_id, s.span_key, eidx, ename, {_ns_ts("time_ns")} as ts,
               {", ".join(f"a_{n} ->> '$.stringValue' as {n}" for n in EVENT_ATTRS)}
        from (
            select *, {_attr_columns(EVENT_ATTRS, "eattrs")}
            from (
                select span_key, eidx, e.name as ename, e.timeUnixNano as time_ns, e.attributes as eattrs
                from (
                    select span_key, unnest(events) as e, generate_subscripts(events, 1) - 1 as eidx
                    from o_spans where span_kind = 'inference' and is_first
                )
            )
            where ename = '{DETAILS_EVENT}' or ename in ({message_events_sql})
        ) x
        join o_spans s using (span_key)
        where s.is_first
    """)


def _inference(conn: duckdb.DuckDBPyConnection) -> None:
    """The content of an inference span: its attributes, else the details event's."""
    conn.execute(f"""
        create or replace temp table o_inference as
        select *,
               in_json is not null and not {_is_array("in_json")} as bad_in,
               out_json is not null and not {_is_array("out_json")} as bad_out
        from (
        select s.*,
               coalesce(s.in_msgs, d.in_msgs) as in_json,
               coalesce(s.out_msgs, d.out_msgs) as out_json,
               coalesce(s.sys_instr, d.sys_instr) as sys_json,
               row_number() over (partition by s.session_id order by s.start_ns, s.span_id) as seq
        from o_spans s
        left join (
            select span_key, arg_min(in_msgs, eidx) as in_msgs, arg_min(out_msgs, eidx) as out_msgs,
                   arg_min(sys_instr, eidx) as sys_instr
            from o_span_events where ename = '{DETAILS_EVENT}' group by all
        ) d using (span_key)
        where s.span_kind = 'inference' and s.is_first
        )
    """)


def _messages(conn: duckdb.DuckDBPyConnection) -> None:
    """4. Messages: {{role, parts}} from the attributes, or built from the deprecated events."""
    conn.execute(f"""
        create or replace temp table o_msgs as
        with attr_msgs as (
            select session_id, span_key, 'in' as src, pos, m
            from (
                select session_id, span_key, unnest(j::json[]) as m, unnest(range(json_array_length(j)::bigint)) as pos
                from (select session_id, span_key, {_json_array("in_json")} as j from o_inference)
                where j is not null
            )
            union all
            select session_id, span_key, 'out', pos, m
            from (
                select session_id, span_key, unnest(j::json[]) as m, unnest(range(json_array_length(j)::bigint)) as pos
                from (select session_id, span_key, {_json_array("out_json")} as j from o_inference)
                where j is not null
            )
            union all
            select session_id, span_key, 'sys', -1,
                   json_object('role', 'system', 'parts',
                       case when {_is_array("sys_json")} then sys_json::json
                            else json_array(json_object('type', 'text', 'content', sys_json)) end)
            from o_inference where sys_json is not null
        ),
        event_bodies as (
            select e.session_id, e.span_key, e.eidx, e.ename,
                   case e.ename {MESSAGE_EVENT_ROLE_CASE} end as role,
                   case when json_valid(e.content_json) then e.content_json::json end as body
            from o_span_events e
            join o_inference i using (span_key)
            where e.ename <> '{DETAILS_EVENT}'
              and ((e.ename = 'gen_ai.choice' and i.out_json is null)
                   or (e.ename <> 'gen_ai.choice' and i.in_json is null))
        ),
        event_fields as (
            select b.session_id, b.span_key, b.eidx, b.role, b.ename,
                   coalesce(case when b.ename = 'gen_ai.choice' then b.body -> '$.message' else b.body end,
                            case when json_valid(e.message) then e.message::json end) as msg,
                   e.content as flat_content, e.id as flat_id,
                   case when json_valid(e.tool_calls) then e.tool_calls::json end as flat_calls
            from event_bodies b join o_span_events e using (span_key, eidx)
        ),
        event_msgs as (
            select session_id, span_key, case when ename = 'gen_ai.choice' then 'out' else 'in' end as src,
                   eidx as pos, role, content, call_id,
                   coalesce(msg -> '$.tool_calls', flat_calls) as calls
            from (
                select *,
                       coalesce(case json_type(msg -> '$.content') when 'VARCHAR' then msg ->> '$.content'
                                     when 'ARRAY' then array_to_string(
                                         list_transform((msg -> '$.content')::json[],
                                                        lambda x: coalesce(x ->> '$.text', x ->> '$.content')), chr(10))
                                end, flat_content) as content,
                       coalesce(msg ->> '$.id', flat_id) as call_id
                from event_fields
            )
        )
        select * from attr_msgs
        union all
        select session_id, span_key, src, pos,
               json_object('role', role, 'parts', to_json(list_concat(
                   case when role = 'tool'
                            then [json_object('type', 'tool_call_response', 'id', call_id, 'response', content)]
                        when coalesce(content, '') <> ''
                            then [json_object('type', 'text', 'content', content)]
                        else []::json[] end,
                   coalesce(case when json_type(calls) = 'ARRAY' then list_transform(calls::json[],
                       lambda t: json_object('type', 'tool_call', 'id', t ->> '$.id',
                                             'name', t ->> '$.function.name',
                                             'arguments', t -> '$.function.arguments')) end, []::json[]))))
        from event_msgs
    """)


def _new_messages(conn: duckdb.DuckDBPyConnection) -> None:
    """5. Which input messages are new: all of the session's first call; after it, user, system and tool
    messages that outnumber their copies in the previous call's input and output."""
    conn.execute("""
        create or replace temp table o_new_msgs as
        with hashed as (
            select m.*, i.seq, m.m ->> '$.role' as role,
                   md5(coalesce(m.m ->> '$.role', '') || '|' || coalesce((m.m -> '$.parts')::varchar, '')) as h
            from o_msgs m join o_inference i using (span_key)
        ),
        counted as (
            select *, row_number() over (
                partition by span_key, case when src = 'out' then 'out' else 'in' end, h order by pos) as occ
            from hashed
        ),
        prev as (
            select session_id, seq + 1 as next_seq, h, count(*) as n from hashed group by all
        )
        select c.* exclude (occ)
        from counted c
        left join prev p on p.session_id = c.session_id and p.next_seq = c.seq and p.h = c.h
        where c.src = 'out'
           or c.seq = 1
           or (coalesce(c.role, '') <> 'assistant' and c.occ > coalesce(p.n, 0))
    """)


def _parts(conn: duckdb.DuckDBPyConnection) -> None:
    """6. Parts, and the events they make."""
    part_fields = "'$.type', '$.content', '$.id', '$.name', '$.arguments', '$.response', '$.result', " \
        "'$.mime_type', '$.modality', '$.uri', '$.file_id', '$.server_tool_call', '$.server_tool_call_response'"  # fmt: skip
    conn.execute(f"""
        create or replace temp table o_parts as
        select session_id, span_key, src, pos, role, pidx,
               pf[1] ->> '$' as ptype,
               case when json_type(pf[2]) = 'VARCHAR' then pf[2] ->> '$' else pf[2]::varchar end as content,
               pf[3] ->> '$' as part_id, pf[4] ->> '$' as name,
               case when json_type(pf[5]) = 'VARCHAR' then pf[5] ->> '$' else pf[5]::varchar end as arguments,
               case when json_type(coalesce(pf[6], pf[7])) = 'VARCHAR' then coalesce(pf[6], pf[7]) ->> '$'
                    else coalesce(pf[6], pf[7])::varchar end as response,
               case pf[1] ->> '$'
                   when 'blob' then '[blob ' || coalesce(pf[8] ->> '$', pf[9] ->> '$', '') || ']'
                   when 'uri' then '[uri ' || coalesce(pf[10] ->> '$', '') || ']'
                   when 'file' then '[file ' || coalesce(pf[11] ->> '$', '') || ']'
                   else '[' || coalesce(pf[1] ->> '$', 'part') || ']' end as placeholder,
               pf[12]::varchar as server_call, pf[13]::varchar as server_response
        from (
            select *, json_extract(p, [{part_fields}]) as pf
            from (
                select session_id, span_key, src, pos, role, unnest(parts::json[]) as p,
                       unnest(range(json_array_length(parts)::bigint)) as pidx
                from (select *, m -> '$.parts' as parts from o_new_msgs)
                where json_type(parts) = 'ARRAY'
            )
            where json_type(p) = 'OBJECT'
        )
    """)


def _message_events(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute("""
        create or replace temp table o_msg_events as
        with tool_parts as (
            select * from o_parts
            where ptype in ('tool_call', 'server_tool_call', 'tool_call_response', 'server_tool_call_response')
        ),
        text_parts as (
            select *, case ptype when 'text' then content when 'reasoning' then content else placeholder end
                       as part_text
            from o_parts
            where ptype is null
               or ptype not in ('tool_call', 'server_tool_call', 'tool_call_response', 'server_tool_call_response')
        )
        -- user and system messages: one event with the text of their parts
        select session_id, span_key, src, pos, min(pidx) as pidx, 0 as sub,
               case when role = 'system' or src = 'sys' then 'system' else 'user_message' end as kind,
               string_agg(part_text, chr(10) order by pidx) as text, 'none' as reasoning_visibility,
               null::varchar as tool_name, null::varchar as tool_call_id, null::varchar as tool_input,
               null::varchar as tool_output
        from text_parts
        where coalesce(role, 'user') not in ('assistant', 'tool')
        group by session_id, span_key, src, pos, role
        union all
        -- assistant parts, one event each
        select session_id, span_key, src, pos, pidx, 0,
               case when ptype = 'reasoning' then 'reasoning' else 'assistant_text' end,
               nullif(part_text, ''),
               case when ptype <> 'reasoning' then 'none' when coalesce(content, '') = '' then 'empty'
                    else 'plain' end,
               null, null, null, null
        from text_parts
        where role = 'assistant' and (ptype = 'reasoning' or coalesce(part_text, '') <> '')
        union all
        -- text in tool messages: a result without a call id
        select session_id, span_key, src, pos, pidx, 0, 'tool_result', null, 'none', null, null, null, part_text
        from text_parts where role = 'tool'
        union all
        -- tool calls and results
        select session_id, span_key, src, pos, pidx, 0,
               case when ptype in ('tool_call', 'server_tool_call') then 'tool_call' else 'tool_result' end,
               null, 'none', name, part_id,
               case ptype when 'tool_call' then arguments when 'server_tool_call' then server_call end,
               case ptype when 'tool_call_response' then response
                          when 'server_tool_call_response' then server_response end
        from tool_parts
    """)


def _events(conn: duckdb.DuckDBPyConnection) -> None:
    """7. All events: message events, tool spans, calls without content, failed calls."""
    conn.execute("""
        create or replace temp table o_events as
        with tool_spans as (select * from o_spans where span_kind = 'tool' and is_first),
        out_calls as (
            select distinct session_id, tool_call_id from o_msg_events
            where kind = 'tool_call' and src = 'out' and tool_call_id is not null
        ),
        span_results as (
            select distinct session_id, tool_call_id from tool_spans where tool_call_id is not null
        ),
        msg as (
            select e.*, i.file_id, i.line_no, i.start_ns,
                   case when e.src = 'out' then i.end_ns else i.start_ns end as ev_ns,
                   case e.src when 'sys' then 0 when 'in' then 1 else 2 end as phase,
                   case when e.src = 'out' then i.ts_end else i.ts_start end as ts,
                   coalesce(i.resp_model, i.req_model) as model
            from o_msg_events e join o_inference i using (span_key)
            -- a tool result in an input message is left to the tool span that ran the call
            where not (e.kind = 'tool_result' and e.src <> 'out'
                       and exists (select 1 from span_results r
                                   where r.session_id = e.session_id and r.tool_call_id = e.tool_call_id))
        )
        select session_id, span_key, file_id, line_no, ev_ns, start_ns, phase, pos, pidx, sub,
               span_key || ':' || src || pos || '.' || pidx as event_key, src,
               kind, text, reasoning_visibility, tool_name, tool_call_id, tool_input, tool_output,
               null::boolean as is_error, ts, model
        from msg
        union all
        select session_id, span_key, file_id, line_no, start_ns, start_ns, 0, 0, 0, 0, span_key || ':call', 'tool',
               'tool_call', null, 'none', tool_name, tool_call_id, tool_args, null, null, ts_start, null
        from tool_spans t
        where tool_call_id is null
           or not exists (select 1 from out_calls c
                          where c.session_id = t.session_id and c.tool_call_id = t.tool_call_id)
        union all
        select session_id, span_key, file_id, line_no, end_ns, start_ns, 1, 0, 0, 0, span_key || ':result', 'tool',
               'tool_result', null, 'none', tool_name, tool_call_id, null,
               coalesce(tool_result,
                        case when error_type is not null or status_code in ('2', 'STATUS_CODE_ERROR')
                             then coalesce(nullif(status_message, ''), error_type, 'error') end),
               error_type is not null or status_code in ('2', 'STATUS_CODE_ERROR'), ts_end, null
        from tool_spans
        union all
        select session_id, span_key, file_id, line_no, end_ns, start_ns, 3, 0, 0, 0, span_key || ':error', 'out',
               'system', 'model call failed: ' || error_type, 'none', null, null, null, null, null, ts_end,
               coalesce(resp_model, req_model)
        from o_inference where error_type is not null
        union all
        select session_id, span_key, file_id, line_no, start_ns, start_ns, 1, 0, 0, 0, span_key || ':content', 'in',
               'system', 'unreadable ' || case when bad_in then 'gen_ai.input.messages' else 'gen_ai.output.messages' end
                   || ' (not a JSON array): ' || left(case when bad_in then in_json else out_json end, 200),
               'none', null, null, null, null, null, ts_start, coalesce(resp_model, req_model)
        from o_inference
        where bad_in or bad_out
    """)
    # Calls that left no event: content not captured (or all history). The call still happened.
    conn.execute("""
        insert into o_events
        select session_id, span_key, file_id, line_no, end_ns, start_ns, 2, 0, 0, 0, span_key || ':call',
               'out', 'system',
               'model call ' || coalesce(name, 'chat') || case when structured_content
                   then ' (content recorded as structured attributes, not read)'
                   else ' (content not captured)' end,
               'none', null, null, null, null, null, ts_end, coalesce(resp_model, req_model)
        from o_inference i
        where not exists (select 1 from o_events e where e.span_key = i.span_key)
    """)


def _p_events(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(f"""
        create or replace temp table p_events as
        with ordered as (
            select e.*,
                   row_number() over (partition by e.file_id, e.line_no
                                      order by e.ev_ns, e.start_ns, e.span_key, e.phase, e.pos, e.pidx, e.sub)
                       as rn,
                   row_number() over (partition by e.span_key
                                      order by (e.src = 'out') desc, e.ev_ns, e.phase, e.pos, e.pidx, e.sub) as span_rn
            from o_events e
        ),
        calls as (
            select session_id, tool_call_id, arg_min(event_key, [ev_ns, phase]) as call_key,
                   arg_min(tool_name, [ev_ns, phase]) as call_name
            from o_events where kind = 'tool_call' and tool_call_id is not null group by all
        )
        select o.session_id, o.event_key as event_id,
               case when o.kind = 'tool_result' then c.call_key end as parent_event_id,
               o.ts,
               {role_from_kind("o.kind")} as role,
               o.kind, o.text, o.reasoning_visibility,
               coalesce(o.tool_name, case when o.kind = 'tool_result' then c.call_name end) as tool_name,
               o.tool_call_id, o.tool_input, o.tool_output,
               case when o.kind = 'tool_result' then coalesce(o.is_error, false) end as is_error,
               null::integer as exit_code,
               case when o.span_rn = 1 then try_cast(i.in_tok as bigint) end as input_tokens,
               case when o.span_rn = 1 then try_cast(i.out_tok as bigint) end as output_tokens,
               case when o.span_rn = 1 then try_cast(i.rsn_tok as bigint) end as reasoning_tokens,
               o.model, o.file_id, o.line_no,
               case when o.span_rn = 1 then try_cast(i.cr_tok as bigint) end as cached_input_tokens,
               case when o.span_rn = 1 then try_cast(i.cw_tok as bigint) end as cache_creation_input_tokens,
               (o.rn - 1)::integer as sub_index
        from ordered o
        left join o_inference i using (span_key)
        left join calls c on c.session_id = o.session_id and c.tool_call_id = o.tool_call_id
    """)


def _p_rejects(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(f"""
        create or replace temp table p_rejects as
        {rejects_for_invalid_json_sql()}
        union all
        select file_id, line_no, 'quarantine', reason from o_line_errors
        union all
        select r.file_id, r.line_no, 'skip',
               case when not exists (select 1 from o_spans s where s.file_id = r.file_id and s.line_no = r.line_no)
                        then '{SKIP_NO_SPANS}'
                    when not exists (select 1 from o_spans s where s.file_id = r.file_id and s.line_no = r.line_no
                                                               and s.span_kind is not null)
                        then '{SKIP_NO_GENAI}'
                    when not exists (select 1 from o_spans s where s.file_id = r.file_id and s.line_no = r.line_no
                                                               and s.span_kind is not null and s.is_first)
                        then '{SKIP_DUPLICATE}'
                    else '{SKIP_NO_EVENTS}' end
        from o_rows r anti join o_line_errors using (file_id, line_no)
        where not exists (select 1 from p_events e where e.file_id = r.file_id and e.line_no = r.line_no)
    """)


def _p_sessions(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(f"""
        create or replace temp table p_sessions as
        select
            session_id,
            '{SOURCE_FORMAT}' as source_format,
            coalesce(arg_min(agent_name, start_ns) filter (agent_name is not null),
                     arg_min(service_name, start_ns) filter (service_name is not null), 'otel') as agent,
            arg_min(service_version, start_ns) filter (service_version is not null) as agent_version,
            null::varchar as model,
            null::varchar as parent_session_id,
            null::varchar as cwd,
            null::varchar as git_branch,
            min(ts_start) as started_at,
            max(ts_end) as ended_at,
            file_id
        from o_spans
        where is_first and session_id in (select session_id from p_events)
        group by session_id, file_id
    """)


STEPS = (
    _rows,
    _line_errors,
    _spans,
    _span_events,
    _inference,
    _messages,
    _new_messages,
    _parts,
    _message_events,
    _events,
    _p_events,
    _p_rejects,
    _p_sessions,
)
TEMP_TABLES = (
    "o_rows",
    "o_raw",
    "o_line_errors",
    "o_spans",
    "o_span_events",
    "o_inference",
    "o_msgs",
    "o_new_msgs",
    "o_parts",
    "o_msg_events",
    "o_events",
)


def parse(conn: duckdb.DuckDBPyConnection) -> None:
    run_steps(conn, STEPS, TEMP_TABLES)


FORMAT = TranscriptFormat(
    source_format=SOURCE_FORMAT,
    agent="otel",
    description="OpenTelemetry GenAI spans as OTLP JSON (collector file exporter), one session per conversation",
    parse=parse,
    records=records,
)
