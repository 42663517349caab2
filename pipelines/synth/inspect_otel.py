"""Render a session plan as an Inspect AI eval log (.eval zip or .json) or as OTLP GenAI spans.

The same `SessionPlan` the Claude Code and Codex renderers take becomes:

- `render_inspect_log(plan, meta, ids, rng, container)`: a whole Inspect log with one sample (epoch
  1): header (`eval` spec with run_id, task, model, packages.inspect_ai; plan; results; stats), the
  sample's messages (system, user, assistant with ContentReasoning and tool_calls, tool messages
  with `error` on failed commands), ModelEvents (usage, completed time), ToolEvents, a sample_init
  event, scores and model_usage. Long strings in events go to `attachments` as `attachment://<md5>`,
  as Inspect writes them. `container="eval"` gives the zip (header.json, samples/<id>_epoch_1.json,
  summaries.json, _journal/start.json), `"json"` the single document.
- `render_otel(plan, meta, ids, rng)`: collector file-exporter lines (one ExportTraceServiceRequest
  per line) with an `invoke_agent` root span, one `chat` span per model call (system instructions,
  the whole input history and the output messages as JSON-string attributes, usage) and one
  `execute_tool` span per tool call (`error.type` and an error status when the command failed),
  exported in batches in end-time order like the SDK's batch processor.

Reasoning follows `meta.reasoning`: 'plain' (Anthropic-style readable thinking), 'summary' (OpenAI
style: ciphertext in `reasoning`, readable `summary`, redacted) or 'encrypted' (ciphertext only).
OTel has no encrypted reasoning part: the span carries the readable text, or nothing.
"""

from __future__ import annotations

import hashlib
import random
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

import orjson

from pipelines.synth.ids import Ids, ts
from pipelines.synth.plan import Act, SessionPlan, Step

SYSTEM_PROMPT = (
    "You are a software engineering agent working in a sandboxed repository. Use the bash and text_editor "
    "tools to inspect and change files. Run the tests before you report that the task is done, and report "
    "failures honestly."
)
ATTACH_OVER = 100  # Inspect moves strings longer than this out of events into sample.attachments


@dataclass
class InspectMeta:
    run_id: str
    eval_id: str
    task: str
    task_id: str
    model: str  # provider/model, as `eval.model`
    response_model: str  # as the provider reports it (output.model)
    sample_id: int | str
    start_ms: int
    sample_uuid: str = ""
    inspect_version: str = "0.3.140"
    reasoning: str = "plain"  # plain | summary | encrypted
    score: str = "C"  # the scorer's value for the sample


@dataclass
class OtelMeta:
    conversation_id: str
    trace_id: str  # 32 hex digits
    service_name: str
    service_version: str
    agent_name: str
    provider: str  # gen_ai.provider.name
    model: str  # gen_ai.request.model
    response_model: str
    start_ms: int
    reasoning: str = "plain"  # plain | summary | encrypted (no reasoning part is exported)
    spans_per_request: int = 8


@dataclass
class _Call:
    """One tool call in the neutral form both renderers use."""

    call_id: str
    name: str
    arguments: dict
    output: str
    error: dict | None
    secs: float


@dataclass
class _ModelCall:
    thought: str
    text: str
    calls: list[_Call] = field(default_factory=list)


def _tool_calls(act: Act, ids: Ids) -> list[_Call]:
    """An act as Inspect's standard tools (bash, text_editor, python) would have run it."""
    secs = act.secs or 0.3
    denied = {"type": "approval", "message": "Tool call rejected by the approver"} if act.denied else None
    if act.kind == "read":
        return [
            _Call(ids.call_id(), "text_editor", {"command": "view", "path": act.path}, act.text, denied, secs)
        ]
    if act.kind == "edit":
        return [
            _Call(
                ids.call_id(),
                "text_editor",
                {"command": "str_replace", "path": act.path, "old_str": old, "new_str": new},
                f"The file {act.path} has been edited.",
                denied,
                secs,
            )
            for old, new in (act.edits or [("", "")])
        ]
    if act.kind == "write":
        args = {"command": "create", "path": act.path, "file_text": act.text}
        return [
            _Call(
                ids.call_id(), "text_editor", args, f"File created successfully at: {act.path}", denied, secs
            )
        ]
    if act.kind == "grep":
        out = "\n".join(f"{p}:{n}:{line}" for p, n, line in act.hits)
        return [_Call(ids.call_id(), "bash", {"cmd": f"grep -rn '{act.pattern}' ."}, out, denied, secs)]
    if act.kind == "glob":
        out = "\n".join(str(h) for h in act.hits)
        return [_Call(ids.call_id(), "bash", {"cmd": f"find . -path './{act.pattern}'"}, out, denied, secs)]
    if act.kind == "ls":
        return [
            _Call(ids.call_id(), "bash", {"cmd": f"ls {act.path}".strip()}, act.out or act.text, denied, secs)
        ]
    if act.kind == "task" and act.sub is not None:
        args = {"description": act.sub.description, "prompt": act.sub.prompt}
        return [_Call(ids.call_id(), "agent", args, act.sub.final, denied, secs)]
    error = denied
    if error is None and act.code != 0:
        error = {"type": "unknown", "message": (act.out or f"exit code {act.code}")[-500:]}
    return [_Call(ids.call_id(), "bash", {"cmd": act.cmd}, act.out, error, secs)]


def _conversation(plan: SessionPlan, ids: Ids) -> list[tuple[str, object]]:
    """The plan as ('user', prompt) and ('model', _ModelCall) items in order."""
    items: list[tuple[str, object]] = []
    for turn in plan.turns:
        items.append(("user", turn.prompt))
        for step in turn.steps:
            items.append(("model", _model_call(step, ids)))
        items.append(("model", _ModelCall(turn.final_thought, turn.final)))
    return items


def _model_call(step: Step, ids: Ids) -> _ModelCall:
    calls = [c for act in step.acts for c in _tool_calls(act, ids)]
    return _ModelCall(step.thought, step.say, calls)


def _tokens(text: str) -> int:
    return max(1, len(text) // 4)


# ------------------------------------------------------------------------------------------ Inspect


class _Attachments:
    def __init__(self) -> None:
        self.store: dict[str, str] = {}

    def ref(self, value: str) -> str:
        if len(value) <= ATTACH_OVER:
            return value
        key = hashlib.md5(value.encode(), usedforsecurity=False).hexdigest()  # Inspect's content key
        self.store[key] = value
        return f"attachment://{key}"


def _iso(ms: int) -> str:
    return ts(ms).replace("Z", "+00:00")


def _reasoning_part(thought: str, meta: InspectMeta, ids: Ids) -> dict:
    if meta.reasoning == "plain":
        return {"type": "reasoning", "reasoning": thought, "signature": ids.signature(48), "redacted": False}
    part = {
        "type": "reasoning",
        "reasoning": ids.encrypted_content(96),
        "signature": "rs_" + ids.hex(48),
        "redacted": True,
    }
    if meta.reasoning == "summary":
        part["summary"] = thought
    return part


def render_inspect_sample(
    plan: SessionPlan, meta: InspectMeta, ids: Ids, rng: random.Random
) -> tuple[dict, int]:
    """The EvalSample of a plan, and the time (ms) it completed."""
    att = _Attachments()
    clock = meta.start_ms
    messages: list[dict] = [
        {"id": ids.alnum(22), "role": "system", "content": SYSTEM_PROMPT, "source": "input"}
    ]
    events: list[dict] = [
        {"timestamp": _iso(clock), "event": "sample_init", "sample": {"id": meta.sample_id}}
    ]
    usage_total = {"input_tokens": 0, "output_tokens": 0, "total_tokens": 0, "reasoning_tokens": 0}
    history_chars = len(SYSTEM_PROMPT)
    last_output: dict = {}
    for kind, item in _conversation(plan, ids):
        if kind == "user":
            assert isinstance(item, str)
            messages.append({"id": ids.alnum(22), "role": "user", "content": item, "source": "input"})
            history_chars += len(item)
            clock += rng.randint(200, 1500)
            continue
        assert isinstance(item, _ModelCall)
        content: list[dict] = []
        if item.thought:
            content.append(_reasoning_part(item.thought, meta, ids))
        if item.text:
            content.append({"type": "text", "text": item.text})
        message = {
            "id": ids.alnum(22),
            "role": "assistant",
            "content": content,
            "source": "generate",
            "model": meta.response_model,
        }
        if item.calls:
            message["tool_calls"] = [
                {"id": c.call_id, "function": c.name, "arguments": c.arguments, "type": "function"}
                for c in item.calls
            ]
        out_tokens = _tokens(
            item.thought + item.text + "".join(orjson.dumps(c.arguments).decode() for c in item.calls)
        )
        usage = {
            "input_tokens": _tokens("x" * history_chars),
            "output_tokens": out_tokens,
            "total_tokens": _tokens("x" * history_chars) + out_tokens,
            "reasoning_tokens": _tokens(item.thought) if item.thought else 0,
        }
        for k in usage_total:
            usage_total[k] += usage[k]
        started = clock
        clock += rng.randint(1500, 9000)
        event_message = {**message, "content": [dict(p) for p in content]}
        for part in event_message["content"]:
            if part["type"] == "text":
                part["text"] = att.ref(part["text"])
        last_output = {
            "model": meta.response_model,
            "choices": [{"message": message, "stop_reason": "tool_calls" if item.calls else "stop"}],
            "usage": usage,
            "time": (clock - started) / 1000,
        }
        events.append(
            {
                "timestamp": _iso(started),
                "working_start": (started - meta.start_ms) / 1000,
                "event": "model",
                "model": meta.model,
                "input": [{"role": "user", "content": att.ref("history elided by the generator " * 4)}],
                "tools": [],
                "tool_choice": "auto",
                "config": {},
                "output": {**last_output, "choices": [{"message": event_message, "stop_reason": "stop"}]},
                "completed": _iso(clock),
                "working_time": (clock - started) / 1000,
            }
        )
        messages.append(message)
        history_chars += sum(len(p.get("text", "")) for p in content)
        for call in item.calls:
            tool_start = clock
            clock += max(1, int(call.secs * 1000))
            tool_message = {
                "id": ids.alnum(22),
                "role": "tool",
                "content": call.output,
                "tool_call_id": call.call_id,
                "function": call.name,
            }
            if call.error:
                tool_message["error"] = call.error
            messages.append(tool_message)
            history_chars += len(call.output)
            events.append(
                {
                    "timestamp": _iso(tool_start),
                    "working_start": (tool_start - meta.start_ms) / 1000,
                    "event": "tool",
                    "type": "function",
                    "id": call.call_id,
                    "function": call.name,
                    "arguments": call.arguments,
                    "result": att.ref(call.output),
                    "error": call.error,
                    "events": [],
                    "completed": _iso(clock),
                    "working_time": call.secs,
                }
            )
            clock += rng.randint(50, 400)
    events.append(
        {
            "timestamp": _iso(clock),
            "event": "score",
            "score": {"value": meta.score, "explanation": "graded by the task's scorer"},
            "target": "",
            "intermediate": False,
        }
    )
    sample = {
        "id": meta.sample_id,
        "epoch": 1,
        "input": plan.turns[0].prompt if plan.turns else "",
        "target": "",
        "messages": messages,
        "output": last_output or {"model": meta.response_model, "choices": []},
        "scores": {"includes": {"value": meta.score, "explanation": "graded by the task's scorer"}},
        "metadata": {"repo": plan.repo, "lang": plan.lang},
        "store": {},
        "events": events,
        "model_usage": {meta.model: usage_total},
        "total_time": (clock - meta.start_ms) / 1000,
        "working_time": (clock - meta.start_ms) / 1000,
        "uuid": meta.sample_uuid or ids.alnum(22),
        "started_at": _iso(meta.start_ms),
        "completed_at": _iso(clock),
        "attachments": att.store,
    }
    return sample, clock


def _eval_header(meta: InspectMeta, sample: dict, end_ms: int) -> dict:
    return {
        "version": 2,
        "status": "success",
        "eval": {
            "eval_id": meta.eval_id,
            "run_id": meta.run_id,
            "created": _iso(meta.start_ms),
            "task": meta.task,
            "task_id": meta.task_id,
            "task_version": 0,
            "dataset": {"name": meta.task, "samples": 1, "sample_ids": [meta.sample_id], "shuffled": False},
            "model": meta.model,
            "model_args": {},
            "config": {"epochs": 1},
            "packages": {"inspect_ai": meta.inspect_version},
            "scorers": [{"name": "includes", "options": {}, "metrics": [{"name": "inspect_ai/accuracy"}]}],
        },
        "plan": {"name": "plan", "steps": [{"solver": "react", "params": {}}], "config": {}},
        "results": {"total_samples": 1, "completed_samples": 1, "scores": []},
        "stats": {
            "started_at": _iso(meta.start_ms),
            "completed_at": _iso(end_ms),
            "model_usage": sample["model_usage"],
        },
    }


def render_inspect_log(
    plan: SessionPlan, meta: InspectMeta, ids: Ids, rng: random.Random, container: str = "eval"
) -> bytes:
    """A whole Inspect log file with the plan as its one sample: `.eval` zip bytes or `.json` bytes."""
    if container not in ("eval", "json"):
        raise ValueError(f"container must be 'eval' or 'json', got {container!r}")
    sample, end_ms = render_inspect_sample(plan, meta, ids, rng)
    header = _eval_header(meta, sample, end_ms)
    if container == "json":
        return orjson.dumps({**header, "samples": [sample]}, option=orjson.OPT_INDENT_2)
    summary = [
        {"id": meta.sample_id, "epoch": 1, "input": sample["input"], "target": "", "scores": sample["scores"]}
    ]
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=5) as z:
        z.writestr("_journal/start.json", orjson.dumps({k: header[k] for k in ("version", "eval", "plan")}))
        z.writestr(f"samples/{meta.sample_id}_epoch_1.json", orjson.dumps(sample))
        z.writestr("_journal/summaries/1.json", orjson.dumps(summary))
        z.writestr("summaries.json", orjson.dumps(summary))
        z.writestr("header.json", orjson.dumps(header))
    return buf.getvalue()


def inspect_file_name(meta: InspectMeta, container: str = "eval") -> str:
    """Inspect's log file name: `<created>_<task>_<task_id>.<ext>`."""
    created = ts(meta.start_ms)[:19].replace(":", "-")
    return f"{created}+00-00_{meta.task}_{meta.task_id}.{container}"


# ------------------------------------------------------------------------------------------ OTel


def _any(value: object) -> dict:
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int):
        return {"intValue": str(value)}
    if isinstance(value, float):
        return {"doubleValue": value}
    if isinstance(value, list):
        return {"arrayValue": {"values": [_any(v) for v in value]}}
    return {"stringValue": str(value)}


def _attrs(values: dict) -> list[dict]:
    return [{"key": k, "value": _any(v)} for k, v in values.items() if v is not None]


def _json(value: object) -> str:
    return orjson.dumps(value).decode()


def render_otel(plan: SessionPlan, meta: OtelMeta, ids: Ids, rng: random.Random) -> list[bytes]:
    """OTLP JSON lines (collector file exporter) for the plan's conversation."""
    spans: list[dict] = []
    root_id = ids.hex(16)
    clock_ns = meta.start_ms * 1_000_000
    start_ns = clock_ns
    history: list[dict] = []
    instructions = [{"type": "text", "content": SYSTEM_PROMPT}]

    def span(
        name: str, start: int, end: int, attrs: dict, parent: str | None = root_id, error: str | None = None
    ) -> None:
        spans.append(
            {
                "traceId": meta.trace_id,
                "spanId": ids.hex(16) if parent else root_id,
                "parentSpanId": parent or "",
                "flags": 257,
                "name": name,
                "kind": 3 if name.startswith("chat") else 1,
                "startTimeUnixNano": str(start),
                "endTimeUnixNano": str(end),
                "attributes": _attrs(attrs),
                "status": {"code": 2, "message": error} if error else {},
            }
        )

    for kind, item in _conversation(plan, ids):
        if kind == "user":
            history.append({"role": "user", "parts": [{"type": "text", "content": item}]})
            clock_ns += rng.randint(200, 1500) * 1_000_000
            continue
        assert isinstance(item, _ModelCall)
        parts: list[dict] = []
        if item.thought and meta.reasoning != "encrypted":
            parts.append({"type": "reasoning", "content": item.thought})
        if item.text:
            parts.append({"type": "text", "content": item.text})
        parts += [
            {"type": "tool_call", "id": c.call_id, "name": c.name, "arguments": c.arguments}
            for c in item.calls
        ]
        finish = "tool_call" if item.calls else "stop"
        output = [{"role": "assistant", "parts": parts, "finish_reason": finish}]
        input_chars = sum(len(_json(m)) for m in history) + len(SYSTEM_PROMPT)
        out_tokens = _tokens(item.thought + item.text + "".join(_json(c.arguments) for c in item.calls))
        call_start = clock_ns
        clock_ns += rng.randint(1500, 9000) * 1_000_000
        span(
            f"chat {meta.model}",
            call_start,
            clock_ns,
            {
                "gen_ai.operation.name": "chat",
                "gen_ai.provider.name": meta.provider,
                "gen_ai.request.model": meta.model,
                "gen_ai.response.model": meta.response_model,
                "gen_ai.response.id": "resp_" + ids.hex(24),
                "gen_ai.response.finish_reasons": [finish],
                "gen_ai.conversation.id": meta.conversation_id,
                "gen_ai.agent.name": meta.agent_name,
                "gen_ai.usage.input_tokens": _tokens("x" * input_chars),
                "gen_ai.usage.output_tokens": out_tokens,
                "gen_ai.usage.reasoning.output_tokens": _tokens(item.thought) if item.thought else None,
                "gen_ai.system_instructions": _json(instructions),
                "gen_ai.input.messages": _json(history),
                "gen_ai.output.messages": _json(output),
            },
        )
        history.append({"role": "assistant", "parts": [p for p in parts if p["type"] != "reasoning"]})
        for call in item.calls:
            tool_start = clock_ns
            clock_ns += max(1, int(call.secs * 1000)) * 1_000_000
            failed = call.error is not None
            span(
                f"execute_tool {call.name}",
                tool_start,
                clock_ns,
                {
                    "gen_ai.operation.name": "execute_tool",
                    "gen_ai.tool.name": call.name,
                    "gen_ai.tool.type": "function",
                    "gen_ai.tool.call.id": call.call_id,
                    "gen_ai.tool.call.arguments": _json(call.arguments),
                    "gen_ai.tool.call.result": call.output,
                    "error.type": (call.error or {}).get("type") if failed else None,
                },
                error=(call.error or {}).get("message") if failed else None,
            )
            history.append(
                {
                    "role": "tool",
                    "parts": [{"type": "tool_call_response", "id": call.call_id, "response": call.output}],
                }
            )
            clock_ns += rng.randint(50, 400) * 1_000_000
    span(
        f"invoke_agent {meta.agent_name}",
        start_ns,
        clock_ns,
        {
            "gen_ai.operation.name": "invoke_agent",
            "gen_ai.provider.name": meta.provider,
            "gen_ai.agent.name": meta.agent_name,
            "gen_ai.conversation.id": meta.conversation_id,
        },
        parent=None,
    )
    spans.sort(key=lambda s: int(s["endTimeUnixNano"]))  # the batch processor exports spans as they end
    resource = {
        "attributes": _attrs({"service.name": meta.service_name, "service.version": meta.service_version})
    }
    scope = {"name": "opentelemetry.instrumentation.genai", "version": "0.2b0"}
    step = max(1, meta.spans_per_request)
    return [
        orjson.dumps(
            {
                "resourceSpans": [
                    {
                        "resource": resource,
                        "scopeSpans": [{"scope": scope, "spans": spans[i : i + step]}],
                        "schemaUrl": "https://opentelemetry.io/schemas/1.37.0",
                    }
                ]
            }
        )
        + b"\n"
        for i in range(0, len(spans), step)
    ]


# ------------------------------------------------------------------------------------------ files


def _provider(model: str) -> tuple[str, str]:
    """(provider, reasoning visibility) the model's real logs show."""
    if model.startswith("claude"):
        return "anthropic", "plain"
    if model.endswith("-max"):
        return "openai", "encrypted"  # as the generator's encrypted-only Codex model
    return "openai", "summary"


def inspect_session_file(
    deployment: str,
    plan: SessionPlan,
    model: str,
    start_ms: int,
    ids: Ids,
    rng: random.Random,
    container: str = "eval",
) -> tuple[str, bytes, str]:
    """One Inspect log for a session: (path relative to the landing root, bytes, session_id as landed)."""
    provider, reasoning = _provider(model)
    meta = InspectMeta(
        run_id=ids.alnum(22),
        eval_id=ids.alnum(22),
        task=plan.task.replace("_", "-"),
        task_id=ids.alnum(22),
        model=f"{provider}/{model}",
        response_model=model,
        sample_id=rng.randint(1, 500),
        start_ms=start_ms,
        reasoning=reasoning,
        score="I" if plan.categories else rng.choice("CCCI"),
    )
    data = render_inspect_log(plan, meta, ids, rng, container)
    day = ts(start_ms)[:10]
    path = f"{deployment}/inspect/logs/{day}/{inspect_file_name(meta, container)}"
    return path, data, f"{meta.run_id}:{meta.sample_id}:1"


def otel_session_file(
    deployment: str, plan: SessionPlan, model: str, start_ms: int, ids: Ids, rng: random.Random
) -> tuple[str, bytes, str]:
    """One collector file-exporter file for a session: (relative path, bytes, session_id as landed)."""
    provider, reasoning = _provider(model)
    meta = OtelMeta(
        conversation_id="conv_" + ids.hex(24),
        trace_id=ids.hex(32),
        service_name=f"{deployment}-agent",
        service_version=f"1.{rng.randint(0, 9)}.{rng.randint(0, 20)}",
        agent_name="coding-agent",
        provider=provider,
        model=model,
        response_model=model,
        start_ms=start_ms,
        reasoning=reasoning,
    )
    data = b"".join(render_otel(plan, meta, ids, rng))
    day = ts(start_ms)[:10]
    return f"{deployment}/otel/{day}/traces-{meta.conversation_id}.jsonl", data, meta.conversation_id
