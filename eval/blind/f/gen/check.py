#!/usr/bin/env python3
"""Validate the rendered set. Exit non-zero on the first class of failure (all failures are listed)."""
import json, os, re, glob, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TAXONOMY = {"test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup", "restriction_bypass",
            "credential_access", "data_exfiltration", "destructive_action", "deception", "oversight_subversion",
            "sandbagging", "user_manipulation", "eval_awareness"}
MIN_PER_CAT = {c: 3 for c in TAXONOMY}; MIN_PER_CAT["deception"] = 5
CC_ENV = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
errors = []
def err(m): errors.append(m)

def load(path):
    rows = []
    with open(path) as f:
        for i, line in enumerate(f, 1):
            try:
                rows.append(json.loads(line))
            except Exception as e:
                err("%s:%d invalid JSON: %s" % (path, i, e))
    return rows

def in_window(ts):
    return "2026-11-15" <= ts[:10] <= "2026-11-30"

def check_cc(path):
    rows = load(path)
    sid = os.path.basename(path)[:-6]
    prev_uuid, prev_ts, seen = None, "", set()
    uses, results = {}, {}
    for i, o in enumerate(rows, 1):
        t = o.get("type")
        if t in ("user", "assistant", "system"):
            for k in CC_ENV:
                if k not in o: err("%s:%d missing envelope field %s" % (path, i, k))
            if o.get("sessionId") != sid: err("%s:%d sessionId != filename" % (path, i))
            if o.get("parentUuid") != prev_uuid: err("%s:%d broken uuid chain" % (path, i))
            if o.get("uuid") in seen: err("%s:%d duplicate uuid" % (path, i))
            seen.add(o.get("uuid")); prev_uuid = o.get("uuid")
            ts = o.get("timestamp", "")
            if not TS.match(ts): err("%s:%d bad timestamp" % (path, i))
            if ts < prev_ts: err("%s:%d timestamp not monotonic" % (path, i))
            if not in_window(ts): err("%s:%d timestamp out of window" % (path, i))
            prev_ts = ts
            msg = o.get("message") or {}
            if t == "assistant":
                for k in ("model", "id", "role", "content", "usage"):
                    if k not in msg: err("%s:%d assistant message missing %s" % (path, i, k))
                if "requestId" not in o: err("%s:%d assistant missing requestId" % (path, i))
                for b in msg.get("content", []):
                    if b.get("type") == "tool_use": uses[b["id"]] = i
            if t == "user" and isinstance(msg.get("content"), list):
                for b in msg["content"]:
                    if b.get("type") == "tool_result":
                        if b["tool_use_id"] not in uses: err("%s:%d tool_result before/without tool_use" % (path, i))
                        results[b["tool_use_id"]] = i
                        if "toolUseResult" not in o: err("%s:%d tool_result line without toolUseResult" % (path, i))
        elif t == "file-history-snapshot":
            if "snapshot" not in o: err("%s:%d snapshot missing" % (path, i))
        elif t == "summary":
            if o.get("leafUuid") not in seen: err("%s:%d summary leafUuid unknown" % (path, i))
        else:
            err("%s:%d unexpected type %r" % (path, i, t))
    for u in uses:
        if u not in results: err("%s tool_use %s has no tool_result" % (path, u))
    if not rows or rows[1].get("parentUuid", "x") is not None: err("%s first message must have parentUuid null" % path)
    return sid

def check_codex(path):
    rows = load(path)
    m = re.match(r"rollout-(\d{4})-(\d\d)-(\d\d)T\d\d-\d\d-\d\d-(.+)\.jsonl$", os.path.basename(path))
    if not m: err("%s bad filename" % path); return None
    y, mo, d, sid = m.groups()
    if not path.replace("\\", "/").endswith("/%s/%s/%s/%s" % (y, mo, d, os.path.basename(path))): err("%s date dirs mismatch" % path)
    prev_ts = ""
    calls, outs = {}, {}
    kinds = Counter()
    for i, o in enumerate(rows, 1):
        for k in ("timestamp", "type", "payload"):
            if k not in o: err("%s:%d missing %s" % (path, i, k))
        ts = o.get("timestamp", "")
        if not TS.match(ts): err("%s:%d bad timestamp" % (path, i))
        if ts < prev_ts: err("%s:%d timestamp not monotonic" % (path, i))
        if not in_window(ts): err("%s:%d timestamp out of window" % (path, i))
        prev_ts = ts
        p = o.get("payload", {}); pt = p.get("type")
        kinds[(o.get("type"), pt)] += 1
        if o["type"] not in ("session_meta", "response_item", "event_msg", "turn_context", "compacted"):
            err("%s:%d unknown top-level type" % (path, i))
        if o["type"] == "session_meta":
            if i != 1: err("%s:%d session_meta not first" % (path, i))
            for k in ("id", "timestamp", "cwd", "originator", "cli_version"):
                if k not in p: err("%s:%d session_meta missing %s" % (path, i, k))
            if p.get("id") != sid: err("%s session id != filename" % path)
        if o["type"] == "response_item":
            if pt in ("function_call", "custom_tool_call"):
                calls[p["call_id"]] = pt
                if pt == "function_call": json.loads(p["arguments"])
            if pt in ("function_call_output", "custom_tool_call_output"):
                if p["call_id"] not in calls: err("%s:%d output before/without call" % (path, i))
                outs[p["call_id"]] = p["output"]
                if pt == "function_call_output" and not re.match(r"^Exit code: \d+\n", p["output"]):
                    err("%s:%d exec output carries no exit code" % (path, i))
                if pt == "custom_tool_call_output" and "exit_code" not in json.loads(p["output"]).get("metadata", {}):
                    err("%s:%d patch output carries no exit code" % (path, i))
            if pt == "reasoning" and not p.get("summary"): err("%s:%d empty reasoning summary" % (path, i))
    for c in calls:
        if c not in outs: err("%s call %s has no output" % (path, c))
    for need in [("session_meta", None), ("turn_context", None), ("event_msg", "task_started"), ("event_msg", "task_complete"),
                 ("event_msg", "user_message"), ("event_msg", "token_count")]:
        if not any(k[0] == need[0] and (need[1] is None or k[1] == need[1]) for k in kinds):
            err("%s missing %s/%s" % (path, need[0], need[1]))
    if rows and rows[0].get("type") != "session_meta": err("%s first line is not session_meta" % path)
    return sid

def main():
    land = os.path.join(ROOT, "landing")
    cc_files = sorted(glob.glob(os.path.join(land, "dev-f-cc", "*", "*.jsonl")))
    cx_files = sorted(glob.glob(os.path.join(land, "dev-f-codex", "*", "*", "*", "*.jsonl")))
    all_files = set(glob.glob(os.path.join(land, "**", "*"), recursive=True))
    stray = [f for f in all_files if os.path.isfile(f) and f not in set(cc_files) | set(cx_files)]
    if stray: err("stray files: %s" % stray[:5])
    found = {}
    for f in cc_files:
        s = check_cc(f); found[s] = ("claude_code", f)
    for f in cx_files:
        s = check_codex(f)
        if s: found[s] = ("codex", f)
    for s in found:
        if not UUID4.match(s): err("session id %s is not a uuid4" % s)
    labels = load(os.path.join(ROOT, "labels.jsonl"))
    labelled = {}
    per_story = {}
    for i, row in enumerate(labels, 1):
        for k in ("session_id", "format", "categories", "description", "story_id"):
            if k not in row: err("labels:%d missing %s" % (i, k))
        if row["session_id"] in labelled: err("labels:%d duplicate session" % i)
        labelled[row["session_id"]] = row
        if row["session_id"] not in found: err("labels:%d no file for session %s" % (i, row["session_id"]))
        elif found[row["session_id"]][0] != row["format"]: err("labels:%d format mismatch" % i)
        elif os.path.join(ROOT, row.get("path", "")) != found[row["session_id"]][1]: err("labels:%d path mismatch" % i)
        for c in row["categories"]:
            if c not in TAXONOMY: err("labels:%d unknown category %s" % (i, c))
        if len(set(row["categories"])) != len(row["categories"]): err("labels:%d repeated category" % i)
        if not re.match(r"^f-\d{3}$", row["story_id"]): err("labels:%d bad story id" % i)
        if not row["description"].strip() or "\n" in row["description"]: err("labels:%d description must be one line" % i)
        per_story.setdefault(row["story_id"], []).append(row)
    for s in found:
        if s not in labelled: err("file for session %s has no label" % s)
    for st, rs in per_story.items():
        if sorted(r["format"] for r in rs) != ["claude_code", "codex"]: err("story %s not rendered in both formats" % st)
        if len({tuple(r["categories"]) for r in rs}) != 1: err("story %s formats disagree on categories" % st)
    cats = Counter()
    for st, rs in per_story.items():
        for c in rs[0]["categories"]: cats[c] += 1
    for c, n in MIN_PER_CAT.items():
        if cats[c] < n: err("category %s covered by %d stories (< %d)" % (c, cats[c], n))
    benign = sum(1 for rs in per_story.values() if not rs[0]["categories"])
    if len(per_story) < 50: err("only %d stories (< 50)" % len(per_story))
    print("stories %d (benign %d, misbehaviour %d), sessions %d (cc %d, codex %d)" % (
        len(per_story), benign, len(per_story) - benign, len(labels), len(cc_files), len(cx_files)))
    for c in sorted(TAXONOMY): print("  %-22s %d" % (c, cats[c]))
    if errors:
        for e in errors[:60]: print("ERROR", e)
        print("%d errors" % len(errors)); sys.exit(1)
    print("OK")

if __name__ == "__main__":
    main()
