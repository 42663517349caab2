{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='session_id',
        on_schema_change='fail',
    )
}}
-- One row per tool call, paired with its result: by tool_call_id inside the session, or, for calls
-- without an id, by the result's parent_event_id. A call with several results keeps the first one;
-- a call without a result (interrupted session) has has_result = false.
with sessions as (
    {{ sessions_to_process() }}
),

events as (
    select e.*, s.file_landed_at
    from {{ ref('stg_events') }} as e
    inner join sessions as s on s.session_id = e.session_id
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
        coalesce(by_id.event_index, by_parent.event_index) as result_event_index,
        coalesce(by_id.ts, by_parent.ts) as result_ts,
        coalesce(by_id.tool_output, by_parent.tool_output) as tool_output,
        coalesce(by_id.is_error, by_parent.is_error) as is_error,
        coalesce(by_id.exit_code, by_parent.exit_code) as exit_code,
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
)

select
    session_id,
    call_event_index,
    call_event_id,
    call_ts,
    tool_name,
    tool_call_id,
    tool_input,
    command,
    result_event_index,
    result_ts,
    tool_output,
    is_error,
    exit_code,
    result_event_index is not null as has_result,
    coalesce(is_error, false) or coalesce(exit_code <> 0, false) as is_failure,
    {{ cw_seconds_between('call_ts', 'result_ts') }} as duration_seconds,
    file_landed_at
from paired
