"""Render DSL stories into Claude Code JSONL sessions and Codex CLI rollouts.
Deterministic: all ids, timestamps and token counts come from PRNGs seeded
by story id and format."""
import base64
import datetime as dt
import json
import random
import re
import uuid

CC_VERSION = "2.1.90"
CODEX_VERSION = "0.118.0"
CC_MODELS = ["claude-opus-4-6", "claude-sonnet-4-6", "claude-opus-4-6", "claude-sonnet-4-5-20250929"]
CODEX_MODELS = ["gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.3-codex"]
EPOCH = dt.datetime(2026, 11, 15, 6, 0, 0, tzinfo=dt.timezone.utc)


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def session_uuid(story_id, fmt):
    rng = random.Random(f"{story_id}:{fmt}")
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def start_time(story_id, at=None):
    if at:
        ms = random.Random(f"{story_id}:start").randrange(1000)
        return dt.datetime.strptime(at, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.timezone.utc) + dt.timedelta(milliseconds=ms)
    rng = random.Random(f"{story_id}:start")
    # between 2026-11-15T06:00Z and 2026-11-29T18:00Z; sessions are far shorter than the margin
    return EPOCH + dt.timedelta(seconds=rng.randrange(0, 14 * 86400 + 12 * 3600), milliseconds=rng.randrange(1000))


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


class Clock:
    def __init__(self, t0, rng):
        self.t = t0
        self.rng = rng

    def tick(self, lo, hi):
        self.t += dt.timedelta(milliseconds=self.rng.randint(int(lo * 1000), int(hi * 1000)))
        return iso(self.t)

    def now(self):
        return iso(self.t)


def b64(rng, n):
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(n))).decode()


def alnum(rng, n):
    chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(chars) for _ in range(n))


def rid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def encode_cwd(cwd):
    return re.sub(r"[^A-Za-z0-9]", "-", cwd)


def split_turns(steps):
    turns = []
    for s in steps:
        if s[0] == "user":
            turns.append([s])
        else:
            turns[-1].append(s)
    return turns


def final_index(turn):
    """Index of the final SAY in a turn (last step if it is a SAY)."""
    for i in range(len(turn) - 1, 0, -1):
        if turn[i][0] == "say":
            return i
        if turn[i][0] != "think":
            return None
    return None


def numbered(content):
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    return "\n".join(f"{i + 1:>6}\u2192{l}" for i, l in enumerate(lines))


def patch_update(path, old, new):
    body = "".join("-" + l + "\n" for l in old.split("\n")) + "".join("+" + l + "\n" for l in new.split("\n"))
    return f"*** Begin Patch\n*** Update File: {path}\n@@\n{body}*** End Patch"


def patch_add(path, content):
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    body = "".join("+" + l + "\n" for l in lines)
    return f"*** Begin Patch\n*** Add File: {path}\n{body}*** End Patch"


# --------------------------------------------------------------------------- Claude Code

def render_cc(st):
    sid = session_uuid(st["id"], "claude_code")
    rng = random.Random(f"{st['id']}:claude_code:body")
    clock = Clock(start_time(st["id"], st.get("at")), rng)
    model = CC_MODELS[int(st["id"][2:]) % len(CC_MODELS)]
    cwd = st["cwd"]
    env = {"isSidechain": False, "userType": "external", "cwd": cwd, "sessionId": sid,
           "version": CC_VERSION, "gitBranch": st["branch"]}
    out = []
    parent = None
    slug = "-".join(rng.choice(w) for w in (["quiet", "brisk", "amber", "silent", "woven", "lucid", "rustic", "gentle"],
                                             ["harbor", "cedar", "falcon", "meadow", "lantern", "river", "summit"],
                                             ["drift", "spark", "forge", "orbit", "bloom", "quill", "ember"]))
    cache_read = rng.randint(12000, 18000)

    def base(extra_first=None):
        d = {"parentUuid": parent}
        d.update(env)
        if len(out) > 2:
            d["slug"] = slug
        return d

    for turn in split_turns(st["steps"]):
        fin = final_index(turn)
        # user prompt
        u_uuid = rid(rng)
        ts_prompt = clock.tick(20, 240) if out else clock.now()
        out.append({"type": "file-history-snapshot", "messageId": u_uuid,
                    "snapshot": {"messageId": u_uuid, "trackedFileBackups": {}, "timestamp": ts_prompt},
                    "isSnapshotUpdate": False})
        d = base()
        d.update({"type": "user", "message": {"role": "user", "content": turn[0][1]}, "uuid": u_uuid,
                  "timestamp": ts_prompt, "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []},
                  "todos": []})
        out.append(d)
        parent = u_uuid
        # group remaining steps into API messages: a message ends with a tool call or with the final text
        msg = None
        pending_results = []
        steps = turn[1:]
        for idx, s in enumerate(steps):
            is_final = fin is not None and idx + 1 == fin
            if msg is None:
                cache_read += rng.randint(300, 3000)
                msg = {"id": "msg_01" + alnum(rng, 22), "req": "req_011C" + alnum(rng, 20),
                       "usage": {"input_tokens": rng.randint(3, 14), "cache_creation_input_tokens": rng.randint(20, 2500),
                                 "cache_read_input_tokens": cache_read,
                                 "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                                 "output_tokens": rng.randint(8, 900), "service_tier": "standard"}}
                msg["usage"]["cache_creation"]["ephemeral_5m_input_tokens"] = msg["usage"]["cache_creation_input_tokens"]
                first = True
            kind = s[0]
            ends = kind in ("sh", "read", "edit", "write", "agent") or is_final
            if kind == "think":
                block = {"type": "thinking", "thinking": s[1], "signature": b64(rng, rng.randint(180, 420))}
            elif kind == "say":
                block = {"type": "text", "text": s[1]}
            else:
                tid = "toolu_01" + alnum(rng, 22)
                if kind == "sh":
                    inp = {"command": s[1]}
                    inp["description"] = s[4] or describe(s[1])
                    block = {"type": "tool_use", "id": tid, "name": "Bash", "input": inp}
                elif kind == "read":
                    block = {"type": "tool_use", "id": tid, "name": "Read", "input": {"file_path": s[1]}}
                elif kind == "edit":
                    block = {"type": "tool_use", "id": tid, "name": "Edit",
                             "input": {"file_path": s[1], "old_string": s[2], "new_string": s[3]}}
                elif kind == "write":
                    block = {"type": "tool_use", "id": tid, "name": "Write",
                             "input": {"file_path": s[1], "content": s[2]}}
                elif kind == "agent":
                    block = {"type": "tool_use", "id": tid, "name": "Task",
                             "input": {"description": s[1], "prompt": s[2], "subagent_type": "general-purpose"}}
            a_uuid = rid(rng)
            ts = clock.tick(1.5, 9) if first else clock.tick(0.1, 1.2)
            first = False
            stop = None
            if ends:
                stop = "end_turn" if kind in ("say", "think") else "tool_use"
            d = base()
            d.update({"message": {"model": model, "id": msg["id"], "type": "message", "role": "assistant",
                                  "content": [block], "stop_reason": stop, "stop_sequence": None,
                                  "usage": msg["usage"]},
                      "requestId": msg["req"], "type": "assistant", "uuid": a_uuid, "timestamp": ts})
            out.append(d)
            parent = a_uuid
            if kind in ("sh", "read", "edit", "write", "agent"):
                r_uuid = rid(rng)
                d = base()
                if kind == "sh":
                    _, cmd, text, rc, _, secs = s
                    ts = clock.tick(secs or 0.2, (secs or 0.2) + 3)
                    if rc == 0:
                        content = {"tool_use_id": tid, "type": "tool_result", "content": text, "is_error": False}
                        tur = {"stdout": text, "stderr": "", "interrupted": False, "isImage": False}
                    else:
                        body = f"Exit code {rc}" + ("\n" + text if text else "")
                        content = {"type": "tool_result", "content": body, "is_error": True, "tool_use_id": tid}
                        tur = "Error: " + body
                elif kind == "read":
                    ts = clock.tick(0.05, 0.4)
                    n = len(s[2].split("\n")) - (1 if s[2].endswith("\n") else 0)
                    content = {"tool_use_id": tid, "type": "tool_result", "content": numbered(s[2])}
                    tur = {"type": "text", "file": {"filePath": s[1], "content": s[2], "numLines": n,
                                                     "startLine": 1, "totalLines": n}}
                elif kind == "edit":
                    ts = clock.tick(0.05, 0.4)
                    content = {"tool_use_id": tid, "type": "tool_result",
                               "content": f"The file {s[1]} has been updated successfully."}
                    tur = {"filePath": s[1], "oldString": s[2], "newString": s[3], "originalFile": None,
                           "structuredPatch": [], "userModified": False, "replaceAll": False}
                elif kind == "write":
                    ts = clock.tick(0.05, 0.4)
                    content = {"tool_use_id": tid, "type": "tool_result",
                               "content": f"File created successfully at: {s[1]}"}
                    tur = {"type": "create", "filePath": s[1], "content": s[2], "structuredPatch": [],
                           "originalFile": None}
                elif kind == "agent":
                    ts = clock.tick(40, 240)
                    content = {"tool_use_id": tid, "type": "tool_result",
                               "content": [{"type": "text", "text": s[3]}]}
                    tur = {"status": "completed", "prompt": s[2], "content": [{"type": "text", "text": s[3]}],
                           "totalDurationMs": rng.randint(40000, 240000), "totalTokens": rng.randint(9000, 60000),
                           "totalToolUseCount": rng.randint(3, 25)}
                d.update({"type": "user", "message": {"role": "user", "content": [content]}, "uuid": r_uuid,
                          "timestamp": ts, "toolUseResult": tur, "sourceToolAssistantUUID": a_uuid})
                out.append(d)
                parent = r_uuid
            if ends:
                msg = None
        if fin is None:
            raise ValueError(f"{st['id']}: turn without final message")
    return sid, out


def describe(cmd):
    c = cmd.strip().split("\n")[0]
    word = c.split()[0] if c.split() else "cmd"
    m = {"kubectl": "Query the cluster with kubectl", "git": "Run git", "terraform": "Run terraform",
         "aws": "Call the AWS CLI", "vault": "Query Vault", "pytest": "Run the test suite",
         "python3": "Run python script", "cat": "Show file contents", "grep": "Search files",
         "ls": "List files", "helm": "Run helm", "go": "Run go toolchain", "make": "Run make target",
         "curl": "Make HTTP request", "gcloud": "Call gcloud", "promtool": "Run promtool",
         "opa": "Run OPA", "amtool": "Run amtool", "sed": "Show part of a file", "rg": "Search files"}
    return m.get(word, "Run " + word)


# --------------------------------------------------------------------------- Codex

def render_codex(st):
    sid = session_uuid(st["id"], "codex")
    rng = random.Random(f"{st['id']}:codex:body")
    t0 = start_time(st["id"], st.get("at"))
    clock = Clock(t0, rng)
    model = CODEX_MODELS[int(st["id"][2:]) % len(CODEX_MODELS)]
    cwd = st["cwd"]
    out = []

    def line(ts, typ, payload):
        out.append({"timestamp": ts, "type": typ, "payload": payload})

    total = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0,
             "total_tokens": 0}
    used = float(rng.randint(2, 40))
    resets = int(t0.timestamp()) + rng.randint(3600, 18000)
    ctx = rng.randint(9000, 16000)

    def rate_limits():
        return {"limit_id": "codex", "limit_name": None,
                "primary": {"used_percent": used, "window_minutes": 300, "resets_at": resets},
                "secondary": {"used_percent": float(rng.randint(1, 30)), "window_minutes": 10080,
                              "resets_at": resets + 400000},
                "credits": {"has_credits": False, "unlimited": False, "balance": None}, "plan_type": None}

    def token_count(ts):
        nonlocal ctx
        ctx += rng.randint(400, 4000)
        last = {"input_tokens": ctx, "cached_input_tokens": (ctx // 256) * 256 - 256 if ctx > 512 else 0,
                "output_tokens": rng.randint(40, 700), "reasoning_output_tokens": 0, "total_tokens": 0}
        last["reasoning_output_tokens"] = rng.randint(0, last["output_tokens"])
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in total:
            total[k] += last[k]
        line(ts, "event_msg", {"type": "token_count",
                               "info": {"total_token_usage": dict(total), "last_token_usage": last,
                                        "model_context_window": 258400},
                               "rate_limits": rate_limits()})

    ts = clock.now()
    line(clock.tick(0.3, 0.6), "session_meta", {
        "id": sid, "timestamp": ts, "cwd": cwd, "originator": "codex_cli_rs", "cli_version": CODEX_VERSION,
        "source": "cli", "model_provider": "openai",
        "git": {"commit_hash": "%040x" % rng.getrandbits(160), "branch": st["branch"],
                "repository_url": f"git@git.example:{st['user']}/{cwd.rstrip('/').split('/')[-1]}.git"}})
    ts = clock.now()
    line(ts, "response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text":
        "<permissions instructions>\nFilesystem sandboxing defines which files can be read or written. "
        "`sandbox_mode` is `workspace-write`: The sandbox permits reading files, and editing files in `cwd` and "
        "`writable_roots`. Editing files in other directories requires approval. Network access is restricted.\n"
        "Approvals are your mechanism to get user consent to run shell commands without the sandbox. "
        "`approval_policy` is `on-request`.\n</permissions instructions>"}]})
    line(ts, "response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text":
        f"<environment_context>\n  <cwd>{cwd}</cwd>\n  <approval_policy>on-request</approval_policy>\n"
        "  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n"
        "  <shell>bash</shell>\n</environment_context>"}]})

    turns = split_turns(st["steps"])
    for n, turn in enumerate(turns):
        fin = final_index(turn)
        turn_id = rid(rng)
        ts = clock.tick(20, 240) if n else clock.tick(0.001, 0.01)
        line(ts, "event_msg", {"type": "task_started", "turn_id": turn_id, "model_context_window": 258400,
                               "collaboration_mode_kind": "default"})
        line(ts, "response_item", {"type": "message", "role": "user",
                                   "content": [{"type": "input_text", "text": turn[0][1]}]})
        line(ts, "event_msg", {"type": "user_message", "message": turn[0][1], "images": [], "local_images": [],
                               "text_elements": []})
        tc = {"turn_id": turn_id, "cwd": cwd, "approval_policy": "on-request",
              "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd], "network_access": False,
                                 "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
              "model": model, "personality": "pragmatic",
              "collaboration_mode": {"mode": "default", "settings": {"model": model, "reasoning_effort": "high",
                                                                     "developer_instructions": None}},
              "effort": "high", "summary": "auto", "truncation_policy": {"mode": "tokens", "limit": 10000}}
        line(clock.tick(0.01, 0.05), "turn_context", tc)
        if n == 0:
            line(clock.tick(0.5, 1.2), "event_msg", {"type": "token_count", "info": None,
                                                     "rate_limits": rate_limits()})
        first = True
        for idx, s in enumerate(turn[1:]):
            kind = s[0]
            is_final = fin is not None and idx + 1 == fin
            ts = clock.tick(1.5, 9) if first else clock.tick(0.05, 1.0)
            first = False
            if kind == "think":
                line(ts, "event_msg", {"type": "agent_reasoning", "text": s[1]})
                line(ts, "response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": s[1]}],
                                           "content": None,
                                           "encrypted_content": "gAAAAAB" + b64(rng, rng.randint(300, 900))})
                continue
            if kind == "say":
                line(ts, "event_msg", {"type": "agent_message", "message": s[1]})
                line(ts, "response_item", {"type": "message", "role": "assistant",
                                           "content": [{"type": "output_text", "text": s[1]}],
                                           "phase": "final_answer" if is_final else "commentary"})
                if is_final:
                    token_count(clock.tick(0.01, 0.05))
                    line(clock.tick(0.001, 0.02), "event_msg", {"type": "task_complete", "turn_id": turn_id,
                                                                "last_agent_message": s[1]})
                continue
            call_id = "call_" + alnum(rng, 24)
            if kind in ("sh", "read", "agent"):
                if kind == "sh":
                    cmd, text, rc, secs = s[1], s[2], s[3], s[5]
                elif kind == "read":
                    cmd, text, rc, secs = f"sed -n '1,200p' {s[1]}", s[2], 0, None
                else:
                    cmd = "codex exec --full-auto " + shquote(s[2])
                    text, rc, secs = s[3], 0, rng.randint(40, 240)
                line(ts, "response_item", {"type": "function_call", "name": "exec_command",
                                           "arguments": dumps({"cmd": cmd, "workdir": cwd}), "call_id": call_id})
                token_count(clock.tick(0.01, 0.08))
                wall = (secs or 0.1) + rng.random() * 2.5
                ts2 = clock.tick(wall, wall + 0.05)
                line(ts2, "response_item", {"type": "function_call_output", "call_id": call_id,
                                            "output": f"Exit code: {rc}\nWall time: {wall:.1f} seconds\nOutput:\n{text}"})
            else:
                if kind == "edit":
                    patch = patch_update(s[1], s[2], s[3])
                    res = f"Success. Updated the following files:\nM {s[1]}\n"
                else:
                    patch = patch_add(s[1], s[2])
                    res = f"Success. Updated the following files:\nA {s[1]}\n"
                line(ts, "response_item", {"type": "custom_tool_call", "status": "completed", "call_id": call_id,
                                           "name": "apply_patch", "input": patch})
                token_count(clock.tick(0.01, 0.08))
                line(clock.tick(0.2, 1.5), "response_item", {"type": "custom_tool_call_output", "call_id": call_id,
                                                             "output": res})
            line(clock.tick(0.005, 0.02), "turn_context", tc)
        if fin is None:
            raise ValueError(f"{st['id']}: turn without final message")
    return sid, t0, out


def shquote(s):
    return "'" + s.replace("'", "'\"'\"'") + "'"
