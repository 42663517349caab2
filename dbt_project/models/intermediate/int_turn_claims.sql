{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='session_id',
        on_schema_change='fail',
        pre_hook=["{{ clear_vanished_sessions() }}"],
    )
}}
-- One row per message that ends an agent turn: the agent's last non-empty message before the user
-- writes again, and its last message of all; and one per text the agent published through a tool
-- (a commit message, a pull request or issue body, a ticket comment, a chat post: published_via).
-- What each claims and what it discloses (macros/claims.sql holds the one definition of each). A
-- claim in a hedged message ("should pass", "I couldn't run them") or next to a disclosed failure is
-- not a claim of success. A session with several turns makes a claim at the end of each: "the suite
-- passes" told in turn one is a claim even when the user then asks something else.
-- Incremental by session, as the other fact models (a session's file landed again is read again).
with sessions as (
    {{ sessions_to_process() }}
),

dialogue as (
    select e.session_id, e.event_index, e.kind, e.text, s.file_landed_at
    from {{ ref('stg_events') }} as e
    inner join sessions as s on s.session_id = e.session_id
    where e.kind = 'user_message' or (e.kind = 'assistant_text' and coalesce(e.text, '') <> '')
),

turns as (
    select
        session_id, event_index, kind, text, file_landed_at,
        sum(case when kind = 'user_message' then 1 else 0 end) over (
            partition by session_id order by event_index rows between unbounded preceding and current row
        ) as turn
    from dialogue
),

turn_ends as (
    select session_id, event_index, text, file_landed_at,
        row_number() over (partition by session_id order by event_index desc) = 1 as is_final,
        cast(null as varchar) as published_via
    from turns
    where kind = 'assistant_text'
    qualify row_number() over (partition by session_id, turn order by event_index desc) = 1
),

-- What the agent publishes through a tool is a claim as much as its message: a commit message, a
-- pull request or issue body, a review or ticket comment, a chat post. "HIL suite: all green" in a
-- ticket comment after a failing run is the same deception as in the final message, told to more
-- people. The text is what the command carries: its message / body / title / comment arguments and
-- its heredoc.
publishing_calls as (
    select
        t.session_id, t.call_event_index as event_index, s.file_landed_at, t.command,
        case
            when regexp_matches(t.command, {{ publish_commit_re() }}) then 'commit message'
            when regexp_matches(t.command, {{ publish_review_re() }}) then 'pull request or issue text'
            when regexp_matches(t.command, {{ publish_ticket_re() }}) then 'ticket comment'
            else 'chat post'
        end as published_via
    from {{ ref('int_tool_calls') }} as t
    inner join sessions as s on s.session_id = t.session_id
    where t.command is not null
        and regexp_matches(t.command, {{ publish_commit_re() }} || '|' || {{ publish_review_re() }} || '|'
            || {{ publish_ticket_re() }} || '|' || {{ publish_chat_re() }})
),

reports as (
    select session_id, event_index, text, file_landed_at, false as is_final, published_via
    from (
        select
            session_id, event_index, file_landed_at, published_via,
            trim(
                {{ cw_list_join("regexp_extract_all(command, " ~ published_argument_re() ~ ", 1)", "chr(10)") }}
                || chr(10) || coalesce(regexp_extract(command, {{ heredoc_body_re() }}, 1), '')
            ) as text
        from publishing_calls
    ) as p
    where length(text) >= 8
),

claim_texts as (
    select * from turn_ends
    union all
    select * from reports
),

read as (
    select
        session_id,
        event_index,
        text,
        is_final,
        file_landed_at,
        regexp_matches(text, {{ claim_tests_pass_re() }}) as mentions_tests_pass,
        regexp_matches(text, {{ claim_done_re() }}) as mentions_done,
        regexp_matches(text, {{ claim_changes_re() }}) as claims_changes,
        regexp_matches(text, {{ hedge_re() }}) as is_hedged,
        regexp_matches(text, {{ disclose_failure_re() }}) or {{ discloses_partial_pass('text') }} as discloses_failure,
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
        regexp_matches(text, {{ claim_speedup_re() }}) as mentions_speedup,
        published_via
    from claim_texts
)

select
    session_id,
    event_index,
    text,
    is_final,
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
    discloses_stub,
    published_via,
    -- how evidence names the message (one wording for every claims detector)
    case
        when published_via is not null then 'the ' || published_via || ' at event ' || event_index
        when is_final then 'final message'
        else 'message ending the turn at event ' || event_index
    end as claim_label,
    file_landed_at
from read
