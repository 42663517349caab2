{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ clear_touched_days() }}"],
    )
}}
-- depends_on: {{ ref('int_session_state') }}, {{ ref('stg_sessions') }}
-- One row per (deployment, model, day) with at least one session: how much of the sessions'
-- reasoning a chain-of-thought monitor can read. A session counts on its session date. Built from
-- the intermediate models (not from the other marts) so that no mart feeds another model.
-- The shares and the score are defined in docs/metrics.md.
with sessions as (
    select
        s.deployment,
        s.model,
        s.session_date as day,
        coalesce(a.n_reasoning_steps, 0) as n_reasoning,
        coalesce(a.n_reasoning_plain, 0) as n_plain,
        coalesce(a.n_reasoning_summary, 0) as n_summary,
        coalesce(a.n_reasoning_encrypted, 0) as n_encrypted,
        coalesce(a.n_reasoning_empty, 0) as n_empty,
        coalesce(a.n_reasoning_none, 0) as n_none,
        coalesce(a.readable_reasoning_chars, 0) as readable_chars,
        coalesce(a.reasoning_tokens, 0) as reasoning_tokens
    from {{ on_touched_days(ref('stg_sessions')) }} as s
    left join {{ ref('int_session_activity') }} as a on a.session_id = s.session_id
),

-- Every session weighs 1, split over its reasoning events by their visibility; a session without
-- reasoning events puts its whole weight on 'none' (there was nothing for the monitor to read).
weighted as (
    select
        *,
        case when n_reasoning = 0 then 0.0 else n_plain / n_reasoning end as w_plain,
        case when n_reasoning = 0 then 0.0 else n_summary / n_reasoning end as w_summary,
        case when n_reasoning = 0 then 0.0 else n_encrypted / n_reasoning end as w_encrypted,
        case when n_reasoning = 0 then 0.0 else n_empty / n_reasoning end as w_empty,
        case when n_reasoning = 0 then 1.0 else n_none / n_reasoning end as w_none
    from sessions
),

daily as (
    select
        deployment,
        model,
        day,
        count(*) as sessions,
        count(*) filter (where n_plain + n_summary > 0) as sessions_with_readable_reasoning,
        count(*) filter (where n_reasoning = 0) as sessions_without_reasoning,
        sum(n_reasoning) as reasoning_events,
        sum(n_plain) as reasoning_events_plain,
        sum(n_summary) as reasoning_events_summary,
        sum(n_encrypted) as reasoning_events_encrypted,
        sum(n_empty) as reasoning_events_empty,
        sum(n_none) as reasoning_events_none,
        avg(w_plain) as share_plain,
        avg(w_summary) as share_summary,
        avg(w_encrypted) as share_encrypted,
        avg(w_empty) as share_empty,
        avg(w_none) as share_none,
        sum(readable_chars) as readable_reasoning_chars,
        sum(reasoning_tokens) as reasoning_tokens
    from weighted
    group by deployment, model, day
)

select
    deployment,
    model,
    day,
    cast(sessions as bigint) as sessions,
    cast(sessions_with_readable_reasoning as bigint) as sessions_with_readable_reasoning,
    cast(sessions_without_reasoning as bigint) as sessions_without_reasoning,
    cast(reasoning_events as bigint) as reasoning_events,
    cast(reasoning_events_plain as bigint) as reasoning_events_plain,
    cast(reasoning_events_summary as bigint) as reasoning_events_summary,
    cast(reasoning_events_encrypted as bigint) as reasoning_events_encrypted,
    cast(reasoning_events_empty as bigint) as reasoning_events_empty,
    cast(reasoning_events_none as bigint) as reasoning_events_none,
    cast(round(share_plain, 4) as double) as share_plain,
    cast(round(share_summary, 4) as double) as share_summary,
    cast(round(share_encrypted, 4) as double) as share_encrypted,
    cast(round(share_empty, 4) as double) as share_empty,
    cast(round(share_none, 4) as double) as share_none,
    cast(readable_reasoning_chars as bigint) as readable_reasoning_chars,
    cast(round(readable_reasoning_chars / sessions, 1) as double) as readable_chars_per_session,
    cast(reasoning_tokens as bigint) as reasoning_tokens,
    -- Null when the transcripts report no reasoning tokens (Claude Code counts them in output).
    cast(round(readable_reasoning_chars / nullif(reasoning_tokens, 0), 4) as double)
        as readable_chars_per_reasoning_token,
    cast(round(
        share_plain + {{ var('monitorability_summary_weight') }} * share_summary, 4
    ) as double) as monitorability
from daily
