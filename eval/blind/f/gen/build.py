#!/usr/bin/env python3
"""Render every hand-written story as a Claude Code session and a Codex rollout. Deterministic."""
import json, os, random, re, uuid, hashlib, shutil, glob, importlib, sys
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LAND = os.path.join(ROOT, "landing")
sys.path.insert(0, HERE)
import dsl
for f in sorted(glob.glob(os.path.join(HERE, "stories_*.py"))):
    importlib.import_module(os.path.basename(f)[:-3])

CC_MODELS = ["claude-opus-4-6", "claude-sonnet-4-5-20250929", "claude-opus-4-5-20251101", "claude-haiku-4-5-20251001"]
CX_MODELS = ["gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.3-codex", "gpt-5.1-codex-max"]
CC_VERSIONS = ["2.1.118", "2.1.131", "2.1.140", "2.1.144"]
CX_VERSIONS = ["0.104.0", "0.111.0", "0.118.2"]

def rng_for(sid, tag):
    return random.Random(int(hashlib.sha256((sid + "|" + tag).encode()).hexdigest()[:16], 16))

def uid(r):
    return str(uuid.UUID(int=r.getrandbits(128), version=4))

def b62(r, n):
    a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(r.choice(a) for _ in range(n))

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)

def base_time(sid):
    r = rng_for(sid, "time")
    start = datetime(2026, 11, 15, 7, 0, 0, tzinfo=timezone.utc)
    return start + timedelta(days=r.randint(0, 13), hours=r.randint(0, 14), minutes=r.randint(0, 59),
                             seconds=r.randint(0, 59), milliseconds=r.randint(0, 999))

def enc_cwd(cwd):
    return re.sub(r"[^A-Za-z0-9]", "-", cwd)

class Clock:
    def __init__(self, t, r):
        self.t, self.r = t, r
    def tick(self, lo=0.05, hi=0.4):
        self.t += timedelta(milliseconds=int(self.r.uniform(lo, hi) * 1000))
        return iso(self.t)

def numbered(content, start=1):
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    return "\n".join("%6d\u2192%s" % (i + start, l) for i, l in enumerate(lines))

# ---------------------------------------------------------------- Claude Code
def render_cc(s):
    r = rng_for(s["id"], "cc")
    sid = uid(r)
    clk = Clock(base_time(s["id"]), r)
    model = s["model_cc"] or CC_MODELS[r.randrange(len(CC_MODELS))]
    version = CC_VERSIONS[r.randrange(len(CC_VERSIONS))]
    slug = "-".join(r.choice(["quiet", "brisk", "amber", "lunar", "wobbly", "gentle", "crimson", "sleepy", "nimble"]) for _ in range(1)) + "-" + \
        r.choice(["sprouting", "dancing", "folding", "humming", "drifting"]) + "-" + r.choice(["otter", "ocean", "lantern", "meadow", "pebble", "falcon"])
    lines = []
    env = dict(isSidechain=False, userType="external", cwd=s["cwd"], sessionId=sid, version=version, gitBranch=s["branch"])
    last = [None]

    def add(obj, ts=None):
        o = {"parentUuid": last[0]}
        o.update(env)
        o["slug"] = slug
        o.update(obj)
        o["uuid"] = uid(r)
        o["timestamp"] = ts or clk.tick()
        lines.append(o)
        last[0] = o["uuid"]
        return o

    first_uuid = uid(r)
    t0 = clk.tick()
    lines.append({"type": "file-history-snapshot", "messageId": first_uuid,
                  "snapshot": {"messageId": first_uuid, "trackedFileBackups": {}, "timestamp": t0}, "isSnapshotUpdate": False})
    o = {"parentUuid": None}; o.update(env)
    o.update({"type": "user", "message": {"role": "user", "content": s["prompt"]}, "uuid": first_uuid, "timestamp": clk.tick(),
              "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []}, "todos": [], "permissionMode": "default"})
    lines.append(o); last[0] = first_uuid

    in_tok = r.randint(9000, 22000)
    cur = {"msg": None}

    def new_msg():
        nonlocal in_tok
        in_tok += r.randint(200, 2500)
        cur["msg"] = "msg_01" + b62(r, 22)
        cur["req"] = "req_011C" + b62(r, 20)
        cur["usage"] = {"input_tokens": r.randint(3, 12), "cache_creation_input_tokens": r.randint(200, 3000),
                        "cache_read_input_tokens": in_tok,
                        "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                        "output_tokens": r.randint(40, 900), "service_tier": "standard"}
        cur["usage"]["cache_creation"]["ephemeral_5m_input_tokens"] = cur["usage"]["cache_creation_input_tokens"]
        clk.tick(1.5, 9.0)

    def block(b, stop=None):
        if cur["msg"] is None:
            new_msg()
        add({"message": {"model": model, "id": cur["msg"], "type": "message", "role": "assistant", "content": [b],
                         "stop_reason": stop, "stop_sequence": None, "usage": cur["usage"]},
             "requestId": cur["req"], "type": "assistant"}, ts=clk.tick(0.05, 0.6))

    def tool(name, inp, content, tur, is_error=False):
        tid = "toolu_01" + b62(r, 22)
        block({"type": "tool_use", "id": tid, "name": name, "input": inp})
        a_uuid = last[0]
        res = {"tool_use_id": tid, "type": "tool_result", "content": content}
        if is_error:
            res["is_error"] = True
        add({"type": "user", "message": {"role": "user", "content": [res]}, "toolUseResult": tur,
             "sourceToolAssistantUUID": a_uuid}, ts=clk.tick(0.1, 3.0))
        cur["msg"] = None

    for st in s["steps"]:
        k = st[0]
        if k == "think":
            if cur["msg"] is None:
                new_msg()
            block({"type": "thinking", "thinking": st[1], "signature": "Eq" + b62(r, 6) + "Ck" + b62(r, 180) + "=="})
        elif k == "say":
            block({"type": "text", "text": st[1]})
        elif k == "bash":
            _, cmd, out, rc, desc = st
            inp = {"command": cmd}
            inp["description"] = desc or (cmd.split("\n")[0][:60])
            if rc is None:   # permission denied by the harness
                tool("Bash", inp, out, "Error: " + out, is_error=True)
            elif rc == 0:
                tool("Bash", inp, out, {"stdout": out, "stderr": "", "interrupted": False, "isImage": False})
            else:
                tool("Bash", inp, "Exit code %d\n%s" % (rc, out), "Error: Exit code %d\n%s" % (rc, out), is_error=True)
        elif k == "read":
            _, path, content = st
            n = len(content.rstrip("\n").split("\n"))
            tool("Read", {"file_path": path}, numbered(content) + "\n",
                 {"type": "text", "file": {"filePath": path, "content": content, "numLines": n, "startLine": 1, "totalLines": n}})
        elif k == "write":
            _, path, content = st
            tool("Write", {"file_path": path, "content": content}, "File created successfully at: " + path,
                 {"type": "create", "filePath": path, "content": content, "structuredPatch": [], "originalFile": None})
        elif k == "edit":
            _, path, old, new = st
            ol, nl = old.split("\n"), new.split("\n")
            patch = [{"oldStart": 1, "oldLines": len(ol), "newStart": 1, "newLines": len(nl),
                      "lines": ["-" + x for x in ol] + ["+" + x for x in nl]}]
            tool("Edit", {"file_path": path, "old_string": old, "new_string": new, "replace_all": False},
                 "The file %s has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n%s" % (path, numbered(new)),
                 {"filePath": path, "oldString": old, "newString": new, "originalFile": None, "structuredPatch": patch,
                  "userModified": False, "replaceAll": False})
        elif k == "grep":
            _, pat, out, path, gl = st
            inp = {"pattern": pat, "output_mode": "content", "-n": True}
            if path: inp["path"] = path
            if gl: inp["glob"] = gl
            files = sorted(set(l.split(":")[0] for l in out.split("\n") if l.strip()))
            tool("Grep", inp, out if out else "No matches found",
                 {"mode": "content", "numFiles": len(files), "filenames": files, "content": out, "numLines": len(out.split("\n")) if out else 0})
        elif k == "glob":
            _, pat, files = st
            tool("Glob", {"pattern": pat}, "\n".join(files) if files else "No files found",
                 {"filenames": files, "durationMs": r.randint(3, 90), "numFiles": len(files), "truncated": False})
        else:
            raise ValueError(k)
    block({"type": "text", "text": s["final"]}, stop="end_turn")
    add({"type": "system", "subtype": "turn_duration", "durationMs": r.randint(20000, 400000), "isMeta": False, "level": "info"})
    lines.append({"type": "summary", "summary": s["description"][:70], "leafUuid": lines[-2]["uuid"]})
    d = os.path.join(LAND, "dev-f-cc", enc_cwd(s["cwd"]))
    os.makedirs(d, exist_ok=True)
    p = os.path.join(d, sid + ".jsonl")
    with open(p, "w") as f:
        for l in lines:
            f.write(json.dumps(l, ensure_ascii=False, separators=(",", ":")) + "\n")
    return sid, p

# ---------------------------------------------------------------- Codex
def patch_add(path, content):
    body = "\n".join("+" + l for l in content.rstrip("\n").split("\n"))
    return "*** Begin Patch\n*** Add File: %s\n%s\n*** End Patch" % (path, body)

def patch_update(path, old, new):
    body = "\n".join(["-" + l for l in old.split("\n")] + ["+" + l for l in new.split("\n")])
    return "*** Begin Patch\n*** Update File: %s\n@@\n%s\n*** End Patch" % (path, body)

def render_codex(s):
    r = rng_for(s["id"], "codex")
    sid = uid(r)
    bt = base_time(s["id"]) + timedelta(hours=r.randint(1, 20), minutes=r.randint(0, 59))
    clk = Clock(bt, r)
    model = s["model_codex"] or CX_MODELS[r.randrange(len(CX_MODELS))]
    ver = CX_VERSIONS[r.randrange(len(CX_VERSIONS))]
    turn_id = uid(r)
    out = []
    def add(typ, payload, ts=None):
        out.append({"timestamp": ts or clk.tick(0.0, 0.01), "type": typ, "payload": payload})
    cwd = s["cwd"]
    add("session_meta", {"id": sid, "timestamp": iso(clk.t), "cwd": cwd, "originator": "codex_cli_rs", "cli_version": ver,
                         "source": "cli", "model_provider": "openai",
                         "base_instructions": {"text": "You are Codex, a coding agent based on GPT-5. You and the user share the same workspace and collaborate to achieve the user's goals."},
                         "git": {"commit_hash": hashlib.sha1(s["id"].encode()).hexdigest(), "branch": s["branch"],
                                 "repository_url": "git@github.com:acme-dev/%s.git" % os.path.basename(cwd.rstrip("/"))}})
    add("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": "<permissions instructions>\nFilesystem sandboxing defines which files can be read or written. `sandbox_mode` is `workspace-write`. Network access is restricted. Approvals: `on-request`.\n</permissions instructions>"}]})
    add("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "<environment_context>\n  <cwd>%s</cwd>\n  <shell>bash</shell>\n</environment_context>" % cwd}]})
    add("event_msg", {"type": "task_started", "turn_id": turn_id, "model_context_window": 258400, "collaboration_mode_kind": "default"})
    add("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": s["prompt"]}]})
    add("event_msg", {"type": "user_message", "message": s["prompt"], "images": [], "local_images": [], "text_elements": []})
    add("turn_context", {"turn_id": turn_id, "cwd": cwd, "approval_policy": "on-request",
                         "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd], "network_access": False, "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
                         "model": model, "personality": "pragmatic", "effort": "high", "summary": "auto",
                         "truncation_policy": {"mode": "tokens", "limit": 10000}})
    limits = {"limit_id": "codex", "limit_name": None, "primary": {"used_percent": float(r.randint(3, 60)), "window_minutes": 300, "resets_at": int(bt.timestamp()) + 9000},
              "secondary": {"used_percent": float(r.randint(1, 30)), "window_minutes": 10080, "resets_at": int(bt.timestamp()) + 400000},
              "credits": {"has_credits": False, "unlimited": False, "balance": None}, "plan_type": None}
    add("event_msg", {"type": "token_count", "info": None, "rate_limits": limits})
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}
    ctx = [r.randint(9000, 20000)]
    def tokens():
        ctx[0] += r.randint(300, 3000)
        last = {"input_tokens": ctx[0], "cached_input_tokens": (ctx[0] // 1024) * 1024 - 1024 if ctx[0] > 2048 else 0,
                "output_tokens": r.randint(30, 700), "reasoning_output_tokens": 0, "total_tokens": 0}
        last["reasoning_output_tokens"] = r.randint(0, last["output_tokens"])
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot: tot[k] += last[k]
        add("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last, "model_context_window": 258400}, "rate_limits": limits})

    def exec_call(cmd, output, rc):
        cid = "call_" + b62(r, 24)
        clk.tick(0.3, 2.0)
        add("response_item", {"type": "function_call", "name": "exec_command",
                              "arguments": json.dumps({"cmd": cmd, "workdir": cwd, "yield_time_ms": 10000}), "call_id": cid})
        tokens()
        wall = r.uniform(0.05, 6.0)
        clk.tick(0.1, 2.0)
        txt = "Exit code: %d\nWall time: %.1f seconds\nOutput:\n%s" % (rc, wall, output)
        add("response_item", {"type": "function_call_output", "call_id": cid, "output": txt})

    def patch_call(inp, files_line):
        cid = "call_" + b62(r, 24)
        clk.tick(0.3, 2.0)
        add("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": cid, "name": "apply_patch", "input": inp})
        tokens()
        clk.tick(0.1, 1.0)
        add("response_item", {"type": "custom_tool_call_output", "call_id": cid,
                              "output": json.dumps({"output": "Success. Updated the following files:\n" + files_line + "\n", "metadata": {"exit_code": 0, "duration_seconds": round(r.uniform(0.0, 0.2), 1)}})})

    def rel(p):
        return p[len(cwd.rstrip("/")) + 1:] if p.startswith(cwd.rstrip("/") + "/") else p

    for st in s["steps"]:
        k = st[0]
        if k == "think":
            clk.tick(1.0, 7.0)
            add("event_msg", {"type": "agent_reasoning", "text": st[1]})
            add("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": st[1]}], "content": None,
                                  "encrypted_content": "gAAAAAB" + b62(r, 240)})
        elif k == "say":
            clk.tick(0.5, 3.0)
            add("event_msg", {"type": "agent_message", "message": st[1]})
            add("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": st[1]}], "phase": "commentary"})
        elif k == "bash":
            exec_call(st[1], st[2], 1 if st[3] is None else st[3])
        elif k == "read":
            _, path, content = st
            exec_call("sed -n '1,220p' %s" % rel(path), content, 0)
        elif k == "write":
            _, path, content = st
            patch_call(patch_add(rel(path), content), "A " + rel(path))
        elif k == "edit":
            _, path, old, new = st
            patch_call(patch_update(rel(path), old, new), "M " + rel(path))
        elif k == "grep":
            _, pat, outp, path, gl = st
            cmd = "rg -n %s" % json.dumps(pat)
            if gl: cmd += " -g '%s'" % gl
            cmd += " " + (rel(path) if path else ".")
            exec_call(cmd, outp, 0 if outp else 1)
        elif k == "glob":
            _, pat, files = st
            exec_call("rg --files -g '%s'" % pat, "\n".join(rel(f) for f in files), 0 if files else 1)
    clk.tick(1.0, 6.0)
    add("event_msg", {"type": "agent_message", "message": s["final"]})
    add("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": s["final"]}], "phase": "final_answer"})
    tokens()
    add("event_msg", {"type": "task_complete", "turn_id": turn_id, "last_agent_message": s["final"]})
    d = os.path.join(LAND, "dev-f-codex", "%04d" % bt.year, "%02d" % bt.month, "%02d" % bt.day)
    os.makedirs(d, exist_ok=True)
    p = os.path.join(d, "rollout-%s-%s.jsonl" % (bt.strftime("%Y-%m-%dT%H-%M-%S"), sid))
    with open(p, "w") as f:
        for l in out:
            f.write(json.dumps(l, ensure_ascii=False, separators=(",", ":")) + "\n")
    return sid, p

def main():
    if os.path.isdir(LAND):
        shutil.rmtree(LAND)
    rows = []
    ids = set()
    for s in sorted(dsl.STORIES, key=lambda x: x["id"]):
        assert s["id"] not in ids, s["id"]
        ids.add(s["id"])
        for fmt, fn in (("claude_code", render_cc), ("codex", render_codex)):
            sid, path = fn(s)
            rows.append({"session_id": sid, "format": fmt, "categories": s["categories"], "description": s["description"],
                         "story_id": s["id"], "path": os.path.relpath(path, ROOT)})
    with open(os.path.join(ROOT, "labels.jsonl"), "w") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("stories:", len(ids), "sessions:", len(rows))

if __name__ == "__main__":
    main()
