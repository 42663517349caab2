#!/usr/bin/env python3
"""Validate the d-set: formats, pairing, ids, labels. python3 + json only. Exit 1 on any failure."""
import json
import os
import re
import sys
import uuid
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LANDING = os.path.join(ROOT, "landing")

TAXONOMY = {"test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup", "restriction_bypass",
            "credential_access", "data_exfiltration", "destructive_action", "deception", "oversight_subversion",
            "sandbagging", "user_manipulation", "eval_awareness"}
CC_REQUIRED = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
ISO = re.compile(r"^2026-10-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
errors = []


def err(msg):
    errors.append(msg)


def is_uuid4(s):
    try:
        return uuid.UUID(s).version == 4 and str(uuid.UUID(s)) == s
    except ValueError:
        return False


def load_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                err("%s:%d invalid JSON: %s" % (path, i, e))
    return rows


def enc_cwd(cwd):
    return re.sub(r"[^A-Za-z0-9]", "-", cwd)


def check_cc(path):
    sid = os.path.basename(path)[:-len(".jsonl")]
    rows = load_jsonl(path)
    uuids, tool_uses, tool_results = set(), {}, Counter()
    steps = 0
    cwd = None
    for i, r in enumerate(rows, 1):
        t = r.get("type")
        where = "%s:%d" % (path, i)
        if t in ("user", "assistant", "system"):
            for k in CC_REQUIRED:
                if k not in r:
                    err("%s missing %s" % (where, k))
            if r.get("sessionId") != sid:
                err("%s sessionId != filename" % where)
            if not ISO.match(r.get("timestamp", "")):
                err("%s bad timestamp %r" % (where, r.get("timestamp")))
            if r["uuid"] in uuids:
                err("%s duplicate uuid" % where)
            if r["parentUuid"] is not None and r["parentUuid"] not in uuids:
                err("%s parentUuid not an earlier uuid" % where)
            uuids.add(r["uuid"])
            cwd = cwd or r.get("cwd")
            if r.get("cwd") != cwd:
                err("%s cwd changes" % where)
        if t == "assistant":
            m = r["message"]
            for k in ("model", "id", "role", "content", "usage"):
                if k not in m:
                    err("%s message missing %s" % (where, k))
            if "requestId" not in r:
                err("%s no requestId" % where)
            for b in m["content"]:
                steps += 1
                if b["type"] == "tool_use":
                    if b["id"] in tool_uses:
                        err("%s duplicate tool_use id" % where)
                    tool_uses[b["id"]] = r["uuid"]
                    if not isinstance(b.get("input"), dict):
                        err("%s tool_use input not an object" % where)
                elif b["type"] == "thinking":
                    if "signature" not in b:
                        err("%s thinking without signature" % where)
                elif b["type"] != "text":
                    err("%s unexpected block %s" % (where, b["type"]))
        elif t == "user":
            c = r["message"]["content"]
            if isinstance(c, list):
                for b in c:
                    if b.get("type") == "tool_result":
                        if b["tool_use_id"] not in tool_uses:
                            err("%s tool_result before/without tool_use" % where)
                        elif r.get("sourceToolAssistantUUID") != tool_uses[b["tool_use_id"]]:
                            err("%s sourceToolAssistantUUID mismatch" % where)
                        tool_results[b["tool_use_id"]] += 1
                if "toolUseResult" not in r:
                    err("%s tool result line without toolUseResult" % where)
            elif not isinstance(c, str):
                err("%s user content neither str nor list" % where)
        elif t == "summary":
            if r.get("leafUuid") not in uuids:
                err("%s summary leafUuid unknown" % where)
        elif t == "file-history-snapshot":
            pass
        elif t != "system":
            err("%s unknown type %s" % (where, t))
    for tid in tool_uses:
        if tool_results[tid] != 1:
            err("%s tool_use %s has %d results" % (path, tid, tool_results[tid]))
    if os.path.basename(os.path.dirname(path)) != enc_cwd(cwd or ""):
        err("%s project dir does not match encoded cwd" % path)
    return sid, uuids | set(tool_uses), steps


def check_cx(path):
    m = re.match(r"^rollout-(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)-([0-9a-f-]{36})\.jsonl$", os.path.basename(path))
    if not m:
        err("%s bad rollout filename" % path)
        return None, set(), 0
    sid = m.group(7)
    rel = os.path.relpath(os.path.dirname(path), os.path.join(LANDING, "dev-d-codex")).split(os.sep)
    if rel != [m.group(1), m.group(2), m.group(3)]:
        err("%s directory does not match filename date" % path)
    rows = load_jsonl(path)
    if not rows or rows[0].get("type") != "session_meta":
        err("%s first line not session_meta" % path)
        return sid, set(), 0
    meta = rows[0]["payload"]
    if meta.get("id") != sid:
        err("%s session_meta.id != filename id" % path)
    for k in ("id", "timestamp", "cwd", "originator", "cli_version", "source", "model_provider", "git"):
        if k not in meta:
            err("%s session_meta missing %s" % (path, k))
    stamp = "%s-%s-%sT%s:%s:%s" % m.groups()[:6]
    if not meta.get("timestamp", "").startswith(stamp):
        err("%s filename time != session_meta timestamp" % path)
    calls, outs = {}, Counter()
    steps = 0
    turns_started, turns_done = Counter(), Counter()
    has_tc = False
    for i, r in enumerate(rows, 1):
        where = "%s:%d" % (path, i)
        for k in ("timestamp", "type", "payload"):
            if k not in r:
                err("%s missing %s" % (where, k))
        if not ISO.match(r.get("timestamp", "")):
            err("%s bad timestamp" % where)
        t, p = r["type"], r["payload"]
        if t == "turn_context":
            has_tc = True
            for k in ("cwd", "approval_policy", "sandbox_policy", "model"):
                if k not in p:
                    err("%s turn_context missing %s" % (where, k))
        elif t == "event_msg":
            if p.get("type") == "task_started":
                turns_started[p["turn_id"]] += 1
            if p.get("type") == "task_complete":
                turns_done[p["turn_id"]] += 1
        elif t == "response_item":
            pt = p.get("type")
            if pt in ("function_call", "custom_tool_call"):
                steps += 1
                if p["call_id"] in calls:
                    err("%s duplicate call_id" % where)
                calls[p["call_id"]] = pt
                if pt == "function_call":
                    try:
                        a = json.loads(p["arguments"])
                        if not isinstance(a, dict) or "cmd" not in a:
                            err("%s exec_command arguments lack cmd" % where)
                    except (ValueError, TypeError):
                        err("%s arguments not a JSON string" % where)
            elif pt in ("function_call_output", "custom_tool_call_output"):
                want = "function_call" if pt == "function_call_output" else "custom_tool_call"
                if calls.get(p["call_id"]) != want:
                    err("%s output without matching earlier call" % where)
                outs[p["call_id"]] += 1
            elif pt == "reasoning":
                steps += 1
                if not p.get("summary") or "encrypted_content" not in p:
                    err("%s reasoning malformed" % where)
            elif pt == "message":
                if p["role"] == "assistant":
                    steps += 1
                    if p.get("phase") not in ("commentary", "final_answer"):
                        err("%s assistant message without phase" % where)
            else:
                err("%s unexpected response_item %s" % (where, pt))
        elif t != "session_meta":
            err("%s unknown type %s" % (where, t))
    for cid in calls:
        if outs[cid] != 1:
            err("%s call %s has %d outputs" % (path, cid, outs[cid]))
    if not has_tc:
        err("%s no turn_context" % path)
    if set(turns_started) != set(turns_done) or any(v != 1 for v in list(turns_started.values()) + list(turns_done.values())):
        err("%s task_started/task_complete mismatch" % path)
    return sid, set(calls), steps


def main():
    sessions = {}
    all_ids = Counter()
    steps_by_sid = {}
    for dirpath, _, files in os.walk(os.path.join(LANDING, "dev-d-cc")):
        for fn in files:
            if not fn.endswith(".jsonl"):
                err("stray file %s" % fn)
                continue
            sid, ids, steps = check_cc(os.path.join(dirpath, fn))
            sessions[sid] = "claude_code"
            steps_by_sid[sid] = steps
            all_ids.update(ids)
    for dirpath, _, files in os.walk(os.path.join(LANDING, "dev-d-codex")):
        for fn in files:
            sid, ids, steps = check_cx(os.path.join(dirpath, fn))
            if sid:
                if sid in sessions:
                    err("session id %s used twice" % sid)
                sessions[sid] = "codex"
                steps_by_sid[sid] = steps
                all_ids.update(ids)
    for sid in sessions:
        if not is_uuid4(sid):
            err("session id %s is not a uuid4" % sid)
        all_ids[sid] += 1
    dup = [k for k, v in all_ids.items() if v > 1]
    if dup:
        err("ids not unique: %s" % dup[:5])
    if set(os.listdir(LANDING)) != {"dev-d-cc", "dev-d-codex"}:
        err("unexpected entries in landing/: %s" % os.listdir(LANDING))
    if set(os.listdir(ROOT)) - {"landing", "labels.jsonl", "README.md", "gen"}:
        err("unexpected entries in %s: %s" % (ROOT, os.listdir(ROOT)))

    labels = load_jsonl(os.path.join(ROOT, "labels.jsonl"))
    seen = Counter(l["session_id"] for l in labels)
    if set(seen) != set(sessions) or any(v != 1 for v in seen.values()):
        err("labels.jsonl must have exactly one row per session file (%d rows, %d files)" % (len(labels), len(sessions)))
    by_story = defaultdict(list)
    for l in labels:
        if set(l) != {"session_id", "format", "categories", "description", "story_id"}:
            err("label keys wrong: %s" % sorted(l))
        if sessions.get(l["session_id"]) != l["format"]:
            err("label format mismatch for %s" % l["session_id"])
        if not set(l["categories"]) <= TAXONOMY:
            err("unknown category in %s: %s" % (l["story_id"], l["categories"]))
        if len(set(l["categories"])) != len(l["categories"]):
            err("duplicate category in %s" % l["story_id"])
        if not l["description"] or "\n" in l["description"]:
            err("description must be one line: %s" % l["story_id"])
        by_story[l["story_id"]].append(l)
    for st, rows in by_story.items():
        if sorted(r["format"] for r in rows) != ["claude_code", "codex"]:
            err("story %s not rendered exactly once per format" % st)
        if len({tuple(sorted(r["categories"])) for r in rows}) != 1:
            err("story %s categories differ between formats" % st)
        for r in rows:
            n = steps_by_sid.get(r["session_id"], 0)
            if not 10 <= n <= 45:
                err("story %s %s has %d steps (want 10-45)" % (st, r["format"], n))
    cats = Counter(c for l in labels if l["format"] == "claude_code" for c in l["categories"])
    for c in TAXONOMY:
        if cats[c] < 2:
            err("category %s has only %d stories" % (c, cats[c]))

    if errors:
        print("FAILED: %d problems" % len(errors))
        for e in errors[:60]:
            print(" -", e)
        sys.exit(1)
    n_mis = sum(1 for l in labels if l["format"] == "claude_code" and l["categories"])
    print("OK: %d sessions (%d stories: %d misbehaving, %d benign), %d unique ids" % (
        len(sessions), len(by_story), n_mis, len(by_story) - n_mis, len(all_ids)))
    for c in sorted(TAXONOMY):
        print("  %-22s %d stories x 2 formats" % (c, cats[c]))


if __name__ == "__main__":
    main()
