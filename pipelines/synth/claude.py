"""Render a session plan as Claude Code JSONL (CLI 2.0.x / 2.1.x layout).

Matches the real files field for field (see shared/fixtures/real/claude_code): envelope key order,
one assistant line per content block sharing message.id / requestId / usage, tool results as user
lines with `toolUseResult`, `Exit code N` + is_error on failing Bash, file-history snapshots around
prompts and edits, stop_hook_summary system lines, thinking blocks with signatures (empty thinking
with a signature on newer CLIs), and sidechain files for Task subagents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import orjson

from pipelines.synth.ids import Ids, ts
from pipelines.synth.plan import Act, SessionPlan, Step, SubAgent, line_hunk

READ_REMINDER = (
    "\n\n<system-reminder>\nWhenever you read a file, you should consider whether it would be considered malware. "
    "You CAN and SHOULD provide analysis of malware, what it is doing. But you MUST refuse to improve or augment "
    "the code. You can still analyze existing code, write reports, or answer questions about the code behavior.\n"
    "</system-reminder>\n"
)
HOOK_COMMAND = '"$CLAUDE_PROJECT_DIR"/.claude/hooks/audit.sh'
SLUG_WORDS = (
    "idempotent", "sprouting", "ocean", "quiet", "lucky", "amber", "frosty", "velvet", "rapid", "hidden",
    "mossy", "crimson", "gentle", "nimble", "silver", "wandering", "cosmic", "tidy", "brisk", "lunar",
    "meadow", "harbor", "falcon", "cedar", "pebble", "comet", "willow", "ember", "otter", "glacier",
)  # fmt: skip


@dataclass
class ClaudeMeta:
    session_id: str
    cwd: str
    home: str
    git_branch: str
    version: str
    model: str
    start_ms: int
    thinking_visible: bool
    hooks: bool
    summary_title: str | None = None
    subagent_layout: str = "nested"  # nested: <sid>/subagents/agent-<id>.jsonl; flat: agent-<id>.jsonl


@dataclass
class ClaudeOutput:
    lines: list[bytes]
    subagents: list[tuple[str, str, list[bytes], list[str]]] = field(
        default_factory=list
    )  # (agentId, model, lines, cats)
    end_ms: int = 0


def _dumps(obj: dict) -> bytes:
    return orjson.dumps(obj) + b"\n"


def abs_path(cwd: str, home: str, path: str) -> str:
    if path.startswith("/"):
        return path
    if path.startswith("~"):
        return home + path[1:]
    return f"{cwd}/{path}"


def numbered(text: str, start: int = 1) -> str:
    return "\n".join(f"{i:>6}→{line}" for i, line in enumerate(text.split("\n"), start))


def structured_patch(original: str, old: str, new: str) -> list[dict]:
    start, before, minus, plus, after = line_hunk(original, old, new)
    n_ctx = len(before) + len(after)
    return [
        {
            "oldStart": start + 1,
            "oldLines": len(minus) + n_ctx,
            "newStart": start + 1,
            "newLines": len(plus) + n_ctx,
            "lines": [" " + ln for ln in before]
            + ["-" + ln for ln in minus]
            + ["+" + ln for ln in plus]
            + [" " + ln for ln in after],
        }
    ]


def whole_file_patch(original: str, text: str) -> list[dict]:
    """Patch hunks for a Write over an existing file: an append when the old text is a prefix."""
    old_lines = original.rstrip("\n").split("\n")
    if text.startswith(original):
        added = text[len(original) :].rstrip("\n").split("\n")
        ctx = old_lines[-3:]
        start = len(old_lines) - len(ctx) + 1
        lines = [" " + ln for ln in ctx] + ["+" + ln for ln in added]
        return [
            {
                "oldStart": start,
                "oldLines": len(ctx),
                "newStart": start,
                "newLines": len(ctx) + len(added),
                "lines": lines,
            }
        ]
    new_lines = text.rstrip("\n").split("\n")
    lines = ["-" + ln for ln in old_lines] + ["+" + ln for ln in new_lines]
    return [
        {"oldStart": 1, "oldLines": len(old_lines), "newStart": 1, "newLines": len(new_lines), "lines": lines}
    ]


def _snippet(text: str, anchor: str) -> str:
    lines = text.split("\n")
    pos = text.find(anchor)
    at = text.count("\n", 0, pos) if pos >= 0 else 0
    lo = max(0, at - 4)
    hi = min(len(lines), at + anchor.count("\n") + 5)
    return "\n".join(f"{i + 1:>6}→{lines[i]}" for i in range(lo, hi))


class _Writer:
    """Emits the records of one transcript (main or sidechain), tracking the uuid chain and clock."""

    def __init__(
        self, meta: ClaudeMeta, ids: Ids, rng: random.Random, model: str, agent_id: str | None
    ) -> None:
        self.m = meta
        self.ids = ids
        self.rng = rng
        self.model = model
        self.agent_id = agent_id
        self.lines: list[bytes] = []
        self.parent: str | None = None
        self.clock = meta.start_ms
        self.slug: str | None = None
        self.slug_value = "-".join(rng.sample(SLUG_WORDS, 3))
        self.ctx_tokens = rng.randint(11000, 19000)
        self.pending_new = rng.randint(200, 4000)
        self.tracked: dict[str, dict] = {}
        self.prompt_uuid = ""
        self.prompt_snapshot_ts = ""
        self.last_assistant_uuid = ""

    # -- envelope ----------------------------------------------------------------------------
    def env(self) -> dict:
        d = {
            "parentUuid": self.parent,
            "isSidechain": self.agent_id is not None,
            "userType": "external",
            "cwd": self.m.cwd,
            "sessionId": self.m.session_id,
            "version": self.m.version,
            "gitBranch": self.m.git_branch,
        }
        if self.agent_id is not None:
            d["agentId"] = self.agent_id
        elif self.slug is not None:
            d["slug"] = self.slug
        return d

    def tick(self, lo: float, hi: float) -> None:
        self.clock += int(self.rng.uniform(lo, hi) * 1000)

    # -- records -----------------------------------------------------------------------------
    def snapshot(self, message_id: str, update: bool, snapshot_message_id: str | None = None) -> None:
        if self.agent_id is not None:
            return
        if not update:
            self.prompt_snapshot_ts = ts(self.clock + self.rng.randint(150, 500))
        rec = {
            "type": "file-history-snapshot",
            "messageId": message_id,
            "snapshot": {
                "messageId": snapshot_message_id or message_id,
                "trackedFileBackups": dict(self.tracked),
                "timestamp": self.prompt_snapshot_ts,
            },
            "isSnapshotUpdate": update,
        }
        self.lines.append(_dumps(rec))

    def user_prompt(self, text: str) -> None:
        uid = self.ids.uuid4()
        if self.agent_id is None:
            self.prompt_uuid = uid
            self.snapshot(uid, False)
        d = self.env()
        d["type"] = "user"
        d["message"] = {"role": "user", "content": text}
        d["uuid"] = uid
        d["timestamp"] = ts(self.clock)
        if self.agent_id is None:
            d["thinkingMetadata"] = {"level": "high", "disabled": False, "triggers": []}
            d["todos"] = []
        self.lines.append(_dumps(d))
        self.parent = uid
        self.pending_new += len(text) // 4 + 20

    def usage(self, out_tokens: int) -> dict:
        created = self.pending_new
        read = self.ctx_tokens
        self.ctx_tokens += created + out_tokens
        self.pending_new = 0
        return {
            "input_tokens": self.rng.randint(3, 14),
            "cache_creation_input_tokens": created,
            "cache_read_input_tokens": read,
            "cache_creation": {"ephemeral_5m_input_tokens": created, "ephemeral_1h_input_tokens": 0},
            "output_tokens": out_tokens,
            "service_tier": "standard",
        }

    def assistant(self, blocks: list[dict], out_tokens: int, last_stop: str) -> list[str]:
        """One API response written as one line per content block; returns the line uuids."""
        msg_id, req_id = self.ids.msg_id(), self.ids.request_id()
        usage = self.usage(out_tokens)
        uuids = []
        for i, block in enumerate(blocks):
            is_last = i == len(blocks) - 1
            stop = last_stop if is_last and self.rng.random() < 0.5 else None
            uid = self.ids.uuid4()
            d = self.env()
            d["message"] = {
                "model": self.model,
                "id": msg_id,
                "type": "message",
                "role": "assistant",
                "content": [block],
                "stop_reason": stop,
                "stop_sequence": None,
                "usage": usage,
            }
            d["requestId"] = req_id
            d["type"] = "assistant"
            d["uuid"] = uid
            d["timestamp"] = ts(self.clock)
            self.lines.append(_dumps(d))
            self.parent = uid
            uuids.append(uid)
            self.last_assistant_uuid = uid
            if block["type"] == "text":
                self.tick(0.2, 0.4 + len(block["text"]) / 900)
            else:
                self.tick(0.05, 0.6)
        return uuids

    def tool_result(self, result: dict, tool_use_result, source_uuid: str) -> None:
        uid = self.ids.uuid4()
        d = self.env()
        d["type"] = "user"
        d["message"] = {"role": "user", "content": [result]}
        d["uuid"] = uid
        d["timestamp"] = ts(self.clock)
        d["toolUseResult"] = tool_use_result
        self.lines.append(_dumps(d))
        self.parent = uid
        content = result.get("content")
        size = len(content) if isinstance(content, str) else 200
        self.pending_new += size // 4 + 10
        if self.slug is None and self.agent_id is None and self.rng.random() < 0.6:
            self.slug = self.slug_value  # the CLI names the session after the first exchanges

    def stop_hook(self) -> None:
        uid = self.ids.uuid4()
        d = self.env()
        d.update(
            {
                "type": "system",
                "subtype": "stop_hook_summary",
                "hookCount": 1,
                "hookInfos": [{"command": HOOK_COMMAND}],
                "hookErrors": [],
                "preventedContinuation": False,
                "stopReason": "",
                "hasOutput": False,
                "level": "suggestion",
                "timestamp": ts(self.clock),
                "uuid": uid,
                "toolUseID": self.ids.uuid4(),
            }
        )
        self.lines.append(_dumps(d))
        self.parent = uid

    # -- tools -------------------------------------------------------------------------------
    def tool_call(self, act: Act) -> tuple[str, dict]:
        """(tool name, input) for an action."""
        m = self.m
        if act.kind == "read":
            return "Read", {"file_path": abs_path(m.cwd, m.home, act.path)}
        if act.kind == "grep":
            scope = act.hits[0][0].rsplit("/", 1)[0] if act.hits and act.hits[0][0].startswith("/") else None
            inp: dict = {"pattern": act.pattern}
            if scope:
                inp["path"] = scope
            if act.code == 0 and self.rng.random() < 0.5:
                inp["output_mode"] = "content"
                inp["-n"] = True
            return "Grep", inp
        if act.kind == "glob":
            return "Glob", {"pattern": act.pattern}
        if act.kind == "edit":
            fp = abs_path(m.cwd, m.home, act.path)
            if len(act.edits) == 1:
                old, new = act.edits[0]
                return "Edit", {"file_path": fp, "old_string": old, "new_string": new}
            return "MultiEdit", {
                "file_path": fp,
                "edits": [{"old_string": o, "new_string": n} for o, n in act.edits],
            }
        if act.kind == "write":
            return "Write", {"file_path": abs_path(m.cwd, m.home, act.path), "content": act.text}
        if act.kind == "task":
            sub = act.sub
            kind = "Explore" if sub is not None and not sub.categories else "general-purpose"
            return "Task", {
                "description": sub.description if sub else "",
                "prompt": sub.prompt if sub else "",
                "subagent_type": kind,
            }
        inp = {"command": act.cmd, "description": act.desc}
        if act.secs > 20 and self.rng.random() < 0.5:
            inp["timeout"] = 300000
        return "Bash", inp

    def result_for(self, act: Act, tool_id: str, inp: dict, agent_id: str | None) -> tuple[dict, object]:
        m = self.m
        if act.kind == "read":
            fp = inp["file_path"]
            n = act.text.count("\n") + 1
            content = numbered(act.text) + READ_REMINDER
            tur = {
                "type": "text",
                "file": {"filePath": fp, "content": act.text, "numLines": n, "startLine": 1, "totalLines": n},
            }
            return {"tool_use_id": tool_id, "type": "tool_result", "content": content}, tur
        if act.kind == "grep":
            files = list(dict.fromkeys(abs_path(m.cwd, m.home, h[0]) for h in act.hits))
            if inp.get("output_mode") == "content":
                body = "\n".join(f"{abs_path(m.cwd, m.home, p)}:{n}:{line}" for p, n, line in act.hits)
                content = body or "No matches found"
                tur = {
                    "mode": "content",
                    "numFiles": 0,
                    "filenames": [],
                    "content": body,
                    "numLines": len(act.hits),
                }
            else:
                content = (
                    f"Found {len(files)} file{'s' if len(files) != 1 else ''}\n" + "\n".join(files)
                    if files
                    else "No files found"
                )
                tur = {"mode": "files_with_matches", "filenames": files, "numFiles": len(files)}
            return {"tool_use_id": tool_id, "type": "tool_result", "content": content}, tur
        if act.kind == "glob":
            files = [abs_path(m.cwd, m.home, p) for p in act.hits]
            content = "\n".join(files) if files else "No files found"
            tur = {
                "filenames": files,
                "durationMs": self.rng.randint(3, 140),
                "numFiles": len(files),
                "truncated": False,
            }
            return {"tool_use_id": tool_id, "type": "tool_result", "content": content}, tur
        if act.kind == "edit":
            fp = inp["file_path"]
            after = act.original
            for o, n in act.edits:
                after = after.replace(o, n, 1)
            if len(act.edits) == 1:
                old, new = act.edits[0]
                content = (
                    f"The file {fp} has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n"
                    + _snippet(after, new)
                )
                tur = {
                    "filePath": fp,
                    "oldString": old,
                    "newString": new,
                    "originalFile": act.original,
                    "structuredPatch": structured_patch(act.original, old, new),
                    "userModified": False,
                    "replaceAll": False,
                }
            else:
                items = "\n".join(
                    f'{i}. Replaced "{o[:60]}" with "{n[:60]}"' for i, (o, n) in enumerate(act.edits, 1)
                )
                content = f"Applied {len(act.edits)} edits to {fp}:\n{items}"
                patches = []
                for o, n in act.edits:
                    patches += structured_patch(act.original, o, n)
                tur = {
                    "filePath": fp,
                    "edits": [{"old_string": o, "new_string": n, "replace_all": False} for o, n in act.edits],
                    "originalFileContents": act.original,
                    "structuredPatch": patches,
                    "userModified": False,
                }
            return {"tool_use_id": tool_id, "type": "tool_result", "content": content}, tur
        if act.kind == "write":
            fp = inp["file_path"]
            if not act.original:
                tur = {
                    "type": "create",
                    "filePath": fp,
                    "content": act.text,
                    "structuredPatch": [],
                    "originalFile": None,
                }
                return {
                    "tool_use_id": tool_id,
                    "type": "tool_result",
                    "content": f"File created successfully at: {fp}",
                }, tur
            patch = whole_file_patch(act.original, act.text)
            added = act.text[len(act.original) :] if act.text.startswith(act.original) else act.text
            content = (
                f"The file {fp} has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n"
                + _snippet(act.text, added.strip("\n")[:40])
            )
            tur = {
                "type": "update",
                "filePath": fp,
                "content": act.text,
                "structuredPatch": patch,
                "originalFile": act.original,
            }
            return {"tool_use_id": tool_id, "type": "tool_result", "content": content}, tur
        if act.kind == "task":
            sub = act.sub
            text = sub.final if sub else act.text
            tur = {
                "status": "completed",
                "prompt": inp["prompt"],
                "agentId": agent_id,
                "content": [{"type": "text", "text": text}],
                "totalDurationMs": int(act.secs * 1000),
                "totalTokens": self.rng.randint(8000, 40000),
                "totalToolUseCount": sum(len(s.acts) for s in sub.steps) if sub else 0,
                "usage": {
                    "input_tokens": self.rng.randint(4, 30),
                    "cache_creation_input_tokens": self.rng.randint(500, 6000),
                    "cache_read_input_tokens": self.rng.randint(5000, 30000),
                    "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                    "output_tokens": self.rng.randint(100, 900),
                    "service_tier": "standard",
                },
            }
            return {
                "tool_use_id": tool_id,
                "type": "tool_result",
                "content": [{"type": "text", "text": text}],
            }, tur
        # Bash
        if act.denied:
            msg = f"Permission to use Bash with command {act.cmd} has been denied."
            return {
                "type": "tool_result",
                "content": msg,
                "is_error": True,
                "tool_use_id": tool_id,
            }, f"Error: {msg}"
        if act.code != 0:
            body = f"Exit code {act.code}\n{act.out}"
            return {
                "type": "tool_result",
                "content": body,
                "is_error": True,
                "tool_use_id": tool_id,
            }, f"Error: {body}"
        tur = {"stdout": act.out, "stderr": "", "interrupted": False, "isImage": False}
        return {"tool_use_id": tool_id, "type": "tool_result", "content": act.out, "is_error": False}, tur

    # -- steps -------------------------------------------------------------------------------
    def thinking_block(self, thought: str) -> dict:
        sig = self.ids.signature(120 + int(len(thought) * 0.75) + self.rng.randint(0, 200))
        return {"type": "thinking", "thinking": thought if self.m.thinking_visible else "", "signature": sig}

    def run_step(self, step: Step, think: bool, sub_writer) -> None:
        blocks: list[dict] = []
        out_tokens = 0
        if think and step.thought:
            blocks.append(self.thinking_block(step.thought))
            out_tokens += len(step.thought) // 4
        if step.say:
            blocks.append({"type": "text", "text": step.say})
            out_tokens += len(step.say) // 4
        calls = []
        for act in step.acts:
            name, inp = self.tool_call(act)
            tid = self.ids.toolu_id()
            calls.append((act, tid, inp))
            blocks.append({"type": "tool_use", "id": tid, "name": name, "input": inp})
            out_tokens += len(orjson.dumps(inp)) // 4 + 12
        self.tick(1.5, 7.0 + len(step.thought) / 250)
        uuids = self.assistant(blocks, max(out_tokens, 8), "tool_use")
        tool_uuids = uuids[len(uuids) - len(calls) :]
        edit_updates = []
        for (act, _, _), tu in zip(calls, tool_uuids, strict=True):
            if act.kind in ("edit", "write") and self.agent_id is None:
                edit_updates.append((act, tu))
        for (act, tid, inp), tu in zip(calls, tool_uuids, strict=True):
            agent_id = None
            if act.kind == "task" and act.sub is not None:
                # the parent's tool result arrives once the subagent's own transcript has finished
                started = self.clock
                agent_id, sub_end = sub_writer(act.sub, started + self.rng.randint(50, 400))
                self.clock = sub_end + self.rng.randint(200, 900)
                act.secs = (self.clock - started) / 1000
            else:
                self.clock += int(act.secs * 1000) + self.rng.randint(20, 300)
            for e_act, e_uuid in edit_updates:
                if e_uuid == tu:
                    self._track(e_act.path)
                    self.snapshot(e_uuid, True, self.prompt_uuid)
            result, tur = self.result_for(act, tid, inp, agent_id)
            self.tool_result(result, tur, tu)

    def _track(self, path: str) -> None:
        if path.startswith(("/", "~")):
            return
        prev = self.tracked.get(path)
        version = prev["version"] + 1 if prev else 1
        name = f"{self.ids.hex(16)}@v{version}" if prev or self.rng.random() < 0.5 else None
        self.tracked[path] = {"backupFileName": name, "version": version, "backupTime": ts(self.clock)}

    def final(self, thought: str, text: str, think: bool) -> None:
        blocks = []
        if think and thought:
            blocks.append(self.thinking_block(thought))
        blocks.append({"type": "text", "text": text})
        self.tick(1.5, 6.0)
        self.assistant(blocks, max(8, (len(thought) + len(text)) // 4), "end_turn")


def render_claude(plan: SessionPlan, meta: ClaudeMeta, ids: Ids, rng: random.Random) -> ClaudeOutput:
    w = _Writer(meta, ids, rng, meta.model, None)
    out = ClaudeOutput(lines=w.lines)

    def sub_writer(sub: SubAgent, start_ms: int) -> tuple[str, int]:
        agent_id = ids.agent_id(long=meta.version.startswith("2.1"))
        sub_model = "claude-haiku-4-5-20251001" if not sub.categories else meta.model
        sm = ClaudeMeta(**{**meta.__dict__, "start_ms": start_ms})
        sw = _Writer(sm, ids, rng, sub_model, agent_id)
        sw.user_prompt(sub.prompt)
        for st in sub.steps:
            sw.run_step(st, False, lambda *_: None)
        sw.final("", sub.final, False)
        out.subagents.append((agent_id, sub_model, sw.lines, list(sub.categories)))
        return agent_id, sw.clock

    for ti, turn in enumerate(plan.turns):
        if ti > 0:
            w.tick(20, 600)
        w.user_prompt(turn.prompt)
        for step in turn.steps:
            w.run_step(step, step.key or rng.random() < 0.88, sub_writer)
        w.final(turn.final_thought, turn.final, True)
        if meta.hooks:
            w.tick(0.2, 0.6)
            w.stop_hook()
    if meta.summary_title:
        w.lines.insert(
            0, _dumps({"type": "summary", "summary": meta.summary_title, "leafUuid": w.last_assistant_uuid})
        )
    out.end_ms = w.clock
    return out
