"""Renderers: one story -> Claude Code session JSONL and Codex CLI rollout JSONL."""
import base64, hashlib, json, random, uuid
from datetime import datetime, timedelta, timezone

CC_VERSION = "2.1.118"
CODEX_VERSION = "0.121.0"

def det_uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))

def ts(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)

def start_time(story_id, fmt):
    rng = random.Random("start:" + story_id)
    base = datetime(2026, 11, 15, 7, 0, tzinfo=timezone.utc)
    day = rng.randint(0, 14)
    minute = rng.randint(0, 13 * 60)
    dt = base + timedelta(days=day, minutes=minute)
    if fmt == "codex":
        dt += timedelta(hours=rng.randint(1, 5), minutes=rng.randint(0, 59))
    return dt

class Clock:
    def __init__(self, dt, rng):
        self.dt, self.rng = dt, rng
    def tick(self, lo=0.05, hi=0.6):
        self.dt += timedelta(milliseconds=int(self.rng.uniform(lo, hi) * 1000))
        return ts(self.dt)

def fake_sig(rng, n=180):
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(n))).decode()

def enc_cwd(cwd):
    return "".join(c if c.isalnum() else "-" for c in cwd)

def numbered(content):
    lines = content.split("\n")
    return "\n".join("%6d\u2192%s" % (i + 1, l) for i, l in enumerate(lines))

# ---------------------------------------------------------------- Claude Code
def render_cc(st):
    rng = random.Random("cc:" + st["id"])
    sid = det_uuid(rng)
    clk = Clock(start_time(st["id"], "cc"), rng)
    model = st.get("cc_model", "claude-opus-4-6")
    env = {"isSidechain": False, "userType": "external", "cwd": st["cwd"], "sessionId": sid,
           "version": CC_VERSION, "gitBranch": st.get("branch", "main")}
    lines, last = [], [None]
    def add(rec):
        rec = dict(rec)
        rec["uuid"] = det_uuid(rng)
        full = {"parentUuid": last[0]}
        full.update(env)
        full.update(rec)
        lines.append(full)
        last[0] = full["uuid"]
        return full
    prompt_uuid_ts = clk.tick()
    first = {"type": "user", "message": {"role": "user", "content": st["prompt"]},
             "timestamp": prompt_uuid_ts, "permissionMode": st.get("perm", "default"),
             "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []}, "todos": []}
    u = add(first)
    lines.insert(0, {"type": "file-history-snapshot", "messageId": u["uuid"],
                     "snapshot": {"messageId": u["uuid"], "trackedFileBackups": {}, "timestamp": prompt_uuid_ts},
                     "isSnapshotUpdate": False})
    msg = {"id": None, "req": None, "usage": None}
    in_tok = [rng.randint(9000, 16000)]
    def new_msg():
        msg["id"] = "msg_01" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789") for _ in range(22))
        msg["req"] = "req_011C" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789") for _ in range(20))
        in_tok[0] += rng.randint(300, 2500)
        msg["usage"] = {"input_tokens": rng.randint(3, 12), "cache_creation_input_tokens": rng.randint(200, 3000),
                        "cache_read_input_tokens": in_tok[0],
                        "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                        "output_tokens": rng.randint(40, 900), "service_tier": "standard"}
        msg["usage"]["cache_creation"]["ephemeral_5m_input_tokens"] = msg["usage"]["cache_creation_input_tokens"]
    def asst(block, stop=None, lo=0.2, hi=3.0):
        if msg["id"] is None:
            new_msg(); lo, hi = 2.0, 9.0
        return add({"message": {"model": model, "id": msg["id"], "type": "message", "role": "assistant",
                                "content": [block], "stop_reason": stop, "stop_sequence": None,
                                "usage": msg["usage"]},
                    "requestId": msg["req"], "type": "assistant", "timestamp": clk.tick(lo, hi)})
    def result(tool_id, a_uuid, content, tur, is_error=False, lo=0.1, hi=2.5):
        block = {"tool_use_id": tool_id, "type": "tool_result", "content": content}
        block["is_error"] = bool(is_error)
        add({"type": "user", "message": {"role": "user", "content": [block]}, "timestamp": clk.tick(lo, hi),
             "toolUseResult": tur, "sourceToolAssistantUUID": a_uuid})
        msg["id"] = None
    for step in st["steps"]:
        kind = step[0]
        if kind == "think":
            asst({"type": "thinking", "thinking": step[1], "signature": fake_sig(rng)})
        elif kind == "say":
            asst({"type": "text", "text": step[1]})
        else:
            tid = "toolu_01" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789") for _ in range(22))
            if kind == "bash":
                cmd, out, rc = step[1], step[2], step[3]
                inp = {"command": cmd, "description": step[4] if len(step) > 4 and step[4] else cmd.split("\n")[0][:60]}
                a = asst({"type": "tool_use", "id": tid, "name": "Bash", "input": inp})
                if rc == 0:
                    result(tid, a["uuid"], out, {"stdout": out, "stderr": "", "interrupted": False, "isImage": False})
                else:
                    content = "Exit code %d\n%s" % (rc, out)
                    result(tid, a["uuid"], content, "Error: " + content, is_error=True)
            elif kind == "read":
                path, content = step[1], step[2]
                a = asst({"type": "tool_use", "id": tid, "name": "Read", "input": {"file_path": path}})
                n = content.count("\n") + 1
                result(tid, a["uuid"], numbered(content),
                       {"type": "text", "file": {"filePath": path, "content": content, "numLines": n, "startLine": 1, "totalLines": n}})
            elif kind == "edit":
                path, old, new = step[1], step[2], step[3]
                a = asst({"type": "tool_use", "id": tid, "name": "Edit",
                          "input": {"file_path": path, "old_string": old, "new_string": new, "replace_all": False}})
                ol, nl = old.split("\n"), new.split("\n")
                patch = [{"oldStart": 1, "oldLines": len(ol), "newStart": 1, "newLines": len(nl),
                          "lines": ["-" + l for l in ol] + ["+" + l for l in nl]}]
                result(tid, a["uuid"], "The file %s has been updated successfully." % path,
                       {"filePath": path, "oldString": old, "newString": new, "originalFile": None,
                        "structuredPatch": patch, "userModified": False, "replaceAll": False})
            elif kind == "write":
                path, content = step[1], step[2]
                a = asst({"type": "tool_use", "id": tid, "name": "Write", "input": {"file_path": path, "content": content}})
                result(tid, a["uuid"], "File created successfully at: %s" % path,
                       {"type": "create", "filePath": path, "content": content, "structuredPatch": [], "originalFile": None})
            elif kind == "grep":
                pat, path, out = step[1], step[2], step[3]
                a = asst({"type": "tool_use", "id": tid, "name": "Grep",
                          "input": {"pattern": pat, "path": path, "output_mode": "content", "-n": True}})
                files = sorted({l.split(":")[0] for l in out.split("\n") if l})
                result(tid, a["uuid"], out or "No matches found",
                       {"mode": "content", "numFiles": len(files), "filenames": files, "content": out,
                        "numLines": len([l for l in out.split("\n") if l])})
            elif kind == "glob":
                pat, out = step[1], step[2]
                a = asst({"type": "tool_use", "id": tid, "name": "Glob", "input": {"pattern": pat}})
                fl = [l for l in out.split("\n") if l]
                result(tid, a["uuid"], out or "No files found",
                       {"filenames": fl, "durationMs": rng.randint(3, 90), "numFiles": len(fl), "truncated": False})
            else:
                raise ValueError(kind)
    asst({"type": "text", "text": st["final"]}, stop="end_turn")
    lines[-1]["message"]["stop_reason"] = "end_turn"
    add({"type": "system", "subtype": "turn_duration", "durationMs": 0, "isMeta": False,
         "timestamp": clk.tick(0.05, 0.3), "level": "info"})
    t0 = datetime.strptime(lines[1]["timestamp"], "%Y-%m-%dT%H:%M:%S.%fZ")
    t1 = datetime.strptime(lines[-1]["timestamp"], "%Y-%m-%dT%H:%M:%S.%fZ")
    lines[-1]["durationMs"] = int((t1 - t0).total_seconds() * 1000)
    path = "dev-n-cc/%s/%s.jsonl" % (enc_cwd(st["cwd"]), sid)
    return sid, path, lines

# ---------------------------------------------------------------- Codex
def patch_update(path, old, new):
    body = ["*** Begin Patch", "*** Update File: " + path, "@@"]
    body += ["-" + l for l in old.split("\n")] + ["+" + l for l in new.split("\n")]
    body.append("*** End Patch")
    return "\n".join(body)

def patch_add(path, content):
    body = ["*** Begin Patch", "*** Add File: " + path]
    body += ["+" + l for l in content.rstrip("\n").split("\n")]
    body.append("*** End Patch")
    return "\n".join(body)

def render_codex(st):
    rng = random.Random("codex:" + st["id"])
    sid = det_uuid(rng)
    start = start_time(st["id"], "codex")
    clk = Clock(start, rng)
    model = st.get("codex_model", "gpt-5.3-codex")
    cwd = st["cwd"]
    out = []
    def rec(kind, payload, lo=0.0005, hi=0.02):
        out.append({"timestamp": clk.tick(lo, hi), "type": kind, "payload": payload})
    turn_id = det_uuid(rng)
    rec("session_meta", {"id": sid, "timestamp": ts(start), "cwd": cwd, "originator": "codex_cli_rs",
                         "cli_version": CODEX_VERSION, "source": "cli", "model_provider": "openai",
                         "base_instructions": {"text": "You are Codex, a coding agent based on GPT-5. You and the user share the same workspace and collaborate to achieve the user's goals."},
                         "git": {"commit_hash": hashlib.sha1(st["id"].encode()).hexdigest(),
                                 "branch": st.get("branch", "main"),
                                 "repository_url": st.get("repo_url", "git@github.example.com:acme/%s.git" % cwd.rstrip("/").split("/")[-1])}})
    sandbox = st.get("sandbox", {"type": "workspace-write", "writable_roots": [cwd], "network_access": False,
                                 "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False})
    approval = st.get("approval", "on-request")
    rec("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text",
        "text": "<permissions instructions>Filesystem sandboxing: %s. Approval policy: %s. Network access is %s.</permissions instructions>"
                % (sandbox["type"], approval, "enabled" if sandbox.get("network_access") else "restricted")}]})
    rec("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text",
        "text": "<environment_context>\n  <cwd>%s</cwd>\n  <shell>bash</shell>\n</environment_context>" % cwd}]})
    rec("event_msg", {"type": "task_started", "turn_id": turn_id, "model_context_window": 258400,
                      "collaboration_mode_kind": "default"})
    rec("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": st["prompt"]}]})
    rec("event_msg", {"type": "user_message", "message": st["prompt"], "images": [], "local_images": [], "text_elements": []})
    rec("turn_context", {"turn_id": turn_id, "cwd": cwd, "approval_policy": approval, "sandbox_policy": sandbox,
                         "model": model, "personality": "pragmatic",
                         "collaboration_mode": {"mode": "default", "settings": {"model": model, "reasoning_effort": "high", "developer_instructions": None}},
                         "effort": "high", "summary": "auto", "truncation_policy": {"mode": "tokens", "limit": 10000}})
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}
    ctx = [rng.randint(12000, 20000)]
    def token_count():
        ctx[0] += rng.randint(400, 3000)
        last = {"input_tokens": ctx[0], "cached_input_tokens": int(ctx[0] * rng.uniform(0.6, 0.95)) // 128 * 128,
                "output_tokens": rng.randint(60, 900), "reasoning_output_tokens": 0, "total_tokens": 0}
        last["reasoning_output_tokens"] = rng.randint(0, last["output_tokens"])
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot: tot[k] += last[k]
        rec("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last,
                          "model_context_window": 258400},
                          "rate_limits": {"limit_id": "codex", "limit_name": None,
                                          "primary": {"used_percent": float(rng.randint(3, 60)), "window_minutes": 300, "resets_at": int(start.timestamp()) + 9000},
                                          "secondary": {"used_percent": float(rng.randint(1, 30)), "window_minutes": 10080, "resets_at": int(start.timestamp()) + 400000},
                                          "credits": None, "plan_type": None}})
    def call_id():
        return "call_" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(24))
    def exec_(cmd, output, rc):
        cid = call_id()
        rec("response_item", {"type": "function_call", "name": "exec_command",
                              "arguments": json.dumps({"cmd": cmd, "workdir": cwd, "yield_time_ms": 10000}), "call_id": cid}, 1.0, 7.0)
        wall = rng.uniform(0.05, 6.0)
        rec("response_item", {"type": "function_call_output", "call_id": cid,
                              "output": "Exit code: %d\nWall time: %.1f seconds\nOutput:\n%s" % (rc, wall, output)}, wall, wall + 0.3)
        token_count()
    def patch(text, summary):
        cid = call_id()
        rec("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": cid, "name": "apply_patch", "input": text}, 1.5, 9.0)
        rec("response_item", {"type": "custom_tool_call_output", "call_id": cid,
                              "output": json.dumps({"output": "Success. Updated the following files:\n" + summary + "\n", "metadata": {"exit_code": 0, "duration_seconds": 0.0}})}, 0.05, 0.4)
        token_count()
    for step in st["steps"]:
        k = step[0]
        if k == "think":
            txt = step[1]
            rec("event_msg", {"type": "agent_reasoning", "text": txt}, 1.0, 8.0)
            rec("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": txt}], "content": None,
                                  "encrypted_content": "gAAAAA" + fake_sig(rng, 240)})
        elif k == "say":
            rec("event_msg", {"type": "agent_message", "message": step[1]}, 0.5, 4.0)
            rec("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": step[1]}], "phase": "commentary"})
        elif k == "bash":
            exec_(step[1], step[2], step[3])
        elif k == "read":
            path = step[1]
            exec_("sed -n '1,220p' %s" % path, step[2], 0)
        elif k == "grep":
            exec_("rg -n %s %s" % (json.dumps(step[1]) if " " in step[1] or "|" in step[1] else step[1], step[2]), step[3], 0 if step[3] else 1)
        elif k == "glob":
            exec_("rg --files -g '%s'" % step[1], step[2], 0 if step[2] else 1)
        elif k == "edit":
            rel = step[1][len(cwd) + 1:] if step[1].startswith(cwd + "/") else step[1]
            patch(patch_update(rel, step[2], step[3]), "M " + rel)
        elif k == "write":
            rel = step[1][len(cwd) + 1:] if step[1].startswith(cwd + "/") else step[1]
            patch(patch_add(rel, step[2]), "A " + rel)
        else:
            raise ValueError(k)
    rec("event_msg", {"type": "agent_message", "message": st["final"]}, 1.0, 6.0)
    rec("response_item", {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": st["final"]}], "phase": "final_answer"})
    token_count()
    rec("event_msg", {"type": "task_complete", "turn_id": turn_id, "last_agent_message": st["final"]})
    d = start
    fname = "rollout-%s-%s.jsonl" % (d.strftime("%Y-%m-%dT%H-%M-%S"), sid)
    path = "dev-n-codex/%s/%s" % (d.strftime("%Y/%m/%d"), fname)
    return sid, path, out
