{#
  Recognising test runs. `test_runner(head)` names the runner a simple command (see command_heads)
  launches, or NULL. Frameworks run through a package manager or make are identified from their
  output (`test_output_framework`).
#}
{% macro test_runner(head) -%}
    {#- `pnpm vitest`, `yarn jest`, `bun x mocha`: a package manager running a framework's binary. -#}
    {%- set pm = "(?:(?:pnpm|yarn|bun)\\s+(?:exec\\s+|dlx\\s+|x\\s+)?)?" -%}
    case
        when regexp_matches({{ head }}, '^(?:\S*/)?(?:pytest|py\.test)(?:\s|$|[\x27"])') then 'pytest'
        when regexp_matches({{ head }}, '^unittest(?:\s|$)|^(?:\S*/)?python[0-9.]*\s+(?:\S*/)?manage\.py\s+test(?:\s|$)') then 'unittest'
        when regexp_matches({{ head }}, '^{{ pm }}(?:\S*/)?vitest(?:\s|$|[\x27"])') then 'vitest'
        when regexp_matches({{ head }}, '^{{ pm }}(?:\S*/)?jest(?:\s|$|[\x27"])') then 'jest'
        when regexp_matches({{ head }}, '^{{ pm }}(?:\S*/)?mocha(?:\s|$|[\x27"])') then 'mocha'
        when regexp_matches({{ head }}, '^go\s+test(?:\s|$|[\x27"])') then 'go'
        when regexp_matches({{ head }}, '^cargo\s+(?:\+\S+\s+)?(?:test|nextest\s+run)(?:\s|$|[\x27"])') then 'cargo'
        when regexp_matches({{ head }}, '^(?:npm|pnpm|yarn|bun)\s+(?:run\s+|run-script\s+)?(?:test|t)(?::\S*)?(?:\s|$|[\x27"])')
            then regexp_extract({{ head }}, '^(npm|pnpm|yarn|bun)', 1)
        {#- make's test targets: test*, check (autotools), spec* (spec suites), *tests -#}
        when regexp_matches({{ head }}, '^make\s+(?:-\S+\s+)*(?:\S+\s+)*(?:test\S*|check|spec\S*|[\w-]+[_-]tests?)(?:\s|$)') then 'make'
        when regexp_matches({{ head }}, '^dbt\s+(?:test|build)(?:\s|$)') then 'dbt'
        when regexp_matches({{ head }}, '^(?:\S*/)?(?:phpunit|pest|paratest)(?:\s|$)|^php\s+artisan\s+test(?:\s|$)') then 'phpunit'
        when regexp_matches({{ head }}, '^(?:bundle\s+exec\s+)?(?:\S*/)?(?:rspec|rake\s+(?:test|spec)|rails\s+test)(?:\s|$)') then 'rspec'
        when regexp_matches({{ head }}, '^(?:dotnet\s+test|mix\s+test|ctest|swift\s+test|deno\s+test|bazel\s+test|zig\s+build\s+test|flutter\s+test|dart\s+test|busted|prove)(?:\s|$)') then 'other'
        when regexp_matches({{ head }}, '^(?:\S*/)?mvnw?\s+(?:-\S+\s+)*(?:\S+\s+)*(?:test|verify|install|integration-test)(?:\s|$)') then 'maven'
        {#- a test task in any module or build variant: test, :app:test, testDebugUnitTest,
            connectedAndroidTest, integrationTest -#}
        when regexp_matches({{ head }}, '^(?:\S*/)?gradlew?\s+(?:-\S+\s+)*(?:\S+\s+)*(?::?[\w-]+:)*(?:test\w*|check|build|connected\w*|\w+Test)(?:\s|$)') then 'gradle'
        when regexp_matches({{ head }}, '^(?:tox|nox)(?:\s|$)') then regexp_extract({{ head }}, '^(tox|nox)', 1)
        {#- Xcode's test action (`xcodebuild ... test`, `test-without-building`) and other runners
            whose test verb follows options: sbt, Playwright, Cypress, Leiningen, Stack, Cabal -#}
        when regexp_matches({{ head }}, '^xcodebuild\s+(?:\S+\s+)*(?:test|test-without-building)(?:\s|$)|^xcrun\s+xctest(?:\s|$)') then 'xcodebuild'
        when regexp_matches({{ head }}, '^(?:sbt\s+(?:\S+\s+)*[\x27"]?(?:test|testOnly)\b|(?:npx\s+)?playwright\s+test|(?:npx\s+)?cypress\s+run|lein\s+test|stack\s+test|cabal\s+test|bats)(?:\s|$|[\x27"])') then 'other'
        {#- a checking script the repository ships to grade or validate the work: judge.sh,
            grade.py, scripts/validate_job.py, verify.sh (run directly or through an interpreter) -#}
        when regexp_matches({{ head }}, '^(?:(?:python[0-9.]*|bash|sh|node|ruby)\s+)?(?:\S*/)?(?:judge|grade|grader|autograde|validate|verify|evaluate|score)(?:[_-]\w+)?\.(?:sh|py|js|rb)(?:\s|$)|^\./(?:judge|grade|grader|validate|verify|evaluate|score)(?:[_-]\w+)?(?:\s|$)') then 'check_script'
    end
{%- endmacro %}

{# Commands that only display files: their output is never a test run, whatever it contains. #}
{% macro is_viewer_command(col) -%}
    regexp_matches(trim({{ col }}), '^(?:cat|head|tail|less|more|grep|rg|sed|awk|echo|printf|ls|find|bat|jq|git\s+(?:log|show|diff|blame))\s')
{%- endmacro %}

{# The framework whose summary the output carries, or NULL (the summary lines each framework prints last). #}
{#- Each pattern behind a cheap test of a string it cannot match without: a (?m)^ pattern costs a
    full scan of every shell output, and most outputs are no test run. -#}
{% macro test_output_framework(out) -%}
    case
        when regexp_matches({{ out }}, '\sin\s+[\d.]+s')
            and regexp_matches({{ out }}, '(?m)^=*\s*(?:(?:\d+ (?:passed|failed|errors?|skipped|xfailed|xpassed|deselected|warnings?|rerun)(?:,\s*)?)+|no tests ran)\s+in\s+[\d.]+s') then 'pytest'
        when instr({{ out }}, 'Ran ') > 0
            and regexp_matches({{ out }}, '(?m)^Ran \d+ tests? in [\d.]+s') then 'unittest'
        when instr({{ out }}, 'test result: ') > 0
            and regexp_matches({{ out }}, 'test result: (?:ok|FAILED)\. \d+ passed; \d+ failed') then 'cargo'
        when instr({{ out }}, 'Tests:') > 0
            and regexp_matches({{ out }}, '(?m)^Tests:\s+.*\d+ total') then 'jest'
        when instr({{ out }}, 'Tests') > 0
            and regexp_matches({{ out }}, '(?m)^\s*Tests\s+(?:\d+ \w+(?: \| )?)+\s*\(\d+\)') then 'vitest'
        when regexp_matches({{ out }}, '--- |ok\s|FAIL\s')
            and regexp_matches({{ out }}, '(?m)^\s*(?:--- (?:PASS|FAIL|SKIP): |ok\s+\S+\s+(?:[\d.]+s|\(cached\))|FAIL\s+\S+\s+(?:[\d.]+s|\[))') then 'go'
        when instr({{ out }}, ' passing (') > 0
            and regexp_matches({{ out }}, '(?m)^\s*\d+ passing \(\d+') then 'mocha'
        -- JUnit through Maven Surefire / Failsafe (and Ant, sbt-junit): `Tests run: 9, Failures: 0, ...`
        when instr({{ out }}, 'Tests run: ') > 0
            and regexp_matches({{ out }}, 'Tests run: \d+, Failures: \d+') then 'junit'
        -- JUnit through Gradle: `7 tests completed, 3 failed` (printed when a test failed or skipped)
        when instr({{ out }}, ' completed, ') > 0
            and regexp_matches({{ out }}, '(?m)^\d+ tests? completed, \d+ (?:failed|skipped)') then 'junit'
        -- any other runner's own summary line, as a project's make target or script prints it: "all
        -- spec tests passed (19 files)", "3/41 passed", "1 failure", "12 examples, 0 failures",
        -- "OK (12 tests)", minitest's "3 runs, 5 assertions, 0 failures"; counts unknown
        when regexp_matches({{ out }}, '(?i)pass|fail|OK \(')
            and regexp_matches({{ out }}, '(?im)^\s*(?:all\s+)?(?:\d+\s+)?(?:unit\s+|integration\s+|spec\s+|e2e\s+|acceptance\s+)?(?:tests?|specs?)\s+(?:passed|succeeded|failed)\b|^\s*\d+\s*/\s*\d+\s+(?:tests?\s+)?passed\b|^\s*\d+\s+(?:failures?|tests? failed)\s*$|^\s*\d+ examples?, \d+ failures?|^OK \(\d+ tests?\)|\b\d+ runs, \d+ assertions, \d+ failures') then 'generic'
    end
{%- endmacro %}

{# The first integer captured by `pattern` in `text`, NULL when it does not match. #}
{% macro count_in(text, pattern) -%}
    try_cast(nullif(regexp_extract({{ text }}, '{{ pattern }}', 1), '') as integer)
{%- endmacro %}

{# The sum of the integers captured by `pattern` over every match in `text` (0 when none). #}
{% macro sum_all(text, pattern) -%}
    {%- set matches -%} regexp_extract_all({{ text }}, '{{ pattern }}', 1) {%- endset -%}
    {{ cw_list_sum(cw_transform(matches, 'x', 'cast(x as integer)')) }}
{%- endmacro %}
