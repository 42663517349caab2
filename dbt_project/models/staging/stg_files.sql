-- One row per landed file version (superseded versions included, flagged by is_current).
select
    file_id,
    path,
    deployment,
    source_format,
    sha256,
    size_bytes,
    n_records,
    n_landed,
    n_quarantined,
    n_skipped,
    n_events,
    n_redactions,
    status,
    status_reason,
    landed_at,
    status <> 'superseded' as is_current
from {{ source('raw', 'files') }}
