#!/usr/bin/env python3
"""Validate the labelled-e set. Standard library only. Exits non-zero on the first class of failure."""
import collections
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TAXONOMY = {
    "test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup",
    "restriction_bypass", "credential_access", "data_exfiltration", "destructive_action",
    "deception", "oversight_subversion", "sandbagging", "user_manipulation", "eval_awareness",
}
CC_ENV = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
TS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
LO, HI = "2026-11-15T00:00:00.000Z", "2026-12-01T00:00:00.000Z"

errors = []


def err(msg):
    errors.append(msg)


def read_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                err(f"{path}:{n}: blank line")
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                err(f"{path}:{n}: invalid JSON: {e}")
    return rows


def check_ts(path, stamps):
    for a, b in zip(stamps, stamps[1:]):
        if b < a:
            err(f"{path}: timestamps not monotonic ({a} > {b})")
            break
    for t in stamps:
        if not TS_RE.match(t):
            err(f"{path}: bad timestamp {t}")
        if not (LO <= t < HI):
            err(f"{path}: timestamp out of range {t}")


def check_cc(path):
    rows = read_jsonl(path)
    sid = os.path.basename(path)[:-6]
    seen, prev, stamps = set(), None, []
    uses, results = {}, set()
    cwd = None
    for r in rows:
        t = r.get("type")
        if t == "file-history-snapshot":
            continue
        for f in CC_ENV:
            if f not in r:
                err(f"{path}: {t} line missing envelope field {f}")
        if r.get("sessionId") != sid:
            err(f"{path}: sessionId {r.get('sessionId')} != filename")
        cwd = cwd or r.get("cwd")
        if r.get("cwd") != cwd:
            err(f"{path}: cwd changes")
        if r.get("parentUuid") != prev:
            err(f"{path}: broken uuid chain at {r.get('uuid')} (parent {r.get('parentUuid')} expected {prev})")
        if r.get("uuid") in seen:
            err(f"{path}: duplicate uuid {r.get('uuid')}")
        seen.add(r.get("uuid"))
        prev = r.get("uuid")
        stamps.append(r.get("timestamp", ""))
        if t == "assistant":
            m = r["message"]
            for k in ("model", "id", "role", "content", "usage"):
                if k not in m:
                    err(f"{path}: assistant message missing {k}")
            if "requestId" not in r:
                err(f"{path}: assistant without requestId")
            for b in m["content"]:
                if b["type"] == "tool_use":
                    uses[b["id"]] = b["name"]
                    if not isinstance(b.get("input"), dict):
                        err(f"{path}: tool_use input not an object")
                elif b["type"] == "thinking":
                    if "signature" not in b:
                        err(f"{path}: thinking without signature")
        elif t == "user":
            c = r["message"]["content"]
            if isinstance(c, list):
                for b in c:
                    if b.get("type") == "tool_result":
                        if b["tool_use_id"] not in uses:
                            err(f"{path}: tool_result for unknown tool_use {b['tool_use_id']}")
                        results.add(b["tool_use_id"])
                        if "toolUseResult" not in r or "sourceToolAssistantUUID" not in r:
                            err(f"{path}: tool_result line without toolUseResult/sourceToolAssistantUUID")
    for u in uses:
        if u not in results:
            err(f"{path}: tool_use {u} has no result")
    check_ts(path, stamps)
    if not rows or not any(r.get("type") == "user" and isinstance(r["message"]["content"], str) for r in rows if r.get("type") == "user"):
        err(f"{path}: no user prompt")
    return sid, cwd


def check_codex(path):
    rows = read_jsonl(path)
    m = re.match(r"rollout-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(.+)\.jsonl$", os.path.basename(path))
    if not m:
        err(f"{path}: bad rollout filename")
        return None
    sid = m.group(7)
    y, mo, d = path.split(os.sep)[-4:-1]
    if (y, mo, d) != m.groups()[:3]:
        err(f"{path}: date folder does not match filename")
    if not rows or rows[0].get("type") != "session_meta":
        err(f"{path}: first line is not session_meta")
        return sid
    meta = rows[0]["payload"]
    for k in ("id", "timestamp", "cwd", "originator", "cli_version", "source", "model_provider", "git"):
        if k not in meta:
            err(f"{path}: session_meta missing {k}")
    if meta.get("id") != sid:
        err(f"{path}: session id mismatch")
    calls, outs, stamps = {}, set(), []
    started, completed = [], []
    seen_ctx = False
    for r in rows:
        for k in ("timestamp", "type", "payload"):
            if k not in r:
                err(f"{path}: line missing {k}")
        stamps.append(r.get("timestamp", ""))
        p = r["payload"]
        if r["type"] == "turn_context":
            seen_ctx = True
            for k in ("cwd", "approval_policy", "sandbox_policy", "model"):
                if k not in p:
                    err(f"{path}: turn_context missing {k}")
        elif r["type"] == "response_item":
            pt = p.get("type")
            if pt in ("function_call", "custom_tool_call"):
                calls[p["call_id"]] = pt
                if pt == "function_call":
                    a = json.loads(p["arguments"])
                    if "cmd" not in a:
                        err(f"{path}: exec_command without cmd")
                else:
                    if not p["input"].startswith("*** Begin Patch") or not p["input"].rstrip().endswith("*** End Patch"):
                        err(f"{path}: malformed apply_patch input")
            elif pt in ("function_call_output", "custom_tool_call_output"):
                if p["call_id"] not in calls:
                    err(f"{path}: output before/without call {p['call_id']}")
                outs.add(p["call_id"])
                if pt == "function_call_output" and not re.search(r"^Exit code: \d+\nWall time: [\d.]+ seconds\nOutput:\n", p["output"]):
                    err(f"{path}: exec output without exit code")
            elif pt == "reasoning":
                if not isinstance(p.get("summary"), list) or not p.get("encrypted_content"):
                    err(f"{path}: reasoning item incomplete")
        elif r["type"] == "event_msg":
            if p.get("type") == "task_started":
                started.append(p["turn_id"])
            elif p.get("type") == "task_complete":
                completed.append(p["turn_id"])
    for c in calls:
        if c not in outs:
            err(f"{path}: call {c} has no output")
    if not seen_ctx:
        err(f"{path}: no turn_context")
    if started != completed or not started:
        err(f"{path}: task_started/task_complete mismatch")
    check_ts(path, stamps)
    return sid


def main():
    cc_files = glob.glob(os.path.join(ROOT, "landing", "dev-e-cc", "*", "*.jsonl"))
    cx_files = glob.glob(os.path.join(ROOT, "landing", "dev-e-codex", "*", "*", "*", "rollout-*.jsonl"))
    all_files = [p for p in glob.glob(os.path.join(ROOT, "landing", "**", "*"), recursive=True) if os.path.isfile(p)]
    if len(all_files) != len(cc_files) + len(cx_files):
        err("unexpected files in landing/")
    found = {}
    for p in cc_files:
        sid, _ = check_cc(p)
        found[sid] = "claude_code"
    for p in cx_files:
        sid = check_codex(p)
        if sid in found:
            err(f"duplicate session id {sid}")
        found[sid] = "codex"
    labels = read_jsonl(os.path.join(ROOT, "labels.jsonl"))
    seen = set()
    per_story = collections.defaultdict(list)
    cat_count = collections.Counter()
    for row in labels:
        for k in ("session_id", "format", "categories", "description", "story_id"):
            if k not in row:
                err(f"label row missing {k}: {row}")
        sid = row["session_id"]
        if sid in seen:
            err(f"duplicate label {sid}")
        seen.add(sid)
        if found.get(sid) != row["format"]:
            err(f"label {sid} ({row['format']}) does not match a file")
        if not re.match(r"^e-\d{3}$", row["story_id"]):
            err(f"bad story id {row['story_id']}")
        for c in row["categories"]:
            if c not in TAXONOMY:
                err(f"unknown category {c}")
        if not UUID_RE.match(sid):
            err(f"session id not uuid4: {sid}")
        if "\n" in row["description"] or not row["description"].strip():
            err(f"bad description for {sid}")
        per_story[row["story_id"]].append(row)
    for sid in found:
        if sid not in seen:
            err(f"file {sid} has no label row")
    for st, rows in per_story.items():
        fmts = sorted(r["format"] for r in rows)
        if fmts != ["claude_code", "codex"]:
            err(f"story {st} not rendered in both formats: {fmts}")
        if rows[0]["categories"] != rows[-1]["categories"]:
            err(f"story {st} formats disagree on categories")
        for c in rows[0]["categories"]:
            cat_count[c] += 1
    partial = "--partial" in sys.argv
    for c in ([] if partial else TAXONOMY):
        need = 5 if c == "deception" else 3
        if cat_count[c] < need:
            err(f"category {c} has {cat_count[c]} stories, need {need}")
    n_stories = len(per_story)
    if n_stories < 50 and not partial:
        err(f"only {n_stories} stories (minimum 50)")
    if errors:
        for e in errors[:60]:
            print("FAIL", e)
        print(f"{len(errors)} problem(s)")
        sys.exit(1)
    benign = sum(1 for r in per_story.values() if not r[0]["categories"])
    print(f"OK: {n_stories} stories, {len(found)} sessions ({len(cc_files)} claude_code, {len(cx_files)} codex), "
          f"{n_stories - benign} misbehaving, {benign} benign")
    for c in sorted(TAXONOMY):
        print(f"  {c:22s} {cat_count[c]}")


if __name__ == "__main__":
    main()
