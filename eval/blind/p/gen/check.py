"""Validate landing/ and labels.jsonl. Exit 1 on any problem."""
import os, sys, json, glob, re, collections
sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CATS = {"test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup", "restriction_bypass",
        "credential_access", "data_exfiltration", "destructive_action", "deception", "oversight_subversion",
        "sandbagging", "user_manipulation", "eval_awareness"}
errs = []
def err(m): errs.append(m)
TS = re.compile(r"^2026-11-(1[5-9]|2\d|30)T\d\d:\d\d:\d\d\.\d{3}Z$")

def load(p):
    rows = []
    with open(p, encoding="utf-8") as fh:
        for i, l in enumerate(fh, 1):
            try:
                rows.append(json.loads(l))
            except Exception as e:
                err(f"{p}:{i}: bad JSON {e}")
    return rows

def check_ts(p, seq):
    for a, b in zip(seq, seq[1:]):
        if b < a: err(f"{p}: timestamps not monotonic {a} > {b}")
    for t in seq:
        if not TS.match(t): err(f"{p}: timestamp out of range {t}")

def check_cc(p):
    rows = load(p); sid = os.path.basename(p)[:-6]
    ENV = ["parentUuid", "isSidechain", "userType", "cwd", "sessionId", "version", "gitBranch", "type", "uuid", "timestamp"]
    uses, results, uuids, ts = {}, set(), set(), []
    for r in rows:
        t = r.get("type")
        if t == "file-history-snapshot":
            continue
        for k in ENV:
            if k not in r: err(f"{p}: missing {k} in {t}")
        if r.get("sessionId") != sid: err(f"{p}: sessionId mismatch")
        if r.get("parentUuid") is not None and r["parentUuid"] not in uuids: err(f"{p}: dangling parentUuid")
        uuids.add(r.get("uuid")); ts.append(r.get("timestamp", ""))
        if t == "assistant":
            m = r["message"]
            if len(m["content"]) != 1: err(f"{p}: assistant line with {len(m['content'])} blocks")
            for b in m["content"]:
                if b["type"] == "thinking" and not b.get("signature"): err(f"{p}: thinking without signature")
                if b["type"] == "tool_use": uses[b["id"]] = r["uuid"]
            if "requestId" not in r or not m.get("id", "").startswith("msg_"): err(f"{p}: assistant ids")
        elif t == "user" and isinstance(r["message"]["content"], list):
            for b in r["message"]["content"]:
                if b["type"] == "tool_result":
                    if b["tool_use_id"] not in uses: err(f"{p}: result before/without use")
                    results.add(b["tool_use_id"])
                    if "toolUseResult" not in r: err(f"{p}: tool_result without toolUseResult")
                    if r.get("sourceToolAssistantUUID") != uses.get(b["tool_use_id"]): err(f"{p}: sourceToolAssistantUUID")
    if set(uses) != results: err(f"{p}: unpaired tool_use/tool_result")
    if not rows or rows[-1].get("type") not in ("system", "assistant"): err(f"{p}: odd ending")
    check_ts(p, ts)
    return sid

def check_codex(p):
    rows = load(p)
    m = re.search(r"rollout-(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)-([0-9a-f-]{36})\.jsonl$", p)
    if not m: err(f"{p}: bad filename"); return None
    sid = m.group(7)
    if rows[0].get("type") != "session_meta" or rows[0]["payload"].get("id") != sid: err(f"{p}: session_meta")
    if not p.split(os.sep)[-4:-1] == [m.group(1), m.group(2), m.group(3)]: err(f"{p}: date directory")
    calls, outs, ts = {}, set(), []
    kinds = collections.Counter()
    for r in rows:
        if set(r) != {"timestamp", "type", "payload"}: err(f"{p}: envelope keys {sorted(r)}")
        ts.append(r["timestamp"]); pl = r["payload"]; kinds[(r["type"], pl.get("type"))] += 1
        if r["type"] == "response_item":
            if pl["type"] in ("function_call", "custom_tool_call"):
                calls[pl["call_id"]] = pl["type"]
                if pl["type"] == "function_call":
                    a = json.loads(pl["arguments"])
                    if pl["name"] == "exec_command" and "cmd" not in a: err(f"{p}: exec_command without cmd")
                elif pl["name"] != "apply_patch" or not pl["input"].startswith("*** Begin Patch"): err(f"{p}: bad patch")
            elif pl["type"] in ("function_call_output", "custom_tool_call_output"):
                if pl["call_id"] not in calls: err(f"{p}: output before/without call")
                elif calls[pl["call_id"]] + "_output" != pl["type"]: err(f"{p}: output kind mismatch")
                if not re.match(r"^Exit code: \d+\n", pl["output"]): err(f"{p}: output lacks Exit code header")
                outs.add(pl["call_id"])
            elif pl["type"] == "reasoning":
                if "summary" not in pl or "encrypted_content" not in pl: err(f"{p}: reasoning fields")
    if set(calls) != outs: err(f"{p}: unpaired calls")
    for need in [("turn_context", None), ("event_msg", "task_complete"), ("event_msg", "user_message")]:
        if not kinds[need]: err(f"{p}: no {need}")
    if not any(r["type"] == "response_item" and r["payload"].get("phase") == "final_answer" for r in rows): err(f"{p}: no final answer")
    if rows[-1]["payload"].get("type") != "task_complete": err(f"{p}: last line not task_complete")
    check_ts(p, ts)
    return sid

def main():
    files = {}
    for p in glob.glob(os.path.join(ROOT, "landing", "p-cc", "*", "*.jsonl")):
        files[check_cc(p)] = ("claude_code", p)
    for p in glob.glob(os.path.join(ROOT, "landing", "p-codex", "*", "*", "*", "*.jsonl")):
        files[check_codex(p)] = ("codex", p)
    all_files = glob.glob(os.path.join(ROOT, "landing", "**", "*.jsonl"), recursive=True)
    if len(all_files) != len(files): err("stray or duplicate session files")
    labels = load(os.path.join(ROOT, "labels.jsonl"))
    seen, by_story = set(), collections.defaultdict(list)
    for r in labels:
        if set(r) != {"session_id", "format", "categories", "description", "story_id"}: err(f"label keys {r}")
        sid = r["session_id"]
        if sid in seen: err(f"duplicate label {sid}")
        seen.add(sid)
        if sid not in files: err(f"label without file {sid}")
        elif files[sid][0] != r["format"]: err(f"format mismatch {sid}")
        for c in r["categories"]:
            if c not in CATS: err(f"bad category {c}")
        if len(r["categories"]) > 3 or len(set(r["categories"])) != len(r["categories"]): err(f"category count {sid}")
        if not r["description"] or "\n" in r["description"]: err(f"description {sid}")
        by_story[r["story_id"]].append(r)
    for sid in files:
        if sid not in seen: err(f"file without label {sid}")
    per_cat, mis, ben = collections.Counter(), 0, 0
    for st, rs in sorted(by_story.items()):
        if sorted(r["format"] for r in rs) != ["claude_code", "codex"]: err(f"{st}: needs one row per format")
        if len({tuple(r["categories"]) for r in rs}) != 1: err(f"{st}: categories differ between formats")
        cats = rs[0]["categories"]
        if cats: mis += 1
        else: ben += 1
        for c in cats: per_cat[c] += 1
    print(f"stories={len(by_story)} sessions={len(files)} misbehaving={mis} benign={ben}")
    for c in sorted(CATS):
        print(f"  {c:22s} {per_cat[c]}")
    if errs:
        for e in errs[:50]: print("ERROR", e)
        print(f"{len(errs)} errors"); sys.exit(1)
    print("check.py: OK")

if __name__ == "__main__":
    main()
