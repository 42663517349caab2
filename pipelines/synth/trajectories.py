"""Render a session plan as a one-document trajectory: SWE-agent `.traj`, mini-SWE-agent
`.traj.json` (gzip-compressed, as runs are often archived), Gemini CLI saved chat, or ATIF.

Each renderer walks the same format-neutral conversation the Inspect and OTel renderers use
(`inspect_otel._conversation`), so the behaviour a plan injects shows in every format: the reasoning
before each action, the actions as the agent's own tools, their results and the final claim.
Field names and shapes follow the real files in tests/fixtures/real (see docs/formats.md).
"""

from __future__ import annotations

import gzip
import random
from collections.abc import Callable

import orjson

from pipelines.synth.ids import Ids, ts
from pipelines.synth.inspect_otel import SYSTEM_PROMPT, _Call, _conversation, _ModelCall, _tokens
from pipelines.synth.plan import SessionPlan

Rendered = tuple[str, bytes, str]  # (path relative to the landing root, bytes, session id as landed)


def _shell(call: _Call) -> str:
    """A neutral tool call as one shell command (for agents whose only tool is bash)."""
    args = call.arguments
    if call.name == "bash":
        return str(args.get("cmd", ""))
    if call.name == "text_editor":
        path = args.get("path", "")
        if args.get("command") == "view":
            return f"cat {path}"
        if args.get("command") == "create":
            return f"cat <<'EOF' > {path}\n{args.get('file_text', '')}\nEOF"
        old, new = args.get("old_str", ""), args.get("new_str", "")
        script = f"p = open({path!r}).read()\nopen({path!r}, 'w').write(p.replace({old!r}, {new!r}, 1))"
        return f"python3 - <<'EOF'\n{script}\nEOF"
    return f"# {call.name}: {orjson.dumps(args).decode()}"


def _result_text(call: _Call) -> tuple[int, str]:
    code = 0 if call.error is None else 1
    return code, call.output if call.error is None else (call.output or call.error.get("message", ""))


def _swe_command(call: _Call) -> str:
    """SWE-agent 1.x tools: str_replace_editor for files, bash for the rest."""
    args = call.arguments
    if call.name == "text_editor":
        path = args.get("path", "")
        if args.get("command") == "view":
            return f"str_replace_editor view {path}"
        if args.get("command") == "create":
            return f"str_replace_editor create {path} --file_text {orjson.dumps(args.get('file_text', '')).decode()}"
        old, new = (
            orjson.dumps(args.get("old_str", "")).decode(),
            orjson.dumps(args.get("new_str", "")).decode(),
        )
        return f"str_replace_editor str_replace {path} --old_str {old} --new_str {new}"
    return _shell(call)


def swe_agent_file(
    deployment: str, plan: SessionPlan, model: str, start_ms: int, ids: Ids, rng: random.Random
) -> Rendered:
    instance = f"{plan.repo.replace('/', '__')}-{ids.hex(6)}"
    history: list[dict] = [
        {"role": "system", "content": SYSTEM_PROMPT, "agent": "main", "message_type": "system_prompt"}
    ]
    steps: list[dict] = []
    sent = received = 0
    for role, item in _conversation(plan, ids):
        if role == "user":
            history.append({"role": "user", "content": item, "agent": "main", "message_type": "observation"})
            continue
        assert isinstance(item, _ModelCall)
        thought = "\n\n".join(t for t in (item.thought, item.text) if t)
        calls = item.calls or [None]
        for call in calls:
            action = _swe_command(call) if call else "submit"
            observation = _result_text(call)[1] if call else ""
            response = f"{thought}\n\n```\n{action}\n```"
            sent += _tokens(SYSTEM_PROMPT) + sum(_tokens(s["observation"]) for s in steps)
            received += _tokens(response)
            steps.append(
                {
                    "action": action,
                    "observation": observation,
                    "response": response,
                    "thought": thought,
                    "execution_time": call.secs if call else 0.0,
                    "state": orjson.dumps({"working_dir": "/testbed"}).decode(),
                    "query": [],
                    "extra_info": {},
                }
            )
            history.append(
                {
                    "role": "assistant",
                    "content": response,
                    "thought": thought,
                    "action": action,
                    "agent": "main",
                    "message_type": "action",
                }
            )
            history.append(
                {"role": "user", "content": observation, "agent": "main", "message_type": "observation"}
            )
            thought = ""
    doc = {
        "trajectory": steps,
        "history": history,
        "info": {
            "swe_agent_version": "1.1.0",
            "exit_status": "submitted",
            "submission": "",
            "model_stats": {
                "instance_cost": round(sent * 2e-6, 4),
                "tokens_sent": sent,
                "tokens_received": received,
                "api_calls": len(steps),
            },
        },
        "replay_config": orjson.dumps({"agent": {"model": {"name": model}}}).decode(),
        "environment": "swe_main",
    }
    run = f"default__{model}__t-0.00__p-1.00__c-3.00___{ts(start_ms)[:10]}"
    return (
        f"{deployment}/swe-agent/trajectories/{run}/{instance}/{instance}.traj",
        orjson.dumps(doc),
        instance,
    )


def mini_swe_agent_file(
    deployment: str, plan: SessionPlan, model: str, start_ms: int, ids: Ids, rng: random.Random
) -> Rendered:
    instance = f"{plan.repo.replace('/', '__')}-{ids.hex(6)}"
    clock = start_ms / 1000
    messages: list[dict] = [{"role": "system", "content": SYSTEM_PROMPT}]
    prompt_tokens = _tokens(SYSTEM_PROMPT)
    for role, item in _conversation(plan, ids):
        if role == "user":
            messages.append({"role": "user", "content": item})
            prompt_tokens += _tokens(str(item))
            continue
        assert isinstance(item, _ModelCall)
        clock += rng.uniform(2, 9)
        text = "\n\n".join(t for t in (item.thought, item.text) if t)
        calls = [
            {
                "id": "call_" + ids.alnum(24),
                "type": "function",
                "function": {"name": "bash", "arguments": orjson.dumps({"command": _shell(c)}).decode()},
            }
            for c in item.calls
        ]
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": _tokens(text) + 20,
            "prompt_tokens_details": {"cached_tokens": int(prompt_tokens * 0.8)},
        }
        message: dict = {
            "role": "assistant",
            "content": text,
            "extra": {
                "actions": [
                    {"command": orjson.loads(c["function"]["arguments"])["command"], "tool_call_id": c["id"]}
                    for c in calls
                ],
                "response": {"id": ids.uuid4(), "created": int(clock), "model": model, "usage": usage},
                "timestamp": clock,
            },
        }
        if calls:
            message["tool_calls"] = calls
        messages.append(message)
        prompt_tokens += usage["completion_tokens"]
        for call, wire in zip(item.calls, calls, strict=True):
            clock += call.secs
            code, out = _result_text(call)
            content = f"<returncode>{code}</returncode>\n<output>\n{out}\n</output>"
            messages.append(
                {
                    "role": "tool",
                    "tool_call_id": wire["id"],
                    "content": content,
                    "extra": {"raw_output": out, "returncode": code, "timestamp": clock},
                }
            )
            prompt_tokens += _tokens(content)
    messages.append({"role": "exit", "content": "", "extra": {"exit_status": "Submitted", "submission": ""}})
    doc = {
        "info": {
            "model_stats": {
                "instance_cost": round(prompt_tokens * 2e-6, 4),
                "api_calls": sum(m["role"] == "assistant" for m in messages),
            },
            "config": {"model": {"model_name": model}},
            "mini_version": "2.2.7",
            "exit_status": "Submitted",
            "submission": "",
        },
        "messages": messages,
        "trajectory_format": "mini-swe-agent-1.1",
        "instance_id": instance,
    }
    data = gzip.compress(orjson.dumps(doc), mtime=0)
    return (
        f"{deployment}/mini-swe-agent/{ts(start_ms)[:10]}/{instance}/{instance}.traj.json.gz",
        data,
        instance,
    )


GEMINI_TOOLS = {"view": "read_file", "create": "write_file", "str_replace": "replace"}


def _gemini_call(call: _Call) -> tuple[str, dict]:
    args = call.arguments
    if call.name == "text_editor":
        name = GEMINI_TOOLS.get(args.get("command", ""), "replace")
        out = {"file_path": args.get("path", "")}
        if name == "write_file":
            out["content"] = args.get("file_text", "")
        if name == "replace":
            out.update(old_string=args.get("old_str", ""), new_string=args.get("new_str", ""))
        return name, out
    if call.name == "bash":
        return "run_shell_command", {"command": args.get("cmd", "")}
    return call.name, args


def gemini_chat_file(
    deployment: str, plan: SessionPlan, model: str, start_ms: int, ids: Ids, rng: random.Random
) -> Rendered:
    tag = f"checkpoint-{ids.hex(8)}"
    contents: list[dict] = [
        {
            "role": "user",
            "parts": [
                {
                    "text": "<session_context>\nThis is the Gemini CLI. "
                    "We are setting up the context for our chat.\n"
                    "</session_context>"
                }
            ],
        }
    ]
    for role, item in _conversation(plan, ids):
        if role == "user":
            contents.append({"role": "user", "parts": [{"text": item}]})
            continue
        assert isinstance(item, _ModelCall)
        parts: list[dict] = []
        if item.thought:
            parts.append({"text": item.thought, "thought": True})
        if item.text:
            parts.append({"text": item.text})
        responses = []
        for call in item.calls:
            name, args = _gemini_call(call)
            call_id = ids.alnum(8).lower()
            parts.append({"functionCall": {"name": name, "args": args, "id": call_id}})
            body = {"output": call.output} if call.error is None else {"error": _result_text(call)[1]}
            responses.append({"functionResponse": {"id": call_id, "name": name, "response": body}})
        contents.append({"role": "model", "parts": parts or [{"text": ""}]})
        if responses:
            contents.append({"role": "user", "parts": responses})
    return f"{deployment}/gemini/tmp/{ids.hex(16)}/{tag}.json", orjson.dumps(contents), tag


def atif_file(
    deployment: str, plan: SessionPlan, model: str, start_ms: int, ids: Ids, rng: random.Random
) -> Rendered:
    session = ids.uuid4()
    clock = start_ms
    steps: list[dict] = [{"step_id": 1, "timestamp": ts(clock), "source": "system", "message": SYSTEM_PROMPT}]
    prompt = _tokens(SYSTEM_PROMPT)
    for role, item in _conversation(plan, ids):
        clock += int(rng.uniform(1500, 9000))
        step: dict = {"step_id": len(steps) + 1, "timestamp": ts(clock)}
        if role == "user":
            step.update(source="user", message=item)
            prompt += _tokens(str(item))
        else:
            assert isinstance(item, _ModelCall)
            calls = [
                {
                    "tool_call_id": "call_" + ids.alnum(12),
                    "function_name": "bash",
                    "arguments": {"command": _shell(c)},
                }
                for c in item.calls
            ]
            step.update(
                source="agent",
                model_name=model,
                message=item.text or "",
                reasoning_content=item.thought or None,
            )
            if calls:
                step["tool_calls"] = calls
                step["observation"] = {
                    "results": [
                        {"source_call_id": w["tool_call_id"], "content": _result_text(c)[1]}
                        for c, w in zip(item.calls, calls, strict=True)
                    ]
                }
            completion = _tokens(item.thought + item.text) + 10
            step["metrics"] = {
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "cached_tokens": int(prompt * 0.7),
            }
            prompt += completion + sum(_tokens(c.output) for c in item.calls)
        steps.append({k: v for k, v in step.items() if v is not None})
    doc = {
        "schema_version": "ATIF-v1.4",
        "session_id": session,
        "agent": {"name": "terminus-2", "version": "2.0.0", "model_name": model},
        "steps": steps,
        "final_metrics": {"total_steps": len(steps)},
    }
    trial = f"{plan.repo.split('/')[-1]}__{ids.alnum(7)}"
    return (
        f"{deployment}/harbor/jobs/{ts(start_ms)[:10]}/{trial}/agent/trajectory.json",
        orjson.dumps(doc),
        session,
    )


RENDERERS: dict[str, Callable[..., Rendered]] = {
    "swe_agent_traj": swe_agent_file,
    "mini_swe_agent_traj": mini_swe_agent_file,
    "gemini_cli_chat": gemini_chat_file,
    "atif": atif_file,
}
