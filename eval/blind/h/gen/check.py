#!/usr/bin/env python3
"""Validator for the labelled set. Exits non-zero on the first class of failure."""
import glob, json, os, re, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from render import TAXONOMY
errors = []
def err(m): errors.append(m)
CC_ENV = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
TS = re.compile(r"^2026-11-(1[5-9]|2\d|30)T\d\d:\d\d:\d\d\.\d{3}Z$")
files = {}

def load(p):
    out = []
    for i, l in enumerate(open(p, encoding="utf-8"), 1):
        try: out.append(json.loads(l))
        except Exception as e: err("%s:%d invalid JSON %s" % (p, i, e))
    return out

for p in glob.glob(os.path.join(ROOT, "landing/dev-h-cc/*/*.jsonl")):
    sid = os.path.basename(p)[:-6]; files[sid] = ("claude_code", p)
    recs = load(p); seen = set(); prev_ts = ""; prev_uuid = None; calls = {}; results = set()
    for d in recs:
        if d["type"] in ("summary", "file-history-snapshot"):
            continue
        for k in CC_ENV:
            if k not in d: err("%s missing %s" % (p, k))
        if d.get("sessionId") != sid: err("%s sessionId mismatch" % p)
        if d["parentUuid"] is not None and d["parentUuid"] not in seen: err("%s broken parentUuid %s" % (p, d["uuid"]))
        if d["parentUuid"] != prev_uuid: err("%s chain not linear at %s" % (p, d["uuid"]))
        if d["uuid"] in seen: err("%s duplicate uuid" % p)
        seen.add(d["uuid"]); prev_uuid = d["uuid"]
        if not TS.match(d["timestamp"]): err("%s bad timestamp %s" % (p, d["timestamp"]))
        if d["timestamp"] < prev_ts: err("%s timestamps not monotonic" % p)
        prev_ts = d["timestamp"]
        c = d.get("message", {}).get("content") if d["type"] in ("user", "assistant") else None
        if isinstance(c, list):
            for b in c:
                if b["type"] == "tool_use": calls[b["id"]] = d["uuid"]
                if b["type"] == "tool_result":
                    if b["tool_use_id"] not in calls: err("%s result before call" % p)
                    results.add(b["tool_use_id"])
                    if "toolUseResult" not in d: err("%s tool_result without toolUseResult" % p)
                if d["type"] == "assistant":
                    for k in ("model", "id", "usage"):
                        if k not in d["message"]: err("%s assistant missing message.%s" % (p, k))
                    if "requestId" not in d: err("%s assistant missing requestId" % p)
    if set(calls) != results: err("%s tool call without result: %s" % (p, set(calls) - results))
    summ = [d for d in recs if d["type"] == "summary"]
    if summ and summ[0]["leafUuid"] not in seen: err("%s summary leaf unknown" % p)

for p in glob.glob(os.path.join(ROOT, "landing/dev-h-codex/*/*/*/rollout-*.jsonl")):
    m = re.search(r"rollout-(\d{4})-(\d\d)-(\d\d)T\d\d-\d\d-\d\d-([0-9a-f-]{36})\.jsonl$", p)
    if not m: err("bad codex filename %s" % p); continue
    sid = m.group(4); files[sid] = ("codex", p)
    if "/%s/%s/%s/" % m.group(1, 2, 3) not in p: err("%s date dir mismatch" % p)
    recs = load(p); prev_ts = ""; calls = set(); outs = set(); kinds = collections.Counter()
    for d in recs:
        for k in ("timestamp", "type", "payload"):
            if k not in d: err("%s missing %s" % (p, k))
        if not TS.match(d["timestamp"]): err("%s bad timestamp %s" % (p, d["timestamp"]))
        if d["timestamp"] < prev_ts: err("%s timestamps not monotonic" % p)
        prev_ts = d["timestamp"]
        pl = d["payload"]; t = pl.get("type", d["type"]); kinds[t] += 1
        if d["type"] == "session_meta" and pl["id"] != sid: err("%s session id mismatch" % p)
        if t in ("function_call", "custom_tool_call"): calls.add(pl["call_id"])
        if t in ("function_call_output", "custom_tool_call_output"):
            if pl["call_id"] not in calls: err("%s output before call" % p)
            outs.add(pl["call_id"])
            if t == "function_call_output" and not re.match(r"^Exit code: \d+\n", pl["output"]): err("%s output without exit code" % p)
        if t == "function_call": json.loads(pl["arguments"])
    if recs and recs[0]["type"] != "session_meta": err("%s first line not session_meta" % p)
    for need in ("turn_context", "task_started", "task_complete", "user_message", "token_count"):
        if not kinds[need]: err("%s lacks %s" % (p, need))
    if calls != outs: err("%s call without output" % p)

labels = [json.loads(l) for l in open(os.path.join(ROOT, "labels.jsonl"))]
lab_ids = collections.Counter(l["session_id"] for l in labels)
for k, v in lab_ids.items():
    if v > 1: err("label duplicated %s" % k)
for l in labels:
    for k in ("session_id", "format", "categories", "description", "story_id"):
        if k not in l: err("label missing %s" % k)
    if l["session_id"] not in files: err("label without file %s" % l["session_id"])
    elif files[l["session_id"]][0] != l["format"]: err("format mismatch %s" % l["session_id"])
    for c in l["categories"]:
        if c not in TAXONOMY: err("unknown category %s" % c)
    if not re.match(r"^h-\d{3}$", l["story_id"]): err("bad story id %s" % l["story_id"])
for sid in files:
    if sid not in lab_ids: err("file without label %s" % sid)
by_story = collections.defaultdict(list)
for l in labels: by_story[l["story_id"]].append(l)
for s, ls in by_story.items():
    if sorted(x["format"] for x in ls) != ["claude_code", "codex"]: err("story %s not rendered twice" % s)
    if len({json.dumps(x["categories"]) for x in ls}) != 1: err("story %s label mismatch" % s)
cov = collections.Counter(c for s, ls in by_story.items() for c in ls[0]["categories"])
for c in TAXONOMY:
    if cov[c] < 3: err("category %s covered by only %d stories" % (c, cov[c]))
if errors:
    print("\n".join(errors[:50])); print("FAILED: %d errors" % len(errors)); sys.exit(1)
print("OK: %d session files, %d labels, %d stories" % (len(files), len(labels), len(by_story)))
print("coverage:", dict(sorted(cov.items())))
print("benign stories:", sum(1 for ls in by_story.values() if not ls[0]["categories"]))
