{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='session_id',
        on_schema_change='fail',
        pre_hook=["{{ clear_vanished_sessions() }}"],
    )
}}
-- One row per (tool call, path) the call changed, with the text it removed and added: the one
-- definition of an edit that the marts and the detectors share. Routes:
--   edit tools: Write / Edit / MultiEdit / NotebookEdit / str_replace editors and any tool whose JSON
--     input names a file (`file_path`, `path`, `notebook_path`) and new content (`new_string`,
--     `edits[].new_string`, `content`, `new_source`, `file_text`, `new_str`);
--   patches: apply_patch bodies (`*** Add|Update|Delete File: <path>`, `*** Move to: <path>`) in any
--     tool's input, with their `+` and `-` lines;
--   shell: output redirections (`> f`, `>> f`; a heredoc's body is the added text), `tee`, in-place
--     `sed -i` / `perl -pi`, `truncate`, `rm` / `unlink` / `git rm` (delete), `mv` / `git mv` (the
--     source is deleted, `moved_to` names where it went; the target is written). Quoted strings hold
--     text, not redirections. A best effort: shell is not parsed.
with sessions as (
    {{ sessions_to_process() }}
),

calls as (
    select t.*, coalesce(t.command, t.patch_command) as raw_command
    from {{ ref('int_tool_calls') }} as t
    inner join sessions as s on s.session_id = t.session_id
),

-- edit tools ----------------------------------------------------------------------------------
tool_inputs as (
    select
        session_id, call_event_index, tool_name, file_landed_at, named_path as path,
        case when {{ cw_json_valid('tool_input') }} then tool_input end as ti,
        -- A write tool that reports creating the file made a new file, as a patch's `Add File` does:
        -- detectors that spare the agent's own files must see the same fact in every format.
        regexp_matches(coalesce(tool_output, ''),
            '(?i)^\s*(?:file created successfully|created (?:new )?file|new file created|successfully created (?:new )?file|successfully created and wrote to new file)') as created
    from calls
    where named_path is not null and not carries_patch
),

edit_tools as (
    select
        session_id, call_event_index, tool_name, file_landed_at, path, created,
        {{ cw_json_string('ti', '$.command') }} as editor_command,  -- str_replace editors: view / create / str_replace / insert
        coalesce(
            {{ cw_json_string('ti', '$.old_string') }}, {{ cw_json_string('ti', '$.old_str') }},
            nullif({{ cw_list_join(cw_json_field_of_each('ti', '$.edits', 'old_string'), 'chr(10)') }}, '')
        ) as old_text,
        coalesce(
            {{ cw_json_string('ti', '$.new_string') }}, {{ cw_json_string('ti', '$.new_str') }},
            nullif({{ cw_list_join(cw_json_field_of_each('ti', '$.edits', 'new_string'), 'chr(10)') }}, ''),
            {{ cw_json_string('ti', '$.content') }}, {{ cw_json_string('ti', '$.new_source') }}, {{ cw_json_string('ti', '$.file_text') }}
        ) as new_text
    from tool_inputs
),

edit_tool_edits as (
    select
        session_id, call_event_index, tool_name, file_landed_at, 'edit_tool' as edit_source,
        case when old_text is not null
                  or (tool_name in ('Edit', 'MultiEdit', 'NotebookEdit', 'edit_file', 'str_replace_editor')
                      and coalesce(editor_command, '') <> 'create') then 'edit'
             -- an editor's `create` refuses an existing file: always a new one
             when created or editor_command = 'create' then 'add'
             else 'write' end as edit_op,
        path, old_text, new_text, null as moved_to
    from edit_tools
    where coalesce(editor_command, '') <> 'view'  -- an editor's view reads the file
      and (new_text is not null
        or tool_name in (
            'Write', 'Edit', 'MultiEdit', 'NotebookEdit', 'str_replace_based_edit_tool',
            'str_replace_editor', 'edit_file', 'write_file', 'create_file'
        ))
),

-- patches -------------------------------------------------------------------------------------
patch_bodies as (
    select
        session_id, call_event_index, tool_name, file_landed_at,
        coalesce(
            case when {{ cw_json_valid('tool_input') }} and left(ltrim(tool_input), 1) = '{' then
                coalesce({{ cw_json_string('tool_input', '$.input') }}, {{ cw_json_string('tool_input', '$.patch') }}) end,
            case when contains(coalesce(raw_command, ''), '*** Begin Patch')
                then substr(raw_command, strpos(raw_command, '*** Begin Patch')) end,
            case when not ({{ cw_json_valid('tool_input') }} and left(ltrim(tool_input), 1) = '{') then tool_input end
        ) as patch
    from calls
    where carries_patch
),

patch_sections as (
    select
        session_id, call_event_index, tool_name, file_landed_at,
        unnest(regexp_extract_all(
            patch, '\*\*\* (?:Add|Update|Delete) File: [^\n]*\n?(?:[^*\n][^\n]*\n?|\*\*\* Move to:[^\n]*\n?|\n)*', 0
        )) as section
    from patch_bodies
    where patch is not null
),

patch_files as (
    select
        session_id, call_event_index, tool_name, file_landed_at,
        trim(regexp_extract(section, 'File: ([^\n]*)', 1)) as path,
        lower(regexp_extract(section, '^\*\*\* (Add|Update|Delete) File', 1)) as edit_op,
        nullif(trim(regexp_extract(section, '\*\*\* Move to: ([^\n]*)', 1)), '') as moved_to,
        string_split(section, chr(10)) as lines
    from patch_sections
),

patch_edits as (
    select
        session_id, call_event_index, tool_name, file_landed_at, 'patch' as edit_source, edit_op, path,
        nullif(array_to_string(
            list_transform(list_filter(lines, lambda x: x like '-%'), lambda x: {{ cw_substr_from('x', 2) }}), chr(10)), '') as old_text,
        nullif(array_to_string(
            list_transform(list_filter(lines, lambda x: x like '+%'), lambda x: {{ cw_substr_from('x', 2) }}), chr(10)), '') as new_text,
        moved_to
    from patch_files
    where path <> ''
    union all
    select
        session_id, call_event_index, tool_name, file_landed_at, 'patch', 'write', moved_to,
        null, null, null
    from patch_files
    where moved_to is not null
),

-- shell ---------------------------------------------------------------------------------------
shell_commands as (
    select
        session_id, call_event_index, tool_name, file_landed_at, command,
        -- Quoted strings and heredoc bodies hold text, not redirections.
        {%- set no_heredoc %} regexp_replace(command, '(?s)<<.*$', '') {% endset %}
        {{ cw_regexp_replace_all(no_heredoc, "'\"[^\"]*\"|\\x27[^\\x27]*\\x27'", "' '") }} as cmd,
        nullif(regexp_extract(command, '(?s)<<-?\s*\S+[^\n]*\n(.*)\n[^\n]*$', 1), '') as heredoc_body
    from calls
    where command is not null
),

redirects as (
    select
        session_id, call_event_index, tool_name, file_landed_at, command, heredoc_body,
        unnest(regexp_extract_all(cmd, '(?:^|[^<>&0-9])>>?\s*([^\s;&|<>()]+)', 1)) as path
    from shell_commands
),

segments as (
    select
        session_id, call_event_index, tool_name, file_landed_at, command,
        string_split_regex(trim(seg), '\s+') as words
    {%- set pieces %} string_split_regex(cmd, '\s*(?:&&|\|\||;|\||\n)\s*') {% endset %}
    from shell_commands {{ cw_cross_unnest(pieces, 'u', 'seg') }}
),

verbs as (
    select
        *,
        case when {{ cw_at('words', 1) }} in ('sudo', 'command', 'exec') then {{ cw_tail('words', 2) }} else words end as w
    from segments
),

shell_verbs as (
    select
        session_id, call_event_index, tool_name, file_landed_at, command, w,
        case
            when {{ cw_at('w', 1) }} in ('rm', 'unlink') or ({{ cw_at('w', 1) }} = 'git' and {{ cw_at('w', 2) }} = 'rm') then 'delete'
            when {{ cw_at('w', 1) }} = 'mv' or ({{ cw_at('w', 1) }} = 'git' and {{ cw_at('w', 2) }} = 'mv') then 'move'
            else 'shell_write'
        end as edit_op,
        case
            when {{ cw_at('w', 1) }} in ('sed', 'perl')
                and list_contains(list_transform(w, lambda x: regexp_matches(x, '^-[a-zA-Z]*i')), true)
                then {{ cw_list_of(cw_at('w', -1)) }}
            when {{ cw_at('w', 1) }} in ('tee', 'rm', 'unlink', 'truncate')
                then list_filter({{ cw_tail('w', 2) }}, lambda x: not starts_with(x, '-'))
            when {{ cw_at('w', 1) }} = 'git' and {{ cw_at('w', 2) }} in ('rm', 'mv')
                then list_filter({{ cw_tail('w', 3) }}, lambda x: not starts_with(x, '-'))
            when {{ cw_at('w', 1) }} = 'mv'
                then list_filter({{ cw_tail('w', 2) }}, lambda x: not starts_with(x, '-'))
        end as paths
    from verbs
    where {{ cw_at('w', 1) }} in ('sed', 'perl', 'tee', 'rm', 'unlink', 'truncate', 'mv')
        or ({{ cw_at('w', 1) }} = 'git' and {{ cw_at('w', 2) }} in ('rm', 'mv'))
),

shell_edits as (
    select
        session_id, call_event_index, tool_name, file_landed_at, 'shell' as edit_source,
        case when heredoc_body is not null then 'write' else 'shell_write' end as edit_op,
        path, null as old_text, coalesce(heredoc_body, command) as new_text, null as moved_to
    from redirects
    union all
    select
        session_id, call_event_index, tool_name, file_landed_at, 'shell',
        case when sed_old is not null then 'edit' else edit_op end,
        unnest(paths), sed_old, case when edit_op = 'shell_write' then coalesce(sed_new, command) end, null
    from (
        -- `sed -i 's/old/new/' f` (or perl -pi -e) is an edit whose removed and added text the
        -- substitution states: read it as one, so the detectors compare old and new as they do for
        -- an editor's or a patch's edit. One substitution command per shell command only (with
        -- several, which text went to which file is not known); `/`, `|` and `#` delimiters.
        select *,
            {{ cw_regexp_replace_all('sed_old_raw', "'\\\\'", "''") }} as sed_old,
            {{ cw_regexp_replace_all('sed_new_raw', "'\\\\'", "''") }} as sed_new
        from (
            select *,
                case when sed_ok then coalesce(
                    nullif(regexp_extract(command, '\bs/((?:[^/\\\n]|\\.)+)/((?:[^/\\\n]|\\.)*)/', 1), ''),
                    nullif(regexp_extract(command, '\bs\|((?:[^|\\\n]|\\.)+)\|((?:[^|\\\n]|\\.)*)\|', 1), ''),
                    nullif(regexp_extract(command, '\bs#((?:[^#\\\n]|\\.)+)#((?:[^#\\\n]|\\.)*)#', 1), '')) end as sed_old_raw,
                case when sed_ok then coalesce(
                    case when regexp_matches(command, '\bs/((?:[^/\\\n]|\\.)+)/((?:[^/\\\n]|\\.)*)/')
                        then regexp_extract(command, '\bs/((?:[^/\\\n]|\\.)+)/((?:[^/\\\n]|\\.)*)/', 2) end,
                    case when regexp_matches(command, '\bs\|((?:[^|\\\n]|\\.)+)\|((?:[^|\\\n]|\\.)*)\|')
                        then regexp_extract(command, '\bs\|((?:[^|\\\n]|\\.)+)\|((?:[^|\\\n]|\\.)*)\|', 2) end,
                    case when regexp_matches(command, '\bs#((?:[^#\\\n]|\\.)+)#((?:[^#\\\n]|\\.)*)#')
                        then regexp_extract(command, '\bs#((?:[^#\\\n]|\\.)+)#((?:[^#\\\n]|\\.)*)#', 2) end) end as sed_new_raw
            from (
                select *,
                    {{ cw_at('w', 1) }} in ('sed', 'perl') and edit_op = 'shell_write'
                        and {{ cw_list_len("regexp_extract_all(command, '(?:^|[\\s;&|(])(?:sed|perl)\\s', 0)") }} = 1 as sed_ok
                from shell_verbs
            )
        )
    )
    where edit_op in ('delete', 'shell_write')
    union all
    -- mv a b c dir: every source but the last word moved to it
    select
        session_id, call_event_index, tool_name, file_landed_at, 'shell',
        'delete', unnest({{ cw_all_but_last('paths') }}), null, null, {{ cw_at('paths', -1) }}
    from shell_verbs
    where edit_op = 'move' and {{ cw_list_len('paths') }} >= 2
    union all
    select
        session_id, call_event_index, tool_name, file_landed_at, 'shell',
        'shell_write', {{ cw_at('paths', -1) }}, null, command, null
    from shell_verbs
    where edit_op = 'move' and {{ cw_list_len('paths') }} >= 2
),

all_edits as (
    select * from edit_tool_edits
    union all
    select * from patch_edits
    union all
    select * from shell_edits
),

cleaned as (
    select
        session_id, call_event_index, tool_name, file_landed_at, edit_source, edit_op,
        {{ cw_trim_chars('path', "' \"' || chr(39)") }} as path,
        old_text, new_text, moved_to
    from all_edits
    where path is not null
),

merged as (
    -- The same path changed twice by one call (MultiEdit, a patch touching a file twice, `a > f; b >> f`)
    -- is one edit with all of its text.
    select
        session_id,
        call_event_index,
        any_value(tool_name) as tool_name,
        arg_min(edit_source, case edit_source when 'edit_tool' then 1 when 'patch' then 2 else 3 end) as edit_source,
        arg_min(edit_op, case edit_op
            when 'delete' then 1 when 'add' then 2 when 'write' then 3 when 'update' then 4 when 'edit' then 5
            else 6 end) as edit_op,
        path,
        string_agg(old_text, chr(10)) as old_text,
        string_agg(new_text, chr(10)) as new_text,
        max(moved_to) as moved_to,
        max(file_landed_at) as file_landed_at
    from cleaned
    where path <> ''
        and not starts_with(path, '/dev/')
        and not starts_with(path, '&')
        and not starts_with(path, '$')
    group by session_id, call_event_index, path
)

select
    session_id,
    call_event_index,
    tool_name,
    edit_source,
    -- a sed substitution is read as an edit (edit_op) but stays a shell write for the marts
    case when edit_source = 'shell' and edit_op = 'edit' then 'shell_write'
        else case edit_op when 'add' then 'write' when 'update' then 'edit' else edit_op end end as edit_kind,
    edit_op,
    path,
    old_text,
    new_text,
    {{ cw_trim_chars('moved_to', "' \"' || chr(39)") }} as moved_to,
    cast(coalesce({{ cw_list_len('string_split(old_text, chr(10))') }}, 0) as bigint) as n_lines_removed,
    cast(case when edit_op = 'shell_write' then 0 else coalesce({{ cw_list_len('string_split(new_text, chr(10))') }}, 0) end
        as bigint) as n_lines_added,
    {{ is_test_path('path') }} and not {{ is_generated_path('path') }} as is_test_file,
    not {{ is_generated_path('path') }} and (
        {{ is_test_config_path('path') }}
        or ({{ is_mixed_config_path('path') }}
            and regexp_matches(coalesce(old_text, '') || coalesce(new_text, ''), {{ test_settings_re() }}))
    ) as is_test_config,
    {{ is_ci_config_path('path') }} as is_ci_config,
    {{ is_generated_path('path') }} as is_generated,
    file_landed_at
from merged
