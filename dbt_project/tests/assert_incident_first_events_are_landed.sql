-- Every incident's first event (when it has one) is an event of its session in raw.events.
select i.incident_id, i.session_id, i.first_event_index
from {{ ref('fct_incidents') }} as i
where i.first_event_index is not null
    and not exists (
        select 1
        from {{ source('raw', 'events') }} as e
        where e.session_id = i.session_id and e.event_index = i.first_event_index
    )
