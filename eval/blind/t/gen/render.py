"""Render story dicts to Claude Code JSONL and Codex rollout JSONL. Stdlib only."""
import json, random, uuid, base64, datetime, hashlib

def uid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))

def b64(rng, n):
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(n))).decode()

def tok(rng, prefix, n=24):
    al = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return prefix + "".join(rng.choice(al) for _ in range(n))

def start_time(story):
    n = int(story["id"].split("-")[1])
    day = 15 + (n * 7) % 15
    return datetime.datetime(2026, 11, day, 8 + (n * 5) % 10, (n * 13) % 60, (n * 29) % 60, tzinfo=datetime.timezone.utc)

class Clock:
    def __init__(self, t, rng):
        self.t, self.rng = t, rng
    def tick(self, lo=0.2, hi=6.0):
        self.t += datetime.timedelta(milliseconds=int(self.rng.uniform(lo, hi) * 1000))
        return self.t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (self.t.microsecond // 1000)

def dumps(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))

def cwd_encode(cwd):
    return "".join(c if c.isalnum() else "-" for c in cwd)

def session_id(story, fmt):
    return uid(random.Random(story["id"] + ":" + fmt))

# ---------------- Claude Code ----------------
def render_cc(story):
    rng = random.Random(story["id"] + ":claude_code")
    sid = uid(rng)
    clk = Clock(start_time(story), rng)
    cwd = story["cwd"]
    model = story.get("cc_model", "claude-opus-4-6")
    base = {"isSidechain": False, "userType": "external", "cwd": cwd, "sessionId": sid,
            "version": story.get("cc_version", "2.1.41"), "gitBranch": story.get("branch", "main")}
    lines = []
    parent = [None]
    def env(extra):
        d = {"parentUuid": parent[0]}
        d.update(base); d.update(extra)
        return d
    u0 = uid(rng)
    lines.append({"type": "file-history-snapshot", "messageId": u0, "snapshot": {"messageId": u0, "trackedFileBackups": {}, "timestamp": clk.tick(0.1, 0.3)}, "isSnapshotUpdate": False})
    lines.append(env({"type": "user", "message": {"role": "user", "content": story["user"]}, "uuid": u0, "timestamp": clk.tick(0.1, 0.5),
                      "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []}, "todos": []}))
    parent[0] = u0
    state = {"msg": None, "req": None, "usage": None}
    def new_msg():
        state["msg"] = tok(rng, "msg_01")
        state["req"] = tok(rng, "req_011C")
        state["usage"] = {"input_tokens": rng.randint(3, 40), "cache_creation_input_tokens": rng.randint(200, 4000),
                          "cache_read_input_tokens": rng.randint(8000, 60000),
                          "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                          "output_tokens": rng.randint(20, 900), "service_tier": "standard"}
        state["usage"]["cache_creation"]["ephemeral_5m_input_tokens"] = state["usage"]["cache_creation_input_tokens"]
    def asst(block, stop=None):
        u = uid(rng)
        lines.append(env({"message": {"model": model, "id": state["msg"], "type": "message", "role": "assistant", "content": [block],
                                      "stop_reason": stop, "stop_sequence": None, "usage": state["usage"]},
                          "requestId": state["req"], "type": "assistant", "uuid": u, "timestamp": clk.tick(0.8, 9)}))
        parent[0] = u
        return u
    def result(tid, aid, content, is_err, tur):
        u = uid(rng)
        lines.append(env({"type": "user", "message": {"role": "user", "content": [{"tool_use_id": tid, "type": "tool_result", "content": content, "is_error": is_err}]},
                          "uuid": u, "timestamp": clk.tick(0.2, 25), "toolUseResult": tur, "sourceToolAssistantUUID": aid}))
        parent[0] = u
    pending_new = True
    for st in story["steps"]:
        kind = st[0]
        if pending_new:
            new_msg(); pending_new = False
        if kind == "think":
            asst({"type": "thinking", "thinking": st[1], "signature": b64(rng, rng.randint(120, 400))})
        elif kind == "say":
            asst({"type": "text", "text": st[1]})
        else:
            tid = tok(rng, "toolu_01")
            if kind == "sh":
                cmd, out, code = st[1], st[2], st[3]
                desc = st[4] if len(st) > 4 else None
                inp = {"command": cmd}
                if desc: inp["description"] = desc
                aid = asst({"type": "tool_use", "id": tid, "name": "Bash", "input": inp})
                if code == 0:
                    content = out
                else:
                    content = ("Exit code %d\n" % code) + out
                result(tid, aid, content, code != 0, {"stdout": out if code == 0 else "", "stderr": "" if code == 0 else out, "interrupted": False, "isImage": False})
            elif kind == "read":
                path, text = st[1], st[2]
                aid = asst({"type": "tool_use", "id": tid, "name": "Read", "input": {"file_path": path}})
                ls = text.split("\n")
                if ls and ls[-1] == "": ls = ls[:-1]
                numbered = "\n".join("%6d\u2192%s" % (i + 1, l) for i, l in enumerate(ls))
                result(tid, aid, numbered, False, {"type": "text", "file": {"filePath": path, "content": text, "numLines": len(ls), "startLine": 1, "totalLines": len(ls)}})
            elif kind == "write":
                path, text = st[1], st[2]
                aid = asst({"type": "tool_use", "id": tid, "name": "Write", "input": {"file_path": path, "content": text}})
                result(tid, aid, "File created successfully at: %s" % path, False, {"type": "create", "filePath": path, "content": text, "structuredPatch": [], "originalFile": None})
            elif kind == "edit":
                path, old, new = st[1], st[2], st[3]
                aid = asst({"type": "tool_use", "id": tid, "name": "Edit", "input": {"file_path": path, "old_string": old, "new_string": new, "replace_all": False}})
                result(tid, aid, "The file %s has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n%s" % (path, "\n".join("%6d\u2192%s" % (i + 1, l) for i, l in enumerate(new.split("\n")))), False,
                       {"filePath": path, "oldString": old, "newString": new, "originalFile": None, "structuredPatch": [{"oldStart": 1, "oldLines": old.count("\n") + 1, "newStart": 1, "newLines": new.count("\n") + 1, "lines": ["-" + l for l in old.split("\n")] + ["+" + l for l in new.split("\n")]}], "userModified": False, "replaceAll": False})
            else:
                raise ValueError(kind)
            pending_new = True
    new_msg()
    state["usage"]["output_tokens"] = rng.randint(80, 700)
    asst({"type": "text", "text": story["final"]}, stop="end_turn")
    su = uid(rng)
    lines.append(env({"type": "system", "subtype": "turn_duration", "durationMs": rng.randint(20000, 400000), "isMeta": False, "uuid": su, "timestamp": clk.tick(0.05, 0.3)}))
    return sid, lines

# ---------------- Codex ----------------
def patch_for(kind, st, cwd):
    if kind == "write":
        path = st[1]
        body = "\n".join("+" + l for l in st[2].rstrip("\n").split("\n"))
        return "*** Begin Patch\n*** Add File: %s\n%s\n*** End Patch" % (rel(path, cwd), body), "A"
    path, old, new = st[1], st[2], st[3]
    body = "\n".join(["-" + l for l in old.split("\n")] + ["+" + l for l in new.split("\n")])
    return "*** Begin Patch\n*** Update File: %s\n@@\n%s\n*** End Patch" % (rel(path, cwd), body), "M"

def rel(path, cwd):
    return path[len(cwd) + 1:] if path.startswith(cwd + "/") else path

def render_codex(story):
    rng = random.Random(story["id"] + ":codex")
    sid = uid(rng)
    t0 = start_time(story) + datetime.timedelta(minutes=41)
    clk = Clock(t0, rng)
    cwd = story["cwd"]
    model = story.get("codex_model", "gpt-5.3-codex")
    turn = uid(rng)
    resets = int(t0.timestamp()) + 3 * 3600 + rng.randint(0, 7200)
    L = []
    def add(typ, payload, lo=0.001, hi=0.05):
        L.append({"timestamp": clk.tick(lo, hi), "type": typ, "payload": payload})
    ts0 = clk.tick(0, 0.01)
    L.append({"timestamp": ts0, "type": "session_meta", "payload": {"id": sid, "timestamp": ts0, "cwd": cwd, "originator": "codex_cli_rs",
              "cli_version": "0.118.0", "source": "cli", "model_provider": "openai",
              "git": {"commit_hash": hashlib.sha1((story["id"] + "c").encode()).hexdigest(), "branch": story.get("branch", "main"),
                      "repository_url": story.get("repo", "git@git.example:analytics/%s.git" % cwd.rstrip("/").split("/")[-1])}}})
    add("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "<environment_context>\n  <cwd>%s</cwd>\n  <approval_policy>on-request</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n  <shell>bash</shell>\n</environment_context>" % cwd}]})
    add("event_msg", {"type": "task_started", "turn_id": turn, "model_context_window": 258400, "collaboration_mode_kind": "default"})
    add("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": story["user"]}]})
    add("event_msg", {"type": "user_message", "message": story["user"], "images": [], "local_images": [], "text_elements": []})
    add("turn_context", {"turn_id": turn, "cwd": cwd, "approval_policy": "on-request",
                         "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd], "network_access": False, "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
                         "model": model, "personality": "pragmatic", "collaboration_mode": {"mode": "default", "settings": {"model": model, "reasoning_effort": "high", "developer_instructions": None}},
                         "effort": "high", "summary": "auto", "truncation_policy": {"mode": "tokens", "limit": 10000}})
    used = [float(rng.randint(3, 40))]
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}
    def tokens():
        last = {"input_tokens": rng.randint(9000, 60000), "cached_input_tokens": rng.randint(2000, 9000), "output_tokens": rng.randint(40, 900), "reasoning_output_tokens": rng.randint(0, 400)}
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot: tot[k] += last[k]
        used[0] = min(99.0, used[0] + rng.choice([0.0, 0.0, 1.0]))
        add("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last, "model_context_window": 258400},
                          "rate_limits": {"primary": {"used_percent": used[0], "window_minutes": 300, "resets_at": resets}, "secondary": None, "credits": None, "plan_type": None}})
    for st in story["steps"]:
        kind = st[0]
        if kind == "think":
            add("event_msg", {"type": "agent_reasoning", "text": st[1]}, 1, 9)
            add("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": st[1]}], "content": None, "encrypted_content": "gAAAAA" + b64(rng, rng.randint(200, 600))})
        elif kind == "say":
            add("event_msg", {"type": "agent_message", "message": st[1]}, 0.5, 4)
            add("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": st[1]}], "phase": "commentary"})
        elif kind in ("sh", "read"):
            if kind == "sh":
                cmd, out, code = st[1], st[2], st[3]
            else:
                cmd, out, code = "sed -n '1,200p' %s" % rel(st[1], cwd), st[2], 0
            cid = tok(rng, "call_")
            add("response_item", {"type": "function_call", "name": "exec_command", "arguments": dumps({"cmd": cmd, "workdir": cwd}), "call_id": cid}, 0.5, 6)
            wall = rng.uniform(0.01, 0.1) if kind == "read" else rng.uniform(0.05, 12)
            add("response_item", {"type": "function_call_output", "call_id": cid, "output": "Exit code: %d\nWall time: %.1f seconds\nOutput:\n%s" % (code, wall, out)}, wall, wall + 0.5)
            tokens()
        elif kind in ("write", "edit"):
            p, flag = patch_for(kind, st, cwd)
            cid = tok(rng, "call_")
            add("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": cid, "name": "apply_patch", "input": p}, 0.5, 8)
            add("response_item", {"type": "custom_tool_call_output", "call_id": cid, "output": "Exit code: 0\nWall time: 0.0 seconds\nOutput:\nSuccess. Updated the following files:\n%s %s\n" % (flag, rel(st[1], cwd))}, 0.05, 0.3)
            tokens()
        else:
            raise ValueError(kind)
    add("event_msg", {"type": "agent_message", "message": story["final"]}, 1, 8)
    add("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": story["final"]}], "phase": "final_answer"})
    tokens()
    add("event_msg", {"type": "task_complete", "turn_id": turn, "last_agent_message": story["final"]})
    return sid, L, t0
