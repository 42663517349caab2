{#- For list columns: fails on every element that is not one of `values`. -#}
{% test list_values_in(model, column_name, values) %}
select element
from (select {{ cw_unnest(column_name) }} as element from {{ model }})
where element not in ({% for v in values %}'{{ v }}'{% if not loop.last %}, {% endif %}{% endfor %})
{% endtest %}
