{#- Fails on every row for which `expression` (SQL over the model's columns) is not true; a null
    result fails too. -#}
{% test expression_is_true(model, expression) %}
select *
from {{ model }}
where not coalesce({{ expression }}, false)
{% endtest %}
