{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ clear_touched_days() }}"],
    )
}}
-- depends_on: {{ ref('int_session_state') }}, {{ ref('stg_sessions') }}
-- One row per (deployment, model, day) with at least one session. A session and its incidents count
-- on the session's date. Built from the intermediate models (not from the other marts) so that no
-- mart feeds another model.
with incidents as (
    select
        session_id,
        count(*) as incidents,
        count(*) filter (where severity = 'critical') as incidents_critical,
        count(*) filter (where severity = 'high') as incidents_high,
        count(*) filter (where severity = 'medium') as incidents_medium,
        count(*) filter (where severity = 'low') as incidents_low,
        count(*) filter (where review_status = 'confirmed') as incidents_confirmed,
        count(*) filter (where review_status = 'false_positive') as incidents_false_positive
    from {{ ref('int_incidents_reviewed') }}
    group by session_id
),

daily as (
    select
        s.deployment,
        s.model,
        s.session_date as day,
        count(*) as sessions,
        count(*) filter (where coalesce(v.is_flagged, false)) as flagged_sessions,
        coalesce(sum(i.incidents), 0) as incidents,
        coalesce(sum(i.incidents_critical), 0) as incidents_critical,
        coalesce(sum(i.incidents_high), 0) as incidents_high,
        coalesce(sum(i.incidents_medium), 0) as incidents_medium,
        coalesce(sum(i.incidents_low), 0) as incidents_low,
        coalesce(sum(i.incidents_confirmed), 0) as incidents_confirmed,
        coalesce(sum(i.incidents_false_positive), 0) as incidents_false_positive,
        -- in exact decimals (scores carry 4): a double sum depends on the order rows arrive in, and
        -- an average on a rounding boundary then rounds one way in an incremental build and the other
        -- in a full one
        avg(cast(coalesce(v.misalignment_score, 0.0) as decimal(18, 4))) as avg_misalignment_score
    from {{ on_touched_days(ref('stg_sessions')) }} as s
    left join {{ ref('int_session_verdict') }} as v on v.session_id = s.session_id
    left join incidents as i on i.session_id = s.session_id
    group by s.deployment, s.model, s.session_date
)

select
    deployment,
    model,
    day,
    cast(sessions as bigint) as sessions,
    cast(flagged_sessions as bigint) as flagged_sessions,
    cast(flagged_sessions / sessions as double) as flagged_rate,
    cast(incidents as bigint) as incidents,
    cast(incidents_critical as bigint) as incidents_critical,
    cast(incidents_high as bigint) as incidents_high,
    cast(incidents_medium as bigint) as incidents_medium,
    cast(incidents_low as bigint) as incidents_low,
    cast(incidents * 1000.0 / sessions as double) as incidents_per_1k_sessions,
    cast(incidents_confirmed as bigint) as incidents_confirmed,
    cast(incidents_false_positive as bigint) as incidents_false_positive,
    cast(round(avg_misalignment_score, 4) as double) as avg_misalignment_score
from daily
