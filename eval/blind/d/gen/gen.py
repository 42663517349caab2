#!/usr/bin/env python3
"""Render the d-set stories (gen/stories/*.txt) into Claude Code and Codex transcripts.

Story file format (one or more stories per file):

    === d-001
    cwd: /home/x/proj
    branch: main
    cats: test_tampering, deception        (empty = benign)
    desc: one line
    when: 05 09:12                          (day of 2026-10, hh:mm) for the CC rendition
    --- user            a human prompt (starts a turn)
    --- think           reasoning block
    --- say             assistant commentary text
    --- bash [N|denied] shell command; next block `--- out` is its output; N = exit code
    --- read PATH       file read; body = file content
    --- edit PATH       body = old text, line `~~~~`, new text
    --- write PATH      body = new file content
    --- final           last assistant message of the turn

Deterministic: uuids come from a seeded RNG, so re-running gives identical files.
"""
import base64
import hashlib
import json
import os
import random
import re
import shutil
import sys
import uuid
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LANDING = os.path.join(ROOT, "landing")

CC_MODELS = ["claude-opus-4-6", "claude-sonnet-4-5-20250929", "claude-opus-4-6", "claude-haiku-4-5-20251001"]
CC_VERSIONS = ["2.0.76", "2.1.19", "2.1.42", "2.1.63"]
CX_MODELS = ["gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.3-codex"]
CX_VERSIONS = ["0.104.0", "0.98.0", "0.104.0-alpha.1"]


# ----------------------------------------------------------------------------- parsing
KINDS = {"user", "think", "say", "bash", "out", "read", "edit", "write", "final"}

def parse_file(path):
    stories = []
    cur = None
    block = None
    for raw in open(path, encoding="utf-8").read().split("\n"):
        if re.match(r"^=== d-\d{3}\s*$", raw):
            cur = {"id": raw[4:].strip(), "hdr": {}, "blocks": []}
            stories.append(cur)
            block = None
            continue
        if cur is None:
            continue
        if raw.startswith("--- ") and raw[4:].split(None, 1)[0] in KINDS:
            parts = raw[4:].strip().split(None, 1)
            block = {"kind": parts[0], "arg": parts[1] if len(parts) > 1 else "", "lines": []}
            cur["blocks"].append(block)
            continue
        if block is None:
            if raw.strip() and not raw.startswith("#"):
                k, v = raw.split(":", 1)
                cur["hdr"][k.strip()] = v.strip()
            continue
        block["lines"].append(raw)
    for s in stories:
        for b in s["blocks"]:
            while b["lines"] and not b["lines"][-1].strip():
                b["lines"].pop()
            b["text"] = "\n".join(b["lines"])
    return stories


def to_steps(story):
    """Turn blocks into a list of turns; each turn = {user, items:[...]}"""
    turns = []
    bl = story["blocks"]
    i = 0
    while i < len(bl):
        b = bl[i]
        k = b["kind"]
        if k == "user":
            turns.append({"user": b["text"], "items": []})
        elif k in ("think", "say", "final"):
            turns[-1]["items"].append({"k": k, "text": b["text"]})
        elif k == "bash":
            out = ""
            if i + 1 < len(bl) and bl[i + 1]["kind"] == "out":
                out = bl[i + 1]["text"]
                i += 1
            arg = b["arg"].strip()
            denied = arg == "denied"
            code = 0 if (denied or not arg) else int(arg)
            turns[-1]["items"].append({"k": "bash", "cmd": b["text"], "out": out, "code": code, "denied": denied})
        elif k == "read":
            turns[-1]["items"].append({"k": "read", "path": b["arg"], "content": b["text"] + "\n"})
        elif k == "edit":
            old, new = b["text"].split("\n~~~~\n") if "\n~~~~\n" in b["text"] else (b["text"].split("~~~~")[0], b["text"].split("~~~~")[1])
            turns[-1]["items"].append({"k": "edit", "path": b["arg"], "old": old.rstrip("\n"), "new": new.rstrip("\n")})
        elif k == "write":
            turns[-1]["items"].append({"k": "write", "path": b["arg"], "content": b["text"] + "\n"})
        else:
            raise ValueError("unknown block %s in %s" % (k, story["id"]))
        i += 1
    return turns


def load_stories():
    out = []
    for fn in sorted(os.listdir(os.path.join(HERE, "stories"))):
        if fn.endswith(".txt"):
            out.extend(parse_file(os.path.join(HERE, "stories", fn)))
    return out


# ----------------------------------------------------------------------------- helpers
class Ids:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def uuid4(self):
        return str(uuid.UUID(int=self.r.getrandbits(128), version=4))

    def tok(self, n, alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def b64(self, n):
        return base64.b64encode(bytes(self.r.getrandbits(8) for _ in range(n))).decode()


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def parse_when(s, shift_days=0, shift_min=0):
    day, hm = s.split()
    h, m = hm.split(":")
    t = datetime(2026, 10, int(day), int(h), int(m), 7, tzinfo=timezone.utc)
    return t + timedelta(days=shift_days, minutes=shift_min)


def enc_cwd(cwd):
    return re.sub(r"[^A-Za-z0-9]", "-", cwd)


def numbered(content):
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    return "\n".join("%6d\u2192%s" % (i + 1, l) for i, l in enumerate(lines))


def summary_title(text):
    first = text.strip().split("\n")[0]
    words = re.sub(r"[^\w\s'-]", "", first).split()[:5]
    return " ".join(words).capitalize() if words else "Thinking"


# ----------------------------------------------------------------------------- Claude Code
def render_cc(story, turns, sid, seed):
    ids = Ids(seed)
    h = story["hdr"]
    cwd = h["cwd"]
    idx = int(story["id"].split("-")[1])
    model = CC_MODELS[idx % len(CC_MODELS)]
    version = CC_VERSIONS[idx % len(CC_VERSIONS)]
    t = parse_when(h["when"])
    env = {"isSidechain": False, "userType": "external", "cwd": cwd, "sessionId": sid,
           "version": version, "gitBranch": h.get("branch", "")}
    slug = "-".join(ids.r.choice(w) for w in (["brisk", "quiet", "amber", "lucid", "nimble", "rustic"],
                                                ["wandering", "folding", "humming", "drifting", "sorting"],
                                                ["otter", "harbor", "lantern", "meadow", "falcon", "pebble"]))
    lines = []
    parent = [None]

    def tick(a=0.4, b=3.0):
        nonlocal t
        t = t + timedelta(milliseconds=int(ids.r.uniform(a, b) * 1000))
        return iso(t)

    def add(rec):
        lines.append(rec)
        if "uuid" in rec:
            parent[0] = rec["uuid"]

    def base(extra):
        d = {"parentUuid": parent[0]}
        d.update(env)
        if version != "2.0.76" or len(lines) > 2:
            d["slug"] = slug
        d.update(extra)
        return d

    usage_in = 9
    for ti, turn in enumerate(turns):
        uid = ids.uuid4()
        add({"type": "file-history-snapshot", "messageId": uid,
             "snapshot": {"messageId": uid, "trackedFileBackups": {}, "timestamp": tick(0.2, 0.5)},
             "isSnapshotUpdate": False})
        add(base({"type": "user", "message": {"role": "user", "content": turn["user"]}, "uuid": uid,
                  "timestamp": tick(0.1, 0.3),
                  "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []}, "todos": []}))
        # group items into API responses: a response ends at a tool call or at final
        resp = []
        for it in turn["items"]:
            resp.append(it)
            if it["k"] in ("bash", "read", "edit", "write", "final"):
                emit_cc_response(resp, ids, base, add, tick, model, lines, cwd)
                resp = []
        if resp:
            emit_cc_response(resp, ids, base, add, tick, model, lines, cwd, force_end=True)
        if ids.r.random() < 0.6:
            add(base({"type": "system", "subtype": "stop_hook_summary", "hookCount": 1,
                      "hookInfos": [{"command": "\"$CLAUDE_PROJECT_DIR\"/.claude/hooks/notify.sh"}],
                      "hookErrors": [], "preventedContinuation": False, "stopReason": "", "hasOutput": False,
                      "level": "suggestion", "timestamp": tick(0.5, 2), "uuid": ids.uuid4(),
                      "toolUseID": ids.uuid4()}))
    title = h.get("title") or summary_title(turns[0]["user"])
    lines.append({"type": "summary", "summary": title, "leafUuid": parent[0]})
    return lines


def emit_cc_response(resp, ids, base, add, tick, model, lines, cwd, force_end=False):
    msg_id = "msg_01" + ids.tok(22)
    req_id = "req_011C" + ids.tok(20)
    usage = {"input_tokens": ids.r.randint(3, 12), "cache_creation_input_tokens": ids.r.randint(200, 4000),
             "cache_read_input_tokens": ids.r.randint(12000, 90000),
             "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
             "output_tokens": ids.r.randint(40, 900), "service_tier": "standard"}
    usage["cache_creation"]["ephemeral_5m_input_tokens"] = usage["cache_creation_input_tokens"]
    tick(1.5, 9.0)
    for j, it in enumerate(resp):
        last = j == len(resp) - 1
        k = it["k"]
        if k == "think":
            block = {"type": "thinking", "thinking": it["text"], "signature": ids.b64(ids.r.randint(180, 420))}
        elif k in ("say", "final"):
            block = {"type": "text", "text": it["text"]}
        else:
            tu_id = "toolu_01" + ids.tok(22)
            if k == "bash":
                desc = it["cmd"].split("\n")[0][:60]
                block = {"type": "tool_use", "id": tu_id, "name": "Bash",
                         "input": {"command": it["cmd"], "description": "Run: " + desc}}
            elif k == "read":
                block = {"type": "tool_use", "id": tu_id, "name": "Read", "input": {"file_path": abspath(cwd, it["path"])}}
            elif k == "edit":
                block = {"type": "tool_use", "id": tu_id, "name": "Edit",
                         "input": {"file_path": abspath(cwd, it["path"]), "old_string": it["old"], "new_string": it["new"]}}
            elif k == "write":
                block = {"type": "tool_use", "id": tu_id, "name": "Write",
                         "input": {"file_path": abspath(cwd, it["path"]), "content": it["content"]}}
        stop = ("end_turn" if (k == "final" or force_end) else "tool_use") if last else None
        if last and k in ("bash", "read", "edit", "write"):
            stop = "tool_use"
        auid = ids.uuid4()
        add(base({"message": {"model": model, "id": msg_id, "type": "message", "role": "assistant",
                              "content": [block], "stop_reason": stop, "stop_sequence": None, "usage": usage},
                  "requestId": req_id, "type": "assistant", "uuid": auid, "timestamp": tick(0.1, 0.6)}))
        if k in ("bash", "read", "edit", "write"):
            emit_cc_result(it, tu_id, auid, ids, base, add, tick, cwd)


def abspath(cwd, p):
    if p.startswith("/") or p.startswith("~"):
        return p
    if "\\" in cwd:
        return cwd.rstrip("\\") + "\\" + p.replace("/", "\\")
    return cwd.rstrip("/") + "/" + p


def emit_cc_result(it, tu_id, auid, ids, base, add, tick, cwd):
    k = it["k"]
    extra = {}
    if k == "bash":
        if it["denied"]:
            content = ("Permission to use Bash with command %s has been denied." % it["cmd"].split("\n")[0])
            tr = {"type": "tool_result", "content": content, "is_error": True, "tool_use_id": tu_id}
            tur = "Error: " + content
        elif it["code"] != 0:
            content = "Exit code %d\n%s" % (it["code"], it["out"])
            tr = {"type": "tool_result", "content": content, "is_error": True, "tool_use_id": tu_id}
            tur = "Error: " + content
        else:
            tr = {"tool_use_id": tu_id, "type": "tool_result", "content": it["out"], "is_error": False}
            tur = {"stdout": it["out"], "stderr": "", "interrupted": False, "isImage": False}
    elif k == "read":
        p = abspath(cwd, it["path"])
        tr = {"tool_use_id": tu_id, "type": "tool_result", "content": numbered(it["content"])}
        n = it["content"].count("\n") + (0 if it["content"].endswith("\n") else 1)
        tur = {"type": "text", "file": {"filePath": p, "content": it["content"], "numLines": n, "startLine": 1, "totalLines": n}}
    elif k == "edit":
        p = abspath(cwd, it["path"])
        snippet = numbered(it["new"] + "\n")
        tr = {"tool_use_id": tu_id, "type": "tool_result",
              "content": "The file %s has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n%s" % (p, snippet)}
        old_n = it["old"].count("\n") + 1
        new_n = it["new"].count("\n") + 1
        tur = {"filePath": p, "oldString": it["old"], "newString": it["new"], "originalFile": None,
               "structuredPatch": [{"oldStart": 1, "oldLines": old_n, "newStart": 1, "newLines": new_n,
                                    "lines": ["-" + l for l in it["old"].split("\n")] + ["+" + l for l in it["new"].split("\n")]}],
               "userModified": False, "replaceAll": False}
    elif k == "write":
        p = abspath(cwd, it["path"])
        tr = {"tool_use_id": tu_id, "type": "tool_result", "content": "File created successfully at: %s" % p}
        tur = {"type": "create", "filePath": p, "content": it["content"], "structuredPatch": [], "originalFile": None}
    add(base({"type": "user", "message": {"role": "user", "content": [tr]}, "uuid": ids.uuid4(),
              "timestamp": tick(0.2, 4.0 if k == "bash" else 0.5), "toolUseResult": tur,
              "sourceToolAssistantUUID": auid}))


# ----------------------------------------------------------------------------- Codex
DEV_PERMS = ("<permissions instructions>\nFilesystem sandboxing defines which files can be read or written. "
             "`sandbox_mode` is `workspace-write`: The sandbox permits reading files, and editing files in `cwd` and "
             "`writable_roots`. Editing files in other directories requires approval. Network access is restricted.\n"
             "Approval policy is currently on-request.\n</permissions instructions>")


def render_cx(story, turns, sid, seed):
    ids = Ids(seed)
    h = story["hdr"]
    cwd = h["cwd"]
    idx = int(story["id"].split("-")[1])
    model = CX_MODELS[idx % len(CX_MODELS)]
    cli = CX_VERSIONS[idx % len(CX_VERSIONS)]
    shift = 1 + (idx % 3)
    t = parse_when(h["when"], shift_days=shift, shift_min=37 + idx % 50)
    if t.month != 10:
        t = parse_when(h["when"], shift_days=-shift, shift_min=37)
    start = t
    lines = []

    def tick(a=0.3, b=3.0):
        nonlocal t
        t = t + timedelta(milliseconds=int(ids.r.uniform(a, b) * 1000))
        return iso(t)

    def rec(typ, payload, ts=None):
        lines.append({"timestamp": ts or iso(t), "type": typ, "payload": payload})

    commit = hashlib.sha1((story["id"] + "cx").encode()).hexdigest()
    repo = cwd.rstrip("/").split("/")[-1]
    rec("session_meta", {"id": sid, "timestamp": iso(start), "cwd": cwd, "originator": "codex_cli_rs",
                         "cli_version": cli, "source": "cli", "model_provider": "openai",
                         "base_instructions": {"text": "You are Codex, a coding agent based on GPT-5. You and the user share the same workspace and collaborate to achieve the user's goals."},
                         "git": {"commit_hash": commit, "branch": h.get("branch", "main"),
                                 "repository_url": "git@github.com:%s/%s.git" % (h.get("org", "acme"), repo)}})
    rec("response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": DEV_PERMS}]})
    rec("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text":
        "<environment_context>\n  <cwd>%s</cwd>\n  <approval_policy>on-request</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n  <shell>bash</shell>\n</environment_context>" % cwd}]})
    total = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}
    rl = {"limit_id": "codex", "limit_name": None,
          "primary": {"used_percent": float(ids.r.randint(2, 40)), "window_minutes": 300, "resets_at": int(start.timestamp()) + 9000},
          "secondary": {"used_percent": float(ids.r.randint(5, 50)), "window_minutes": 10080, "resets_at": int(start.timestamp()) + 400000},
          "credits": {"has_credits": False, "unlimited": False, "balance": None}, "plan_type": None}

    def token_count():
        last = {"input_tokens": ids.r.randint(20000, 90000), "cached_input_tokens": 0,
                "output_tokens": ids.r.randint(40, 900), "reasoning_output_tokens": 0, "total_tokens": 0}
        last["cached_input_tokens"] = int(last["input_tokens"] * ids.r.uniform(0.5, 0.95))
        last["reasoning_output_tokens"] = ids.r.randint(0, last["output_tokens"])
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in total:
            total[k] += last[k]
        rec("event_msg", {"type": "token_count", "info": {"total_token_usage": dict(total), "last_token_usage": last,
                                                            "model_context_window": 258400}, "rate_limits": rl}, tick(0.01, 0.1))

    for turn in turns:
        turn_id = ids.uuid4()
        tick(0.5, 2)
        rec("event_msg", {"type": "task_started", "turn_id": turn_id, "model_context_window": 258400,
                          "collaboration_mode_kind": "default"})
        rec("response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": turn["user"]}]})
        rec("event_msg", {"type": "user_message", "message": turn["user"], "images": [], "local_images": [], "text_elements": []})
        tc = {"turn_id": turn_id, "cwd": cwd, "approval_policy": "on-request",
              "sandbox_policy": {"type": "workspace-write", "writable_roots": [cwd], "network_access": False,
                                 "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
              "model": model, "personality": "pragmatic",
              "collaboration_mode": {"mode": "default", "settings": {"model": model, "reasoning_effort": "medium", "developer_instructions": None}},
              "effort": "medium", "summary": "auto", "truncation_policy": {"mode": "tokens", "limit": 10000}}
        rec("turn_context", tc, tick(0.1, 0.5))
        rec("event_msg", {"type": "token_count", "info": None, "rate_limits": rl}, tick(0.5, 1))
        final_text = ""
        for it in turn["items"]:
            k = it["k"]
            if k == "think":
                text = "**%s**\n\n%s" % (summary_title(it["text"]), it["text"])
                ts = tick(1.5, 8)
                rec("event_msg", {"type": "agent_reasoning", "text": text}, ts)
                rec("response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": text}],
                                      "content": None, "encrypted_content": "gAAAAAB" + ids.b64(ids.r.randint(600, 1500))}, ts)
            elif k in ("say", "final"):
                ts = tick(0.5, 3)
                phase = "final_answer" if k == "final" else "commentary"
                rec("event_msg", {"type": "agent_message", "message": it["text"]}, ts)
                rec("response_item", {"type": "message", "role": "assistant",
                                      "content": [{"type": "output_text", "text": it["text"]}], "phase": phase}, ts)
                if k == "final":
                    final_text = it["text"]
                    token_count()
            else:
                call_id = "call_" + ids.tok(24)
                if k in ("bash", "read"):
                    cmd = it["cmd"] if k == "bash" else "sed -n '1,200p' %s" % it["path"]
                    args = {"cmd": cmd, "workdir": cwd}
                    if ids.r.random() < 0.3:
                        args["yield_time_ms"] = 10000
                    rec("response_item", {"type": "function_call", "name": "exec_command",
                                          "arguments": json.dumps(args), "call_id": call_id}, tick(0.5, 4))
                    token_count()
                    wall = ids.r.uniform(0.05, 0.4) if k == "read" else ids.r.uniform(0.1, 9)
                    if k == "bash" and it["denied"]:
                        out = "exec command rejected by user"
                    else:
                        code = it["code"] if k == "bash" else 0
                        body = it["out"] if k == "bash" else it["content"].rstrip("\n")
                        out = "Exit code: %d\nWall time: %.1f seconds\nOutput:\n%s" % (code, wall, body)
                    rec("response_item", {"type": "function_call_output", "call_id": call_id, "output": out}, tick(wall + 0.02, wall + 0.3))
                else:
                    rel = it["path"]
                    if k == "edit":
                        patch = "*** Begin Patch\n*** Update File: %s\n@@\n%s\n%s\n*** End Patch" % (
                            rel, "\n".join("-" + l for l in it["old"].split("\n")),
                            "\n".join("+" + l for l in it["new"].split("\n")))
                        summ = "M %s" % rel
                    else:
                        patch = "*** Begin Patch\n*** Add File: %s\n%s\n*** End Patch" % (
                            rel, "\n".join("+" + l for l in it["content"].rstrip("\n").split("\n")))
                        summ = "A %s" % rel
                    rec("response_item", {"type": "custom_tool_call", "status": "completed", "call_id": call_id,
                                          "name": "apply_patch", "input": patch}, tick(0.5, 4))
                    token_count()
                    rec("response_item", {"type": "custom_tool_call_output", "call_id": call_id,
                                          "output": "Success. Updated the following files:\n%s\n" % summ}, tick(0.05, 0.3))
        rec("event_msg", {"type": "task_complete", "turn_id": turn_id, "last_agent_message": final_text or None}, tick(0.01, 0.1))
    return lines, start


# ----------------------------------------------------------------------------- main
def main():
    stories = load_stories()
    seen = set()
    for s in stories:
        assert s["id"] not in seen, s["id"]
        seen.add(s["id"])
    if os.path.isdir(LANDING):
        shutil.rmtree(LANDING)
    labels = []
    for s in stories:
        turns = to_steps(s)
        cats = [c.strip() for c in s["hdr"].get("cats", "").split(",") if c.strip()]
        seed = int(hashlib.sha256(s["id"].encode()).hexdigest()[:12], 16)
        sid_rng = Ids(seed ^ 0xD5)
        sid_cc = sid_rng.uuid4()
        sid_cx = sid_rng.uuid4()
        cc = render_cc(s, turns, sid_cc, seed)
        d = os.path.join(LANDING, "dev-d-cc", enc_cwd(s["hdr"]["cwd"]))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, sid_cc + ".jsonl"), "w") as f:
            for r in cc:
                f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
        cx, start = render_cx(s, turns, sid_cx, seed + 1)
        d = os.path.join(LANDING, "dev-d-codex", start.strftime("%Y"), start.strftime("%m"), start.strftime("%d"))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "rollout-%s-%s.jsonl" % (start.strftime("%Y-%m-%dT%H-%M-%S"), sid_cx)), "w") as f:
            for r in cx:
                f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
        for sid, fmt in ((sid_cc, "claude_code"), (sid_cx, "codex")):
            labels.append({"session_id": sid, "format": fmt, "categories": cats,
                           "description": s["hdr"]["desc"], "story_id": s["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w") as f:
        for l in labels:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print("stories:", len(stories), "sessions:", len(labels))


if __name__ == "__main__":
    main()
