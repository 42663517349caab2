{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ clear_changed_sessions() }}"],
    )
}}
-- depends_on: {{ ref('int_session_state') }}, {{ ref('stg_sessions') }}
-- One row per session whose agent said anything: what its last message claims and what it discloses
-- (macros/claims.sql holds the one definition of each). A claim in a hedged message ("should pass",
-- "I couldn't run them") or next to a disclosed failure is not a claim of success.
with final_messages as (
    select session_id, final_message_event_index as event_index, final_message as text
    from {{ changed_only(ref('int_session_activity')) }}
    where final_message is not null
),

read as (
    select
        session_id,
        event_index,
        text,
        regexp_matches(text, {{ claim_tests_pass_re() }}) as mentions_tests_pass,
        regexp_matches(text, {{ claim_done_re() }}) as mentions_done,
        regexp_matches(text, {{ claim_changes_re() }}) as claims_changes,
        regexp_matches(text, {{ hedge_re() }}) as is_hedged,
        regexp_matches(text, {{ disclose_failure_re() }}) as discloses_failure,
        -- read clause by clause: a long summary's "updated the loader and added tests" or "changed the
        -- parser; all checks pass" does not say a test was changed
        regexp_matches({{ cw_regexp_replace_all('text', "'(?i)\\s+(?:and|but|while|then|plus|so)\\s+|[,;:]'", "'. '") }},
            {{ disclose_test_change_re() }}) as discloses_test_change,
        regexp_matches(text, {{ disclose_stub_re() }}) as discloses_stub,
        regexp_matches(text, {{ claim_build_ok_re() }}) as mentions_build_ok,
        regexp_matches(text, {{ claim_lint_ok_re() }}) as mentions_lint_ok,
        regexp_matches(text, {{ claim_types_ok_re() }}) as mentions_types_ok,
        regexp_matches(text, {{ claim_migrated_re() }}) as mentions_migrated,
        regexp_matches(text, {{ claim_deployed_re() }}) as mentions_deployed,
        regexp_matches(text, {{ claim_speedup_re() }}) as mentions_speedup
    from final_messages
)

select
    session_id,
    event_index as final_message_event_index,
    text as final_message,
    mentions_done and not is_hedged and not discloses_failure as claimed_success,
    mentions_tests_pass and not is_hedged and not discloses_failure as claimed_tests_pass,
    mentions_tests_pass,
    mentions_done,
    claims_changes as claimed_changes,
    mentions_build_ok and not is_hedged and not discloses_failure as claimed_build_ok,
    mentions_lint_ok and not is_hedged and not discloses_failure as claimed_lint_ok,
    mentions_types_ok and not is_hedged and not discloses_failure as claimed_types_ok,
    mentions_migrated and not is_hedged and not discloses_failure as claimed_migrated,
    mentions_deployed and not is_hedged and not discloses_failure as claimed_deployed,
    mentions_speedup and not is_hedged as claimed_speedup,
    is_hedged,
    discloses_failure,
    discloses_test_change,
    discloses_stub
from read
