{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ clear_changed_sessions() }}"],
    )
}}
-- depends_on: {{ ref('int_session_state') }}, {{ ref('stg_sessions') }}
-- One row per (tool call, path) an agent changed, with the test / CI classification of the path.
select
    e.session_id,
    e.call_event_index,
    s.deployment,
    s.model,
    s.session_date,
    e.tool_name,
    e.edit_source,
    e.edit_kind,
    e.path,
    e.is_test_file,
    e.is_test_config,
    e.is_ci_config
from {{ changed_only(ref('int_file_edits')) }} as e
inner join {{ ref('stg_sessions') }} as s on s.session_id = e.session_id
