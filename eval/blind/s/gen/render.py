"""Renderer: story -> Claude Code JSONL and Codex rollout JSONL. Stdlib only."""
import json, random, uuid, hashlib, base64, datetime as dt

def T(text): return ("think", text)
def B(cmd, out="", rc=0): return ("sh", cmd, out, rc)
def E(path, old, new): return ("edit", path, old, new)
def W(path, content): return ("write", path, content)
def R(path, content): return ("read", path, content)
def A(desc, prompt, result): return ("agent", desc, prompt, result)
def M(text): return ("say", text)

STORIES = []
def S(sid, cats, desc, cwd, prompt, steps, final, branch="main"):
    STORIES.append(dict(id=sid, cats=cats, desc=desc, cwd=cwd, prompt=prompt,
                        steps=steps, final=final, branch=branch))

def u4(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)

def dumps(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))

def start_time(story):
    n = int(story["id"].split("-")[1])
    rng = random.Random("start:" + story["id"])
    base = dt.datetime(2026, 11, 15, 8, 0, 0)
    day = (n * 7) % 15
    return base + dt.timedelta(days=day, hours=rng.randint(0, 12), minutes=rng.randint(0, 59),
                               seconds=rng.randint(0, 59), milliseconds=rng.randint(0, 999))

def fake_b64(seed, n):
    h = b""
    i = 0
    while len(h) < n:
        h += hashlib.sha256(f"{seed}:{i}".encode()).digest(); i += 1
    return base64.b64encode(h[:n]).decode()

# ---------------------------------------------------------------- Claude Code
def render_cc(story):
    rng = random.Random(story["id"] + ":claude_code")
    sid = u4(rng)
    t = start_time(story)
    cwd = story["cwd"]
    env = dict(isSidechain=False, userType="external", cwd=cwd, sessionId=sid,
               version="2.1.138", gitBranch=story["branch"])
    lines = []
    def tick(lo=0.2, hi=4.0):
        nonlocal t
        t += dt.timedelta(milliseconds=int(rng.uniform(lo, hi) * 1000))
        return iso(t)
    parent = None
    def add(rec):
        nonlocal parent
        rec["uuid"] = u4(rng)
        lines.append(rec)
        parent = rec["uuid"]
        return rec
    first_uuid = u4(rng)
    lines.append({"type": "file-history-snapshot", "messageId": first_uuid,
                  "snapshot": {"messageId": first_uuid, "trackedFileBackups": {}, "timestamp": iso(t)},
                  "isSnapshotUpdate": False})
    rec = {"parentUuid": None, **env, "type": "user", "message": {"role": "user", "content": story["prompt"]},
           "uuid": first_uuid, "timestamp": iso(t),
           "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []}, "todos": []}
    lines.append(rec); parent = first_uuid
    usage_in = 4000 + rng.randint(0, 9000)
    msg = None
    def new_msg():
        nonlocal msg, usage_in
        usage_in += rng.randint(300, 2500)
        msg = dict(id="msg_01" + fake_b64(rng.random(), 18).replace("+", "x").replace("/", "y")[:22],
                   req="req_011C" + fake_b64(rng.random(), 18).replace("+", "q").replace("/", "z")[:20],
                   usage={"input_tokens": rng.randint(3, 40), "cache_creation_input_tokens": rng.randint(200, 3000),
                          "cache_read_input_tokens": usage_in,
                          "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                          "output_tokens": rng.randint(40, 900), "service_tier": "standard"})
    def asst(block, stop=None):
        return add({"parentUuid": parent, **env,
                    "message": {"model": "claude-opus-4-6", "id": msg["id"], "type": "message", "role": "assistant",
                                "content": [block], "stop_reason": stop, "stop_sequence": None, "usage": msg["usage"]},
                    "requestId": msg["req"], "type": "assistant", "timestamp": tick(1.0, 9.0)})
    def result(tuid, src, content, is_err, tur):
        add({"parentUuid": parent, **env, "type": "user",
             "message": {"role": "user", "content": [{"tool_use_id": tuid, "type": "tool_result",
                                                      "content": content, "is_error": is_err}]},
             "timestamp": tick(0.1, 30.0), "toolUseResult": tur, "sourceToolAssistantUUID": src})
    need_msg = True
    for st in story["steps"]:
        kind = st[0]
        if need_msg:
            new_msg(); need_msg = False
        if kind == "think":
            asst({"type": "thinking", "thinking": st[1], "signature": "Eq" + fake_b64(st[1], 180)})
            continue
        if kind == "say":
            asst({"type": "text", "text": st[1]})
            continue
        tuid = "toolu_01" + fake_b64(rng.random(), 18).replace("+", "A").replace("/", "B")[:22]
        if kind == "sh":
            _, cmd, out, rc = st
            a = asst({"type": "tool_use", "id": tuid, "name": "Bash",
                      "input": {"command": cmd, "description": cmd.split("\n")[0][:60]}})
            content = out if rc == 0 else f"Exit code {rc}\n{out}"
            result(tuid, a["uuid"], content, rc != 0,
                   {"stdout": out, "stderr": "", "interrupted": False, "isImage": False})
        elif kind == "read":
            _, path, content = st
            a = asst({"type": "tool_use", "id": tuid, "name": "Read", "input": {"file_path": path}})
            n = content.count("\n") + 1
            numbered = "\n".join(f"{i+1:>6}\u2192{l}" for i, l in enumerate(content.split("\n")))
            result(tuid, a["uuid"], numbered, False,
                   {"type": "text", "file": {"filePath": path, "content": content, "numLines": n,
                                             "startLine": 1, "totalLines": n}})
        elif kind == "edit":
            _, path, old, new = st
            a = asst({"type": "tool_use", "id": tuid, "name": "Edit",
                      "input": {"file_path": path, "old_string": old, "new_string": new, "replace_all": False}})
            result(tuid, a["uuid"], f"The file {path} has been updated successfully.", False,
                   {"filePath": path, "oldString": old, "newString": new, "originalFile": None,
                    "structuredPatch": [], "userModified": False, "replaceAll": False})
        elif kind == "write":
            _, path, content = st
            a = asst({"type": "tool_use", "id": tuid, "name": "Write", "input": {"file_path": path, "content": content}})
            result(tuid, a["uuid"], f"File created successfully at: {path}", False,
                   {"type": "create", "filePath": path, "content": content, "structuredPatch": []})
        elif kind == "agent":
            _, desc, prompt, res = st
            a = asst({"type": "tool_use", "id": tuid, "name": "Task",
                      "input": {"description": desc, "prompt": prompt, "subagent_type": "general-purpose"}})
            result(tuid, a["uuid"], [{"type": "text", "text": res}], False,
                   {"status": "completed", "prompt": prompt, "content": [{"type": "text", "text": res}],
                    "totalDurationMs": rng.randint(40000, 900000), "totalTokens": rng.randint(20000, 140000),
                    "totalToolUseCount": rng.randint(6, 60)})
        need_msg = True
    new_msg()
    last = asst({"type": "text", "text": story["final"]}, stop="end_turn")
    add({"parentUuid": parent, **env, "type": "system", "subtype": "turn_duration",
         "durationMs": rng.randint(30000, 2400000), "isMeta": False, "timestamp": tick()})
    return sid, "\n".join(dumps(l) for l in lines) + "\n", t

# ---------------------------------------------------------------- Codex
def patch_update(path, old, new):
    body = "\n".join("-" + l for l in old.split("\n")) + "\n" + "\n".join("+" + l for l in new.split("\n"))
    return f"*** Begin Patch\n*** Update File: {path}\n@@\n{body}\n*** End Patch"

def patch_add(path, content):
    body = "\n".join("+" + l for l in content.rstrip("\n").split("\n"))
    return f"*** Begin Patch\n*** Add File: {path}\n{body}\n*** End Patch"

def summarize(text):
    first = text.strip().split("\n")[0]
    words = first.split()
    head = " ".join(words[:6]).rstrip(".,:;")
    return f"**{head[:1].upper() + head[1:]}**\n\n{text}"

def render_codex(story):
    rng = random.Random(story["id"] + ":codex")
    sid = u4(rng)
    t = start_time(story) + dt.timedelta(minutes=rng.randint(1, 50))
    cwd = story["cwd"]
    lines = []
    def tick(lo=0.2, hi=4.0):
        nonlocal t
        t += dt.timedelta(milliseconds=int(rng.uniform(lo, hi) * 1000))
        return iso(t)
    def L(typ, payload, lo=0.001, hi=0.01):
        lines.append({"timestamp": tick(lo, hi), "type": typ, "payload": payload})
    turn = u4(rng)
    L("session_meta", {"id": sid, "timestamp": iso(t), "cwd": cwd, "originator": "codex_cli_rs",
                       "cli_version": "0.121.0", "source": "cli", "model_provider": "openai",
                       "git": {"commit_hash": hashlib.sha1(story["id"].encode()).hexdigest(),
                               "branch": story["branch"],
                               "repository_url": "git@git.example:" + cwd.rstrip("/").split("/")[-1] + ".git"}})
    L("event_msg", {"type": "task_started", "turn_id": turn, "model_context_window": 258400,
                    "collaboration_mode_kind": "default"})
    L("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text":
        f"<environment_context>\n  <cwd>{cwd}</cwd>\n  <approval_policy>on-request</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n  <shell>bash</shell>\n</environment_context>"}]})
    L("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": story["prompt"]}]})
    L("event_msg", {"type": "user_message", "message": story["prompt"], "images": [], "local_images": [], "text_elements": []})
    L("turn_context", {"turn_id": turn, "cwd": cwd, "approval_policy": "on-request",
                       "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd], "network_access": False,
                                          "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
                       "model": "gpt-5.3-codex", "personality": "pragmatic", "effort": "high", "summary": "auto",
                       "truncation_policy": {"mode": "tokens", "limit": 10000}})
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}
    def tokens():
        last = {"input_tokens": rng.randint(8000, 40000), "cached_input_tokens": rng.randint(2000, 8000),
                "output_tokens": rng.randint(50, 1200), "reasoning_output_tokens": rng.randint(20, 600)}
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot: tot[k] += last[k]
        L("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last,
                                                       "model_context_window": 258400},
                        "rate_limits": {"primary": {"used_percent": round(rng.uniform(2, 60), 1), "window_minutes": 300,
                                                    "resets_at": 1795000000 + rng.randint(0, 9999999)},
                                        "secondary": None, "credits": None, "plan_type": None}})
    def call_id():
        return "call_" + fake_b64(rng.random(), 18).replace("+", "k").replace("/", "m")[:24]
    def exec_call(cmd, out, rc):
        cid = call_id()
        L("response_item", {"type": "function_call", "name": "exec_command",
                            "arguments": json.dumps({"cmd": cmd, "workdir": cwd}), "call_id": cid}, 1.0, 8.0)
        wall = round(min(90.0, 0.05 + rng.expovariate(1 / 2.5)), 1)
        L("response_item", {"type": "function_call_output", "call_id": cid,
                            "output": f"Exit code: {rc}\nWall time: {wall} seconds\nOutput:\n{out}"}, 0.1, 30.0)
    def patch_call(p, verb, path):
        cid = call_id()
        L("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": cid, "name": "apply_patch",
                            "input": p}, 1.0, 8.0)
        L("response_item", {"type": "custom_tool_call_output", "call_id": cid,
                            "output": f"Success. Updated the following files:\n{verb} {path}"}, 0.1, 1.0)
    for i, st in enumerate(story["steps"]):
        kind = st[0]
        if kind == "think":
            s = summarize(st[1])
            L("event_msg", {"type": "agent_reasoning", "text": s}, 1.0, 9.0)
            L("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": s}],
                                "content": None, "encrypted_content": "gAAAAAB" + fake_b64("enc" + st[1], 240)})
        elif kind == "say":
            L("event_msg", {"type": "agent_message", "message": st[1]}, 1.0, 5.0)
            L("response_item", {"type": "message", "role": "assistant",
                                "content": [{"type": "output_text", "text": st[1]}], "phase": "commentary"})
        elif kind == "sh":
            exec_call(st[1], st[2], st[3])
        elif kind == "read":
            exec_call(f"sed -n '1,200p' {st[1]}", st[2], 0)
        elif kind == "edit":
            patch_call(patch_update(st[1], st[2], st[3]), "M", st[1])
        elif kind == "write":
            patch_call(patch_add(st[1], st[2]), "A", st[1])
        elif kind == "agent":
            _, desc, prompt, res = st
            exec_call("codex exec --full-auto " + json.dumps(prompt), res, 0)
        if kind in ("sh", "edit", "write", "agent") and i % 3 == 0:
            tokens()
    tokens()
    L("event_msg", {"type": "agent_message", "message": story["final"]}, 1.0, 9.0)
    L("response_item", {"type": "message", "role": "assistant",
                        "content": [{"type": "output_text", "text": story["final"]}], "phase": "final_answer"})
    L("event_msg", {"type": "task_complete", "turn_id": turn, "last_agent_message": story["final"]})
    return sid, "\n".join(dumps(l) for l in lines) + "\n", lines[0]["timestamp"]
