#!/usr/bin/env python3
"""Validate landing/ and labels.jsonl. Exit 1 on any problem."""
import collections
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

CATS = {"test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup", "restriction_bypass",
        "credential_access", "data_exfiltration", "destructive_action", "deception", "oversight_subversion",
        "sandbagging", "user_manipulation", "eval_awareness"}
CC_ENV = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
TS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
LO, HI = "2026-11-15T00:00:00.000Z", "2026-11-30T23:59:59.999Z"
errors = []


def err(msg):
    errors.append(msg)


def load(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            try:
                rows.append(json.loads(line))
            except ValueError as e:
                err("%s:%d invalid JSON: %s" % (path, i, e))
    return rows


def check_ts(path, stamps):
    for a, b in zip(stamps, stamps[1:]):
        if b < a:
            err("%s: timestamps not monotonic (%s > %s)" % (path, a, b))
    for t in stamps:
        if not TS_RE.match(t) or not (LO <= t <= HI):
            err("%s: bad timestamp %s" % (path, t))


def check_cc(path):
    rows = load(path)
    sid = os.path.basename(path)[:-6]
    uuids, stamps, uses, results = set(), [], {}, {}
    for r in rows:
        t = r.get("type")
        if t == "file-history-snapshot":
            stamps.append(r["snapshot"]["timestamp"])
            continue
        for k in CC_ENV:
            if k not in r:
                err("%s: %s line lacks %s" % (path, t, k))
        if r.get("sessionId") != sid:
            err("%s: sessionId mismatch" % path)
        if r.get("parentUuid") is not None and r["parentUuid"] not in uuids:
            err("%s: dangling parentUuid" % path)
        uuids.add(r.get("uuid"))
        stamps.append(r.get("timestamp", ""))
        if t == "assistant":
            m = r["message"]
            if len(m["content"]) != 1:
                err("%s: assistant line with %d blocks" % (path, len(m["content"])))
            for k in ("model", "id", "usage", "role"):
                if k not in m:
                    err("%s: assistant message lacks %s" % (path, k))
            for b in m["content"]:
                if b["type"] == "thinking" and not b.get("signature"):
                    err("%s: thinking without signature" % path)
                if b["type"] == "tool_use":
                    uses[b["id"]] = r["uuid"]
        elif t == "user":
            c = r["message"]["content"]
            if isinstance(c, list):
                for b in c:
                    if b.get("type") == "tool_result":
                        if b["tool_use_id"] not in uses:
                            err("%s: tool_result before/without tool_use" % path)
                        results[b["tool_use_id"]] = 1
                        if "toolUseResult" not in r:
                            err("%s: tool result line lacks toolUseResult" % path)
    if set(uses) != set(results):
        err("%s: unpaired tool_use/tool_result" % path)
    check_ts(path, stamps)
    if not UUID4.match(sid):
        err("%s: session id not uuid4" % path)
    return sid


def check_cx(path):
    rows = load(path)
    if not rows or rows[0].get("type") != "session_meta":
        err("%s: first line not session_meta" % path)
        return None
    sid = rows[0]["payload"]["id"]
    if not path.endswith("-%s.jsonl" % sid):
        err("%s: filename does not end with session id" % path)
    calls, outs, stamps = {}, {}, []
    started, completed = 0, 0
    for r in rows:
        for k in ("timestamp", "type", "payload"):
            if k not in r:
                err("%s: line lacks %s" % (path, k))
        stamps.append(r["timestamp"])
        p = r["payload"]
        pt = p.get("type")
        if r["type"] == "response_item":
            if pt in ("function_call", "custom_tool_call"):
                calls[p["call_id"]] = pt
                if pt == "function_call":
                    json.loads(p["arguments"])
            elif pt in ("function_call_output", "custom_tool_call_output"):
                if p["call_id"] not in calls:
                    err("%s: output before/without call" % path)
                outs[p["call_id"]] = pt
                if not re.match(r"^Exit code: \d+\n", p["output"]):
                    err("%s: output does not start with Exit code" % path)
            elif pt == "reasoning" and not p.get("summary"):
                err("%s: reasoning without summary" % path)
        elif r["type"] == "event_msg":
            started += pt == "task_started"
            completed += pt == "task_complete"
    if set(calls) != set(outs):
        err("%s: unpaired calls/outputs" % path)
    if started != completed or not started:
        err("%s: task_started/task_complete mismatch" % path)
    if not any(r["type"] == "turn_context" for r in rows):
        err("%s: no turn_context" % path)
    finals = [r for r in rows if r["type"] == "response_item" and r["payload"].get("phase") == "final_answer"]
    if len(finals) != started:
        err("%s: expected one final_answer per turn" % path)
    check_ts(path, stamps)
    fname_ts = re.search(r"rollout-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)-", path).group(1)
    if rows[0]["timestamp"][:19].replace(":", "-") != fname_ts:
        err("%s: filename time does not match first timestamp" % path)
    if not UUID4.match(sid):
        err("%s: session id not uuid4" % path)
    return sid


def main():
    os.chdir(ROOT)
    cc = {check_cc(p): p for p in sorted(glob.glob("landing/q-cc/*/*.jsonl"))}
    cx = {check_cx(p): p for p in sorted(glob.glob("landing/q-codex/*/*/*/rollout-*.jsonl"))}
    labels = load("labels.jsonl")
    seen = collections.Counter()
    by_story = collections.defaultdict(dict)
    for l in labels:
        if set(l) != {"session_id", "format", "categories", "description", "story_id"}:
            err("label keys wrong: %s" % l)
        pool = cc if l["format"] == "claude_code" else cx if l["format"] == "codex" else {}
        if l["session_id"] not in pool:
            err("label without file: %s" % l["session_id"])
        seen[(l["format"], l["session_id"])] += 1
        for c in l["categories"]:
            if c not in CATS:
                err("bad category %s" % c)
        if len(l["categories"]) > 3 or len(set(l["categories"])) != len(l["categories"]):
            err("bad category list in %s" % l["story_id"])
        if l["format"] in by_story[l["story_id"]]:
            err("story %s has two %s rows" % (l["story_id"], l["format"]))
        by_story[l["story_id"]][l["format"]] = l
        if not l["description"] or "\n" in l["description"]:
            err("bad description in %s" % l["story_id"])
    for fmt, pool in (("claude_code", cc), ("codex", cx)):
        for s in pool:
            if seen[(fmt, s)] != 1:
                err("file %s has %d label rows" % (pool[s], seen[(fmt, s)]))
    for st, rows in by_story.items():
        if set(rows) != {"claude_code", "codex"}:
            err("story %s lacks a format" % st)
        elif sorted(rows["claude_code"]["categories"]) != sorted(rows["codex"]["categories"]):
            err("story %s categories differ between formats" % st)
    # coverage
    cnt = collections.Counter(c for st, rows in by_story.items() for c in rows["claude_code"]["categories"])
    for c in CATS:
        if cnt[c] < 3:
            err("category %s in only %d stories" % (c, cnt[c]))
    if cnt["deception"] < 6:
        err("deception in fewer than 6 stories")
    # byte-identical rebuild
    import build
    for rel, text in build.build_all().items():
        try:
            with open(rel, encoding="utf-8", newline="") as fh:
                if fh.read() != text:
                    err("%s differs from a fresh build" % rel)
        except FileNotFoundError:
            err("%s missing" % rel)
    n_files = len(cc) + len(cx)
    if errors:
        print("\n".join(errors[:50]))
        print("FAILED: %d problems" % len(errors))
        sys.exit(1)
    mis = sum(1 for rows in by_story.values() if rows["claude_code"]["categories"])
    print("OK: %d stories (%d misbehaving, %d benign), %d session files, %d label rows" % (
        len(by_story), mis, len(by_story) - mis, n_files, len(labels)))
    for c in sorted(CATS):
        print("  %-22s %d" % (c, cnt[c]))


if __name__ == "__main__":
    main()
