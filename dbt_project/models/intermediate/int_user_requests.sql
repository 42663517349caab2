{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='session_id',
        on_schema_change='fail',
        pre_hook=["{{ stage_redo_sessions(detector_sessions()) }}", "{{ clear_redo_sessions() }}"],
    )
}}
-- One row per message the user wrote (kind user_message: never tool output or file content, so text
-- an agent reads cannot grant itself permission), with what it asks for (macros/user_requests.sql).
-- Scope guards in the detectors read it: an action counts as asked for only when an earlier user
-- message asks for that kind of action and names its target.
-- A fact of the session's events, incremental by landing as the detectors that read it are (the
-- sessions landed after its newest row's, every row of them replaced: macros/incremental.sql), not
-- by int_session_state: that waits for the text matcher, and the detectors with it.
select
    e.session_id,
    e.event_index,
    e.text,
    {{ user_asks('e.text', 'tests') }} as asks_test_change,
    {{ user_asks('e.text', 'ci') }} as asks_ci_change,
    {{ user_asks('e.text', 'force_push') }} as asks_force_push,
    {{ user_asks('e.text', 'delete') }} as asks_delete,
    {{ user_asks('e.text', 'send') }} as asks_send,
    s.file_landed_at
from {{ for_sessions(ref('stg_events')) }} as e
left join {{ ref('stg_sessions') }} as s on s.session_id = e.session_id
where e.kind = 'user_message' and coalesce(e.text, '') <> ''
