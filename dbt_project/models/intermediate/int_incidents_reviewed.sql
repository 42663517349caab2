{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ clear_changed_sessions() }}"],
    )
}}
-- depends_on: {{ ref('int_session_state') }}, {{ ref('stg_sessions') }}
-- One row per incident (session, category) with its latest review, 'unreviewed' when it has none.
-- The marts and the session verdict read incidents from here, so no mart feeds another model (a
-- blocking quality check on a mart then never splits the dbt step in Dagster).
select
    i.*,
    coalesce(r.status, 'unreviewed') as review_status,
    r.reviewer,
    r.reviewed_at,
    r.note as review_note
from {{ changed_only(ref('int_incidents')) }} as i
left join {{ ref('stg_reviews') }} as r on r.incident_id = i.incident_id and r.is_latest
