{#
  What a simple command (a head from command_heads) does besides running tests: build, lint,
  typecheck, migration, deploy or benchmark (benchmark harnesses and runs timed by /usr/bin/time);
  NULL for anything else. Test runs are int_test_runs'.
#}
{% macro command_kind(head) -%}
    {%- set pm = "(?:npm|pnpm|yarn|bun)\\s+(?:run\\s+|run-script\\s+)?" -%}
    case
        when regexp_matches({{ head }}, '^(?:{{ pm }}(?:type-?check|tsc|check-types|types)\b|mypy\b|pyright\b|tsc\b[^|;&]*--noEmit|(?:\S*/)?vue-tsc\b|basedpyright\b)') then 'typecheck'
        when regexp_matches({{ head }}, '^(?:{{ pm }}lint\S*|ruff(?:\s+check)?\b|eslint\b|flake8\b|pylint\b|golangci-lint\b|cargo\s+clippy\b|rubocop\b|prettier\b[^|;&]*--check|black\b[^|;&]*--check|shellcheck\b|stylelint\b|biome\s+(?:check|lint)\b|make\s+lint\b)') then 'lint'
        when regexp_matches({{ head }}, '^(?:alembic\s+(?:upgrade|downgrade)|(?:\S*/)?manage\.py\s+migrate|python[0-9.]*\s+(?:\S*/)?manage\.py\s+migrate|prisma\s+migrate\s+(?:deploy|dev|reset)\b|(?:bundle\s+exec\s+)?(?:rails|rake)\s+db:(?:migrate|rollback)(?:\s|$)|flyway\s+migrate|knex\s+migrate|sequelize\s+db:migrate|goose\b[^|;&]*\s(?:up|down)\b|dbmate\s+(?:up|migrate)|migrate\s+-(?:path|database)|php\s+artisan\s+migrate(?::(?:fresh|refresh|reset|rollback))?(?:\s|$)|(?:\S*/)?rails\s+db:migrate(?:\s|$)|flask\s+db\s+upgrade|diesel\s+migration\s+run|sqlx\s+migrate\s+run|mix\s+ecto\.migrate|liquibase\s+update|atlas\s+migrate\s+apply|npx\s+(?:sequelize(?:-cli)?|knex|prisma|typeorm|drizzle-kit)\s+\S*migrat|{{ pm }}(?:migrate|db:migrate)(?::(?:up|latest|run|deploy))?(?:\s|$))') then 'migration'
        when regexp_matches({{ head }}, '^(?:kubectl\s+(?:apply|rollout|set\s+image|replace)|(?:\S*/)?[\w.-]+\s+deploy\b|(?:\S*/)?deploy[\w.-]*\.(?:sh|py)\b|helm\s+(?:upgrade|install)|terraform\s+apply|vercel\b(?:\s+(?:--prod|deploy))?|flyctl?\s+deploy|fly\s+deploy|(?:serverless|sls)\s+deploy|gcloud\s+(?:app|run|functions)\s+deploy|firebase\s+deploy|netlify\s+deploy|cdk\s+deploy|pulumi\s+up|eb\s+deploy|ansible-playbook\b|git\s+push\s+(?:heroku|dokku)\b|{{ pm }}deploy\S*|make\s+deploy\b|(?:\./)?gradlew?\s+(?:-\S+\s+)*(?:[\w:-]+\s+)*(?::?[\w-]+:)*publish\w*\b|mvnw?\s+(?:-\S+\s+)*(?:\S+\s+)*deploy\b|{{ pm }}publish\b|npm\s+publish\b|cargo\s+publish\b|twine\s+upload\b|gem\s+push\b|poetry\s+publish\b)') then 'deploy'
        -- a run timed by /usr/bin/time (or `time` inside a loop body: the keyword is stripped from a
        -- head only at its start) is a measurement: its status is the measured run's
        when regexp_matches({{ head }}, '^(?:(?:do|then|else)\s+)?(?:(?:/usr(?:/local)?/bin/)?g?time\s+(?:-\S+\s+(?:\x27[^\x27]*\x27\s+|"[^"]*"\s+|\S+\s+)?)*\S|hyperfine\b|cargo\s+bench\b|go\s+test\b[^|;&]*-bench|pytest\b[^|;&]*--benchmark|{{ pm }}bench\S*|python[0-9.]*\s+\S*bench\S*\.py|asv\s+run\b|make\s+bench\b)') then 'benchmark'
        when regexp_matches({{ head }}, '^(?:{{ pm }}build\S*|dbt\s+(?:build|run)\b|bazel\s+build\b|sbt\s+(?:compile|package)\b|xcodebuild\b|cargo\s+(?:build|check)\b|go\s+build\b|mvn\b[^|;&]*\s(?:package|compile|install|verify)\b|(?:\./)?gradlew?\s+(?:-\S+\s+)*(?:[\w:-]+\s+)*(?::?[\w-]+:)*(?:build|assemble\w*|compile\w*|shadowJar|jar|bootJar|war|installDist|dist(?:Zip|Tar))\b|docker\s+(?:build|compose\s+build)\b|tsc\b|python[0-9.]*\s+-m\s+build\b|vite\s+build\b|next\s+build\b|webpack\b|dotnet\s+build\b|swift\s+build\b|cmake\s+--build\b|make(?:\s+(?:-\S+\s+)*(?:all|build|release))?\s*$)') then 'build'
    end
{%- endmacro %}
