"""Claude Code session JSONL (`~/.claude/projects/<enc-cwd>/<sessionId>.jsonl`, subagent files too).

Reference: ../shared/reference/transcript-formats.md section 1. One JSON object per line,
discriminated on `type`. `user`, `assistant` and `system` records carry the conversation; every other
record type is skipped with a reason naming the type. An assistant API response is written as several
lines (one per content block) sharing `message.id` and `requestId`, each repeating `usage`: tokens go
on the first event of the message only, so sums over events count each response once.

Mapping, per content block (event_id is the line's `uuid`; later events of a multi-block line get
`uuid:<block index>`, so `parentUuid` references of the next lines still resolve to the line):

    user string / text block       user_message (user), or system (system) for meta lines: isMeta,
                                   isCompactSummary, `<command-name>`, `<local-command-stdout>`, "Caveat:"
    user tool_result block         tool_result (tool): tool_call_id, tool_output (text flattened),
                                   is_error, exit_code ("Exit code N", else 0 for a successful Bash
                                   result with stdout/stderr), tool_name from the paired tool_use
    assistant text / string        assistant_text
    assistant thinking             reasoning, 'plain', or 'empty' when only a signature is stored
    assistant redacted_thinking    reasoning, 'encrypted', no text
    assistant tool_use             tool_call: tool_name, tool_call_id, tool_input (JSON text)
    system record                  system: text = content, else subtype

Sidechain (subagent) lines become their own session `sessionId:agentId`, child of `sessionId`.
"""

from __future__ import annotations

import duckdb

from pipelines.transcripts.base import TranscriptFormat, rejects_for_invalid_json_sql
from pipelines.transcripts.sqlutil import NUMBER, ts_expr, type_check_case

SOURCE_FORMAT = "claude_code_jsonl"
CONVERSATION_TYPES_SQL = "('user', 'assistant', 'system')"
# Record types known to carry no conversation (sniff.CLAUDE_TYPES plus the schema's 2.1.97+ types).
NON_CONVERSATION_TYPES_SQL = """(
    'file-history-snapshot', 'queue-operation', 'progress', 'attachment', 'permission-mode',
    'ai-title', 'custom-title', 'agent-name', 'last-prompt', 'pr-link', 'turn_end',
    'agent-setting', 'bridge-session', 'worktree-state'
)"""
# Prefixes of user lines written by the CLI, not typed by the user.
META_PREFIXES_SQL = (
    "['<command-name>', '<command-message>', '<local-command-stdout>', '<local-command-stderr>', 'Caveat:']"
)

LINE_FIELDS = {
    "type": "$.type",
    "sessionId": "$.sessionId",
    "uuid": "$.uuid",
    "parentUuid": "$.parentUuid",
    "timestamp": "$.timestamp",
    "isSidechain": "$.isSidechain",
    "agentId": "$.agentId",
    "version": "$.version",
    "cwd": "$.cwd",
    "gitBranch": "$.gitBranch",
    "isMeta": "$.isMeta",
    "isCompactSummary": "$.isCompactSummary",
    "subtype": "$.subtype",
    "content": "$.content",
    "requestId": "$.requestId",
    "message.content": "$.message.content",
    "message.model": "$.message.model",
    "message.id": "$.message.id",
    "message.usage": "$.message.usage",
    "message.usage.input_tokens": "$.message.usage.input_tokens",
    "message.usage.output_tokens": "$.message.usage.output_tokens",
    "toolUseResult.stdout": "$.toolUseResult.stdout",
    "toolUseResult.stderr": "$.toolUseResult.stderr",
}
L = {name: f"v[{i + 1}]" for i, name in enumerate(LINE_FIELDS)}
LINE_CHECKS = [
    *[
        (L[f], f, ("VARCHAR",))
        for f in (
            "sessionId",
            "uuid",
            "parentUuid",
            "timestamp",
            "agentId",
            "version",
            "cwd",
            "gitBranch",
            "subtype",
            "requestId",
            "message.model",
            "message.id",
        )
    ],
    *[(L[f], f, ("BOOLEAN",)) for f in ("isSidechain", "isMeta", "isCompactSummary")],
    (L["message.content"], "message.content", ("VARCHAR", "ARRAY")),
    (L["message.usage"], "message.usage", ("OBJECT",)),
    (L["message.usage.input_tokens"], "message.usage.input_tokens", NUMBER),
    (L["message.usage.output_tokens"], "message.usage.output_tokens", NUMBER),
]

BLOCK_FIELDS = {
    "type": "$.type",
    "text": "$.text",
    "thinking": "$.thinking",
    "id": "$.id",
    "name": "$.name",
    "input": "$.input",
    "tool_use_id": "$.tool_use_id",
    "content": "$.content",
    "is_error": "$.is_error",
}
B = {name: f"bv[{i + 1}]" for i, name in enumerate(BLOCK_FIELDS)}
BTYPE = f"({B['type']} ->> '$')"


def _only_for(block_type: str, field: str) -> str:
    """A block field checked only on the block type that defines it (other types may reuse the name)."""
    return f"case when {BTYPE} = '{block_type}' then {B[field]} end"


# `[#]` is replaced by the block's index once the CASE has picked the field.
BLOCK_CHECKS = [
    (B["type"], "message.content[#].type", ("VARCHAR",)),
    (_only_for("text", "text"), "message.content[#].text", ("VARCHAR",)),
    (_only_for("thinking", "thinking"), "message.content[#].thinking", ("VARCHAR",)),
    (_only_for("tool_use", "id"), "message.content[#].id", ("VARCHAR",)),
    (_only_for("tool_use", "name"), "message.content[#].name", ("VARCHAR",)),
    (_only_for("tool_result", "tool_use_id"), "message.content[#].tool_use_id", ("VARCHAR",)),
    (_only_for("tool_result", "content"), "message.content[#].content", ("VARCHAR", "ARRAY")),
    (_only_for("tool_result", "is_error"), "message.content[#].is_error", ("BOOLEAN",)),
]


def _s(field: str) -> str:
    return f"({L[field]} ->> '$')"


def _b(field: str) -> str:
    return f"({B[field]} ->> '$')"


def parse(conn: duckdb.DuckDBPyConnection) -> None:
    line_paths = ", ".join(f"'{p}'" for p in LINE_FIELDS.values())
    block_paths = ", ".join(f"'{p}'" for p in BLOCK_FIELDS.values())

    # 1. Every JSON object line, its fields extracted in one pass; field types checked on the
    # conversation records only (skipped records are not read further). `message` itself is not
    # extracted (copying it costs a third of the parse): a line whose message.content resolved has an
    # object message, and only the others pay for a second look at the line.
    conn.execute(f"""
        create or replace temp table cc_rows as
        select file_id, line_no, v, rtype, msg_type,
               case when {L["type"]} is null then 'missing field type'
                    when json_type({L["type"]}) <> 'VARCHAR'
                        then 'wrong type: field type is ' || lower(json_type({L["type"]}))
                             || ', expected varchar'
                    when rtype in {CONVERSATION_TYPES_SQL} then coalesce(
                        case when msg_type not in ('OBJECT', 'NULL')
                             then 'wrong type: field message is ' || lower(msg_type) || ', expected object'
                        end,
                        {type_check_case(LINE_CHECKS)})
               end as type_error
        from (
            select file_id, line_no, v, {_s("type")} as rtype,
                   case when {L["message.content"]} is not null then 'OBJECT'
                        when {_s("type")} in ('user', 'assistant') then json_type(line, '$.message')
                   end as msg_type
            from (
                select file_id, line_no, line, json_extract(line, [{line_paths}]) as v
                from batch_lines
                -- CASE keeps json_type from running on invalid JSON, without a second parse
                where case when json_valid(line) then json_type(line) end = 'OBJECT'
            )
        )
    """)

    # 2. Conversation lines with their envelope resolved; value errors (missing fields, unreadable
    # timestamp) found here. Sidechain lines get the subagent's session: agentId, or for CLIs that
    # did not write it, the agent id in the file name (agent-<id>.jsonl).
    sidechain_agent = (
        f"coalesce({_s('agentId')}, nullif(regexp_extract(f.path, 'agent-([A-Za-z0-9_-]+)\\.jsonl$', 1), ''))"
    )
    conn.execute(f"""
        create or replace temp table cc_lines as
        select r.file_id, r.line_no, r.rtype,
               {_s("sessionId")} as raw_session_id,
               case when {L["isSidechain"]}::boolean and {sidechain_agent} is not null
                    then {_s("sessionId")} || ':' || {sidechain_agent}
                    else {_s("sessionId")} end as session_id,
               coalesce({L["isSidechain"]}::boolean, false) as is_sidechain,
               {sidechain_agent} as agent_id,
               {_s("uuid")} as uuid,
               {_s("parentUuid")} as parent_uuid,
               {ts_expr(_s("timestamp"))} as ts,
               {_s("version")} as version,
               {_s("cwd")} as cwd,
               nullif({_s("gitBranch")}, '') as git_branch,
               coalesce({L["isMeta"]}::boolean, false) or coalesce({L["isCompactSummary"]}::boolean, false)
                   as is_meta,
               {_s("subtype")} as subtype,
               case when json_type({L["content"]}) = 'VARCHAR' then {_s("content")}
                    else {L["content"]}::varchar end as system_content,
               {L["message.content"]} as content,
               json_type({L["message.content"]}) as content_type,
               nullif({_s("message.model")}, '<synthetic>') as model,
               {_s("message.id")} as message_id,
               {_s("requestId")} as request_id,
               try_cast({_s("message.usage.input_tokens")} as double)::bigint as input_tokens,
               try_cast({_s("message.usage.output_tokens")} as double)::bigint as output_tokens,
               ({L["toolUseResult.stdout"]} is not null or {L["toolUseResult.stderr"]} is not null)
                   as has_shell_output,
               case
                   when {_s("sessionId")} is null or {_s("sessionId")} = ''
                       then 'missing field sessionId'
                   when r.rtype <> 'system' and coalesce(r.msg_type, 'NULL') = 'NULL'
                       then 'missing field message'
                   when r.rtype <> 'system' and coalesce(json_type({L["message.content"]}), 'NULL') = 'NULL'
                       then 'missing field message.content'
                   when {_s("timestamp")} is not null and {ts_expr(_s("timestamp"))} is null
                       then 'unreadable timestamp in field timestamp: ' || {_s("timestamp")}
               end as value_error
        from cc_rows r join batch_files f using (file_id)
        where r.type_error is null and r.rtype in {CONVERSATION_TYPES_SQL}
    """)
    # Later copies of a uuid in a session are skipped as duplicates (the CLI rewrites lines on
    # resume); the window runs over keys only, not over the wide content column.
    conn.execute("""
        create or replace temp table cc_dups as
        select file_id, line_no, rtype from (
            select file_id, line_no, rtype,
                   row_number() over (partition by session_id, uuid order by file_id, line_no) as nth
            from cc_lines where value_error is null and uuid is not null
        ) where nth > 1
    """)

    # 3. Content blocks of array-content lines, each with its fields; a wrongly typed block
    # quarantines its whole line.
    conn.execute(f"""
        create or replace temp table cc_blocks as
        select file_id, line_no, idx, bv,
               case when json_type(blk) <> 'OBJECT'
                        then 'wrong type: field message.content[' || idx || '] is '
                             || lower(json_type(blk)) || ', expected object'
                    when {B["type"]} is null or json_type({B["type"]}) = 'NULL'
                        then 'missing field message.content[' || idx || '].type'
                    else replace({type_check_case(BLOCK_CHECKS)}, '[#]', '[' || idx || ']')
               end as block_error
        from (
            select file_id, line_no, blk, idx, json_extract(blk, [{block_paths}]) as bv
            from (
                select file_id, line_no, unnest(content::json[]) as blk,
                       unnest(range(json_array_length(content)::bigint)) as idx
                from cc_lines anti join cc_dups using (file_id, line_no)
                where value_error is null and content_type = 'ARRAY'
            )
        )
    """)
    conn.execute("""
        create or replace temp table cc_line_errors as
        select file_id, line_no, value_error as reason from cc_lines where value_error is not null
        union all
        select file_id, line_no, arg_min(block_error, idx) from cc_blocks
        where block_error is not null group by all
    """)

    # 4. The lines that produce events: well-formed, not a duplicate.
    conn.execute("""
        create or replace temp view cc_ok as
        select * from cc_lines
        anti join cc_line_errors using (file_id, line_no)
        anti join cc_dups using (file_id, line_no)
    """)

    # 5. Events. Exit codes: "Exit code N" starts the content of failed Bash results; a Bash result
    # (stdout/stderr in toolUseResult) that did not fail exited 0.
    user_kind = (
        "case when l.is_meta or list_bool_or(list_transform({prefixes}, lambda p: starts_with(ltrim({t}), p)))"
        " then 'system' else 'user_message' end"
    )
    conn.execute(f"""
        create or replace temp table cc_events_raw as
        -- string content on user / assistant lines
        select l.file_id, l.line_no, 0 as sub_index, l.rtype,
               case when l.rtype = 'assistant' then 'assistant_text'
                    else {user_kind.format(prefixes=META_PREFIXES_SQL, t="(l.content ->> '$')")} end as kind,
               l.content ->> '$' as text, 'none' as reasoning_visibility,
               null::varchar as tool_name, null::varchar as tool_call_id, null::varchar as tool_input,
               null::varchar as tool_output, null::boolean as is_error, null::integer as exit_code
        from cc_ok l
        where l.content_type = 'VARCHAR'
        union all
        -- system records
        select l.file_id, l.line_no, 0, l.rtype, 'system', coalesce(l.system_content, l.subtype, 'system'),
               'none', null, null, null, null, null, null
        from cc_ok l
        where l.rtype = 'system'
        union all
        -- content blocks
        select l.file_id, l.line_no, b.idx::integer, l.rtype,
               case
                   when l.rtype = 'assistant' then case {BTYPE}
                       when 'text' then 'assistant_text' when 'thinking' then 'reasoning'
                       when 'redacted_thinking' then 'reasoning' when 'tool_use' then 'tool_call' end
                   else case {BTYPE}
                       when 'text' then {user_kind.format(prefixes=META_PREFIXES_SQL, t=_b("text"))}
                       when 'tool_result' then 'tool_result' end
               end as kind,
               case {BTYPE} when 'text' then {_b("text")} when 'thinking' then {_b("thinking")} end,
               case when {BTYPE} = 'redacted_thinking' then 'encrypted'
                    when {BTYPE} = 'thinking' and coalesce({_b("thinking")}, '') = '' then 'empty'
                    when {BTYPE} = 'thinking' then 'plain'
                    else 'none' end,
               case when {BTYPE} = 'tool_use' then {_b("name")} end,
               case {BTYPE} when 'tool_use' then {_b("id")} when 'tool_result' then {_b("tool_use_id")} end,
               case when {BTYPE} <> 'tool_use' then null
                    when json_type({B["input"]}) = 'VARCHAR' then {_b("input")}
                    else {B["input"]}::varchar end,
               tool_output, is_error,
               case when {BTYPE} <> 'tool_result' then null
                    else coalesce(
                        try_cast(regexp_extract(tool_output, '^Exit code (-?[0-9]+)', 1) as integer),
                        case when l.has_shell_output and not is_error and n_results = 1 then 0 end)
               end
        from cc_ok l
        join (
            select *,
                   case when {BTYPE} <> 'tool_result' then null
                        when json_type({B["content"]}) = 'ARRAY' then array_to_string(list_transform(
                            list_filter({B["content"]}::json[], lambda x: x ->> '$.type' = 'text'),
                            lambda x: x ->> '$.text'), chr(10))
                        else {_b("content")} end as tool_output,
                   case when {BTYPE} = 'tool_result' then coalesce({B["is_error"]}::boolean, false) end
                       as is_error,
                   count(*) filter ({BTYPE} = 'tool_result') over (partition by file_id, line_no)
                       as n_results
            from cc_blocks
        ) b using (file_id, line_no)
        where kind is not null
    """)

    # Window work runs over keys only, not over the wide text columns.
    conn.execute("""
        create or replace temp table cc_event_keys as
        select file_id, line_no, sub_index,
               row_number() over (partition by file_id, line_no order by sub_index) = 1 as first_in_line,
               case when response_key is not null and row_number() over response_order = 1
                    -- streamed lines repeat usage with a growing output count: the largest is final
                    then max(input_tokens) over response end as input_tokens,
               case when response_key is not null and row_number() over response_order = 1
                    then max(output_tokens) over response end as output_tokens
        from (
            select e.file_id, e.line_no, e.sub_index, l.session_id, l.input_tokens, l.output_tokens,
                   case when l.rtype = 'assistant'
                        then coalesce(l.message_id, e.file_id || ':' || e.line_no) || '|'
                             || coalesce(l.request_id, '') end as response_key
            from cc_events_raw e join cc_lines l using (file_id, line_no)
        )
        window response as (partition by session_id, response_key),
               response_order as (response order by file_id, line_no, sub_index)
    """)
    conn.execute("""
        create or replace temp table p_events as
        with tool_names as (
            select l.session_id, e.tool_call_id, min(e.tool_name) as tool_name
            from cc_events_raw e join cc_lines l using (file_id, line_no)
            where e.kind = 'tool_call' and e.tool_call_id is not null
            group by all
        )
        select
            l.session_id,
            coalesce(l.uuid, e.file_id || ':' || e.line_no)
                || case when k.first_in_line then '' else ':' || e.sub_index end as event_id,
            l.parent_uuid as parent_event_id,
            l.ts,
            case e.kind when 'user_message' then 'user' when 'tool_result' then 'tool'
                        when 'system' then 'system' else 'assistant' end as role,
            e.kind,
            e.text,
            e.reasoning_visibility,
            coalesce(e.tool_name, n.tool_name) as tool_name,
            e.tool_call_id,
            e.tool_input,
            e.tool_output,
            e.is_error,
            e.exit_code,
            k.input_tokens,
            k.output_tokens,
            null::bigint as reasoning_tokens,
            l.model,
            e.file_id,
            e.line_no,
            e.sub_index
        from cc_events_raw e
        join cc_lines l using (file_id, line_no)
        join cc_event_keys k using (file_id, line_no, sub_index)
        left join tool_names n on e.kind = 'tool_result' and n.session_id = l.session_id
                               and n.tool_call_id = e.tool_call_id
    """)

    # 6. Rejects: broken lines quarantined, the rest of the lines without events skipped, each with
    # a reason naming the record type.
    conn.execute(f"""
        create or replace temp table p_rejects as
        {rejects_for_invalid_json_sql()}
        union all
        select file_id, line_no, 'quarantine', type_error from cc_rows where type_error is not null
        union all
        select file_id, line_no, 'quarantine', reason from cc_line_errors
        union all
        select file_id, line_no, 'skip',
               case when rtype = 'summary' then 'summary record (session title)'
                    when rtype in {NON_CONVERSATION_TYPES_SQL} then 'non-conversation record: ' || rtype
                    else 'unknown record type: ' || rtype end
        from cc_rows
        where type_error is null and rtype not in {CONVERSATION_TYPES_SQL}
        union all
        select file_id, line_no, 'skip', 'duplicate of an earlier ' || rtype || ' record (same uuid)'
        from cc_dups
        union all
        select l.file_id, l.line_no, 'skip',
               'no conversation content in ' || l.rtype || ' record ('
               || coalesce('blocks: ' || (select string_agg(distinct coalesce({BTYPE}, '?'), ', '
                                                           order by coalesce({BTYPE}, '?'))
                                          from cc_blocks b
                                          where b.file_id = l.file_id and b.line_no = l.line_no),
                           'empty content') || ')'
        from cc_ok l
        where not exists (select 1 from cc_events_raw e where e.file_id = l.file_id and e.line_no = l.line_no)
    """)

    conn.execute(f"""
        create or replace temp table p_sessions as
        select
            session_id,
            '{SOURCE_FORMAT}' as source_format,
            'claude_code' as agent,
            arg_min(version, line_no) filter (version is not null) as agent_version,
            arg_min(model, line_no) filter (model is not null) as model,
            any_value(case when is_sidechain and agent_id is not null then raw_session_id end)
                as parent_session_id,
            arg_min(cwd, line_no) filter (cwd is not null) as cwd,
            arg_min(git_branch, line_no) filter (git_branch is not null) as git_branch,
            min(ts) as started_at,
            max(ts) as ended_at,
            min(file_id) as file_id
        from cc_ok
        group by session_id
    """)
    conn.execute("drop view cc_ok")
    for table in (
        "cc_rows",
        "cc_lines",
        "cc_dups",
        "cc_blocks",
        "cc_line_errors",
        "cc_events_raw",
        "cc_event_keys",
    ):
        conn.execute(f"drop table {table}")


FORMAT = TranscriptFormat(
    source_format=SOURCE_FORMAT,
    agent="claude_code",
    description="Claude Code session JSONL (~/.claude/projects/*/<session>.jsonl, subagent files too)",
    parse=parse,
)
