{#
  Incremental models built from events are processed a session at a time: a run takes the sessions
  whose file version was landed at or after the newest `file_landed_at` already in the model, and
  replaces every row of those sessions (delete+insert on session_id). A file that grew is landed
  again with a new landed_at, so its sessions are rebuilt whole; `>=` re-takes the last batch, which
  delete+insert makes harmless. `cotwatch run --full-refresh` rebuilds from scratch.
#}
{% macro sessions_to_process() -%}
    select session_id, file_landed_at
    from {{ ref('stg_sessions') }}
    {% if is_incremental() %}
    where file_landed_at >= (
        select coalesce(max(file_landed_at), '1900-01-01'::timestamp) from {{ this }}
    )
    {% endif %}
{%- endmacro %}

{#
  The structural detectors (models/detectors/det_*) are incremental by session too. Each reads many
  fact models; `for_sessions(ref('x'))` stands for `ref('x')` narrowed to the sessions this build
  takes (on a full build, and on Spark, where every build is full, it is `ref('x')` itself). Every
  detector looks at one session at a time (its joins are all on session_id), so narrowing the inputs
  to a session set yields exactly those sessions' hits. Each detector row carries its session's
  `file_landed_at`, the watermark of the next build (a session with no hit leaves none: the next
  build then re-takes more sessions than it needs, never fewer).
#}
{% macro detector_sessions() -%}
    {%- set sessions = ref('stg_sessions') -%}
    select session_id from {{ sessions }}
    where file_landed_at >= (
        select coalesce(max(file_landed_at), '1900-01-01'::timestamp) from {{ this }}
    )
{%- endmacro %}

{% macro for_sessions(relation) -%}
    {%- set sessions = ref('stg_sessions') -%}
    {%- if is_incremental() -%}
    (select * from {{ relation }} where session_id in ({{ detector_sessions() }}))
    {%- else -%}
    {{ relation }}
    {%- endif -%}
{%- endmacro %}

{# The last step of every detector: its hits with their session's landing time (see above). #}
{% macro with_landed_at(hits_cte) -%}
select h.*, s.file_landed_at
from {{ hits_cte }} as h
left join {{ ref('stg_sessions') }} as s on s.session_id = h.session_id
{%- endmacro %}

{#
  delete+insert deletes only the sessions that come back with rows: a session taken again whose
  hits are all gone (a grown session whose last message changed, a rule pack that no longer
  matches) would keep its old rows. This pre-hook deletes every session the build takes first, in
  the build's transaction; the model's own watermark is then no newer, so it re-takes all of them.
#}
{% macro clear_sessions(sessions_sql) -%}
    {%- if is_incremental() -%}
    delete from {{ this }} where session_id in ({{ sessions_sql }})
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{# The sessions monitor.signals takes again (models/monitor/signals.sql says why these two). #}
{% macro signal_sessions() -%}
    {%- set sessions = ref('stg_sessions') -%}
    select session_id from {{ sessions }}
    {%- if is_incremental() %}
    where file_landed_at >= (
        select coalesce(max(detected_at), '1900-01-01'::timestamp) from {{ this }}
        where detector_id like 'struct.%'
    )
    union
    select session_id from monitor.scanned_sessions
    where scanned_at >= (
        select coalesce(max(detected_at), '1900-01-01'::timestamp) from {{ this }}
        where detector_id not like 'struct.%'
    )
    {%- endif %}
{%- endmacro %}
