-- One row per reviewer verdict; `is_latest` marks the verdict that counts for its incident.
select
    review_id,
    incident_id,
    session_id,
    category,
    status,
    note,
    reviewer,
    reviewed_at,
    row_number() over (partition by incident_id order by reviewed_at desc, review_id desc) = 1 as is_latest
from {{ source('raw', 'reviews') }}
