{{ config(materialized='view') }}
-- One row per (event, channel) text the rule pack reads: the input of the text-matching step
-- (pipelines/monitor/engine.py), so the matcher derives no fact itself. Channels:
--   reasoning, assistant_text, user_message: the event's text;
--   tool_input: the shell command of a shell call, the edited path of an edit (an edit tool's, and
--     every path a patch adds, updates or deletes, so path rules read Codex patches as they read
--     Claude Code's Edit/Write), else the raw arguments;
--   file_edit: the text an edit adds (int_file_edits.new_text), with its path;
--   tool_input also: the text of a script the agent wrote and a later command ran (`bash x.sh`,
--     `./x.sh`, `python tools/x.py`, `psql -f reset.sql`; a Makefile, justfile or package.json edit
--     before `make`, `just`, `npm run`, and the files such an edit names): running a script runs its
--     commands, so the command rules read them at the edit (without the edit's path, so every
--     command rule reads it);
--   tool_output: a tool result's output.
-- Span offsets of rule hits are character offsets into `text`. A view: it costs no storage, and the
-- matcher reads only the sessions it rescans.
with events as (
    select session_id, event_index, kind, text, tool_output
    from {{ ref('stg_events') }}
),

edit_calls as (
    select distinct session_id, call_event_index
    from {{ ref('int_file_edits') }}
    where edit_source = 'edit_tool'
),

-- what later commands run: script files by name (`bash x.sh`, `./x.sh`, `python tools/x.py`,
-- `psql -f reset.sql`), the runners of Makefiles, justfiles and package.json scripts, and the files
-- such a runner file names (a Makefile target's `psql -f db/reset.sql`, a postinstall's
-- `node scripts/diag.js`). Constant patterns, joined on the name: no per-row regex.
direct_runs as (
    select session_id, call_event_index,
        {{ cw_unnest("regexp_extract_all(command, '(?:^|[\\s;&|(])(?:(?:ba|z)?sh|python[0-9.]*|node|ruby|perl|php|bun|deno\\s+run|tsx|ts-node|source|\\.)\\s+(?:-\\S+\\s+)*(?:\\S*/)?([\\w.-]+\\.(?:sh|bash|zsh|py|js|mjs|cjs|ts|rb|pl|php))\\b', 1)") }} as runs_name
    from {{ ref('int_tool_calls') }}
    where command is not null
    union all
    select session_id, call_event_index,
        {{ cw_unnest("regexp_extract_all(command, '(?:^|[\\s;&|(])\\.?/(?:\\S*/)?([\\w.-]+\\.(?:sh|bash|zsh|py|js|mjs|cjs|ts|rb|pl|php))\\b', 1)") }}
    from {{ ref('int_tool_calls') }}
    where command is not null
    union all
    select session_id, call_event_index,
        {{ cw_unnest("regexp_extract_all(command, '\\b(?:psql|mysql|sqlite3|duckdb|mariadb)\\b[^;&|\\n]*(?:-f\\s*|--file[= ]|<\\s*)(?:\\S*/)?([\\w.-]+\\.sql)\\b', 1)") }}
    from {{ ref('int_tool_calls') }}
    where command is not null
),

runner_runs as (
    select session_id, call_event_index,
        case
            when regexp_matches(command, '(?:^|[\s;&|(])make(?:\s|$)') then 'Makefile'
            when regexp_matches(command, '(?:^|[\s;&|(])just(?:\s|$)') then 'justfile'
            else 'package.json'
        end as runs_name
    from {{ ref('int_tool_calls') }}
    where command is not null
        and regexp_matches(command, '(?:^|[\s;&|(])(?:make|just)(?:\s|$)|(?:^|[\s;&|(])(?:npm|pnpm|yarn|bun)\s+(?:run\s+\S+|test|start|install|i|ci)\b')
),

edits_by_name as (
    select session_id, call_event_index, new_text,
        case when regexp_matches(path, '(?:^|/)(?:GNUmakefile|[Mm]akefile|[\w.-]+\.mk)$') then 'Makefile'
            else regexp_replace(path, '^.*/', '') end as name
    from {{ ref('int_file_edits') }}
    where edit_op in ('edit', 'write', 'add', 'update') and coalesce(new_text, '') <> ''
),

-- the script and SQL files a runner file the agent edited names, run when the runner is
runner_refs as (
    select r.session_id, r.call_event_index,
        {{ cw_unnest("regexp_extract_all(e.new_text, '(?:^|[\\s\"''=/(])([\\w.-]+\\.(?:sh|bash|zsh|py|js|mjs|cjs|ts|rb|pl|php|sql))\\b', 1)") }} as runs_name
    from edits_by_name as e
    inner join runner_runs as r
        on r.session_id = e.session_id and r.call_event_index > e.call_event_index and r.runs_name = e.name
),

runs as (
    select * from direct_runs
    union all
    select * from runner_runs
    union all
    select * from runner_refs
),

-- a script written in the session, then run by a later command
scripts_run as (
    select distinct e.session_id, e.call_event_index, e.new_text
    from edits_by_name as e
    inner join runs as r
        on r.session_id = e.session_id and r.call_event_index > e.call_event_index and r.runs_name = e.name
)

select session_id, event_index, kind as channel, cast(null as varchar) as path, text
from events
where kind in ('reasoning', 'assistant_text', 'user_message') and coalesce(text, '') <> ''
union all
select
    t.session_id,
    t.call_event_index,
    'tool_input',
    case when e.session_id is not null then t.named_path end,
    coalesce(t.command, case when e.session_id is not null then t.named_path end,
             case when not t.carries_patch then t.tool_input end)
from {{ ref('int_tool_calls') }} as t
left join edit_calls as e on e.session_id = t.session_id and e.call_event_index = t.call_event_index
where coalesce(t.command, case when e.session_id is not null then t.named_path end,
               case when not t.carries_patch then t.tool_input end) is not null
union all
select distinct session_id, call_event_index, 'tool_input', path, path
from {{ ref('int_file_edits') }}
where edit_source = 'patch'
union all
select session_id, call_event_index, 'file_edit', path, new_text
from {{ ref('int_file_edits') }}
where edit_op in ('edit', 'write', 'add', 'update') and coalesce(new_text, '') <> ''
union all
select session_id, call_event_index, 'tool_input', null, new_text
from scripts_run
union all
select session_id, event_index, 'tool_output', null, coalesce(tool_output, text)
from events
where kind = 'tool_result' and coalesce(tool_output, text, '') <> ''
