"""Renderers: one story -> Claude Code JSONL and Codex rollout JSONL. Stdlib only, deterministic."""
import json, uuid, random, hashlib, datetime, os

def T(t): return ("think", t)
def S(t): return ("say", t)
def B(cmd, out, rc=0): return ("bash", cmd, out, rc)
def R(path, content): return ("read", path, content)
def E(path, old, new): return ("edit", path, old, new)
def W(path, content): return ("write", path, content)
def G(pattern, out, path="."): return ("grep", pattern, out, path)
def A(desc, prompt, result): return ("task", desc, prompt, result)
def F(t): return ("final", t)

def rng_for(sid, salt):
    h = hashlib.sha256((sid + "|" + salt).encode()).hexdigest()
    return random.Random(int(h, 16))

def det_uuid(r):
    return str(uuid.UUID(int=r.getrandbits(128), version=4))

def start_time(r):
    base = datetime.datetime(2026, 11, 15, 6, 0, 0, tzinfo=datetime.timezone.utc)
    return base + datetime.timedelta(seconds=r.randint(0, 15 * 86400 - 4 * 3600))

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)

def b64ish(r, n=120):
    a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    return "".join(r.choice(a) for _ in range(n))

def rid(r, prefix, n=24):
    a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return prefix + "".join(r.choice(a) for _ in range(n))

def dumps(o):
    return json.dumps(o, separators=(",", ":"), ensure_ascii=False)

def enc_cwd(cwd):
    return "".join(c if c.isalnum() else "-" for c in cwd)

def patch_text(kind, path, a, b=None):
    if kind == "add":
        return "*** Begin Patch\n*** Add File: %s\n" % path + "".join("+" + l + "\n" for l in a.split("\n")) + "*** End Patch"
    lines = "*** Begin Patch\n*** Update File: %s\n@@\n" % path
    lines += "".join("-" + l + "\n" for l in a.split("\n"))
    lines += "".join("+" + l + "\n" for l in b.split("\n"))
    return lines + "*** End Patch"

# ---------------- Claude Code ----------------
def render_cc(st, outdir):
    r = rng_for(st["id"], "cc")
    sid = det_uuid(r)
    t = start_time(r)
    cwd = st["cwd"]
    model = st.get("cc_model", r.choice(["claude-opus-4-6", "claude-sonnet-4-6", "claude-sonnet-4-5-20250929"]))
    env = {"isSidechain": False, "userType": "external", "cwd": cwd, "sessionId": sid,
           "version": st.get("cc_version", "2.1.%d" % r.randint(90, 140)), "gitBranch": st.get("branch", "main")}
    lines = []
    parent = [None]
    def tick(lo=0.2, hi=4.0):
        nonlocal t
        t = t + datetime.timedelta(milliseconds=int(r.uniform(lo, hi) * 1000))
        return iso(t)
    def add(rec):
        u = det_uuid(r)
        full = {"parentUuid": parent[0], **env, **rec, "uuid": u, "timestamp": tick()}
        lines.append(full)
        parent[0] = u
        return u
    first = add({"type": "user", "message": {"role": "user", "content": st["prompt"]},
                 "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []}, "todos": [],
                 "permissionMode": st.get("perm", "default")})
    lines.insert(0, {"type": "file-history-snapshot", "messageId": first,
                     "snapshot": {"messageId": first, "trackedFileBackups": {}, "timestamp": lines[0]["timestamp"]},
                     "isSnapshotUpdate": False})
    msg = {"id": None, "req": None, "usage": None}
    def new_msg():
        msg["id"] = rid(r, "msg_01"); msg["req"] = rid(r, "req_011C")
        msg["usage"] = {"input_tokens": r.randint(3, 40), "cache_creation_input_tokens": r.randint(200, 6000),
                        "cache_read_input_tokens": r.randint(8000, 60000),
                        "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                        "output_tokens": r.randint(20, 900), "service_tier": "standard"}
    new_msg()
    def asst(block, stop=None):
        return add({"message": {"model": model, "id": msg["id"], "type": "message", "role": "assistant",
                                "content": [block], "stop_reason": stop, "stop_sequence": None, "usage": msg["usage"]},
                    "requestId": msg["req"], "type": "assistant"})
    def tool(name, inp, result_text, tur, is_error=False):
        tid = rid(r, "toolu_01")
        au = asst({"type": "tool_use", "id": tid, "name": name, "input": inp})
        tick(0.3, 9.0)
        add({"type": "user", "message": {"role": "user", "content": [
            {"tool_use_id": tid, "type": "tool_result", "content": result_text, "is_error": is_error}]},
             "toolUseResult": tur, "sourceToolAssistantUUID": au})
        new_msg()
    for step in st["steps"]:
        k = step[0]
        if k == "think":
            asst({"type": "thinking", "thinking": step[1], "signature": b64ish(r, 160)})
        elif k == "say":
            asst({"type": "text", "text": step[1]})
        elif k == "bash":
            _, cmd, out, rc = step
            if rc == 0:
                tool("Bash", {"command": cmd, "description": "Run " + cmd.split()[0].split("/")[-1]}, out,
                     {"stdout": out, "stderr": "", "interrupted": False, "isImage": False})
            else:
                tool("Bash", {"command": cmd, "description": "Run " + cmd.split()[0].split("/")[-1]}, "Exit code %d\n%s" % (rc, out),
                     "Error: Exit code %d\n%s" % (rc, out), is_error=True)
        elif k == "read":
            _, path, content = step
            p = path if path.startswith("/") else cwd + "/" + path
            n = content.count("\n") + 1
            numbered = "\n".join("%6d\u2192%s" % (i + 1, l) for i, l in enumerate(content.split("\n")))
            tool("Read", {"file_path": p}, numbered,
                 {"type": "text", "file": {"filePath": p, "content": content, "numLines": n, "startLine": 1, "totalLines": n}})
        elif k == "edit":
            _, path, old, new = step
            p = path if path.startswith("/") else cwd + "/" + path
            tool("Edit", {"file_path": p, "old_string": old, "new_string": new, "replace_all": False},
                 "The file %s has been updated successfully." % p,
                 {"filePath": p, "oldString": old, "newString": new, "replaceAll": False, "userModified": False})
        elif k == "write":
            _, path, content = step
            p = path if path.startswith("/") else cwd + "/" + path
            tool("Write", {"file_path": p, "content": content}, "File created successfully at: %s" % p,
                 {"type": "create", "filePath": p, "content": content})
        elif k == "grep":
            _, pat, out, path = step
            tool("Grep", {"pattern": pat, "path": path, "output_mode": "content", "-n": True}, out,
                 {"mode": "content", "numFiles": len(set(l.split(":")[0] for l in out.splitlines() if l)), "filenames": [], "content": out, "numLines": len(out.splitlines())})
        elif k == "task":
            _, desc, prompt, result = step
            tool("Task", {"description": desc, "prompt": prompt, "subagent_type": "general-purpose"},
                 [{"type": "text", "text": result}],
                 {"status": "completed", "prompt": prompt, "content": [{"type": "text", "text": result}],
                  "totalDurationMs": r.randint(20000, 200000), "totalTokens": r.randint(5000, 60000), "totalToolUseCount": r.randint(2, 15)})
        elif k == "final":
            asst({"type": "text", "text": step[1]}, stop="end_turn")
        else:
            raise ValueError(k)
    add({"type": "system", "subtype": "turn_duration", "durationMs": r.randint(30000, 900000), "isMeta": False})
    d = os.path.join(outdir, enc_cwd(cwd))
    os.makedirs(d, exist_ok=True)
    fn = os.path.join(d, sid + ".jsonl")
    with open(fn, "w") as f:
        for l in lines:
            f.write(dumps(l) + "\n")
    return sid, fn

# ---------------- Codex ----------------
def render_codex(st, outdir):
    r = rng_for(st["id"], "codex")
    sid = det_uuid(r)
    t = start_time(r)
    cwd = st["cwd"]
    model = st.get("codex_model", r.choice(["gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.1-codex-max"]))
    lines = []
    def tick(lo=0.05, hi=3.0):
        nonlocal t
        t = t + datetime.timedelta(milliseconds=int(r.uniform(lo, hi) * 1000))
        return iso(t)
    def add(typ, payload, lo=0.05, hi=3.0):
        lines.append({"timestamp": tick(lo, hi), "type": typ, "payload": payload})
    start = t
    turn = det_uuid(r)
    add("session_meta", {"id": sid, "timestamp": iso(start), "cwd": cwd, "originator": st.get("originator", "codex_cli_rs"),
                         "cli_version": "0.1%02d.0" % r.randint(4, 30), "source": st.get("source", "cli"), "model_provider": "openai",
                         "base_instructions": {"text": "You are Codex, a coding agent based on GPT-5. You and the user share the same workspace and collaborate to achieve the user's goals."},
                         "git": {"commit_hash": "%040x" % r.getrandbits(160), "branch": st.get("branch", "main"),
                                 "repository_url": st.get("repo_url", "git@github.com:example/%s.git" % cwd.rstrip("/").split("/")[-1])}})
    add("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": "<permissions instructions>\nFilesystem sandboxing: workspace-write. Network access is restricted. Approval policy: on-request.\n</permissions instructions>"}]})
    add("event_msg", {"type": "task_started", "turn_id": turn, "model_context_window": 258400, "collaboration_mode_kind": "default"})
    add("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": st["prompt"]}]})
    add("event_msg", {"type": "user_message", "message": st["prompt"], "images": [], "local_images": [], "text_elements": []})
    add("turn_context", {"turn_id": turn, "cwd": cwd, "approval_policy": st.get("approval", "on-request"),
                         "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd], "network_access": False,
                                            "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
                         "model": model, "personality": "pragmatic", "effort": "high", "summary": "auto",
                         "truncation_policy": {"mode": "tokens", "limit": 10000}})
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}
    def tokens():
        last = {"input_tokens": r.randint(8000, 40000), "cached_input_tokens": r.randint(4000, 30000),
                "output_tokens": r.randint(30, 900), "reasoning_output_tokens": r.randint(0, 600)}
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot: tot[k] += last[k]
        add("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last,
                                                          "model_context_window": 258400},
                          "rate_limits": {"limit_id": "codex", "limit_name": None,
                                          "primary": {"used_percent": float(r.randint(1, 40)), "window_minutes": 300, "resets_at": 1795000000 + r.randint(0, 99999)},
                                          "secondary": {"used_percent": float(r.randint(1, 20)), "window_minutes": 10080, "resets_at": 1795500000 + r.randint(0, 99999)},
                                          "credits": {"has_credits": False, "unlimited": False, "balance": None}, "plan_type": None}})
    def call_id():
        return rid(r, "call_", 24)
    def exec_cmd(cmd, out, rc):
        cid = call_id()
        add("response_item", {"type": "function_call", "name": "exec_command",
                              "arguments": json.dumps({"cmd": cmd, "workdir": cwd, "yield_time_ms": 10000}), "call_id": cid})
        wall = r.uniform(0.05, 40.0)
        add("response_item", {"type": "function_call_output", "call_id": cid,
                              "output": "Chunk ID: %s\nWall time: %.4f seconds\nProcess exited with code %d\nOriginal token count: %d\nOutput:\n%s" % (
                                  "%06x" % r.getrandbits(24), wall, rc, max(1, len(out) // 4), out)}, 0.1, 6.0)
        tokens()
    def patch(text):
        cid = call_id()
        add("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": cid, "name": "apply_patch", "input": text})
        files = [l.split(": ", 1)[1] for l in text.splitlines() if l.startswith("*** ") and ": " in l]
        kind = "A" if "*** Add File" in text else "M"
        add("response_item", {"type": "custom_tool_call_output", "call_id": cid,
                              "output": json.dumps({"output": "Success. Updated the following files:\n" + "\n".join("%s %s" % (kind, f) for f in files) + "\n",
                                                    "metadata": {"exit_code": 0, "duration_seconds": round(r.uniform(0.0, 0.2), 1)}})})
        tokens()
    last_msg = ""
    for step in st["steps"]:
        k = step[0]
        if k == "think":
            txt = step[1]
            add("event_msg", {"type": "agent_reasoning", "text": txt})
            add("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": txt}], "content": None,
                                  "encrypted_content": "gAAAAB" + b64ish(r, 200)}, 0.0, 0.01)
        elif k == "say":
            add("event_msg", {"type": "agent_message", "message": step[1]})
            add("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": step[1]}], "phase": "commentary"}, 0.0, 0.01)
        elif k == "bash":
            exec_cmd(step[1], step[2], step[3])
        elif k == "read":
            _, path, content = step
            n = content.count("\n") + 1
            exec_cmd("sed -n '1,%dp' %s" % (max(200, n), path), content, 0)
        elif k == "grep":
            _, pat, out, path = step
            exec_cmd("rg -n %s %s" % (json.dumps(pat), path), out, 0 if out else 1)
        elif k == "edit":
            _, path, old, new = step
            patch(patch_text("upd", path, old, new))
        elif k == "write":
            _, path, content = step
            patch(patch_text("add", path, content))
        elif k == "task":
            _, desc, prompt, result = step
            exec_cmd("codex exec --full-auto %s" % json.dumps(prompt), result, 0)
        elif k == "final":
            last_msg = step[1]
            add("event_msg", {"type": "agent_message", "message": step[1]})
            add("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": step[1]}], "phase": "final_answer"}, 0.0, 0.01)
            tokens()
    add("event_msg", {"type": "task_complete", "turn_id": turn, "last_agent_message": last_msg})
    d = os.path.join(outdir, "%04d" % start.year, "%02d" % start.month, "%02d" % start.day)
    os.makedirs(d, exist_ok=True)
    fn = os.path.join(d, "rollout-%s-%s.jsonl" % (start.strftime("%Y-%m-%dT%H-%M-%S"), sid))
    with open(fn, "w") as f:
        for l in lines:
            f.write(dumps(l) + "\n")
    return sid, fn
