{#
  dbt data tests on an incremental build check the rows that build wrote, not the whole table again.
  A generic test (not_null, unique, accepted_values, relationships, ...) reads its model through
  `get_where_subquery`; on DuckDB this project's version narrows a model built from the build's
  changed sessions (one that reads int_session_state, macros/incremental.sql) to those sessions,
  and a daily aggregate to its touched days. Only those: the state is built after the text
  matcher, so the tests of the models before it (facts, detectors, signals) would run before this
  build's changed sessions are known, and test whole tables. Every row outside them is as the build that wrote it left it, and
  that build's tests passed (a build whose tests fail is followed by a full refresh, assets/dbt.py).
  Keys cannot collide across sessions (signal and incident ids hash the session id; every other
  unique test is on a session-grain key or within a session), so a unique test over the changed
  sessions decides the same as over the table. A full refresh, and any build on Spark, tests
  everything; singular tests (dbt_project/tests/) always read whole tables.
#}
{% macro duckdb__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}{%- do conditions.append('(' ~ where ~ ')') -%}{%- endif -%}
    {%- set scope = cw_test_scope(relation) -%}
    {%- if scope -%}{%- do conditions.append(scope) -%}{%- endif -%}
    {%- if conditions -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ conditions | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{% macro cw_test_scope(relation) -%}
    {%- if not execute or flags.FULL_REFRESH or var('full_tests', false) -%}{{ return('') }}{%- endif -%}
    {%- set state = graph.nodes.get('model.cotwatch.int_session_state') -%}
    {%- if state is none -%}{{ return('') }}{%- endif -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model'
            and node.relation_name and node.relation_name == relation | string -%}
        {%- if node.name == 'int_session_state' -%}
            {{ return('') }}
        {%- elif node.name in ('agg_deployment_daily', 'agg_monitorability_daily') -%}
            {{ return("(deployment, model, day) in (select deployment, model, session_date from "
                      ~ state.relation_name ~ " where built_by = '" ~ invocation_id ~ "' and is_present"
                      ~ " union select previous_deployment, previous_model, previous_session_date from "
                      ~ state.relation_name ~ " where built_by = '" ~ invocation_id ~ "')") }}
        {%- elif 'model.cotwatch.int_session_state' in node.depends_on.nodes -%}
            {{ return("session_id in (select session_id from " ~ state.relation_name
                      ~ " where built_by = '" ~ invocation_id ~ "')") }}
        {%- endif -%}
    {%- endfor -%}
    {{ return('') }}
{%- endmacro %}
