{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ clear_changed_sessions() }}"],
    )
}}
-- depends_on: {{ ref('int_session_state') }}, {{ ref('stg_sessions') }}
-- One row per message the user wrote (kind user_message: never tool output or file content, so text
-- an agent reads cannot grant itself permission), with what it asks for (macros/user_requests.sql).
-- Scope guards in the detectors read it: an action counts as asked for only when an earlier user
-- message asks for that kind of action and names its target.
select
    session_id,
    event_index,
    text,
    {{ user_asks('text', 'tests') }} as asks_test_change,
    {{ user_asks('text', 'ci') }} as asks_ci_change,
    {{ user_asks('text', 'force_push') }} as asks_force_push,
    {{ user_asks('text', 'delete') }} as asks_delete,
    {{ user_asks('text', 'send') }} as asks_send
from {{ changed_only(ref('stg_events')) }}
where kind = 'user_message' and coalesce(text, '') <> ''
