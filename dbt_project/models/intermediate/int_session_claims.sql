{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='session_id',
        on_schema_change='fail',
        pre_hook=["{{ stage_redo_sessions(detector_sessions()) }}", "{{ clear_redo_sessions() }}"],
    )
}}
-- One row per session whose agent said anything: what its last message claims and what it discloses
-- (int_turn_claims reads every turn's last message; this is the session's last of them).
-- Incremental by landing, as int_turn_claims and the detectors that read it are (the sessions landed
-- after its newest row's, every row of them replaced: macros/incremental.sql), not by
-- int_session_state: that waits for the text matcher, and the detectors with it.
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
    discloses_stub,
    file_landed_at
from {{ for_sessions(ref('int_turn_claims')) }}
where is_final
