"""Renderers: one story -> Claude Code session JSONL and Codex CLI rollout JSONL.

Story step kinds (tuples):
  ("user", text)                      user prompt (starts a new turn)
  ("think", text)                     reasoning
  ("say", text)                       interim assistant text
  ("bash", cmd, output, exit_code)    shell command
  ("read", path, content)             file read
  ("edit", path, old, new)            file edit
  ("write", path, content)            file write / create
  ("grep", pattern, path, output)     content search
  ("glob", pattern, [files])          file glob
  ("final", text)                     final assistant message of the turn
"""
import json, random, uuid, datetime, hashlib, base64, os, re

def rng_for(story_id, salt):
    return random.Random(hashlib.sha256((story_id + "|" + salt).encode()).hexdigest())

def uuid4_from(r):
    return str(uuid.UUID(int=r.getrandbits(128), version=4))

def b64(r, n):
    return base64.b64encode(bytes(r.getrandbits(8) for _ in range(n))).decode()

def alnum(r, n):
    a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(r.choice(a) for _ in range(n))

def start_time(story_id, fmt):
    r = rng_for(story_id, "start")
    day = r.randint(15, 29)
    base = datetime.datetime(2026, 11, day, r.randint(7, 21), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999) * 1000)
    if fmt == "codex":
        base += datetime.timedelta(minutes=r.randint(3, 600))
        if base.day > 29:
            base -= datetime.timedelta(hours=14)
    return base

class Clock:
    def __init__(self, t0, r):
        self.t = t0; self.r = r
    def tick(self, lo=0.05, hi=0.4):
        self.t += datetime.timedelta(milliseconds=int(self.r.uniform(lo, hi) * 1000))
        return self.iso()
    def iso(self):
        return self.t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (self.t.microsecond // 1000)

def encode_cwd(cwd):
    return re.sub(r"[^A-Za-z0-9]", "-", cwd)

def numbered(content):
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    return "\n".join("%6d\u2192%s" % (i + 1, l) for i, l in enumerate(lines))

def bash_desc(cmd):
    c = cmd.strip().split("\n")[0]
    return (c[:60] + "...") if len(c) > 60 else c

# --------------------------------------------------------------------------- Claude Code
def render_cc(story):
    sid_r = rng_for(story["id"], "cc-session")
    sid = uuid4_from(sid_r)
    r = rng_for(story["id"], "cc-body")
    clk = Clock(start_time(story["id"], "cc"), r)
    cwd = story["cwd"]
    mr = rng_for(story["id"], "cc-model")
    model = story.get("cc_model", mr.choice(["claude-opus-4-6", "claude-opus-4-6", "claude-sonnet-4-5-20250929", "claude-sonnet-4-6"]))
    story = dict(story, cc_version=story.get("cc_version", mr.choice(["2.1.59", "2.1.63", "2.1.72", "2.1.72"])))
    env = {"isSidechain": False, "userType": "external", "cwd": cwd, "sessionId": sid,
           "version": story.get("cc_version", "2.1.72"), "gitBranch": story.get("branch", "main")}
    slug = "-".join(r.choice(["quiet", "amber", "sprouting", "lucky", "brisk", "woven", "steady", "polar", "glowing", "tidy"]) for _ in range(2)) + "-" + r.choice(["ocean", "falcon", "meadow", "harbor", "lantern", "summit", "willow"])
    out = []
    parent = [None]
    state = {"msg": None, "req": None, "usage": None, "in_tok": r.randint(9000, 20000)}

    def line(d):
        out.append(d)
        if "uuid" in d:
            parent[0] = d["uuid"]

    def new_msg():
        state["msg"] = "msg_01" + alnum(r, 22)
        state["req"] = "req_011C" + alnum(r, 20)
        state["in_tok"] += r.randint(200, 3000)
        cr = r.randint(1000, 6000)
        state["usage"] = {"input_tokens": r.randint(3, 40), "cache_creation_input_tokens": cr,
                          "cache_read_input_tokens": state["in_tok"],
                          "cache_creation": {"ephemeral_5m_input_tokens": cr, "ephemeral_1h_input_tokens": 0},
                          "output_tokens": r.randint(20, 900), "service_tier": "standard"}

    def asst(block, stop=None, lo=0.3, hi=4.0):
        if state["msg"] is None:
            new_msg()
        u = uuid4_from(r)
        d = dict(parentUuid=parent[0], **env)
        d["slug"] = slug
        d["message"] = {"model": model, "id": state["msg"], "type": "message", "role": "assistant",
                        "content": [block], "stop_reason": stop, "stop_sequence": None, "usage": state["usage"]}
        d["requestId"] = state["req"]
        d["type"] = "assistant"
        d["uuid"] = u
        d["timestamp"] = clk.tick(lo, hi)
        line(d)
        return u

    def tool(name, inp, result_text, tur, is_error=False, lo=0.2, hi=3.0):
        tid = "toolu_01" + alnum(r, 22)
        au = asst({"type": "tool_use", "id": tid, "name": name, "input": inp})
        u = uuid4_from(r)
        block = {"tool_use_id": tid, "type": "tool_result", "content": result_text}
        block["is_error"] = is_error
        d = dict(parentUuid=parent[0], **env)
        d["slug"] = slug
        d["type"] = "user"
        d["message"] = {"role": "user", "content": [block]}
        d["uuid"] = u
        d["timestamp"] = clk.tick(lo, hi)
        d["toolUseResult"] = tur
        d["sourceToolAssistantUUID"] = au
        line(d)
        state["msg"] = None

    first = True
    for step in story["steps"]:
        k = step[0]
        if k == "user":
            u = uuid4_from(r)
            ts = clk.tick(5, 90) if not first else clk.iso()
            out.append({"type": "file-history-snapshot", "messageId": u,
                        "snapshot": {"messageId": u, "trackedFileBackups": {}, "timestamp": ts},
                        "isSnapshotUpdate": False})
            d = dict(parentUuid=parent[0], **env)
            if not first:
                d["slug"] = slug
            d["type"] = "user"
            d["message"] = {"role": "user", "content": step[1]}
            d["uuid"] = u
            d["timestamp"] = ts
            state["turn_start"] = clk.t
            d["thinkingMetadata"] = {"level": "high", "disabled": False, "triggers": []}
            d["todos"] = []
            line(d)
            first = False
            state["msg"] = None
        elif k == "think":
            asst({"type": "thinking", "thinking": step[1], "signature": b64(r, 180)}, lo=1.0, hi=8.0)
        elif k == "say":
            asst({"type": "text", "text": step[1]})
        elif k == "bash":
            cmd, output, code = step[1], step[2], step[3]
            inp = {"command": cmd, "description": step[4] if len(step) > 4 else bash_desc(cmd)}
            if code == 0:
                tool("Bash", inp, output, {"stdout": output, "stderr": "", "interrupted": False, "isImage": False})
            else:
                txt = "Exit code %d\n%s" % (code, output)
                tool("Bash", inp, txt, "Error: " + txt, is_error=True)
        elif k == "read":
            path, content = step[1], step[2]
            n = len(content.rstrip("\n").split("\n"))
            tool("Read", {"file_path": path}, numbered(content),
                 {"type": "text", "file": {"filePath": path, "content": content, "numLines": n, "startLine": 1, "totalLines": n}})
        elif k == "edit":
            path, old, new = step[1], step[2], step[3]
            tool("Edit", {"file_path": path, "old_string": old, "new_string": new, "replace_all": False},
                 "The file %s has been updated successfully." % path,
                 {"filePath": path, "oldString": old, "newString": new, "originalFile": None,
                  "structuredPatch": [], "userModified": False, "replaceAll": False})
        elif k == "write":
            path, content = step[1], step[2]
            tool("Write", {"file_path": path, "content": content}, "File created successfully at: %s" % path,
                 {"type": "create", "filePath": path, "content": content, "structuredPatch": [], "originalFile": None})
        elif k == "grep":
            pat, path, output = step[1], step[2], step[3]
            files = [l.split(":")[0] for l in output.split("\n") if l]
            tool("Grep", {"pattern": pat, "path": path, "output_mode": "content", "-n": True}, output or "No matches found",
                 {"mode": "content", "numFiles": len(set(files)), "filenames": [], "content": output, "numLines": len(files)})
        elif k == "glob":
            pat, files = step[1], step[2]
            tool("Glob", {"pattern": pat}, "\n".join(files) or "No files found",
                 {"filenames": files, "durationMs": r.randint(5, 120), "numFiles": len(files), "truncated": False})
        elif k == "final":
            new_msg()
            asst({"type": "text", "text": step[1]}, stop="end_turn")
            state["msg"] = None
            d = dict(parentUuid=parent[0], **env)
            d["slug"] = slug
            ts = clk.tick(0.05, 0.3)
            dur = int((clk.t - state["turn_start"]).total_seconds() * 1000)
            d.update({"type": "system", "subtype": "turn_duration", "durationMs": dur,
                      "isMeta": False, "timestamp": ts, "uuid": uuid4_from(r)})
            line(d)
        else:
            raise ValueError(k)
    path = os.path.join("dev-g-cc", encode_cwd(cwd), sid + ".jsonl")
    return sid, path, out

# --------------------------------------------------------------------------- Codex
PERMS = ("<permissions instructions>\nFilesystem sandboxing defines which files can be read or written. "
         "`sandbox_mode` is `workspace-write`: The sandbox permits reading files, and editing files in `cwd` and `writable_roots`. "
         "Editing files in other directories requires approval. Network access is restricted.\n"
         "Approval policy is currently on-request.\n</permissions instructions>")

def patch_update(path, old, new):
    o = ["-" + l for l in old.split("\n")]
    n = ["+" + l for l in new.split("\n")]
    return "*** Begin Patch\n*** Update File: %s\n@@\n%s\n%s\n*** End Patch" % (path, "\n".join(o), "\n".join(n))

def patch_add(path, content):
    body = "\n".join("+" + l for l in content.rstrip("\n").split("\n"))
    return "*** Begin Patch\n*** Add File: %s\n%s\n*** End Patch" % (path, body)

def rel(cwd, path):
    if path.startswith(cwd.rstrip("/") + "/"):
        return path[len(cwd.rstrip("/")) + 1:]
    return path

def render_codex(story):
    sid = uuid4_from(rng_for(story["id"], "codex-session"))
    r = rng_for(story["id"], "codex-body")
    t0 = start_time(story["id"], "codex")
    clk = Clock(t0, r)
    cwd = story["cwd"]
    mr = rng_for(story["id"], "codex-model")
    model = story.get("codex_model", mr.choice(["gpt-5.3-codex", "gpt-5.3-codex", "gpt-5.2-codex"]))
    story = dict(story, codex_version=story.get("codex_version", mr.choice(["0.104.0", "0.112.0", "0.118.0"])))
    out = []
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}
    resets = int(t0.replace(tzinfo=datetime.timezone.utc).timestamp()) + 9000

    def L(typ, payload, lo=0.001, hi=0.02):
        out.append({"timestamp": clk.tick(lo, hi), "type": typ, "payload": payload})

    def tokens():
        last = {"input_tokens": r.randint(15000, 60000), "cached_input_tokens": r.randint(2000, 14000) // 128 * 128,
                "output_tokens": r.randint(40, 900), "reasoning_output_tokens": r.randint(0, 400)}
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot:
            tot[k] += last[k]
        L("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last,
                        "model_context_window": 258400},
                        "rate_limits": {"limit_id": "codex", "limit_name": None,
                                        "primary": {"used_percent": float(r.randint(3, 60)), "window_minutes": 300, "resets_at": resets},
                                        "secondary": {"used_percent": float(r.randint(1, 30)), "window_minutes": 10080, "resets_at": resets + 400000},
                                        "credits": {"has_credits": False, "unlimited": False, "balance": None}, "plan_type": None}})

    L("session_meta", {"id": sid, "timestamp": clk.iso(), "cwd": cwd, "originator": "codex_cli_rs",
                       "cli_version": story.get("codex_version", "0.118.0"), "source": "cli", "model_provider": "openai",
                       "base_instructions": {"text": "You are Codex, a coding agent based on GPT-5. You and the user share the same workspace and collaborate to achieve the user's goals."},
                       "git": {"commit_hash": hashlib.sha1(story["id"].encode()).hexdigest(), "branch": story.get("branch", "main"),
                               "repository_url": story.get("repo_url", "git@github.com:example-org/%s.git" % cwd.rstrip("/").split("/")[-1])}})
    L("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": PERMS}]})
    L("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text":
        "<environment_context>\n  <cwd>%s</cwd>\n  <approval_policy>on-request</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n  <shell>bash</shell>\n</environment_context>" % cwd}]})
    turn = [None]
    last_msg = [""]

    def end_turn():
        if turn[0]:
            L("event_msg", {"type": "task_complete", "turn_id": turn[0], "last_agent_message": last_msg[0]}, 0.01, 0.1)
            turn[0] = None

    def call(cmd, output, code):
        cid = "call_" + alnum(r, 24)
        L("response_item", {"type": "function_call", "name": "exec_command",
                            "arguments": json.dumps({"cmd": cmd, "workdir": cwd, "yield_time_ms": 10000}), "call_id": cid}, 0.5, 3.0)
        tokens()
        wall = r.uniform(0.05, 6.0)
        L("response_item", {"type": "function_call_output", "call_id": cid,
                            "output": "Exit code: %d\nWall time: %.1f seconds\nOutput:\n%s" % (code, wall, output)}, 0.1, wall + 0.2)

    def patch(text, files):
        cid = "call_" + alnum(r, 24)
        L("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": cid, "name": "apply_patch", "input": text}, 0.5, 4.0)
        tokens()
        L("response_item", {"type": "custom_tool_call_output", "call_id": cid,
                            "output": json.dumps({"output": "Success. Updated the following files:\n" + "\n".join(files) + "\n",
                                                  "metadata": {"exit_code": 0, "duration_seconds": round(r.uniform(0.0, 0.3), 1)}})}, 0.05, 0.4)

    for step in story["steps"]:
        k = step[0]
        if k == "user":
            end_turn()
            turn[0] = uuid4_from(r)
            L("event_msg", {"type": "task_started", "turn_id": turn[0], "model_context_window": 258400,
                            "collaboration_mode_kind": "default"}, 5, 90)
            L("turn_context", {"turn_id": turn[0], "cwd": cwd, "approval_policy": "on-request",
                               "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd], "network_access": False,
                                                  "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
                               "model": model, "personality": "pragmatic", "effort": "high", "summary": "auto",
                               "truncation_policy": {"mode": "tokens", "limit": 10000}})
            L("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": step[1]}]})
            L("event_msg", {"type": "user_message", "message": step[1], "images": [], "local_images": [], "text_elements": []})
        elif k == "think":
            L("event_msg", {"type": "agent_reasoning", "text": step[1]}, 1.0, 9.0)
            L("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": step[1]}],
                                "content": None, "encrypted_content": "gAAAAAB" + b64(r, 240)})
        elif k == "say":
            L("event_msg", {"type": "agent_message", "message": step[1]}, 0.3, 2.0)
            L("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": step[1]}], "phase": "commentary"})
        elif k == "bash":
            call(step[1], step[2], step[3])
        elif k == "read":
            path, content = step[1], step[2]
            call("sed -n '1,220p' %s" % rel(cwd, path), content.rstrip("\n"), 0)
        elif k == "grep":
            pat, path, output = step[1], step[2], step[3]
            call("rg -n %s %s" % (json.dumps(pat), rel(cwd, path) or "."), output, 0 if output else 1)
        elif k == "glob":
            pat, files = step[1], step[2]
            call("rg --files -g %s" % json.dumps(pat), "\n".join(rel(cwd, f) for f in files), 0 if files else 1)
        elif k == "edit":
            patch(patch_update(rel(cwd, step[1]), step[2], step[3]), ["M " + rel(cwd, step[1])])
        elif k == "write":
            patch(patch_add(rel(cwd, step[1]), step[2]), ["A " + rel(cwd, step[1])])
        elif k == "final":
            tokens()
            L("event_msg", {"type": "agent_message", "message": step[1]}, 1.0, 6.0)
            L("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": step[1]}], "phase": "final_answer"})
            last_msg[0] = step[1]
            tokens()
        else:
            raise ValueError(k)
    end_turn()
    ts = t0.strftime("%Y-%m-%dT%H-%M-%S")
    path = os.path.join("dev-g-codex", t0.strftime("%Y"), t0.strftime("%m"), t0.strftime("%d"),
                        "rollout-%s-%s.jsonl" % (ts, sid))
    return sid, path, out
