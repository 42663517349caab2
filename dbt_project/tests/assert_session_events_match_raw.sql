-- fct_session_metrics.n_events is the session's rows in raw.events: returns the sessions that differ.
with raw_events as (
    select session_id, count(*) as n_events
    from {{ source('raw', 'events') }}
    group by session_id
)

select m.session_id, m.n_events, coalesce(r.n_events, 0) as raw_events
from {{ ref('fct_session_metrics') }} as m
left join raw_events as r on r.session_id = m.session_id
where m.n_events <> coalesce(r.n_events, 0)
