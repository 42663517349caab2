{#
  The id of the incident for (session, category): md5(session_id || category). Reviews reference it,
  so it must stay the same from run to run; the pipeline and the dashboard compute it the same way.
#}
{% macro incident_id(session_id, category) -%}
    md5({{ session_id }} || {{ category }})
{%- endmacro %}
