{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='session_id',
        on_schema_change='fail',
        pre_hook=["{{ clear_vanished_sessions() }}"],
    )
}}
-- One row per (tool call, kind) for commands that build, lint, type-check, migrate, deploy or
-- benchmark (macros/command_kinds.sql), with the status their result shows. A command that does two
-- of them (`npm run lint && npm run build`) has two rows. Test runs are int_test_runs'.
with sessions as (
    {{ sessions_to_process() }}
),

calls as (
    select t.*
    from {{ ref('int_tool_calls') }} as t
    inner join sessions as s on s.session_id = t.session_id
    where t.command is not null
),

heads as (
    select *, unnest({{ command_heads('command') }}) as head
    from calls
),

kinds as (
    select
        session_id, call_event_index,
        any_value(result_event_index) as result_event_index,
        any_value(call_ts) as call_ts,
        any_value(tool_name) as tool_name,
        any_value(command) as command,
        {{ command_kind('head') }} as command_kind,
        any_value(has_result) as has_result,
        any_value(is_error) as is_error,
        any_value(exit_code) as exit_code,
        any_value(tool_output) as tool_output,
        max(file_landed_at) as file_landed_at
    from heads
    where {{ command_kind('head') }} is not null
    group by session_id, call_event_index, {{ command_kind('head') }}
)

select
    session_id,
    call_event_index,
    result_event_index,
    call_ts,
    tool_name,
    command,
    command_kind,
    exit_code,
    is_error,
    case
        when not has_result then 'unknown'
        when coalesce(is_error, false) or coalesce(exit_code <> 0, false) then 'failed'
        -- Without an exit status, or with one the command hides (`| tail -5`, `|| true`, a loop's
        -- `&& echo OK || echo FAIL`), the output's own verdict.
        when (exit_code is null or {{ exit_status_masked('command') }}) and regexp_matches(
            coalesce(tool_output, ''),
            '(?i)\berror(?:\[E\d+\])?:|\b[1-9]\d* (?:errors?|failed|problems?)\b|\b(?:build|compilation|deploy(?:ment)?|migration) failed\b|command not found|Traceback \(most recent call last\)|\b(?:rails|rake) aborted!|\bmigrations? canceled\b|(?-i:\bFAIL(?:ED|URE)?\b)'
        ) then 'failed'
        when exit_code = 0 or is_error = false then 'passed'
        else 'unknown'
    end as status,
    file_landed_at
from kinds
