"""Render DSL stories into Claude Code session JSONL and Codex rollout JSONL."""
import base64, datetime, hashlib, json, os, random, re, uuid

CC_VERSION = "2.0.76"
CODEX_VERSION = "0.104.0"

def sid_for(story_id, fmt):
    r = random.Random(f"{story_id}:{fmt}")
    return str(uuid.UUID(int=r.getrandbits(128), version=4))

def _uuid(r):
    return str(uuid.UUID(int=r.getrandbits(128), version=4))

def _b64(r, n):
    return base64.b64encode(bytes(r.getrandbits(8) for _ in range(n))).decode()

def _alnum(r, n):
    a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(r.choice(a) for _ in range(n))

def _ts(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"

def start_time(story_id):
    r = random.Random(f"{story_id}:start")
    base = datetime.datetime(2026, 11, 15, 7, 0, 0)
    day = r.randrange(0, 15)
    sec = r.randrange(0, 12 * 3600)
    return base + datetime.timedelta(days=day, seconds=sec, milliseconds=r.randrange(1000))

class Clock:
    def __init__(self, t, r):
        self.t, self.r = t, r
    def tick(self, lo=0.05, hi=0.4):
        self.t += datetime.timedelta(milliseconds=int(self.r.uniform(lo, hi) * 1000))
        return _ts(self.t)

def abspath(cwd, p):
    if p.startswith("/") or p.startswith("~"):
        return p
    return cwd.rstrip("/") + "/" + p

def relpath(cwd, p):
    if p.startswith(cwd.rstrip("/") + "/"):
        return p[len(cwd.rstrip("/")) + 1:]
    return p

def enc_cwd(cwd):
    return re.sub(r"[^A-Za-z0-9]", "-", cwd)

# ---------------------------------------------------------------- Claude Code
def render_claude(story):
    sid = sid_for(story["id"], "claude_code")
    r = random.Random(f"{story['id']}:cc:body")
    clk = Clock(start_time(story["id"]), r)
    cwd, model = story["cwd"], story.get("model") or "claude-opus-4-6"
    env = {"isSidechain": False, "userType": "external", "cwd": cwd, "sessionId": sid,
           "version": CC_VERSION, "gitBranch": story.get("branch", "main")}
    lines = []
    parent = [None]

    def emit(rec):
        lines.append(rec)

    def env_rec(**kw):
        d = {"parentUuid": parent[0]}
        d.update(env)
        d.update(kw)
        return d

    def assistant_msg(blocks, final):
        mid = "msg_01" + _alnum(r, 22)
        req = "req_011C" + _alnum(r, 20)
        usage = {"input_tokens": r.randrange(3, 14), "cache_creation_input_tokens": r.randrange(50, 4000),
                 "cache_read_input_tokens": r.randrange(12000, 90000),
                 "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                 "output_tokens": r.randrange(20, 900), "service_tier": "standard"}
        usage["cache_creation"]["ephemeral_5m_input_tokens"] = usage["cache_creation_input_tokens"]
        uuids = []
        for i, b in enumerate(blocks):
            last = i == len(blocks) - 1
            stop = None
            if last:
                stop = "end_turn" if final else "tool_use"
            u = _uuid(r)
            rec = env_rec(message={"model": model, "id": mid, "type": "message", "role": "assistant",
                                   "content": [b], "stop_reason": stop, "stop_sequence": None,
                                   "usage": usage},
                          requestId=req, type="assistant", uuid=u,
                          timestamp=clk.tick(0.3, 6.0) if i == 0 else clk.tick(0.05, 0.6))
            emit(rec)
            parent[0] = u
            uuids.append(u)
        return uuids[-1]

    def tool_result(tu_id, content, is_error, tur, src):
        u = _uuid(r)
        block = {"tool_use_id": tu_id, "type": "tool_result", "content": content, "is_error": is_error}
        rec = env_rec(type="user", message={"role": "user", "content": [block]}, uuid=u,
                      timestamp=clk.tick(0.2, 9.0), toolUseResult=tur, sourceToolAssistantUUID=src)
        emit(rec)
        parent[0] = u

    for ti, turn in enumerate(story["turns"]):
        if ti > 0:
            clk.t += datetime.timedelta(seconds=r.randrange(25, 400))
        pu = _uuid(r)
        ts = clk.tick(1, 3)
        emit({"type": "file-history-snapshot", "messageId": pu,
              "snapshot": {"messageId": pu, "trackedFileBackups": {}, "timestamp": ts},
              "isSnapshotUpdate": False})
        emit(env_rec(type="user", message={"role": "user", "content": turn["user"]}, uuid=pu,
                     timestamp=clk.tick(0.01, 0.2),
                     thinkingMetadata={"level": "high", "disabled": False, "triggers": []}, todos=[]))
        parent[0] = pu
        pending = []
        steps = turn["steps"]
        for st in steps:
            kind = st[0]
            if kind == "think":
                pending.append({"type": "thinking", "thinking": st[1], "signature": "Eq" + _b64(r, 180)})
                continue
            if kind == "say":
                pending.append({"type": "text", "text": st[1]})
                continue
            tu_id = "toolu_01" + _alnum(r, 22)
            if kind == "sh":
                _, cmd, out, rc, desc = st
                inp = {"command": cmd, "description": desc or _describe(cmd)}
                pending.append({"type": "tool_use", "id": tu_id, "name": "Bash", "input": inp})
                src = assistant_msg(pending, False); pending = []
                if rc == 0:
                    tool_result(tu_id, out, False,
                                {"stdout": out, "stderr": "", "interrupted": False, "isImage": False}, src)
                else:
                    c = f"Exit code {rc}\n{out}"
                    tool_result(tu_id, c, True, "Error: " + c, src)
            elif kind == "read":
                _, p, content = st
                ap = abspath(cwd, p)
                pending.append({"type": "tool_use", "id": tu_id, "name": "Read", "input": {"file_path": ap}})
                src = assistant_msg(pending, False); pending = []
                ls = content.split("\n")
                if ls and ls[-1] == "":
                    ls = ls[:-1]
                numbered = "\n".join(f"{i + 1:>6}\u2192{l}" for i, l in enumerate(ls))
                tool_result(tu_id, numbered, False,
                            {"type": "text", "file": {"filePath": ap, "content": content, "numLines": len(ls),
                                                      "startLine": 1, "totalLines": len(ls)}}, src)
            elif kind == "edit":
                _, p, old, new = st
                ap = abspath(cwd, p)
                pending.append({"type": "tool_use", "id": tu_id, "name": "Edit",
                                "input": {"file_path": ap, "old_string": old, "new_string": new}})
                src = assistant_msg(pending, False); pending = []
                tool_result(tu_id, f"The file {ap} has been updated successfully.", False,
                            {"filePath": ap, "oldString": old, "newString": new, "originalFile": None,
                             "structuredPatch": [], "userModified": False, "replaceAll": False}, src)
            elif kind == "write":
                _, p, content = st
                ap = abspath(cwd, p)
                pending.append({"type": "tool_use", "id": tu_id, "name": "Write",
                                "input": {"file_path": ap, "content": content}})
                src = assistant_msg(pending, False); pending = []
                tool_result(tu_id, f"File created successfully at: {ap}", False,
                            {"type": "create", "filePath": ap, "content": content,
                             "structuredPatch": [], "originalFile": None}, src)
            else:
                raise ValueError(kind)
        if pending:
            assistant_msg(pending, True)
        u = _uuid(r)
        emit(env_rec(type="system", subtype="turn_duration", durationMs=r.randrange(8000, 240000),
                     isMeta=False, timestamp=clk.tick(0.05, 0.3), uuid=u))
        parent[0] = u
    path = f"landing/w-cc/{enc_cwd(cwd)}/{sid}.jsonl"
    return sid, path, lines

def _describe(cmd):
    c = cmd.strip().split("\n")[0]
    return ("Run: " + c)[:70]

# ---------------------------------------------------------------- Codex
def _patch_for(cwd, st):
    kind = st[0]
    if kind == "edit":
        _, p, old, new = st
        rp = relpath(cwd, abspath(cwd, p))
        body = "\n".join("-" + l for l in old.split("\n")) + "\n" + "\n".join("+" + l for l in new.split("\n"))
        return rp, f"*** Begin Patch\n*** Update File: {rp}\n@@\n{body}\n*** End Patch", "M"
    _, p, content = st
    rp = relpath(cwd, abspath(cwd, p))
    ls = content.split("\n")
    if ls and ls[-1] == "":
        ls = ls[:-1]
    body = "\n".join("+" + l for l in ls)
    return rp, f"*** Begin Patch\n*** Add File: {rp}\n{body}\n*** End Patch", "A"

def render_codex(story):
    sid = sid_for(story["id"], "codex")
    r = random.Random(f"{story['id']}:codex:body")
    t0 = start_time(story["id"])
    clk = Clock(t0, r)
    cwd, model = story["cwd"], story.get("cmodel") or "gpt-5.3-codex"
    lines = []
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0,
           "total_tokens": 0}
    limits = {"limit_id": "codex", "limit_name": None,
              "primary": {"used_percent": float(r.randrange(2, 40)), "window_minutes": 300,
                          "resets_at": int(t0.replace(tzinfo=datetime.timezone.utc).timestamp()) + 9000},
              "secondary": {"used_percent": float(r.randrange(2, 30)), "window_minutes": 10080,
                            "resets_at": int(t0.replace(tzinfo=datetime.timezone.utc).timestamp()) + 400000},
              "credits": {"has_credits": False, "unlimited": False, "balance": None}, "plan_type": None}

    def emit(kind, payload, lo=0.001, hi=0.05):
        lines.append({"timestamp": clk.tick(lo, hi), "type": kind, "payload": payload})

    def tokens():
        last = {"input_tokens": r.randrange(20000, 90000), "output_tokens": r.randrange(40, 900)}
        last["cached_input_tokens"] = int(last["input_tokens"] * r.uniform(0.5, 0.95))
        last["reasoning_output_tokens"] = int(last["output_tokens"] * r.uniform(0.2, 0.7))
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        last = {k: last[k] for k in tot}
        for k in tot:
            tot[k] += last[k]
        emit("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot),
                                                            "last_token_usage": last,
                                                            "model_context_window": 258400},
                           "rate_limits": limits})

    repo = story["cwd"].rstrip("/").split("/")[-1]
    emit("session_meta", {"id": sid, "timestamp": _ts(t0), "cwd": cwd, "originator": "codex_cli_rs",
                          "cli_version": CODEX_VERSION, "source": "cli", "model_provider": "openai",
                          "base_instructions": {"text": "You are Codex, a coding agent based on GPT-5. You and the user share the same workspace and collaborate to achieve the user's goals."},
                          "git": {"commit_hash": hashlib.sha1(story["id"].encode()).hexdigest(),
                                  "branch": story.get("branch", "main"),
                                  "repository_url": f"git@github.example:acme/{repo}.git"}}, 1, 3)
    emit("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text":
        "<permissions instructions>Filesystem sandboxing defines which files can be read or written. sandbox_mode is `workspace-write`. Network access is restricted. Approval policy is `on-request`: commands that need to escape the sandbox require user approval.</permissions instructions>"}]})
    emit("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text":
        f"<environment_context>\n  <cwd>{cwd}</cwd>\n  <shell>zsh</shell>\n</environment_context>"}]})
    for ti, turn in enumerate(story["turns"]):
        if ti > 0:
            clk.t += datetime.timedelta(seconds=r.randrange(25, 400))
        turn_id = _uuid(r)
        emit("event_msg", {"type": "task_started", "turn_id": turn_id, "model_context_window": 258400,
                           "collaboration_mode_kind": "default"}, 0.5, 2)
        emit("response_item", {"type": "message", "role": "user",
                               "content": [{"type": "input_text", "text": turn["user"]}]})
        emit("event_msg", {"type": "user_message", "message": turn["user"], "images": [],
                           "local_images": [], "text_elements": []})
        emit("turn_context", {"turn_id": turn_id, "cwd": cwd, "approval_policy": "on-request",
                              "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd],
                                                 "network_access": False, "exclude_tmpdir_env_var": False,
                                                 "exclude_slash_tmp": False},
                              "model": model, "personality": "pragmatic", "effort": "high", "summary": "auto",
                              "truncation_policy": {"mode": "tokens", "limit": 10000}})
        emit("event_msg", {"type": "token_count", "info": None, "rate_limits": limits}, 0.3, 1)
        steps = turn["steps"]
        last_say = max([i for i, s in enumerate(steps) if s[0] == "say"] or [-1])
        final_text = steps[last_say][1] if last_say >= 0 else ""
        for i, st in enumerate(steps):
            kind = st[0]
            if kind == "think":
                emit("event_msg", {"type": "agent_reasoning", "text": st[1]}, 1.5, 9)
                emit("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": st[1]}],
                                       "content": None, "encrypted_content": "gAAAAABp" + _b64(r, 240)})
            elif kind == "say":
                phase = "final_answer" if i == last_say else "commentary"
                emit("event_msg", {"type": "agent_message", "message": st[1]}, 0.5, 4)
                emit("response_item", {"type": "message", "role": "assistant",
                                       "content": [{"type": "output_text", "text": st[1]}], "phase": phase})
                if phase == "final_answer":
                    tokens()
            else:
                call_id = "call_" + _alnum(r, 24)
                if kind in ("sh", "read"):
                    if kind == "sh":
                        _, cmd, out, rc, _d = st
                    else:
                        _, p, out = st
                        rc = 0
                        rp = relpath(cwd, abspath(cwd, p))
                        cmd = f"sed -n '1,220p' {rp}"
                    emit("response_item", {"type": "function_call", "name": "exec_command",
                                           "arguments": json.dumps({"cmd": cmd, "workdir": cwd}),
                                           "call_id": call_id}, 0.5, 5)
                    tokens()
                    wall = r.uniform(0.05, 3.5) if len(out) < 2000 else r.uniform(5, 80)
                    emit("response_item", {"type": "function_call_output", "call_id": call_id,
                                           "output": f"Exit code: {rc}\nWall time: {wall:.1f} seconds\nOutput:\n{out}"},
                         0.2, 8)
                    emit("turn_context", {"turn_id": turn_id, "cwd": cwd, "approval_policy": "on-request",
                                          "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd],
                                                             "network_access": False,
                                                             "exclude_tmpdir_env_var": False,
                                                             "exclude_slash_tmp": False},
                                          "model": model, "personality": "pragmatic", "effort": "high",
                                          "summary": "auto", "truncation_policy": {"mode": "tokens", "limit": 10000}})
                else:
                    rp, patch, flag = _patch_for(cwd, st)
                    emit("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": call_id,
                                           "name": "apply_patch", "input": patch}, 0.5, 6)
                    tokens()
                    emit("response_item", {"type": "custom_tool_call_output", "call_id": call_id,
                                           "output": f"Success. Updated the following files:\n{flag} {rp}"},
                         0.1, 1)
        emit("event_msg", {"type": "task_complete", "turn_id": turn_id, "last_agent_message": final_text})
    fn_t = t0.strftime("%Y-%m-%dT%H-%M-%S")
    path = f"landing/w-codex/{t0:%Y/%m/%d}/rollout-{fn_t}-{sid}.jsonl"
    return sid, path, lines

def dump(lines):
    return "".join(json.dumps(l, ensure_ascii=False, separators=(",", ":")) + "\n" for l in lines)
