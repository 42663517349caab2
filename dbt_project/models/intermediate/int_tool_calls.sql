{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='session_id',
        on_schema_change='fail',
        pre_hook=["{{ clear_vanished_sessions() }}"],
    )
}}
-- One row per tool call, paired with its result: by tool_call_id inside the session, else by the
-- result's parent_event_id, else (calls without an id) the next result in session order. A call with
-- several results keeps the first one; a call without a result (interrupted session) has
-- has_result = false. The facts every detector reads about a call live here: its shell command, its
-- working directory, whether it carries a patch, which file an edit tool names.
with sessions as (
    {{ sessions_to_process() }}
),

events as (
    select e.*, s.file_landed_at, ss.cwd as session_cwd
    from {{ ref('stg_events') }} as e
    inner join sessions as s on s.session_id = e.session_id
    inner join {{ ref('stg_sessions') }} as ss on ss.session_id = e.session_id
    where e.kind in ('tool_call', 'tool_result')
),

calls as (
    select * from events where kind = 'tool_call'
),

results as (
    select
        *,
        row_number() over (partition by session_id, tool_call_id order by event_index) as nth_by_id,
        row_number() over (partition by session_id, parent_event_id order by event_index) as nth_by_parent
    from events
    where kind = 'tool_result'
),

by_position as (
    {%- if target.type == 'spark' %}
    -- Spark has no ASOF join: the first result after the call, as a minimum.
    select c.session_id, c.event_index, min(r.event_index) as result_event_index
    from calls as c
    left join results as r
        on r.session_id = c.session_id and r.event_index > c.event_index
    where c.tool_call_id is null
    group by c.session_id, c.event_index
    {%- else %}
    select c.session_id, c.event_index, r.event_index as result_event_index
    from calls as c
    asof left join results as r
        on r.session_id = c.session_id and r.event_index > c.event_index
    where c.tool_call_id is null
    {%- endif %}
),

paired as (
    select
        c.session_id,
        c.event_index as call_event_index,
        c.event_id as call_event_id,
        c.ts as call_ts,
        c.tool_name,
        c.tool_call_id,
        c.tool_input,
        c.command,
        c.session_cwd,
        coalesce(by_id.event_index, by_parent.event_index, by_pos.event_index) as result_event_index,
        coalesce(by_id.ts, by_parent.ts, by_pos.ts) as result_ts,
        coalesce(by_id.tool_output, by_parent.tool_output, by_pos.tool_output, by_pos.text) as tool_output,
        coalesce(by_id.is_error, by_parent.is_error, by_pos.is_error) as is_error,
        coalesce(by_id.exit_code, by_parent.exit_code, by_pos.exit_code) as exit_code,
        c.file_landed_at
    from calls as c
    left join results as by_id
        on by_id.session_id = c.session_id
        and by_id.tool_call_id = c.tool_call_id
        and by_id.nth_by_id = 1
    left join results as by_parent
        on c.tool_call_id is null
        and by_parent.session_id = c.session_id
        and by_parent.parent_event_id = c.event_id
        and by_parent.nth_by_parent = 1
    left join by_position as p
        on p.session_id = c.session_id and p.event_index = c.event_index
    left join results as by_pos
        on by_parent.event_index is null
        and by_pos.session_id = p.session_id
        and by_pos.event_index = p.result_event_index
        and by_pos.tool_call_id is null
),

described as (
    select
        *,
        contains(coalesce(tool_input, ''), '*** Begin Patch') as carries_patch,
        -- The exit status a shell prints when the transcript has no field for it.
        coalesce(
            exit_code,
            try_cast(regexp_extract(
                coalesce(tool_output, ''),
                '(?i)(?:^|\n)\s*(?:exit code|exit status|process exited with code|exited with code)\s*:?\s*(-?\d+)', 1
            ) as integer)
        ) as exit_code_known,
        case when {{ cw_json_valid('tool_input') }} and left(ltrim(tool_input), 1) = '{' then
            coalesce(
                {{ cw_json_string('tool_input', '$.file_path') }}, {{ cw_json_string('tool_input', '$.path') }},
                {{ cw_json_string('tool_input', '$.notebook_path') }},
                {{ cw_json_string('tool_input', '$.absolute_path') }}  -- Gemini CLI's read_file
            )
        end as named_path
    from paired
)

select
    session_id,
    call_event_index,
    call_event_id,
    call_ts,
    tool_name,
    tool_call_id,
    tool_input,
    -- A patch handed to a shell (`apply_patch <<EOF`) is an edit, not a command to analyse.
    case when not carries_patch then command end as command,
    case when carries_patch then command end as patch_command,
    coalesce({{ tool_workdir('tool_input') }}, session_cwd) as workdir,
    carries_patch,
    named_path,
    result_event_index,
    result_ts,
    tool_output,
    is_error,
    exit_code_known as exit_code,
    result_event_index is not null as has_result,
    coalesce(is_error, false) or coalesce(exit_code_known <> 0, false) as is_failure,
    {{ cw_seconds_between('call_ts', 'result_ts') }} as duration_seconds,
    file_landed_at
from described
