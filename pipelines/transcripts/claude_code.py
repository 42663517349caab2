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

Sidechain (subagent) lines become their own session, child of `sessionId`: `sessionId:agentId` when
the line (or its agent-<id>.jsonl file name) names the agent, else, for older CLIs that wrote them
inline in the parent's file, `sessionId:sidechain-<uuid of the chain's first line>`, whose first
event points (parent_event_id) at the Task call that started it.

Tokens: `input_tokens` is all input of the API response: Anthropic's `input_tokens` (uncached) plus
`cache_read_input_tokens` (also in `cached_input_tokens`) plus `cache_creation_input_tokens` (also
in `cache_creation_input_tokens`).
"""

from __future__ import annotations

import duckdb

from pipelines.transcripts.base import TranscriptFormat, rejects_for_invalid_json_sql
from pipelines.transcripts.sqlutil import (
    NUMBER,
    FieldMap,
    all_input_tokens,
    p_events_columns,
    run_steps,
    sql_in,
    ts_expr,
    type_check_case,
)

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

LINE = FieldMap(
    {
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
        "message.usage.cache_read_input_tokens": "$.message.usage.cache_read_input_tokens",
        "message.usage.cache_creation_input_tokens": "$.message.usage.cache_creation_input_tokens",
        "toolUseResult.stdout": "$.toolUseResult.stdout",
        "toolUseResult.stderr": "$.toolUseResult.stderr",
        "toolUseResult.status": "$.toolUseResult.status",
        "toolUseResult.exitCode": "$.toolUseResult.exitCode",
    }
)
L = LINE  # short alias for the SQL templates below
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
    *[
        (L[f], f, NUMBER)
        for f in (
            "message.usage.input_tokens",
            "message.usage.output_tokens",
            "message.usage.cache_read_input_tokens",
            "message.usage.cache_creation_input_tokens",
        )
    ],
]

BLOCK = FieldMap(
    {
        "type": "$.type",
        "text": "$.text",
        "thinking": "$.thinking",
        "id": "$.id",
        "name": "$.name",
        "input": "$.input",
        "tool_use_id": "$.tool_use_id",
        "content": "$.content",
        "is_error": "$.is_error",
        "input.prompt": "$.input.prompt",
    },
    column="bv",
)
B = BLOCK
BTYPE = B.s("type")
# Tools that start a subagent (the name changed from Task to Agent in later CLIs).
SUBAGENT_TOOLS = ("Task", "Agent")


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


def _tokens(field: str) -> str:
    return f"try_cast({L.s('message.usage.' + field)} as double)::bigint"


def _user_kind(text: str) -> str:
    """user_message, or system for lines the CLI wrote itself (meta flags, command echoes)."""
    return (
        f"case when l.is_meta or list_bool_or(list_transform({META_PREFIXES_SQL}, "
        f"lambda p: starts_with(ltrim({text}), p))) then 'system' else 'user_message' end"
    )


def _rows(conn: duckdb.DuckDBPyConnection) -> None:
    """1. Every JSON object line, its fields extracted in one pass; field types checked on the
    conversation records only (skipped records are not read further). `message` itself is not
    extracted (copying it costs a third of the parse): a line whose message.content resolved has an
    object message, and only the others pay for a second look at the line."""
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
            select file_id, line_no, v, {L.s("type")} as rtype,
                   case when {L["message.content"]} is not null then 'OBJECT'
                        when {L.s("type")} in ('user', 'assistant') then json_type(line, '$.message')
                   end as msg_type
            from (
                select file_id, line_no, line, {L.extract("line")} as v
                from batch_lines
                -- CASE keeps json_type from running on invalid JSON, without a second parse
                where case when json_valid(line) then json_type(line) end = 'OBJECT'
            )
        )
    """)


def _lines(conn: duckdb.DuckDBPyConnection) -> None:
    """2. Conversation lines with their envelope resolved; value errors (missing fields, unreadable
    timestamp) found here. Sidechain lines with an agent id (agentId, or for CLIs that did not write
    it, the id in the file name agent-<id>.jsonl) get the subagent's session here; older CLIs wrote
    sidechains inline with no agent id, and `_inline_sidechains` gives those theirs."""
    sidechain_agent = f"coalesce({L.s('agentId')}, nullif(regexp_extract(f.path, 'agent-([A-Za-z0-9_-]+)\\.jsonl$', 1), ''))"
    conn.execute(f"""
        create or replace temp table cc_lines as
        select r.file_id, r.line_no, r.rtype, f.path,
               {L.s("sessionId")} as raw_session_id,
               case when {L["isSidechain"]}::boolean and {sidechain_agent} is not null
                    then {L.s("sessionId")} || ':' || {sidechain_agent}
                    else {L.s("sessionId")} end as session_id,
               coalesce({L["isSidechain"]}::boolean, false) as is_sidechain,
               {sidechain_agent} as agent_id,
               {L.s("uuid")} as uuid,
               {L.s("parentUuid")} as parent_uuid,
               {ts_expr(L.s("timestamp"))} as ts,
               {L.s("version")} as version,
               {L.s("cwd")} as cwd,
               nullif({L.s("gitBranch")}, '') as git_branch,
               coalesce({L["isMeta"]}::boolean, false) or coalesce({L["isCompactSummary"]}::boolean, false)
                   as is_meta,
               {L.s("subtype")} as subtype,
               case when json_type({L["content"]}) = 'VARCHAR' then {L.s("content")}
                    else {L["content"]}::varchar end as system_content,
               {L["message.content"]} as content,
               json_type({L["message.content"]}) as content_type,
               nullif({L.s("message.model")}, '<synthetic>') as model,
               {L.s("message.id")} as message_id,
               {L.s("requestId")} as request_id,
               {
        all_input_tokens(
            _tokens("input_tokens"),
            _tokens("cache_read_input_tokens"),
            _tokens("cache_creation_input_tokens"),
        )
    } as input_tokens,
               {_tokens("cache_read_input_tokens")} as cached_input_tokens,
               {_tokens("cache_creation_input_tokens")} as cache_creation_input_tokens,
               {_tokens("output_tokens")} as output_tokens,
               ({L["toolUseResult.stdout"]} is not null or {L["toolUseResult.stderr"]} is not null)
                   as has_shell_output,
               -- BashOutput on a background shell: `exitCode` is null while it still runs
               coalesce({L.s("toolUseResult.status")} = 'running'
                        or {L.jt("toolUseResult.exitCode")} = 'NULL', false) as shell_running,
               try_cast({L.s("toolUseResult.exitCode")} as integer) as shell_exit_code,
               case
                   when {L.s("sessionId")} is null or {L.s("sessionId")} = ''
                       then 'missing field sessionId'
                   when r.rtype <> 'system' and coalesce(r.msg_type, 'NULL') = 'NULL'
                       then 'missing field message'
                   when r.rtype <> 'system' and coalesce(json_type({L["message.content"]}), 'NULL') = 'NULL'
                       then 'missing field message.content'
                   when {L.s("timestamp")} is not null and {ts_expr(L.s("timestamp"))} is null
                       then 'unreadable timestamp in field timestamp: ' || {L.s("timestamp")}
               end as value_error
        from cc_rows r join batch_files f using (file_id)
        where r.type_error is null and r.rtype in {CONVERSATION_TYPES_SQL}
    """)


def _inline_sidechains(conn: duckdb.DuckDBPyConnection) -> None:
    """2b. Inline sidechains (CLIs before agent files): `isSidechain` lines with no agent id sit in
    the parent's file. Each chain of them from a root (no parent, or a parent outside the sidechain)
    is one subagent run: its own session `<sessionId>:sidechain-<root uuid>`, child of the parent."""
    conn.execute("""
        create or replace temp table cc_sidechain_roots as
        with recursive sc as (
            select file_id, line_no, raw_session_id, uuid, parent_uuid from cc_lines
            where is_sidechain and agent_id is null and value_error is null and uuid is not null
        ),
        walk(file_id, line_no, uuid, root_line) as (
            select s.file_id, s.line_no, s.uuid, s.line_no from sc s
            where s.parent_uuid is null or not exists (
                select 1 from sc p where p.file_id = s.file_id and p.raw_session_id = s.raw_session_id
                                     and p.uuid = s.parent_uuid)
            union
            select c.file_id, c.line_no, c.uuid, w.root_line
            from walk w join sc c on c.file_id = w.file_id and c.parent_uuid = w.uuid
                                 and c.line_no > w.line_no
        )
        select file_id, line_no, min(root_line) as root_line from walk group by all
    """)
    conn.execute("""
        update cc_lines l set session_id = l.raw_session_id || ':sidechain-' || r.uuid
        from (select w.file_id, w.line_no, root.uuid
              from cc_sidechain_roots w
              join cc_lines root on root.file_id = w.file_id and root.line_no = w.root_line) r
        where l.file_id = r.file_id and l.line_no = r.line_no
    """)


def _duplicates(conn: duckdb.DuckDBPyConnection) -> None:
    """3. Duplicates by uuid, only inside a session. In one file, later copies of a uuid are skipped
    (the CLI rewrites lines on resume). Across files, a line is skipped only when the very same record
    (same bytes) is in another file of its session that owns the session more (the file named
    after the session, then the one with more of its lines): never across sessions, and a different
    record that reuses the uuid (a broken or edited copy) is kept, in its own file; landing keeps the
    two files' sessions apart and says so in raw.files. The work runs over keys only."""
    conn.execute("""
        create or replace temp table cc_dups as
        with keyed as (
            select file_id, line_no, rtype, session_id, uuid,
                   row_number() over (partition by file_id, session_id, uuid order by line_no) as nth
            from cc_lines where value_error is null and uuid is not null
        ),
        -- only uuids that several files hold pay for reading and hashing their lines again
        shared as (
            select session_id, uuid from keyed group by all having count(distinct file_id) > 1
        ),
        candidates as (
            select k.*, md5(b.line) as line_hash
            from (select * from keyed where nth = 1) k
            semi join shared using (session_id, uuid)
            join batch_lines b using (file_id, line_no)
        ),
        file_rank as (
            select session_id, file_id,
                   row_number() over (partition by session_id
                                      order by bool_or(ends_with(path, session_id || '.jsonl')) desc,
                                               count(*) desc, min(path)) as owner_rank
            from cc_lines where session_id in (select session_id from shared)
            group by session_id, file_id
        ),
        ranked as (select c.*, r.owner_rank from candidates c join file_rank r using (session_id, file_id))
        select file_id, line_no, rtype, 'duplicate of an earlier ' || rtype || ' record (same uuid)' as reason
        from keyed where nth > 1
        union all
        select a.file_id, a.line_no, a.rtype,
               'duplicate of the same ' || a.rtype || ' record in another file of its session'
        from ranked a
        where exists (
            select 1 from ranked b
            where b.session_id = a.session_id and b.uuid = a.uuid and b.line_hash = a.line_hash
              and b.owner_rank < a.owner_rank)
    """)


def _blocks(conn: duckdb.DuckDBPyConnection) -> None:
    """4. Content blocks of array-content lines, each with its fields; a wrongly typed block
    quarantines its whole line. Then the lines that produce events: well-formed, not a duplicate."""
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
            select file_id, line_no, blk, idx, {B.extract("blk")} as bv
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
    conn.execute("""
        create or replace temp view cc_ok as
        select * from cc_lines
        anti join cc_line_errors using (file_id, line_no)
        anti join cc_dups using (file_id, line_no)
    """)


def _events_raw(conn: duckdb.DuckDBPyConnection) -> None:
    """5. Events, one per string content, system record or content block. Exit codes: the exit
    code of a background shell when BashOutput reports one (null while it runs); "Exit code N"
    starting the content of a failed Bash result; else 0 for a Bash result (stdout/stderr in
    toolUseResult) that did not fail."""
    conn.execute(f"""
        create or replace temp table cc_events_raw as
        -- string content on user / assistant lines
        select l.file_id, l.line_no, 0 as sub_index, l.rtype,
               case when l.rtype = 'assistant' then 'assistant_text'
                    else {_user_kind("(l.content ->> '$')")} end as kind,
               l.content ->> '$' as text, 'none' as reasoning_visibility,
               null::varchar as tool_name, null::varchar as tool_call_id, null::varchar as tool_input,
               null::varchar as tool_output, null::boolean as is_error, null::integer as exit_code,
               null::varchar as task_prompt
        from cc_ok l
        where l.content_type = 'VARCHAR'
        union all
        -- system records
        select l.file_id, l.line_no, 0, l.rtype, 'system', coalesce(l.system_content, l.subtype, 'system'),
               'none', null, null, null, null, null, null, null
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
                       when 'text' then {_user_kind(B.s("text"))}
                       when 'tool_result' then 'tool_result' end
               end as kind,
               case {BTYPE} when 'text' then {B.s("text")} when 'thinking' then {B.s("thinking")} end,
               case when {BTYPE} = 'redacted_thinking' then 'encrypted'
                    when {BTYPE} = 'thinking' and coalesce({B.s("thinking")}, '') = '' then 'empty'
                    when {BTYPE} = 'thinking' then 'plain'
                    else 'none' end,
               case when {BTYPE} = 'tool_use' then {B.s("name")} end,
               case {BTYPE} when 'tool_use' then {B.s("id")} when 'tool_result' then {B.s("tool_use_id")} end,
               case when {BTYPE} <> 'tool_use' then null
                    when json_type({B["input"]}) = 'VARCHAR' then {B.s("input")}
                    else {B["input"]}::varchar end,
               tool_output, is_error,
               case when {BTYPE} <> 'tool_result' or (l.shell_running and n_results = 1) then null
                    else coalesce(
                        case when n_results = 1 then l.shell_exit_code end,
                        try_cast(regexp_extract(tool_output, '^Exit code (-?[0-9]+)', 1) as integer),
                        case when l.has_shell_output and not is_error and n_results = 1 then 0 end)
               end,
               case when {BTYPE} = 'tool_use' and {B.s("name")} in {sql_in(SUBAGENT_TOOLS)}
                    then {B.s("input.prompt")} end
        from cc_ok l
        join (
            select *,
                   case when {BTYPE} <> 'tool_result' then null
                        when json_type({B["content"]}) = 'ARRAY' then array_to_string(list_transform(
                            list_filter({B["content"]}::json[], lambda x: x ->> '$.type' = 'text'),
                            lambda x: x ->> '$.text'), chr(10))
                        else {B.s("content")} end as tool_output,
                   case when {BTYPE} = 'tool_result' then coalesce({B["is_error"]}::boolean, false) end
                       as is_error,
                   count(*) filter ({BTYPE} = 'tool_result') over (partition by file_id, line_no)
                       as n_results
            from cc_blocks
        ) b using (file_id, line_no)
        where kind is not null
    """)


def _event_keys(conn: duckdb.DuckDBPyConnection) -> None:
    """6. Event ids and token usage. Usage goes on the first event of an API response only; streamed
    lines repeat usage with a growing output count, so the largest is final. Window work runs over
    keys only, not over the wide text columns."""
    conn.execute("""
        create or replace temp table cc_event_keys as
        select file_id, line_no, sub_index,
               coalesce(uuid, file_id || ':' || line_no)
                   || case when row_number() over (partition by file_id, line_no order by sub_index) = 1
                           then '' else ':' || sub_index end as event_id,
               case when response_key is not null and row_number() over response_order = 1
                    then max(input_tokens) over response end as input_tokens,
               case when response_key is not null and row_number() over response_order = 1
                    then max(cached_input_tokens) over response end as cached_input_tokens,
               case when response_key is not null and row_number() over response_order = 1
                    then max(cache_creation_input_tokens) over response end as cache_creation_input_tokens,
               case when response_key is not null and row_number() over response_order = 1
                    then max(output_tokens) over response end as output_tokens
        from (
            select e.file_id, e.line_no, e.sub_index, l.session_id, l.uuid, l.input_tokens,
                   l.cached_input_tokens, l.cache_creation_input_tokens, l.output_tokens,
                   case when l.rtype = 'assistant'
                        then coalesce(l.message_id, e.file_id || ':' || e.line_no) || '|'
                             || coalesce(l.request_id, '') end as response_key
            from cc_events_raw e join cc_lines l using (file_id, line_no)
        )
        window response as (partition by session_id, response_key),
               response_order as (response order by file_id, line_no, sub_index)
    """)


def _sidechain_links(conn: duckdb.DuckDBPyConnection) -> None:
    """7. The Task call that started each inline sidechain: the parent session's subagent call with
    the same prompt as the sidechain's first user line, else the latest subagent call before it.
    The sidechain's first event takes that call's event id as its parent."""
    conn.execute("""
        create or replace temp table cc_sidechain_links as
        with roots as (
            select distinct l.file_id, r.root_line as line_no, l.raw_session_id,
                   first(e.text order by e.sub_index) as prompt
            from cc_sidechain_roots r
            join cc_lines l on l.file_id = r.file_id and l.line_no = r.root_line
            left join cc_events_raw e on e.file_id = l.file_id and e.line_no = l.line_no
                                      and e.kind = 'user_message'
            group by all
        ),
        calls as (
            select e.file_id, e.line_no, l.session_id, e.task_prompt, k.event_id
            from cc_events_raw e
            join cc_lines l using (file_id, line_no)
            join cc_event_keys k using (file_id, line_no, sub_index)
            where e.kind = 'tool_call' and e.task_prompt is not null
        )
        select r.file_id, r.line_no, coalesce(by_prompt.event_id, latest.event_id) as task_event_id
        from roots r
        asof left join calls by_prompt
            on by_prompt.file_id = r.file_id and by_prompt.session_id = r.raw_session_id
           and by_prompt.task_prompt = r.prompt and r.line_no >= by_prompt.line_no
        asof left join calls latest
            on latest.file_id = r.file_id and latest.session_id = r.raw_session_id
           and r.line_no >= latest.line_no
    """)


def _p_events(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(f"""
        create or replace temp table p_events as
        with tool_names as (
            select l.session_id, e.tool_call_id, min(e.tool_name) as tool_name
            from cc_events_raw e join cc_lines l using (file_id, line_no)
            where e.kind = 'tool_call' and e.tool_call_id is not null
            group by all
        )
        select {
        p_events_columns(
            {
                "session_id": "l.session_id",
                "event_id": "k.event_id",
                "parent_event_id": "case when e.sub_index = first_sub then coalesce(sl.task_event_id, l.parent_uuid) "
                "else l.parent_uuid end",
                "ts": "l.ts",
                "kind": "e.kind",
                "text": "e.text",
                "reasoning_visibility": "e.reasoning_visibility",
                "tool_name": "coalesce(e.tool_name, n.tool_name)",
                "tool_call_id": "e.tool_call_id",
                "tool_input": "e.tool_input",
                "tool_output": "e.tool_output",
                "is_error": "e.is_error",
                "exit_code": "e.exit_code",
                "input_tokens": "k.input_tokens",
                "cached_input_tokens": "k.cached_input_tokens",
                "cache_creation_input_tokens": "k.cache_creation_input_tokens",
                "output_tokens": "k.output_tokens",
                "model": "l.model",
                "file_id": "e.file_id",
                "line_no": "e.line_no",
                "sub_index": "e.sub_index",
            }
        )
    }
        from (select *, min(sub_index) over (partition by file_id, line_no) as first_sub
              from cc_events_raw) e
        join cc_lines l using (file_id, line_no)
        join cc_event_keys k using (file_id, line_no, sub_index)
        left join cc_sidechain_links sl using (file_id, line_no)
        left join tool_names n on e.kind = 'tool_result' and n.session_id = l.session_id
                               and n.tool_call_id = e.tool_call_id
    """)


def _p_rejects(conn: duckdb.DuckDBPyConnection) -> None:
    """8. Rejects: broken lines quarantined, the rest of the lines without events skipped, each
    with a reason naming the record type."""
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
        select file_id, line_no, 'skip', reason from cc_dups
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


def _p_sessions(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(f"""
        create or replace temp table p_sessions as
        select
            session_id,
            '{SOURCE_FORMAT}' as source_format,
            'claude_code' as agent,
            arg_min(version, line_no) filter (version is not null) as agent_version,
            arg_min(model, line_no) filter (model is not null) as model,
            any_value(case when session_id <> raw_session_id then raw_session_id end) as parent_session_id,
            arg_min(cwd, line_no) filter (cwd is not null) as cwd,
            arg_min(git_branch, line_no) filter (git_branch is not null) as git_branch,
            min(ts) as started_at,
            max(ts) as ended_at,
            file_id
        from cc_ok
        group by session_id, file_id
    """)


STEPS = (
    _rows,
    _lines,
    _inline_sidechains,
    _duplicates,
    _blocks,
    _events_raw,
    _event_keys,
    _sidechain_links,
    _p_events,
    _p_rejects,
    _p_sessions,
)
TEMP_TABLES = (
    "cc_ok",
    "cc_rows",
    "cc_lines",
    "cc_sidechain_roots",
    "cc_dups",
    "cc_blocks",
    "cc_line_errors",
    "cc_events_raw",
    "cc_event_keys",
    "cc_sidechain_links",
)


def parse(conn: duckdb.DuckDBPyConnection) -> None:
    run_steps(conn, STEPS, TEMP_TABLES)


FORMAT = TranscriptFormat(
    source_format=SOURCE_FORMAT,
    agent="claude_code",
    description="Claude Code session JSONL (~/.claude/projects/*/<session>.jsonl, subagent files too)",
    parse=parse,
)
