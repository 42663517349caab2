"""One-document agent trajectories: SWE-agent `.traj`, mini-SWE-agent `.traj.json`, Gemini CLI
saved chats and ATIF `trajectory.json`.

Each of these is one JSON document per run, not JSON Lines. Their `records` hook reads the document
once and writes it as canonical records (docs/canonical-format.md), one per message, step or part,
in the document's order; the canonical SQL parser then lands them, so validation, quarantine
reasons and the event contract are the canonical format's. The mapping of each format is in
docs/formats.md. A part of the document that is not of the expected shape becomes a broken record
(quarantined with the path of the offending field); the rest of the run still lands.

The session id is the file's name without its extensions (a run's instance id): the records carry
the placeholder FILE_SESSION, which the parser replaces from `batch_files.path`.

Python walks the document here (a run is one document of at most a few thousand steps, read once);
everything after, per record, is the canonical parser's SQL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import duckdb
import orjson

from pipelines.transcripts.base import EXCERPT_CHARS, Records, TranscriptFormat
from pipelines.transcripts.canonical import parse_canonical
from pipelines.transcripts.sqlutil import sql_literal

FILE_SESSION = "@file"
# The file name without directories and without .traj / .json / .gz / .zst endings.
SESSION_FROM_PATH_SQL = (
    r"regexp_replace(regexp_extract(f.path, '([^/\\]+)$', 1), '(\.traj)?(\.json)?(\.gz|\.zst)?$', '')"
)

Record = dict[str, Any]


class Broken(Exception):
    """A part of the document that cannot become a record; the message names the field."""


def _text(value: Any) -> str | None:
    """Message content as text: a string, or the text parts of an OpenAI-style content list."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = [p.get("text") for p in value if isinstance(p, dict) and isinstance(p.get("text"), str)]
        return "\n".join(parts) if parts else None
    return orjson.dumps(value).decode()


def _obj(parent: Record, key: str) -> Record:
    """A member that should be an object, or {} when it is absent or of another type."""
    value = parent.get(key)
    return value if isinstance(value, dict) else {}


def _str(parent: Record, key: str) -> str | None:
    value = parent.get(key)
    return value if isinstance(value, str) else None


def _list(parent: Record, key: str) -> list[Any]:
    value = parent.get(key)
    return value if isinstance(value, list) else []


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _event(kind: str, **fields: Any) -> Record:
    ts = fields.get("ts")
    if isinstance(ts, int | float) and not isinstance(ts, bool):  # epoch seconds
        fields["ts"] = datetime.fromtimestamp(ts, UTC).isoformat()
    return {"session_id": FILE_SESSION, "kind": kind, **{k: v for k, v in fields.items() if v is not None}}


def _records_of(doc: Any, walk: Callable[[Any], Iterator[Record]]) -> Records:
    """Run a format's walker; a Broken part becomes a broken record and the walk goes on."""
    records: list[str | None] = []
    broken: list[tuple[int, str, str]] = []
    for item in walk(doc):
        if isinstance(item, Broken):
            records.append(None)
            excerpt = str(item.args[1])[:EXCERPT_CHARS] if len(item.args) > 1 else ""
            broken.append((len(records), str(item.args[0]), excerpt))
        else:
            records.append(orjson.dumps(item).decode())
    return records, broken


def _load(data: bytes) -> tuple[Any, Records | None]:
    try:
        return orjson.loads(data), None
    except orjson.JSONDecodeError as exc:
        excerpt = data[:EXCERPT_CHARS].decode("utf-8", errors="replace")
        return None, ([None], [(1, f"invalid JSON document: {exc}"[:300], excerpt)])


def _excerpt(value: Any) -> str:
    return orjson.dumps(value).decode()[:EXCERPT_CHARS]


# ------------------------------------------------------------------------------------ SWE-agent


def _swe_agent(doc: Any) -> Iterator[Record | Broken]:
    """SWE-agent `.traj`: `history` (the model's conversation) and `trajectory` (one step per model
    turn: thought, action, observation). Messages before the first model turn come from `history`
    (system prompt, demonstrations, the issue); the turns from `trajectory`, which holds them apart;
    a file with no `trajectory` (demonstrations) is read from `history` alone."""
    if not isinstance(doc, dict):
        yield Broken("wrong shape: expected a JSON object (SWE-agent trajectory)", _excerpt(doc))
        return
    info = _obj(doc, "info")
    stats = _obj(info, "model_stats")
    yield {
        "record": "session",
        "session_id": FILE_SESSION,
        "agent": "swe-agent",
        "agent_version": _str(info, "swe_agent_version"),
        "model": _swe_model(doc),
    }
    history = _list(doc, "history")
    steps = doc.get("trajectory")
    if steps is not None and not isinstance(steps, list):
        yield Broken(
            f"wrong type: field trajectory is {type(steps).__name__}, expected array", _excerpt(steps)
        )
        steps = None
    for i, msg in enumerate(history):
        if not isinstance(msg, dict):
            yield Broken(
                f"wrong type: field history[{i}] is {type(msg).__name__}, expected object", _excerpt(msg)
            )
            continue
        role = msg.get("role")
        if steps and role not in ("system", "user"):
            break  # the model's turns: read from `trajectory`
        if steps and role == "user" and i > 0 and _after_model_turn(history, i):
            break
        yield from _swe_history_message(i, msg)
    for i, step in enumerate(steps or []):
        if not isinstance(step, dict):
            yield Broken(
                f"wrong type: field trajectory[{i}] is {type(step).__name__}, expected object", _excerpt(step)
            )
            continue
        call_id = f"step-{i}"
        thought, action = step.get("thought"), step.get("action")
        if isinstance(thought, str) and thought.strip():
            yield _event("reasoning", text=thought)
        if isinstance(action, str) and action.strip():
            yield _event(
                "tool_call",
                tool_name=_command_name(action),
                tool_call_id=call_id,
                tool_input={"command": action.rstrip("\n")},
            )
            observation = step.get("observation")
            yield _event(
                "tool_result",
                tool_name=_command_name(action),
                tool_call_id=call_id,
                tool_output=_text(observation) or "",
            )
        elif not (isinstance(thought, str) and thought.strip()):
            yield Broken(f"trajectory[{i}] has neither thought nor action", _excerpt(step))
    yield from _exit_record(
        info.get("exit_status"),
        info.get("submission"),
        input_tokens=_int(stats.get("tokens_sent")),
        output_tokens=_int(stats.get("tokens_received")),
    )


def _after_model_turn(history: list[Any], i: int) -> bool:
    return any(isinstance(m, dict) and m.get("role") == "assistant" for m in history[:i])


def _swe_history_message(i: int, msg: Record) -> Iterator[Record | Broken]:
    role, content = msg.get("role"), _text(msg.get("content"))
    demo = role == "user" and (msg.get("is_demo") or msg.get("message_type") == "demonstration")
    if role == "system" or demo:  # demonstrations are the harness's examples, not the user's words
        yield _event("system", text=content)
    elif role == "user":
        yield _event("user_message", text=content)
    elif role == "assistant":
        thought = _str(msg, "thought")
        calls = _list(msg, "tool_calls")
        if thought or calls or msg.get("action"):
            yield _event("reasoning", text=thought or content)
        else:
            yield _event("assistant_text", text=content)
        for j, call in enumerate(calls):
            fn = call.get("function") if isinstance(call, dict) else None
            if not isinstance(fn, dict):
                yield Broken(
                    f"wrong type: field history[{i}].tool_calls[{j}].function, expected object",
                    _excerpt(call),
                )
                continue
            yield _event(
                "tool_call",
                tool_name=fn.get("name"),
                tool_call_id=call.get("id"),
                tool_input=fn.get("arguments"),
            )
        if not calls and isinstance(msg.get("action"), str):
            yield _event(
                "tool_call",
                tool_name=_command_name(msg["action"]),
                tool_call_id=f"history-{i}",
                tool_input={"command": msg["action"].rstrip("\n")},
            )
    elif role == "tool":
        ids = msg.get("tool_call_ids") if isinstance(msg.get("tool_call_ids"), list) else [None]
        yield _event("tool_result", tool_call_id=ids[0] if ids else None, tool_output=content or "")
    else:
        yield Broken(f"unknown role in field history[{i}].role: {str(role)[:40]}", _excerpt(msg))


def _swe_model(doc: Record) -> str | None:
    config = doc.get("replay_config")
    if isinstance(config, str):
        try:
            config = orjson.loads(config)
        except orjson.JSONDecodeError:
            config = None
    agent = config.get("agent") if isinstance(config, dict) else None
    model = agent.get("model") if isinstance(agent, dict) else None
    name = model.get("name") if isinstance(model, dict) else None
    return name if isinstance(name, str) else None


def _command_name(action: str) -> str:
    """The tool an action runs: its first word (`open`, `edit`, `find_file`, `submit`, `python`...)."""
    words = action.strip().split(maxsplit=1)
    return words[0] if words else "bash"


def _exit_record(status: Any, submission: Any, **tokens: int | None) -> Iterator[Record]:
    if status is None and submission is None and not any(tokens.values()):
        return
    text = f"exit status: {status}" if status is not None else "exit"
    if isinstance(submission, str) and submission.strip():
        text += "\nsubmission:\n" + submission
    yield _event("system", text=text, **tokens)


# ------------------------------------------------------------------------------- mini-SWE-agent

RETURNCODE_RE = re.compile(r"<returncode>\s*(-?\d+)\s*</returncode>")
BASH_BLOCK_RE = re.compile(r"```(?:bash|mswea_bash_command)\s*\n(.*?)\n?```", re.S)


def _mini_swe_agent(doc: Any) -> Iterator[Record | Broken]:
    """mini-SWE-agent `.traj.json`: `messages` in OpenAI chat form plus `extra` (the raw response
    with usage, the parsed actions, the command's return code). Text-based runs put the command in
    a ```bash block and the result in the next user message as <returncode>N</returncode>."""
    if not isinstance(doc, dict) or not isinstance(doc.get("messages"), list):
        yield Broken("wrong shape: expected an object with a messages array (mini-SWE-agent)", _excerpt(doc))
        return
    info = _obj(doc, "info")
    config = _obj(info, "config")
    model_cfg = _obj(config, "model")
    yield {
        "record": "session",
        "session_id": FILE_SESSION,
        "agent": "mini-swe-agent",
        "agent_version": _str(info, "mini_version"),
        "model": _str(model_cfg, "model_name"),
    }
    pending: str | None = None  # the call id of a text-based action awaiting its observation
    exited = False
    for i, msg in enumerate(doc["messages"]):
        if not isinstance(msg, dict):
            yield Broken(
                f"wrong type: field messages[{i}] is {type(msg).__name__}, expected object", _excerpt(msg)
            )
            continue
        role, content = msg.get("role"), _text(msg.get("content"))
        extra = _obj(msg, "extra")
        ts = extra.get("timestamp") if isinstance(extra.get("timestamp"), int | float) else None
        if role == "system":
            yield _event("system", text=content, ts=ts)
        elif role == "assistant":
            yield from _mini_assistant(i, msg, content, extra, ts)
            calls = _list(msg, "tool_calls")
            block = BASH_BLOCK_RE.search(content or "")
            pending = f"msg-{i}" if not calls and block else None
        elif role == "tool":
            code = _int(extra.get("returncode"))
            if code is None and content:
                match = RETURNCODE_RE.search(content)
                code = int(match.group(1)) if match else None
            yield _event(
                "tool_result",
                tool_call_id=msg.get("tool_call_id"),
                tool_output=content or "",
                exit_code=code,
                is_error=code != 0 if code is not None else None,
                ts=ts,
            )
        elif role == "user" and pending and content and RETURNCODE_RE.search(content):
            code = int(RETURNCODE_RE.search(content).group(1))  # type: ignore[union-attr]
            yield _event(
                "tool_result",
                tool_name="bash",
                tool_call_id=pending,
                tool_output=content,
                exit_code=code,
                is_error=code != 0,
                ts=ts,
            )
            pending = None
        elif role == "user":
            yield _event("user_message", text=content, ts=ts)
        elif role == "exit":
            exited = True
            yield from _exit_record(extra.get("exit_status", info.get("exit_status")), content)
        else:
            yield Broken(f"unknown role in field messages[{i}].role: {str(role)[:40]}", _excerpt(msg))
    if not exited:
        yield from _exit_record(info.get("exit_status"), info.get("submission"))


def _mini_assistant(i: int, msg: Record, content: str | None, extra: Record, ts: Any) -> Iterator[Record]:
    response = _obj(extra, "response")
    usage = _obj(response, "usage")
    prompt_details = _obj(usage, "prompt_tokens_details")
    completion_details = _obj(usage, "completion_tokens_details")
    tokens = {
        # OpenAI-style usage (LiteLLM): prompt_tokens already counts the cached ones
        "input_tokens": _int(usage.get("prompt_tokens")),
        "cached_input_tokens": _int(prompt_details.get("cached_tokens")),
        "output_tokens": _int(usage.get("completion_tokens")),
        "reasoning_tokens": _int(completion_details.get("reasoning_tokens")),
        "model": _str(response, "model"),
        "ts": ts if ts is not None else response.get("created"),
    }
    calls = _list(msg, "tool_calls")
    block = BASH_BLOCK_RE.search(content or "")
    events: list[Record] = []
    reasoning = msg.get("reasoning_content")
    if isinstance(reasoning, str) and reasoning.strip():
        events.append(_event("reasoning", text=reasoning))
    if calls or block:
        # The text around the command is the model's stated reasoning for it.
        if content and content.strip():
            events.append(_event("reasoning", text=content))
        for call in calls:
            fn = call.get("function") if isinstance(call, dict) else {}
            fn = fn if isinstance(fn, dict) else {}
            events.append(
                _event(
                    "tool_call",
                    tool_name=fn.get("name") or "bash",
                    tool_call_id=call.get("id") if isinstance(call, dict) else None,
                    tool_input=fn.get("arguments"),
                )
            )
        if not calls and block:
            events.append(
                _event(
                    "tool_call",
                    tool_name="bash",
                    tool_call_id=f"msg-{i}",
                    tool_input={"command": block.group(1)},
                )
            )
    elif content is not None:
        events.append(_event("assistant_text", text=content))
    if not events:
        events.append(_event("assistant_text", text=""))
    # Usage on the first event of the model call only; its time on every event.
    first_kind = events[0]["kind"]
    events[0].update(_event(first_kind, **{k: v for k, v in tokens.items() if v is not None}))
    for event in events[1:]:
        if tokens["model"]:
            event["model"] = tokens["model"]
        if tokens["ts"] is not None:
            event.update(_event(event["kind"], ts=tokens["ts"]))
    yield from events


# ------------------------------------------------------------------------------- Gemini CLI


def _gemini_chat(doc: Any) -> Iterator[Record | Broken]:
    """A Gemini CLI saved chat (`/chat save`, checkpoints): the API history, a list of
    `{role: user|model, parts: [...]}`. Parts: `text` (with `thought: true` a thought summary),
    `functionCall {name, args, id}`, `functionResponse {name, id, response}`."""
    if not isinstance(doc, list):
        yield Broken("wrong shape: expected a JSON array of contents (Gemini CLI chat)", _excerpt(doc))
        return
    session = {"record": "session", "session_id": FILE_SESSION, "agent": "gemini-cli"}
    cwd = _gemini_workspace(doc)
    yield {**session, "cwd": cwd} if cwd else session
    for i, content in enumerate(doc):
        if not isinstance(content, dict) or not isinstance(content.get("parts"), list):
            yield Broken(f"wrong shape: field [{i}] is not a content with a parts array", _excerpt(content))
            continue
        role = content.get("role")
        for j, part in enumerate(content["parts"]):
            if not isinstance(part, dict):
                yield Broken(f"wrong type: field [{i}].parts[{j}], expected object", _excerpt(part))
                continue
            yield from _gemini_part(i, j, role, part)


# The CLI's session context names the workspace ("- **Workspace Directories:**" then a list in 0.3x
# versions, "I'm currently working in the directory: ..." in earlier ones): the session's cwd, which
# tells the detectors which paths are the project's own.
GEMINI_WORKSPACE_RE = re.compile(
    r"Workspace Directories:\**\s*\n\s*-\s*(/[^\n]*?)\s*\n|working in the directory:\s*(/[^\n]*?)\s*\n"
)


def _gemini_workspace(doc: list) -> str | None:
    for content in doc[:3]:
        parts = content.get("parts") if isinstance(content, dict) else None
        for part in parts if isinstance(parts, list) else []:
            text = part.get("text") if isinstance(part, dict) else None
            if isinstance(text, str) and text.lstrip().startswith("<session_context>"):
                found = GEMINI_WORKSPACE_RE.search(text)
                if found:
                    return (found.group(1) or found.group(2)).rstrip("/") or "/"
    return None


def _gemini_part(i: int, j: int, role: Any, part: Record) -> Iterator[Record | Broken]:
    text = part.get("text")
    if isinstance(part.get("functionCall"), dict):
        call = part["functionCall"]
        yield _event(
            "tool_call", tool_name=call.get("name"), tool_call_id=call.get("id"), tool_input=call.get("args")
        )
    elif isinstance(part.get("functionResponse"), dict):
        resp = part["functionResponse"]
        body = _obj(resp, "response")
        output = body.get("output", body.get("error", body))
        yield _event(
            "tool_result",
            tool_name=resp.get("name"),
            tool_call_id=resp.get("id"),
            tool_output=output if isinstance(output, str) else orjson.dumps(output).decode(),
            is_error="error" in body,
        )
    elif isinstance(text, str):
        if role == "model" and part.get("thought") is True:
            yield _event("reasoning", text=text, reasoning_visibility="summary")
        elif role == "model":
            yield _event("assistant_text", text=text)
        elif text.lstrip().startswith(("<session_context>", "<state_snapshot>")):
            yield _event("system", text=text)  # context the CLI writes, not the user's words
        else:
            yield _event("user_message", text=text)
    else:
        keys = ", ".join(sorted(part))[:80]
        yield Broken(
            f"part [{i}].parts[{j}] has no text, functionCall or functionResponse (keys: {keys})",
            _excerpt(part),
        )


# ------------------------------------------------------------------------------------ ATIF


def _atif(doc: Any) -> Iterator[Record | Broken]:
    """ATIF (Agent Trajectory Interchange Format, Harbor): `steps[]` with `source` (system, user,
    agent), `message`, `reasoning_content`, `tool_calls[]`, `observation.results[]` (with
    `source_call_id`, or `subagent_trajectory_ref`), and per-step `metrics`."""
    if not isinstance(doc, dict) or not isinstance(doc.get("steps"), list):
        yield Broken("wrong shape: expected an object with a steps array (ATIF)", _excerpt(doc))
        return
    agent = _obj(doc, "agent")
    # ATIF files are all named trajectory.json: the document's own session_id names the session.
    sid = doc["session_id"] if isinstance(doc.get("session_id"), str) and doc["session_id"] else FILE_SESSION
    # A subagent's trajectory (Harbor's summarization agents) names its parent in agent.extra;
    # Harbor's converted Claude Code runs list the working directories there (`cwds`) and branches.
    extra = _obj(agent, "extra")
    parent = extra.get("parent_session_id")
    cwds, branches = _list(extra, "cwds"), _list(extra, "git_branches")
    session = {
        "record": "session",
        "session_id": sid,
        "agent": agent.get("name") or "atif",
        "agent_version": agent.get("version"),
        "model": agent.get("model_name"),
        "parent_session_id": parent if isinstance(parent, str) and parent else None,
        "cwd": cwds[0] if cwds and isinstance(cwds[0], str) and cwds[0] else None,
        "git_branch": branches[0] if branches and isinstance(branches[0], str) and branches[0] else None,
    }
    yield {k: v for k, v in session.items() if v is not None}
    for i, step in enumerate(doc["steps"]):
        if not isinstance(step, dict):
            yield Broken(f"wrong type: field steps[{i}], expected object", _excerpt(step))
            continue
        if step.get("is_copied_context") is True:
            # The parent's own steps, copied in as the subagent's context: they land (and are
            # monitored) once, in the parent's session.
            yield {
                "record": "skip",
                "session_id": sid,
                "reason": "context copied from the parent trajectory (is_copied_context)",
            }
            continue
        for record in _atif_step(i, step):
            if isinstance(record, dict):
                record["session_id"] = sid
            yield record


def _atif_step(i: int, step: Record) -> Iterator[Record | Broken]:
    source, ts, message = step.get("source"), step.get("timestamp"), _text(step.get("message"))
    metrics = _obj(step, "metrics")
    tokens = {
        "input_tokens": _int(metrics.get("prompt_tokens")),
        "cached_input_tokens": _int(metrics.get("cached_tokens")),
        "output_tokens": _int(metrics.get("completion_tokens")),
        "model": step.get("model_name"),
        "ts": ts,
    }
    events: list[Record] = []
    if source == "system":
        events.append(_event("system", text=message, ts=ts))
    elif source == "user":
        events.append(_event("user_message", text=message, ts=ts))
    elif source == "agent":
        if isinstance(step.get("reasoning_content"), str) and step["reasoning_content"]:
            events.append(_event("reasoning", text=step["reasoning_content"]))
        calls = _list(step, "tool_calls")
        if message:
            events.append(_event("reasoning" if calls else "assistant_text", text=message))
        for call in calls:
            if isinstance(call, dict):
                events.append(
                    _event(
                        "tool_call",
                        tool_name=call.get("function_name"),
                        tool_call_id=call.get("tool_call_id"),
                        tool_input=call.get("arguments"),
                    )
                )
    else:
        yield Broken(f"unknown source in field steps[{i}].source: {str(source)[:40]}", _excerpt(step))
        return
    observation = _obj(step, "observation")
    call_ids = [c.get("tool_call_id") for c in _list(step, "tool_calls") if isinstance(c, dict)]
    # Harbor's terminus agents write one observation per step without `source_call_id`: with a
    # single call in the step the result can only be that call's.
    sole_call = call_ids[0] if len(call_ids) == 1 else None
    for result in observation.get("results") or []:
        if not isinstance(result, dict):
            continue
        output = result.get("content")
        if output is None and result.get("subagent_trajectory_ref") is not None:
            output = "subagent trajectory: " + orjson.dumps(result["subagent_trajectory_ref"]).decode()
        events.append(
            _event(
                "tool_result",
                tool_call_id=result.get("source_call_id") or sole_call,
                tool_output=_text(output) or "",
                ts=ts,
            )
        )
    if not events:
        events.append(_event("system" if source != "agent" else "assistant_text", text=message or "", ts=ts))
    events[0].update(_event(events[0]["kind"], **{k: v for k, v in tokens.items() if v is not None}))
    yield from events


# ------------------------------------------------------------------------------------ formats


def _records_hook(walk: Callable[[Any], Iterator[Record | Broken]]) -> Callable[[bytes], Records]:
    def records(data: bytes) -> Records:
        doc, failed = _load(data)
        return failed if failed is not None else _records_of(doc, walk)

    return records


def _parser(source_format: str, agent: str) -> Callable[[duckdb.DuckDBPyConnection], None]:
    def parse(conn: duckdb.DuckDBPyConnection) -> None:
        parse_canonical(conn, source_format, agent)
        for table in ("p_events", "p_sessions"):
            conn.execute(f"""
                update {table} t set session_id = {SESSION_FROM_PATH_SQL}
                from batch_files f
                where t.session_id = {sql_literal(FILE_SESSION)} and t.file_id = f.file_id
            """)

    return parse


def _format(
    source_format: str, agent: str, description: str, walk: Callable[[Any], Iterator[Any]]
) -> TranscriptFormat:
    return TranscriptFormat(
        source_format, agent, description, _parser(source_format, agent), _records_hook(walk)
    )


SWE_AGENT = _format(
    "swe_agent_traj",
    "swe-agent",
    "SWE-agent trajectory (.traj): history, thought / action / observation steps, info",
    _swe_agent,
)
MINI_SWE_AGENT = _format(
    "mini_swe_agent_traj",
    "mini-swe-agent",
    "mini-SWE-agent trajectory (.traj.json): chat messages with usage and return codes",
    _mini_swe_agent,
)
GEMINI_CHAT = _format(
    "gemini_cli_chat",
    "gemini-cli",
    "Gemini CLI saved chat / checkpoint (JSON array of {role, parts})",
    _gemini_chat,
)
ATIF = _format(
    "atif",
    "atif",
    "ATIF trajectory.json (Agent Trajectory Interchange Format: Harbor and other harnesses)",
    _atif,
)
FORMATS = (SWE_AGENT, MINI_SWE_AGENT, GEMINI_CHAT, ATIF)
