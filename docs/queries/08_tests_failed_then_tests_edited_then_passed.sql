-- The test-tampering pattern in the actions alone: a test run failed, the agent then edited a test
-- file or test config, and a later test run passed.
with first_failure as (
    select session_id, min(call_event_index) as failed_at
    from marts.fct_test_runs
    where status in ('failed', 'error')
    group by session_id
),

test_edits as (
    select e.session_id, min(e.call_event_index) as edited_at, list(distinct e.path) as paths
    from marts.fct_file_edits as e
    inner join first_failure as f on f.session_id = e.session_id and e.call_event_index > f.failed_at
    where e.is_test_file or e.is_test_config
    group by e.session_id
),

later_pass as (
    select t.session_id, min(r.call_event_index) as passed_at
    from test_edits as t
    inner join marts.fct_test_runs as r on r.session_id = t.session_id and r.call_event_index > t.edited_at
    where r.status = 'passed'
    group by t.session_id
)

select
    s.session_id,
    s.deployment,
    s.model,
    f.failed_at,
    t.edited_at,
    t.paths as edited_test_paths,
    p.passed_at,
    s.claimed_success,
    s.is_flagged
from later_pass as p
inner join test_edits as t on t.session_id = p.session_id
inner join first_failure as f on f.session_id = p.session_id
inner join marts.fct_session_metrics as s on s.session_id = p.session_id
order by s.started_at desc
