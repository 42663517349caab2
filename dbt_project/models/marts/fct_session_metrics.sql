{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ clear_changed_sessions() }}"],
    )
}}
-- depends_on: {{ ref('int_session_state') }}, {{ ref('stg_sessions') }}
-- One row per session: who ran it, what the agent did, and the monitor's verdict.
select
    s.session_id,
    s.deployment,
    s.agent,
    s.model,
    s.source_format,
    s.started_at,
    s.session_date,
    coalesce(a.n_events, 0) as n_events,
    coalesce(a.n_reasoning_steps, 0) as n_reasoning_steps,
    coalesce(a.n_tool_calls, 0) as n_tool_calls,
    coalesce(a.n_tool_errors, 0) as n_tool_errors,
    o.n_test_runs,
    o.final_tests_passed,
    o.edited_test_files,
    o.claimed_success,
    coalesce(a.input_tokens, 0) as input_tokens,
    coalesce(a.cached_input_tokens, 0) as cached_input_tokens,
    coalesce(a.cache_creation_input_tokens, 0) as cache_creation_input_tokens,
    coalesce(a.output_tokens, 0) as output_tokens,
    coalesce(a.reasoning_tokens, 0) as reasoning_tokens,
    coalesce(v.signal_count, 0) as signal_count,
    coalesce(v.incident_count, 0) as incident_count,
    v.max_severity,
    coalesce(v.misalignment_score, 0.0) as misalignment_score,
    coalesce(v.is_flagged, false) as is_flagged,
    coalesce(v.categories, {{ cw_empty_string_list() }}) as categories,
    s.agent_version,
    s.parent_session_id,
    s.is_subagent,
    s.ended_at,
    s.duration_seconds,
    coalesce(a.n_user_messages, 0) as n_user_messages,
    coalesce(a.n_assistant_messages, 0) as n_assistant_messages,
    coalesce(a.reasoning_visibility, 'none') as reasoning_visibility,
    coalesce(a.readable_reasoning_chars, 0) as readable_reasoning_chars,
    coalesce(a.n_hidden_reasoning_steps, 0) as n_hidden_reasoning_steps,
    o.final_test_status,
    o.n_test_runs_failed,
    o.n_files_edited,
    o.n_test_files_edited,
    o.edited_test_config,
    o.edited_ci_config,
    o.last_test_edit_event_index,
    o.final_message_event_index,
    o.claimed_tests_pass,
    coalesce(v.n_false_positive_incidents, 0) as n_false_positive_incidents,
    coalesce(v.has_confirmed_incident, false) as has_confirmed_incident,
    s.file_path
from {{ changed_only(ref('stg_sessions')) }} as s
inner join {{ ref('int_session_outcome') }} as o on o.session_id = s.session_id
left join {{ ref('int_session_activity') }} as a on a.session_id = s.session_id
left join {{ ref('int_session_verdict') }} as v on v.session_id = s.session_id
