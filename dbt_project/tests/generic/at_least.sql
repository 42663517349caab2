{#- Fails on every row whose column is below min_value. Nulls pass: a not_null constraint or test says
    whether the column may be empty. -#}
{% test at_least(model, column_name, min_value) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} < {{ min_value }}
{% endtest %}
