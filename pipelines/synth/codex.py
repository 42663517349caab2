"""Render a session plan as a Codex CLI rollout (0.9x-0.10x layout).

Matches the real rollouts (shared/fixtures/real/codex): `{timestamp,type,payload}` lines;
session_meta, injected developer/user context, task_started, the prompt as response_item plus its
event_msg copy, a turn_context before every model call, token_count events (info null before the
first call, then cumulative + last usage, each repeated after the call's outputs), reasoning items
with a summary and a Fernet `encrypted_content` (summary empty on encrypted-only models), agent
messages duplicated as event_msg, exec_command function calls with JSON-string arguments, apply_patch
custom tool calls, and task_complete.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import orjson

from pipelines.synth.ids import Ids, ts
from pipelines.synth.plan import Act, SessionPlan, Step, line_hunk

BASE_INSTRUCTIONS = (
    "You are Codex, a coding agent running in a terminal on the user's machine. You and the user share the same "
    "workspace and collaborate to achieve the user's goals.\n\n## General\n\n- When searching for text or files, "
    "prefer `rg` and `rg --files` over `grep` and `find`.\n- Default to ASCII when editing or creating files.\n"
    "- Add succinct code comments only where the code is not self-explanatory.\n\n## Editing constraints\n\n"
    "- Use the apply_patch tool for single-file edits.\n- You may be in a dirty git worktree. NEVER revert "
    "existing changes you did not make unless explicitly requested.\n- Do not amend commits unless asked.\n"
    "- NEVER use destructive commands like `git reset --hard` or `git checkout --` unless the user has clearly "
    "asked for that operation.\n\n## Planning\n\nUse the plan tool for non-trivial multi-step work. Do not make "
    "single-step plans.\n\n## Sandboxing and approvals\n\nThe sandbox restricts file writes to the workspace and "
    "may block network access. When a command fails because of the sandbox, request approval rather than "
    "working around it.\n\n## Final answer\n\nBe concise. Reference files with inline code paths. Summarize "
    "what changed and how it was verified; do not claim checks you did not run.\n"
)
PERMISSIONS = (
    "<permissions instructions>\nFilesystem sandboxing defines which files can be read or written. `sandbox_mode` "
    "is `workspace-write`: The sandbox permits reading files, and editing files in `cwd` and `writable_roots`. "
    "Editing files in other directories requires approval. Network access is restricted.\nApprovals are your "
    "mechanism to get user consent to run shell commands without the sandbox. `approval_policy` is `{policy}`.\n"
    "</permissions instructions>"
)
APP_CONTEXT = (
    "<app-context>\nThe user is working in the Codex CLI. Prefer short status updates between tool calls. Use "
    "markdown sparingly in the final answer.\n</app-context>"
)
COLLAB = (
    "<collaboration_mode>\nDefault mode: work autonomously until the task is done, then report. Ask only when "
    "blocked or when an action is destructive.\n</collaboration_mode>"
)
AGENTS_MD = (
    "# Repository guidelines\n\n- Run the test suite before declaring a task done.\n- Keep changes minimal and "
    "focused; do not reformat unrelated code.\n- Never commit secrets. `.env` is local only.\n- Tests are the "
    "spec: do not weaken or skip tests to make CI pass.\n"
)


@dataclass
class CodexMeta:
    session_id: str
    cwd: str
    home: str
    model: str
    cli_version: str
    originator: str
    source: str
    start_ms: int
    effort: str
    encrypted_only: bool
    unified_exec_output: bool  # newer CLIs: "Chunk ID / Process exited with code N" output header
    git_branch: str
    repo_url: str
    approval_policy: str


def _dumps(obj: dict) -> bytes:
    return orjson.dumps(obj) + b"\n"


class _Rollout:
    def __init__(self, meta: CodexMeta, ids: Ids, rng: random.Random) -> None:
        self.m = meta
        self.ids = ids
        self.rng = rng
        self.lines: list[bytes] = []
        self.clock = meta.start_ms
        self.total = {
            "input_tokens": 0,
            "cached_input_tokens": 0,
            "output_tokens": 0,
            "reasoning_output_tokens": 0,
            "total_tokens": 0,
        }
        self.last: dict | None = None
        self.ctx_tokens = rng.randint(9000, 17000)
        self.pending = 0
        self.window = 258400 if rng.random() < 0.7 else 272000
        self.used_primary = float(rng.randint(0, 60))
        self.used_secondary = float(rng.randint(0, 40))
        self.resets_primary = meta.start_ms // 1000 + rng.randint(600, 18000)
        self.resets_secondary = meta.start_ms // 1000 + rng.randint(86400, 604800)
        self.turn_id = ""

    def emit(self, kind: str, payload: dict, dt_ms: int = 0) -> None:
        self.clock += dt_ms
        self.lines.append(_dumps({"timestamp": ts(self.clock), "type": kind, "payload": payload}))

    def tick(self, lo: float, hi: float) -> None:
        self.clock += int(self.rng.uniform(lo, hi) * 1000)

    # -- records -----------------------------------------------------------------------------
    def session_meta(self) -> None:
        m = self.m
        payload = {
            "id": m.session_id,
            "timestamp": ts(self.clock),  # the thread's creation time, as in its id and the file name
            "cwd": m.cwd,
            "originator": m.originator,
            "cli_version": m.cli_version,
            "source": m.source,
            "model_provider": "openai",
            "base_instructions": {"text": BASE_INSTRUCTIONS},
            "git": {"commit_hash": self.ids.hex(40), "branch": m.git_branch, "repository_url": m.repo_url},
        }
        self.emit("session_meta", payload, self.rng.randint(800, 6000))
        perms = PERMISSIONS.replace("{policy}", m.approval_policy)
        self.message("developer", perms, 0)
        self.message("developer", APP_CONTEXT, 0)
        self.message(
            "user", f"# AGENTS.md instructions for {m.cwd}\n\n<INSTRUCTIONS>\n{AGENTS_MD}</INSTRUCTIONS>", 1
        )
        env = (
            f"<environment_context>\n  <cwd>{m.cwd}</cwd>\n  <approval_policy>{m.approval_policy}</approval_policy>\n"
            "  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n"
            "  <shell>bash</shell>\n</environment_context>"
        )
        self.message("user", env, 0)
        self.message("developer", COLLAB, 0)

    def message(self, role: str, text: str, dt: int, phase: str | None = None) -> None:
        kind = "output_text" if role == "assistant" else "input_text"
        payload: dict = {"type": "message", "role": role, "content": [{"type": kind, "text": text}]}
        if phase is not None:
            payload["phase"] = phase
        self.emit("response_item", payload, dt)

    def turn_context(self) -> None:
        m = self.m
        perms = PERMISSIONS.replace("{policy}", m.approval_policy)
        payload = {
            "turn_id": self.turn_id,
            "cwd": m.cwd,
            "approval_policy": m.approval_policy,
            "sandbox_policy": {
                "type": "workspace-write",
                "writable_roots": [m.cwd],
                "network_access": False,
                "exclude_tmpdir_env_var": False,
                "exclude_slash_tmp": False,
            },
            "model": m.model,
            "personality": "pragmatic",
            "collaboration_mode": {
                "mode": "default",
                "settings": {
                    "model": m.model,
                    "reasoning_effort": m.effort,
                    "developer_instructions": COLLAB,
                },
            },
            "effort": m.effort,
            "summary": "none" if m.encrypted_only else "auto",
            "user_instructions": AGENTS_MD,
            "developer_instructions": perms,
            "truncation_policy": {"mode": "tokens", "limit": 10000},
        }
        self.emit("turn_context", payload, self.rng.randint(2, 30))

    def rate_limits(self) -> dict:
        return {
            "limit_id": "codex",
            "limit_name": None,
            "primary": {
                "used_percent": self.used_primary,
                "window_minutes": 300,
                "resets_at": self.resets_primary,
            },
            "secondary": {
                "used_percent": self.used_secondary,
                "window_minutes": 10080,
                "resets_at": self.resets_secondary,
            },
            "credits": {"has_credits": False, "unlimited": False, "balance": None},
            "plan_type": None,
        }

    def token_count(self, dt: int) -> None:
        info = None
        if self.last is not None:
            info = {
                "total_token_usage": dict(self.total),
                "last_token_usage": dict(self.last),
                "model_context_window": self.window,
            }
        self.emit("event_msg", {"type": "token_count", "info": info, "rate_limits": self.rate_limits()}, dt)

    def account(self, out_tokens: int, reasoning_tokens: int) -> None:
        inp = self.ctx_tokens + self.pending
        cached = (self.ctx_tokens // 128) * 128 if self.last is not None else 3456
        cached = min(cached, inp)
        last = {
            "input_tokens": inp,
            "cached_input_tokens": cached,
            "output_tokens": out_tokens + reasoning_tokens,
            "reasoning_output_tokens": reasoning_tokens,
            "total_tokens": inp + out_tokens + reasoning_tokens,
        }
        for k in self.total:
            self.total[k] += last[k]
        self.last = last
        self.ctx_tokens = inp + out_tokens
        self.pending = 0
        if self.rng.random() < 0.3:
            self.used_primary = min(100.0, self.used_primary + 1.0)

    def reasoning(self, title: str, thought: str) -> int:
        """Returns the reasoning tokens spent."""
        enc = self.ids.encrypted_content(int(300 + len(thought) * 1.6 + self.rng.randint(0, 900)))
        if self.m.encrypted_only or not thought:
            summary = []
        else:
            summary = [{"type": "summary_text", "text": f"**{title}**\n\n{thought}"}]
        self.tick(2.0, 8.0 + len(thought) / 200)
        for part in summary:
            self.emit("event_msg", {"type": "agent_reasoning", "text": part["text"]})
        self.emit(
            "response_item",
            {"type": "reasoning", "summary": summary, "content": None, "encrypted_content": enc},
            1,
        )
        return max(16, len(thought) // 3) + self.rng.randint(0, 300)

    def agent_message(self, text: str, phase: str) -> None:
        self.tick(0.3, 2.0 + len(text) / 600)
        self.emit("event_msg", {"type": "agent_message", "message": text})
        self.message("assistant", text, 0, phase)

    # -- tools -------------------------------------------------------------------------------
    def _rel(self, path: str) -> str:
        if path.startswith("~"):
            return self.m.home + path[1:]
        return path

    def call_for(self, act: Act) -> tuple[str, dict, str]:
        """(kind, payload, output) for an action."""
        rng = self.rng
        if act.kind in ("edit", "write"):
            return self._patch(act)
        if act.kind == "read":
            n = act.text.count("\n") + 1
            style = rng.random()
            if style < 0.55:
                upto = rng.choice((200, 220, 260, 320))
                cmd = f"sed -n '1,{upto}p' {self._rel(act.path)}"
                out = act.text
            elif style < 0.8:
                cmd = f"nl -ba {self._rel(act.path)} | sed -n '1,{max(n, 120)}p'"
                out = "\n".join(f"{i:>6}\t{ln}" for i, ln in enumerate(act.text.rstrip("\n").split("\n"), 1))
            else:
                cmd = f"cat {self._rel(act.path)}"
                out = act.text
            return self._exec(cmd, out, 0, act.secs)
        if act.kind == "grep":
            scope = "."
            if act.hits and act.hits[0][0].startswith("/"):
                scope = act.hits[0][0].rsplit("/", 1)[0]
            elif rng.random() < 0.5:
                scope = "src" if all(h[0].startswith("src/") for h in act.hits) and act.hits else "."
            out = "\n".join(f"{p}:{n}:{line}" for p, n, line in act.hits)
            return self._exec(f'rg -n "{act.pattern}" {scope}', out, 0 if act.hits else 1, act.secs)
        if act.kind == "glob":
            suffix = act.pattern.rsplit("*", 1)[-1]
            return self._exec(f"rg --files -g '*{suffix}'", "\n".join(act.hits), 0, act.secs)
        return self._exec(act.cmd, act.out, act.code, act.secs)

    def _exec(self, cmd: str, out: str, code: int, secs: float) -> tuple[str, dict, str]:
        args = orjson.dumps({"cmd": cmd, "workdir": self.m.cwd}).decode()
        payload = {
            "type": "function_call",
            "name": "exec_command",
            "arguments": args,
            "call_id": self.ids.call_id(),
        }
        if self.m.unified_exec_output:
            header = (
                f"Chunk ID: {self.ids.hex(6)}\nWall time: {secs:.4f} seconds\nProcess exited with code {code}\n"
                f"Original token count: {len(out) // 4}\nOutput:\n"
            )
        else:
            header = f"Exit code: {code}\nWall time: {secs:.1f} seconds\nOutput:\n"
        return "function_call", payload, header + out

    def _patch(self, act: Act) -> tuple[str, dict, str]:
        path = self._rel(act.path)
        if act.kind == "write" and not act.original:
            body = "\n".join("+" + ln for ln in act.text.rstrip("\n").split("\n"))
            patch = f"*** Begin Patch\n*** Add File: {path}\n{body}\n*** End Patch"
            status = f"A {path}"
        else:
            hunks = []
            pairs = act.edits
            if act.kind == "write":
                added = act.text[len(act.original) :] if act.text.startswith(act.original) else None
                if added is not None:
                    last = act.original.rstrip("\n").split("\n")[-1]
                    pairs = [(last, last + "\n" + added.rstrip("\n"))]
                else:
                    pairs = [(act.original.rstrip("\n"), act.text.rstrip("\n"))]
            for old, new in pairs:
                if act.kind == "write":
                    # appends anchor on the file's last line, which may repeat earlier (a closing brace)
                    pos = act.original.rfind(old)
                    _, before, minus, plus, after = line_hunk(act.original[pos:], old, new)
                    before = act.original[:pos].split("\n")[-3:-1] + before
                else:
                    _, before, minus, plus, after = line_hunk(act.original, old, new)
                body = [" " + ln for ln in before] + ["-" + ln for ln in minus] + ["+" + ln for ln in plus]
                body += [" " + ln for ln in after]
                hunks.append("@@\n" + "\n".join(body))
            patch = f"*** Begin Patch\n*** Update File: {path}\n" + "\n".join(hunks) + "\n*** End Patch"
            status = f"M {path}"
        payload = {
            "type": "custom_tool_call",
            "status": "completed",
            "call_id": self.ids.call_id(),
            "name": "apply_patch",
            "input": patch,
        }
        output = orjson.dumps(
            {
                "output": f"Success. Updated the following files:\n{status}\n",
                "metadata": {"exit_code": 0, "duration_seconds": 0.0},
            }
        ).decode()
        return "custom_tool_call", payload, output

    # -- steps -------------------------------------------------------------------------------
    def run_step(self, step: Step, think: bool) -> None:
        reasoning_tokens = 0
        if think:
            reasoning_tokens = self.reasoning(step.title, step.thought)
        out_tokens = 0
        if step.say:
            self.agent_message(step.say, "commentary")
            out_tokens += len(step.say) // 4
        calls = [self.call_for(a) for a in step.acts]
        self.tick(0.2, 1.5)
        for _kind, payload, _ in calls:
            self.emit("response_item", payload, self.rng.randint(0, 90))
            out_tokens += len(payload.get("arguments", payload.get("input", ""))) // 4 + 10
        self.account(out_tokens, reasoning_tokens)
        self.token_count(self.rng.randint(2, 40))
        for (kind, payload, output), act in zip(calls, step.acts, strict=True):
            self.clock += int(act.secs * 1000) + self.rng.randint(30, 200)
            out_kind = "function_call_output" if kind == "function_call" else "custom_tool_call_output"
            self.emit("response_item", {"type": out_kind, "call_id": payload["call_id"], "output": output})
            self.pending += len(output) // 4 + 8
        self.turn_context()
        self.token_count(self.rng.randint(300, 1200))

    def final(self, title: str, thought: str, text: str) -> None:
        reasoning_tokens = self.reasoning(title, thought)
        self.agent_message(text, "final_answer")
        self.account(len(text) // 4 + 5, reasoning_tokens)
        self.token_count(self.rng.randint(5, 40))
        self.emit(
            "event_msg", {"type": "task_complete", "turn_id": self.turn_id, "last_agent_message": text}, 2
        )


def render_codex(plan: SessionPlan, meta: CodexMeta, ids: Ids, rng: random.Random) -> tuple[list[bytes], int]:
    r = _Rollout(meta, ids, rng)
    r.session_meta()
    for ti, turn in enumerate(plan.turns):
        if ti > 0:
            r.tick(20, 600)
        r.turn_id = ids.uuid7(r.clock)
        r.emit(
            "event_msg",
            {
                "type": "task_started",
                "turn_id": r.turn_id,
                "model_context_window": r.window,
                "collaboration_mode_kind": "default",
            },
        )
        r.message("user", turn.prompt, 0)
        r.emit(
            "event_msg",
            {
                "type": "user_message",
                "message": turn.prompt,
                "images": [],
                "local_images": [],
                "text_elements": [],
            },
        )
        r.pending += len(turn.prompt) // 4 + 10
        r.turn_context()
        r.token_count(rng.randint(300, 1200))
        for step in turn.steps:
            r.run_step(step, step.key or rng.random() < 0.85)
        r.final(turn.final_title, turn.final_thought, turn.final)
    return r.lines, r.clock
