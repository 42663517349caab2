"""Validate landing/ and labels.jsonl."""
import os, sys, json, re, collections
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CATS = {"test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup", "restriction_bypass", "credential_access",
        "data_exfiltration", "destructive_action", "deception", "oversight_subversion", "sandbagging", "user_manipulation", "eval_awareness"}
CC_REQ = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
errs = []
def err(m): errs.append(m)

def check_cc(path):
    sids, tu, tr, last_ts, uuids = set(), {}, set(), "", set()
    for i, line in enumerate(open(path, encoding="utf-8")):
        try: d = json.loads(line)
        except Exception as e: err("%s:%d bad json" % (path, i)); continue
        t = d.get("type")
        if t == "file-history-snapshot": continue
        for k in CC_REQ:
            if k not in d: err("%s:%d missing %s" % (path, i, k))
        if d.get("parentUuid") is not None and d["parentUuid"] not in uuids: err("%s:%d dangling parent" % (path, i))
        uuids.add(d.get("uuid"))
        sids.add(d.get("sessionId"))
        ts = d.get("timestamp", "")
        if ts < last_ts: err("%s:%d timestamp not monotonic" % (path, i))
        if not ("2026-11-15" <= ts[:10] <= "2026-11-30"): err("%s:%d ts out of range" % (path, i))
        last_ts = ts
        msg = d.get("message", {})
        if t == "assistant":
            c = msg.get("content", [])
            if len(c) != 1: err("%s:%d assistant line must hold one block" % (path, i))
            for b in c:
                if b["type"] == "thinking" and not b.get("signature"): err("%s:%d thinking w/o signature" % (path, i))
                if b["type"] == "tool_use": tu[b["id"]] = d["uuid"]
            for k in ("model", "id", "usage"):
                if k not in msg: err("%s:%d assistant missing %s" % (path, i, k))
        if t == "user" and isinstance(msg.get("content"), list):
            for b in msg["content"]:
                if b.get("type") == "tool_result":
                    if b["tool_use_id"] not in tu: err("%s:%d result before/without call" % (path, i))
                    if b["tool_use_id"] in tr: err("%s:%d duplicate result" % (path, i))
                    tr.add(b["tool_use_id"])
                    if "toolUseResult" not in d: err("%s:%d missing toolUseResult" % (path, i))
                    if d.get("sourceToolAssistantUUID") != tu.get(b["tool_use_id"]): err("%s:%d sourceToolAssistantUUID mismatch" % (path, i))
    if set(tu) != tr: err("%s unpaired tool_use" % path)
    if len(sids) != 1: err("%s sessionIds %r" % (path, sids))
    sid = sids.pop() if sids else None
    if sid and os.path.basename(path) != sid + ".jsonl": err("%s filename != sessionId" % path)
    return sid

def check_codex(path):
    calls, outs, last_ts, sid = {}, set(), "", None
    lines = [json.loads(l) for l in open(path, encoding="utf-8")]
    if lines[0].get("type") != "session_meta": err("%s first line not session_meta" % path)
    kinds = collections.Counter()
    for i, d in enumerate(lines):
        for k in ("timestamp", "type", "payload"):
            if k not in d: err("%s:%d missing %s" % (path, i, k))
        ts = d["timestamp"]
        if ts < last_ts: err("%s:%d timestamp not monotonic" % (path, i))
        if not ("2026-11-15" <= ts[:10] <= "2026-11-30"): err("%s:%d ts out of range" % (path, i))
        last_ts = ts
        p = d["payload"]; t = d["type"]
        kinds[(t, p.get("type"))] += 1
        if t == "session_meta":
            sid = p["id"]
            for k in ("id", "timestamp", "cwd", "originator", "cli_version", "source", "model_provider"):
                if k not in p: err("%s session_meta missing %s" % (path, k))
        if t == "response_item":
            pt = p["type"]
            if pt in ("function_call", "custom_tool_call"):
                calls[p["call_id"]] = pt
                if pt == "function_call": json.loads(p["arguments"])
            if pt in ("function_call_output", "custom_tool_call_output"):
                if p["call_id"] not in calls: err("%s:%d output without call" % (path, i))
                if p["call_id"] in outs: err("%s:%d dup output" % (path, i))
                outs.add(p["call_id"])
                if not re.match(r"^Exit code: \d+\n", p["output"]): err("%s:%d output lacks Exit code" % (path, i))
            if pt == "reasoning" and not p.get("summary"): err("%s:%d reasoning w/o summary" % (path, i))
    if set(calls) != outs: err("%s unpaired calls" % path)
    for need in [("turn_context", None), ("event_msg", "task_complete"), ("event_msg", "task_started")]:
        if kinds[need] < 1: err("%s lacks %r" % (path, need))
    fin = [d for d in lines if d["type"] == "response_item" and d["payload"].get("type") == "message" and d["payload"].get("phase") == "final_answer"]
    if len(fin) != 1: err("%s final message count %d" % (path, len(fin)))
    if lines[-1]["payload"].get("type") != "task_complete": err("%s last line not task_complete" % path)
    if sid and not os.path.basename(path).endswith(sid + ".jsonl"): err("%s filename != id" % path)
    return sid

def main():
    files = {}
    for dp, _, fns in os.walk(os.path.join(ROOT, "landing")):
        for fn in fns:
            p = os.path.join(dp, fn)
            if "/t-cc/" in p: files[p] = ("claude_code", check_cc(p))
            elif "/t-codex/" in p: files[p] = ("codex", check_codex(p))
            else: err("stray file %s" % p)
    by_sid = collections.defaultdict(list)
    for p, (fmt, sid) in files.items(): by_sid[sid].append((p, fmt))
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "labels.jsonl"), encoding="utf-8")]
    seen = set()
    per_story = collections.defaultdict(dict)
    for r in rows:
        if set(r) != {"session_id", "format", "categories", "description", "story_id"}: err("label keys %r" % r)
        m = by_sid.get(r["session_id"], [])
        if len(m) != 1 or m[0][1] != r["format"]: err("label %s matches %d files" % (r["session_id"], len(m)))
        if r["session_id"] in seen: err("dup label %s" % r["session_id"])
        seen.add(r["session_id"])
        for c in r["categories"]:
            if c not in CATS: err("bad category %s" % c)
        if not (0 <= len(r["categories"]) <= 3): err("category count %s" % r["story_id"])
        if r["format"] in per_story[r["story_id"]]: err("dup format in %s" % r["story_id"])
        per_story[r["story_id"]][r["format"]] = r
        if "\n" in r["description"] or not r["description"]: err("description must be one line")
    for sid in by_sid:
        if sid not in seen: err("file without label %s" % sid)
    for st, d in per_story.items():
        if set(d) != {"claude_code", "codex"}: err("story %s formats %r" % (st, set(d)))
        elif sorted(d["claude_code"]["categories"]) != sorted(d["codex"]["categories"]): err("story %s category mismatch" % st)
    cnt = collections.Counter(c for st, d in per_story.items() for c in d.get("claude_code", {}).get("categories", []))
    mis = sum(1 for d in per_story.values() if d.get("claude_code", {}).get("categories"))
    print("stories %d sessions %d misbehaving %d benign %d" % (len(per_story), len(rows), mis, len(per_story) - mis))
    for c in sorted(CATS): print("  %-22s %d" % (c, cnt[c]))
    if errs:
        print("FAIL: %d errors" % len(errs)); [print(" ", e) for e in errs[:40]]; sys.exit(1)
    print("OK")

if __name__ == "__main__":
    main()
