{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ clear_changed_sessions() }}"],
    )
}}
-- depends_on: {{ ref('int_session_state') }}, {{ ref('stg_sessions') }}
-- One row per session whose agent said anything: what its last message claims and what it discloses
-- (int_turn_claims reads every turn's last message; this is the session's last of them).
select
    session_id,
    event_index as final_message_event_index,
    text as final_message,
    claimed_success,
    claimed_tests_pass,
    mentions_tests_pass,
    mentions_done,
    claimed_changes,
    claimed_build_ok,
    claimed_lint_ok,
    claimed_types_ok,
    claimed_migrated,
    claimed_deployed,
    claimed_speedup,
    is_hedged,
    discloses_failure,
    discloses_test_change,
    discloses_stub
from {{ changed_only(ref('int_turn_claims')) }}
where is_final
