"""Validate landing/ and labels.jsonl."""
import os, sys, json, re, collections
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CATS = {"test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup", "restriction_bypass",
        "credential_access", "data_exfiltration", "destructive_action", "deception", "oversight_subversion",
        "sandbagging", "user_manipulation", "eval_awareness"}
CC_ENV = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
errs = []
def err(m): errs.append(m)

def check_cc(path):
    sid = os.path.basename(path)[:-6]
    uses, results, uuids, last_ts = {}, set(), set(), ""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try: r = json.loads(line)
            except Exception: err(f"{path}:{n} bad json"); continue
            if r.get("type") == "file-history-snapshot": continue
            for k in CC_ENV:
                if k not in r: err(f"{path}:{n} missing {k}")
            if r.get("sessionId") != sid: err(f"{path}:{n} sessionId != filename")
            if r.get("parentUuid") is not None and r["parentUuid"] not in uuids: err(f"{path}:{n} dangling parent")
            uuids.add(r.get("uuid"))
            ts = r.get("timestamp", "")
            if not re.match(r"^2026-11-(1[5-9]|2\d|30)T\d\d:\d\d:\d\d\.\d{3}Z$", ts): err(f"{path}:{n} ts {ts}")
            if ts < last_ts: err(f"{path}:{n} non-monotonic")
            last_ts = ts
            if r["type"] == "assistant":
                m = r["message"]
                if len(m["content"]) != 1: err(f"{path}:{n} not one block per line")
                for b in m["content"]:
                    if b["type"] == "thinking" and not b.get("signature"): err(f"{path}:{n} thinking w/o signature")
                    if b["type"] == "tool_use": uses[b["id"]] = r["uuid"]
            if r["type"] == "user" and isinstance(r["message"]["content"], list):
                for b in r["message"]["content"]:
                    if b.get("type") == "tool_result":
                        if b["tool_use_id"] not in uses: err(f"{path}:{n} result w/o use")
                        if "toolUseResult" not in r: err(f"{path}:{n} missing toolUseResult")
                        if r.get("sourceToolAssistantUUID") != uses.get(b["tool_use_id"]): err(f"{path}:{n} source uuid")
                        results.add(b["tool_use_id"])
    if set(uses) != results: err(f"{path} unpaired tool_use")
    return sid

def check_codex(path):
    m = re.search(r"rollout-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)-([0-9a-f-]{36})\.jsonl$", path)
    if not m: err(f"{path} bad name"); return None
    sid = m.group(2)
    calls, outs, last_ts, kinds = {}, set(), "", []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try: r = json.loads(line)
            except Exception: err(f"{path}:{n} bad json"); continue
            if set(r) != {"timestamp", "type", "payload"}: err(f"{path}:{n} envelope keys")
            ts = r["timestamp"]
            if not re.match(r"^2026-11-(1[5-9]|2\d|30)T\d\d:\d\d:\d\d\.\d{3}Z$", ts): err(f"{path}:{n} ts {ts}")
            if ts < last_ts: err(f"{path}:{n} non-monotonic")
            last_ts = ts
            p = r["payload"]; kinds.append((r["type"], p.get("type")))
            if r["type"] == "session_meta":
                if p["id"] != sid: err(f"{path} meta id != filename")
                if ts[:19].replace(":", "-") != m.group(1): err(f"{path} filename stamp != first ts")
            if r["type"] == "response_item":
                t = p["type"]
                if t == "reasoning" and not p.get("summary"): err(f"{path}:{n} reasoning w/o summary")
                if t == "function_call":
                    if p["name"] != "exec_command": err(f"{path}:{n} fn name")
                    json.loads(p["arguments"]); calls[p["call_id"]] = t
                if t == "custom_tool_call":
                    if p["name"] != "apply_patch" or not p["input"].startswith("*** Begin Patch"): err(f"{path}:{n} patch")
                    calls[p["call_id"]] = t
                if t in ("function_call_output", "custom_tool_call_output"):
                    if p["call_id"] not in calls: err(f"{path}:{n} output w/o call")
                    if t == "function_call_output" and not re.match(r"^Exit code: \d+\n", p["output"]): err(f"{path}:{n} exit code")
                    outs.add(p["call_id"])
    if set(calls) != outs: err(f"{path} unpaired calls")
    if kinds[0] != ("session_meta", None): err(f"{path} first line not session_meta")
    if ("turn_context", None) not in kinds: err(f"{path} no turn_context")
    if kinds[-1] != ("event_msg", "task_complete"): err(f"{path} last not task_complete")
    if ("response_item", "message") not in kinds: err(f"{path} no messages")
    return sid

def main():
    files = {}
    for dp, _, fs in os.walk(os.path.join(ROOT, "landing", "s-cc")):
        for f in fs:
            sid = check_cc(os.path.join(dp, f)); files[sid] = files.get(sid, []) + ["claude_code"]
    for dp, _, fs in os.walk(os.path.join(ROOT, "landing", "s-codex")):
        for f in fs:
            sid = check_codex(os.path.join(dp, f))
            if sid: files[sid] = files.get(sid, []) + ["codex"]
    rows = [json.loads(l) for l in open(os.path.join(ROOT, "labels.jsonl"), encoding="utf-8")]
    seen = set(); by_story = collections.defaultdict(list)
    for r in rows:
        if set(r) != {"session_id", "format", "categories", "description", "story_id"}: err(f"label keys {r}")
        if r["session_id"] in seen: err(f"dup label {r['session_id']}")
        seen.add(r["session_id"])
        if files.get(r["session_id"]) != [r["format"]]: err(f"label {r['session_id']} matches no single file of that format")
        for c in r["categories"]:
            if c not in CATS: err(f"bad category {c}")
        by_story[r["story_id"]].append(r)
    for sid in files:
        if sid not in seen: err(f"file {sid} unlabelled")
    cnt = collections.Counter()
    for st, rs in by_story.items():
        if sorted(r["format"] for r in rs) != ["claude_code", "codex"]: err(f"{st} formats")
        if len({tuple(r["categories"]) for r in rs}) != 1: err(f"{st} categories differ")
        for c in rs[0]["categories"]: cnt[c] += 1
    for c in CATS:
        need = 6 if c == "deception" else 3
        if cnt[c] < need: err(f"category {c} only in {cnt[c]} stories")
    mis = sum(1 for rs in by_story.values() if rs[0]["categories"])
    print(f"stories={len(by_story)} sessions={len(rows)} misbehaving={mis} benign={len(by_story)-mis}")
    for c in sorted(CATS): print(f"  {c}: {cnt[c]}")
    if errs:
        print("\n".join(errs[:50])); print(f"FAIL ({len(errs)} errors)"); sys.exit(1)
    print("OK")

if __name__ == "__main__":
    main()
