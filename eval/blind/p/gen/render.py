"""Render DSL stories into Claude Code JSONL sessions and Codex CLI rollouts."""
import json, random, uuid, base64, datetime, os, re

START = datetime.datetime(2026, 11, 15, 0, 0, 0)
SPAN_S = 14 * 86400  # start times fall in 11-15 .. 11-29, sessions end well before 11-30

def dumps(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))

class Ctx:
    def __init__(self, story, fmt):
        self.rng = random.Random(f"{story['id']}:{fmt}")
        self.sid = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        self.t = START + datetime.timedelta(seconds=self.rng.randrange(SPAN_S),
                                            milliseconds=self.rng.randrange(1000))
    def uid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
    def tok(self, prefix, n=24):
        a = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789"
        return prefix + "".join(self.rng.choice(a) for _ in range(n))
    def blob(self, n):
        return base64.b64encode(bytes(self.rng.getrandbits(8) for _ in range(n))).decode()
    def tick(self, lo=0.05, hi=2.0):
        self.t += datetime.timedelta(milliseconds=int(self.rng.uniform(lo, hi) * 1000))
        return self.ts()
    def ts(self):
        return self.t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{self.t.microsecond // 1000:03d}Z"

def numbered(content):
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    return "\n".join(f"{i + 1:6d}\u2192{l}" for i, l in enumerate(lines))

def groups(steps):
    """Split steps into turns: [(prompt, [assistant messages], final)]; a message is [blocks]."""
    turns, cur = [], None
    for s in steps:
        if s[0] == "U":
            cur = dict(prompt=s[1], msgs=[], final=None); turns.append(cur); pending = []
        elif s[0] in ("T", "M"):
            if pending and any(p[0] not in ("T", "M") for p in pending):
                cur["msgs"].append(pending); pending = []
            pending.append(s)
            cur["pending"] = pending
        elif s[0] == "F":
            if pending:
                if any(p[0] not in ("T", "M") for p in pending):
                    cur["msgs"].append(pending); pending = []
            cur["final"] = (pending, s[1]); pending = []
        else:
            if pending and any(p[0] not in ("T", "M") for p in pending):
                cur["msgs"].append(pending); pending = []
            pending.append(s)
    for t in turns:
        t.pop("pending", None)
    return turns

# ---------------------------------------------------------------- Claude Code
def cc_tool(step, cwd):
    k = step[0]
    if k == "B":
        _, cmd, out, rc, desc = step
        inp = {"command": cmd, "description": desc or cmd.split("\n")[0][:60]}
        if rc == 0:
            return "Bash", inp, out, False, {"stdout": out, "stderr": "", "interrupted": False, "isImage": False}
        content = f"Exit code {rc}\n{out}"
        return "Bash", inp, content, True, "Error: " + content
    if k == "R":
        _, path, content = step
        n = len(content.rstrip("\n").split("\n"))
        return "Read", {"file_path": path}, numbered(content), False, \
            {"type": "text", "file": {"filePath": path, "content": content, "numLines": n, "startLine": 1, "totalLines": n}}
    if k == "E":
        _, path, old, new = step
        return "Edit", {"file_path": path, "old_string": old, "new_string": new}, \
            f"The file {path} has been updated successfully.", False, \
            {"filePath": path, "oldString": old, "newString": new, "originalFile": None,
             "structuredPatch": [], "userModified": False, "replaceAll": False}
    if k == "W":
        _, path, content = step
        return "Write", {"file_path": path, "content": content}, \
            f"File created successfully at: {path}", False, \
            {"type": "create", "filePath": path, "content": content, "structuredPatch": [], "originalFile": None}
    raise ValueError(k)

def render_cc(story):
    c = Ctx(story, "claude_code")
    cwd = story["cwd"]
    version = c.rng.choice(["2.1.63", "2.1.72", "2.1.97", "2.1.112"])
    env = lambda: {"parentUuid": None, "isSidechain": False, "userType": "external", "cwd": cwd,
                   "sessionId": c.sid, "version": version, "gitBranch": story["branch"]}
    out, parent = [], None
    for turn in groups(story["steps"]):
        uu = c.uid()
        ts = c.tick(5, 40)
        out.append({"type": "file-history-snapshot", "messageId": uu,
                    "snapshot": {"messageId": uu, "trackedFileBackups": {}, "timestamp": ts}, "isSnapshotUpdate": False})
        e = env(); e["parentUuid"] = parent
        e.update({"type": "user", "message": {"role": "user", "content": turn["prompt"]}, "uuid": uu, "timestamp": ts,
                  "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []}, "todos": []})
        out.append(e); parent = uu
        msgs = list(turn["msgs"])
        fin_pending, fin_text = turn["final"]
        msgs.append(list(fin_pending) + [("F", fin_text)])
        for msg in msgs:
            mid, req = c.tok("msg_01"), c.tok("req_011C")
            usage = {"input_tokens": c.rng.randint(3, 12), "cache_creation_input_tokens": c.rng.randint(50, 4000),
                     "cache_read_input_tokens": c.rng.randint(9000, 60000),
                     "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                     "output_tokens": c.rng.randint(8, 900), "service_tier": "standard"}
            usage["cache_creation"]["ephemeral_5m_input_tokens"] = usage["cache_creation_input_tokens"]
            c.tick(1.5, 9)
            tool_pairs = []
            for i, blk in enumerate(msg):
                last = i == len(msg) - 1
                if blk[0] == "T":
                    content = {"type": "thinking", "thinking": blk[1], "signature": c.blob(c.rng.randint(120, 400))}
                elif blk[0] in ("M", "F"):
                    content = {"type": "text", "text": blk[1]}
                else:
                    name, inp, res, err, tur = cc_tool(blk, cwd)
                    tid = c.tok("toolu_01")
                    content = {"type": "tool_use", "id": tid, "name": name, "input": inp}
                stop = ("end_turn" if blk[0] == "F" else "tool_use") if last else None
                au = c.uid()
                e = env(); e["parentUuid"] = parent
                e.update({"message": {"model": story["cc_model"], "id": mid, "type": "message", "role": "assistant",
                                      "content": [content], "stop_reason": stop, "stop_sequence": None, "usage": usage},
                          "requestId": req, "type": "assistant", "uuid": au, "timestamp": c.tick(0.05, 0.6)})
                out.append(e); parent = au
                if blk[0] not in ("T", "M", "F"):
                    tool_pairs.append((tid, au, res, err, tur))
            for tid, au, res, err, tur in tool_pairs:
                ru = c.uid()
                e = env(); e["parentUuid"] = parent
                e.update({"type": "user", "message": {"role": "user", "content": [
                    {"tool_use_id": tid, "type": "tool_result", "content": res, "is_error": err}]},
                    "uuid": ru, "timestamp": c.tick(0.2, 6), "toolUseResult": tur, "sourceToolAssistantUUID": au})
                out.append(e); parent = ru
        su = c.uid()
        e = env(); e["parentUuid"] = parent
        e.update({"type": "system", "subtype": "turn_duration", "durationMs": c.rng.randint(20000, 600000),
                  "isMeta": False, "timestamp": c.tick(0.1, 0.5), "uuid": su})
        out.append(e); parent = su
    enc = re.sub(r"[^A-Za-z0-9]", "-", cwd)
    return os.path.join("p-cc", enc, c.sid + ".jsonl"), c.sid, out

# ---------------------------------------------------------------- Codex
def patch_update(path, old, new):
    body = "\n".join(["-" + l for l in old.split("\n")] + ["+" + l for l in new.split("\n")])
    return f"*** Begin Patch\n*** Update File: {path}\n@@\n{body}\n*** End Patch"

def patch_add(path, content):
    body = "\n".join("+" + l for l in content.rstrip("\n").split("\n"))
    return f"*** Begin Patch\n*** Add File: {path}\n{body}\n*** End Patch"

def render_codex(story):
    c = Ctx(story, "codex")
    cwd = story["cwd"]
    out = []
    def line(typ, payload, lo=0.01, hi=0.3):
        out.append({"timestamp": c.tick(lo, hi), "type": typ, "payload": payload})
    start_ts = c.ts()
    line("session_meta", {"id": c.sid, "timestamp": start_ts, "cwd": cwd, "originator": "codex_cli_rs",
                          "cli_version": c.rng.choice(["0.104.0", "0.106.1", "0.111.0"]), "source": "cli",
                          "model_provider": "openai", "base_instructions": {"text": "You are Codex, a coding agent based on GPT-5. You and the user share the same workspace and collaborate to achieve the user's goals."},
                          "git": {"commit_hash": "%040x" % c.rng.getrandbits(160), "branch": story["branch"],
                                  "repository_url": "git@git.example:%s.git" % cwd.rstrip("/").split("/")[-1]}})
    line("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text":
        "<permissions instructions>Filesystem sandboxing: workspace-write. Network access is restricted. Approval policy: on-request.</permissions instructions>"}]})
    line("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text":
        f"<environment_context>\n  <cwd>{cwd}</cwd>\n  <approval_policy>on-request</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n  <shell>bash</shell>\n</environment_context>"}]})
    total = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}
    def tokens():
        last = {"input_tokens": c.rng.randint(8000, 40000), "cached_input_tokens": 0, "output_tokens": c.rng.randint(20, 900),
                "reasoning_output_tokens": 0}
        last["cached_input_tokens"] = int(last["input_tokens"] * c.rng.uniform(0.6, 0.95))
        last["reasoning_output_tokens"] = c.rng.randint(0, last["output_tokens"])
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in total: total[k] += last[k]
        line("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(total), "last_token_usage": last,
                                                            "model_context_window": 258400},
                           "rate_limits": {"primary": {"used_percent": float(c.rng.randint(2, 60)), "window_minutes": 300, "resets_at": 1795000000 + c.rng.randint(0, 999999)},
                                           "secondary": None, "credits": None, "plan_type": None}})
    for turn in groups(story["steps"]):
        turn_id = c.uid()
        c.tick(5, 40)
        line("event_msg", {"type": "task_started", "turn_id": turn_id, "model_context_window": 258400, "collaboration_mode_kind": "default"})
        line("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": turn["prompt"]}]})
        line("event_msg", {"type": "user_message", "message": turn["prompt"], "images": [], "local_images": [], "text_elements": []})
        line("turn_context", {"turn_id": turn_id, "cwd": cwd, "approval_policy": "on-request",
                              "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd], "network_access": False,
                                                 "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
                              "model": story["cx_model"], "personality": "pragmatic", "effort": "high", "summary": "auto"})
        msgs = list(turn["msgs"])
        fin_pending, fin_text = turn["final"]
        msgs.append(list(fin_pending) + [("F", fin_text)])
        for msg in msgs:
            c.tick(1.5, 9)
            calls = []
            for blk in msg:
                if blk[0] == "T":
                    summ = [{"type": "summary_text", "text": blk[1]}] if blk[1] else []
                    if blk[1]:
                        line("event_msg", {"type": "agent_reasoning", "text": blk[1]})
                    line("response_item", {"type": "reasoning", "summary": summ, "content": None,
                                           "encrypted_content": "gAAAAAB" + c.blob(c.rng.randint(300, 900))})
                elif blk[0] == "M":
                    line("event_msg", {"type": "agent_message", "message": blk[1]})
                    line("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": blk[1]}], "phase": "commentary"})
                elif blk[0] == "F":
                    tokens()
                    line("event_msg", {"type": "agent_message", "message": blk[1]})
                    line("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": blk[1]}], "phase": "final_answer"})
                    tokens()
                    line("event_msg", {"type": "task_complete", "turn_id": turn_id, "last_agent_message": blk[1]})
                else:
                    cid = c.tok("call_", 24)
                    k = blk[0]
                    if k == "B":
                        _, cmd, res, rc, _d = blk
                        line("response_item", {"type": "function_call", "name": "exec_command",
                                               "arguments": dumps({"cmd": cmd, "workdir": cwd, "yield_time_ms": 10000}), "call_id": cid})
                        calls.append(("f", cid, rc, res))
                    elif k == "R":
                        _, path, content = blk
                        line("response_item", {"type": "function_call", "name": "exec_command",
                                               "arguments": dumps({"cmd": f"sed -n '1,240p' {path}", "workdir": cwd, "yield_time_ms": 10000}), "call_id": cid})
                        calls.append(("f", cid, 0, content))
                    elif k == "E":
                        _, path, old, new = blk
                        line("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": cid, "name": "apply_patch",
                                               "input": patch_update(path, old, new)})
                        calls.append(("c", cid, 0, f"Success. Updated the following files:\nM {path}\n"))
                    elif k == "W":
                        _, path, content = blk
                        line("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": cid, "name": "apply_patch",
                                               "input": patch_add(path, content)})
                        calls.append(("c", cid, 0, f"Success. Updated the following files:\nA {path}\n"))
            if calls:
                tokens()
            for kind, cid, rc, res in calls:
                wall = c.rng.uniform(0.02, 4.0)
                c.tick(0.2, 5)
                o = f"Exit code: {rc}\nWall time: {wall:.1f} seconds\nOutput:\n{res}"
                line("response_item", {"type": "function_call_output" if kind == "f" else "custom_tool_call_output",
                                       "call_id": cid, "output": o})
    st = datetime.datetime.strptime(start_ts[:19], "%Y-%m-%dT%H:%M:%S")
    rel = os.path.join("p-codex", st.strftime("%Y"), st.strftime("%m"), st.strftime("%d"),
                       f"rollout-{st.strftime('%Y-%m-%dT%H-%M-%S')}-{c.sid}.jsonl")
    return rel, c.sid, out
