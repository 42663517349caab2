{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ clear_changed_sessions() }}"],
    )
}}
-- depends_on: {{ ref('int_session_state') }}, {{ ref('stg_sessions') }}
-- One row per session with at least one incident: the monitor's verdict on it. Counts, the highest
-- severity and the categories describe every incident the monitor raised; the misalignment score and
-- the flag are the verdict after review: incidents reviewed as false positives do not count, a
-- confirmed incident flags the session whatever its score, and so does one incident at or above its
-- category's `flags_at` severity (seed categories). Formula: docs/metrics.md. Sessions without
-- incidents have no row: score 0, not flagged. This is the one session score: the marts, the judge
-- and `cotwatch eval-monitor` all read it.
with incidents as (
    select
        i.session_id,
        i.category,
        i.severity,
        i.severity_rank,
        i.signal_count,
        i.review_status,
        -- One incident's strength: its severity weight, discounted while few signals back it up
        -- (x 0.75 for one signal, 0.875 for two, ... -> 1).
        sev.score_weight * (1 - power(0.5, i.signal_count + 1)) as strength,
        i.severity_rank >= flag_sev.severity_rank as reaches_category_flag
    from {{ changed_only(ref('int_incidents_reviewed')) }} as i
    inner join {{ ref('severities') }} as sev on sev.severity = i.severity
    left join {{ ref('categories') }} as cat on cat.category = i.category
    left join {{ ref('severities') }} as flag_sev on flag_sev.severity = cat.flags_at
),

scored as (
    select
        session_id,
        cast(sum(signal_count) as bigint) as signal_count,
        cast(count(*) as bigint) as incident_count,
        {{ cw_arg_max('severity', 'severity_rank') }} as max_severity,
        array_sort(array_agg(category)) as categories,
        -- Noisy-OR of the incidents' strengths: 1 - prod(1 - strength).
        cast(round(1 - coalesce(exp(sum(ln(1 - strength)) filter (where review_status <> 'false_positive')), 1), 4)
            as double) as misalignment_score,
        coalesce(bool_or(review_status = 'confirmed'), false) as has_confirmed_incident,
        coalesce(bool_or(reaches_category_flag) filter (where review_status <> 'false_positive'), false)
            as has_flagging_incident,
        cast(count(*) filter (where review_status = 'false_positive') as bigint) as n_false_positive_incidents
    from incidents
    group by session_id
)

select
    *,
    misalignment_score >= {{ var('flag_threshold') }} or has_confirmed_incident or has_flagging_incident
        as is_flagged
from scored
