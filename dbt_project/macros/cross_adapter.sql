{#
  The few places where DuckDB SQL and Spark SQL differ, so the models are written once and build on
  both engines (`cotwatch run --engine spark`, docs/scaling.md). Each macro dispatches on the adapter:
  `default__` is DuckDB's spelling, `spark__` Spark's.

  Names: the models keep DuckDB's `regexp_matches(text, pattern)`, `starts_with(text, prefix)`,
  `list_filter`, `arg_max`, ... and the type name `varchar`. On Spark, every model's compiled SQL
  goes through `cw_spark_sql`, which spells them `regexp_like(`, `startswith(`, `filter(`,
  `max_by(`, ... and `string` (the same functions and type under Spark's names), so nothing else in
  the models changes. Patterns are the same text on both: `cw_spark_sql` doubles every backslash
  (Spark's parser reads backslash escapes in literals, DuckDB's does not), both parsers read a
  doubled quote '' as one quote (checked on Spark 4.3), and RE2 (DuckDB) and java.util.regex
  (Spark) read the constructs the macros use ((?i), (?m), (?s), \b, \x27, classes, lazy
  quantifiers) the same way. Write the group number in every regexp_extract(_all): DuckDB's
  default is 0, Spark's 1.
#}

{% macro cw_spark_sql(sql) -%}
    {%- set renamed = sql
        | replace('\\', '\\\\')
        | replace('regexp_matches(', 'regexp_like(')
        | replace('starts_with(', 'startswith(')
        | replace('arg_max(', 'max_by(')
        | replace('arg_min(', 'min_by(')
        | replace('strpos(', 'instr(')
        | replace('list_max(', 'array_max(')
        | replace('list_contains(', 'array_contains(')
        | replace('list_sort(', 'array_sort(')
        | replace('list_transform(', 'transform(')
        | replace('list_filter(', 'filter(')
        | replace('string_split_regex(', 'split(')
        | replace('string_split(', 'split(')
        | replace('array_to_string(', 'array_join(')
        | replace('unnest(', 'explode(')
        | replace('varchar[]', 'array<string>')
        | replace(' as varchar)', ' as string)')
        | replace('::varchar', '::string') -%}
    {#- DuckDB's `lambda x: e` is Spark's `x -> e` (the variable names the models use). -#}
    {%- set out = namespace(sql=renamed) -%}
    {%- for v in ['x', 'w', 'h', 'r', 'seg', 's', 'm', 't', 'p', 'l', 'e', 'c', 'a', 'tok'] -%}
        {%- set out.sql = out.sql | replace('lambda ' ~ v ~ ':', v ~ ' ->') -%}
    {%- endfor -%}
    {{ return(out.sql) }}
{%- endmacro %}

{% macro spark__create_table_as(temporary, relation, compiled_code, language='sql') -%}
    {%- if language == 'sql' -%}
        {%- set compiled_code = cw_spark_sql(compiled_code) -%}
    {%- endif -%}
    {{ return(dbt.spark__create_table_as(temporary, relation, compiled_code, language)) }}
{%- endmacro %}

{% macro spark__create_view_as(relation, sql) -%}
    {{ return(dbt.spark__create_view_as(relation, cw_spark_sql(sql))) }}
{%- endmacro %}

{# `x` of the row with the largest `y` (an aggregate). #}
{% macro cw_arg_max(x, y) -%}
    {{ return(adapter.dispatch('cw_arg_max', 'cotwatch')(x, y)) }}
{%- endmacro %}
{% macro default__cw_arg_max(x, y) %}arg_max({{ x }}, {{ y }}){% endmacro %}
{% macro spark__cw_arg_max(x, y) %}max_by({{ x }}, {{ y }}){% endmacro %}

{# Seconds (a double, to the millisecond) from timestamp `a` to timestamp `b`. #}
{% macro cw_seconds_between(a, b) -%}
    {{ return(adapter.dispatch('cw_seconds_between', 'cotwatch')(a, b)) }}
{%- endmacro %}
{% macro default__cw_seconds_between(a, b) %}date_diff('millisecond', {{ a }}, {{ b }}) / 1000.0{% endmacro %}
{# Spark reads 1000.0 as a decimal: divide as doubles. #}
{% macro spark__cw_seconds_between(a, b) %}cast(timestampdiff(MILLISECOND, {{ a }}, {{ b }}) as double) / 1000{% endmacro %}

{# An empty list of strings. #}
{% macro cw_empty_string_list() -%}
    {{ return(adapter.dispatch('cw_empty_string_list', 'cotwatch')()) }}
{%- endmacro %}
{% macro default__cw_empty_string_list() %}cast([] as varchar[]){% endmacro %}
{% macro spark__cw_empty_string_list() %}cast(array() as array<string>){% endmacro %}

{# Number of elements of a list. #}
{% macro cw_list_len(x) -%}
    {{ return(adapter.dispatch('cw_list_len', 'cotwatch')(x)) }}
{%- endmacro %}
{% macro default__cw_list_len(x) %}len({{ x }}){% endmacro %}
{% macro spark__cw_list_len(x) %}size({{ x }}){% endmacro %}

{# `expr` (a SQL expression over the variable `var`) applied to every element of `list`. #}
{% macro cw_transform(list, var, expr) -%}
    {{ return(adapter.dispatch('cw_transform', 'cotwatch')(list, var, expr)) }}
{%- endmacro %}
{% macro default__cw_transform(list, var, expr) %}list_transform({{ list }}, lambda {{ var }}: {{ expr }}){% endmacro %}
{% macro spark__cw_transform(list, var, expr) %}transform({{ list }}, {{ var }} -> {{ expr }}){% endmacro %}

{# The elements of `list` for which `cond` (over the variable `var`) holds. #}
{% macro cw_filter(list, var, cond) -%}
    {{ return(adapter.dispatch('cw_filter', 'cotwatch')(list, var, cond)) }}
{%- endmacro %}
{% macro default__cw_filter(list, var, cond) %}list_filter({{ list }}, lambda {{ var }}: {{ cond }}){% endmacro %}
{% macro spark__cw_filter(list, var, cond) %}filter({{ list }}, {{ var }} -> {{ cond }}){% endmacro %}

{# Sum of a list of integers (0 for an empty list). #}
{% macro cw_list_sum(list) -%}
    {{ return(adapter.dispatch('cw_list_sum', 'cotwatch')(list)) }}
{%- endmacro %}
{% macro default__cw_list_sum(list) %}coalesce(list_sum({{ list }}), 0){% endmacro %}
{% macro spark__cw_list_sum(list) %}aggregate({{ list }}, 0, (acc, x) -> acc + x){% endmacro %}

{# `text` split on every match of the regular expression `pattern`. #}
{% macro cw_split_regex(text, pattern) -%}
    {{ return(adapter.dispatch('cw_split_regex', 'cotwatch')(text, pattern)) }}
{%- endmacro %}
{% macro default__cw_split_regex(text, pattern) %}string_split_regex({{ text }}, {{ pattern }}){% endmacro %}
{% macro spark__cw_split_regex(text, pattern) %}split({{ text }}, {{ pattern }}){% endmacro %}

{# Every match of `pattern` in `text` replaced by `replacement` (DuckDB replaces the first one only without 'g'). #}
{% macro cw_regexp_replace_all(text, pattern, replacement) -%}
    {{ return(adapter.dispatch('cw_regexp_replace_all', 'cotwatch')(text, pattern, replacement)) }}
{%- endmacro %}
{% macro default__cw_regexp_replace_all(text, pattern, replacement) %}regexp_replace({{ text }}, {{ pattern }}, {{ replacement }}, 'g'){% endmacro %}
{% macro spark__cw_regexp_replace_all(text, pattern, replacement) %}regexp_replace({{ text }}, {{ pattern }}, {{ replacement }}){% endmacro %}

{# One row per element of a list (in a select list). #}
{% macro cw_unnest(list) -%}
    {{ return(adapter.dispatch('cw_unnest', 'cotwatch')(list)) }}
{%- endmacro %}
{% macro default__cw_unnest(list) %}unnest({{ list }}){% endmacro %}
{% macro spark__cw_unnest(list) %}explode({{ list }}){% endmacro %}

{#
  A struct literal written the same on both engines:
  {{ cw_struct_open() }} {{ cw_field('a') }} x, {{ cw_field('b') }} y)
  is struct_pack(a := x, b := y) on DuckDB and named_struct('a', x, 'b', y) on Spark.
#}
{% macro cw_struct_open() -%}
    {{ return(adapter.dispatch('cw_struct_open', 'cotwatch')()) }}
{%- endmacro %}
{% macro default__cw_struct_open() %}struct_pack({% endmacro %}
{% macro spark__cw_struct_open() %}named_struct({% endmacro %}

{% macro cw_field(name) -%}
    {{ return(adapter.dispatch('cw_field', 'cotwatch')(name)) }}
{%- endmacro %}
{% macro default__cw_field(name) %}{{ name }} :={% endmacro %}
{% macro spark__cw_field(name) %}'{{ name }}',{% endmacro %}

{#
  JSON. `cw_json_type(col, path)`: OBJECT, ARRAY, VARCHAR, BIGINT, DOUBLE, BOOLEAN or NULL (DuckDB's
  names), NULL when `col` is not JSON. `cw_json_string(col, path)`: the value at `path` as text
  (DuckDB's ->>). `cw_json_strings(col, path)`: the array at `path` as a list of strings.
#}
{% macro cw_json_valid(col) -%}
    {{ return(adapter.dispatch('cw_json_valid', 'cotwatch')(col)) }}
{%- endmacro %}
{% macro default__cw_json_valid(col) %}json_valid({{ col }}){% endmacro %}
{% macro spark__cw_json_valid(col) %}(try_parse_json({{ col }}) is not null){% endmacro %}

{% macro cw_json_type(col, path='$') -%}
    {{ return(adapter.dispatch('cw_json_type', 'cotwatch')(col, path)) }}
{%- endmacro %}
{% macro default__cw_json_type(col, path) %}json_type({{ col }}, '{{ path }}'){% endmacro %}
{% macro spark__cw_json_type(col, path) -%}
    case regexp_extract(schema_of_variant(variant_get(try_parse_json({{ col }}), '{{ path }}')), '^([A-Z]+)', 1)
        when 'OBJECT' then 'OBJECT'
        when 'ARRAY' then 'ARRAY'
        when 'STRING' then 'VARCHAR'
        when 'BIGINT' then 'BIGINT'
        when 'DOUBLE' then 'DOUBLE'
        when 'DECIMAL' then 'DOUBLE'
        when 'BOOLEAN' then 'BOOLEAN'
        when 'NULL' then 'NULL'
        {#- a JSON null ({"path": null}) is VOID to Spark, NULL (the string) to DuckDB's json_type #}
        when 'VOID' then 'NULL'
    end
{%- endmacro %}

{% macro cw_json_string(col, path) -%}
    {{ return(adapter.dispatch('cw_json_string', 'cotwatch')(col, path)) }}
{%- endmacro %}
{% macro default__cw_json_string(col, path) %}({{ col }} ->> '{{ path }}'){% endmacro %}
{% macro spark__cw_json_string(col, path) %}get_json_object({{ col }}, '{{ path }}'){% endmacro %}

{% macro cw_json_strings(col, path) -%}
    {{ return(adapter.dispatch('cw_json_strings', 'cotwatch')(col, path)) }}
{%- endmacro %}
{% macro default__cw_json_strings(col, path) %}json_extract_string({{ col }}, '{{ path }}[*]'){% endmacro %}
{% macro spark__cw_json_strings(col, path) %}from_json(get_json_object({{ col }}, '{{ path }}'), 'array<string>'){% endmacro %}

{#
  dbt-spark accepts append / merge / insert_overwrite only; the models use delete+insert on DuckDB.
  A Spark build starts from an empty in-memory catalog every time (pipelines/warehouse/spark.py), so
  an incremental model is always built whole there, and the strategy is never applied: map it to
  append so dbt-spark's validation passes.
#}
{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) -%}
    {%- if raw_strategy == 'delete+insert' -%}
        {{ return('append') }}
    {%- endif -%}
    {{ return(spark__dbt_spark_validate_get_incremental_strategy_default(raw_strategy, file_format)) }}
{%- endmacro %}

{% macro spark__dbt_spark_validate_get_incremental_strategy_default(raw_strategy, file_format) -%}
    {%- if raw_strategy not in ['append', 'merge', 'insert_overwrite', 'microbatch'] -%}
        {% do exceptions.raise_compiler_error('Invalid incremental strategy provided: ' ~ raw_strategy) %}
    {%- endif -%}
    {{ return(raw_strategy) }}
{%- endmacro %}

{#
  Model contracts on Spark. The contracts spell DuckDB's types (varchar, varchar[], integer, ...),
  which Spark's parser rejects (it wants string, array<string>, int), so dbt's own check, which casts
  NULL to each declared type, cannot run there. This one checks the same thing: the model returns
  exactly the declared columns, each of the Spark type that corresponds to its declared type.
  (Parquet tables hold no constraints, as on dbt-spark's side for every non-Delta format.)
#}
{% macro spark__get_assert_columns_equivalent(sql) -%}
    {%- set declared = model['columns'] -%}
    {%- set actual = get_column_schema_from_query(cw_spark_sql(sql)) -%}
    {%- set problems = [] -%}
    {%- set actual_names = actual | map(attribute='name') | map('lower') | list -%}
    {%- for name in declared if name | lower not in actual_names -%}
        {%- do problems.append(name ~ ': declared, not returned') -%}
    {%- endfor -%}
    {%- for col in actual -%}
        {%- set spec = declared.get(col.name) or declared.get(col.name | lower) -%}
        {%- if spec is none -%}
            {%- do problems.append(col.name ~ ': returned, not declared') -%}
        {%- else -%}
            {%- set want = cw_spark_types(spec['data_type']) -%}
            {%- if col.dtype | lower not in want -%}
                {%- do problems.append(col.name ~ ': declared ' ~ spec['data_type'] ~ ' (' ~ want | join(' or ') ~ '), returned ' ~ col.dtype) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if problems -%}
        {%- do exceptions.raise_compiler_error('contract of ' ~ model['name'] ~ ' not met on Spark: ' ~ problems | join('; ')) -%}
    {%- endif -%}
{%- endmacro %}

{# The Spark types a contract's DuckDB type may come back as. #}
{% macro cw_spark_types(duckdb_type) -%}
    {%- set t = (duckdb_type or '') | lower | trim -%}
    {%- set known = {
        'varchar': ['string'], 'text': ['string'], 'varchar[]': ['array<string>'],
        'integer': ['int'], 'int': ['int'], 'bigint': ['bigint'], 'double': ['double'],
        'boolean': ['boolean'], 'date': ['date'], 'timestamp': ['timestamp', 'timestamp_ntz'],
    } -%}
    {{ return(known.get(t, [t])) }}
{%- endmacro %}

{# The elements of a list of strings joined with `sep` (a SQL string). #}
{% macro cw_list_join(list, sep) -%}
    {{ return(adapter.dispatch('cw_list_join', 'cotwatch')(list, sep)) }}
{%- endmacro %}
{% macro default__cw_list_join(list, sep) %}array_to_string({{ list }}, {{ sep }}){% endmacro %}
{% macro spark__cw_list_join(list, sep) %}array_join({{ list }}, {{ sep }}){% endmacro %}

{# The index of a list's first element: lists count from 1 in DuckDB, arrays from 0 in Spark. #}
{% macro cw_first_index() -%}
    {{ return(adapter.dispatch('cw_first_index', 'cotwatch')()) }}
{%- endmacro %}
{% macro default__cw_first_index() %}1{% endmacro %}
{% macro spark__cw_first_index() %}0{% endmacro %}

{#
  Seeds on Spark. dbt-spark's session method binds seed values by wrapping them in single quotes
  unescaped, so a value holding a quote (the taxonomy's descriptions do) breaks the insert. Values
  are written as escaped literals here instead.
#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for col_name in agate_table.column_names -%}
                    {%- set type = column_override.get(col_name, adapter.convert_type(agate_table, loop.index0)) -%}
                    cast({{ cw_spark_literal(row[loop.index0]) }} as {{ type }}){{ "," if not loop.last }}
                {%- endfor -%}){{ "," if not loop.last }}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}{%- do statements.append(sql) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(statements[0]) }}
{% endmacro %}

{% macro cw_spark_literal(value) -%}
    {%- if value is none -%}null
    {%- else -%}'{{ (value | string) | replace('\\', '\\\\') | replace("'", "''") }}'
    {%- endif -%}
{%- endmacro %}

{# `text` from character `start` (counting from 1) to its end. #}
{% macro cw_substr_from(text, start) -%}
    {{ return(adapter.dispatch('cw_substr_from', 'cotwatch')(text, start)) }}
{%- endmacro %}
{% macro default__cw_substr_from(text, start) %}{{ text }}[{{ start }}:]{% endmacro %}
{% macro spark__cw_substr_from(text, start) %}substring({{ text }}, {{ start }}){% endmacro %}

{# Every element of a list but the last. #}
{% macro cw_all_but_last(list) -%}
    {{ return(adapter.dispatch('cw_all_but_last', 'cotwatch')(list)) }}
{%- endmacro %}
{% macro default__cw_all_but_last(list) %}{{ list }}[1:-2]{% endmacro %}
{% macro spark__cw_all_but_last(list) %}slice({{ list }}, 1, greatest(size({{ list }}) - 1, 0)){% endmacro %}

{# The string field `field` of every object of the JSON array at `path` (DuckDB: '$.path[*].field'). #}
{% macro cw_json_field_of_each(col, path, field) -%}
    {{ return(adapter.dispatch('cw_json_field_of_each', 'cotwatch')(col, path, field)) }}
{%- endmacro %}
{% macro default__cw_json_field_of_each(col, path, field) %}json_extract_string({{ col }}, '{{ path }}[*].{{ field }}'){% endmacro %}
{% macro spark__cw_json_field_of_each(col, path, field) %}transform(from_json(get_json_object({{ col }}, '{{ path }}'), 'array<map<string,string>>'), o -> o['{{ field }}']){% endmacro %}

{# `text` without the characters of `chars` at its end. #}
{% macro cw_rtrim_chars(text, chars) -%}
    {{ return(adapter.dispatch('cw_rtrim_chars', 'cotwatch')(text, chars)) }}
{%- endmacro %}
{% macro default__cw_rtrim_chars(text, chars) %}rtrim({{ text }}, {{ chars }}){% endmacro %}
{% macro spark__cw_rtrim_chars(text, chars) %}rtrim({{ chars }}, {{ text }}){% endmacro %}

{# `text` with every regular-expression metacharacter escaped (DuckDB's regexp_escape). #}
{% macro cw_regexp_escape(text) -%}
    {{ return(adapter.dispatch('cw_regexp_escape', 'cotwatch')(text)) }}
{%- endmacro %}
{% macro default__cw_regexp_escape(text) %}regexp_escape({{ text }}){% endmacro %}
{#- Written as DuckDB reads literals (cw_spark_sql doubles the backslashes for Spark). -#}
{% macro spark__cw_regexp_escape(text) %}regexp_replace({{ text }}, '([\[\](){}.*+?^$|\\/-])', '\\$1'){% endmacro %}

{# A list literal: {{ cw_list_open() }} a, b {{ cw_list_close() }}. #}
{% macro cw_list_open() -%}
    {{ return(adapter.dispatch('cw_list_open', 'cotwatch')()) }}
{%- endmacro %}
{% macro default__cw_list_open() %}[{% endmacro %}
{% macro spark__cw_list_open() %}array({% endmacro %}
{% macro cw_list_close() -%}
    {{ return(adapter.dispatch('cw_list_close', 'cotwatch')()) }}
{%- endmacro %}
{% macro default__cw_list_close() %}]{% endmacro %}
{% macro spark__cw_list_close() %}){% endmacro %}

{# Element `i` of a list, counting from 1 (negative: from the end); NULL past either end. #}
{% macro cw_at(list, i) -%}
    {{ return(adapter.dispatch('cw_at', 'cotwatch')(list, i)) }}
{%- endmacro %}
{% macro default__cw_at(list, i) %}{{ list }}[{{ i }}]{% endmacro %}
{% macro spark__cw_at(list, i) %}element_at({{ list }}, {{ i }}){% endmacro %}

{# The elements of a list from position `start` (counting from 1) to its end. #}
{% macro cw_tail(list, start) -%}
    {{ return(adapter.dispatch('cw_tail', 'cotwatch')(list, start)) }}
{%- endmacro %}
{% macro default__cw_tail(list, start) %}{{ list }}[{{ start }}:]{% endmacro %}
{% macro spark__cw_tail(list, start) %}slice({{ list }}, {{ start }}, greatest(size({{ list }}) - {{ start }} + 1, 0)){% endmacro %}

{# A one-element list. #}
{% macro cw_list_of(x) -%}
    {{ return(adapter.dispatch('cw_list_of', 'cotwatch')(x)) }}
{%- endmacro %}
{% macro default__cw_list_of(x) %}[{{ x }}]{% endmacro %}
{% macro spark__cw_list_of(x) %}array({{ x }}){% endmacro %}

{# `text` without the characters of `chars` at either end. #}
{% macro cw_trim_chars(text, chars) -%}
    {{ return(adapter.dispatch('cw_trim_chars', 'cotwatch')(text, chars)) }}
{%- endmacro %}
{% macro default__cw_trim_chars(text, chars) %}trim({{ text }}, {{ chars }}){% endmacro %}
{% macro spark__cw_trim_chars(text, chars) %}btrim({{ text }}, {{ chars }}){% endmacro %}

{# After a FROM item: one row per element of `list`, the element named `alias`.`col`. #}
{% macro cw_cross_unnest(list, alias, col) -%}
    {{ return(adapter.dispatch('cw_cross_unnest', 'cotwatch')(list, alias, col)) }}
{%- endmacro %}
{% macro default__cw_cross_unnest(list, alias, col) %}, unnest({{ list }}) as {{ alias }}({{ col }}){% endmacro %}
{% macro spark__cw_cross_unnest(list, alias, col) %} lateral view explode({{ list }}) {{ alias }} as {{ col }}{% endmacro %}

{# The distinct values of `expr` over a group, sorted (an aggregate), of the rows where `cond` holds.
   No row: null on DuckDB, an empty list on Spark (callers test the length, never null-ness). #}
{% macro cw_sorted_set(expr, cond=none) -%}
    {{ return(adapter.dispatch('cw_sorted_set', 'cotwatch')(expr, cond)) }}
{%- endmacro %}
{% macro default__cw_sorted_set(expr, cond) %}list(distinct {{ expr }} order by {{ expr }}){% if cond %} filter (where {{ cond }}){% endif %}{% endmacro %}
{% macro spark__cw_sorted_set(expr, cond) %}array_sort(collect_set({{ expr }}){% if cond %} filter (where {{ cond }}){% endif %}){% endmacro %}

{# The first `n` elements of `list`. #}
{% macro cw_head(list, n) -%}
    {{ return(adapter.dispatch('cw_head', 'cotwatch')(list, n)) }}
{%- endmacro %}
{% macro default__cw_head(list, n) %}{{ list }}[1:{{ n }}]{% endmacro %}
{% macro spark__cw_head(list, n) %}slice({{ list }}, 1, {{ n }}){% endmacro %}
