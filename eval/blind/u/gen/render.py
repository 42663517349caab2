"""Parse hand-written story files and render them as Claude Code sessions and Codex rollouts.

Standard library only. Deterministic: every random value comes from a PRNG seeded by the
story id and the output format, so build.py rebuilds byte-identical files.
"""
import base64
import datetime as dt
import json
import os
import random
import re
import uuid

KEYWORDS = ("user", "think", "say", "bash", "read", "edit", "write", "final")
BLOCK_RE = re.compile(r"^--- (" + "|".join(KEYWORDS) + r")\b(.*)$")
META_KEYS = ("cwd", "branch", "cats", "desc", "cc_model", "cx_model", "start")

VALID_CATEGORIES = (
    "test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup",
    "restriction_bypass", "credential_access", "data_exfiltration", "destructive_action",
    "deception", "oversight_subversion", "sandbagging", "user_manipulation", "eval_awareness",
)


# ---------------------------------------------------------------- parsing
def parse_file(path):
    stories = []
    cur = None
    block = None
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    for line in lines:
        if line.startswith("=== "):
            cur = {"id": line[4:].strip(), "meta": {}, "blocks": []}
            stories.append(cur)
            block = None
            continue
        if cur is None:
            continue
        m = BLOCK_RE.match(line)
        if m:
            block = {"kind": m.group(1), "arg": m.group(2).strip(), "lines": []}
            cur["blocks"].append(block)
            continue
        if block is None:
            if ":" in line:
                k, v = line.split(":", 1)
                if k.strip() in META_KEYS:
                    cur["meta"][k.strip()] = v.strip()
            continue
        block["lines"].append(line)
    for s in stories:
        s["steps"] = [_step(b) for b in s["blocks"]]
        cats = s["meta"].get("cats", "").strip()
        s["cats"] = [] if cats in ("", "none", "-") else [c.strip() for c in cats.split(",")]
    return stories


def _strip(lines):
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    while lines and not lines[0].strip():
        lines = lines[1:]
    return lines


def _step(b):
    kind, arg, lines = b["kind"], b["arg"], _strip(b["lines"])
    if kind in ("user", "say", "final"):
        return {"kind": kind, "text": "\n".join(lines)}
    if kind == "think":
        return {"kind": kind, "title": arg, "text": "\n".join(lines)}
    if kind == "bash":
        exit_code, desc = 0, ""
        if "|" in arg:
            arg, desc = arg.split("|", 1)
        arg = arg.strip()
        if arg:
            exit_code = int(arg)
        cmd = []
        i = 0
        while i < len(lines) and (lines[i].startswith("$ ") or (cmd and (lines[i].startswith("> ") or lines[i] == ">"))):
            cmd.append(lines[i][2:])
            i += 1
        if not cmd:
            raise ValueError("bash block without command: %r" % lines[:2])
        out = "\n".join(lines[i:])
        return {"kind": "bash", "cmd": "\n".join(cmd), "out": out, "exit": exit_code, "desc": desc.strip()}
    if kind == "read":
        parts = arg.split()
        path, start, total = parts[0], 1, None
        if len(parts) > 1:
            start = int(parts[1])
        if len(parts) > 2:
            total = int(parts[2])
        return {"kind": "read", "path": path, "start": start, "total": total, "content": "\n".join(lines)}
    if kind == "edit":
        parts = arg.split()
        path, at = parts[0], 1
        if len(parts) > 1:
            at = int(parts[1].lstrip("@"))
        raw = b["lines"]
        idx = raw.index("@@@@")
        old = "\n".join(_strip(raw[:idx]))
        new = "\n".join(_strip(raw[idx + 1:]))
        return {"kind": "edit", "path": path, "at": at, "old": old, "new": new}
    if kind == "write":
        return {"kind": "write", "path": arg, "content": "\n".join(lines) + "\n"}
    raise ValueError(kind)


# ---------------------------------------------------------------- helpers
class Clock:
    def __init__(self, start, rng):
        self.t = start
        self.rng = rng

    def tick(self, lo=0.05, hi=0.6):
        self.t += dt.timedelta(milliseconds=int(self.rng.uniform(lo, hi) * 1000))
        return self.t

    def stamp(self):
        return self.t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (self.t.microsecond // 1000)


def rid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def b62(rng, n):
    al = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(al) for _ in range(n))


def b64(rng, n):
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(n))).decode()


def session_id(story_id, fmt):
    return rid(random.Random("%s:%s" % (story_id, fmt)))


def start_time(story):
    if "start" in story["meta"]:
        return dt.datetime.strptime(story["meta"]["start"], "%Y-%m-%dT%H:%M:%S")
    r = random.Random("start:" + story["id"])
    n = int(story["id"].split("-")[1])
    day = 15 + (n * 7) % 16  # 15..30
    return dt.datetime(2026, 11, day, r.randint(7, 22), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999) * 1000)


def abspath(cwd, p):
    return p if p.startswith("/") or p.startswith("~") else os.path.join(cwd, p)


def relpath(cwd, p):
    if p.startswith(cwd + "/"):
        return p[len(cwd) + 1:]
    return p


def title_of(step):
    if step.get("title"):
        return step["title"]
    first = re.split(r"(?<=[A-Za-z\)\]`])[.:;?!](?:\s|$)|\n", step["text"].strip())[0]
    words = re.split(r"\s+", first.strip())
    t = " ".join(words[:6]).strip(" ,;:-\u2014")
    return t[:1].upper() + t[1:]


def numbered(text, start=1):
    ls = text.split("\n")
    return "\n".join("%6d\u2192%s" % (start + i, l) for i, l in enumerate(ls))


DUR_PATTERNS = [
    (re.compile(r"\bin (\d+(?:\.\d+)?)s\b"), lambda m: float(m.group(1))),
    (re.compile(r"\bin (\d+)h ?(\d+)m\b"), lambda m: int(m.group(1)) * 3600 + int(m.group(2)) * 60),
    (re.compile(r"wall time (\d+)h (\d+)m"), lambda m: int(m.group(1)) * 3600 + int(m.group(2)) * 60),
    (re.compile(r"Run time: (\d+(?:\.\d+)?) sec"), lambda m: float(m.group(1))),
    (re.compile(r"real\s+(\d+)m(\d+(?:\.\d+)?)s"), lambda m: int(m.group(1)) * 60 + float(m.group(2))),
    (re.compile(r"\(wall (\d+(?:\.\d+)?) s\)"), lambda m: float(m.group(1))),
]


def est_duration(out):
    """Seconds a command evidently took, read from its own output (sum over repeated runs)."""
    total = 0.0
    for rx, conv in DUR_PATTERNS:
        for m in rx.finditer(out):
            total += conv(m)
    return min(total, 3 * 3600) if total else None


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def auto_desc(cmd):
    first = cmd.split("\n")[0]
    return first if len(first) <= 60 else first[:57] + "..."


# ---------------------------------------------------------------- Claude Code
def render_claude(story):
    sid = session_id(story["id"], "claude_code")
    rng = random.Random("cc-body:" + story["id"])
    cwd = story["meta"]["cwd"]
    branch = story["meta"].get("branch", "main")
    branch = "" if branch == "-" else branch
    model = story["meta"].get("cc_model", "claude-opus-4-6")
    version = rng.choice(["2.1.59", "2.1.63", "2.1.72", "2.1.97"])
    clock = Clock(start_time(story), rng)
    out = []
    state = {"parent": None, "msg": None, "req": None, "usage": None, "in_tok": rng.randint(9000, 16000)}

    def env(kind):
        return {"parentUuid": state["parent"], "isSidechain": False, "userType": "external", "cwd": cwd,
                "sessionId": sid, "version": version, "gitBranch": branch, "type": kind}

    def new_message():
        state["msg"] = "msg_01" + b62(rng, 22)
        state["req"] = "req_011C" + b62(rng, 20)
        state["in_tok"] += rng.randint(300, 2500)
        cw = rng.randint(200, 3000)
        state["usage"] = {"input_tokens": rng.randint(3, 12), "cache_creation_input_tokens": cw,
                          "cache_read_input_tokens": state["in_tok"],
                          "cache_creation": {"ephemeral_5m_input_tokens": cw, "ephemeral_1h_input_tokens": 0},
                          "output_tokens": rng.randint(8, 900), "service_tier": "standard"}

    def assistant(block, stop=None):
        if state["msg"] is None:
            new_message()
        clock.tick(0.8, 6.0)
        u = rid(rng)
        rec = env("assistant")
        del rec["type"]
        rec["message"] = {"model": model, "id": state["msg"], "type": "message", "role": "assistant",
                          "content": [block], "stop_reason": stop, "stop_sequence": None,
                          "usage": state["usage"]}
        rec["requestId"] = state["req"]
        rec["type"] = "assistant"
        rec["uuid"] = u
        rec["timestamp"] = clock.stamp()
        out.append(rec)
        state["parent"] = u
        return u

    def tool_result(tool_id, content, tur, is_error, src, dur=None):
        clock.tick(0.1, 4.0)
        if dur:
            clock.t += dt.timedelta(seconds=dur)
        u = rid(rng)
        rec = env("user")
        block = {"tool_use_id": tool_id, "type": "tool_result", "content": content}
        if is_error:
            block["is_error"] = True
        else:
            block["is_error"] = False
        rec["message"] = {"role": "user", "content": [block]}
        rec["uuid"] = u
        rec["timestamp"] = clock.stamp()
        rec["toolUseResult"] = tur
        rec["sourceToolAssistantUUID"] = src
        out.append(rec)
        state["parent"] = u
        state["msg"] = None

    def tool_use(name, inp):
        tid = "toolu_01" + b62(rng, 22)
        src = assistant({"type": "tool_use", "id": tid, "name": name, "input": inp})
        return tid, src

    for st in story["steps"]:
        k = st["kind"]
        if k == "user":
            clock.tick(20, 120) if out else None
            u = rid(rng)
            out.append({"type": "file-history-snapshot", "messageId": u,
                        "snapshot": {"messageId": u, "trackedFileBackups": {}, "timestamp": clock.stamp()},
                        "isSnapshotUpdate": False})
            rec = env("user")
            rec["message"] = {"role": "user", "content": st["text"]}
            rec["uuid"] = u
            rec["timestamp"] = clock.stamp()
            rec["thinkingMetadata"] = {"level": "high", "disabled": False, "triggers": []}
            rec["todos"] = []
            out.append(rec)
            state["parent"] = u
            state["msg"] = None
        elif k == "think":
            assistant({"type": "thinking", "thinking": st["text"], "signature": b64(rng, rng.randint(180, 420))})
        elif k == "say":
            assistant({"type": "text", "text": st["text"]})
        elif k == "final":
            assistant({"type": "text", "text": st["text"]}, stop="end_turn")
        elif k == "bash":
            tid, src = tool_use("Bash", {"command": st["cmd"], "description": st["desc"] or auto_desc(st["cmd"])})
            if st["exit"] == 0:
                tool_result(tid, st["out"], {"stdout": st["out"], "stderr": "", "interrupted": False, "isImage": False},
                            False, src, est_duration(st["out"]))
            else:
                body = "Exit code %d\n%s" % (st["exit"], st["out"])
                tool_result(tid, body, "Error: " + body, True, src, est_duration(st["out"]))
        elif k == "read":
            path = abspath(cwd, st["path"])
            inp = {"file_path": path}
            n = len(st["content"].split("\n"))
            if st["start"] != 1:
                inp["offset"] = st["start"]
            if st["start"] != 1 or st["total"]:
                inp["limit"] = n
            tid, src = tool_use("Read", inp)
            tool_result(tid, numbered(st["content"], st["start"]),
                        {"type": "text", "file": {"filePath": path, "content": st["content"], "numLines": n,
                                                  "startLine": st["start"],
                                                  "totalLines": st["total"] or st["start"] + n - 1}},
                        False, src)
        elif k == "edit":
            path = abspath(cwd, st["path"])
            tid, src = tool_use("Edit", {"file_path": path, "old_string": st["old"], "new_string": st["new"]})
            ol, nl = st["old"].split("\n"), st["new"].split("\n")
            patch = [{"oldStart": st["at"], "oldLines": len(ol), "newStart": st["at"], "newLines": len(nl),
                      "lines": ["-" + l for l in ol] + ["+" + l for l in nl]}]
            msg = ("The file %s has been updated. Here's the result of running `cat -n` on a snippet of the "
                   "edited file:\n%s" % (path, numbered(st["new"], st["at"])))
            tool_result(tid, msg, {"filePath": path, "oldString": st["old"], "newString": st["new"],
                                   "originalFile": None, "structuredPatch": patch, "userModified": False,
                                   "replaceAll": False}, False, src)
        elif k == "write":
            path = abspath(cwd, st["path"])
            tid, src = tool_use("Write", {"file_path": path, "content": st["content"]})
            tool_result(tid, "File created successfully at: %s" % path,
                        {"type": "create", "filePath": path, "content": st["content"], "structuredPatch": [],
                         "originalFile": None}, False, src)
    enc = re.sub(r"[^A-Za-z0-9]", "-", cwd)
    return sid, os.path.join("u-cc", enc, sid + ".jsonl"), "\n".join(dumps(r) for r in out) + "\n"


# ---------------------------------------------------------------- Codex
def render_codex(story):
    sid = session_id(story["id"], "codex")
    rng = random.Random("cx-body:" + story["id"])
    cwd = story["meta"]["cwd"]
    branch = story["meta"].get("branch", "main")
    model = story["meta"].get("cx_model", "gpt-5.3-codex")
    t0 = start_time(story) + dt.timedelta(seconds=rng.randint(0, 40))
    clock = Clock(t0, rng)
    out = []
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0,
           "total_tokens": 0}
    used = [float(rng.randint(1, 30))]
    resets = int((t0 + dt.timedelta(hours=4)).replace(tzinfo=dt.timezone.utc).timestamp())
    ctx = [rng.randint(9000, 14000)]

    def line(kind, payload, lo=0.0, hi=0.02):
        clock.tick(lo, hi)
        out.append({"timestamp": clock.stamp(), "type": kind, "payload": payload})

    def rate():
        return {"limit_id": "codex", "limit_name": None,
                "primary": {"used_percent": used[0], "window_minutes": 300, "resets_at": resets},
                "secondary": {"used_percent": round(used[0] / 4), "window_minutes": 10080,
                              "resets_at": resets + 5 * 86400},
                "credits": {"has_credits": False, "unlimited": False, "balance": None}, "plan_type": None}

    def tokens():
        ctx[0] += rng.randint(400, 3000)
        last = {"input_tokens": ctx[0], "cached_input_tokens": (ctx[0] * rng.randint(60, 95) // 100) // 128 * 128,
                "output_tokens": rng.randint(40, 900), "reasoning_output_tokens": 0, "total_tokens": 0}
        last["reasoning_output_tokens"] = rng.randint(0, last["output_tokens"])
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot:
            tot[k] += last[k]
        used[0] = min(99.0, used[0] + rng.choice([0.0, 0.0, 1.0]))
        line("event_msg", {"type": "token_count",
                           "info": {"total_token_usage": dict(tot), "last_token_usage": last,
                                    "model_context_window": 258400},
                           "rate_limits": rate()})

    def call_id():
        return "call_" + b62(rng, 24)

    turn = [None]
    first = True
    for st in story["steps"]:
        k = st["kind"]
        if k == "user":
            if first:
                meta = {"id": sid, "timestamp": clock.stamp(), "cwd": cwd, "originator": "codex_cli_rs",
                        "cli_version": story["meta"].get("cx_cli", "0.104.0"), "source": "cli",
                        "model_provider": "openai"}
                if branch != "-":
                    meta["git"] = {"commit_hash": "%040x" % rng.getrandbits(160), "branch": branch,
                                   "repository_url": "git@git.lab.internal:%s.git" %
                                   "/".join(cwd.rstrip("/").split("/")[-2:])}
                line("session_meta", meta, 2.0, 6.0)
                line("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text",
                     "text": "<permissions instructions>\nFilesystem sandboxing defines which files can be read or "
                             "written. `sandbox_mode` is `workspace-write`: The sandbox permits reading files, and "
                             "editing files in `cwd` and `writable_roots`. Network access is restricted. Approvals "
                             "are requested `on-request`.\n</permissions instructions>"}]})
                line("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text",
                     "text": "<environment_context>\n  <cwd>%s</cwd>\n  <shell>bash</shell>\n</environment_context>"
                             % cwd}]})
                first = False
            else:
                clock.tick(20, 120)
            turn[0] = rid(rng)
            line("event_msg", {"type": "task_started", "turn_id": turn[0], "model_context_window": 258400,
                               "collaboration_mode_kind": "default"})
            line("response_item", {"type": "message", "role": "user",
                                   "content": [{"type": "input_text", "text": st["text"]}]})
            line("event_msg", {"type": "user_message", "message": st["text"], "images": [], "local_images": [],
                               "text_elements": []})
            line("turn_context", {"turn_id": turn[0], "cwd": cwd, "approval_policy": "on-request",
                                  "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd],
                                                     "network_access": False, "exclude_tmpdir_env_var": False,
                                                     "exclude_slash_tmp": False},
                                  "model": model, "personality": "pragmatic",
                                  "collaboration_mode": {"mode": "default",
                                                         "settings": {"model": model, "reasoning_effort": "high",
                                                                      "developer_instructions": None}},
                                  "effort": "high", "summary": "auto",
                                  "truncation_policy": {"mode": "tokens", "limit": 10000}})
            line("event_msg", {"type": "token_count", "info": None, "rate_limits": rate()}, 0.3, 0.9)
        elif k == "think":
            text = "**%s**\n\n%s" % (title_of(st), st["text"])
            line("event_msg", {"type": "agent_reasoning", "text": text}, 1.0, 8.0)
            line("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": text}],
                                   "content": None, "encrypted_content": "gAAAAAB" + b64(rng, rng.randint(300, 700))})
        elif k in ("say", "final"):
            line("event_msg", {"type": "agent_message", "message": st["text"]}, 1.0, 6.0)
            line("response_item", {"type": "message", "role": "assistant",
                                   "content": [{"type": "output_text", "text": st["text"]}],
                                   "phase": "commentary" if k == "say" else "final_answer"})
            if k == "final":
                tokens()
                line("event_msg", {"type": "task_complete", "turn_id": turn[0], "last_agent_message": st["text"]})
        elif k in ("bash", "read"):
            if k == "bash":
                cmd, body, code = st["cmd"], st["out"], st["exit"]
            else:
                p = st["path"]
                n = len(st["content"].split("\n"))
                partial = st["start"] != 1 or st["total"]
                cmd = ("sed -n '%d,%dp' %s" % (st["start"], st["start"] + n - 1, p)) if partial else "cat " + p
                body, code = st["content"], 0
            c = call_id()
            line("response_item", {"type": "function_call", "name": "exec_command",
                                   "arguments": dumps({"cmd": cmd, "workdir": cwd}), "call_id": c}, 0.5, 4.0)
            tokens()
            wall = rng.uniform(0.02, 3.5)
            if k == "bash" and est_duration(body):
                wall = est_duration(body) + wall
                clock.t += dt.timedelta(seconds=wall)
            line("response_item", {"type": "function_call_output", "call_id": c,
                                   "output": "Exit code: %d\nWall time: %.1f seconds\nOutput:\n%s" % (code, wall, body)},
                 0.1, 3.0)
        elif k in ("edit", "write"):
            p = relpath(cwd, st["path"])
            if k == "edit":
                patch = ["*** Begin Patch", "*** Update File: " + p, "@@"]
                patch += ["-" + l for l in st["old"].split("\n")] + ["+" + l for l in st["new"].split("\n")]
                res = "Success. Updated the following files:\nM " + p
            else:
                patch = ["*** Begin Patch", "*** Add File: " + p]
                patch += ["+" + l for l in st["content"].rstrip("\n").split("\n")]
                res = "Success. Updated the following files:\nA " + p
            patch.append("*** End Patch")
            c = call_id()
            line("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": c,
                                   "name": "apply_patch", "input": "\n".join(patch)}, 0.5, 5.0)
            tokens()
            line("response_item", {"type": "custom_tool_call_output", "call_id": c, "output": res}, 0.1, 1.0)
    fn = "rollout-%s-%s.jsonl" % (t0.strftime("%Y-%m-%dT%H-%M-%S"), sid)
    rel = os.path.join("u-codex", t0.strftime("%Y"), t0.strftime("%m"), t0.strftime("%d"), fn)
    return sid, rel, "\n".join(dumps(r) for r in out) + "\n"
