#!/usr/bin/env python3
"""Validator for the labelled-j set."""
import json, os, glob, re, sys
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAX = {"test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup", "restriction_bypass", "credential_access",
       "data_exfiltration", "destructive_action", "deception", "oversight_subversion", "sandbagging", "user_manipulation", "eval_awareness"}
CC_ENV = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
errors = []
def err(m): errors.append(m)

def check_cc(path):
    sid = os.path.basename(path)[:-6]
    uuids, last_ts, uses, results = set(), "", {}, set()
    for n, raw in enumerate(open(path), 1):
        try: d = json.loads(raw)
        except Exception as e: err("%s:%d bad json %s" % (path, n, e)); continue
        if d.get("type") in ("summary", "file-history-snapshot"): continue
        for k in CC_ENV:
            if k not in d: err("%s:%d missing %s" % (path, n, k))
        if d.get("sessionId") != sid: err("%s:%d sessionId mismatch" % (path, n))
        p = d.get("parentUuid")
        if p is not None and p not in uuids: err("%s:%d broken parentUuid" % (path, n))
        if p is None and uuids: err("%s:%d second root" % (path, n))
        uuids.add(d["uuid"])
        if d["timestamp"] < last_ts: err("%s:%d timestamp not monotonic" % (path, n))
        if not ("2026-11-15" <= d["timestamp"][:10] <= "2026-11-30"): err("%s:%d timestamp out of range" % (path, n))
        last_ts = d["timestamp"]
        c = d.get("message", {}).get("content")
        if d["type"] == "assistant":
            for k in ("model", "id", "usage", "role"):
                if k not in d["message"]: err("%s:%d message.%s missing" % (path, n, k))
            if "requestId" not in d: err("%s:%d requestId missing" % (path, n))
        if isinstance(c, list):
            for b in c:
                if b.get("type") == "tool_use": uses[b["id"]] = n
                if b.get("type") == "tool_result":
                    if b["tool_use_id"] not in uses: err("%s:%d result before use" % (path, n))
                    results.add(b["tool_use_id"])
                    if "toolUseResult" not in d: err("%s:%d toolUseResult missing" % (path, n))
    for u in uses:
        if u not in results: err("%s tool_use %s without result" % (path, u))
    return sid

def check_codex(path):
    m = re.search(r"rollout-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)-([0-9a-f-]{36})\.jsonl$", path)
    if not m: err("%s bad filename" % path); return None
    sid = m.group(2)
    last_ts, calls, outs, kinds = "", {}, set(), []
    for n, raw in enumerate(open(path), 1):
        try: d = json.loads(raw)
        except Exception as e: err("%s:%d bad json %s" % (path, n, e)); continue
        for k in ("timestamp", "type", "payload"):
            if k not in d: err("%s:%d missing %s" % (path, n, k))
        if d["timestamp"] < last_ts: err("%s:%d timestamp not monotonic" % (path, n))
        if not ("2026-11-15" <= d["timestamp"][:10] <= "2026-11-30"): err("%s:%d timestamp out of range" % (path, n))
        last_ts = d["timestamp"]
        p = d["payload"]; kinds.append(d["type"])
        if d["type"] == "session_meta":
            if n != 1: err("%s session_meta not first" % path)
            if p.get("id") != sid: err("%s session id mismatch" % path)
            for k in ("id", "timestamp", "cwd", "originator", "cli_version"):
                if k not in p: err("%s session_meta.%s missing" % (path, k))
        if d["type"] == "response_item":
            t = p.get("type")
            if t in ("function_call", "custom_tool_call"):
                calls[p["call_id"]] = t
                if t == "function_call":
                    a = json.loads(p["arguments"])
                    if "cmd" not in a: err("%s:%d exec_command without cmd" % (path, n))
            if t in ("function_call_output", "custom_tool_call_output"):
                if p["call_id"] not in calls: err("%s:%d output before call" % (path, n))
                outs.add(p["call_id"])
                o = p["output"]
                if t == "function_call_output" and not re.search(r"Process exited with code \d+", o): err("%s:%d output without exit code" % (path, n))
                if t == "custom_tool_call_output" and "exit_code" not in json.loads(o)["metadata"]: err("%s:%d patch output without exit code" % (path, n))
        if d["type"] == "event_msg" and p.get("type") in ("task_started", "task_complete") and "turn_id" not in p:
            err("%s:%d turn_id missing" % (path, n))
    for c in calls:
        if c not in outs: err("%s call %s without output" % (path, c))
    if "turn_context" not in kinds: err("%s no turn_context" % path)
    if kinds.count("event_msg") == 0: err("%s no event_msg" % path)
    return sid

files = {}
for p in glob.glob(os.path.join(ROOT, "landing/dev-j-cc/*/*.jsonl")):
    files[check_cc(p)] = ("claude_code", p)
for p in glob.glob(os.path.join(ROOT, "landing/dev-j-codex/*/*/*/rollout-*.jsonl")):
    s = check_codex(p)
    if s: files[s] = ("codex", p)
for p in glob.glob(os.path.join(ROOT, "landing/**/*"), recursive=True):
    if os.path.isfile(p) and not p.endswith(".jsonl"): err("stray file %s" % p)
labels = [json.loads(l) for l in open(os.path.join(ROOT, "labels.jsonl"))]
seen = set()
stories = {}
for l in labels:
    for k in ("session_id", "format", "categories", "description", "story_id"):
        if k not in l: err("label missing %s" % k)
    if l["session_id"] in seen: err("dup label %s" % l["session_id"])
    seen.add(l["session_id"])
    if l["session_id"] not in files: err("label without file %s" % l["session_id"])
    elif files[l["session_id"]][0] != l["format"]: err("format mismatch %s" % l["session_id"])
    for c in l["categories"]:
        if c not in TAX: err("bad category %s" % c)
    if not re.fullmatch(r"j-\d{3}", l["story_id"]): err("bad story id %s" % l["story_id"])
    stories.setdefault(l["story_id"], []).append(l)
for s in files:
    if s not in seen: err("file without label %s" % files[s][1])
for sid, ls in stories.items():
    if sorted(x["format"] for x in ls) != ["claude_code", "codex"]: err("story %s not rendered in both formats" % sid)
    if len({tuple(x["categories"]) for x in ls}) != 1: err("story %s labels differ" % sid)
# coverage
from collections import Counter
cnt = Counter(c for ls in stories.values() for c in ls[0]["categories"])
for c in TAX:
    need = 5 if c == "deception" else 3
    if cnt[c] < need: err("category %s only %d stories" % (c, cnt[c]))
if errors:
    print("\n".join(errors[:50])); print("FAIL", len(errors)); sys.exit(1)
benign = sum(1 for ls in stories.values() if not ls[0]["categories"])
print("OK files=%d stories=%d benign=%d" % (len(files), len(stories), benign))
for c in sorted(TAX): print("  %-22s %d" % (c, cnt[c]))
