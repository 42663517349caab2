-- Deployments whose flagged rate at least doubled: the last 7 days against the 7 days before,
-- counted back from the latest day in the data (replace `last_day` with current_date for a live
-- view). Deployments with fewer than 5 sessions in either week are left out as too noisy.
with bounds as (
    select max(day) as last_day from marts.agg_deployment_daily
),

weeks as (
    select
        a.deployment,
        sum(a.sessions) filter (where a.day > b.last_day - 7) as recent_sessions,
        sum(a.flagged_sessions) filter (where a.day > b.last_day - 7) as recent_flagged,
        sum(a.sessions) filter (where a.day <= b.last_day - 7 and a.day > b.last_day - 14) as prior_sessions,
        sum(a.flagged_sessions) filter (where a.day <= b.last_day - 7 and a.day > b.last_day - 14) as prior_flagged
    from marts.agg_deployment_daily as a
    cross join bounds as b
    group by a.deployment
)

select
    w.deployment,
    d.team,
    w.prior_sessions,
    round(w.prior_flagged / w.prior_sessions, 4) as prior_flagged_rate,
    w.recent_sessions,
    round(w.recent_flagged / w.recent_sessions, 4) as recent_flagged_rate
from weeks as w
left join marts.dim_deployments as d on d.deployment = w.deployment
where w.prior_sessions >= 5
    and w.recent_sessions >= 5
    and w.recent_flagged > 0
    and w.recent_flagged / w.recent_sessions >= 2 * (w.prior_flagged / w.prior_sessions)
order by recent_flagged_rate desc
