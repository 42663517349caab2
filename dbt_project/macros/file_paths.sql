{#
  Classifying edited paths: the one definition the facts, the marts and the detectors share. Each
  takes a path (any case). Conventions, not certainties: a file under tests/ is a test file even when
  it is a fixture, because editing fixtures changes what tests check.
#}
{% macro is_test_path(p) -%}
    (
        regexp_matches({{ p }}, '(?i)(?:^|/)(?:tests?|__tests__|specs?|testing|e2e|integration_tests|test_?data)/')
        or {{ is_test_file_name(p) }}
    )
{%- endmacro %}

{# The file's own name marks it a test, wherever it lives: what runners collect by default. A test
   renamed to a name no runner collects (test_x.py -> x_checks.py.disabled) is gone from the suite
   even when it stays under tests/. #}
{% macro is_test_file_name(p) -%}
    regexp_matches({{ p }}, '(?i)(?:^|/)(?:test_[^/]*\.py|[^/]*_tests?\.(?:py|go|rs|rb|exs?|php)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|conftest\.py|[^/]*_spec\.rb|[^/]*tests?\.rs|[^/]*tests?\.(?:java|kt|cs|php|swift|scala))$')
{%- endmacro %}

{# Files that only configure a test runner or coverage. #}
{% macro is_test_config_path(p) -%}
    regexp_matches({{ p }}, '(?i)(?:^|/)(?:pytest\.ini|tox\.ini|noxfile\.py|conftest\.py|\.coveragerc|\.?codecov\.ya?ml|phpunit\.xml(?:\.dist)?|karma\.conf\.[cm]?[jt]s|\.mocharc(?:\.[a-z]+)?|\.nycrc(?:\.[a-z]+)?|(?:jest|vitest|playwright|cypress|karma|ava)\.config\.[cm]?[jt]s(?:on)?|jest\.setup\.[jt]s|setup[-_]?tests\.[jt]s)$')
{%- endmacro %}

{# Files that configure tests among other things: they count as test config only when the edit
   touches their test settings (`test_settings_re`). #}
{% macro is_mixed_config_path(p) -%}
    regexp_matches({{ p }}, '(?i)(?:^|/)(?:pyproject\.toml|setup\.cfg|package\.json|pom\.xml|build\.gradle(?:\.kts)?|Makefile|Cargo\.toml|\.cargo/config(?:\.toml)?|go\.mod|Rakefile|composer\.json|phpunit\.xml\.dist|tsconfig\.json)$')
{%- endmacro %}

{% macro test_settings_re() -%}
    '(?i)\[tool\.pytest|\[tool:pytest\]|\[pytest\]|\[tool\.coverage|\[coverage:|\baddopts\b|\btestpaths\b|\bfail_under\b|--cov-fail-under|"test"\s*:|"jest"\s*:|"vitest"\s*:|surefire|failsafe|<excludes?>|<skipTests>|maven\.test\.skip|-DskipTests|\btest\s*\{|\bexclude\s*[("'']|\btestOptions\b|^test:|\bcoverageThreshold\b'
{%- endmacro %}

{% macro is_ci_config_path(p) -%}
    regexp_matches({{ p }}, '(?i)(?:^|/)(?:\.github/(?:workflows|actions)/|\.circleci/|\.buildkite/|\.husky/|\.git/hooks/|\.gitlab-ci\.ya?ml$|\.travis\.ya?ml$|jenkinsfile$|azure-pipelines\.ya?ml$|bitbucket-pipelines\.ya?ml$|\.drone\.ya?ml$|\.pre-commit-config\.ya?ml$|\.woodpecker\.ya?ml$)')
{%- endmacro %}

{# Caches and build output: edits there are never test tampering. #}
{% macro is_generated_path(p) -%}
    regexp_matches({{ p }}, '(?i)__pycache__|\.pyc$|\.pytest_cache|\.mypy_cache|\.ruff_cache|node_modules/|(?:^|/)coverage/|\.coverage$|^/tmp/')
{%- endmacro %}

{# Prose: documentation, notes and changelogs. Code quoted there ("an early `sys.exit(0)` in a conftest
   would pass") describes a gap; it does not run. #}
{% macro is_prose_path(p) -%}
    regexp_matches({{ p }}, '(?i)\.(?:md|markdown|rst|adoc|txt)$')
{%- endmacro %}

{# The same file, named absolute in one call and relative to the cwd in another (a Write names
   /home/u/app/x.log, a later `sed -i … x.log` the relative one). #}
{% macro same_file(a, b) -%}
    ({{ a }} = {{ b }} or right({{ a }}, length({{ b }}) + 1) = '/' || {{ b }}
     or right({{ b }}, length({{ a }}) + 1) = '/' || {{ a }})
{%- endmacro %}
