-- One row per session, with the date it is reported under and when its file version was landed
-- (the incremental models reprocess a session when its file is landed again).
select
    s.session_id,
    s.deployment,
    s.source_format,
    s.agent,
    s.agent_version,
    coalesce(nullif(trim(s.model), ''), 'unknown') as model,
    s.parent_session_id,
    s.parent_session_id is not null as is_subagent,
    s.cwd,
    s.git_branch,
    s.started_at,
    s.ended_at,
    cast(coalesce(s.started_at, s.ended_at, f.landed_at) as date) as session_date,
    {{ cw_seconds_between('s.started_at', 's.ended_at') }} as duration_seconds,
    s.file_id,
    f.path as file_path,
    f.landed_at as file_landed_at
from {{ source('raw', 'sessions') }} as s
left join {{ source('raw', 'files') }} as f on f.file_id = s.file_id
