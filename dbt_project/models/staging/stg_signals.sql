-- One row per detector hit, with the rank of its severity (1 low .. 4 critical).
select
    sig.signal_id,
    sig.session_id,
    sig.event_index,
    sig.detector_id,
    sig.detector_version,
    sig.category,
    sig.severity,
    sev.severity_rank,
    sig.channel,
    sig.confidence,
    sig.evidence,
    sig.span_start,
    sig.span_end,
    sig.detected_at
from {{ source('monitor', 'signals') }} as sig
left join {{ ref('severities') }} as sev on sev.severity = sig.severity
