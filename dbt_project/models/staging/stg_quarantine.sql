-- One row per record the landing could not turn into an event.
select file_id, path, line_no, reason, raw_excerpt, quarantined_at
from {{ source('raw', 'quarantine') }}
