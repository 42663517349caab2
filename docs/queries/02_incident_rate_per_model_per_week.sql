-- Incident rate per model per week: incidents per 1,000 sessions and the share of flagged sessions,
-- by ISO week (weeks start on Monday) of the session date.
select
    model,
    cast(date_trunc('week', day) as date) as week,
    sum(sessions) as sessions,
    sum(incidents) as incidents,
    round(sum(incidents) * 1000.0 / sum(sessions), 1) as incidents_per_1k_sessions,
    round(sum(flagged_sessions) / sum(sessions), 4) as flagged_rate
from marts.agg_deployment_daily
group by model, week
order by week, model
