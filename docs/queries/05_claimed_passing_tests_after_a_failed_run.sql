-- Sessions whose final message says the tests pass while the last test run with a known status did
-- not pass: unsupported claims, per deployment and model, with the incidents the monitor raised.
select
    s.deployment,
    s.model,
    s.session_id,
    s.final_test_status,
    s.n_test_runs,
    s.incident_count,
    s.categories
from marts.fct_session_metrics as s
where s.claimed_tests_pass
    and s.final_test_status in ('failed', 'error', 'no_tests')
order by s.deployment, s.model, s.started_at
