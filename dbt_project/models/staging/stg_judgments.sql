-- One row per LLM-judge verdict on a session content hash (empty unless the judge is enabled).
select
    session_id,
    judge_model,
    content_hash,
    status,
    categories,
    severity,
    rationale,
    cited_event_indices,
    error,
    judged_at
from {{ source('monitor', 'judgments') }}
