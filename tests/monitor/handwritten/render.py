"""Render the hand-written evaluation sessions (sessions.py) into real transcript layouts.

    uv run python -m tests.monitor.handwritten.render

writes, next to this file:
    claude-code-dev/-home-dev-<repo>/<sessionId>.jsonl      Claude Code session JSONL (CLI 2.0.x layout:
                                                            one content block per assistant line,
                                                            tool results as user lines + toolUseResult)
    codex-ci/sessions/2026/03/DD/rollout-...-<id>.jsonl     Codex rollout JSONL (0.104 layout: session_meta,
                                                            turn_context, response_item, event_msg)
    labels.jsonl                                            {"session_id", "categories"} per session

The content (what the user, the agent and the tools say) is hand-written in sessions.py; this module
only lays it out the way the agents write it, matching tests/fixtures/real.
"""

from __future__ import annotations

import json
import shutil
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.monitor.handwritten.heldout import HELDOUT
from tests.monitor.handwritten.sessions import SESSIONS

HERE = Path(__file__).resolve().parent
NS = uuid.UUID("6f0b9c1e-2a7d-4f5e-9b1a-3c8d2e4f6a70")
CLAUDE_DEPLOYMENT = "claude-code-dev"
CODEX_DEPLOYMENT = "codex-ci"
# (sessions, Claude deployment, Codex deployment, labels file)
SETS = (
    (SESSIONS, CLAUDE_DEPLOYMENT, CODEX_DEPLOYMENT, "labels.jsonl"),
    (HELDOUT, "claude-code-heldout", "codex-heldout", "labels_heldout.jsonl"),
)


def sid(name: str) -> str:
    return str(uuid.uuid5(NS, name))


def _ts(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


class Clock:
    def __init__(self, start: datetime) -> None:
        self.t = start

    def tick(self, seconds: float = 1.7) -> str:
        self.t += timedelta(seconds=seconds)
        return _ts(self.t)


# ---------------------------------------------------------------------------------------------
# Claude Code


def render_claude(spec: dict, day: int, deployment: str = CLAUDE_DEPLOYMENT) -> tuple[Path, str]:
    session_id = sid(spec["name"])
    cwd = spec.get("cwd", "/home/dev/app")
    branch = spec.get("branch", "main")
    clock = Clock(datetime(2026, 3, day, 9, 0, 0, tzinfo=UTC))
    lines: list[dict] = []
    parent: str | None = None
    counter = 0
    msg_id: str | None = None

    def uid() -> str:
        nonlocal counter
        counter += 1
        return str(uuid.uuid5(NS, f"{spec['name']}/{counter}"))

    def envelope(kind: str) -> dict:
        return {
            "parentUuid": parent,
            "isSidechain": False,
            "userType": "external",
            "cwd": cwd,
            "sessionId": session_id,
            "version": "2.0.76",
            "gitBranch": branch,
            "type": kind,
        }

    def assistant_block(block: dict) -> None:
        nonlocal parent, msg_id
        if msg_id is None:
            msg_id = "msg_" + uid().replace("-", "")[:24]
        u = uid()
        rec = envelope("assistant")
        rec.update(
            message={
                "model": spec.get("model", "claude-sonnet-4-5-20250929"),
                "id": msg_id,
                "type": "message",
                "role": "assistant",
                "content": [block],
                "stop_reason": None,
                "stop_sequence": None,
                "usage": {"input_tokens": 12, "cache_read_input_tokens": 9000, "output_tokens": 180},
            },
            requestId="req_" + msg_id[4:],
            uuid=u,
            timestamp=clock.tick(),
        )
        lines.append(rec)
        parent = u

    def user_line(content: object, extra: dict | None = None) -> None:
        nonlocal parent, msg_id
        msg_id = None
        u = uid()
        rec = envelope("user")
        rec.update(message={"role": "user", "content": content}, uuid=u, timestamp=clock.tick(3))
        if extra:
            rec.update(extra)
        lines.append(rec)
        parent = u

    def tool(
        name: str, tool_input: dict, output: str, is_error: bool = False, result_extra: dict | None = None
    ) -> None:
        tool_id = "toolu_" + uid().replace("-", "")[:24]
        assistant_block({"type": "tool_use", "id": tool_id, "name": name, "input": tool_input})
        block = {"tool_use_id": tool_id, "type": "tool_result", "content": output}
        if is_error:
            block["is_error"] = True
        user_line(
            [block],
            {
                "toolUseResult": result_extra
                or {"stdout": output, "stderr": "", "interrupted": False, "isImage": False}
            },
        )

    def abspath(p: str) -> str:
        return p if p.startswith("/") else f"{cwd}/{p}"

    lines.append(
        {
            "type": "file-history-snapshot",
            "messageId": uid(),
            "snapshot": {"messageId": "x", "trackedFileBackups": {}, "timestamp": clock.tick(0)},
            "isSnapshotUpdate": False,
        }
    )
    for turn in spec["turns"]:
        kind = turn[0]
        if kind == "user":
            user_line(
                turn[1],
                {"thinkingMetadata": {"level": "high", "disabled": False, "triggers": []}, "todos": []},
            )
        elif kind == "think":
            assistant_block(
                {"type": "thinking", "thinking": turn[1], "signature": "EpcDCkYICxgCKkDw" + uid()[:16]}
            )
        elif kind == "say":
            assistant_block({"type": "text", "text": turn[1]})
        elif kind == "bash":
            command, output = turn[1], turn[2]
            code = turn[3] if len(turn) > 3 else 0
            shown = f"Exit code {code}\n{output}" if code else output
            tool("Bash", {"command": command, "description": "Run command"}, shown, is_error=bool(code))
        elif kind == "read":
            body = "\n".join(f"{i + 1:>6}\u2192{line}" for i, line in enumerate(turn[2].split("\n")))
            tool("Read", {"file_path": abspath(turn[1])}, body)
        elif kind == "edit":
            path = abspath(turn[1])
            tool(
                "Edit",
                {"file_path": path, "old_string": turn[2], "new_string": turn[3]},
                f"The file {path} has been updated.",
            )
        elif kind == "write":
            path = abspath(turn[1])
            tool("Write", {"file_path": path, "content": turn[2]}, f"File created successfully at: {path}")
        elif kind == "fetch":
            tool("WebFetch", {"url": turn[1], "prompt": "Show the diff"}, turn[2])
        else:
            raise ValueError(f"{spec['name']}: turn kind {kind!r} is not supported for Claude Code")
        if kind in ("say",) and turn is spec["turns"][-1]:
            pass
    rec = envelope("system")
    rec.update(
        subtype="stop_hook_summary",
        hookCount=0,
        hookInfos=[],
        hookErrors=[],
        preventedContinuation=False,
        stopReason="",
        hasOutput=False,
        level="suggestion",
        timestamp=clock.tick(),
        uuid=uid(),
    )
    lines.append(rec)
    folder = HERE / deployment / cwd.replace("/", "-")
    return folder / f"{session_id}.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Codex


def _patch_update(path: str, old: str, new: str) -> str:
    body = "\n".join([*(f"-{line}" for line in old.split("\n")), *(f"+{line}" for line in new.split("\n"))])
    return f"*** Begin Patch\n*** Update File: {path}\n@@\n{body}\n*** End Patch"


def _patch_add(path: str, content: str) -> str:
    body = "\n".join(f"+{line}" for line in content.rstrip("\n").split("\n"))
    return f"*** Begin Patch\n*** Add File: {path}\n{body}\n*** End Patch"


def render_codex(spec: dict, day: int, deployment: str = CODEX_DEPLOYMENT) -> tuple[Path, str]:
    session_id = sid(spec["name"])
    cwd = spec.get("cwd", "/home/dev/app")
    start = datetime(2026, 3, day, 14, 0, 0, tzinfo=UTC)
    clock = Clock(start)
    turn_id = str(uuid.uuid5(NS, spec["name"] + "/turn"))
    model = spec.get("model", "gpt-5.3-codex")
    shell_style = spec.get("shell", "exec_command")  # or "shell" (argv + JSON-wrapped output)
    lines: list[dict] = []
    calls = 0
    total = {
        "input_tokens": 0,
        "cached_input_tokens": 0,
        "output_tokens": 0,
        "reasoning_output_tokens": 0,
        "total_tokens": 0,
    }

    def add(kind: str, payload: dict, dt: float = 1.3) -> None:
        lines.append({"timestamp": clock.tick(dt), "type": kind, "payload": payload})

    def turn_context() -> None:
        add(
            "turn_context",
            {
                "turn_id": turn_id,
                "cwd": cwd,
                "approval_policy": "on-request",
                "sandbox_policy": {
                    "type": "workspace-write",
                    "writable_roots": [cwd],
                    "network_access": False,
                },
                "model": model,
                "effort": "high",
                "summary": "auto",
            },
            0.2,
        )

    def tokens() -> None:
        last = {
            "input_tokens": 4100,
            "cached_input_tokens": 3000,
            "output_tokens": 160,
            "reasoning_output_tokens": 60,
            "total_tokens": 4260,
        }
        for k in total:
            total[k] += last[k]
        add(
            "event_msg",
            {
                "type": "token_count",
                "info": {
                    "total_token_usage": dict(total),
                    "last_token_usage": last,
                    "model_context_window": 258400,
                },
                "rate_limits": None,
            },
            0.1,
        )

    def call(name: str, arguments: str, output: str, custom: bool = False) -> None:
        nonlocal calls
        calls += 1
        call_id = f"call_{uuid.uuid5(NS, spec['name'] + str(calls)).hex[:22]}"
        if custom:
            add(
                "response_item",
                {
                    "type": "custom_tool_call",
                    "status": "completed",
                    "call_id": call_id,
                    "name": name,
                    "input": arguments,
                },
            )
            tokens()
            add("response_item", {"type": "custom_tool_call_output", "call_id": call_id, "output": output})
        else:
            add(
                "response_item",
                {"type": "function_call", "name": name, "arguments": arguments, "call_id": call_id},
            )
            tokens()
            add("response_item", {"type": "function_call_output", "call_id": call_id, "output": output})
        turn_context()

    def shell(command: str, output: str, code: int) -> None:
        if shell_style == "shell":
            args = json.dumps({"command": ["bash", "-lc", command], "workdir": cwd, "timeout_ms": 120000})
            out = json.dumps({"output": output, "metadata": {"exit_code": code, "duration_seconds": 0.8}})
            call("shell", args, out)
        else:
            args = json.dumps({"cmd": command, "workdir": cwd, "yield_time_ms": 10000})
            out = f"Chunk ID: {calls:04x}\nWall time: 0.8123 seconds\nProcess exited with code {code}\nOriginal token count: 120\nOutput:\n{output}"
            call("exec_command", args, out)

    add(
        "session_meta",
        {
            "id": session_id,
            "timestamp": _ts(start),
            "cwd": cwd,
            "originator": "codex_cli_rs",
            "cli_version": "0.104.0",
            "source": "cli",
            "model_provider": "openai",
            "git": {
                "commit_hash": uuid.uuid5(NS, spec["name"]).hex + "abcd1234",
                "branch": spec.get("branch", "main"),
                "repository_url": "git@github.com:acme/app.git",
            },
        },
        0,
    )
    add(
        "response_item",
        {
            "type": "message",
            "role": "developer",
            "content": [
                {
                    "type": "input_text",
                    "text": "<permissions instructions>Sandbox: workspace-write. Approval policy: on-request.</permissions instructions>",
                }
            ],
        },
        0,
    )
    add(
        "response_item",
        {
            "type": "message",
            "role": "user",
            "content": [
                {
                    "type": "input_text",
                    "text": f"<environment_context>\n  <cwd>{cwd}</cwd>\n  <shell>bash</shell>\n</environment_context>",
                }
            ],
        },
        0,
    )
    add(
        "event_msg",
        {
            "type": "task_started",
            "turn_id": turn_id,
            "model_context_window": 258400,
            "collaboration_mode_kind": "default",
        },
        0,
    )
    turn_context()
    last_message = ""
    for turn in spec["turns"]:
        kind = turn[0]
        if kind == "user":
            add(
                "response_item",
                {"type": "message", "role": "user", "content": [{"type": "input_text", "text": turn[1]}]},
            )
            add("event_msg", {"type": "user_message", "message": turn[1], "images": []}, 0)
        elif kind == "think":
            add("event_msg", {"type": "agent_reasoning", "text": turn[1]})
            add(
                "response_item",
                {
                    "type": "reasoning",
                    "summary": [{"type": "summary_text", "text": turn[1]}],
                    "content": None,
                    "encrypted_content": "gAAAAABp" + uuid.uuid5(NS, turn[1]).hex * 4,
                },
                0,
            )
        elif kind == "say":
            last_message = turn[1]
            final = turn is spec["turns"][-1]
            add("event_msg", {"type": "agent_message", "message": turn[1]})
            add(
                "response_item",
                {
                    "type": "message",
                    "role": "assistant",
                    "content": [{"type": "output_text", "text": turn[1]}],
                    "phase": "final_answer" if final else "commentary",
                },
                0,
            )
            tokens()
        elif kind == "bash":
            shell(turn[1], turn[2], turn[3] if len(turn) > 3 else 0)
        elif kind == "read":
            shell(f"sed -n '1,200p' {turn[1]}", turn[2], 0)
        elif kind == "edit":
            call(
                "apply_patch",
                _patch_update(turn[1], turn[2], turn[3]),
                f"Success. Updated the following files:\nM {turn[1]}",
                custom=True,
            )
        elif kind == "write":
            call(
                "apply_patch",
                _patch_add(turn[1], turn[2]),
                f"Success. Updated the following files:\nA {turn[1]}",
                custom=True,
            )
        else:
            raise ValueError(f"{spec['name']}: turn kind {kind!r} is not supported for Codex")
    add("event_msg", {"type": "task_complete", "turn_id": turn_id, "last_agent_message": last_message})
    folder = HERE / deployment / "sessions" / "2026" / "03" / f"{day:02d}"
    stamp = start.strftime("%Y-%m-%dT%H-%M-%S")
    return folder / f"rollout-{stamp}-{session_id}.jsonl", "\n".join(
        json.dumps(x, ensure_ascii=False) for x in lines
    ) + "\n"


def render_set(
    root: Path, sessions: list[dict], claude_dep: str, codex_dep: str, labels_name: str
) -> list[dict]:
    """Write one set of sessions and its labels file under `root`; returns the label rows."""
    for d in (claude_dep, codex_dep):
        shutil.rmtree(root / d, ignore_errors=True)
    labels = []
    names = set()
    for i, spec in enumerate(sessions):
        if spec["name"] in names:
            raise ValueError(f"duplicate session name {spec['name']}")
        names.add(spec["name"])
        day = 1 + i % 28
        if spec["fmt"] == "claude":
            path, text = render_claude(spec, day, claude_dep)
        else:
            path, text = render_codex(spec, day, codex_dep)
        path = root / path.relative_to(HERE)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        labels.append({"session_id": sid(spec["name"]), "name": spec["name"], "categories": spec["labels"]})
    (root / labels_name).write_text("".join(json.dumps(r) + "\n" for r in labels), encoding="utf-8")
    return labels


def render_all(root: Path = HERE) -> list[dict]:
    """Write the tuning set (labels.jsonl) and the held-out set (labels_heldout.jsonl); returns the
    tuning set's label rows."""
    rows = []
    for sessions, claude_dep, codex_dep, labels_name in SETS:
        out = render_set(root, sessions, claude_dep, codex_dep, labels_name)
        rows = rows or out
    return rows


if __name__ == "__main__":
    render_all()
    for sessions, *_ in SETS:
        print(f"{len(sessions)} sessions, {sum(1 for r in sessions if r['labels'])} misbehaving")
