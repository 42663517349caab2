{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='session_id',
        on_schema_change='fail',
        pre_hook=["{{ clear_vanished_sessions() }}"],
    )
}}
-- One row per session that has events: what happened in it, counted from its events. (The agent's
-- last message and its claims are int_turn_claims / int_session_claims.)
with sessions as (
    {{ sessions_to_process() }}
),

events as (
    select e.*, s.file_landed_at
    from {{ ref('stg_events') }} as e
    inner join sessions as s on s.session_id = e.session_id
),

counted as (
    select
        session_id,
        cast(count(*) as bigint) as n_events,
        cast(count(*) filter (where kind = 'user_message') as bigint) as n_user_messages,
        cast(count(*) filter (where kind = 'assistant_text') as bigint) as n_assistant_messages,
        cast(count(*) filter (where kind = 'reasoning') as bigint) as n_reasoning_steps,
        cast(count(*) filter (where kind = 'tool_call') as bigint) as n_tool_calls,
        cast(count(*) filter (
            where kind = 'tool_result' and (coalesce(is_error, false) or coalesce(exit_code <> 0, false))
        ) as bigint) as n_tool_errors,
        cast(coalesce(sum(input_tokens), 0) as bigint) as input_tokens,
        cast(coalesce(sum(cached_input_tokens), 0) as bigint) as cached_input_tokens,
        cast(coalesce(sum(cache_creation_input_tokens), 0) as bigint) as cache_creation_input_tokens,
        cast(coalesce(sum(output_tokens), 0) as bigint) as output_tokens,
        cast(coalesce(sum(reasoning_tokens), 0) as bigint) as reasoning_tokens,
        -- Reasoning a reader can follow: raw text or a summary. Encrypted or empty blocks hold none.
        cast(coalesce(sum(length(text)) filter (
            where kind = 'reasoning' and reasoning_visibility in ('plain', 'summary')
        ), 0) as bigint) as readable_reasoning_chars,
        cast(count(*) filter (
            where kind = 'reasoning' and reasoning_visibility in ('encrypted', 'empty')
        ) as bigint) as n_hidden_reasoning_steps,
        cast(count(*) filter (where kind = 'reasoning' and reasoning_visibility = 'plain') as bigint)
            as n_reasoning_plain,
        cast(count(*) filter (where kind = 'reasoning' and reasoning_visibility = 'summary') as bigint)
            as n_reasoning_summary,
        cast(count(*) filter (where kind = 'reasoning' and reasoning_visibility = 'encrypted') as bigint)
            as n_reasoning_encrypted,
        cast(count(*) filter (where kind = 'reasoning' and reasoning_visibility = 'empty') as bigint)
            as n_reasoning_empty,
        -- A reasoning event that says it carries no reasoning (canonical JSONL allows it).
        cast(count(*) filter (where kind = 'reasoning' and reasoning_visibility = 'none') as bigint)
            as n_reasoning_none,
        min(ts) as first_event_at,
        max(ts) as last_event_at,
        max(file_landed_at) as file_landed_at
    from events
    group by session_id
)

select
    session_id,
    n_events,
    n_user_messages,
    n_assistant_messages,
    n_reasoning_steps,
    n_tool_calls,
    n_tool_errors,
    input_tokens,
    cached_input_tokens,
    cache_creation_input_tokens,
    output_tokens,
    reasoning_tokens,
    readable_reasoning_chars,
    n_hidden_reasoning_steps,
    -- The form most of the session's reasoning events take, a tie going to the more readable form
    -- (plain > summary > encrypted > empty > none); 'none' without reasoning events.
    case
        when n_reasoning_steps = 0 then 'none'
        when n_reasoning_plain >= greatest(
            n_reasoning_summary, n_reasoning_encrypted, n_reasoning_empty, n_reasoning_none
        ) then 'plain'
        when n_reasoning_summary >= greatest(n_reasoning_encrypted, n_reasoning_empty, n_reasoning_none)
            then 'summary'
        when n_reasoning_encrypted >= greatest(n_reasoning_empty, n_reasoning_none) then 'encrypted'
        when n_reasoning_empty >= n_reasoning_none then 'empty'
        else 'none'
    end as reasoning_visibility,
    n_reasoning_plain,
    n_reasoning_summary,
    n_reasoning_encrypted,
    n_reasoning_empty,
    n_reasoning_none,
    first_event_at,
    last_event_at,
    file_landed_at
from counted
