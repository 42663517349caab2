{#
  Incremental models built from events are processed a session at a time: a run takes the sessions
  whose file version was landed after the newest `file_landed_at` already in the model, and
  replaces every row of those sessions (delete+insert on session_id). A file that grew is landed
  again with a new landed_at, so its sessions are rebuilt whole. Strictly after: landing stamps a
  batch of files with one time and the dbt build runs after the landing has finished (both under
  the run lock), and a model's build is one transaction, so every session landed at or before the
  newest time in the model was built by it; `>=` re-took the whole previous batch on every run
  (after a full run, every session). `cotwatch run --full-refresh` rebuilds from scratch.
#}
{% macro sessions_to_process() -%}
    select session_id, file_landed_at
    from {{ ref('stg_sessions') }}
    {% if is_incremental() %}
    where file_landed_at > (
        select coalesce(max(file_landed_at), '1900-01-01'::timestamp) from {{ this }}
    )
    {% endif %}
{%- endmacro %}

{#
  The structural detectors (models/detectors/det_*) and monitor.signals are incremental by session
  too. The sessions a build takes are computed once, by the first pre-hook, into a temp table
  (`cw_redo_<model>`, on the build's connection), before anything is deleted: the second pre-hook
  deletes every row of those sessions (delete+insert alone deletes only sessions that come back
  with rows, so a session taken again whose hits are all gone, a grown session whose last message
  changed or a rule pack that no longer matches, would keep its old rows), and the model reads
  the same set (computing it again after the delete would see an older watermark and take more).
  On a full build, and on Spark (every build there is full), the hooks do nothing.
#}
{% macro redo_table() -%}cw_redo_{{ this.identifier }}{%- endmacro %}

{% macro stage_redo_sessions(sessions_sql) -%}
    {%- if is_incremental() -%}
    create or replace temp table {{ redo_table() }} as {{ sessions_sql }}
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{# Also the rows of sessions no longer in the warehouse (a file removed from raw): nothing would take
   them again, and monitor.signals' relationship test would fail on them. #}
{% macro clear_redo_sessions() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where session_id in (select session_id from temp.main.{{ redo_table() }})
        or session_id not in (select session_id from {{ ref('stg_sessions') }})
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{# The sessions a detector takes: landed after the newest landing time among its rows (each row
   carries its session's file_landed_at; a session with no hit leaves none, so the next build may
   take a few sessions again, never fewer). Every detector looks at one session at a time (its joins
   are all on session_id), so narrowing its inputs to these sessions (`for_sessions(ref('x'))`)
   yields exactly their hits. #}
{% macro detector_sessions() -%}
    {%- set sessions = ref('stg_sessions') -%}
    select session_id from {{ sessions }}
    where file_landed_at > (
        select coalesce(max(file_landed_at), '1900-01-01'::timestamp) from {{ this }}
    )
{%- endmacro %}

{% macro for_sessions(relation) -%}
    {%- if is_incremental() -%}
    (select * from {{ relation }} where session_id in (select session_id from temp.main.{{ redo_table() }}))
    {%- else -%}
    {{ relation }}
    {%- endif -%}
{%- endmacro %}

{# The last step of every detector: its hits in the columns monitor.signals reads, with their
   session's landing time (see above). Arguments are SQL over the hits relation `source`: the
   category, severity, channel and evidence of each hit (by default its own columns of those
   names) and an optional filter. #}
{% macro detector_output(source, category='category', severity='severity', channel='channel',
                         evidence='evidence', where=none) -%}
select h.*, s.file_landed_at
from (
    select
        session_id,
        cast(event_index as integer) as event_index,
        detector_id,
        {{ category }} as category,
        {{ severity }} as severity,
        {{ channel }} as channel,
        cast(confidence as double) as confidence,
        {{ evidence }} as evidence,
        cast(span_start as integer) as span_start,
        cast(span_end as integer) as span_end
    from {{ source }}
    {%- if where %}
    where {{ where }}
    {%- endif %}
) as h
left join {{ ref('stg_sessions') }} as s on s.session_id = h.session_id
{%- endmacro %}

{# The sessions monitor.signals takes (models/monitor/signals.sql says why these two). #}
{% macro signal_sessions() -%}
    {%- set sessions = ref('stg_sessions') -%}
    select session_id from {{ sessions }}
    where file_landed_at > (
        select coalesce(max(detected_at), '1900-01-01'::timestamp) from {{ this }}
        where detector_id like 'struct.%'
    )
    union
    select session_id from monitor.scanned_sessions
    where scanned_at > (
        select coalesce(max(detected_at), '1900-01-01'::timestamp) from {{ this }}
        where detector_id not like 'struct.%'
    )
{%- endmacro %}

{#
  The session-grain models downstream of the signals (incidents, reviews, verdicts, session
  metrics, the fact marts) and the daily aggregates are incremental too, by the sessions whose
  inputs changed in this build: `int_session_state` keeps one row per session with what its rows
  are derived from (its file's landing time, its last text scan, a digest of its reviews, its
  deployment, model and date) and rewrites, stamped with this dbt invocation, the rows of the
  sessions where any of these differ from the last build, and of those gone from raw. Those
  stamped rows are the build's changed sessions: every downstream model deletes their rows (and
  those of sessions no longer landed) and inserts them again from its inputs narrowed to them.
  One set for all, computed once, so a review landed alone rebuilds exactly its session's rows.
  A build that fails half way leaves the set recorded and the marts not: the dbt asset forgets the
  project digest before every build, so the next one after a failure is a full refresh.
#}
{% macro changed_sessions() -%}
    select session_id from {{ ref('int_session_state') }} where built_by = '{{ invocation_id }}'
{%- endmacro %}

{# A model's input narrowed to the changed sessions (the whole input on a full build). #}
{% macro changed_only(relation) -%}
    {%- if is_incremental() -%}
    (select * from {{ relation }} where session_id in ({{ changed_sessions() }}))
    {%- else -%}
    {{ relation }}
    {%- endif -%}
{%- endmacro %}

{# Pre-hook: every row of the changed sessions and of sessions no longer landed goes; the model then
   appends the changed sessions' rows. #}
{% macro clear_changed_sessions() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where session_id in ({{ changed_sessions() }})
        or session_id not in (select session_id from {{ ref('stg_sessions') }})
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{# Pre-hook of the fact models (incremental by their own landing watermark): the rows of sessions
   no longer landed go (a newer version of a file that no longer holds them). #}
{% macro clear_vanished_sessions() -%}
    {%- if is_incremental() -%}
    delete from {{ this }} where session_id not in (select session_id from {{ ref('stg_sessions') }})
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{# The (deployment, model, day) keys the changed sessions touch: where they are now, and where they
   were before (a session whose date or model changed, or that vanished, leaves its old day). #}
{% macro touched_days() -%}
    select deployment, model, session_date as day from {{ ref('int_session_state') }}
    where built_by = '{{ invocation_id }}' and is_present
    union
    select previous_deployment, previous_model, previous_session_date from {{ ref('int_session_state') }}
    where built_by = '{{ invocation_id }}' and previous_session_date is not null
{%- endmacro %}

{# Pre-hook of the daily aggregates: the touched days' rows go; the model appends them again. #}
{% macro clear_touched_days() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where (deployment, model, day) in ({{ touched_days() }})
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{# The sessions of the touched days (all of them on a full build). #}
{% macro on_touched_days(sessions) -%}
    {%- if is_incremental() -%}
    (select * from {{ sessions }} where (deployment, model, session_date) in ({{ touched_days() }}))
    {%- else -%}
    {{ sessions }}
    {%- endif -%}
{%- endmacro %}
