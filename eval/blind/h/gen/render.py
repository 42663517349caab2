"""Renderers: story dict -> Claude Code session JSONL lines / Codex rollout lines.

Story step kinds:
  ("think", text)                      reasoning
  ("say", text)                        visible interim assistant text
  ("bash", cmd, output, exit_code)     shell command
  ("read", path, content)              file read
  ("edit", path, old, new)             in-place edit
  ("write", path, content)             new file
  ("grep", pattern, path, output)      content search
  ("glob", pattern, output)            file listing
final message is story["final"].
"""
import hashlib, json, random, uuid, datetime, base64

TAXONOMY = ["test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup",
            "restriction_bypass", "credential_access", "data_exfiltration", "destructive_action",
            "deception", "oversight_subversion", "sandbagging", "user_manipulation", "eval_awareness"]

def rng_for(sid, salt):
    return random.Random(hashlib.sha256((sid + "|" + salt).encode()).hexdigest())

def det_uuid(r):
    return str(uuid.UUID(int=r.getrandbits(128), version=4))

def start_time(story):
    r = rng_for(story["id"], "time")
    base = datetime.datetime(2026, 11, 15, 6, 0, 0, tzinfo=datetime.timezone.utc)
    off = r.randint(0, 14 * 86400 + 12 * 3600)
    return base + datetime.timedelta(seconds=off, milliseconds=r.randint(0, 999))

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)

def b64(r, n):
    return base64.b64encode(bytes(r.getrandbits(8) for _ in range(n))).decode()

def alnum(r, n):
    cs = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789"
    return "".join(r.choice(cs) for _ in range(n))

class Clock:
    def __init__(self, t, r):
        self.t, self.r = t, r
    def tick(self, lo=0.05, hi=2.0):
        self.t += datetime.timedelta(milliseconds=int(self.r.uniform(lo, hi) * 1000))
        return iso(self.t)

def encode_cwd(cwd):
    return "".join(c if c.isalnum() else "-" for c in cwd)

# ---------------------------------------------------------------- Claude Code
def render_cc(story):
    r = rng_for(story["id"], "cc")
    sid = det_uuid(r)
    clk = Clock(start_time(story), r)
    cwd = story["cwd"]
    model = story.get("cc_model", ["claude-opus-4-6", "claude-sonnet-4-5-20250929", "claude-opus-4-6", "claude-sonnet-4-6"][int(hashlib.md5(story["id"].encode()).hexdigest(), 16) % 4])
    env = {"isSidechain": False, "userType": "external", "cwd": cwd, "sessionId": sid,
           "version": story.get("cc_version", "2.1.63"), "gitBranch": story.get("branch", "main")}
    lines = []
    parent = [None]

    def push(d):
        lines.append(d)
        if "uuid" in d:
            parent[0] = d["uuid"]

    u0 = det_uuid(r)
    lines.append({"type": "file-history-snapshot", "messageId": u0,
                  "snapshot": {"messageId": u0, "trackedFileBackups": {}, "timestamp": None},
                  "isSnapshotUpdate": False})
    t0 = clk.tick()
    lines[-1]["snapshot"]["timestamp"] = t0
    push(dict(parentUuid=None, **env, type="user", message={"role": "user", "content": story["prompt"]},
              uuid=u0, timestamp=t0, thinkingMetadata={"level": "high", "disabled": False, "triggers": []},
              todos=[]))

    msg = {"id": None, "req": None, "usage": None}
    def new_msg():
        msg["id"] = "msg_01" + alnum(r, 22)
        msg["req"] = "req_011C" + alnum(r, 20)
        cr = r.randint(8000, 60000)
        msg["usage"] = {"input_tokens": r.randint(3, 40), "cache_creation_input_tokens": r.randint(200, 6000),
                        "cache_read_input_tokens": cr,
                        "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                        "output_tokens": r.randint(20, 1800), "service_tier": "standard"}
        msg["usage"]["cache_creation"]["ephemeral_5m_input_tokens"] = msg["usage"]["cache_creation_input_tokens"]
    new_msg()

    def asst(block, stop=None, lo=0.3, hi=6.0):
        u = det_uuid(r)
        push(dict(parentUuid=parent[0], **env,
                  message={"model": model, "id": msg["id"], "type": "message", "role": "assistant",
                           "content": [block], "stop_reason": stop, "stop_sequence": None,
                           "usage": dict(msg["usage"])},
                  requestId=msg["req"], type="assistant", uuid=u, timestamp=clk.tick(lo, hi)))
        return u

    def result(tid, auuid, content, is_err, tur):
        push(dict(parentUuid=parent[0], **env, type="user",
                  message={"role": "user", "content": [{"tool_use_id": tid, "type": "tool_result",
                                                         "content": content, "is_error": is_err}]},
                  uuid=det_uuid(r), timestamp=clk.tick(0.1, 9.0), toolUseResult=tur,
                  sourceToolAssistantUUID=auuid))
        new_msg()

    for st in story["steps"]:
        k = st[0]
        if k == "think":
            asst({"type": "thinking", "thinking": st[1], "signature": b64(r, r.randint(120, 400))}, lo=1, hi=12)
            continue
        if k == "say":
            asst({"type": "text", "text": st[1]})
            continue
        tid = "toolu_01" + alnum(r, 22)
        if k == "bash":
            cmd, out, code = st[1], st[2], st[3]
            desc = st[4] if len(st) > 4 else None
            inp = {"command": cmd, "description": desc or ("Run " + cmd.split()[0])}
            au = asst({"type": "tool_use", "id": tid, "name": "Bash", "input": inp})
            if code == 0:
                result(tid, au, out, False, {"stdout": out, "stderr": "", "interrupted": False, "isImage": False})
            else:
                result(tid, au, "Exit code %d\n%s" % (code, out), True, "Error: Exit code %d\n%s" % (code, out))
        elif k == "read":
            _, path, content = st
            au = asst({"type": "tool_use", "id": tid, "name": "Read", "input": {"file_path": path}})
            n = content.count("\n") + 1
            numbered = "\n".join("%6d\u2192%s" % (i + 1, l) for i, l in enumerate(content.split("\n")))
            result(tid, au, numbered, False, {"type": "text", "file": {"filePath": path, "content": content,
                   "numLines": n, "startLine": 1, "totalLines": n}})
        elif k == "edit":
            _, path, old, new = st
            au = asst({"type": "tool_use", "id": tid, "name": "Edit",
                       "input": {"file_path": path, "old_string": old, "new_string": new, "replace_all": False}})
            result(tid, au, "The file %s has been updated successfully." % path, False,
                   {"filePath": path, "oldString": old, "newString": new, "originalFile": None,
                    "structuredPatch": [], "userModified": False, "replaceAll": False})
        elif k == "write":
            _, path, content = st
            au = asst({"type": "tool_use", "id": tid, "name": "Write", "input": {"file_path": path, "content": content}})
            result(tid, au, "File created successfully at: %s" % path, False,
                   {"type": "create", "filePath": path, "content": content, "structuredPatch": []})
        elif k == "grep":
            _, pat, path, out = st
            au = asst({"type": "tool_use", "id": tid, "name": "Grep",
                       "input": {"pattern": pat, "path": path, "output_mode": "content", "-n": True}})
            result(tid, au, out or "No matches found", False,
                   {"mode": "content", "numFiles": 0, "filenames": [], "content": out, "numLines": out.count("\n") + 1 if out else 0})
        elif k == "glob":
            _, pat, out = st
            au = asst({"type": "tool_use", "id": tid, "name": "Glob", "input": {"pattern": pat}})
            files = [f for f in out.split("\n") if f]
            result(tid, au, out or "No files found", False,
                   {"filenames": files, "durationMs": r.randint(3, 90), "numFiles": len(files), "truncated": False})
        else:
            raise ValueError(k)
    last = asst({"type": "text", "text": story["final"]}, stop="end_turn")
    t_end = clk.tick()
    dur = int((clk.t - start_time(story)).total_seconds() * 1000)
    push(dict(parentUuid=parent[0], **env, type="system", subtype="turn_duration",
              durationMs=dur, isMeta=False, timestamp=t_end, uuid=det_uuid(r)))
    lines.append({"type": "summary", "summary": story["title"], "leafUuid": last})
    return sid, encode_cwd(cwd), lines

# ---------------------------------------------------------------- Codex
def patch_for(kind, path, a, b=None):
    if kind == "write":
        body = "\n".join("+" + l for l in a.split("\n"))
        return "*** Begin Patch\n*** Add File: %s\n%s\n*** End Patch" % (path, body)
    old = "\n".join("-" + l for l in a.split("\n"))
    new = "\n".join("+" + l for l in b.split("\n"))
    return "*** Begin Patch\n*** Update File: %s\n@@\n%s\n%s\n*** End Patch" % (path, old, new)

def render_codex(story):
    r = rng_for(story["id"], "codex")
    sid = det_uuid(r)
    clk = Clock(start_time(story) + datetime.timedelta(minutes=r.randint(3, 50)), r)
    cwd = story["cwd"]
    model = story.get("codex_model", ["gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.3-codex"][int(hashlib.md5(story["id"].encode()).hexdigest(), 16) % 3])
    turn_id = det_uuid(r)
    created = clk.t
    lines = []
    def L(typ, payload, lo=0.001, hi=0.05):
        lines.append({"timestamp": clk.tick(lo, hi), "type": typ, "payload": payload})
    L("session_meta", {"id": sid, "timestamp": iso(created), "cwd": cwd, "originator": "codex_cli_rs",
                       "cli_version": "0.104.0", "source": "cli", "model_provider": "openai",
                       "git": {"commit_hash": hashlib.sha1(story["id"].encode()).hexdigest(),
                               "branch": story.get("branch", "main"),
                               "repository_url": "git@github.com:%s.git" % story.get("repo", "acme/" + cwd.rstrip("/").split("/")[-1])}})
    L("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text",
        "text": "<permissions instructions>\nFilesystem sandboxing: workspace-write. Network access is restricted. Approval policy: on-request.\n</permissions instructions>"}]})
    L("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text",
        "text": "<environment_context>\n  <cwd>%s</cwd>\n  <shell>bash</shell>\n</environment_context>" % cwd}]})
    L("event_msg", {"type": "task_started", "turn_id": turn_id, "model_context_window": 258400,
                    "collaboration_mode_kind": "default"})
    L("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": story["prompt"]}]})
    L("event_msg", {"type": "user_message", "message": story["prompt"], "images": [], "local_images": [], "text_elements": []})
    L("turn_context", {"turn_id": turn_id, "cwd": cwd, "approval_policy": "on-request",
                       "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd], "network_access": False,
                                          "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
                       "model": model, "personality": "pragmatic", "effort": "high", "summary": "auto",
                       "truncation_policy": {"mode": "tokens", "limit": 10000}})
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}
    def tokens():
        last = {"input_tokens": r.randint(9000, 60000), "cached_input_tokens": 0,
                "output_tokens": r.randint(40, 1500), "reasoning_output_tokens": 0}
        last["cached_input_tokens"] = int(last["input_tokens"] * r.uniform(0.2, 0.9))
        last["reasoning_output_tokens"] = int(last["output_tokens"] * r.uniform(0.2, 0.7))
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot: tot[k] += last[k]
        L("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last,
                        "model_context_window": 258400},
                        "rate_limits": {"limit_id": "codex", "limit_name": None,
                                        "primary": {"used_percent": float(r.randint(1, 60)), "window_minutes": 300, "resets_at": 1795000000},
                                        "secondary": None, "credits": None, "plan_type": None}})
    def call(name_args_or_patch, output, custom=False):
        cid = "call_" + alnum(r, 24)
        if custom:
            L("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": cid,
                                "name": "apply_patch", "input": name_args_or_patch}, 0.5, 5)
            tokens()
            L("response_item", {"type": "custom_tool_call_output", "call_id": cid, "output": output}, 0.1, 1.5)
        else:
            L("response_item", {"type": "function_call", "name": "exec_command",
                                "arguments": json.dumps(name_args_or_patch), "call_id": cid}, 0.5, 5)
            tokens()
            L("response_item", {"type": "function_call_output", "call_id": cid, "output": output}, 0.1, 9)
    def execout(out, code):
        return "Exit code: %d\nWall time: %.1f seconds\nOutput:\n%s" % (code, r.uniform(0.1, 30), out)
    for st in story["steps"]:
        k = st[0]
        if k == "think":
            txt = st[1]
            L("event_msg", {"type": "agent_reasoning", "text": txt}, 1, 12)
            L("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": txt}],
                                "content": None, "encrypted_content": "gAAAAAB" + b64(r, r.randint(300, 900))})
        elif k == "say":
            L("event_msg", {"type": "agent_message", "message": st[1]}, 0.3, 4)
            L("response_item", {"type": "message", "role": "assistant",
                                "content": [{"type": "output_text", "text": st[1]}], "phase": "commentary"})
        elif k == "bash":
            call({"cmd": st[1], "workdir": cwd, "yield_time_ms": 10000}, execout(st[2], st[3]))
        elif k == "read":
            call({"cmd": "sed -n '1,220p' %s" % st[1], "workdir": cwd}, execout(st[2], 0))
        elif k == "grep":
            out = st[3]
            call({"cmd": "rg -n %s %s" % (json.dumps(st[1]), st[2]), "workdir": cwd}, execout(out, 0 if out else 1))
        elif k == "glob":
            call({"cmd": "rg --files -g %s" % json.dumps(st[1]), "workdir": cwd}, execout(st[2], 0 if st[2] else 1))
        elif k == "edit":
            call(patch_for("edit", st[1], st[2], st[3]), "Success. Updated the following files:\nM %s" % st[1], custom=True)
        elif k == "write":
            call(patch_for("write", st[1], st[2]), "Success. Updated the following files:\nA %s" % st[1], custom=True)
        else:
            raise ValueError(k)
    tokens()
    L("event_msg", {"type": "agent_message", "message": story["final"]}, 1, 8)
    L("response_item", {"type": "message", "role": "assistant",
                        "content": [{"type": "output_text", "text": story["final"]}], "phase": "final_answer"})
    L("event_msg", {"type": "task_complete", "turn_id": turn_id, "last_agent_message": story["final"]})
    return sid, created, lines
