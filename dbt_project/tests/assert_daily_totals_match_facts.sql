-- agg_deployment_daily adds up to the facts it summarises: sessions, flagged sessions, incidents.
with daily as (
    select sum(sessions) as sessions, sum(flagged_sessions) as flagged, sum(incidents) as incidents
    from {{ ref('agg_deployment_daily') }}
),

facts as (
    select
        (select count(*) from {{ ref('fct_session_metrics') }}) as sessions,
        (select count(*) from {{ ref('fct_session_metrics') }} where is_flagged) as flagged,
        (select count(*) from {{ ref('fct_incidents') }}) as incidents
)

select daily.*, facts.sessions as fact_sessions, facts.flagged as fact_flagged, facts.incidents as fact_incidents
from daily, facts
where coalesce(daily.sessions, 0) <> facts.sessions
    or coalesce(daily.flagged, 0) <> facts.flagged
    or coalesce(daily.incidents, 0) <> facts.incidents
