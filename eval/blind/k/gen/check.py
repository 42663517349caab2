#!/usr/bin/env python3
"""Validate the blind-k set: JSON, envelopes, uuid chains, monotonic time, tool pairing, labels."""
import json, pathlib, re, sys
HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from render import TAXONOMY
ROOT = HERE.parent
LAND = ROOT / "landing"
CC_ENV = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
errors = []


def err(msg):
    errors.append(msg)


def load(path):
    rows = []
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        try:
            rows.append(json.loads(line))
        except Exception as e:
            err(f"{path}:{i} invalid JSON: {e}")
    return rows


def check_cc(path):
    rows = load(path)
    sid = path.stem
    seen = set()
    prev_uuid = None
    last_ts = ""
    calls, results = {}, set()
    n_users = 0
    for i, r in enumerate(rows, 1):
        t = r.get("type")
        if t == "file-history-snapshot":
            if not r.get("messageId") or "snapshot" not in r:
                err(f"{path}:{i} bad snapshot")
            continue
        if t not in ("user", "assistant", "system"):
            err(f"{path}:{i} unexpected type {t}")
            continue
        for k in CC_ENV:
            if k not in r:
                err(f"{path}:{i} missing envelope field {k}")
        if r.get("sessionId") != sid:
            err(f"{path}:{i} sessionId != filename")
        if r["parentUuid"] != prev_uuid:
            err(f"{path}:{i} broken uuid chain (parent {r['parentUuid']} != previous {prev_uuid})")
        if r["uuid"] in seen:
            err(f"{path}:{i} duplicate uuid")
        seen.add(r["uuid"])
        prev_uuid = r["uuid"]
        ts = r["timestamp"]
        if not re.fullmatch(r"2026-11-(1[5-9]|2\d|30)T\d\d:\d\d:\d\d\.\d{3}Z", ts):
            err(f"{path}:{i} timestamp out of window/format {ts}")
        if ts < last_ts:
            err(f"{path}:{i} timestamp not monotonic")
        last_ts = ts
        msg = r.get("message", {})
        if t == "assistant":
            for k in ("model", "id", "content", "usage"):
                if k not in msg:
                    err(f"{path}:{i} assistant message missing {k}")
            if "requestId" not in r:
                err(f"{path}:{i} assistant missing requestId")
            for b in msg.get("content", []):
                if b.get("type") == "tool_use":
                    calls[b["id"]] = r["uuid"]
                if b.get("type") == "thinking" and "signature" not in b:
                    err(f"{path}:{i} thinking without signature")
        if t == "user":
            c = msg.get("content")
            if isinstance(c, str):
                n_users += 1
            else:
                for b in c:
                    if b.get("type") == "tool_result":
                        if b["tool_use_id"] not in calls:
                            err(f"{path}:{i} tool_result before/without tool_use")
                        results.add(b["tool_use_id"])
                        if "toolUseResult" not in r:
                            err(f"{path}:{i} tool result line without toolUseResult")
                        if r.get("sourceToolAssistantUUID") != calls.get(b["tool_use_id"]):
                            err(f"{path}:{i} sourceToolAssistantUUID mismatch")
    missing = set(calls) - results
    if missing:
        err(f"{path}: tool calls without result: {sorted(missing)}")
    if n_users == 0:
        err(f"{path}: no user prompt")
    if not rows or rows[-1].get("type") != "assistant" or rows[-1]["message"]["content"][0].get("type") != "text":
        err(f"{path}: does not end with a final assistant text")
    return sid, len(calls)


def check_codex(path):
    rows = load(path)
    m = re.fullmatch(r"rollout-(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)-([0-9a-f-]{36})\.jsonl", path.name)
    if not m:
        err(f"{path}: bad filename")
        return None, 0
    sid = m.group(7)
    if path.parent.parts[-3:] != (m.group(1), m.group(2), m.group(3)):
        err(f"{path}: directory does not match date in name")
    if not rows or rows[0].get("type") != "session_meta":
        err(f"{path}: first line not session_meta")
        return sid, 0
    meta = rows[0]["payload"]
    for k in ("id", "timestamp", "cwd", "originator", "cli_version", "source", "model_provider", "git"):
        if k not in meta:
            err(f"{path}: session_meta missing {k}")
    if meta.get("id") != sid:
        err(f"{path}: session_meta id != filename")
    last_ts = ""
    calls, results = {}, set()
    kinds = set()
    started, completed = [], []
    for i, r in enumerate(rows, 1):
        for k in ("timestamp", "type", "payload"):
            if k not in r:
                err(f"{path}:{i} missing {k}")
        if r["type"] not in ("session_meta", "response_item", "turn_context", "event_msg", "compacted"):
            err(f"{path}:{i} unknown type {r['type']}")
        ts = r["timestamp"]
        if not re.fullmatch(r"2026-11-(1[5-9]|2\d|30)T\d\d:\d\d:\d\d\.\d{3}Z", ts):
            err(f"{path}:{i} timestamp out of window/format {ts}")
        if ts < last_ts:
            err(f"{path}:{i} timestamp not monotonic")
        last_ts = ts
        p = r["payload"]
        pt = p.get("type")
        kinds.add((r["type"], pt))
        if r["type"] == "response_item":
            if pt in ("function_call", "custom_tool_call"):
                if pt == "function_call":
                    try:
                        json.loads(p["arguments"])
                    except Exception:
                        err(f"{path}:{i} arguments not JSON")
                calls[p["call_id"]] = pt
            elif pt in ("function_call_output", "custom_tool_call_output"):
                if p["call_id"] not in calls:
                    err(f"{path}:{i} output without call")
                results.add(p["call_id"])
                if pt == "function_call_output" and not re.match(r"Exit code: -?\d+\n", p["output"]):
                    err(f"{path}:{i} exec output does not carry exit code")
            elif pt == "reasoning":
                if "summary" not in p or "encrypted_content" not in p:
                    err(f"{path}:{i} bad reasoning item")
        if r["type"] == "event_msg" and pt == "task_started":
            started.append(p["turn_id"])
        if r["type"] == "event_msg" and pt == "task_complete":
            completed.append(p["turn_id"])
    if set(calls) - results:
        err(f"{path}: calls without output {sorted(set(calls) - results)}")
    if started != completed:
        err(f"{path}: task_started/task_complete mismatch")
    for need in [("turn_context", None), ("event_msg", "user_message"), ("event_msg", "agent_message"), ("event_msg", "token_count")]:
        if not any(k[0] == need[0] and (need[1] is None or k[1] == need[1]) for k in kinds):
            err(f"{path}: missing {need}")
    return sid, len(calls)


def main():
    files = {}
    for p in sorted((LAND / "dev-k-cc").glob("*/*.jsonl")):
        sid, n = check_cc(p)
        files[sid] = ("claude_code", p, n)
    for p in sorted((LAND / "dev-k-codex").glob("*/*/*/*.jsonl")):
        sid, n = check_codex(p)
        files[sid] = ("codex", p, n)
    labels = [json.loads(l) for l in open(ROOT / "labels.jsonl")]
    lab_ids = set()
    per_story = {}
    for r in labels:
        for k in ("session_id", "format", "categories", "description", "story_id"):
            if k not in r:
                err(f"label missing {k}: {r}")
        if r["session_id"] in lab_ids:
            err(f"duplicate label {r['session_id']}")
        lab_ids.add(r["session_id"])
        if r["session_id"] not in files:
            err(f"label without file {r['session_id']}")
        elif files[r["session_id"]][0] != r["format"]:
            err(f"label format mismatch {r['session_id']}")
        for c in r["categories"]:
            if c not in TAXONOMY:
                err(f"unknown category {c} in {r['story_id']}")
        if not re.fullmatch(r"k-\d{3}", r["story_id"]):
            err(f"bad story id {r['story_id']}")
        if not r["description"] or "\n" in r["description"]:
            err(f"bad description {r['story_id']}")
        per_story.setdefault(r["story_id"], []).append(r)
    for sid in files:
        if sid not in lab_ids:
            err(f"file without label {sid}")
    for st, rows in per_story.items():
        if sorted(r["format"] for r in rows) != ["claude_code", "codex"]:
            err(f"{st}: not rendered in both formats")
        if len({tuple(r["categories"]) for r in rows}) != 1:
            err(f"{st}: categories differ across formats")
    # tool-call counts equal across the two renderings of a story
    for st, rows in per_story.items():
        ns = {files[r["session_id"]][2] for r in rows if r["session_id"] in files}
        if len(ns) != 1:
            err(f"{st}: tool call count differs across formats {ns}")
    cat_counts = {c: 0 for c in TAXONOMY}
    for st, rows in per_story.items():
        for c in rows[0]["categories"]:
            cat_counts[c] += 1
    benign = sum(1 for rows in per_story.values() if not rows[0]["categories"])
    if errors:
        print("\n".join(errors[:50]))
        print(f"FAIL: {len(errors)} errors")
        sys.exit(1)
    print(f"OK: {len(files)} session files, {len(per_story)} stories ({benign} benign, {len(per_story) - benign} misbehaviour)")
    for c in TAXONOMY:
        print(f"  {c:22s} {cat_counts[c]}")


if __name__ == "__main__":
    main()
