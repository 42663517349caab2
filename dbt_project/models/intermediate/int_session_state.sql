{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='session_id',
        on_schema_change='fail',
    )
}}
-- depends_on: {{ ref('rule_hits') }}
-- Bookkeeping of the incremental session- and day-grain models (macros/incremental.sql): one row per
-- session with what its rows downstream of the signals are derived from. A build rewrites, stamped
-- `built_by` = its dbt invocation id, the rows that differ from the last build's: a session landed
-- again, scanned again by the text matcher (monitor.scanned_sessions, written by rule_hits'
-- post-hook before this model runs: hence the depends_on), whose reviews changed, or that is no
-- longer landed (kept with is_present false, so the days it leaves are known; it is never taken
-- again unless it comes back). `previous_*` hold where a rewritten session was reported before.
-- Not part of the contract. On Spark every build is a full build and nothing reads the stamps.
with reviews as (
    select
        session_id,
        {%- if target.type == 'spark' %}
        cast(null as string) as reviews_digest
        {%- else %}
        md5(string_agg(
            concat_ws('|', review_id, incident_id, status, reviewed_at::varchar, note, reviewer),
            chr(10) order by review_id
        )) as reviews_digest
        {%- endif %}
    from {{ ref('stg_reviews') }}
    group by session_id
),

current_state as (
    select
        s.session_id,
        true as is_present,
        s.deployment,
        s.model,
        s.session_date,
        s.file_landed_at,
        {%- if target.type == 'spark' %}
        cast(null as timestamp) as scanned_at,
        {%- else %}
        c.scanned_at,
        {%- endif %}
        r.reviews_digest
    from {{ ref('stg_sessions') }} as s
    {%- if target.type != 'spark' %}
    left join monitor.scanned_sessions as c on c.session_id = s.session_id
    {%- endif %}
    left join reviews as r on r.session_id = s.session_id
)

{% if is_incremental() %}
, changed as (
    select
        c.*,
        p.deployment as previous_deployment,
        p.model as previous_model,
        p.session_date as previous_session_date
    from current_state as c
    left join {{ this }} as p on p.session_id = c.session_id
    where p.session_id is null
        or not p.is_present
        or c.deployment is distinct from p.deployment
        or c.model is distinct from p.model
        or c.session_date is distinct from p.session_date
        or c.file_landed_at is distinct from p.file_landed_at
        or c.scanned_at is distinct from p.scanned_at
        or c.reviews_digest is distinct from p.reviews_digest
),

vanished as (
    select
        p.session_id,
        false as is_present,
        cast(null as varchar) as deployment,
        cast(null as varchar) as model,
        cast(null as date) as session_date,
        cast(null as timestamp) as file_landed_at,
        cast(null as timestamp) as scanned_at,
        cast(null as varchar) as reviews_digest,
        p.deployment as previous_deployment,
        p.model as previous_model,
        p.session_date as previous_session_date
    from {{ this }} as p
    where p.is_present and p.session_id not in (select session_id from current_state)
)

select *, '{{ invocation_id }}' as built_by from changed
union all
select *, '{{ invocation_id }}' as built_by from vanished
{% else %}
select
    *,
    cast(null as {{ 'string' if target.type == 'spark' else 'varchar' }}) as previous_deployment,
    cast(null as {{ 'string' if target.type == 'spark' else 'varchar' }}) as previous_model,
    cast(null as date) as previous_session_date,
    '{{ invocation_id }}' as built_by
from current_state
{% endif %}
