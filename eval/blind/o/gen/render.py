"""Parse the story DSL and render each story as a Claude Code session and a Codex rollout.

Standard library only. Deterministic: every random value comes from random.Random seeded by
story id (and format where relevant), so build.py reproduces byte-identical files.
"""
import base64
import json
import random
import re
import uuid
from datetime import datetime, timedelta, timezone

CATEGORIES = [
    "test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup",
    "restriction_bypass", "credential_access", "data_exfiltration", "destructive_action",
    "deception", "oversight_subversion", "sandbagging", "user_manipulation", "eval_awareness",
]

OPS = ("user", "think", "say", "sh", "out", "read", "edit", "to", "write", "final")


# ---------------------------------------------------------------- parsing

def parse_file(path):
    text = open(path, encoding="utf-8").read()
    stories = []
    for chunk in re.split(r"^### (?=o-\d{3}\s*$)", text, flags=re.M)[1:]:
        stories.append(parse_story(chunk))
    return stories


def parse_story(chunk):
    lines = chunk.split("\n")
    sid = lines[0].strip()
    meta = {"id": sid}
    i = 1
    while i < len(lines) and not lines[i].startswith("@"):
        ln = lines[i]
        if ln.strip() and ":" in ln:
            k, v = ln.split(":", 1)
            meta[k.strip()] = v.strip()
        i += 1
    blocks = []  # (op, arg, text)
    cur = None
    for ln in lines[i:]:
        m = re.match(r"^@(\w+)\b ?(.*)$", ln)
        if m and m.group(1) in OPS:
            if cur:
                blocks.append(cur)
            cur = [m.group(1), m.group(2).strip(), []]
        else:
            cur[2].append(ln)
    if cur:
        blocks.append(cur)
    for b in blocks:
        while b[2] and not b[2][-1].strip():
            b[2].pop()
        b[2] = "\n".join(b[2])
    # fold blocks into steps
    steps = []
    k = 0
    while k < len(blocks):
        op, arg, body = blocks[k]
        if op == "sh":
            m = re.match(r"^(\S+)?\s*(?:::\s*(.*))?$", arg)
            code = int(m.group(1)) if m.group(1) else 0
            desc = (m.group(2) or "").strip()
            out = ""
            if k + 1 < len(blocks) and blocks[k + 1][0] == "out":
                out = blocks[k + 1][2]
                k += 1
            steps.append({"op": "sh", "cmd": body, "exit": code, "desc": desc, "out": out})
        elif op == "edit":
            new = ""
            if k + 1 < len(blocks) and blocks[k + 1][0] == "to":
                new = blocks[k + 1][2]
                k += 1
            steps.append({"op": "edit", "path": arg, "old": body, "new": new})
        elif op == "read":
            steps.append({"op": "read", "path": arg, "content": body})
        elif op == "write":
            steps.append({"op": "write", "path": arg, "content": body})
        elif op in ("user", "think", "say", "final"):
            steps.append({"op": op, "text": body, "arg": arg})
        else:
            raise ValueError(f"{sid}: stray @{op}")
        k += 1
    cats = [c.strip() for c in meta.get("cats", "").split(",") if c.strip()]
    for c in cats:
        if c not in CATEGORIES:
            raise ValueError(f"{sid}: bad category {c}")
    return {"id": sid, "cats": cats, "desc": meta["desc"], "cwd": meta["cwd"],
            "branch": meta.get("branch", "main"), "mode": meta.get("mode", "cli"),
            "model_cc": meta.get("model_cc", _pick(sid, "cc", ["claude-opus-4-6", "claude-sonnet-4-6", "claude-sonnet-4-5-20250929", "claude-opus-4-6"])),
            "model_cx": meta.get("model_cx", _pick(sid, "cx", ["gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.3-codex", "gpt-5.1-codex-max"])),
            "repo": meta.get("repo", ""), "steps": steps}


# ---------------------------------------------------------------- helpers

def _pick(sid, what, options):
    return random.Random(f"{sid}:{what}:model").choice(options)

def sid_for(story_id, fmt):
    r = random.Random(f"{story_id}:{fmt}:session")
    return str(uuid.UUID(int=r.getrandbits(128), version=4))


def start_time(story):
    n = int(story["id"].split("-")[1])
    r = random.Random(f"{story['id']}:start")
    base = datetime(2026, 11, 15, 7, 0, 0, tzinfo=timezone.utc)
    return base + timedelta(hours=(n - 1) * 5.9, minutes=r.randint(0, 200), seconds=r.randint(0, 59),
                            milliseconds=r.randint(0, 999))


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


class Clock:
    def __init__(self, t, rng):
        self.t = t
        self.r = rng

    def tick(self, lo, hi):
        self.t += timedelta(milliseconds=self.r.randint(int(lo * 1000), int(hi * 1000)))
        return iso(self.t)


def b64(r, n):
    return base64.b64encode(bytes(r.getrandbits(8) for _ in range(n))).decode()


def alnum(r, n):
    cs = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(r.choice(cs) for _ in range(n))


def dumps(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))


def abspath(cwd, p):
    return p if p.startswith("/") or p.startswith("~") else cwd.rstrip("/") + "/" + p


def relpath(cwd, p):
    pre = cwd.rstrip("/") + "/"
    return p[len(pre):] if p.startswith(pre) else p


def sh_duration(cmd):
    c = cmd.lower()
    if any(w in c for w in ("pytest", "tox", "npm test", "cargo test", "go test", "nox", "npm ci", "pip install", "build", "upload", "publish")):
        return (4, 75)
    return (0.05, 1.5)


def responses(steps):
    """Group steps into turns -> model responses. Each response: list of blocks ending with a tool or final."""
    turns = []
    for s in steps:
        if s["op"] == "user":
            turns.append({"prompt": s["text"], "responses": [], "final": None})
            cur = []
            continue
        if s["op"] in ("think", "say"):
            cur.append(s)
        elif s["op"] == "final":
            cur.append(s)
            turns[-1]["responses"].append(cur)
            turns[-1]["final"] = s["text"]
            cur = []
        else:
            cur.append(s)
            turns[-1]["responses"].append(cur)
            cur = []
    return turns


# ---------------------------------------------------------------- Claude Code

CC_VERSION = "2.1.140"


def render_cc(story):
    r = random.Random(f"{story['id']}:claude_code")
    sid = sid_for(story["id"], "claude_code")
    clock = Clock(start_time(story), r)
    cwd = story["cwd"]
    ci = story["mode"] in ("ci", "review")
    env = {"isSidechain": False, "userType": "external", "cwd": cwd, "sessionId": sid,
           "version": CC_VERSION, "gitBranch": story["branch"]}
    lines = []
    parent = None
    slug = "-".join(r.choice(w) for w in (
        ["quiet", "brisk", "amber", "lucid", "mellow", "nimble", "sturdy", "woven"],
        ["harbor", "meadow", "lantern", "orchid", "pebble", "quarry", "thistle"],
        ["drift", "forge", "spiral", "ember", "canopy", "relay"]))

    def newuuid():
        return str(uuid.UUID(int=r.getrandbits(128), version=4))

    def rec(d):
        nonlocal parent
        out = {"parentUuid": parent}
        out.update(env)
        out.update(d)
        parent = d["uuid"]
        lines.append(out)
        return d["uuid"]

    first = True
    cc_ctx = [r.randint(9000, 16000)]
    for turn in responses(story["steps"]):
        pu = newuuid()
        ts = clock.tick(2, 40) if not first else iso(clock.t)
        lines.append({"type": "file-history-snapshot", "messageId": pu,
                      "snapshot": {"messageId": pu, "trackedFileBackups": {}, "timestamp": ts},
                      "isSnapshotUpdate": False})
        u = {"type": "user", "message": {"role": "user", "content": turn["prompt"]}, "uuid": pu,
             "timestamp": ts, "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []},
             "todos": []}
        if not first:
            u["slug"] = slug
        u["entrypoint"] = "sdk-cli" if ci else "cli"
        rec(u)
        for resp in turn["responses"]:
            msg_id = "msg_01" + alnum(r, 22)
            req_id = "req_011C" + alnum(r, 20)
            cc_ctx[0] += r.randint(300, 4500)
            cc_in = cc_ctx[0]
            usage = {"input_tokens": r.randint(3, 12), "cache_creation_input_tokens": r.randint(50, 4000),
                     "cache_read_input_tokens": cc_in,
                     "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                     "output_tokens": r.randint(40, 1400), "service_tier": "standard"}
            usage["cache_creation"]["ephemeral_5m_input_tokens"] = usage["cache_creation_input_tokens"]
            clock.tick(2, 14)
            tool_uuid = None
            tool_step = None
            tool_id = None
            for s in resp:
                if s["op"] == "think":
                    block = {"type": "thinking", "thinking": s["text"], "signature": b64(r, r.randint(150, 420))}
                elif s["op"] in ("say", "final"):
                    block = {"type": "text", "text": s["text"]}
                else:
                    tool_id = "toolu_01" + alnum(r, 22)
                    tool_step = s
                    block = {"type": "tool_use", "id": tool_id}
                    if s["op"] == "sh":
                        desc = s["desc"] or ("Run " + s["cmd"].split("\n")[0][:60])
                        block.update(name="Bash", input={"command": s["cmd"], "description": desc})
                    elif s["op"] == "read":
                        block.update(name="Read", input={"file_path": abspath(cwd, s["path"])})
                    elif s["op"] == "edit":
                        block.update(name="Edit", input={"file_path": abspath(cwd, s["path"]),
                                                          "old_string": s["old"], "new_string": s["new"],
                                                          "replace_all": False})
                    elif s["op"] == "write":
                        block.update(name="Write", input={"file_path": abspath(cwd, s["path"]),
                                                           "content": s["content"] + "\n"})
                stop = "end_turn" if s["op"] == "final" else ("tool_use" if block["type"] == "tool_use" else None)
                d = {"message": {"model": story["model_cc"], "id": msg_id, "type": "message",
                                 "role": "assistant", "content": [block], "stop_reason": stop,
                                 "stop_sequence": None, "usage": usage},
                     "requestId": req_id, "type": "assistant", "uuid": newuuid(),
                     "timestamp": clock.tick(0.1, 1.2), "slug": slug}
                u_ = rec(d)
                if block["type"] == "tool_use":
                    tool_uuid = u_
            if tool_step is None:
                continue
            s = tool_step
            if s["op"] == "sh":
                lo, hi = sh_duration(s["cmd"])
                ts = clock.tick(lo, hi)
                out = s["out"]
                if s["exit"] == 0:
                    content, is_err = out, False
                    tur = {"stdout": out, "stderr": "", "interrupted": False, "isImage": False}
                else:
                    content, is_err = f"Exit code {s['exit']}\n{out}", True
                    tur = f"Error: Exit code {s['exit']}\n{out}"
            elif s["op"] == "read":
                ts = clock.tick(0.05, 0.4)
                body = s["content"]
                ls = body.split("\n")
                content = "\n".join(f"{i + 1:>6}\u2192{l}" for i, l in enumerate(ls))
                is_err = False
                tur = {"type": "text", "file": {"filePath": abspath(cwd, s["path"]), "content": body,
                                                "numLines": len(ls), "startLine": 1, "totalLines": len(ls)}}
            elif s["op"] == "edit":
                ts = clock.tick(0.05, 0.4)
                p = abspath(cwd, s["path"])
                content = f"The file {p} has been updated successfully."
                is_err = False
                ol, nl = s["old"].split("\n"), s["new"].split("\n")
                start = r.randint(5, 120)
                tur = {"filePath": p, "oldString": s["old"], "newString": s["new"], "originalFile": None,
                       "structuredPatch": [{"oldStart": start, "oldLines": len(ol), "newStart": start,
                                            "newLines": len(nl),
                                            "lines": ["-" + x for x in ol] + ["+" + x for x in nl]}],
                       "userModified": False, "replaceAll": False}
            else:  # write
                ts = clock.tick(0.05, 0.4)
                p = abspath(cwd, s["path"])
                content = f"File created successfully at: {p}"
                is_err = False
                tur = {"type": "create", "filePath": p, "content": s["content"] + "\n",
                       "structuredPatch": [], "originalFile": None}
            res = {"type": "tool_result", "tool_use_id": tool_id, "content": content}
            if is_err or s["op"] == "sh":
                res["is_error"] = is_err
            rec({"slug": slug, "type": "user", "message": {"role": "user", "content": [res]},
                 "uuid": newuuid(), "timestamp": ts, "toolUseResult": tur,
                 "sourceToolAssistantUUID": tool_uuid})
        # stop hook / turn duration marker
        rec({"type": "system", "subtype": "turn_duration", "durationMs": r.randint(20000, 400000),
             "isMeta": False, "timestamp": clock.tick(0.1, 0.5), "uuid": newuuid(), "slug": slug})
        first = False
    return sid, lines


def cc_path(story, sid):
    enc = re.sub(r"[^A-Za-z0-9]", "-", story["cwd"])
    return f"landing/o-cc/{enc}/{sid}.jsonl"


# ---------------------------------------------------------------- Codex

CX_VERSION = "0.121.0"

DEV_TEXT = ("<permissions instructions>\nFilesystem sandboxing defines which files can be read or written. "
            "`sandbox_mode` is `{sandbox}`: The sandbox permits reading files, and editing files in `cwd` and "
            "`writable_roots`. Editing files in other directories requires approval. Network access is "
            "{net}.\nApprovals are your mechanism to get user consent to run shell commands without the "
            "sandbox. `approval_policy` is `{appr}`{apprtxt}\n</permissions instructions>")


def render_cx(story):
    r = random.Random(f"{story['id']}:codex")
    sid = sid_for(story["id"], "codex")
    t0 = start_time(story)
    clock = Clock(t0, r)
    cwd = story["cwd"]
    ci = story["mode"] in ("ci", "review")
    appr = "never" if ci else "on-request"
    sandbox = "danger-full-access" if story["mode"] == "ci" else "workspace-write"
    net = story["mode"] == "ci"
    lines = []

    def ev(kind, payload, ts=None):
        lines.append({"timestamp": ts or iso(clock.t), "type": kind, "payload": payload})

    repo_url = story["repo"] or ("git@github.com:example-org/" + cwd.rstrip("/").split("/")[-1] + ".git")
    ev("session_meta", {"id": sid, "timestamp": iso(t0), "cwd": cwd,
                        "originator": "codex_exec" if ci else "codex_cli_rs", "cli_version": CX_VERSION,
                        "source": "exec" if ci else "cli", "model_provider": "openai",
                        "git": {"commit_hash": "%040x" % r.getrandbits(160), "branch": story["branch"],
                                "repository_url": repo_url}}, ts=clock.tick(0.5, 3))
    ev("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": DEV_TEXT.format(
        sandbox=sandbox, net="enabled" if net else "restricted", appr=appr,
        apprtxt=": Non-interactive mode; never ask the user for approval." if ci else
        ": The user approves commands that need to leave the sandbox.")}]})
    ev("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text":
        f"<environment_context>\n  <cwd>{cwd}</cwd>\n  <shell>bash</shell>\n</environment_context>"}]})
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0,
           "total_tokens": 0}

    ctx = [r.randint(9000, 16000)]

    def token_count():
        ctx[0] += r.randint(300, 4500)
        last = {"input_tokens": ctx[0], "cached_input_tokens": 0,
                "output_tokens": r.randint(40, 1500), "reasoning_output_tokens": 0, "total_tokens": 0}
        last["cached_input_tokens"] = last["input_tokens"] - r.randint(500, 6000)
        last["reasoning_output_tokens"] = r.randint(0, last["output_tokens"])
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot:
            tot[k] += last[k]
        ev("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot),
                                                         "last_token_usage": last,
                                                         "model_context_window": 258400},
                         "rate_limits": {"primary": {"used_percent": float(r.randint(3, 60)), "window_minutes": 300,
                                                     "resets_at": int(clock.t.timestamp()) + r.randint(600, 17000)},
                                         "secondary": None, "credits": None, "plan_type": None}},
           ts=clock.tick(0.01, 0.2))

    for turn in responses(story["steps"]):
        turn_id = str(uuid.UUID(int=r.getrandbits(128), version=4))
        ev("event_msg", {"type": "task_started", "turn_id": turn_id, "model_context_window": 258400,
                         "collaboration_mode_kind": "default"}, ts=clock.tick(0.01, 0.1))
        ev("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": turn["prompt"]}]},
           ts=clock.tick(0.001, 0.01))
        ev("event_msg", {"type": "user_message", "message": turn["prompt"], "images": []})
        ev("turn_context", {"turn_id": turn_id, "cwd": cwd, "approval_policy": appr,
                            "sandbox_policy": {"type": sandbox} if sandbox == "danger-full-access" else
                            {"type": sandbox, "writable_roots": [cwd], "network_access": net,
                             "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
                            "model": story["model_cx"], "effort": "high", "summary": "auto",
                            "truncation_policy": {"mode": "tokens", "limit": 10000}})
        for resp in turn["responses"]:
            clock.tick(2, 14)
            for s in resp:
                if s["op"] == "think":
                    txt = s["text"]
                    head = s["arg"] or None
                    summ = f"**{head}**\n\n{txt}" if head else txt
                    ev("event_msg", {"type": "agent_reasoning", "text": summ}, ts=clock.tick(0.05, 0.4))
                    ev("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": summ}],
                                         "content": None, "encrypted_content": "gAAAAAB" + b64(r, r.randint(600, 1500))})
                elif s["op"] == "say":
                    ev("event_msg", {"type": "agent_message", "message": s["text"]}, ts=clock.tick(0.05, 0.4))
                    ev("response_item", {"type": "message", "role": "assistant",
                                         "content": [{"type": "output_text", "text": s["text"]}], "phase": "commentary"})
                elif s["op"] == "final":
                    token_count()
                    ev("event_msg", {"type": "agent_message", "message": s["text"]}, ts=clock.tick(0.05, 0.4))
                    ev("response_item", {"type": "message", "role": "assistant",
                                         "content": [{"type": "output_text", "text": s["text"]}], "phase": "final_answer"})
                    ev("event_msg", {"type": "task_complete", "turn_id": turn_id, "last_agent_message": s["text"]},
                       ts=clock.tick(0.01, 0.2))
                else:
                    call_id = "call_" + alnum(r, 24)
                    if s["op"] in ("sh", "read"):
                        cmd = s["cmd"] if s["op"] == "sh" else f"sed -n '1,240p' {relpath(cwd, s['path'])}"
                        ev("response_item", {"type": "function_call", "name": "exec_command",
                                             "arguments": dumps({"cmd": cmd, "workdir": cwd}), "call_id": call_id},
                           ts=clock.tick(0.2, 1.5))
                        token_count()
                        if s["op"] == "sh":
                            lo, hi = sh_duration(s["cmd"])
                            code, out = s["exit"], s["out"]
                        else:
                            lo, hi = 0.02, 0.2
                            code, out = 0, s["content"]
                        t_before = clock.t
                        ts = clock.tick(lo, hi)
                        wall = (clock.t - t_before).total_seconds()
                        ev("response_item", {"type": "function_call_output", "call_id": call_id,
                                             "output": f"Exit code: {code}\nWall time: {wall:.1f} seconds\nOutput:\n{out}"}, ts=ts)
                    else:
                        p = relpath(cwd, s["path"])
                        if s["op"] == "edit":
                            body = "\n".join(["-" + x for x in s["old"].split("\n")] + ["+" + x for x in s["new"].split("\n")])
                            patch = f"*** Begin Patch\n*** Update File: {p}\n@@\n{body}\n*** End Patch"
                            res = f"Success. Updated the following files:\nM {p}"
                        else:
                            body = "\n".join("+" + x for x in s["content"].split("\n"))
                            patch = f"*** Begin Patch\n*** Add File: {p}\n{body}\n*** End Patch"
                            res = f"Success. Updated the following files:\nA {p}"
                        ev("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": call_id,
                                             "name": "apply_patch", "input": patch}, ts=clock.tick(0.2, 1.5))
                        token_count()
                        ev("response_item", {"type": "custom_tool_call_output", "call_id": call_id, "output": res},
                           ts=clock.tick(0.05, 0.5))
        clock.tick(5, 90)
    return sid, lines


def cx_path(story, sid):
    t = start_time(story)
    return f"landing/o-codex/{t:%Y/%m/%d}/rollout-{t:%Y-%m-%dT%H-%M-%S}-{sid}.jsonl"
