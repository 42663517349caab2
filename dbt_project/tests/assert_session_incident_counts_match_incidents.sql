-- fct_session_metrics.incident_count is the session's rows in fct_incidents: returns the sessions
-- that differ.
with incidents as (
    select session_id, count(*) as incident_rows
    from {{ ref('fct_incidents') }}
    group by session_id
)

select m.session_id, m.incident_count, coalesce(i.incident_rows, 0) as incident_rows
from {{ ref('fct_session_metrics') }} as m
left join incidents as i on i.session_id = m.session_id
where m.incident_count <> coalesce(i.incident_rows, 0)
