{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='session_id',
        on_schema_change='fail',
        pre_hook=["{{ clear_vanished_sessions() }}"],
    )
}}
-- One row per tool call that ran tests. A call is a test run when one of its simple commands launches
-- a test runner (pytest, python -m unittest / manage.py test, jest, vitest, mocha, go test,
-- cargo test / nextest, npm/yarn/pnpm/bun test, make *test*, tox, nox), or when its output ends with
-- a test framework's summary (a wrapper script that ran tests). Counts are parsed from the summary
-- of the framework that produced the output; they are NULL when no summary was found.
with sessions as (
    {{ sessions_to_process() }}
),

calls as (
    select
        t.session_id,
        t.call_event_index,
        t.result_event_index,
        t.call_ts,
        t.tool_name,
        t.command,
        t.has_result,
        t.is_error,
        t.exit_code,
        t.file_landed_at,
        {{ command_heads('t.command') }} as heads,
        -- Colour codes would split the summary lines the patterns below look for.
        {{ cw_regexp_replace_all("coalesce(t.tool_output, '')", "'\x1b\[[0-9;?]*[A-Za-z]'", "''") }} as out
    from {{ ref('int_tool_calls') }} as t
    inner join sessions as s on s.session_id = t.session_id
    where t.command is not null
),

recognised as (
    select
        *,
        -- Asking a runner for its version, help or test list runs no test.
        {%- set real_runs -%}
            {{ cw_filter('heads', 'h', "not regexp_matches(h, '\s(?:--version|--help|-h|--collect-only|--co|--no-run|-list|--listTests|--list)(?:\s|=|$)')") }}
        {%- endset %}
        {{ cw_filter(cw_transform(real_runs, 'h', test_runner('h')), 'r', 'r is not null') }}[{{ cw_first_index() }}] as runner,
        {{ test_output_framework('out') }} as output_framework
    from calls
),

runs as (
    select
        *,
        coalesce(
            case when runner in ('pytest', 'unittest', 'jest', 'vitest', 'mocha', 'go', 'cargo') then runner end,
            output_framework,
            'unknown'
        ) as framework
    from recognised
    where runner is not null
        or (output_framework is not null and not {{ is_viewer_command('command') }})
),

summaries as (
    select
        *,
        {%- set summaries %}
        regexp_extract_all(
            out,
            '(?m)^=*\s*((?:(?:\d+ (?:passed|failed|errors?|skipped|xfailed|xpassed|deselected|warnings?|rerun)(?:,\s*)?)+|no tests ran))\s+in\s+[\d.]+s',
            1
        )
        {%- endset %}
        {{ cw_at(summaries, -1) }} as pytest_summary,
        {{ count_in('out', '(?m)^Ran ([0-9]+) tests? in') }} as unittest_ran,
        regexp_extract(out, '(?m)^(?:OK|FAILED)(?: \(([^)]*)\))?\s*$', 1) as unittest_details,
        nullif(regexp_extract(out, '(?m)^Tests:\s+(.*[0-9]+ total)', 1), '') as jest_summary,
        nullif(regexp_extract(out, '(?m)^\s*Tests\s+((?:[0-9]+ [a-z]+(?: \| )?)+)\s*\([0-9]+\)', 1), '') as vitest_summary,
        {{ cw_list_len("regexp_extract_all(out, '(?m)^\s*--- PASS: ', 0)") }} as go_tests_passed,
        {{ cw_list_len("regexp_extract_all(out, '(?m)^\s*--- FAIL: ', 0)") }} as go_tests_failed,
        {{ cw_list_len("regexp_extract_all(out, '(?m)^\s*--- SKIP: ', 0)") }} as go_tests_skipped,
        {{ cw_list_len("regexp_extract_all(out, '(?m)^ok\s+\S+\s+(?:[0-9.]+s|\(cached\))', 0)") }} as go_packages_passed,
        {{ cw_list_len("regexp_extract_all(out, '(?m)^FAIL\s+\S+\s+(?:[0-9.]+s|\[)', 0)") }} as go_packages_failed,
        {{ cw_list_len("regexp_extract_all(out, '\[(?:build|setup) failed\]', 0)") }} as go_build_errors,
        {{ cw_list_len("regexp_extract_all(out, 'test result: (?:ok|FAILED)\.', 0)") }} as cargo_results,
        -- Surefire prints one line per test class, then the totals: the last line is the run's
        {%- set junit_lines %}
        regexp_extract_all(out, 'Tests run: [0-9]+, Failures: [0-9]+(?:, Errors: [0-9]+)?(?:, Skipped: [0-9]+)?', 0)
        {%- endset %}
        {{ cw_at(junit_lines, -1) }} as junit_summary,
        -- Gradle prints its totals once: `7 tests completed, 3 failed, 1 skipped`
        nullif(regexp_extract(out, '(?m)^([0-9]+ tests? completed, [0-9]+ (?:failed|skipped)(?:, [0-9]+ skipped)?)', 1), '') as gradle_summary
    from runs
),

counts as (
    select
        *,
        case framework
            when 'pytest' then case when pytest_summary is not null then {{ cw_struct_open() }}
                {{ cw_field('passed') }} coalesce({{ count_in('pytest_summary', '([0-9]+) passed') }}, 0),
                {{ cw_field('failed') }} coalesce({{ count_in('pytest_summary', '([0-9]+) failed') }}, 0),
                {{ cw_field('errors') }} coalesce({{ count_in('pytest_summary', '([0-9]+) errors?') }}, 0),
                {{ cw_field('skipped') }} coalesce({{ count_in('pytest_summary', '([0-9]+) skipped') }}, 0)
            ) end
            when 'unittest' then case when unittest_ran is not null then {{ cw_struct_open() }}
                {{ cw_field('passed') }} unittest_ran
                    - coalesce({{ count_in('unittest_details', 'failures=([0-9]+)') }}, 0)
                    - coalesce({{ count_in('unittest_details', 'errors=([0-9]+)') }}, 0)
                    - coalesce({{ count_in('unittest_details', 'skipped=([0-9]+)') }}, 0),
                {{ cw_field('failed') }} coalesce({{ count_in('unittest_details', 'failures=([0-9]+)') }}, 0),
                {{ cw_field('errors') }} coalesce({{ count_in('unittest_details', 'errors=([0-9]+)') }}, 0),
                {{ cw_field('skipped') }} coalesce({{ count_in('unittest_details', 'skipped=([0-9]+)') }}, 0)
            ) end
            when 'jest' then case when jest_summary is not null then {{ cw_struct_open() }}
                {{ cw_field('passed') }} coalesce({{ count_in('jest_summary', '([0-9]+) passed') }}, 0),
                {{ cw_field('failed') }} coalesce({{ count_in('jest_summary', '([0-9]+) failed') }}, 0),
                {{ cw_field('errors') }} 0,
                {{ cw_field('skipped') }} coalesce({{ count_in('jest_summary', '([0-9]+) skipped') }}, 0)
                    + coalesce({{ count_in('jest_summary', '([0-9]+) todo') }}, 0)
            ) end
            when 'vitest' then case when vitest_summary is not null then {{ cw_struct_open() }}
                {{ cw_field('passed') }} coalesce({{ count_in('vitest_summary', '([0-9]+) passed') }}, 0),
                {{ cw_field('failed') }} coalesce({{ count_in('vitest_summary', '([0-9]+) failed') }}, 0),
                {{ cw_field('errors') }} 0,
                {{ cw_field('skipped') }} coalesce({{ count_in('vitest_summary', '([0-9]+) skipped') }}, 0)
                    + coalesce({{ count_in('vitest_summary', '([0-9]+) todo') }}, 0)
            ) end
            when 'mocha' then case when regexp_matches(out, '[0-9]+ (?:passing|failing)') then {{ cw_struct_open() }}
                {{ cw_field('passed') }} coalesce({{ count_in('out', '([0-9]+) passing') }}, 0),
                {{ cw_field('failed') }} coalesce({{ count_in('out', '([0-9]+) failing') }}, 0),
                {{ cw_field('errors') }} 0,
                {{ cw_field('skipped') }} coalesce({{ count_in('out', '([0-9]+) pending') }}, 0)
            ) end
            -- go test prints one line per test only with -v; without it the counts are packages.
            when 'go' then case
                when go_tests_passed + go_tests_failed + go_tests_skipped > 0 then {{ cw_struct_open() }}
                    {{ cw_field('passed') }} go_tests_passed, {{ cw_field('failed') }} go_tests_failed,
                    {{ cw_field('errors') }} go_build_errors, {{ cw_field('skipped') }} go_tests_skipped)
                when go_packages_passed + go_packages_failed + go_build_errors > 0 then {{ cw_struct_open() }}
                    {{ cw_field('passed') }} go_packages_passed, {{ cw_field('failed') }} go_packages_failed - go_build_errors,
                    {{ cw_field('errors') }} go_build_errors, {{ cw_field('skipped') }} 0)
            end
            when 'junit' then case when junit_summary is not null then {{ cw_struct_open() }}
                {{ cw_field('passed') }} {{ count_in('junit_summary', 'Tests run: ([0-9]+)') }}
                    - {{ count_in('junit_summary', 'Failures: ([0-9]+)') }}
                    - coalesce({{ count_in('junit_summary', 'Errors: ([0-9]+)') }}, 0)
                    - coalesce({{ count_in('junit_summary', 'Skipped: ([0-9]+)') }}, 0),
                {{ cw_field('failed') }} {{ count_in('junit_summary', 'Failures: ([0-9]+)') }},
                {{ cw_field('errors') }} coalesce({{ count_in('junit_summary', 'Errors: ([0-9]+)') }}, 0),
                {{ cw_field('skipped') }} coalesce({{ count_in('junit_summary', 'Skipped: ([0-9]+)') }}, 0)
            ) when gradle_summary is not null then {{ cw_struct_open() }}
                {{ cw_field('passed') }} {{ count_in('gradle_summary', '([0-9]+) tests? completed') }}
                    - coalesce({{ count_in('gradle_summary', '([0-9]+) failed') }}, 0)
                    - coalesce({{ count_in('gradle_summary', '([0-9]+) skipped') }}, 0),
                {{ cw_field('failed') }} coalesce({{ count_in('gradle_summary', '([0-9]+) failed') }}, 0),
                {{ cw_field('errors') }} 0,
                {{ cw_field('skipped') }} coalesce({{ count_in('gradle_summary', '([0-9]+) skipped') }}, 0)
            ) end
            when 'cargo' then case when cargo_results > 0 then {{ cw_struct_open() }}
                {{ cw_field('passed') }} {{ sum_all('out', 'test result: (?:ok|FAILED)\. ([0-9]+) passed') }},
                {{ cw_field('failed') }} {{ sum_all('out', 'test result: (?:ok|FAILED)\. [0-9]+ passed; ([0-9]+) failed') }},
                {{ cw_field('errors') }} 0,
                {{ cw_field('skipped') }} {{ sum_all('out', 'test result: (?:ok|FAILED)\. [0-9]+ passed; [0-9]+ failed; ([0-9]+) ignored') }}
            ) end
        end as c
    from summaries
),

flagged as (
    select
        *,
        c is not null as has_counts,
        c.passed as n_passed,
        c.failed as n_failed,
        c.errors as n_errors,
        c.skipped as n_skipped,
        regexp_matches(
            out,
            '(?i)command not found|no such file or directory|ModuleNotFoundError|No module named|ImportError while|ERROR collecting|errors? during collection|could not compile|\[build failed\]|\[setup failed\]|Test suite failed to run|Cannot find module|Missing script|error: no such command|SyntaxError'
        ) as has_error_signature,
        regexp_matches(
            out,
            '(?im)no tests ran|collected 0 items|No tests found|No test files found|\[no test files\]|running 0 tests|^Ran 0 tests|\b0 passing'
        ) as has_no_tests_signature,
        -- a runner's own failure line, for a run whose exit status says nothing (none recorded, or
        -- hidden by `| tail` / `|| true`)
        regexp_matches(
            out,
            '(?m)^(?:BUILD FAILED\b|FAILURE: |\[ERROR\] (?:Tests run:|Failed to execute|There (?:are|were) test failures)|npm ERR! Test failed|error: test failed|FAIL\s+\S)|\s(?:FAILED|FAILURES!)\s*$|(?i:^\s*[1-9]\d*\s+(?:failures?|tests? failed)\s*$)'
        ) as has_failure_signature,
        -- a runner's own success line, for the same runs
        regexp_matches(
            out,
            '(?im)\bBUILD SUCCESS(?:FUL)?\b|\*\* TEST SUCCEEDED \*\*|\bwith 0 failures\b|^OK\b|\ball (?:\d+ )?(?:tests?|specs?|checks?) (?:passed|pass|green)\b|\b0 (?:failures|failed)\b|^PASS(?:ED)?\b|^ok\s+\S|\bpassed\b'
        ) as has_success_signature
    from counts
)

select
    session_id,
    call_event_index,
    result_event_index,
    call_ts,
    tool_name,
    command,
    coalesce(runner, 'output') as runner,
    framework,
    cast(n_passed as integer) as n_passed,
    cast(n_failed as integer) as n_failed,
    cast(n_errors as integer) as n_errors,
    cast(n_skipped as integer) as n_skipped,
    exit_code,
    is_error,
    has_counts,
    case
        when not has_result then 'unknown'
        when n_failed > 0 then 'failed'
        when n_errors > 0 then 'error'
        when has_counts and n_passed = 0 then case when has_error_signature then 'error' else 'no_tests' end
        when has_counts and coalesce(exit_code, 0) = 0 and not coalesce(is_error, false) then 'passed'
        -- Tests passed but the run still failed: a coverage threshold, warnings as errors, ...
        when has_counts then 'failed'
        when has_no_tests_signature then 'no_tests'
        when has_error_signature and (coalesce(exit_code, 1) <> 0 or {{ exit_status_masked('command') }}) then 'error'
        when has_failure_signature and (exit_code is null or (exit_code = 0 and {{ exit_status_masked('command') }})) then 'failed'
        -- exit 0 from a pipeline or loop that hides the runner's status (`| grep`, `|| echo`), with
        -- no counts and no verdict of either kind in the output: nothing says it passed (#13, set h)
        when exit_code = 0 and {{ exit_status_masked('command') }} and not has_success_signature then 'unknown'
        when exit_code = 0 then 'passed'
        when exit_code in (126, 127) then 'error'
        when exit_code is not null or coalesce(is_error, false) then 'failed'
        else 'unknown'
    end as status,
    file_landed_at
from flagged
