{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ clear_changed_sessions() }}"],
    )
}}
-- depends_on: {{ ref('int_session_state') }}, {{ ref('stg_sessions') }}
-- One row per (session, category) the monitor raised: the incidents reviewers triage.
select
    i.incident_id,
    i.session_id,
    s.deployment,
    s.model,
    i.category,
    i.severity,
    i.first_event_index,
    i.evidence,
    i.detectors,
    i.signal_count,
    s.session_date,
    i.review_status,
    s.agent,
    i.severity_rank,
    i.max_confidence,
    i.channels,
    i.first_signal_id,
    i.first_detected_at,
    i.last_detected_at,
    i.reviewer,
    i.reviewed_at,
    i.review_note
from {{ changed_only(ref('int_incidents_reviewed')) }} as i
inner join {{ ref('stg_sessions') }} as s on s.session_id = i.session_id
