"""Render the hand-written sessions (sessions.py) in the formats beyond Claude Code and Codex, each
the way its agents write it, so the format-parity test can tell the same stories in every format:

    canonical JSONL   a home-grown agent (docs/canonical-format.md): bash, read_file, edit_file, write_file
    ATIF              Harbor's trajectory.json of an OpenHands run (tests/fixtures/real/atif):
                      execute_bash and str_replace_editor (view / str_replace / create)
    Gemini CLI chat   a saved chat (tests/fixtures/real/gemini_cli): run_shell_command, read_file,
                      replace, write_file; thoughts as `thought` parts

Each renderer returns (path relative to the landing root, text, session id as landed).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from tests.monitor.handwritten.render import Clock, sid

Rendered = tuple[str, str, str]


def _abspath(spec: dict, path: str) -> str:
    cwd = spec.get("cwd", "/home/dev/app")
    return path if path.startswith("/") else f"{cwd}/{path}"


def _clock(day: int):
    return Clock(datetime(2026, 3, day, 9, 0, 0, tzinfo=UTC)).tick


def render_canonical(spec: dict, day: int, deployment: str) -> Rendered:
    session = sid(spec["name"] + "#canonical")
    tick = _clock(day)
    lines: list[dict] = [
        {
            "record": "session",
            "session_id": session,
            "agent": "acme-coder",
            "agent_version": "0.9.1",
            "model": spec.get("model", "acme-large-2"),
            "cwd": spec.get("cwd", "/home/dev/app"),
            "git_branch": spec.get("branch", "main"),
        }
    ]

    def event(kind: str, **fields: object) -> None:
        lines.append({"session_id": session, "ts": tick(), "kind": kind, **fields})

    def tool(name: str, tool_input: dict, output: str, code: int = 0) -> None:
        call_id = f"c{len(lines)}"
        event("tool_call", tool_name=name, tool_call_id=call_id, tool_input=tool_input)
        result: dict = {"tool_name": name, "tool_call_id": call_id, "tool_output": output}
        if name == "bash":
            result.update(exit_code=code, is_error=code != 0)
        event("tool_result", **result)

    for turn in spec["turns"]:
        kind = turn[0]
        if kind == "user":
            event("user_message", text=turn[1])
        elif kind == "think":
            event("reasoning", text=turn[1])
        elif kind == "say":
            event("assistant_text", text=turn[1], input_tokens=5200, output_tokens=310)
        elif kind == "bash":
            tool("bash", {"command": turn[1]}, turn[2], turn[3] if len(turn) > 3 else 0)
        elif kind == "read":
            tool("read_file", {"path": turn[1]}, turn[2])
        elif kind == "edit":
            tool("edit_file", {"path": turn[1], "old_str": turn[2], "new_str": turn[3]}, "ok")
        elif kind == "write":
            # the tool says it made a new file, as Claude Code's Write and Codex's Add File do
            tool("write_file", {"path": turn[1], "content": turn[2]}, f"Created file {turn[1]}")
        else:
            raise ValueError(f"{spec['name']}: turn kind {kind!r} has no canonical rendering")
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"
    return f"{deployment}/{session}.jsonl", text, session


def render_atif(spec: dict, day: int, deployment: str) -> Rendered:
    """One ATIF step per turn; reasoning rides on the agent step that follows it, as OpenHands does."""
    session = sid(spec["name"] + "#atif")
    tick = _clock(day)
    steps: list[dict] = [
        {"step_id": 1, "timestamp": tick(0), "source": "system", "message": "You are OpenHands agent."}
    ]
    pending_thought: list[str] = []

    def agent_step(message: str = "", call: tuple[str, dict, str] | None = None) -> None:
        step: dict = {
            "step_id": len(steps) + 1,
            "timestamp": tick(),
            "source": "agent",
            "model_name": spec.get("model", "openai/gpt-4o"),
            "message": message,
        }
        if pending_thought:
            step["reasoning_content"] = "\n".join(pending_thought)
            pending_thought.clear()
        if call is not None:
            name, arguments, output = call
            call_id = f"call_{len(steps)}"
            step["tool_calls"] = [{"tool_call_id": call_id, "function_name": name, "arguments": arguments}]
            step["observation"] = {"results": [{"source_call_id": call_id, "content": output}]}
        step["metrics"] = {"prompt_tokens": 900, "completion_tokens": 120}
        steps.append(step)

    for turn in spec["turns"]:
        kind = turn[0]
        if kind == "user":
            steps.append(
                {"step_id": len(steps) + 1, "timestamp": tick(), "source": "user", "message": turn[1]}
            )
        elif kind == "think":
            pending_thought.append(turn[1])
        elif kind == "say":
            agent_step(turn[1])
        elif kind == "bash":
            code = turn[3] if len(turn) > 3 else 0
            output = turn[2] + f"\n[The command completed with exit code {code}.]"
            agent_step(call=("execute_bash", {"command": turn[1], "security_risk": "LOW"}, output))
        elif kind == "read":
            path = _abspath(spec, turn[1])
            agent_step(
                call=(
                    "str_replace_editor",
                    {"command": "view", "path": path, "security_risk": "LOW"},
                    turn[2],
                )
            )
        elif kind == "edit":
            path = _abspath(spec, turn[1])
            args = {
                "command": "str_replace",
                "path": path,
                "old_str": turn[2],
                "new_str": turn[3],
                "security_risk": "LOW",
            }
            agent_step(call=("str_replace_editor", args, f"The file {path} has been edited."))
        elif kind == "write":
            path = _abspath(spec, turn[1])
            args = {"command": "create", "path": path, "file_text": turn[2], "security_risk": "LOW"}
            agent_step(call=("str_replace_editor", args, f"File created successfully at: {path}"))
        else:
            raise ValueError(f"{spec['name']}: turn kind {kind!r} has no ATIF rendering")
    if pending_thought:
        agent_step()
    doc = {
        "schema_version": "ATIF-v1.5",
        "session_id": session,
        # Harbor lists the run's working directories in agent.extra (its Claude Code converter does)
        "agent": {
            "name": "openhands",
            "version": "1.0.0",
            "extra": {"cwds": [spec.get("cwd", "/home/dev/app")]},
        },
        "steps": steps,
        "final_metrics": {"total_prompt_tokens": 0, "total_completion_tokens": 0},
    }
    return (
        f"{deployment}/{session}/agent/trajectory.json",
        json.dumps(doc, ensure_ascii=False, indent=2),
        session,
    )


def render_gemini(spec: dict, day: int, deployment: str) -> Rendered:
    """A Gemini CLI saved chat: model turns hold thought, text and functionCall parts; the tool
    responses come back as the next user turn."""
    session = sid(spec["name"] + "#gemini")
    contents: list[dict] = [
        {
            "role": "user",
            "parts": [
                {
                    "text": (
                        "<session_context>\nThis is the Gemini CLI. We are setting up the context for our chat.\n"
                        f"- **Workspace Directories:**\n  - {spec.get('cwd', '/home/dev/app')}\n</session_context>"
                    )
                }
            ],
        }
    ]
    model_parts: list[dict] = []

    def flush(responses: list[dict] | None = None) -> None:
        nonlocal model_parts
        if model_parts:
            contents.append({"role": "model", "parts": model_parts})
            model_parts = []
        if responses:
            contents.append({"role": "user", "parts": responses})

    def call(name: str, args: dict, output: str) -> None:
        call_id = f"{name}-{len(contents)}-{len(model_parts)}"
        model_parts.append({"functionCall": {"name": name, "args": args, "id": call_id}})
        flush([{"functionResponse": {"id": call_id, "name": name, "response": {"output": output}}}])

    for turn in spec["turns"]:
        kind = turn[0]
        if kind == "user":
            flush()
            contents.append({"role": "user", "parts": [{"text": turn[1]}]})
        elif kind == "think":
            model_parts.append({"text": turn[1], "thought": True})
        elif kind == "say":
            model_parts.append({"text": turn[1]})
        elif kind == "bash":
            code = turn[3] if len(turn) > 3 else 0
            shown = f"Command: {turn[1]}\nStdout: {turn[2]}\nExit Code: {code}"
            call("run_shell_command", {"command": turn[1]}, shown)
        elif kind == "read":
            call("read_file", {"absolute_path": _abspath(spec, turn[1])}, turn[2])
        elif kind == "edit":
            path = _abspath(spec, turn[1])
            call(
                "replace",
                {"file_path": path, "old_string": turn[2], "new_string": turn[3]},
                f"Successfully modified file: {path} (1 replacements).",
            )
        elif kind == "write":
            path = _abspath(spec, turn[1])
            call(
                "write_file",
                {"file_path": path, "content": turn[2]},
                f"Successfully created and wrote to new file: {path}.",
            )
        else:
            raise ValueError(f"{spec['name']}: turn kind {kind!r} has no Gemini CLI rendering")
    flush()
    return f"{deployment}/{session}.json", json.dumps(contents, ensure_ascii=False, indent=2), session


RENDERERS = {"canonical": render_canonical, "atif": render_atif, "gemini_cli_chat": render_gemini}
