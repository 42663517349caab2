{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ clear_changed_sessions() }}"],
    )
}}
-- depends_on: {{ ref('int_session_state') }}, {{ ref('stg_sessions') }}
-- One row per test run an agent launched, with its parsed counts and status.
select
    t.session_id,
    t.call_event_index,
    t.result_event_index,
    s.deployment,
    s.model,
    s.session_date,
    t.call_ts,
    t.tool_name,
    t.command,
    t.runner,
    t.framework,
    t.n_passed,
    t.n_failed,
    t.n_errors,
    t.n_skipped,
    t.exit_code,
    t.status
from {{ changed_only(ref('int_test_runs')) }} as t
inner join {{ ref('stg_sessions') }} as s on s.session_id = t.session_id
