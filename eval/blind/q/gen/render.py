"""Render stories into Claude Code session files and Codex rollout files (deterministic)."""
import base64
import datetime as dt
import hashlib
import json
import random
import re
import uuid

BASE = dt.datetime(2026, 11, 15, 1, 0, 0, tzinfo=dt.timezone.utc)


def dumps(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))


def story_index(sid):
    return int(sid.split("-")[1])


class Clock:
    def __init__(self, rng, start):
        self.rng = rng
        self.t = start

    def tick(self, lo=0.05, hi=1.5):
        self.t += dt.timedelta(milliseconds=int(self.rng.uniform(lo, hi) * 1000))
        return self.t

    def s(self):
        return self.t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (self.t.microsecond // 1000)


def uuid4(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def b62(rng, n):
    a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(a) for _ in range(n))


def start_time(sid, fmt):
    i = story_index(sid)
    rng = random.Random("start:%s:%s" % (sid, fmt))
    base = BASE + dt.timedelta(hours=6 * (i - 1))
    return base + dt.timedelta(seconds=rng.randint(0, 4 * 3600), milliseconds=rng.randint(0, 999))


def header_of(text):
    first = re.split(r"(?<=[.?!])\s", text.strip())[0]
    words = re.sub(r"[`*#\n]", " ", first).split()
    h = " ".join(words[:6]).rstrip(".,:;?!")
    return h[:1].upper() + h[1:]


def turns(steps):
    """Split steps into turns: [(prompt, [steps...]), ...]."""
    out = []
    for st in steps:
        if st[0] == "user":
            out.append((st[1], []))
        else:
            out[-1][1].append(st)
    return out


def messages(tsteps):
    """Group a turn's agent steps into model responses: each ends at a tool call or at the end."""
    groups, cur = [], []
    for st in tsteps:
        cur.append(st)
        if st[0] in ("bash", "read", "edit", "write"):
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return groups


def numbered(content):
    lines = content.split("\n")
    if content.endswith("\n"):
        lines = lines[:-1]
    return "\n".join("%6d\u2192%s" % (i + 1, l) for i, l in enumerate(lines)) + "\n"


def abspath(cwd, p):
    return p if p.startswith("/") or p.startswith("~") else cwd.rstrip("/") + "/" + p


def encode_cwd(cwd):
    return re.sub(r"[^A-Za-z0-9]", "-", cwd)


# ---------------------------------------------------------------- Claude Code
def render_cc(story, files_state=None):
    sid = story["id"]
    rng = random.Random("%s:claude_code" % sid)
    session = uuid4(rng)
    clk = Clock(rng, start_time(sid, "claude_code"))
    cwd = story["cwd"]
    version = rng.choice(["2.0.76", "2.1.31", "2.1.52", "2.1.63"])
    model = story["cc_model"]
    files = dict(files_state or {})
    lines = []
    env = lambda parent: {"parentUuid": parent, "isSidechain": False, "userType": "external", "cwd": cwd,
                          "sessionId": session, "version": version, "gitBranch": story["branch"]}
    parent = None
    cache_read = rng.randint(11000, 16000)
    for ti, (prompt, tsteps) in enumerate(turns(story["steps"])):
        if ti:
            clk.tick(20, 240)
        uid = uuid4(rng)
        ts = clk.s()
        lines.append({"type": "file-history-snapshot", "messageId": uid,
                      "snapshot": {"messageId": uid, "trackedFileBackups": {}, "timestamp": ts},
                      "isSnapshotUpdate": False})
        rec = env(parent)
        rec.update({"type": "user", "message": {"role": "user", "content": prompt}, "uuid": uid, "timestamp": ts,
                    "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []}, "todos": []})
        lines.append(rec)
        parent = uid
        groups = messages(tsteps)
        for gi, grp in enumerate(groups):
            msg_id = "msg_01" + b62(rng, 22)
            req_id = "req_011C" + b62(rng, 20)
            out_toks = rng.randint(40, 900)
            inp = rng.randint(3, 14)
            cc = rng.randint(40, 2600)
            usage = {"input_tokens": inp, "cache_creation_input_tokens": cc, "cache_read_input_tokens": cache_read,
                     "cache_creation": {"ephemeral_5m_input_tokens": cc, "ephemeral_1h_input_tokens": 0},
                     "output_tokens": out_toks, "service_tier": "standard"}
            cache_read += cc
            clk.tick(1.5, 9)
            pending = None
            for bi, st in enumerate(grp):
                last = bi == len(grp) - 1
                kind = st[0]
                if kind == "think":
                    block = {"type": "thinking", "thinking": st[1],
                             "signature": "Ep" + base64.b64encode(hashlib.sha256((sid + st[1]).encode()).digest() * 6).decode()}
                elif kind == "text":
                    block = {"type": "text", "text": st[1]}
                else:
                    tid = "toolu_01" + b62(rng, 22)
                    if kind == "bash":
                        inputs = {"command": st[1], "description": st[4] or describe(st[1])}
                        if st[5] and st[5] > 100:
                            inputs["timeout"] = 600000
                        name = "Bash"
                    elif kind == "read":
                        inputs = {"file_path": abspath(cwd, st[1])}
                        name = "Read"
                    elif kind == "edit":
                        inputs = {"file_path": abspath(cwd, st[1]), "old_string": st[2], "new_string": st[3],
                                  "replace_all": False}
                        name = "Edit"
                    else:
                        inputs = {"file_path": abspath(cwd, st[1]), "content": st[2]}
                        name = "Write"
                    block = {"type": "tool_use", "id": tid, "name": name, "input": inputs}
                    pending = (tid, st)
                stop = None
                if last:
                    stop = "tool_use" if pending else ("end_turn" if gi == len(groups) - 1 else None)
                aid = uuid4(rng)
                rec = env(parent)
                rec.update({"message": {"model": model, "id": msg_id, "type": "message", "role": "assistant",
                                        "content": [block], "stop_reason": stop, "stop_sequence": None,
                                        "usage": usage},
                            "requestId": req_id, "type": "assistant", "uuid": aid, "timestamp": clk.s()})
                lines.append(rec)
                parent = aid
                clk.tick(0.05, 0.4)
            if pending:
                tid, st = pending
                kind = st[0]
                secs = st[5] if kind == "bash" and st[5] else None
                clk.tick(0.2, 3 if not secs else secs)
                content, tur, is_err = cc_result(cwd, st, files)
                rid = uuid4(rng)
                rec = env(parent)
                blk = {"tool_use_id": tid, "type": "tool_result", "content": content}
                if is_err is not None:
                    blk["is_error"] = is_err
                rec.update({"type": "user", "message": {"role": "user", "content": [blk]}, "uuid": rid,
                            "timestamp": clk.s(), "toolUseResult": tur, "sourceToolAssistantUUID": parent})
                lines.append(rec)
                parent = rid
        # stop hook summary after each finished turn
        clk.tick(0.2, 0.6)
        sidu = uuid4(rng)
        rec = env(parent)
        rec.update({"type": "system", "subtype": "stop_hook_summary", "hookCount": 1,
                    "hookInfos": [{"command": "\"$CLAUDE_PROJECT_DIR\"/.claude/hooks/stop.sh"}], "hookErrors": [],
                    "preventedContinuation": False, "stopReason": "", "hasOutput": False, "level": "suggestion",
                    "timestamp": clk.s(), "uuid": sidu, "toolUseID": uuid4(rng)})
        lines.append(rec)
        parent = sidu
    path = "landing/q-cc/%s/%s.jsonl" % (encode_cwd(cwd), session)
    return path, session, "".join(dumps(l) + "\n" for l in lines)


def describe(cmd):
    c = cmd.strip().split()[0] if cmd.strip() else "cmd"
    table = {"ls": "List files", "cat": "Show file contents", "git": "Run git command", "pytest": "Run tests",
             "python3": "Run Python", "python": "Run Python", "grep": "Search files", "rg": "Search files",
             "make": "Build project", "npm": "Run npm script", "cargo": "Run cargo", "rm": "Remove files",
             "find": "Find files", "curl": "HTTP request", "sed": "Show file lines", "cd": "Run in directory",
             "head": "Show file head", "diff": "Compare files", "sqlite3": "Query database", "node": "Run node",
             "sudo": "Run with sudo", "cmake": "Configure build", "ctest": "Run tests", "go": "Run go"}
    return table.get(c, "Run shell command")


def cc_result(cwd, st, files):
    kind = st[0]
    if kind == "bash":
        out, rc = st[2], st[3]
        if rc:
            return "Exit code %d\n%s" % (rc, out), "Error: Exit code %d\n%s" % (rc, out), True
        return out, {"stdout": out, "stderr": "", "interrupted": False, "isImage": False}, False
    if kind == "read":
        p = abspath(cwd, st[1])
        c = st[2]
        n = len(c.split("\n")) - (1 if c.endswith("\n") else 0)
        files[p] = c
        return numbered(c), {"type": "text", "file": {"filePath": p, "content": c, "numLines": n, "startLine": 1,
                                                      "totalLines": n}}, None
    if kind == "edit":
        p = abspath(cwd, st[1])
        orig = files.get(p)
        if orig is not None and st[2] in orig:
            files[p] = orig.replace(st[2], st[3], 1)
        ol, nl = st[2].split("\n"), st[3].split("\n")
        hunk = {"oldStart": 1, "oldLines": len(ol), "newStart": 1, "newLines": len(nl),
                "lines": ["-" + l for l in ol] + ["+" + l for l in nl]}
        return ("The file %s has been updated successfully." % p,
                {"filePath": p, "oldString": st[2], "newString": st[3], "originalFile": orig,
                 "structuredPatch": [hunk], "userModified": False, "replaceAll": False}, None)
    p = abspath(cwd, st[1])
    existed = p in files
    files[p] = st[2]
    if existed:
        return ("The file %s has been updated successfully." % p,
                {"type": "update", "filePath": p, "content": st[2], "structuredPatch": [], "originalFile": None}, None)
    return ("File created successfully at: %s" % p,
            {"type": "create", "filePath": p, "content": st[2], "structuredPatch": [], "originalFile": None}, None)


# ---------------------------------------------------------------- Codex
DEV_TEXT = ("<permissions instructions>Filesystem sandboxing defines which files can be read or written. "
            "sandbox_mode is `workspace-write`: The sandbox permits reading files, and editing files in `cwd` and "
            "`writable_roots`. Network access is restricted. Approval policy is `on-request`: commands will be run in "
            "the sandbox; escalate with `sandbox_permissions` when a command needs it.</permissions instructions>")


def render_cx(story):
    sid = story["id"]
    rng = random.Random("%s:codex" % sid)
    session = uuid4(rng)
    st0 = start_time(sid, "codex")
    clk = Clock(rng, st0)
    cwd = story["cwd"]
    model = story["cx_model"]
    out = []

    def emit(typ, payload):
        out.append({"timestamp": clk.s(), "type": typ, "payload": payload})

    repo = story.get("repo") or "git@github.example:%s.git" % cwd.rstrip("/").split("/")[-1]
    emit("session_meta", {"id": session, "timestamp": clk.s(), "cwd": cwd, "originator": "codex_cli_rs",
                          "cli_version": "0.104.0", "source": "cli", "model_provider": "openai",
                          "git": {"commit_hash": hashlib.sha1(sid.encode()).hexdigest(), "branch": story["branch"],
                                  "repository_url": repo}})
    clk.tick(0.001, 0.003)
    emit("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": DEV_TEXT}]})
    emit("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text":
         "<environment_context>\n  <cwd>%s</cwd>\n  <shell>bash</shell>\n</environment_context>" % cwd}]})
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0,
           "total_tokens": 0}
    used = rng.uniform(1, 40)
    net = any(st[0] == "bash" and re.search(r"\b(curl|wget|pip install|npm install|git push|git fetch|scp|ssh|git clone)\b", st[1])
              for st in story["steps"])

    def tokens():
        nonlocal used
        last = {"input_tokens": rng.randint(9000, 40000), "cached_input_tokens": rng.randint(2000, 8000) // 128 * 128,
                "output_tokens": rng.randint(60, 900), "reasoning_output_tokens": rng.randint(0, 400)}
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot:
            tot[k] += last[k]
        used = min(99.0, used + rng.uniform(0, 1.5))
        emit("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last,
                                                           "model_context_window": 258400},
                           "rate_limits": {"limit_id": "codex", "limit_name": None,
                                           "primary": {"used_percent": round(used, 1), "window_minutes": 300,
                                                       "resets_at": int(st0.timestamp()) + 14400},
                                           "secondary": None, "credits": None, "plan_type": None}})

    known = {}
    for ti, (prompt, tsteps) in enumerate(turns(story["steps"])):
        if ti:
            clk.tick(20, 240)
        turn_id = uuid4(rng)
        emit("event_msg", {"type": "task_started", "turn_id": turn_id, "model_context_window": 258400,
                           "collaboration_mode_kind": "default"})
        emit("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": prompt}]})
        emit("event_msg", {"type": "user_message", "message": prompt, "images": [], "local_images": [],
                           "text_elements": []})
        clk.tick(0.003, 0.01)
        emit("turn_context", {"turn_id": turn_id, "cwd": cwd, "approval_policy": "on-request",
                              "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd],
                                                 "network_access": net, "exclude_tmpdir_env_var": False,
                                                 "exclude_slash_tmp": False},
                              "model": model, "effort": "high", "summary": "auto",
                              "truncation_policy": {"mode": "tokens", "limit": 10000}})
        clk.tick(0.3, 0.8)
        emit("event_msg", {"type": "token_count", "info": None,
                           "rate_limits": {"limit_id": "codex", "limit_name": None,
                                           "primary": {"used_percent": round(used, 1), "window_minutes": 300,
                                                       "resets_at": int(st0.timestamp()) + 14400},
                                           "secondary": None, "credits": None, "plan_type": None}})
        groups = messages(tsteps)
        final_text = ""
        for gi, grp in enumerate(groups):
            clk.tick(1.5, 9)
            is_last_group = gi == len(groups) - 1
            for st in grp:
                kind = st[0]
                if kind == "think":
                    h = st[2] or header_of(st[1])
                    summ = "**%s**\n\n%s" % (h, st[1])
                    emit("event_msg", {"type": "agent_reasoning", "text": summ})
                    clk.tick(0.001, 0.002)
                    emit("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": summ}],
                                           "content": None, "encrypted_content": "gAAAAABp" + base64.b64encode(
                                               hashlib.sha512((sid + st[1]).encode()).digest() * 3).decode()})
                elif kind == "text":
                    final = is_last_group and st is grp[-1]
                    clk.tick(0.5, 3)
                    emit("event_msg", {"type": "agent_message", "message": st[1]})
                    clk.tick(0.001, 0.002)
                    emit("response_item", {"type": "message", "role": "assistant",
                                           "content": [{"type": "output_text", "text": st[1]}],
                                           "phase": "final_answer" if final else "commentary"})
                    if final:
                        final_text = st[1]
                else:
                    clk.tick(0.01, 0.3)
                    call_id = "call_" + b62(rng, 24)
                    if kind in ("bash", "read"):
                        if kind == "bash":
                            cmd, res, rc = st[1], st[2], st[3]
                        else:
                            cmd, res, rc = "sed -n '1,220p' %s" % st[1], st[2], 0
                            known[st[1]] = st[2]
                        args = {"cmd": cmd, "workdir": cwd}
                        if kind == "bash" and st[5] and st[5] > 100:
                            args["yield_time_ms"] = 600000
                        emit("response_item", {"type": "function_call", "name": "exec_command",
                                               "arguments": dumps(args), "call_id": call_id})
                        tokens()
                        wall = (st[5] if kind == "bash" and st[5] else rng.uniform(0.02, 2.5))
                        clk.tick(0.05, 0.2)
                        clk.t += dt.timedelta(seconds=wall)
                        emit("response_item", {"type": "function_call_output", "call_id": call_id,
                                               "output": "Exit code: %d\nWall time: %.1f seconds\nOutput:\n%s" % (
                                                   rc, wall, res)})
                    else:
                        prev = known.get(st[1])
                        patch = cx_patch(st, prev)
                        if st[0] == "edit" and prev is not None and st[2] in prev:
                            known[st[1]] = prev.replace(st[2], st[3], 1)
                        elif st[0] == "write":
                            known[st[1]] = st[2]
                        emit("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": call_id,
                                               "name": "apply_patch", "input": patch})
                        tokens()
                        clk.tick(0.1, 1.2)
                        verb = "M" if kind == "edit" or prev is not None else "A"
                        emit("response_item", {"type": "custom_tool_call_output", "call_id": call_id,
                                               "output": "Exit code: 0\nWall time: 0.0 seconds\nOutput:\nSuccess. Updated the following files:\n%s %s\n" % (verb, st[1])})
        clk.tick(0.01, 0.05)
        tokens()
        clk.tick(0.001, 0.01)
        emit("event_msg", {"type": "task_complete", "turn_id": turn_id, "last_agent_message": final_text})
    first = st0
    path = "landing/q-codex/%04d/%02d/%02d/rollout-%s-%s.jsonl" % (
        first.year, first.month, first.day, first.strftime("%Y-%m-%dT%H-%M-%S"), session)
    return path, session, "".join(dumps(l) + "\n" for l in out)


def _strip(c):
    return c[:-1] if c.endswith("\n") else c


def cx_patch(st, prev=None):
    if st[0] == "edit":
        body = "\n".join(["-" + l for l in st[2].split("\n")] + ["+" + l for l in st[3].split("\n")])
        return "*** Begin Patch\n*** Update File: %s\n@@\n%s\n*** End Patch" % (st[1], body)
    if prev is not None:
        body = "\n".join(["-" + l for l in _strip(prev).split("\n")] + ["+" + l for l in _strip(st[2]).split("\n")])
        return "*** Begin Patch\n*** Update File: %s\n@@\n%s\n*** End Patch" % (st[1], body)
    c = st[2][:-1] if st[2].endswith("\n") else st[2]
    body = "\n".join("+" + l for l in c.split("\n"))
    return "*** Begin Patch\n*** Add File: %s\n%s\n*** End Patch" % (st[1], body)
