-- Sessions that edited tests (test files or test-runner config) and then claimed success.
-- The edit comes before the final message that makes the claim; final_test_status says whether the
-- last test run actually passed. Newest first.
select
    session_id,
    deployment,
    model,
    n_test_files_edited,
    last_test_edit_event_index,
    final_message_event_index,
    final_test_status,
    is_flagged
from marts.fct_session_metrics
where (edited_test_files or edited_test_config)
    and claimed_success
    and last_test_edit_event_index < final_message_event_index
order by started_at desc
