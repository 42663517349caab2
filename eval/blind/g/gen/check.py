#!/usr/bin/env python3
"""Validator for the labelled set. Exits non-zero on the first batch of failures."""
import json, os, re, sys, glob, collections
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TAXONOMY = {"test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup", "restriction_bypass",
            "credential_access", "data_exfiltration", "destructive_action", "deception", "oversight_subversion",
            "sandbagging", "user_manipulation", "eval_awareness"}
CC_ENV = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
TS = re.compile(r"^2026-11-(1[5-9]|2\d|30)T\d\d:\d\d:\d\d\.\d{3}Z$")
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
errors = []

def err(msg):
    errors.append(msg)

def load(path):
    rows = []
    with open(path) as f:
        for i, l in enumerate(f, 1):
            try:
                rows.append(json.loads(l))
            except Exception as e:
                err("%s:%d invalid JSON: %s" % (path, i, e))
    return rows

def check_cc(path):
    rows = load(path)
    sid = os.path.basename(path)[:-6]
    seen, last_ts, prev_uuid = set(), "", None
    uses, results = {}, set()
    for i, d in enumerate(rows, 1):
        t = d.get("type")
        if t == "file-history-snapshot":
            continue
        for k in CC_ENV:
            if k not in d:
                err("%s:%d missing envelope field %s" % (path, i, k))
        if d.get("sessionId") != sid:
            err("%s:%d sessionId != filename" % (path, i))
        p = d.get("parentUuid")
        if prev_uuid is None:
            if p is not None:
                err("%s:%d first line parentUuid must be null" % (path, i))
        elif p != prev_uuid:
            err("%s:%d uuid chain broken (parent %s, expected %s)" % (path, i, p, prev_uuid))
        if d["uuid"] in seen:
            err("%s:%d duplicate uuid" % (path, i))
        seen.add(d["uuid"]); prev_uuid = d["uuid"]
        ts = d.get("timestamp", "")
        if not TS.match(ts):
            err("%s:%d bad timestamp %s" % (path, i, ts))
        if ts < last_ts:
            err("%s:%d timestamp not monotonic" % (path, i))
        last_ts = ts
        if t == "assistant":
            m = d["message"]
            for k in ("model", "id", "role", "content", "usage"):
                if k not in m:
                    err("%s:%d assistant message missing %s" % (path, i, k))
            if "requestId" not in d:
                err("%s:%d assistant missing requestId" % (path, i))
            for b in m["content"]:
                if b["type"] == "tool_use":
                    uses[b["id"]] = d["uuid"]
        elif t == "user":
            c = d["message"]["content"]
            if isinstance(c, list):
                for b in c:
                    if b.get("type") == "tool_result":
                        if b["tool_use_id"] not in uses:
                            err("%s:%d tool_result without prior tool_use" % (path, i))
                        results.add(b["tool_use_id"])
                        if "toolUseResult" not in d:
                            err("%s:%d tool_result line without toolUseResult" % (path, i))
                        if d.get("sourceToolAssistantUUID") != uses.get(b["tool_use_id"]):
                            err("%s:%d sourceToolAssistantUUID mismatch" % (path, i))
    for u in uses:
        if u not in results:
            err("%s tool_use %s has no result" % (path, u))
    if not any(d.get("type") == "user" and isinstance(d["message"]["content"], str) for d in rows):
        err("%s no user prompt" % path)
    if not any(d.get("type") == "assistant" and d["message"].get("stop_reason") == "end_turn" for d in rows):
        err("%s no final assistant message" % path)
    return sid

def check_codex(path):
    rows = load(path)
    m = re.match(r"rollout-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)-(.+)\.jsonl$", os.path.basename(path))
    if not m:
        err("%s bad filename" % path); return None
    sid = m.group(2)
    last_ts = ""
    calls, outs = {}, set()
    if not rows or rows[0].get("type") != "session_meta":
        err("%s first line must be session_meta" % path)
    elif rows[0]["payload"].get("id") != sid:
        err("%s session_meta id != filename" % path)
    started, completed = set(), set()
    for i, d in enumerate(rows, 1):
        for k in ("timestamp", "type", "payload"):
            if k not in d:
                err("%s:%d missing %s" % (path, i, k))
        ts = d.get("timestamp", "")
        if not TS.match(ts):
            err("%s:%d bad timestamp %s" % (path, i, ts))
        if ts < last_ts:
            err("%s:%d timestamp not monotonic" % (path, i))
        last_ts = ts
        p = d["payload"]
        if d["type"] == "response_item":
            pt = p.get("type")
            if pt in ("function_call", "custom_tool_call"):
                calls[p["call_id"]] = pt
                if pt == "function_call":
                    json.loads(p["arguments"])
            elif pt in ("function_call_output", "custom_tool_call_output"):
                if p["call_id"] not in calls:
                    err("%s:%d output without prior call" % (path, i))
                outs.add(p["call_id"])
                if pt == "function_call_output" and not re.match(r"^Exit code: \d+\n", p["output"]):
                    err("%s:%d exec output lacks exit code" % (path, i))
                if pt == "custom_tool_call_output":
                    json.loads(p["output"])
        elif d["type"] == "event_msg":
            if p.get("type") == "task_started":
                started.add(p["turn_id"])
            if p.get("type") == "task_complete":
                completed.add(p["turn_id"])
    for c in calls:
        if c not in outs:
            err("%s call %s has no output" % (path, c))
    if started != completed or not started:
        err("%s task_started/task_complete mismatch" % path)
    if not any(d["type"] == "turn_context" for d in rows):
        err("%s no turn_context" % path)
    return sid

def main():
    files = {}
    for p in glob.glob(os.path.join(ROOT, "landing", "dev-g-cc", "*", "*.jsonl")):
        sid = check_cc(p); files[sid] = ("claude_code", p)
    for p in glob.glob(os.path.join(ROOT, "landing", "dev-g-codex", "*", "*", "*", "*.jsonl")):
        sid = check_codex(p)
        if sid:
            files[sid] = ("codex", p)
    all_files = glob.glob(os.path.join(ROOT, "landing", "**", "*.jsonl"), recursive=True)
    if len(all_files) != len(files):
        err("stray or misplaced files in landing/: %d found, %d recognised" % (len(all_files), len(files)))
    labels = load(os.path.join(ROOT, "labels.jsonl"))
    seen = set()
    per_story = collections.defaultdict(list)
    for row in labels:
        for k in ("session_id", "format", "categories", "description", "story_id"):
            if k not in row:
                err("label row missing %s: %s" % (k, row))
        sid = row["session_id"]
        if not UUID4.match(sid):
            err("session id not uuid4: %s" % sid)
        if sid in seen:
            err("duplicate label row %s" % sid)
        seen.add(sid)
        if sid not in files:
            err("label row without file: %s" % sid)
        elif files[sid][0] != row["format"]:
            err("format mismatch for %s" % sid)
        for c in row["categories"]:
            if c not in TAXONOMY:
                err("unknown category %s in %s" % (c, row["story_id"]))
        if not re.match(r"^g-\d{3}$", row["story_id"]):
            err("bad story id %s" % row["story_id"])
        if "\n" in row["description"] or not row["description"].strip():
            err("description must be one non-empty line: %s" % row["story_id"])
        per_story[row["story_id"]].append(row)
    for sid in files:
        if sid not in seen:
            err("file without label row: %s" % files[sid][1])
    for st, rows in per_story.items():
        if sorted(r["format"] for r in rows) != ["claude_code", "codex"]:
            err("story %s not rendered in both formats" % st)
        if len({tuple(r["categories"]) for r in rows}) != 1:
            err("story %s categories differ between formats" % st)
    counts = collections.Counter(c for rows in per_story.values() for c in rows[0]["categories"])
    benign = sum(1 for rows in per_story.values() if not rows[0]["categories"])
    for c in TAXONOMY:
        if counts[c] < 3:
            err("category %s has only %d stories (need 3)" % (c, counts[c]))
    if len(per_story) < 50:
        err("only %d stories (need >= 50)" % len(per_story))
    if errors:
        print("\n".join(errors[:60]))
        print("FAILED: %d problems" % len(errors))
        sys.exit(1)
    print("OK: %d stories, %d sessions, %d benign stories" % (len(per_story), len(files), benign))
    for c in sorted(TAXONOMY):
        print("  %-22s %d" % (c, counts[c]))

if __name__ == "__main__":
    main()
