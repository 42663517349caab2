"""Validate landing/ and labels.jsonl. Exit 0 when everything holds, 1 otherwise.

Checks: every line is valid JSON; Claude Code and Codex envelope fields; pairing of tool
calls and results; monotonic timestamps inside the 2026-11-15..2026-11-30 window; file names
match session ids; every label row matches exactly one file and vice versa; each story has
exactly one claude_code and one codex row with identical categories; category ids valid;
category coverage; and that build.py reproduces the files byte for byte."""
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CATS = {"test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup", "restriction_bypass",
        "credential_access", "data_exfiltration", "destructive_action", "deception", "oversight_subversion",
        "sandbagging", "user_manipulation", "eval_awareness"}
TS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
UUID4_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
LO, HI = "2026-11-15T00:00:00.000Z", "2026-11-30T23:59:59.999Z"
errors = []


def err(msg):
    errors.append(msg)


def load_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.endswith("\n"):
                err(f"{path}:{i}: missing trailing newline")
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                err(f"{path}:{i}: invalid JSON: {e}")
    return rows


def check_ts(path, stamps):
    for a, b in zip(stamps, stamps[1:]):
        if b < a:
            err(f"{path}: timestamps not monotonic ({a} > {b})")
            break
    for t in stamps:
        if not TS_RE.match(t) or not (LO <= t <= HI):
            err(f"{path}: bad timestamp {t}")
            break


def check_cc(path):
    rows = load_jsonl(path)
    sid = os.path.basename(path)[:-len(".jsonl")]
    if not UUID4_RE.match(sid):
        err(f"{path}: file name is not a uuid4")
    req = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
    uuids, stamps, uses, results = set(), [], {}, {}
    prompts = finals = 0
    prev = None
    for i, r in enumerate(rows, 1):
        t = r.get("type")
        if t == "file-history-snapshot":
            if not {"messageId", "snapshot", "isSnapshotUpdate"} <= set(r):
                err(f"{path}:{i}: bad file-history-snapshot")
            continue
        if t not in ("user", "assistant", "system"):
            err(f"{path}:{i}: unexpected type {t}")
            continue
        for k in req:
            if k not in r:
                err(f"{path}:{i}: missing {k}")
        if r.get("sessionId") != sid:
            err(f"{path}:{i}: sessionId != file name")
        if r.get("parentUuid") != prev:
            err(f"{path}:{i}: parentUuid does not chain to previous line")
        if r["uuid"] in uuids:
            err(f"{path}:{i}: duplicate uuid")
        uuids.add(r["uuid"])
        prev = r["uuid"]
        stamps.append(r["timestamp"])
        msg = r.get("message", {})
        if t == "assistant":
            for k in ("model", "id", "type", "role", "content", "stop_reason", "usage"):
                if k not in msg:
                    err(f"{path}:{i}: assistant message missing {k}")
            if "requestId" not in r:
                err(f"{path}:{i}: assistant line missing requestId")
            if len(msg.get("content", [])) != 1:
                err(f"{path}:{i}: assistant line must carry exactly one content block")
            for b in msg.get("content", []):
                if b["type"] == "thinking" and not b.get("signature"):
                    err(f"{path}:{i}: thinking block without signature")
                if b["type"] == "tool_use":
                    if not b["id"].startswith("toolu_") or b["id"] in uses:
                        err(f"{path}:{i}: bad/duplicate tool_use id")
                    uses[b["id"]] = r["uuid"]
                if b["type"] == "text" and msg.get("stop_reason") == "end_turn":
                    finals += 1
        elif t == "user":
            c = msg.get("content")
            if isinstance(c, str):
                prompts += 1
            else:
                for b in c:
                    if b.get("type") != "tool_result":
                        err(f"{path}:{i}: non tool_result block in user list content")
                        continue
                    tid = b["tool_use_id"]
                    if tid not in uses:
                        err(f"{path}:{i}: tool_result before/without its tool_use")
                    if tid in results:
                        err(f"{path}:{i}: duplicate tool_result")
                    results[tid] = i
                    if "toolUseResult" not in r:
                        err(f"{path}:{i}: tool result without toolUseResult")
                    if r.get("sourceToolAssistantUUID") != uses.get(tid):
                        err(f"{path}:{i}: sourceToolAssistantUUID mismatch")
    if set(uses) != set(results):
        err(f"{path}: unpaired tool_use/tool_result")
    if prompts < 1 or finals != prompts:
        err(f"{path}: {prompts} prompts but {finals} final messages")
    check_ts(path, stamps)
    return sid


def check_codex(path):
    rows = load_jsonl(path)
    m = re.match(r"rollout-(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)-(.+)\.jsonl$", os.path.basename(path))
    if not m:
        err(f"{path}: bad rollout file name")
        return None
    sid = m.group(7)
    if not UUID4_RE.match(sid):
        err(f"{path}: session id is not a uuid4")
    y, mo, d = path.split(os.sep)[-4:-1]
    if (y, mo, d) != m.groups()[:3]:
        err(f"{path}: directory date does not match file name")
    if not rows or rows[0].get("type") != "session_meta":
        err(f"{path}: first line is not session_meta")
        return sid
    meta = rows[0]["payload"]
    for k in ("id", "timestamp", "cwd", "originator", "cli_version", "source", "model_provider"):
        if k not in meta:
            err(f"{path}: session_meta missing {k}")
    if meta.get("id") != sid:
        err(f"{path}: session_meta.id != file name")
    if not meta.get("timestamp", "").startswith(f"{y}-{mo}-{d}T{m.group(4)}:{m.group(5)}:{m.group(6)}"):
        err(f"{path}: session_meta.timestamp does not match file name")
    calls, outs, stamps = {}, {}, []
    started = completed = tcs = 0
    last_final = None
    for i, r in enumerate(rows, 1):
        if set(r) != {"timestamp", "type", "payload"}:
            err(f"{path}:{i}: line keys must be timestamp/type/payload")
            continue
        stamps.append(r["timestamp"])
        t, p = r["type"], r["payload"]
        if t == "turn_context":
            tcs += 1
            for k in ("cwd", "approval_policy", "sandbox_policy", "model", "summary"):
                if k not in p:
                    err(f"{path}:{i}: turn_context missing {k}")
        elif t == "event_msg":
            if p.get("type") == "task_started":
                started += 1
            elif p.get("type") == "task_complete":
                completed += 1
                if p.get("last_agent_message") != last_final:
                    err(f"{path}:{i}: task_complete message != final answer")
        elif t == "response_item":
            pt = p.get("type")
            if pt == "reasoning":
                if not p.get("summary") or p["summary"][0].get("type") != "summary_text":
                    err(f"{path}:{i}: reasoning without summary_text")
            elif pt == "function_call":
                if p["call_id"] in calls:
                    err(f"{path}:{i}: duplicate call_id")
                calls[p["call_id"]] = "function"
                try:
                    a = json.loads(p["arguments"])
                    if p["name"] == "exec_command" and "cmd" not in a:
                        err(f"{path}:{i}: exec_command without cmd")
                except (json.JSONDecodeError, TypeError):
                    err(f"{path}:{i}: arguments is not a JSON string")
            elif pt == "custom_tool_call":
                if p["call_id"] in calls:
                    err(f"{path}:{i}: duplicate call_id")
                calls[p["call_id"]] = "custom"
                if p.get("name") == "apply_patch" and not (p["input"].startswith("*** Begin Patch")
                                                            and p["input"].endswith("*** End Patch")):
                    err(f"{path}:{i}: malformed apply_patch input")
            elif pt in ("function_call_output", "custom_tool_call_output"):
                cid = p["call_id"]
                want = "function" if pt == "function_call_output" else "custom"
                if calls.get(cid) != want:
                    err(f"{path}:{i}: output without matching call")
                if cid in outs:
                    err(f"{path}:{i}: duplicate output")
                outs[cid] = i
                if pt == "function_call_output" and not re.match(r"^Exit code: \d+\n", p["output"]):
                    err(f"{path}:{i}: exec output does not start with 'Exit code: N'")
            elif pt == "message":
                if p.get("role") == "assistant" and p.get("phase") == "final_answer":
                    last_final = p["content"][0]["text"]
        elif t != "session_meta":
            err(f"{path}:{i}: unexpected type {t}")
    if set(calls) != set(outs):
        err(f"{path}: unpaired calls/outputs")
    if started < 1 or started != completed or tcs < started:
        err(f"{path}: task_started={started} task_complete={completed} turn_context={tcs}")
    check_ts(path, stamps)
    return sid


def digest_tree():
    h = {}
    for p in sorted(glob.glob(os.path.join(ROOT, "landing", "**", "*.jsonl"), recursive=True)) + \
            [os.path.join(ROOT, "labels.jsonl")]:
        with open(p, "rb") as f:
            h[os.path.relpath(p, ROOT)] = hashlib.sha256(f.read()).hexdigest()
    return h


def main():
    before = digest_tree()
    cc_files = sorted(glob.glob(os.path.join(ROOT, "landing", "r-cc", "*", "*.jsonl")))
    cx_files = sorted(glob.glob(os.path.join(ROOT, "landing", "r-codex", "*", "*", "*", "*.jsonl")))
    files = {}
    for p in cc_files:
        sid = check_cc(p)
        files[sid] = files.get(sid, []) + [("claude_code", p)]
    for p in cx_files:
        sid = check_codex(p)
        if sid:
            files[sid] = files.get(sid, []) + [("codex", p)]
    labels = load_jsonl(os.path.join(ROOT, "labels.jsonl"))
    seen = Counter(r.get("session_id") for r in labels)
    by_story = defaultdict(list)
    for r in labels:
        if set(r) != {"session_id", "format", "categories", "description", "story_id"}:
            err(f"label row has wrong keys: {r}")
            continue
        if seen[r["session_id"]] != 1:
            err(f"session {r['session_id']} labelled {seen[r['session_id']]} times")
        match = files.get(r["session_id"], [])
        if len(match) != 1 or match[0][0] != r["format"]:
            err(f"label {r['session_id']} ({r['format']}) does not match exactly one file: {match}")
        bad = set(r["categories"]) - CATS
        if bad:
            err(f"label {r['session_id']}: invalid categories {bad}")
        if len(r["categories"]) > 3 or len(set(r["categories"])) != len(r["categories"]):
            err(f"label {r['session_id']}: 0-3 distinct categories allowed")
        if not r["description"] or "\n" in r["description"]:
            err(f"label {r['session_id']}: description must be one line")
        by_story[r["story_id"]].append(r)
    for sid, fl in files.items():
        if len(fl) != 1:
            err(f"session id {sid} used by {len(fl)} files")
        if sid not in seen:
            err(f"file {fl[0][1]} has no label row")
    cat_count = Counter()
    mis = 0
    for st, rows in sorted(by_story.items()):
        fmts = sorted(r["format"] for r in rows)
        if fmts != ["claude_code", "codex"]:
            err(f"story {st}: formats {fmts}")
            continue
        if rows[0]["categories"] != rows[1]["categories"]:
            err(f"story {st}: categories differ between formats")
        cat_count.update(rows[0]["categories"])
        mis += bool(rows[0]["categories"])
    for c in CATS:
        if cat_count[c] < 3:
            err(f"category {c} appears in only {cat_count[c]} stories")
    if cat_count["deception"] < 6:
        err("deception appears in fewer than 6 stories")
    # rebuild and compare byte for byte
    r = subprocess.run([sys.executable, os.path.join(HERE, "build.py")], capture_output=True, text=True)
    if r.returncode != 0:
        err("build.py failed: " + r.stderr)
    elif digest_tree() != before:
        err("build.py did not reproduce landing/ and labels.jsonl byte for byte")
    print(f"stories: {len(by_story)}  sessions: {len(labels)}  misbehaving: {mis}  benign: {len(by_story) - mis}")
    for c in sorted(cat_count):
        print(f"  {c:22s} {cat_count[c]}")
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors[:50]:
            print("  -", e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
