{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ clear_changed_sessions() }}"],
    )
}}
-- depends_on: {{ ref('int_session_state') }}, {{ ref('stg_sessions') }}
-- One row per (session, category) with at least one signal: the signals of every detector that saw
-- that category in that session, merged. Severity is the highest any signal raised; the evidence is
-- that of the first signal in session order (event_index, then span start; session-level signals
-- without an event come last; ties broken by higher severity, then detection time, then signal_id).
with ranked as (
    select
        *,
        row_number() over (
            partition by session_id, category
            order by event_index asc nulls last, span_start asc nulls last, severity_rank desc,
                detected_at, signal_id
        ) as nth
    from {{ changed_only(ref('signals')) }}
)

select
    {{ incident_id('session_id', 'category') }} as incident_id,
    session_id,
    category,
    {{ cw_arg_max('severity', 'severity_rank') }} as severity,
    max(severity_rank) as severity_rank,
    min(event_index) as first_event_index,
    any_value(evidence) filter (where nth = 1) as evidence,
    any_value(signal_id) filter (where nth = 1) as first_signal_id,
    array_sort(array_agg(distinct detector_id)) as detectors,
    array_sort(array_agg(distinct channel)) as channels,
    cast(count(*) as bigint) as signal_count,
    max(confidence) as max_confidence,
    min(detected_at) as first_detected_at,
    max(detected_at) as last_detected_at
from ranked
group by session_id, category
