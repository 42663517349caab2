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
