{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='session_id',
        on_schema_change='fail',
    )
}}
-- One row per (tool call, path) the call changed. Three sources of edits:
--   edit tools: Claude Code Write / Edit / MultiEdit / NotebookEdit and look-alikes (a `file_path`,
--     `path` or `notebook_path` field in the JSON input);
--   patches: Codex apply_patch bodies (`*** Add|Update|Delete File: <path>`, `*** Move to: <path>`),
--     whichever tool carries them;
--   shell: output redirections (`> f`, `>> f`), `tee`, in-place `sed -i` / `perl -pi`, and
--     `rm` / `git rm` / `unlink`. Heredoc bodies are ignored. A best effort: shell is not parsed.
with sessions as (
    {{ sessions_to_process() }}
),

calls as (
    select t.*
    from {{ ref('int_tool_calls') }} as t
    inner join sessions as s on s.session_id = t.session_id
),

edit_tools as (
    select
        session_id, call_event_index, tool_name, file_landed_at,
        case when tool_name in ('Write', 'create_file', 'write_file') then 'write' else 'edit' end as edit_kind,
        case when {{ cw_json_valid('tool_input') }} then
            coalesce(
                {{ cw_json_string('tool_input', '$.file_path') }},
                {{ cw_json_string('tool_input', '$.path') }},
                {{ cw_json_string('tool_input', '$.notebook_path') }}
            )
        end as path
    from calls
    where tool_name in (
        'Write', 'Edit', 'MultiEdit', 'NotebookEdit', 'str_replace_based_edit_tool', 'str_replace_editor',
        'edit_file', 'write_file', 'create_file'
    )
),

patch_lines as (
    select
        session_id, call_event_index, tool_name, file_landed_at,
        {%- set patch_headers %} regexp_extract_all(tool_input, '\*\*\* (?:(?:Add|Update|Delete) File|Move to): [^\n\\]+', 0) {% endset %}
        {{ cw_unnest(patch_headers) }} as line
    from calls
    where contains(tool_input, '*** Begin Patch')
),

patches as (
    select
        session_id, call_event_index, tool_name, file_landed_at,
        case regexp_extract(line, '^\*\*\* (\w+)', 1)
            when 'Add' then 'write' when 'Delete' then 'delete' when 'Move' then 'write' else 'edit'
        end as edit_kind,
        trim(regexp_extract(line, ': (.*)$', 1)) as path
    from patch_lines
),

shell_commands as (
    select
        session_id, call_event_index, tool_name, file_landed_at,
        -- Quoted strings and heredoc bodies hold text, not redirections.
        {%- set no_heredoc %} regexp_replace(command, '(?s)<<.*$', '') {% endset %}
        {%- set quoted %} '"[^"]*"|\x27[^\x27]*\x27' {% endset %}
        {{ cw_regexp_replace_all(no_heredoc, quoted, "' '") }} as cmd
    from calls
    where command is not null and not contains(coalesce(tool_input, ''), '*** Begin Patch')
),

redirects as (
    select
        session_id, call_event_index, tool_name, file_landed_at, 'shell_write' as edit_kind,
        {%- set targets %} regexp_extract_all(cmd, '(?:^|[^<>&0-9])>>?\s*([^\s;&|<>()]+)', 1) {% endset %}
        {{ cw_unnest(targets) }} as path
    from shell_commands
),

segments as (
    select
        session_id, call_event_index, tool_name, file_landed_at,
        {{ cw_split_regex('trim(seg)', "'\\s+'") }} as words
    {%- set pieces %} {{ cw_split_regex('cmd', "'\\s*(?:&&|\\|\\||;|\\||\\n)\\s*'") }} {% endset %}
    from shell_commands {{ cw_cross_unnest(pieces, 'u', 'seg') }}
),

shell_verbs as (
    {%- set w1 = cw_at('words', 1) %}
    {%- set w2 = cw_at('words', 2) %}
    {%- set in_place = "array_contains(" ~ cw_transform('words', 'w', "regexp_matches(w, '^-[a-zA-Z]*i')") ~ ", true)" %}
    select
        session_id, call_event_index, tool_name, file_landed_at,
        case
            when {{ w1 }} in ('rm', 'unlink') or ({{ w1 }} = 'git' and {{ w2 }} = 'rm') then 'delete'
            else 'shell_write'
        end as edit_kind,
        case
            when {{ w1 }} = 'sed' and {{ in_place }}
                then {{ cw_list_of(cw_at('words', -1)) }}
            when {{ w1 }} = 'perl' and {{ in_place }}
                then {{ cw_list_of(cw_at('words', -1)) }}
            when {{ w1 }} in ('tee', 'rm', 'unlink', 'truncate')
                then {{ cw_filter(cw_tail('words', 2), 'w', "not starts_with(w, '-')") }}
            when {{ w1 }} = 'git' and {{ w2 }} = 'rm'
                then {{ cw_filter(cw_tail('words', 3), 'w', "not starts_with(w, '-')") }}
        end as paths
    from segments
    where {{ w1 }} in ('sed', 'perl', 'tee', 'rm', 'unlink', 'truncate') or ({{ w1 }} = 'git' and {{ w2 }} = 'rm')
),

all_edits as (
    select session_id, call_event_index, tool_name, file_landed_at, edit_kind, path, 'edit_tool' as edit_source from edit_tools
    union all
    select session_id, call_event_index, tool_name, file_landed_at, edit_kind, path, 'patch' from patches
    union all
    select session_id, call_event_index, tool_name, file_landed_at, edit_kind, path, 'shell' from redirects
    union all
    select session_id, call_event_index, tool_name, file_landed_at, edit_kind, {{ cw_unnest('paths') }} as path, 'shell' from shell_verbs
),

cleaned as (
    select
        session_id, call_event_index, tool_name, file_landed_at, edit_kind, edit_source,
        {{ cw_trim_chars('path', "' \"' || chr(39)") }} as path
    from all_edits
    where path is not null
),

-- The same path written twice by one call (MultiEdit, a patch touching a file twice) is one edit.
deduplicated as (
    select
        *,
        row_number() over (partition by session_id, call_event_index, path order by edit_kind) as nth
    from cleaned
    where path <> ''
        and not starts_with(path, '/dev/')
        and not starts_with(path, '&')
        and not starts_with(path, '$')
)

select
    session_id,
    call_event_index,
    tool_name,
    edit_source,
    edit_kind,
    path,
    {{ is_test_path('lower(path)') }} as is_test_file,
    {{ is_test_config_path('lower(path)') }} as is_test_config,
    {{ is_ci_config_path('lower(path)') }} as is_ci_config,
    file_landed_at
from deduplicated
where nth = 1
