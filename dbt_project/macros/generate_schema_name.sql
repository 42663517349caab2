{#
  Schemas are named exactly as configured (`marts`, not dbt's default `main_marts`): analysts and the
  dashboard query `marts.fct_incidents`, and the pipeline owns `raw` and `monitor` under those names.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
