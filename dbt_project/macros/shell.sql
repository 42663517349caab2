{#
  The shell command of a tool call's JSON input, as one string: `command` (Claude Code Bash,
  canonical JSONL) or `cmd` (Codex exec_command), each either a string or an argv list (Codex
  shell / local_shell action). NULL when the input is not a JSON object.
  The CASEs are nested so json_type never sees text that is not JSON.
#}
{% macro shell_command(col) -%}
    case when {{ cw_json_valid(col) }} then
        case when {{ cw_json_type(col) }} = 'OBJECT' then
            case
                when {{ cw_json_type(col, '$.command') }} = 'VARCHAR' then {{ cw_json_string(col, '$.command') }}
                when {{ cw_json_type(col, '$.command') }} = 'ARRAY'
                    then {{ cw_list_join(cw_json_strings(col, '$.command'), "' '") }}
                when {{ cw_json_type(col, '$.cmd') }} = 'VARCHAR' then {{ cw_json_string(col, '$.cmd') }}
                when {{ cw_json_type(col, '$.cmd') }} = 'ARRAY'
                    then {{ cw_list_join(cw_json_strings(col, '$.cmd'), "' '") }}
            end
        end
    end
{%- endmacro %}

{#
  A command split into its simple commands (on &&, ||, ;, |, newlines), each with the prefixes that
  only launch the real program stripped: env assignments, sudo/time/timeout, `bash -lc`, `uv run`,
  `poetry run`, `python -m`, `npx`, a leading `cd dir`-free subshell paren or quote.
  `python -m pytest -q` -> `pytest -q`; `bash -lc "cd app && npm test"` -> [`cd app`, `npm test"`].
#}
{% macro command_heads(col) -%}
    {%- set cleaned -%} regexp_replace({{ col }}, '(?s)<<.*$', '') {%- endset -%}
    {%- set separators -%} '\s*(?:&&|\|\||;|\||\n)\s*' {%- endset -%}
    {%- set segments -%} {{ cw_split_regex(cleaned, separators) }} {%- endset -%}
    {%- set head -%}
        regexp_replace(
            trim(seg),
            '^(?:(?:[A-Za-z_][A-Za-z0-9_]*=\S*|sudo|time|nice|command|exec|xvfb-run|timeout\s+\S+|(?:ba|z)?sh\s+-\w*c|uv\s+run(?:\s+--?[a-z-]+)*|poetry\s+run|pipenv\s+run|pdm\s+run|hatch\s+run|rye\s+run|python[0-9.]*\s+-m|npx|bunx|pnpm\s+exec|yarn\s+exec)\s+|[(\x27"]\s*)*',
            ''
        )
    {%- endset -%}
    {{ cw_transform(segments, 'seg', head) }}
{%- endmacro %}
