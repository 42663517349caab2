-- One row per deployment, registered in seeds/deployments.csv or seen in a transcript (or both).
-- Deployments seen but not registered appear with team 'unassigned' and environment 'unknown'.
with seen as (
    select
        deployment,
        count(*) as sessions,
        mode(agent) as agent,
        min(coalesce(started_at, ended_at)) as first_session_at,
        max(coalesce(started_at, ended_at)) as last_session_at
    from {{ ref('stg_sessions') }}
    group by deployment
)

select
    coalesce(r.deployment, s.deployment) as deployment,
    coalesce(r.team, 'unassigned') as team,
    coalesce(r.environment, 'unknown') as environment,
    coalesce(r.agent, s.agent, 'unknown') as agent,
    r.owner,
    r.deployment is not null as is_registered,
    cast(coalesce(s.sessions, 0) as bigint) as sessions,
    s.first_session_at,
    s.last_session_at
from {{ ref('deployments') }} as r
full outer join seen as s on s.deployment = r.deployment
