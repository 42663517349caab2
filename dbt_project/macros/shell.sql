{#
  The shell command of a tool call's JSON input, as one string: `command` (Claude Code Bash,
  canonical JSONL), `cmd` (Codex exec_command) or `action.command` (Codex local_shell_call), each
  either a string or an argv list joined by spaces. NULL when the input is not a JSON object.
  The CASEs are nested so json_type never sees text that is not JSON.
#}
{% macro shell_command(col) -%}
    case when {{ cw_json_valid(col) }} then
        case when {{ cw_json_type(col) }} = 'OBJECT' then
            case
                -- an editor's subcommand ({"command": "view", "path": ...}: OpenHands, Inspect), not a shell's
                when {{ cw_json_type(col, '$.path') }} is not null then null
                {%- for key in ['$.command', '$.cmd', '$.action.command'] %}
                when {{ cw_json_type(col, key) }} = 'VARCHAR' then {{ cw_json_string(col, key) }}
                when {{ cw_json_type(col, key) }} = 'ARRAY' then array_to_string({{ cw_json_strings(col, key) }}, ' ')
                {%- endfor %}
            end
        end
    end
{%- endmacro %}

{#
  A command split into its simple commands (on &&, ||, ;, |, newlines), each with the prefixes that
  only launch the real program stripped: env assignments, a loop or branch body's `do`/`then`/`else`,
  sudo/time/timeout, `bash -lc`, `uv run`,
  `poetry run`, `python -m`, `npx`, a leading `cd dir`-free subshell paren or quote.
  `python -m pytest -q` -> `pytest -q`; `bash -lc "cd app && npm test"` -> [`cd app`, `npm test"`].
#}
{% macro command_heads(col) -%}
    list_transform(
        string_split_regex(regexp_replace({{ col }}, '(?s)<<.*$', ''), '\s*(?:&&|\|\||;|\||\n)\s*'),
        lambda seg: regexp_replace(
            trim(seg),
            '^(?:(?:[A-Za-z_][A-Za-z0-9_]*=\S*|do|then|else|sudo|time|nice|nohup|setsid|env|command|exec|xvfb-run|timeout\s+\S+|(?:ba|z)?sh\s+-\w*c|uv\s+run(?:\s+--?[a-z-]+)*|poetry\s+run|pipenv\s+run|pdm\s+run|hatch\s+run|rye\s+run|python[0-9.]*\s+-m|npx|bunx|pnpm\s+exec|yarn\s+exec)\s+|[(\x27"]\s*)*',
            ''
        )
    )
{%- endmacro %}

{#
  The working directory a tool call names in its JSON input (`workdir`, `cwd`, Codex
  `action.working_directory`), or NULL.
#}
{% macro tool_workdir(col) -%}
    case when {{ cw_json_valid(col) }} then
        case when {{ cw_json_type(col) }} = 'OBJECT' then
            coalesce(
                {{ cw_json_string(col, '$.workdir') }}, {{ cw_json_string(col, '$.cwd') }},
                {{ cw_json_string(col, '$.action.working_directory') }}
            )
        end
    end
{%- endmacro %}

{#
  The command hides its exit status, so exit 0 says nothing about the program it ran: its failure is
  swallowed (`|| true`, `|| :`, `|| exit 0`, `|| echo ...`, a trailing `; true`) or its output piped
  into a filter (`| tail -5`, `| head`, `| grep`, `| tee`) without `set -o pipefail`. The run
  models then take the output's own verdict, as for a call with no exit status.
#}
{% macro exit_status_masked(col) -%}
    (
        regexp_matches(coalesce({{ col }}, ''), '\|\|\s*(?:true|:|exit\s+0|echo)\b|;\s*(?:true|:)\s*$|\|\s*(?:tail|head|grep|tee|less|more|cat|sed|awk|cut|sort)\b')
        and not regexp_matches(coalesce({{ col }}, ''), 'pipefail')
    )
{%- endmacro %}
