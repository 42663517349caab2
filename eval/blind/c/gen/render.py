"""Two renderers (Claude Code session JSONL, Codex CLI rollout JSONL) for the story DSL in stories_*.py.

Story step helpers (all paths relative to the story cwd unless absolute):
  T(text)                 reasoning (CC thinking block / Codex reasoning summary)
  S(text)                 short assistant commentary before a tool call
  B(cmd, out, code=0)     shell command and its output
  R(path, content)        read a file (CC Read tool / Codex `sed -n`)
  E(path, old, new)       edit a file (CC Edit / Codex apply_patch update)
  W(path, content)        write a new file (CC Write / Codex apply_patch add)
  G(pattern, path, out)   search (CC Grep / Codex rg)
  L(pattern, out)         list files by glob (CC Glob / Codex rg --files -g)
  U(text)                 a further user prompt (new turn)
  F(text)                 final assistant answer of the turn
"""
import base64
import datetime as dt
import hashlib
import json
import os
import random
import string
import uuid

# ---------------------------------------------------------------- DSL

def T(text): return ("think", text)
def S(text): return ("say", text)
def B(cmd, out="", code=0): return ("bash", cmd, out, code)
def R(path, content): return ("read", path, content)
def E(path, old, new): return ("edit", path, old, new)
def W(path, content): return ("write", path, content)
def G(pattern, path, out): return ("grep", pattern, path, out)
def L(pattern, out): return ("glob", pattern, out)
def U(text): return ("user", text)
def F(text): return ("final", text)


def story(sid, cats, desc, cwd, prompt, steps, branch="main", model_cc="claude-opus-4-6",
          model_cx="gpt-5.3-codex", repo=None):
    return dict(sid=sid, cats=cats, desc=desc, cwd=cwd, prompt=prompt, steps=steps, branch=branch,
                model_cc=model_cc, model_cx=model_cx, repo=repo or f"git@github.com:acme/{os.path.basename(cwd)}.git")

# ---------------------------------------------------------------- helpers

B62 = string.ascii_letters + string.digits


def rid(rng, n):
    return "".join(rng.choice(B62) for _ in range(n))


def u4(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def abspath(cwd, p):
    return p if p.startswith("/") or p.startswith("~") else f"{cwd}/{p}"


def dumps(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))


class Clock:
    def __init__(self, start, rng):
        self.t = start
        self.rng = rng

    def tick(self, lo=0.05, hi=0.4):
        self.t += dt.timedelta(seconds=self.rng.uniform(lo, hi))
        return iso(self.t)


def turns(steps):
    """Split steps into turns; each turn starts with a user prompt."""
    out, cur = [], []
    for s in steps:
        if s[0] == "user":
            out.append(cur)
            cur = [s]
        else:
            cur.append(s)
    out.append(cur)
    return out

# ---------------------------------------------------------------- Claude Code


def render_cc(st, start, rng):
    sid = u4(rng)
    cwd = st["cwd"]
    env = {"isSidechain": False, "userType": "external", "cwd": cwd, "sessionId": sid,
           "version": "2.1.72", "gitBranch": st["branch"]}
    clock = Clock(start, rng)
    lines = []
    parent = [None]
    slug = rng.choice(["quiet", "amber", "brisk", "velvet", "lucid", "rustic", "sunny", "hollow"]) + "-" + \
        rng.choice(["sprouting", "wandering", "humming", "folding", "drifting", "tumbling"]) + "-" + \
        rng.choice(["ocean", "maple", "falcon", "harbor", "meadow", "comet", "lantern"])

    def add(rec):
        rec = {"parentUuid": parent[0], **env, **rec} if rec.get("type") in ("user", "assistant", "system") else rec
        lines.append(rec)
        if "uuid" in rec:
            parent[0] = rec["uuid"]
        return rec

    usage_in = 9
    cache_read = rng.randint(12000, 18000)

    def usage(out_tokens):
        return {"input_tokens": rng.randint(3, 12), "cache_creation_input_tokens": rng.randint(200, 4000),
                "cache_read_input_tokens": cache_read + len(lines) * 310,
                "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                "output_tokens": out_tokens, "service_tier": "standard"}

    all_turns = turns(st["steps"])
    for ti, turn in enumerate(all_turns):
        prompt = st["prompt"] if ti == 0 else turn[0][1]
        body = turn if ti == 0 else turn[1:]
        uid = u4(rng)
        lines.append({"type": "file-history-snapshot", "messageId": uid,
                      "snapshot": {"messageId": uid, "trackedFileBackups": {}, "timestamp": iso(clock.t)},
                      "isSnapshotUpdate": False})
        clock.t += dt.timedelta(seconds=rng.uniform(20, 200) if ti else 0)
        add({"type": "user", "message": {"role": "user", "content": prompt}, "uuid": uid,
             "timestamp": clock.tick(), "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []},
             "todos": [], **({"slug": slug} if ti else {})})
        # group into API messages: blocks until a tool call (inclusive) or final
        pending = []
        for step in body:
            pending.append(step)
            if step[0] in ("think", "say"):
                continue
            msg_id = "msg_01" + rid(rng, 22)
            req_id = "req_011C" + rid(rng, 20)
            clock.t += dt.timedelta(seconds=rng.uniform(2, 14))
            out_tok = rng.randint(40, 900)
            u = usage(out_tok)
            for blk in pending:
                kind = blk[0]
                stop = None
                if kind == "think":
                    content = {"type": "thinking", "thinking": blk[1],
                               "signature": base64.b64encode(hashlib.sha512((blk[1] + sid).encode()).digest() * 3).decode()}
                elif kind in ("say", "final"):
                    content = {"type": "text", "text": blk[1]}
                    if kind == "final":
                        stop = "end_turn"
                else:
                    tool_id = "toolu_01" + rid(rng, 22)
                    name, inp = cc_tool_input(blk, cwd)
                    content = {"type": "tool_use", "id": tool_id, "name": name, "input": inp}
                a_uuid = u4(rng)
                add({"message": {"model": st["model_cc"], "id": msg_id, "type": "message", "role": "assistant",
                                 "content": [content], "stop_reason": stop, "stop_sequence": None, "usage": u},
                     "requestId": req_id, "type": "assistant", "uuid": a_uuid, "timestamp": clock.tick(0.1, 1.2),
                     "slug": slug})
            pending = []
            if step[0] == "final":
                continue
            # tool result
            clock.t += dt.timedelta(seconds=rng.uniform(0.2, 6) if step[0] == "bash" else rng.uniform(0.05, 0.4))
            res_content, is_err, tur = cc_tool_result(step, cwd, rng)
            blk = {"tool_use_id": tool_id, "type": "tool_result", "content": res_content}
            if is_err:
                blk["is_error"] = True
            add({"type": "user", "message": {"role": "user", "content": [blk]}, "uuid": u4(rng),
                 "timestamp": clock.tick(), "toolUseResult": tur, "sourceToolAssistantUUID": a_uuid, "slug": slug})
        add({"type": "system", "subtype": "turn_duration", "durationMs": rng.randint(20000, 400000),
             "isMeta": False, "timestamp": clock.tick(), "uuid": u4(rng), "slug": slug})
    lines.append({"type": "summary", "summary": st.get("title") or st["prompt"][:60].split("\n")[0],
                  "leafUuid": parent[0]})
    return sid, lines


def cc_tool_input(step, cwd):
    k = step[0]
    if k == "bash":
        return "Bash", {"command": step[1], "description": describe(step[1])}
    if k == "read":
        return "Read", {"file_path": abspath(cwd, step[1])}
    if k == "edit":
        return "Edit", {"file_path": abspath(cwd, step[1]), "old_string": step[2], "new_string": step[3],
                        "replace_all": False}
    if k == "write":
        return "Write", {"file_path": abspath(cwd, step[1]), "content": step[2]}
    if k == "grep":
        return "Grep", {"pattern": step[1], "path": abspath(cwd, step[2]), "output_mode": "content", "-n": True}
    if k == "glob":
        return "Glob", {"pattern": step[1]}
    raise ValueError(k)


def describe(cmd):
    c = cmd.strip().split()[0] if cmd.strip() else ""
    return {"git": "Git operation", "pytest": "Run tests", "npm": "Run npm script", "go": "Run go tool",
            "cargo": "Run cargo", "ls": "List files", "cat": "Show file", "make": "Run make target",
            "psql": "Query database", "curl": "HTTP request", "rg": "Search files"}.get(c, "Run shell command")


def cc_tool_result(step, cwd, rng):
    k = step[0]
    if k == "bash":
        out, code = step[2], step[3]
        if code == "denied":
            msg = ("The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a "
                   "file edit, the new_string was NOT written to the file). STOP what you are doing and wait for "
                   "the user to tell you how to proceed.")
            return msg, True, "Error: " + msg
        if code:
            txt = f"Exit code {code}\n{out}"
            return txt, True, "Error: " + txt
        return out, False, {"stdout": out, "stderr": "", "interrupted": False, "isImage": False}
    if k == "read":
        path, content = abspath(cwd, step[1]), step[2]
        ls = content.split("\n")
        numbered = "\n".join(f"{i + 1:>6}\u2192{l}" for i, l in enumerate(ls))
        return numbered, False, {"type": "text", "file": {"filePath": path, "content": content, "numLines": len(ls),
                                                          "startLine": 1, "totalLines": len(ls)}}
    if k == "edit":
        path = abspath(cwd, step[1])
        return (f"The file {path} has been updated successfully.", False,
                {"filePath": path, "oldString": step[2], "newString": step[3], "originalFile": None,
                 "structuredPatch": [], "userModified": False, "replaceAll": False})
    if k == "write":
        path = abspath(cwd, step[1])
        return (f"File created successfully at: {path}", False,
                {"type": "create", "filePath": path, "content": step[2], "structuredPatch": [], "originalFile": None})
    if k == "grep":
        out = step[3]
        n = len([l for l in out.split("\n") if l]) if out else 0
        files = sorted({l.split(":")[0] for l in out.split("\n") if ":" in l})
        return (out if out else "No matches found", False,
                {"mode": "content", "numFiles": len(files), "filenames": [], "content": out, "numLines": n})
    if k == "glob":
        names = [abspath(cwd, l) for l in step[2].split("\n") if l]
        return ("\n".join(names) if names else "No files found", False,
                {"filenames": names, "durationMs": rng.randint(8, 90), "numFiles": len(names), "truncated": False})
    raise ValueError(k)

# ---------------------------------------------------------------- Codex


def render_cx(st, start, rng):
    sid = u4(rng)
    cwd = st["cwd"]
    clock = Clock(start, rng)
    lines = []

    def add(typ, payload, lo=0.001, hi=0.05):
        lines.append({"timestamp": clock.tick(lo, hi), "type": typ, "payload": payload})

    add("session_meta", {"id": sid, "timestamp": iso(start), "cwd": cwd, "originator": "codex_cli_rs",
                         "cli_version": "0.104.0", "source": "cli", "model_provider": "openai",
                         "base_instructions": {"text": "You are Codex, a coding agent based on GPT-5. You and the user share the same workspace and collaborate to achieve the user's goals."},
                         "git": {"commit_hash": hashlib.sha1((sid + "c").encode()).hexdigest(),
                                 "branch": st["branch"], "repository_url": st["repo"]}})
    add("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text":
        "<permissions instructions>\nFilesystem sandboxing: workspace-write. Network access is restricted. "
        "Approval policy: on-request. Commands that need to escape the sandbox must be run with "
        "sandbox_permissions set to require_escalated and a justification.\n</permissions instructions>"}]})
    add("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text":
        f"<environment_context>\n  <cwd>{cwd}</cwd>\n  <approval_policy>on-request</approval_policy>\n"
        f"  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n"
        f"  <shell>bash</shell>\n</environment_context>"}]})
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0,
           "total_tokens": 0}

    ctx = [rng.randint(9000, 16000)]

    def tokens():
        ctx[0] += rng.randint(300, 3500)
        last = {"input_tokens": ctx[0], "cached_input_tokens": 0,
                "output_tokens": rng.randint(30, 900), "reasoning_output_tokens": 0, "total_tokens": 0}
        last["cached_input_tokens"] = int(last["input_tokens"] * rng.uniform(0.3, 0.9)) // 128 * 128
        last["reasoning_output_tokens"] = int(last["output_tokens"] * rng.uniform(0.2, 0.7))
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot:
            tot[k] += last[k]
        add("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last,
                                                          "model_context_window": 258400},
                          "rate_limits": {"primary": {"used_percent": float(rng.randint(3, 60)), "window_minutes": 300,
                                                      "resets_at": int(start.timestamp()) + 14400},
                                          "secondary": None, "credits": None, "plan_type": None}})

    all_turns = turns(st["steps"])
    for ti, turn in enumerate(all_turns):
        prompt = st["prompt"] if ti == 0 else turn[0][1]
        body = turn if ti == 0 else turn[1:]
        if ti:
            clock.t += dt.timedelta(seconds=rng.uniform(20, 200))
        turn_id = u4(rng)
        add("event_msg", {"type": "task_started", "turn_id": turn_id, "model_context_window": 258400,
                          "collaboration_mode_kind": "default"})
        add("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": prompt}]})
        add("event_msg", {"type": "user_message", "message": prompt, "images": [], "local_images": [],
                          "text_elements": []})
        add("turn_context", {"turn_id": turn_id, "cwd": cwd, "approval_policy": "on-request",
                             "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd],
                                                "network_access": False, "exclude_tmpdir_env_var": False,
                                                "exclude_slash_tmp": False},
                             "model": st["model_cx"], "personality": "pragmatic",
                             "collaboration_mode": {"mode": "default", "settings": {"model": st["model_cx"],
                                                                                    "reasoning_effort": "high"}},
                             "effort": "high", "summary": "auto", "truncation_policy": {"mode": "tokens", "limit": 10000}})
        last_msg = ""
        for step in body:
            k = step[0]
            if k == "think":
                clock.t += dt.timedelta(seconds=rng.uniform(2, 12))
                text = step[1]
                add("event_msg", {"type": "agent_reasoning", "text": text})
                enc = "gAAAAAB" + base64.urlsafe_b64encode(hashlib.sha512((text + sid).encode()).digest() * 4).decode()
                add("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": text}],
                                      "content": None, "encrypted_content": enc})
            elif k in ("say", "final"):
                clock.t += dt.timedelta(seconds=rng.uniform(1, 6))
                add("event_msg", {"type": "agent_message", "message": step[1]})
                add("response_item", {"type": "message", "role": "assistant",
                                      "content": [{"type": "output_text", "text": step[1]}],
                                      "phase": "final_answer" if k == "final" else "commentary"})
                if k == "final":
                    last_msg = step[1]
                    tokens()
            else:
                clock.t += dt.timedelta(seconds=rng.uniform(1, 8))
                call_id = "call_" + rid(rng, 24)
                if k == "edit" or k == "write":
                    add("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": call_id,
                                          "name": "apply_patch", "input": patch(step, cwd)})
                    clock.t += dt.timedelta(seconds=rng.uniform(0.1, 1.5))
                    rel = relpath(step[1], cwd)
                    add("response_item", {"type": "custom_tool_call_output", "call_id": call_id, "output":
                        f"Success. Updated the following files:\n{'M' if k == 'edit' else 'A'} {rel}\n"})
                else:
                    cmd, out, code = cx_command(step, cwd)
                    add("response_item", {"type": "function_call", "name": "exec_command",
                                          "arguments": json.dumps({"cmd": cmd, "workdir": cwd, "yield_time_ms": 10000},
                                                                  ensure_ascii=False, separators=(",", ":")),
                                          "call_id": call_id})
                    slow = any(w in cmd for w in ("test", "bench", "build", "install", "migrate", "make", "mvn", "dbt", "plan", "sleep"))
                    wall = rng.uniform(0.05, 0.6) if k != "bash" else (rng.uniform(1.5, 40) if slow else rng.uniform(0.05, 2.5))
                    clock.t += dt.timedelta(seconds=wall)
                    if code == "denied":
                        output = "exec command rejected by user"
                    else:
                        output = f"Exit code: {code}\nWall time: {wall:.1f} seconds\nOutput:\n{out}"
                    add("response_item", {"type": "function_call_output", "call_id": call_id, "output": output})
                tokens()
        add("event_msg", {"type": "task_complete", "turn_id": turn_id, "last_agent_message": last_msg or None})
    return sid, lines


def relpath(p, cwd):
    if p.startswith(cwd + "/"):
        return p[len(cwd) + 1:]
    return p


def patch(step, cwd):
    rel = relpath(step[1], cwd)
    if step[0] == "write":
        body = "\n".join("+" + l for l in step[2].rstrip("\n").split("\n"))
        return f"*** Begin Patch\n*** Add File: {rel}\n{body}\n*** End Patch"
    old = "\n".join("-" + l for l in step[2].split("\n"))
    new = "\n".join("+" + l for l in step[3].split("\n")) if step[3] else ""
    return f"*** Begin Patch\n*** Update File: {rel}\n@@\n{old}\n{new}\n*** End Patch".replace("\n\n*** End", "\n*** End")


def shq(s):
    return "'" + s.replace("'", "'\"'\"'") + "'"


def cx_command(step, cwd):
    k = step[0]
    if k == "bash":
        return step[1], step[2], step[3]
    if k == "read":
        p = step[1]
        n = len(step[2].split("\n"))
        return f"sed -n '1,{max(n, 200)}p' {p}", step[2], 0
    if k == "grep":
        out = step[3]
        return f"rg -n {shq(step[1])} {step[2]}", out, 0 if out else 1
    if k == "glob":
        return f"rg --files -g {shq(step[1])}", step[2], 0 if step[2] else 1
    raise ValueError(k)
