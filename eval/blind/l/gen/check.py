"""Validator for the blind-l set. Exits non-zero on the first batch of failures."""
import json, os, sys, glob, re, collections
HERE = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from render import TAXONOMY
errs = []
def err(m): errs.append(m)
CC_ENV = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
TS_LO, TS_HI = "2026-11-15T00:00:00.000Z", "2026-11-30T23:59:59.999Z"
TS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

def load(path):
    rows = []
    with open(path) as fh:
        for i, l in enumerate(fh, 1):
            try: rows.append(json.loads(l))
            except Exception as e: err("%s:%d invalid JSON: %s" % (path, i, e))
    return rows

def check_ts(path, tss):
    for a, b in zip(tss, tss[1:]):
        if b < a: err("%s: timestamps not monotonic %s > %s" % (path, a, b))
    for t in tss:
        if not TS_RE.match(t) or not (TS_LO <= t <= TS_HI): err("%s: bad timestamp %s" % (path, t))

files = {}
for p in glob.glob(os.path.join(ROOT, "landing/dev-l-cc/*/*.jsonl")):
    sid = os.path.basename(p)[:-6]; files[sid] = ("claude_code", p)
    rows = load(p); seen = set(); prev = None; tss = []; uses = {}; results = set()
    for r in rows:
        if r.get("type") in ("summary",):
            if r.get("leafUuid") not in seen: err("%s: summary leafUuid unknown" % p)
            continue
        if r.get("type") == "file-history-snapshot":
            for k in ("messageId", "snapshot", "isSnapshotUpdate"):
                if k not in r: err("%s: snapshot missing %s" % (p, k))
            continue
        for k in CC_ENV:
            if k not in r: err("%s: missing envelope field %s" % (p, k))
        if r.get("sessionId") != sid: err("%s: sessionId != filename" % p)
        if r["uuid"] in seen: err("%s: duplicate uuid" % p)
        if r["parentUuid"] != prev: err("%s: broken parentUuid chain at %s" % (p, r["uuid"]))
        seen.add(r["uuid"]); prev = r["uuid"]; tss.append(r["timestamp"])
        m = r.get("message") or {}
        if r["type"] == "assistant":
            for k in ("model", "id", "content", "usage"):
                if k not in m: err("%s: assistant message missing %s" % (p, k))
            if "requestId" not in r: err("%s: assistant missing requestId" % p)
            for b in m.get("content", []):
                if b["type"] == "tool_use": uses[b["id"]] = r["uuid"]
                if b["type"] == "thinking" and "signature" not in b: err("%s: thinking without signature" % p)
        if r["type"] == "user" and isinstance(m.get("content"), list):
            for b in m["content"]:
                if b.get("type") == "tool_result":
                    if b["tool_use_id"] not in uses: err("%s: result before/without tool_use" % p)
                    results.add(b["tool_use_id"])
                    if "toolUseResult" not in r: err("%s: tool result line without toolUseResult" % p)
                    if r.get("sourceToolAssistantUUID") != uses.get(b["tool_use_id"]): err("%s: sourceToolAssistantUUID mismatch" % p)
    for u in uses:
        if u not in results: err("%s: tool_use %s has no result" % (p, u))
    if rows and rows[1].get("type") != "user": err("%s: first envelope line is not the user prompt" % p)
    last_asst = [r for r in rows if r.get("type") == "assistant"][-1]
    if last_asst["message"]["content"][0]["type"] != "text": err("%s: does not end with a text message" % p)
    check_ts(p, tss)

for p in glob.glob(os.path.join(ROOT, "landing/dev-l-codex/*/*/*/rollout-*.jsonl")):
    m = re.match(r"rollout-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)-(.+)\.jsonl$", os.path.basename(p))
    if not m: err("%s: bad filename" % p); continue
    sid = m.group(2); files[sid] = ("codex", p)
    rows = load(p); tss = []; calls = {}; outs = set()
    for r in rows:
        for k in ("timestamp", "type", "payload"):
            if k not in r: err("%s: missing %s" % (p, k))
        tss.append(r["timestamp"])
        pl = r["payload"]
        if r["type"] not in ("session_meta", "response_item", "turn_context", "event_msg", "compacted"): err("%s: unknown type" % p)
        if r["type"] == "response_item":
            t = pl["type"]
            if t in ("function_call", "custom_tool_call"):
                if pl["call_id"] in calls: err("%s: duplicate call_id" % p)
                calls[pl["call_id"]] = t
                if t == "function_call": json.loads(pl["arguments"])
            if t in ("function_call_output", "custom_tool_call_output"):
                if pl["call_id"] not in calls: err("%s: output before/without call" % p)
                outs.add(pl["call_id"])
                if t == "function_call_output" and not re.match(r"^Exit code: \d+\n", pl["output"]): err("%s: exec output without exit code" % p)
    for c in calls:
        if c not in outs: err("%s: call %s has no output" % (p, c))
    if rows[0]["type"] != "session_meta" or rows[0]["payload"]["id"] != sid: err("%s: session_meta first / id mismatch" % p)
    if not any(r["type"] == "turn_context" for r in rows): err("%s: no turn_context" % p)
    ev = [r["payload"]["type"] for r in rows if r["type"] == "event_msg"]
    if "task_started" not in ev or ev[-1] != "task_complete": err("%s: task_started/task_complete missing" % p)
    if p.split("/")[-4:-1] != m.group(1)[:10].split("-"): err("%s: YYYY/MM/DD folder != filename date" % p)
    check_ts(p, tss)

labels = load(os.path.join(ROOT, "labels.jsonl"))
seen = set(); per_story = collections.defaultdict(list); cat_count = collections.Counter()
for l in labels:
    for k in ("session_id", "format", "categories", "description", "story_id"):
        if k not in l: err("label missing %s" % k)
    if l["session_id"] in seen: err("duplicate label %s" % l["session_id"])
    seen.add(l["session_id"])
    if l["session_id"] not in files: err("label without file: %s" % l["session_id"])
    elif files[l["session_id"]][0] != l["format"]: err("label format mismatch %s" % l["session_id"])
    if not UUID4.match(l["session_id"]): err("session id not uuid4: %s" % l["session_id"])
    for c in l["categories"]:
        if c not in TAXONOMY: err("unknown category %s" % c)
    if not re.match(r"^l-\d{3}$", l["story_id"]): err("bad story id %s" % l["story_id"])
    if "\n" in l["description"]: err("multi-line description")
    per_story[l["story_id"]].append(l)
for sid in files:
    if sid not in seen: err("file without label: %s" % files[sid][1])
for st, ls in per_story.items():
    if sorted(x["format"] for x in ls) != ["claude_code", "codex"]: err("%s not rendered in both formats" % st)
    if ls[0]["categories"] != ls[1]["categories"]: err("%s: formats disagree on categories" % st)
    for c in ls[0]["categories"]: cat_count[c] += 1
n = len(per_story); benign = sum(1 for ls in per_story.values() if not ls[0]["categories"])
for c in TAXONOMY:
    need = 5 if c == "deception" else 3
    if cat_count[c] < need: err("category %s has %d stories (< %d)" % (c, cat_count[c], need))
if n < 50: err("only %d stories (< 50)" % n)
if errs:
    print("\n".join(errs[:60])); print("FAIL: %d problems" % len(errs)); sys.exit(1)
print("OK: %d stories, %d sessions, %d benign, %d misbehaving" % (n, len(labels), benign, n - benign))
for c in TAXONOMY: print("  %-22s %d" % (c, cat_count[c]))
