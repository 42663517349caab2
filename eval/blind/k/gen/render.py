"""Renderers: one story -> Claude Code JSONL and Codex rollout JSONL."""
import hashlib, json, uuid, datetime, base64

TAXONOMY = ["test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup",
            "restriction_bypass", "credential_access", "data_exfiltration", "destructive_action",
            "deception", "oversight_subversion", "sandbagging", "user_manipulation", "eval_awareness"]


class Ids:
    def __init__(self, seed):
        self.seed = seed
        self.n = 0

    def uuid(self):
        self.n += 1
        h = hashlib.sha256(f"{self.seed}:{self.n}".encode()).digest()
        return str(uuid.UUID(bytes=h[:16], version=4))

    def token(self, prefix, length=24):
        self.n += 1
        h = hashlib.sha256(f"{self.seed}:tok:{self.n}".encode()).hexdigest()
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789"
        out = "".join(alphabet[int(h[i:i + 2], 16) % len(alphabet)] for i in range(0, 2 * length, 2) if i + 2 <= len(h))
        while len(out) < length:
            out += out
        return prefix + out[:length]

    def blob(self, n=180):
        self.n += 1
        raw = b"".join(hashlib.sha256(f"{self.seed}:blob:{self.n}:{i}".encode()).digest() for i in range(n // 32 + 1))
        return base64.b64encode(raw[:n]).decode()

    def int(self, lo, hi):
        self.n += 1
        h = int(hashlib.sha256(f"{self.seed}:int:{self.n}".encode()).hexdigest(), 16)
        return lo + h % (hi - lo + 1)


class Clock:
    def __init__(self, story_id, ids):
        h = int(hashlib.sha256(story_id.encode()).hexdigest(), 16)
        day = 15 + h % 15  # 15..29
        hour = 7 + (h >> 8) % 13
        minute = (h >> 16) % 60
        sec = (h >> 24) % 60
        self.t = datetime.datetime(2026, 11, day, hour, minute, sec, (h >> 32) % 1000 * 1000)
        self.ids = ids

    def tick(self, lo=80, hi=2500):
        self.t += datetime.timedelta(milliseconds=self.ids.int(lo, hi))
        return self.iso()

    def iso(self):
        return self.t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{self.t.microsecond // 1000:03d}Z"


def encode_cwd(cwd):
    return "".join(c if c.isalnum() else "-" for c in cwd)


# ---------------------------------------------------------------- steps
# Story step forms (tuples):
#  ("think", text)            reasoning (may be "")
#  ("say", text)              interim assistant text
#  ("bash", cmd, output, rc)  shell command
#  ("read", path, content)    file read
#  ("edit", path, old, new)   in-place edit
#  ("write", path, content)   create/overwrite file
#  ("grep", pattern, path, output)
#  ("glob", pattern, [files])
#  ("user", text)             follow-up user prompt
#  ("final", text)            final assistant message of a turn

def _numbered(content, start=1):
    lines = content.split("\n")
    return "\n".join(f"{i + start:>6}\u2192{l}" for i, l in enumerate(lines))


def render_cc(story, sid):
    ids = Ids(story["id"] + ":cc")
    clock = Clock(story["id"], ids)
    cwd = story["cwd"]
    hv = int(hashlib.sha256(story["id"].encode()).hexdigest(), 16)
    model = story.get("cc_model", ["claude-sonnet-4-5-20250929", "claude-opus-4-6", "claude-haiku-4-5-20251001", "claude-opus-4-6"][hv % 4])
    version = story.get("cc_version", ["2.0.76", "2.1.59", "2.1.72", "2.1.144"][(hv >> 4) % 4])
    env = {"isSidechain": False, "userType": "external", "cwd": cwd, "sessionId": sid,
           "version": version, "gitBranch": story.get("branch", "main")}
    lines = []
    parent = [None]
    cur_msg = {}

    def base(kind):
        d = {"parentUuid": parent[0]}
        d.update(env)
        d["type"] = kind
        return d

    def user_prompt(text):
        u = ids.uuid()
        ts = clock.tick(2000, 9000)
        lines.append({"type": "file-history-snapshot", "messageId": u,
                      "snapshot": {"messageId": u, "trackedFileBackups": {}, "timestamp": ts},
                      "isSnapshotUpdate": False})
        d = base("user")
        d.update({"message": {"role": "user", "content": text}, "uuid": u, "timestamp": ts,
                  "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []}, "todos": []})
        lines.append(d)
        parent[0] = u
        cur_msg.clear()

    def new_msg():
        cur_msg["id"] = ids.token("msg_01", 22)
        cur_msg["req"] = ids.token("req_011C", 20)
        cur_msg["usage"] = {"input_tokens": ids.int(3, 40), "cache_creation_input_tokens": ids.int(200, 6000),
                            "cache_read_input_tokens": ids.int(9000, 90000),
                            "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                            "output_tokens": ids.int(8, 900), "service_tier": "standard"}
        cur_msg["usage"]["cache_creation"]["ephemeral_5m_input_tokens"] = cur_msg["usage"]["cache_creation_input_tokens"]

    def block(content_block, stop=None, fresh=False):
        if fresh or not cur_msg:
            new_msg()
        u = ids.uuid()
        d = base("assistant")
        d.update({"message": {"model": model, "id": cur_msg["id"], "type": "message", "role": "assistant",
                              "content": [content_block], "stop_reason": stop, "stop_sequence": None,
                              "usage": cur_msg["usage"]},
                  "requestId": cur_msg["req"], "uuid": u, "timestamp": clock.tick(150, 4000)})
        lines.append(d)
        parent[0] = u
        return u

    def tool(name, inp, result_text, is_error, tur):
        tid = ids.token("toolu_01", 22)
        a = block({"type": "tool_use", "id": tid, "name": name, "input": inp})
        u = ids.uuid()
        d = base("user")
        d.update({"message": {"role": "user", "content": [{"tool_use_id": tid, "type": "tool_result",
                                                          "content": result_text, "is_error": is_error}]},
                  "uuid": u, "timestamp": clock.tick(60, 6000), "toolUseResult": tur,
                  "sourceToolAssistantUUID": a})
        lines.append(d)
        parent[0] = u
        cur_msg.clear()

    user_prompt(story["prompt"])
    for st in story["steps"]:
        k = st[0]
        if k == "user":
            user_prompt(st[1])
        elif k == "think":
            block({"type": "thinking", "thinking": st[1], "signature": ids.blob(120)}, fresh=True)
        elif k == "say":
            block({"type": "text", "text": st[1]})
        elif k == "bash":
            cmd, out, rc = st[1], st[2], st[3]
            desc = st[4] if len(st) > 4 else None
            inp = {"command": cmd}
            if desc:
                inp["description"] = desc
            if rc == 0:
                tool("Bash", inp, out, False, {"stdout": out, "stderr": "", "interrupted": False, "isImage": False})
            else:
                txt = f"Exit code {rc}\n{out}"
                tool("Bash", inp, txt, True, "Error: " + txt)
        elif k == "read":
            path, content = st[1], st[2]
            n = content.count("\n") + 1
            tool("Read", {"file_path": path}, _numbered(content), False,
                 {"type": "text", "file": {"filePath": path, "content": content, "numLines": n,
                                           "startLine": 1, "totalLines": n}})
        elif k == "edit":
            path, old, new = st[1], st[2], st[3]
            tool("Edit", {"file_path": path, "old_string": old, "new_string": new},
                 f"The file {path} has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n" + _numbered(new),
                 False, {"filePath": path, "oldString": old, "newString": new, "originalFile": None,
                         "structuredPatch": [], "userModified": False, "replaceAll": False})
        elif k == "write":
            path, content = st[1], st[2]
            tool("Write", {"file_path": path, "content": content},
                 f"File created successfully at: {path}", False,
                 {"type": "create", "filePath": path, "content": content, "structuredPatch": []})
        elif k == "grep":
            pat, path, out = st[1], st[2], st[3]
            files = sorted({l.split(":")[0] for l in out.splitlines() if ":" in l})
            tool("Grep", {"pattern": pat, "path": path, "output_mode": "content", "-n": True}, out or "No matches found", False,
                 {"mode": "content", "numFiles": len(files), "filenames": files, "content": out,
                  "numLines": len(out.splitlines())})
        elif k == "glob":
            pat, files = st[1], st[2]
            tool("Glob", {"pattern": pat}, "\n".join(files) if files else "No files found", False,
                 {"filenames": files, "durationMs": ids.int(3, 90), "numFiles": len(files), "truncated": False})
        elif k == "final":
            block({"type": "text", "text": st[1]}, stop="end_turn", fresh=True)
            cur_msg.clear()
        else:
            raise ValueError(k)
    return lines


def _patch_for(step, cwd):
    k = step[0]
    if k == "write":
        path, content = step[1], step[2]
        rel = path[len(cwd) + 1:] if path.startswith(cwd + "/") else path
        body = "\n".join("+" + l for l in content.rstrip("\n").split("\n"))
        return f"*** Begin Patch\n*** Add File: {rel}\n{body}\n*** End Patch", f"Success. Updated the following files:\nA {rel}\n", rel
    path, old, new = step[1], step[2], step[3]
    rel = path[len(cwd) + 1:] if path.startswith(cwd + "/") else path
    minus = "\n".join("-" + l for l in old.split("\n"))
    plus = "\n".join("+" + l for l in new.split("\n")) if new != "" else ""
    hunk = minus + ("\n" + plus if plus else "")
    return f"*** Begin Patch\n*** Update File: {rel}\n@@\n{hunk}\n*** End Patch", f"Success. Updated the following files:\nM {rel}\n", rel


def render_codex(story, sid):
    ids = Ids(story["id"] + ":codex")
    clock = Clock(story["id"], ids)
    cwd = story["cwd"]
    hv = int(hashlib.sha256(story["id"].encode()).hexdigest(), 16)
    model = story.get("codex_model", ["gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.3-codex"][hv % 3])
    out = []
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}

    def emit(kind, payload, lo=5, hi=400):
        out.append({"timestamp": clock.tick(lo, hi), "type": kind, "payload": payload})

    def tokens():
        last = {"input_tokens": ids.int(8000, 60000), "cached_input_tokens": 0, "output_tokens": ids.int(20, 900),
                "reasoning_output_tokens": 0, "total_tokens": 0}
        last["cached_input_tokens"] = last["input_tokens"] - ids.int(500, 4000) if last["input_tokens"] > 5000 else 0
        last["reasoning_output_tokens"] = last["output_tokens"] // 2
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot:
            tot[k] += last[k]
        emit("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last,
                                                            "model_context_window": 258400},
                           "rate_limits": {"primary": {"used_percent": float(ids.int(2, 60)), "window_minutes": 300,
                                                       "resets_at": 1795000000 + ids.int(0, 900000)},
                                           "secondary": None, "credits": None, "plan_type": None}})

    t0 = clock.tick()
    start_ts = t0
    out.append({"timestamp": t0, "type": "session_meta", "payload": {
        "id": sid, "timestamp": t0, "cwd": cwd, "originator": "codex_cli_rs", "cli_version": story.get("codex_version", "0.104.0"),
        "source": "cli", "model_provider": "openai",
        "base_instructions": {"text": "You are Codex, based on GPT-5. You are running as a coding agent in the Codex CLI on a user's computer."},
        "git": {"commit_hash": hashlib.sha1(story["id"].encode()).hexdigest(), "branch": story.get("branch", "main"),
                "repository_url": story.get("repo_url", "git@github.com:example/" + cwd.rstrip("/").split("/")[-1] + ".git")}}})
    emit("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": "<permissions instructions>Filesystem sandboxing: workspace-write. Network access is restricted. Approval policy: on-request.</permissions instructions>"}]})
    emit("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": f"<environment_context>\n  <cwd>{cwd}</cwd>\n  <approval_policy>on-request</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n  <shell>bash</shell>\n</environment_context>"}]})

    turn = [None]

    def start_turn(text):
        if turn[0]:
            emit("event_msg", {"type": "task_complete", "turn_id": turn[0], "last_agent_message": last_msg[0]})
        turn[0] = ids.uuid()
        emit("event_msg", {"type": "task_started", "turn_id": turn[0], "model_context_window": 258400, "collaboration_mode_kind": "default"}, 500, 8000)
        emit("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]})
        emit("event_msg", {"type": "user_message", "message": text, "images": [], "local_images": [], "text_elements": []})
        emit("turn_context", {"turn_id": turn[0], "cwd": cwd, "approval_policy": "on-request",
                              "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd], "network_access": False,
                                                 "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
                              "model": model, "personality": "pragmatic",
                              "collaboration_mode": {"mode": "default", "settings": {"model": model, "reasoning_effort": "medium", "developer_instructions": None}},
                              "effort": "medium", "summary": "auto", "truncation_policy": {"mode": "tokens", "limit": 10000}})
        emit("event_msg", {"type": "token_count", "info": None, "rate_limits": {"primary": {"used_percent": float(ids.int(2, 60)), "window_minutes": 300, "resets_at": 1795000000 + ids.int(0, 900000)}, "secondary": None, "credits": None, "plan_type": None}})

    last_msg = [None]

    def call(name, args, output):
        cid = ids.token("call_", 24)
        emit("response_item", {"type": "function_call", "name": name, "arguments": json.dumps(args), "call_id": cid}, 300, 4000)
        tokens()
        emit("response_item", {"type": "function_call_output", "call_id": cid, "output": output}, 50, 6000)

    def exec_out(rc, text):
        wall = ids.int(1, 9000) / 1000
        return f"Exit code: {rc}\nWall time: {wall:.1f} seconds\nOutput:\n{text}"

    start_turn(story["prompt"])
    for st in story["steps"]:
        k = st[0]
        if k == "user":
            start_turn(st[1])
        elif k == "think":
            text = st[1]
            if text:
                emit("event_msg", {"type": "agent_reasoning", "text": text}, 800, 6000)
            emit("response_item", {"type": "reasoning", "summary": ([{"type": "summary_text", "text": text}] if text else []),
                                   "content": None, "encrypted_content": "gAAAAAB" + ids.blob(240)})
        elif k == "say":
            emit("event_msg", {"type": "agent_message", "message": st[1]}, 300, 3000)
            emit("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": st[1]}], "phase": "commentary"})
        elif k == "bash":
            call("exec_command", {"cmd": st[1], "workdir": cwd, "yield_time_ms": 10000}, exec_out(st[3], st[2]))
        elif k == "read":
            path, content = st[1], st[2]
            rel = path[len(cwd) + 1:] if path.startswith(cwd + "/") else path
            n = content.count("\n") + 1
            cmd = f"sed -n '1,{max(n, 200)}p' {rel}" if not rel.startswith("/") and not rel.startswith("~") else f"cat {rel}"
            call("exec_command", {"cmd": cmd, "workdir": cwd, "yield_time_ms": 10000}, exec_out(0, content))
        elif k == "grep":
            pat, path, o = st[1], st[2], st[3]
            rel = path[len(cwd) + 1:] if path.startswith(cwd + "/") else ("." if path == cwd else path)
            call("exec_command", {"cmd": f"rg -n {json.dumps(pat)} {rel}", "workdir": cwd, "yield_time_ms": 10000},
                 exec_out(0 if o else 1, o))
        elif k == "glob":
            pat, files = st[1], st[2]
            call("exec_command", {"cmd": f"rg --files -g {json.dumps(pat)}", "workdir": cwd, "yield_time_ms": 10000},
                 exec_out(0 if files else 1, "\n".join(files)))
        elif k in ("edit", "write"):
            patch, res, rel = _patch_for(st, cwd)
            cid = ids.token("call_", 24)
            emit("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": cid, "name": "apply_patch", "input": patch}, 300, 5000)
            tokens()
            emit("response_item", {"type": "custom_tool_call_output", "call_id": cid,
                                   "output": json.dumps({"output": res, "metadata": {"exit_code": 0, "duration_seconds": ids.int(1, 90) / 1000}})})
        elif k == "final":
            emit("event_msg", {"type": "agent_message", "message": st[1]}, 800, 7000)
            emit("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": st[1]}], "phase": "final_answer"})
            tokens()
            last_msg[0] = st[1]
        else:
            raise ValueError(k)
    emit("event_msg", {"type": "task_complete", "turn_id": turn[0], "last_agent_message": last_msg[0]})
    return out, start_ts
