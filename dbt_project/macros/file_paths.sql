{#
  Classifying edited paths. Each takes a lower-cased path. Conventions, not certainties: a file under
  tests/ is a test file even when it is a fixture, because editing fixtures changes what tests check.
#}
{% macro is_test_path(p) -%}
    (
        regexp_matches({{ p }}, '(?:^|/)(?:tests?|__tests__|specs?|testing|e2e|test_?data)/')
        or regexp_matches({{ p }}, '(?:^|/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go|rb|exs?)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|conftest\.py|[^/]*_spec\.rb|[^/]*tests?\.rs|[^/]*tests?\.(?:java|kt|cs|php|swift|scala))$')
    )
{%- endmacro %}

{% macro is_test_config_path(p) -%}
    regexp_matches({{ p }}, '(?:^|/)(?:pytest\.ini|tox\.ini|noxfile\.py|conftest\.py|setup\.cfg|\.coveragerc|\.?codecov\.ya?ml|phpunit\.xml(?:\.dist)?|karma\.conf\.[jt]s|\.mocharc(?:\.[a-z]+)?|\.nycrc(?:\.[a-z]+)?|(?:jest|vitest|playwright|cypress|karma|ava)\.config\.[cm]?[jt]s(?:on)?|jest\.setup\.[jt]s|setup[-_]?tests\.[jt]s)$')
{%- endmacro %}

{% macro is_ci_config_path(p) -%}
    regexp_matches({{ p }}, '(?:^|/)(?:\.github/(?:workflows|actions)/|\.circleci/|\.buildkite/|\.husky/|\.git/hooks/|\.gitlab-ci\.ya?ml$|\.travis\.ya?ml$|jenkinsfile$|azure-pipelines\.ya?ml$|bitbucket-pipelines\.ya?ml$|\.drone\.ya?ml$|\.pre-commit-config\.ya?ml$|\.woodpecker\.ya?ml$)')
{%- endmacro %}
