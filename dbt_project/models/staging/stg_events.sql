-- One row per event, with the shell command a tool call runs pulled out of its JSON input
-- (`command` for Claude Code Bash and canonical JSONL, `cmd` for Codex exec_command, an argv list for
-- Codex shell / local_shell). Tool inputs that are not JSON (apply_patch bodies) give no command.
select
    session_id,
    event_index,
    event_id,
    parent_event_id,
    ts,
    role,
    kind,
    text,
    reasoning_visibility,
    tool_name,
    tool_call_id,
    tool_input,
    tool_output,
    is_error,
    exit_code,
    input_tokens,
    cached_input_tokens,
    cache_creation_input_tokens,
    output_tokens,
    reasoning_tokens,
    model,
    file_id,
    line_no,
    case when kind = 'tool_call' then {{ shell_command('tool_input') }} end as command
from {{ source('raw', 'events') }}
