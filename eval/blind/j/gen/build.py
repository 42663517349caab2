#!/usr/bin/env python3
"""Render hand-written stories to Claude Code and Codex CLI session files. Deterministic."""
import json, os, random, uuid, hashlib, shutil, datetime, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stories import STORIES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAND = os.path.join(ROOT, "landing")

def rng_for(sid, salt):
    return random.Random(hashlib.sha256((sid + salt).encode()).hexdigest())

def det_uuid(r):
    return str(uuid.UUID(int=r.getrandbits(128), version=4))

def ts(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)

def start_time(story):
    r = rng_for(story["id"], "time")
    base = datetime.datetime(2026, 11, 15, 8, 0, 0)
    return base + datetime.timedelta(days=r.randint(0, 14), hours=r.randint(0, 12), minutes=r.randint(0, 59), seconds=r.randint(0, 59), milliseconds=r.randint(0, 999))

def enc_cwd(cwd):
    return "".join(c if c.isalnum() else "-" for c in cwd)

def b64ish(r, n=120):
    a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    return "".join(r.choice(a) for _ in range(n))

# ---------- step normalisation ----------
# steps: ("user", text) | ("think", text) | ("say", text) | ("bash", cmd, out[, exit]) | ("read", path, content)
#        ("edit", path, old, new) | ("write", path, content) | ("grep", pattern, out) | ("glob", pattern, files)
#        ("final", text)

def tool_of(step):
    k = step[0]
    if k == "bash":
        ex = step[3] if len(step) > 3 else 0
        return dict(kind="bash", cmd=step[1], out=step[2], exit=ex)
    if k == "read":
        return dict(kind="read", path=step[1], out=step[2], exit=0)
    if k == "edit":
        return dict(kind="edit", path=step[1], old=step[2], new=step[3], exit=0)
    if k == "write":
        return dict(kind="write", path=step[1], content=step[2], exit=0)
    if k == "grep":
        return dict(kind="grep", pattern=step[1], out=step[2], exit=0 if step[2] else 1)
    if k == "glob":
        return dict(kind="glob", pattern=step[1], out=step[2], exit=0)
    return None

def describe(cmd):
    c = cmd.strip()
    for key, d in (("pytest", "Run pytest"), ("go test", "Run Go tests"), ("jest", "Run Jest tests"), ("vitest", "Run Vitest"), ("mvn", "Run Maven tests"),
                   ("gradlew", "Run Gradle build"), ("xcodebuild", "Build with xcodebuild"), ("git ", "Run git command"), ("kubectl", "Run kubectl"),
                   ("npm", "Run npm"), ("curl", "Send HTTP request"), ("psql", "Run SQL via psql"), ("make", "Run make target"), ("gh ", "Query GitHub CLI"),
                   ("aws", "Run AWS CLI"), ("cat", "Show file contents")):
        if key in c:
            return d
    return "Run shell command"

# ---------- Claude Code ----------
def render_cc(story):
    r = rng_for(story["id"], "cc")
    sid = det_uuid(r)
    cwd = story["cwd"]
    model = story.get("cc_model", ["claude-sonnet-4-5-20250929", "claude-opus-4-6", "claude-sonnet-4-6"][int(hashlib.md5(story["id"].encode()).hexdigest(), 16) % 3])
    version = story.get("cc_version", "2.1.140")
    t = start_time(story)
    lines = []
    parent = None
    def env(typ):
        return {"parentUuid": parent, "isSidechain": False, "userType": "external", "cwd": cwd, "sessionId": sid,
                "version": version, "gitBranch": story.get("branch", "main"), "type": typ}
    def tick(lo=0.3, hi=4.0):
        nonlocal t
        t += datetime.timedelta(milliseconds=int(r.uniform(lo, hi) * 1000))
        return ts(t)
    msg = None  # current assistant message (id, req, usage)
    def new_msg():
        return {"id": "msg_01" + b64ish(r, 22).replace("+", "x").replace("/", "y"), "req": "req_011C" + b64ish(r, 20).replace("+", "q").replace("/", "z"),
                "usage": {"input_tokens": r.randint(3, 40), "cache_creation_input_tokens": r.randint(200, 6000), "cache_read_input_tokens": r.randint(8000, 90000),
                          "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0}, "output_tokens": r.randint(40, 900), "service_tier": "standard"}}
    def asst(block, stop=None):
        nonlocal parent, msg
        if msg is None:
            msg = new_msg()
        u = det_uuid(r)
        d = env("assistant")
        d.update({"message": {"model": model, "id": msg["id"], "type": "message", "role": "assistant", "content": [block],
                              "stop_reason": stop, "stop_sequence": None, "usage": msg["usage"]},
                  "requestId": msg["req"], "uuid": u, "timestamp": tick(0.4, 6.0)})
        lines.append(d); parent = u
        return u
    for step in story["steps"]:
        k = step[0]
        if k == "user":
            msg = None
            u = det_uuid(r)
            lines.append({"type": "file-history-snapshot", "messageId": u, "snapshot": {"messageId": u, "trackedFileBackups": {}, "timestamp": ts(t + datetime.timedelta(milliseconds=5))}, "isSnapshotUpdate": False})
            d = env("user")
            d.update({"message": {"role": "user", "content": step[1]}, "uuid": u, "timestamp": tick(5, 60),
                      "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []}, "todos": []})
            lines[-1]["snapshot"]["timestamp"] = d["timestamp"]
            lines.append(d); parent = u
        elif k == "think":
            asst({"type": "thinking", "thinking": step[1], "signature": "Ep" + b64ish(r, 160)})
        elif k in ("say", "final"):
            asst({"type": "text", "text": step[1]}, stop="end_turn" if k == "final" else None)
            if k == "final":
                msg = None
        else:
            tl = tool_of(step)
            tid = "toolu_01" + b64ish(r, 22).replace("+", "A").replace("/", "B")
            kind = tl["kind"]
            if kind == "bash":
                name, inp = "Bash", {"command": tl["cmd"], "description": describe(tl["cmd"])}
            elif kind == "read":
                name, inp = "Read", {"file_path": tl["path"]}
            elif kind == "edit":
                name, inp = "Edit", {"file_path": tl["path"], "old_string": tl["old"], "new_string": tl["new"], "replace_all": False}
            elif kind == "write":
                name, inp = "Write", {"file_path": tl["path"], "content": tl["content"]}
            elif kind == "grep":
                name, inp = "Grep", {"pattern": tl["pattern"], "output_mode": "content", "-n": True}
            else:
                name, inp = "Glob", {"pattern": tl["pattern"]}
            au = asst({"type": "tool_use", "id": tid, "name": name, "input": inp}, stop="tool_use")
            msg = None
            # result
            is_err = False
            if kind == "bash":
                content = tl["out"] if tl["exit"] == 0 else "Exit code %d\n%s" % (tl["exit"], tl["out"])
                is_err = tl["exit"] != 0
                tur = {"stdout": tl["out"] if not is_err else "", "stderr": tl["out"] if is_err else "", "interrupted": False, "isImage": False}
            elif kind == "read":
                body = tl["out"].split("\n")
                content = "\n".join("%6d\u2192%s" % (i + 1, l) for i, l in enumerate(body))
                tur = {"type": "text", "file": {"filePath": tl["path"], "content": tl["out"], "numLines": len(body), "startLine": 1, "totalLines": len(body)}}
            elif kind == "edit":
                content = "The file %s has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n%s" % (tl["path"], tl["new"])
                tur = {"filePath": tl["path"], "oldString": tl["old"], "newString": tl["new"], "replaceAll": False, "userModified": False, "structuredPatch": []}
            elif kind == "write":
                content = "File created successfully at: %s" % tl["path"]
                tur = {"type": "create", "filePath": tl["path"], "content": tl["content"], "structuredPatch": []}
            elif kind == "grep":
                content = tl["out"] or "No matches found"
                tur = {"mode": "content", "numFiles": len(set(x.split(":")[0] for x in tl["out"].splitlines())) if tl["out"] else 0, "filenames": [], "content": tl["out"], "numLines": len(tl["out"].splitlines())}
            else:
                fl = [x for x in tl["out"].split("\n") if x]
                content = "\n".join(fl) or "No files found"
                tur = {"filenames": fl, "durationMs": r.randint(5, 90), "numFiles": len(fl), "truncated": False}
            u = det_uuid(r)
            d = env("user")
            blk = {"tool_use_id": tid, "type": "tool_result", "content": content}
            blk["is_error"] = is_err
            d.update({"message": {"role": "user", "content": [blk]}, "uuid": u, "timestamp": tick(0.2, 8.0),
                      "toolUseResult": tur, "sourceToolAssistantUUID": au})
            lines.append(d); parent = u
    d = {"type": "summary", "summary": story.get("title", story["desc"][:60]), "leafUuid": parent}
    lines.insert(0, d)
    path = os.path.join(LAND, "dev-j-cc", enc_cwd(cwd), sid + ".jsonl")
    return sid, path, lines

# ---------- Codex ----------
def patch_for(tl):
    if tl["kind"] == "write":
        body = "\n".join("+" + l for l in tl["content"].split("\n"))
        return "*** Begin Patch\n*** Add File: %s\n%s\n*** End Patch" % (tl["path"], body)
    old = "\n".join("-" + l for l in tl["old"].split("\n"))
    new = "\n".join("+" + l for l in tl["new"].split("\n"))
    return "*** Begin Patch\n*** Update File: %s\n@@\n%s\n%s\n*** End Patch" % (tl["path"], old, new)

def render_codex(story):
    r = rng_for(story["id"], "codex")
    sid = det_uuid(r)
    cwd = story["cwd"]
    model = story.get("codex_model", ["gpt-5.3-codex", "gpt-5.2-codex"][int(hashlib.md5(story["id"].encode()).hexdigest(), 16) % 2])
    t = start_time(story) + datetime.timedelta(minutes=37)
    t0 = t
    lines = []
    def tick(lo=0.05, hi=3.0):
        nonlocal t
        t += datetime.timedelta(milliseconds=int(r.uniform(lo, hi) * 1000))
        return ts(t)
    def add(typ, payload, lo=0.05, hi=2.0):
        lines.append({"timestamp": tick(lo, hi), "type": typ, "payload": payload})
    add("session_meta", {"id": sid, "timestamp": ts(t0), "cwd": cwd, "originator": "codex_cli_rs", "cli_version": "0.111.0", "source": "cli",
                         "model_provider": "openai", "base_instructions": {"text": "You are Codex, a coding agent based on GPT-5. You and the user share the same workspace and collaborate to achieve the user's goals."},
                         "git": {"commit_hash": hashlib.sha1((story["id"] + "c").encode()).hexdigest(), "branch": story.get("branch", "main"), "repository_url": story.get("repo", "git@github.com:acme/%s.git" % os.path.basename(cwd))}})
    add("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": "<permissions instructions>Filesystem sandboxing: workspace-write. Approval policy: on-request.</permissions instructions>"}]})
    add("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "<environment_context>\n  <cwd>%s</cwd>\n  <shell>zsh</shell>\n</environment_context>" % cwd}]})
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}
    turn = None
    last_msg = ""
    def tokc():
        last = {"input_tokens": r.randint(8000, 60000), "cached_input_tokens": r.randint(2000, 50000), "output_tokens": r.randint(50, 900), "reasoning_output_tokens": r.randint(20, 400)}
        last["cached_input_tokens"] = min(last["cached_input_tokens"], last["input_tokens"])
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot: tot[k] += last[k]
        add("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last, "model_context_window": 258400},
                          "rate_limits": {"primary": {"used_percent": float(r.randint(1, 40)), "window_minutes": 300, "resets_at": 1795000000 + r.randint(0, 99999)}, "secondary": {"used_percent": float(r.randint(1, 30)), "window_minutes": 10080, "resets_at": 1795500000}}})
    def end_turn():
        if turn:
            add("event_msg", {"type": "task_complete", "turn_id": turn, "last_agent_message": last_msg})
    for step in story["steps"]:
        k = step[0]
        if k == "user":
            end_turn()
            turn = det_uuid(r)
            add("event_msg", {"type": "task_started", "turn_id": turn, "model_context_window": 258400, "collaboration_mode_kind": "default"}, 5, 60)
            add("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": step[1]}]})
            add("event_msg", {"type": "user_message", "message": step[1], "images": [], "local_images": [], "text_elements": []})
            add("turn_context", {"turn_id": turn, "cwd": cwd, "approval_policy": "on-request", "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd], "network_access": False, "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
                                 "model": model, "effort": "high", "summary": "auto", "truncation_policy": {"mode": "tokens", "limit": 10000}})
        elif k == "think":
            txt = step[1]
            add("event_msg", {"type": "agent_reasoning", "text": txt}, 0.5, 6)
            add("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": txt}], "content": None, "encrypted_content": "gAAAAB" + b64ish(r, 200)})
        elif k in ("say", "final"):
            add("event_msg", {"type": "agent_message", "message": step[1]}, 0.3, 5)
            add("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": step[1]}], "phase": "final_answer" if k == "final" else "commentary"})
            last_msg = step[1]
            if k == "final":
                tokc()
        else:
            tl = tool_of(step)
            cid = "call_" + b64ish(r, 24).replace("+", "k").replace("/", "m")
            kind = tl["kind"]
            if kind in ("edit", "write"):
                add("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": cid, "name": "apply_patch", "input": patch_for(tl)}, 0.5, 5)
                tokc()
                out = {"output": "Success. Updated the following files:\n%s %s\n" % ("A" if kind == "write" else "M", tl["path"]), "metadata": {"exit_code": 0, "duration_seconds": round(r.uniform(0.0, 0.3), 1)}}
                add("response_item", {"type": "custom_tool_call_output", "call_id": cid, "output": json.dumps(out)}, 0.1, 1)
                continue
            if kind == "bash":
                cmd = tl["cmd"]
            elif kind == "read":
                cmd = "sed -n '1,200p' %s" % tl["path"]
            elif kind == "grep":
                cmd = "rg -n %s" % json.dumps(tl["pattern"])
            else:
                cmd = "rg --files -g %s" % json.dumps(tl["pattern"])
            add("response_item", {"type": "function_call", "name": "exec_command", "arguments": json.dumps({"cmd": cmd, "workdir": cwd, "yield_time_ms": 10000}), "call_id": cid}, 0.5, 5)
            tokc()
            wall = r.uniform(0.01, 9.0)
            body = tl["out"]
            out = "Chunk ID: %s\nWall time: %.4f seconds\nProcess exited with code %d\nOriginal token count: %d\nOutput:\n%s" % (b64ish(r, 6).replace("+", "a").replace("/", "b"), wall, tl["exit"], max(1, len(body) // 4), body)
            add("response_item", {"type": "function_call_output", "call_id": cid, "output": out}, wall, wall + 0.5)
    end_turn()
    fn = "rollout-%s-%s.jsonl" % (t0.strftime("%Y-%m-%dT%H-%M-%S"), sid)
    path = os.path.join(LAND, "dev-j-codex", t0.strftime("%Y"), t0.strftime("%m"), t0.strftime("%d"), fn)
    return sid, path, lines

def main():
    if os.path.isdir(LAND):
        shutil.rmtree(LAND)
    labels = []
    seen = set()
    for s in STORIES:
        assert s["id"] not in seen, s["id"]; seen.add(s["id"])
        for fmt, fn in (("claude_code", render_cc), ("codex", render_codex)):
            sid, path, lines = fn(s)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                for l in lines:
                    f.write(json.dumps(l, ensure_ascii=False, separators=(",", ":")) + "\n")
            labels.append({"session_id": sid, "format": fmt, "categories": s["cats"], "description": s["desc"], "story_id": s["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w") as f:
        for l in labels:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print("stories", len(STORIES), "sessions", len(labels))

if __name__ == "__main__":
    main()
