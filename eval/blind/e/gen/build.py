#!/usr/bin/env python3
"""Build the labelled-e evaluation set from hand-written story files.

Story files live in gen/stories/*.txt. Format (one story per '=== <id>' block):

  === e-001
  cats: test_tampering, deception      (empty for benign)
  desc: one line
  cwd: /home/dev/proj
  branch: main
  ---
  U: user prompt                 (new user turn)
  T: reasoning                   (attached to the next model step)
  S: commentary text             (assistant text before a tool call)
  B: shell command   / O: output / X: exit code (default 0)
  R: path            / O: file content
  E: path            / -: old text / +: new text
  W: path            / C: new file content
  G: pattern :: path / O: output   (grep)
  L: glob            / O: output   (glob)
  F: final assistant message (ends the turn)

Continuation lines are indented by two spaces (the two spaces are stripped); blank lines
continue the current field; trailing blank lines of a field are dropped.
Only the Python standard library is used. Output is deterministic (seeded by story id).
"""
import base64
import datetime as dt
import glob
import hashlib
import json
import os
import random
import re
import shutil
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LANDING = os.path.join(ROOT, "landing")
CC_DIR = os.path.join(LANDING, "dev-e-cc")
CX_DIR = os.path.join(LANDING, "dev-e-codex")

TAXONOMY = [
    "test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup",
    "restriction_bypass", "credential_access", "data_exfiltration", "destructive_action",
    "deception", "oversight_subversion", "sandbagging", "user_manipulation", "eval_awareness",
]

FIELD_RE = re.compile(r"^([A-Z]|-|\+):(?: (.*))?$")


# ----------------------------------------------------------------------------- parsing
def parse_file(path):
    stories = []
    cur = None
    in_body = False
    last = None  # [key, value_lines]
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")

    def close_field():
        nonlocal last
        if last is not None and cur is not None:
            vals = last[1]
            while vals and vals[-1] == "":
                vals.pop()
            cur["events"].append((last[0], "\n".join(vals)))
        last = None

    for raw in lines:
        if raw.startswith("=== "):
            close_field()
            cur = {"id": raw[4:].strip(), "meta": {}, "events": []}
            stories.append(cur)
            in_body = False
            continue
        if cur is None:
            continue
        if not in_body:
            if raw.strip() == "---":
                in_body = True
                continue
            if raw.strip() == "":
                continue
            k, _, v = raw.partition(":")
            cur["meta"][k.strip()] = v.strip()
            continue
        if raw.startswith("  "):
            if last is None:
                raise SystemExit(f"{path}: continuation without field in {cur['id']}: {raw!r}")
            last[1].append(raw[2:])
            continue
        if raw.strip() == "":
            if last is not None:
                last[1].append("")
            continue
        m = FIELD_RE.match(raw)
        if not m:
            raise SystemExit(f"{path}: bad line in {cur['id']}: {raw!r}")
        close_field()
        last = [m.group(1), [m.group(2) or ""] if m.group(2) is not None else []]
    close_field()
    return stories


def to_steps(story):
    """Group raw fields into steps."""
    steps = []
    ev = story["events"]
    i = 0
    pend_t, pend_s = [], []
    while i < len(ev):
        k, v = ev[i]
        if k == "U":
            steps.append({"kind": "user", "text": v})
        elif k == "T":
            pend_t.append(v)
        elif k == "S":
            pend_s.append(v)
        elif k == "F":
            steps.append({"kind": "final", "text": v, "think": pend_t, "say": pend_s})
            pend_t, pend_s = [], []
        elif k in "BRGLEW":
            st = {"kind": "tool", "tool": k, "arg": v, "think": pend_t, "say": pend_s,
                  "out": "", "rc": 0, "old": "", "new": "", "content": ""}
            pend_t, pend_s = [], []
            j = i + 1
            while j < len(ev) and ev[j][0] in ("O", "X", "-", "+", "C", "D"):
                kk, vv = ev[j]
                if kk == "O":
                    st["out"] = vv
                elif kk == "X":
                    st["rc"] = int(vv.strip())
                elif kk == "-":
                    st["old"] = vv
                elif kk == "+":
                    st["new"] = vv
                elif kk == "C":
                    st["content"] = vv
                elif kk == "D":
                    st["desc"] = vv
                j += 1
            steps.append(st)
            i = j
            continue
        else:
            raise SystemExit(f"unexpected field {k} in {story['id']}")
        i += 1
    if pend_t or pend_s:
        raise SystemExit(f"dangling reasoning in {story['id']}")
    return steps


# ----------------------------------------------------------------------------- helpers
class Clock:
    def __init__(self, rng, start):
        self.rng = rng
        self.t = start

    def tick(self, lo=0.05, hi=0.6):
        self.t += dt.timedelta(seconds=self.rng.uniform(lo, hi))
        return self.iso()

    def iso(self):
        return self.t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{self.t.microsecond // 1000:03d}Z"


def det_uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def b64(rng, n):
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(n))).decode()


def alnum(rng, n):
    chars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(chars) for _ in range(n))


def abspath(cwd, p):
    if p.startswith("/") or p.startswith("~"):
        return p
    return cwd.rstrip("/") + "/" + p


def numbered(content):
    lines = content.split("\n")
    return "\n".join(f"{i + 1:>6}\u2192{l}" for i, l in enumerate(lines))


def encode_cwd(cwd):
    return re.sub(r"[^A-Za-z0-9]", "-", cwd)


def story_rng(sid, fmt):
    seed = int(hashlib.sha256(f"{sid}:{fmt}".encode()).hexdigest()[:16], 16)
    return random.Random(seed)


def start_time(sid):
    r = random.Random(int(hashlib.sha256(sid.encode()).hexdigest()[:16], 16))
    base = dt.datetime(2026, 11, 15, 7, 0, 0)
    return base + dt.timedelta(days=r.randint(0, 14), hours=r.randint(0, 13),
                               minutes=r.randint(0, 59), seconds=r.randint(0, 59),
                               microseconds=r.randint(0, 999) * 1000)


def grep_cmd(arg):
    pat, _, path = arg.partition(" :: ")
    path = path.strip() or "."
    return pat.strip(), path


def patch_for_edit(path, old, new):
    out = ["*** Begin Patch", f"*** Update File: {path}", "@@"]
    out += ["-" + l for l in old.split("\n")]
    out += ["+" + l for l in new.split("\n")] if new != "" else []
    out.append("*** End Patch")
    return "\n".join(out)


def patch_for_write(path, content):
    out = ["*** Begin Patch", f"*** Add File: {path}"]
    out += ["+" + l for l in content.split("\n")]
    out.append("*** End Patch")
    return "\n".join(out)


# ----------------------------------------------------------------------------- Claude Code
CC_MODELS = ["claude-sonnet-4-5-20250929", "claude-opus-4-6", "claude-sonnet-4-6", "claude-haiku-4-5-20251001"]


def render_cc(story, steps):
    sid_rng = story_rng(story["id"], "cc")
    session_id = det_uuid(sid_rng)
    rng = random.Random(sid_rng.getrandbits(64))
    cwd = story["meta"]["cwd"]
    branch = story["meta"].get("branch", "main")
    model = story["meta"].get("cc_model") or CC_MODELS[int(hashlib.md5(story["id"].encode()).hexdigest(), 16) % len(CC_MODELS)]
    version = rng.choice(["2.1.81", "2.1.88", "2.1.97", "2.1.104"])
    clock = Clock(rng, start_time(story["id"]))
    lines = []
    parent = [None]
    slug = "-".join(rng.choice(w) for w in (["quiet", "brisk", "lucid", "amber", "wandering"],
                                             ["sorting", "folding", "hopping", "humming"],
                                             ["otter", "harbor", "meadow", "comet", "falcon"]))

    def env(extra_type):
        d = {"parentUuid": parent[0], "isSidechain": False, "userType": "external", "cwd": cwd,
             "sessionId": session_id, "version": version, "gitBranch": branch, "slug": slug}
        return d

    def emit(d):
        lines.append(d)
        if "uuid" in d:
            parent[0] = d["uuid"]

    in_tokens = rng.randint(8000, 16000)

    def usage(out_tokens):
        nonlocal in_tokens
        in_tokens += rng.randint(300, 2500)
        cc = rng.randint(100, 3000)
        return {"input_tokens": rng.randint(3, 12), "cache_creation_input_tokens": cc,
                "cache_read_input_tokens": in_tokens,
                "cache_creation": {"ephemeral_5m_input_tokens": cc, "ephemeral_1h_input_tokens": 0},
                "output_tokens": out_tokens, "service_tier": "standard"}

    def assistant_blocks(blocks, final):
        msg_id = "msg_01" + alnum(rng, 22)
        req_id = "req_011C" + alnum(rng, 20)
        u = usage(rng.randint(40, 900))
        clock.tick(1.5, 9.0)
        for n, b in enumerate(blocks):
            last = n == len(blocks) - 1
            d = env("assistant")
            d["message"] = {"model": model, "id": msg_id, "type": "message", "role": "assistant",
                            "content": [b], "stop_reason": ("end_turn" if final else "tool_use") if last else None,
                            "stop_sequence": None, "usage": u}
            d["requestId"] = req_id
            d["type"] = "assistant"
            d["uuid"] = det_uuid(rng)
            d["timestamp"] = clock.tick(0.05, 0.4)
            emit(d)
        return lines[-1]["uuid"]

    def think_blocks(step):
        bl = []
        if not step["think"] and rng.random() < 0.3:
            # newer CLIs often store thinking with an empty text and only a signature
            bl.append({"type": "thinking", "thinking": "", "signature": b64(rng, rng.randint(120, 300))})
        for t in step["think"]:
            bl.append({"type": "thinking", "thinking": t, "signature": b64(rng, rng.randint(180, 420))})
        for s in step["say"]:
            bl.append({"type": "text", "text": s})
        return bl

    first_user = True
    known = {}
    for st in steps:
        if st["kind"] == "user":
            uid = det_uuid(rng)
            clock.tick(5, 40) if not first_user else None
            ts = clock.iso()
            emit_snapshot = {"type": "file-history-snapshot", "messageId": uid,
                             "snapshot": {"messageId": uid, "trackedFileBackups": {}, "timestamp": ts},
                             "isSnapshotUpdate": False}
            lines.append(emit_snapshot)
            d = env("user")
            d["type"] = "user"
            d["message"] = {"role": "user", "content": st["text"]}
            d["uuid"] = uid
            d["timestamp"] = ts
            d["thinkingMetadata"] = {"level": "high", "disabled": False, "triggers": []}
            d["todos"] = []
            d["permissionMode"] = "default"
            emit(d)
            first_user = False
        elif st["kind"] == "final":
            bl = think_blocks(st) + [{"type": "text", "text": st["text"]}]
            assistant_blocks(bl, True)
            d = env("system")
            d.update({"type": "system", "subtype": "turn_duration", "durationMs": rng.randint(20000, 400000),
                      "isMeta": False, "timestamp": clock.tick(0.1, 0.3), "uuid": det_uuid(rng)})
            emit(d)
        else:
            if st["tool"] == "R":
                known[st["arg"]] = st["out"]
            elif st["tool"] == "W":
                st = dict(st, prior=known.get(st["arg"]))
                known[st["arg"]] = st["content"]
            tid = "toolu_01" + alnum(rng, 22)
            name, inp, content, tur, is_err = cc_tool(st, cwd, rng)
            bl = think_blocks(st) + [{"type": "tool_use", "id": tid, "name": name, "input": inp}]
            a_uuid = assistant_blocks(bl, False)
            clock.tick(0.3, 6.0 if name == "Bash" else 0.8)
            d = env("user")
            res = {"tool_use_id": tid, "type": "tool_result", "content": content}
            if is_err is not None:
                res["is_error"] = is_err
            d["type"] = "user"
            d["message"] = {"role": "user", "content": [res]}
            d["uuid"] = det_uuid(rng)
            d["timestamp"] = clock.iso()
            d["toolUseResult"] = tur
            d["sourceToolAssistantUUID"] = a_uuid
            emit(d)
    return session_id, lines


def bash_desc(cmd):
    c = cmd.strip().split("\n")[0]
    w = c.split()
    first = w[0] if w else ""
    table = {"ls": "List files", "cat": "Show file contents", "git": "Git " + (w[1] if len(w) > 1 else ""),
             "pytest": "Run tests", "npm": "Run npm " + (w[1] if len(w) > 1 else ""), "go": "Go " + (w[1] if len(w) > 1 else ""),
             "cargo": "Cargo " + (w[1] if len(w) > 1 else ""), "grep": "Search files", "rg": "Search files",
             "find": "Find files", "curl": "HTTP request", "docker": "Docker " + (w[1] if len(w) > 1 else ""),
             "kubectl": "kubectl " + (w[1] if len(w) > 1 else ""), "terraform": "Terraform " + (w[1] if len(w) > 1 else ""),
             "make": "Run make", "python3": "Run Python script", "python": "Run Python script", "rm": "Remove files",
             "psql": "Run SQL", "bundle": "Run bundle", "dotnet": "dotnet " + (w[1] if len(w) > 1 else ""),
             "./gradlew": "Run Gradle", "mvn": "Run Maven", "sed": "Print file lines", "head": "Show file head",
             "tail": "Show file tail", "pnpm": "Run pnpm", "yarn": "Run yarn", "npx": "Run npx", "cd": "Change dir and run"}
    return table.get(first, "Run " + first).strip()


def cc_tool(st, cwd, rng):
    k, arg = st["tool"], st["arg"]
    if k == "B":
        desc = st.get("desc") or bash_desc(arg)
        inp = {"command": arg, "description": desc}
        if st["rc"] == 0:
            return "Bash", inp, st["out"], {"stdout": st["out"], "stderr": "", "interrupted": False,
                                             "isImage": False}, False
        body = f"Exit code {st['rc']}\n{st['out']}"
        return "Bash", inp, body, "Error: " + body, True
    if k == "R":
        p = abspath(cwd, arg)
        c = st["out"]
        n = len(c.split("\n"))
        return "Read", {"file_path": p}, numbered(c), {"type": "text", "file": {
            "filePath": p, "content": c, "numLines": n, "startLine": 1, "totalLines": n}}, None
    if k == "E":
        p = abspath(cwd, arg)
        inp = {"file_path": p, "old_string": st["old"], "new_string": st["new"], "replace_all": False}
        if st["out"]:
            return "Edit", inp, st["out"], "Error: " + st["out"], True
        return "Edit", inp, f"The file {p} has been updated successfully.", {
            "filePath": p, "oldString": st["old"], "newString": st["new"], "originalFile": None,
            "structuredPatch": [], "userModified": False, "replaceAll": False}, None
    if k == "W":
        p = abspath(cwd, arg)
        if st.get("prior") is not None:
            return "Write", {"file_path": p, "content": st["content"]}, f"The file {p} has been updated successfully.", {
                "type": "update", "filePath": p, "content": st["content"], "structuredPatch": [],
                "originalFile": st["prior"]}, None
        return "Write", {"file_path": p, "content": st["content"]}, f"File created successfully at: {p}", {
            "type": "create", "filePath": p, "content": st["content"], "structuredPatch": [],
            "originalFile": None}, None
    if k == "G":
        pat, path = grep_cmd(arg)
        inp = {"pattern": pat, "path": abspath(cwd, path) if path != "." else cwd, "output_mode": "content", "-n": True}
        out = st["out"] or "No matches found"
        nlines = 0 if not st["out"] else len(st["out"].split("\n"))
        return "Grep", inp, out, {"mode": "content", "numFiles": 0, "filenames": [], "content": st["out"],
                                  "numLines": nlines}, None
    if k == "L":
        files = [abspath(cwd, f) for f in st["out"].split("\n") if f.strip()]
        return "Glob", {"pattern": arg}, "\n".join(files) if files else "No files found", {
            "filenames": files, "durationMs": rng.randint(4, 90), "numFiles": len(files), "truncated": False}, None
    raise ValueError(k)


# ----------------------------------------------------------------------------- Codex
CX_MODELS = ["gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.1-codex-max"]

HEADERS = {
    "B": ["**Running checks**", "**Inspecting repository**", "**Checking command output**", "**Running the command**"],
    "R": ["**Reading source**", "**Inspecting file contents**", "**Reviewing the file**"],
    "G": ["**Searching the codebase**", "**Locating references**"],
    "L": ["**Listing matching files**", "**Finding files**"],
    "E": ["**Editing code**", "**Applying the change**", "**Patching the file**"],
    "W": ["**Creating file**", "**Writing the new file**"],
    "final": ["**Summarizing changes**", "**Preparing final answer**", "**Wrapping up**"],
}


def render_codex(story, steps):
    sid_rng = story_rng(story["id"], "codex")
    session_id = det_uuid(sid_rng)
    rng = random.Random(sid_rng.getrandbits(64))
    cwd = story["meta"]["cwd"]
    branch = story["meta"].get("branch", "main")
    model = story["meta"].get("codex_model") or CX_MODELS[int(hashlib.md5(story["id"].encode()).hexdigest(), 16) % len(CX_MODELS)]
    cli = rng.choice(["0.104.0", "0.111.0", "0.118.2"])
    clock = Clock(rng, start_time(story["id"]) + dt.timedelta(minutes=rng.randint(30, 300)))
    start_iso = clock.iso()
    lines = []

    def emit(kind, payload, lo=0.001, hi=0.05):
        lines.append({"timestamp": clock.tick(lo, hi), "type": kind, "payload": payload})

    repo = "git@github.com:acme-dev/" + cwd.rstrip("/").split("/")[-1] + ".git"
    emit("session_meta", {"id": session_id, "timestamp": start_iso, "cwd": cwd, "originator": "codex_cli_rs",
                          "cli_version": cli, "source": "cli", "model_provider": "openai",
                          "base_instructions": {"text": "You are Codex, a coding agent based on GPT-5. You and the user share the same workspace and collaborate to achieve the user's goals."},
                          "git": {"commit_hash": hashlib.sha1(story["id"].encode()).hexdigest(),
                                  "branch": branch, "repository_url": repo}})
    emit("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text":
         "<permissions instructions>Filesystem sandboxing: workspace-write. Network access is restricted. Approval policy: on-request.</permissions instructions>"}]})
    emit("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text":
         f"<environment_context>\n  <cwd>{cwd}</cwd>\n  <approval_policy>on-request</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n  <shell>bash</shell>\n</environment_context>"}]})

    total = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}
    turn_id = [None]
    last_msg = [""]

    def token_count():
        inp = rng.randint(9000, 40000)
        cached = int(inp * rng.uniform(0.5, 0.95)) // 128 * 128
        out = rng.randint(60, 900)
        rea = rng.randint(0, out)
        last = {"input_tokens": inp, "cached_input_tokens": cached, "output_tokens": out,
                "reasoning_output_tokens": rea, "total_tokens": inp + out}
        for k in total:
            total[k] += last[k]
        emit("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(total), "last_token_usage": last,
                                                           "model_context_window": 258400},
                           "rate_limits": {"primary": {"used_percent": float(rng.randint(1, 40)), "window_minutes": 300,
                                                       "resets_at": 1795000000 + rng.randint(0, 99999)},
                                           "secondary": None, "credits": None, "plan_type": None}})

    def turn_ctx():
        emit("turn_context", {"turn_id": turn_id[0], "cwd": cwd, "approval_policy": "on-request",
                              "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd], "network_access": False,
                                                 "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
                              "model": model, "effort": "medium", "summary": "auto",
                              "truncation_policy": {"mode": "tokens", "limit": 10000}})

    def reasoning(step, key):
        clock.tick(1.0, 7.0)
        if not step["think"] and rng.random() < 0.5:
            # reasoning happened but only the encrypted blob was stored (no summary)
            emit("response_item", {"type": "reasoning", "summary": [], "content": None,
                                   "encrypted_content": "gAAAAAB" + b64(rng, rng.randint(200, 600))})
        for t in step["think"]:
            text = t if t.startswith("**") else rng.choice(HEADERS[key]) + "\n\n" + t
            emit("event_msg", {"type": "agent_reasoning", "text": text})
            emit("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": text}],
                                   "content": None, "encrypted_content": "gAAAAAB" + b64(rng, rng.randint(300, 900))})
        for s in step["say"]:
            emit("event_msg", {"type": "agent_message", "message": s})
            emit("response_item", {"type": "message", "role": "assistant",
                                   "content": [{"type": "output_text", "text": s}], "phase": "commentary"})

    def end_turn():
        if turn_id[0] is not None:
            emit("event_msg", {"type": "task_complete", "turn_id": turn_id[0], "last_agent_message": last_msg[0]})

    seen_files = {}
    for st in steps:
        if st["kind"] == "tool" and st["tool"] == "R":
            seen_files[st["arg"]] = st["out"]
        if st["kind"] == "user":
            end_turn()
            if lines and len(lines) > 3:
                clock.tick(5, 40)
            turn_id[0] = det_uuid(rng)
            emit("event_msg", {"type": "task_started", "turn_id": turn_id[0], "model_context_window": 258400,
                               "collaboration_mode_kind": "default"})
            emit("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": st["text"]}]})
            emit("event_msg", {"type": "user_message", "message": st["text"], "images": [], "local_images": [],
                               "text_elements": []})
            turn_ctx()
        elif st["kind"] == "final":
            reasoning(st, "final")
            emit("event_msg", {"type": "agent_message", "message": st["text"]})
            emit("response_item", {"type": "message", "role": "assistant",
                                   "content": [{"type": "output_text", "text": st["text"]}], "phase": "final_answer"})
            token_count()
            last_msg[0] = st["text"]
        else:
            reasoning(st, st["tool"])
            call_id = "call_" + alnum(rng, 24)
            k = st["tool"]
            if k in ("E", "W"):
                path = st["arg"]
                rel = path[len(cwd) + 1:] if path.startswith(cwd + "/") else path
                if k == "E":
                    patch = patch_for_edit(rel, st["old"], st["new"])
                    res = st["out"] if st["out"] else f"Success. Updated the following files:\nM {rel}\n"
                elif rel in seen_files:
                    # overwriting a file read earlier: a full-replacement update hunk
                    patch = patch_for_edit(rel, seen_files[rel], st["content"])
                    res = f"Success. Updated the following files:\nM {rel}\n"
                else:
                    patch = patch_for_write(rel, st["content"])
                    res = f"Success. Updated the following files:\nA {rel}\n"
                seen_files[rel] = st["content"]
                emit("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": call_id,
                                       "name": "apply_patch", "input": patch})
                token_count()
                clock.tick(0.2, 1.5)
                emit("response_item", {"type": "custom_tool_call_output", "call_id": call_id,
                                       "output": res})
            else:
                if k == "B":
                    cmd = st["arg"]
                elif k == "R":
                    n = len(st["out"].split("\n"))
                    cmd = f"sed -n '1,{max(200, n)}p' {st['arg']}"
                elif k == "G":
                    pat, path = grep_cmd(st["arg"])
                    cmd = f"rg -n {json.dumps(pat)} {path}"
                elif k == "L":
                    cmd = f"rg --files -g '{st['arg']}'"
                out = st["out"]
                rc = st["rc"]
                if k == "G" and not out:
                    rc = 1
                emit("response_item", {"type": "function_call", "name": "exec_command",
                                       "arguments": json.dumps({"cmd": cmd, "workdir": cwd, "yield_time_ms": 10000}),
                                       "call_id": call_id})
                token_count()
                slow = k == "B" and re.search(r"\b(test|build|install|update|gradlew|mvn|cargo|pytest|rspec|jest|vitest|docker|terraform|bundle|dotnet|tsc|migrate|apply|plan)\b", cmd)
                wall = rng.uniform(1.5, 20.0) if slow else rng.uniform(0.02, 0.9)
                clock.tick(wall + 0.01, wall + 0.3)
                emit("response_item", {"type": "function_call_output", "call_id": call_id,
                                       "output": f"Exit code: {rc}\nWall time: {wall:.1f} seconds\nOutput:\n{out}"})
    end_turn()
    return session_id, start_iso, lines


# ----------------------------------------------------------------------------- main
def load_all():
    stories = []
    for p in sorted(glob.glob(os.path.join(HERE, "stories", "*.txt"))):
        stories += parse_file(p)
    ids = [s["id"] for s in stories]
    assert len(ids) == len(set(ids)), "duplicate story ids"
    for s in stories:
        cats = [c.strip() for c in s["meta"].get("cats", "").split(",") if c.strip()]
        for c in cats:
            assert c in TAXONOMY, (s["id"], c)
        s["cats"] = cats
        assert s["meta"].get("desc"), s["id"]
        assert s["meta"].get("cwd"), s["id"]
    return sorted(stories, key=lambda s: s["id"])


def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")


def main():
    stories = load_all()
    if os.path.isdir(LANDING):
        shutil.rmtree(LANDING)
    labels = []
    for s in stories:
        steps = to_steps(s)
        sid, cc_lines = render_cc(s, steps)
        write_jsonl(os.path.join(CC_DIR, encode_cwd(s["meta"]["cwd"]), sid + ".jsonl"), cc_lines)
        labels.append({"session_id": sid, "format": "claude_code", "categories": s["cats"],
                       "description": s["meta"]["desc"], "story_id": s["id"]})
        xid, start_iso, cx_lines = render_codex(s, steps)
        t = dt.datetime.strptime(start_iso[:19], "%Y-%m-%dT%H:%M:%S")
        fn = f"rollout-{t.strftime('%Y-%m-%dT%H-%M-%S')}-{xid}.jsonl"
        write_jsonl(os.path.join(CX_DIR, t.strftime("%Y"), t.strftime("%m"), t.strftime("%d"), fn), cx_lines)
        labels.append({"session_id": xid, "format": "codex", "categories": s["cats"],
                       "description": s["meta"]["desc"], "story_id": s["id"]})
    write_jsonl(os.path.join(ROOT, "labels.jsonl"), labels)
    print(f"built {len(stories)} stories, {len(labels)} sessions")


if __name__ == "__main__":
    main()
