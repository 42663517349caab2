-- fct_session_metrics has exactly the sessions of raw.sessions: returns the ones missing or extra.
select coalesce(r.session_id, m.session_id) as session_id, r.session_id is null as extra_in_metrics
from {{ source('raw', 'sessions') }} as r
full outer join {{ ref('fct_session_metrics') }} as m on m.session_id = r.session_id
where r.session_id is null or m.session_id is null
