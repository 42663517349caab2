{{ config(materialized='view') }}
-- One row per (event, channel) text the rule pack reads: the input of the text-matching step
-- (pipelines/monitor/engine.py), so the matcher derives no fact itself. Channels:
--   reasoning, assistant_text, user_message: the event's text;
--   tool_input: the shell command of a shell call, the edited path of an edit (an edit tool's, and
--     every path a patch adds, updates or deletes, so path rules read Codex patches as they read
--     Claude Code's Edit/Write), else the raw arguments;
--   file_edit: the text an edit adds (int_file_edits.new_text), with its path;
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
select session_id, event_index, 'tool_output', null, coalesce(tool_output, text)
from events
where kind = 'tool_result' and coalesce(tool_output, text, '') <> ''
