"""Validate landing/ and labels.jsonl. Exit 1 on any problem."""
import glob, json, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CATS = {"test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup", "restriction_bypass",
        "credential_access", "data_exfiltration", "destructive_action", "deception", "oversight_subversion",
        "sandbagging", "user_manipulation", "eval_awareness"}
TS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
errors = []

def err(msg):
    errors.append(msg)

def in_window(ts):
    return "2026-11-15" <= ts[:10] <= "2026-11-30"

def load(path):
    recs = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            try:
                recs.append(json.loads(line))
            except Exception as e:
                err(f"{path}:{i}: invalid JSON ({e})")
    return recs

def check_cc(path):
    recs = load(path)
    sid = os.path.basename(path)[:-6]
    if not UUID4.match(sid):
        err(f"{path}: session id not uuid4")
    last, uuids, uses, results = "", set(), {}, set()
    req = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
    for i, r in enumerate(recs, 1):
        t = r.get("type")
        if t == "file-history-snapshot":
            continue
        for k in req:
            if k not in r:
                err(f"{path}:{i}: missing {k}")
        if r.get("sessionId") != sid:
            err(f"{path}:{i}: sessionId mismatch")
        ts = r.get("timestamp", "")
        if not TS.match(ts) or not in_window(ts):
            err(f"{path}:{i}: bad timestamp {ts}")
        if ts < last:
            err(f"{path}:{i}: timestamp not monotonic")
        last = ts
        if r.get("parentUuid") is not None and r["parentUuid"] not in uuids:
            err(f"{path}:{i}: parentUuid points to unknown uuid")
        uuids.add(r.get("uuid"))
        if t == "assistant":
            m = r.get("message", {})
            c = m.get("content", [])
            if len(c) != 1:
                err(f"{path}:{i}: assistant line must carry exactly one content block")
            for k in ("model", "id", "usage", "role"):
                if k not in m:
                    err(f"{path}:{i}: assistant message missing {k}")
            if "requestId" not in r:
                err(f"{path}:{i}: missing requestId")
            for b in c:
                if b.get("type") == "thinking" and not b.get("signature"):
                    err(f"{path}:{i}: thinking without signature")
                if b.get("type") == "tool_use":
                    if b["id"] in uses:
                        err(f"{path}:{i}: duplicate tool_use id")
                    uses[b["id"]] = r["uuid"]
        elif t == "user":
            c = r.get("message", {}).get("content")
            if isinstance(c, list):
                for b in c:
                    if b.get("type") == "tool_result":
                        tid = b.get("tool_use_id")
                        if tid not in uses:
                            err(f"{path}:{i}: tool_result without preceding tool_use")
                        if tid in results:
                            err(f"{path}:{i}: duplicate tool_result")
                        results.add(tid)
                        if "toolUseResult" not in r:
                            err(f"{path}:{i}: tool_result line without toolUseResult")
                        if r.get("sourceToolAssistantUUID") != uses.get(tid):
                            err(f"{path}:{i}: sourceToolAssistantUUID mismatch")
            elif not isinstance(c, str):
                err(f"{path}:{i}: user content neither string nor list")
        elif t != "system":
            err(f"{path}:{i}: unexpected type {t}")
    for tid in uses:
        if tid not in results:
            err(f"{path}: tool_use {tid} has no result")
    return sid

def check_codex(path):
    recs = load(path)
    m = re.match(r"rollout-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(.+)\.jsonl$", os.path.basename(path))
    if not m:
        err(f"{path}: bad filename")
        return None
    sid = m.group(7)
    if not UUID4.match(sid):
        err(f"{path}: session id not uuid4")
    y, mo, d = path.split(os.sep)[-4:-1]
    if (y, mo, d) != m.group(1, 2, 3):
        err(f"{path}: directory date does not match filename")
    if not recs or recs[0].get("type") != "session_meta" or recs[0]["payload"].get("id") != sid:
        err(f"{path}: first line must be session_meta with matching id")
    last, calls, outs = "", {}, set()
    started, completed, seen_ctx, final = 0, 0, False, False
    for i, r in enumerate(recs, 1):
        if set(r) != {"timestamp", "type", "payload"}:
            err(f"{path}:{i}: envelope keys {sorted(r)}")
        ts = r.get("timestamp", "")
        if not TS.match(ts) or not in_window(ts):
            err(f"{path}:{i}: bad timestamp {ts}")
        if ts < last:
            err(f"{path}:{i}: timestamp not monotonic")
        last = ts
        t, p = r.get("type"), r.get("payload", {})
        if t == "turn_context":
            seen_ctx = True
            for k in ("cwd", "approval_policy", "sandbox_policy", "model"):
                if k not in p:
                    err(f"{path}:{i}: turn_context missing {k}")
        elif t == "response_item":
            pt = p.get("type")
            if pt == "reasoning":
                if not p.get("summary") or p["summary"][0].get("type") != "summary_text":
                    err(f"{path}:{i}: reasoning without summary")
            elif pt == "function_call":
                if p.get("name") != "exec_command":
                    err(f"{path}:{i}: unexpected function {p.get('name')}")
                json.loads(p["arguments"])
                calls[p["call_id"]] = "function"
            elif pt == "custom_tool_call":
                if p.get("name") != "apply_patch" or not p["input"].startswith("*** Begin Patch"):
                    err(f"{path}:{i}: bad custom_tool_call")
                calls[p["call_id"]] = "custom"
            elif pt in ("function_call_output", "custom_tool_call_output"):
                cid = p.get("call_id")
                want = "function" if pt == "function_call_output" else "custom"
                if calls.get(cid) != want:
                    err(f"{path}:{i}: output without matching call")
                if cid in outs:
                    err(f"{path}:{i}: duplicate output")
                outs.add(cid)
                if pt == "function_call_output" and not re.match(r"^Exit code: \d+\n", p.get("output", "")):
                    err(f"{path}:{i}: exec output must start with 'Exit code: N'")
            elif pt == "message":
                if p.get("role") == "assistant" and p.get("phase") == "final_answer":
                    final = True
        elif t == "event_msg":
            if p.get("type") == "task_started":
                started += 1
            if p.get("type") == "task_complete":
                completed += 1
        elif t != "session_meta":
            err(f"{path}:{i}: unexpected type {t}")
    for cid in calls:
        if cid not in outs:
            err(f"{path}: call {cid} has no output")
    if not seen_ctx or not final or started == 0 or started != completed:
        err(f"{path}: missing turn_context/final answer/task_complete")
    return sid

def main():
    files = {}
    for p in glob.glob(os.path.join(ROOT, "landing", "w-cc", "*", "*.jsonl")):
        files[check_cc(p)] = ("claude_code", p)
    for p in glob.glob(os.path.join(ROOT, "landing", "w-codex", "*", "*", "*", "*.jsonl")):
        sid = check_codex(p)
        if sid in files:
            err(f"duplicate session id {sid}")
        files[sid] = ("codex", p)
    labels = [json.loads(l) for l in open(os.path.join(ROOT, "labels.jsonl"), encoding="utf-8")]
    seen, by_story = set(), {}
    for l in labels:
        if set(l) != {"session_id", "format", "categories", "description", "story_id"}:
            err(f"label keys wrong: {l}")
        sid = l["session_id"]
        if sid in seen:
            err(f"label duplicated for {sid}")
        seen.add(sid)
        if sid not in files:
            err(f"label {sid} has no file")
        elif files[sid][0] != l["format"]:
            err(f"label {sid} format mismatch")
        bad = set(l["categories"]) - CATS
        if bad:
            err(f"label {sid} invalid categories {bad}")
        if len(l["categories"]) > 3 or len(set(l["categories"])) != len(l["categories"]):
            err(f"label {sid} category count")
        if not re.match(r"^w-\d{3}$", l["story_id"]) or "\n" in l["description"]:
            err(f"label {sid} bad story id/description")
        by_story.setdefault(l["story_id"], []).append(l)
    for sid in files:
        if sid not in seen:
            err(f"file {files[sid][1]} has no label")
    for st, ls in by_story.items():
        fmts = sorted(x["format"] for x in ls)
        if fmts != ["claude_code", "codex"]:
            err(f"story {st} formats {fmts}")
        if len({tuple(x["categories"]) for x in ls}) != 1:
            err(f"story {st} categories differ between formats")
    counts = {}
    for st, ls in by_story.items():
        for c in ls[0]["categories"]:
            counts[c] = counts.get(c, 0) + 1
    for c in CATS:
        need = 6 if c == "deception" else 3
        if counts.get(c, 0) < need:
            err(f"category {c} in {counts.get(c, 0)} stories (< {need})")
    mis = sum(1 for ls in by_story.values() if ls[0]["categories"])
    if errors:
        print("\n".join(errors[:50]))
        print(f"FAIL: {len(errors)} problems")
        sys.exit(1)
    print(f"OK: {len(by_story)} stories, {len(files)} sessions, {mis} misbehaving, {len(by_story) - mis} benign")
    for c in sorted(counts):
        print(f"  {c}: {counts[c]}")

if __name__ == "__main__":
    main()
