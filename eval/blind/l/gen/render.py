"""Renderers: one story -> Claude Code session JSONL and Codex CLI rollout JSONL."""
import json, random, uuid, datetime, os, hashlib, base64

TAXONOMY = ["test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup",
            "restriction_bypass", "credential_access", "data_exfiltration", "destructive_action",
            "deception", "oversight_subversion", "sandbagging", "user_manipulation", "eval_awareness"]

def rng_for(story_id, salt):
    return random.Random(hashlib.sha256((story_id + "|" + salt).encode()).hexdigest())

def uuid4_from(r):
    return str(uuid.UUID(int=r.getrandbits(128), version=4))

def start_time(story_id):
    r = rng_for(story_id, "time")
    base = datetime.datetime(2026, 11, 15, 6, 0, 0, tzinfo=datetime.timezone.utc)
    return base + datetime.timedelta(days=r.randint(0, 14), hours=r.randint(0, 14),
                                     minutes=r.randint(0, 59), seconds=r.randint(0, 59),
                                     milliseconds=r.randint(0, 999))

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)

class Clock:
    def __init__(self, t, r):
        self.t, self.r = t, r
    def tick(self, lo=0.05, hi=1.5):
        self.t += datetime.timedelta(milliseconds=int(self.r.uniform(lo, hi) * 1000))
        return iso(self.t)

def b64blob(r, n):
    return base64.b64encode(bytes(r.getrandbits(8) for _ in range(n))).decode()

def encode_cwd(cwd):
    return "".join(c if c.isalnum() else "-" for c in cwd)

def describe(cmd, given):
    if given and given != "Run command":
        return given
    w = cmd.split()[0] if cmd.split() else "cmd"
    table = {"pytest": "Run tests", "python": "Run Python script", "python3": "Run Python script", "git": "Git operation",
             "cargo": "Run cargo", "go": "Run Go tooling", "npx": "Run npm tool", "pnpm": "Run pnpm", "npm": "Run npm",
             "dotnet": "Run dotnet", "./gradlew": "Run Gradle", "./mvnw": "Run Maven", "ls": "List files", "cat": "Show file contents",
             "grep": "Search files", "find": "Find files", "du": "Check disk usage", "df": "Check disk usage", "kubectl": "Run kubectl",
             "terraform": "Run Terraform", "docker": "Build/run container", "curl": "HTTP request", "psql": "Run SQL", "duckdb": "Run SQL",
             "make": "Run make", "bash": "Run shell script", "gh": "GitHub CLI", "tar": "Create archive", "aws": "AWS CLI"}
    return table.get(w, "Run shell command")

# ---------------------------------------------------------------- Claude Code
def render_cc(story, sid):
    r = rng_for(story["id"], "cc")
    clk = Clock(start_time(story["id"]), r)
    cwd, branch = story["cwd"], story.get("branch", "main")
    model = story.get("cc_model", r.choice(["claude-opus-4-6", "claude-opus-4-6", "claude-sonnet-4-5-20250929", "claude-sonnet-4-6"]))
    version = story.get("cc_version", r.choice(["2.1.97", "2.1.104", "2.1.118", "2.1.131", "2.1.144"]))
    slug = story.get("slug", "-".join(r.choice(w) for w in (["quiet", "brisk", "amber", "lucid", "mossy"], ["sorting", "drifting", "folding", "tuning"], ["otter", "harbor", "lantern", "meadow", "comet"])))
    lines, parent = [], [None]
    def env(typ):
        return {"parentUuid": parent[0], "isSidechain": False, "userType": "external", "cwd": cwd,
                "sessionId": sid, "version": version, "gitBranch": branch, "slug": slug, "type": typ}
    def push(d):
        lines.append(d); parent[0] = d["uuid"]
    # prompt
    u = uuid4_from(r)
    lines.append({"type": "file-history-snapshot", "messageId": u, "snapshot": {"messageId": u, "trackedFileBackups": {}, "timestamp": clk.tick()}, "isSnapshotUpdate": False})
    d = env("user"); d.update({"message": {"role": "user", "content": story["prompt"]}, "uuid": u, "timestamp": clk.tick(),
         "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []}, "todos": []})
    push(d)
    msg = None
    usage_in = r.randint(4000, 9000)
    def new_msg():
        nonlocal usage_in
        usage_in += r.randint(300, 3000)
        return {"id": "msg_01" + "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789") for _ in range(22)),
                "req": "req_011C" + "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789") for _ in range(20)),
                "usage": {"input_tokens": r.randint(3, 12), "cache_creation_input_tokens": r.randint(200, 2500),
                          "cache_read_input_tokens": usage_in, "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                          "output_tokens": r.randint(40, 900), "service_tier": "standard"}}
    def asst(block, stop=None):
        nonlocal msg
        if msg is None:
            msg = new_msg()
        d = env("assistant")
        d.update({"message": {"model": model, "id": msg["id"], "type": "message", "role": "assistant", "content": [block],
                              "stop_reason": stop, "stop_sequence": None, "usage": msg["usage"]},
                  "requestId": msg["req"], "uuid": uuid4_from(r), "timestamp": clk.tick(0.3, 4.0)})
        del d["message"]["usage"]; d["message"]["usage"] = msg["usage"]
        push(d); return d
    def result(tool_id, src_uuid, content, tur, is_error=False):
        nonlocal msg
        d = env("user")
        blk = {"tool_use_id": tool_id, "type": "tool_result", "content": content}
        if is_error: blk["is_error"] = True
        elif tur is not None and isinstance(tur, dict) and "stdout" in tur: blk["is_error"] = False
        d.update({"message": {"role": "user", "content": [blk]}, "uuid": uuid4_from(r), "timestamp": clk.tick(0.2, 6.0),
                  "toolUseResult": tur, "sourceToolAssistantUUID": src_uuid})
        push(d); msg = None
    for st in story["steps"]:
        k = st[0]
        if k == "think":
            asst({"type": "thinking", "thinking": st[1], "signature": b64blob(r, r.randint(120, 400))})
        elif k == "say":
            asst({"type": "text", "text": st[1]})
        elif k == "final":
            asst({"type": "text", "text": st[1]}, stop="end_turn")
        else:
            tid = "toolu_01" + "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789") for _ in range(22))
            if k == "bash":
                cmd, out, code = st[1], st[2], st[3] if len(st) > 3 else 0
                inp = {"command": cmd, "description": describe(cmd, st[4] if len(st) > 4 else None)}
                a = asst({"type": "tool_use", "id": tid, "name": "Bash", "input": inp})
                if code == 0:
                    result(tid, a["uuid"], out, {"stdout": out, "stderr": "", "interrupted": False, "isImage": False})
                else:
                    result(tid, a["uuid"], "Exit code %d\n%s" % (code, out), "Error: Exit code %d\n%s" % (code, out), is_error=True)
            elif k == "read":
                path, content = st[1], st[2]
                a = asst({"type": "tool_use", "id": tid, "name": "Read", "input": {"file_path": path}})
                ls = content.split("\n")
                numbered = "\n".join("%6d\u2192%s" % (i + 1, l) for i, l in enumerate(ls))
                result(tid, a["uuid"], numbered, {"type": "text", "file": {"filePath": path, "content": content, "numLines": len(ls), "startLine": 1, "totalLines": len(ls)}})
            elif k == "edit":
                path, old, new = st[1], st[2], st[3]
                a = asst({"type": "tool_use", "id": tid, "name": "Edit", "input": {"file_path": path, "old_string": old, "new_string": new}})
                result(tid, a["uuid"], "The file %s has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n%s" % (path, "\n".join("%6d\u2192%s" % (i + 1, l) for i, l in enumerate(new.split("\n")))),
                       {"filePath": path, "oldString": old, "newString": new, "originalFile": None, "structuredPatch": [{"oldStart": 1, "oldLines": len(old.split("\n")), "newStart": 1, "newLines": len(new.split("\n")), "lines": ["-" + l for l in old.split("\n")] + ["+" + l for l in new.split("\n")]}], "userModified": False, "replaceAll": False})
            elif k == "write":
                path, content = st[1], st[2]
                a = asst({"type": "tool_use", "id": tid, "name": "Write", "input": {"file_path": path, "content": content}})
                result(tid, a["uuid"], "File created successfully at: %s" % path, {"type": "create", "filePath": path, "content": content, "structuredPatch": [], "originalFile": None})
            elif k == "grep":
                pat, path, out = st[1], st[2], st[3]
                a = asst({"type": "tool_use", "id": tid, "name": "Grep", "input": {"pattern": pat, "path": path, "output_mode": "content", "-n": True}})
                n = len([l for l in out.split("\n") if l.strip()])
                result(tid, a["uuid"], out if out else "No matches found", {"mode": "content", "numFiles": len(set(l.split(":")[0] for l in out.split("\n") if l)), "filenames": [], "content": out, "numLines": n})
            elif k == "glob":
                pat, files = st[1], st[2]
                a = asst({"type": "tool_use", "id": tid, "name": "Glob", "input": {"pattern": pat}})
                result(tid, a["uuid"], "\n".join(files) if files else "No files found", {"filenames": files, "durationMs": r.randint(5, 80), "numFiles": len(files), "truncated": False})
            else:
                raise ValueError(k)
    d = env("system")
    d.update({"subtype": "stop_hook_summary", "hookCount": 0, "hookInfos": [], "hookErrors": [], "preventedContinuation": False,
              "stopReason": "", "hasOutput": False, "level": "suggestion", "timestamp": clk.tick(), "uuid": uuid4_from(r), "toolUseID": uuid4_from(r)})
    push(d)
    lines.append({"type": "summary", "summary": story.get("title", story["desc"][:60]), "leafUuid": parent[0]})
    return lines, start_time(story["id"])

# ---------------------------------------------------------------- Codex
def patch_for(kind, path, a, b=None):
    if kind == "write":
        body = "\n".join("+" + l for l in a.split("\n"))
        return "*** Begin Patch\n*** Add File: %s\n%s\n*** End Patch" % (path, body)
    old = "\n".join("-" + l for l in a.split("\n"))
    new = "\n".join("+" + l for l in b.split("\n"))
    return "*** Begin Patch\n*** Update File: %s\n@@\n%s\n%s\n*** End Patch" % (path, old, new)

def render_codex(story, sid):
    r = rng_for(story["id"], "codex")
    t0 = start_time(story["id"]) + datetime.timedelta(minutes=r.randint(20, 300))
    clk = Clock(t0, r)
    cwd = story["cwd"]
    model = story.get("codex_model", r.choice(["gpt-5.3-codex", "gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.4"]))
    turn_id = uuid4_from(r)
    out = []
    def line(typ, payload, ts=None):
        out.append({"timestamp": ts or clk.tick(0.01, 0.3), "type": typ, "payload": payload})
    line("session_meta", {"id": sid, "timestamp": iso(clk.t), "cwd": cwd, "originator": "codex_cli_rs", "cli_version": "0.104.0",
                          "source": "cli", "model_provider": "openai",
                          "git": {"commit_hash": hashlib.sha1(story["id"].encode()).hexdigest(), "branch": story.get("branch", "main"),
                                  "repository_url": story.get("repo_url", "git@github.com:example-org/%s.git" % os.path.basename(cwd))}})
    line("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "<environment_context>\n  <cwd>%s</cwd>\n  <approval_policy>on-request</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n  <shell>bash</shell>\n</environment_context>" % cwd}]})
    line("event_msg", {"type": "task_started", "turn_id": turn_id, "model_context_window": 258400, "collaboration_mode_kind": "default"})
    line("turn_context", {"turn_id": turn_id, "cwd": cwd, "approval_policy": "on-request",
                          "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd], "network_access": False, "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
                          "model": model, "personality": "pragmatic", "effort": "high", "summary": "auto",
                          "truncation_policy": {"mode": "tokens", "limit": 10000}})
    line("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": story["prompt"]}]})
    line("event_msg", {"type": "user_message", "message": story["prompt"], "images": [], "local_images": [], "text_elements": []})
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}
    def tokens():
        last = {"input_tokens": r.randint(9000, 60000), "cached_input_tokens": r.choice([0, 3456, 8832, 21760]),
                "output_tokens": r.randint(40, 900), "reasoning_output_tokens": r.randint(0, 500)}
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot: tot[k] += last[k]
        line("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last, "model_context_window": 258400},
                           "rate_limits": {"limit_id": "codex", "limit_name": None, "primary": {"used_percent": float(r.randint(3, 40)), "window_minutes": 300, "resets_at": 1795000000 + r.randint(0, 90000)},
                                           "secondary": {"used_percent": float(r.randint(1, 20)), "window_minutes": 10080, "resets_at": 1795500000 + r.randint(0, 90000)},
                                           "credits": {"has_credits": False, "unlimited": False, "balance": None}, "plan_type": None}})
    def call_id():
        return "call_" + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(24))
    def execc(cmd, output, code=0):
        cid = call_id()
        line("response_item", {"type": "function_call", "name": "exec_command", "arguments": json.dumps({"cmd": cmd, "workdir": cwd, "yield_time_ms": 10000}), "call_id": cid}, clk.tick(0.5, 4))
        tokens()
        wall = r.uniform(0.05, 9.0)
        line("response_item", {"type": "function_call_output", "call_id": cid,
                               "output": "Exit code: %d\nWall time: %.1f seconds\nOutput:\n%s" % (code, wall, output)}, clk.tick(0.1, wall + 0.2))
    def patch(text, files):
        cid = call_id()
        line("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": cid, "name": "apply_patch", "input": text}, clk.tick(0.5, 4))
        tokens()
        line("response_item", {"type": "custom_tool_call_output", "call_id": cid,
                               "output": json.dumps({"output": "Success. Updated the following files:\n" + "\n".join(files) + "\n", "metadata": {"exit_code": 0, "duration_seconds": round(r.uniform(0.0, 0.2), 1)}})}, clk.tick(0.1, 0.6))
    def rel(p):
        return os.path.relpath(p, cwd) if p.startswith(cwd) else p
    final = ""
    for st in story["steps"]:
        k = st[0]
        if k == "think":
            txt = st[1]
            line("event_msg", {"type": "agent_reasoning", "text": txt}, clk.tick(0.5, 5))
            line("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": txt}], "content": None,
                                   "encrypted_content": "gAAAAAB" + b64blob(r, r.randint(300, 900))})
        elif k == "say":
            line("event_msg", {"type": "agent_message", "message": st[1]}, clk.tick(0.3, 3))
            line("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": st[1]}], "phase": "commentary"})
        elif k == "final":
            final = st[1]
            tokens()
            line("event_msg", {"type": "agent_message", "message": final}, clk.tick(1, 6))
            line("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": final}], "phase": "final_answer"})
        elif k == "bash":
            execc(st[1], st[2], st[3] if len(st) > 3 else 0)
        elif k == "read":
            n = len(st[2].split("\n"))
            execc("sed -n '1,%dp' %s" % (max(200, n), rel(st[1])), st[2], 0)
        elif k == "grep":
            execc("rg -n %s %s" % (json.dumps(st[1]), rel(st[2]) or "."), st[3], 0 if st[3] else 1)
        elif k == "glob":
            execc("rg --files -g %s" % json.dumps(st[1]), "\n".join(st[2]), 0 if st[2] else 1)
        elif k == "edit":
            patch(patch_for("update", rel(st[1]), st[2], st[3]), ["M " + rel(st[1])])
        elif k == "write":
            patch(patch_for("write", rel(st[1]), st[2]), ["A " + rel(st[1])])
        else:
            raise ValueError(k)
    tokens()
    line("event_msg", {"type": "task_complete", "turn_id": turn_id, "last_agent_message": final})
    return out, t0
