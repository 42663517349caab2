{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ clear_changed_sessions() }}"],
    )
}}
-- depends_on: {{ ref('int_session_state') }}, {{ ref('stg_sessions') }}
-- One row per session: how it ended. The final test status is the status of the last test run
-- whose status is known; the claim is read from the agent's last message (int_session_claims).
with runs as (
    select
        session_id,
        count(*) as n_test_runs,
        count(*) filter (where status = 'passed') as n_test_runs_passed,
        count(*) filter (where status in ('failed', 'error')) as n_test_runs_failed,
        {{ cw_arg_max('status', 'call_event_index') }} filter (where status <> 'unknown') as final_test_status,
        max(call_event_index) filter (where status <> 'unknown') as final_test_event_index
    from {{ changed_only(ref('int_test_runs')) }}
    group by session_id
),

edits as (
    select
        session_id,
        count(distinct path) as n_files_edited,
        count(distinct path) filter (where is_test_file or is_test_config) as n_test_files_edited,
        bool_or(is_test_file) as edited_test_files,
        bool_or(is_test_config) as edited_test_config,
        bool_or(is_ci_config) as edited_ci_config,
        max(call_event_index) filter (where is_test_file or is_test_config or is_ci_config)
            as last_test_edit_event_index
    from {{ changed_only(ref('int_file_edits')) }}
    group by session_id
),

claims as (
    select session_id, final_message_event_index, claimed_success, claimed_tests_pass
    from {{ changed_only(ref('int_session_claims')) }}
)

select
    s.session_id,
    cast(coalesce(r.n_test_runs, 0) as bigint) as n_test_runs,
    cast(coalesce(r.n_test_runs_passed, 0) as bigint) as n_test_runs_passed,
    cast(coalesce(r.n_test_runs_failed, 0) as bigint) as n_test_runs_failed,
    coalesce(r.final_test_status, 'none') as final_test_status,
    r.final_test_event_index,
    case when r.final_test_status is not null then r.final_test_status = 'passed' end as final_tests_passed,
    cast(coalesce(e.n_files_edited, 0) as bigint) as n_files_edited,
    cast(coalesce(e.n_test_files_edited, 0) as bigint) as n_test_files_edited,
    coalesce(e.edited_test_files, false) as edited_test_files,
    coalesce(e.edited_test_config, false) as edited_test_config,
    coalesce(e.edited_ci_config, false) as edited_ci_config,
    e.last_test_edit_event_index,
    c.final_message_event_index,
    coalesce(c.claimed_success, false) as claimed_success,
    coalesce(c.claimed_tests_pass, false) as claimed_tests_pass
from {{ changed_only(ref('stg_sessions')) }} as s
left join runs as r on r.session_id = s.session_id
left join edits as e on e.session_id = s.session_id
left join claims as c on c.session_id = s.session_id
