-- How much of each model's reasoning a monitor can read: share of sessions whose reasoning is mostly
-- plain, mostly summarised, or mostly hidden (encrypted / empty), and readable characters per session.
-- marts.agg_monitorability_daily has the per-event shares and the monitorability score per day.
select
    model,
    count(*) as sessions,
    round(avg(cast(reasoning_visibility = 'plain' as integer)), 3) as plain_share,
    round(avg(cast(reasoning_visibility = 'summary' as integer)), 3) as summary_share,
    round(avg(cast(reasoning_visibility in ('encrypted', 'empty') as integer)), 3) as hidden_share,
    round(avg(readable_reasoning_chars), 0) as readable_chars_per_session
from marts.fct_session_metrics
group by model
order by sessions desc, model
