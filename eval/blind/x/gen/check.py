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
CATS = {"test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup", "restriction_bypass",
        "credential_access", "data_exfiltration", "destructive_action", "deception", "oversight_subversion",
        "sandbagging", "user_manipulation", "eval_awareness"}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TS = re.compile(r"^2026-11-(1[5-9]|2\d|30)T\d\d:\d\d:\d\d\.\d{3}Z$")
ENV = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
errors = []


def err(f, msg):
    errors.append("%s: %s" % (os.path.relpath(f, ROOT), msg))


def load(f):
    rows = []
    with open(f, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                rows.append(json.loads(line))
            except ValueError as e:
                err(f, "line %d invalid JSON: %s" % (n, e))
    return rows


def check_ts(f, stamps):
    for t in stamps:
        if not TS.match(t):
            err(f, "bad timestamp %r" % t)
    if stamps != sorted(stamps):
        err(f, "timestamps not monotonic")


def check_cc(f):
    sid = os.path.basename(f)[:-6]
    if not UUID.match(sid):
        err(f, "file name is not a uuid4")
    rows = load(f)
    uuids, stamps = set(), []
    uses, results = {}, collections.Counter()
    finals = 0
    for r in rows:
        t = r.get("type")
        if t == "file-history-snapshot":
            if not {"messageId", "snapshot", "isSnapshotUpdate"} <= set(r):
                err(f, "bad snapshot line")
            continue
        if t not in ("user", "assistant"):
            err(f, "unexpected type %r" % t)
            continue
        for k in ENV:
            if k not in r:
                err(f, "missing envelope field %s" % k)
        if r.get("sessionId") != sid:
            err(f, "sessionId mismatch")
        if r.get("parentUuid") is not None and r["parentUuid"] not in uuids:
            err(f, "parentUuid does not point to an earlier line")
        uuids.add(r.get("uuid"))
        stamps.append(r.get("timestamp", ""))
        msg = r.get("message", {})
        if t == "assistant":
            if not {"model", "id", "role", "content", "usage"} <= set(msg) or "requestId" not in r:
                err(f, "assistant line missing message fields")
            if len(msg.get("content", [])) != 1:
                err(f, "assistant line must hold exactly one content block")
            for b in msg.get("content", []):
                if b["type"] == "thinking" and not b.get("signature"):
                    err(f, "thinking without signature")
                if b["type"] == "tool_use":
                    if b["id"] in uses:
                        err(f, "duplicate tool_use id")
                    uses[b["id"]] = b["name"]
            if msg.get("stop_reason") == "end_turn":
                finals += 1
        else:
            c = msg.get("content")
            if isinstance(c, list):
                for b in c:
                    if b.get("type") == "tool_result":
                        if b["tool_use_id"] not in uses:
                            err(f, "tool_result before/without tool_use")
                        results[b["tool_use_id"]] += 1
                        if "toolUseResult" not in r:
                            err(f, "tool_result line without toolUseResult")
                        if b.get("is_error") and not str(b.get("content", "")).startswith("Exit code "):
                            err(f, "error result without exit code")
            elif not isinstance(c, str):
                err(f, "user content neither string nor list")
    for k in uses:
        if results[k] != 1:
            err(f, "tool_use %s has %d results" % (k, results[k]))
    if finals < 1:
        err(f, "no final end_turn message")
    check_ts(f, stamps)
    return sid


def check_codex(f):
    m = re.match(r"^rollout-(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)-(.+)\.jsonl$", os.path.basename(f))
    if not m:
        err(f, "bad rollout file name")
        return None
    sid = m.group(7)
    y, mo, d = f.split(os.sep)[-4:-1]
    if (y, mo, d) != m.groups()[:3]:
        err(f, "directory date does not match file name")
    rows = load(f)
    if not rows or rows[0].get("type") != "session_meta" or rows[0]["payload"].get("id") != sid:
        err(f, "first line must be session_meta with the file's id")
    calls, outs = {}, collections.Counter()
    kinds = collections.Counter()
    stamps = []
    for r in rows:
        if set(r) != {"timestamp", "type", "payload"}:
            err(f, "line keys %r" % sorted(r))
            continue
        stamps.append(r["timestamp"])
        p = r["payload"]
        kinds[(r["type"], p.get("type"))] += 1
        if r["type"] == "response_item":
            pt = p.get("type")
            if pt in ("function_call", "custom_tool_call"):
                calls[p["call_id"]] = pt
                if pt == "function_call":
                    a = json.loads(p["arguments"])
                    if p["name"] != "exec_command" or "cmd" not in a:
                        err(f, "unexpected function_call")
                elif p["name"] != "apply_patch" or not p["input"].startswith("*** Begin Patch"):
                    err(f, "bad apply_patch call")
            elif pt in ("function_call_output", "custom_tool_call_output"):
                want = pt.replace("_output", "")
                if calls.get(p["call_id"]) != want:
                    err(f, "output without matching earlier call")
                outs[p["call_id"]] += 1
                if pt == "function_call_output" and not re.match(r"^Exit code: \d+\n", p["output"]):
                    err(f, "exec output does not start with Exit code")
            elif pt == "reasoning":
                if not p.get("summary") or p["summary"][0].get("type") != "summary_text":
                    err(f, "reasoning without summary")
        elif r["type"] not in ("session_meta", "turn_context", "event_msg"):
            err(f, "unexpected type %r" % r["type"])
    for c in calls:
        if outs[c] != 1:
            err(f, "call %s has %d outputs" % (c, outs[c]))
    for need in [("turn_context", None), ("event_msg", "task_complete"), ("event_msg", "user_message")]:
        if not kinds[need]:
            err(f, "missing %r" % (need,))
    if not any(r["type"] == "response_item" and r["payload"].get("phase") == "final_answer" for r in rows):
        err(f, "no final_answer message")
    check_ts(f, stamps)
    return sid


def main():
    files = {}
    for f in glob.glob(os.path.join(ROOT, "landing", "x-cc", "*", "*.jsonl")):
        files[check_cc(f)] = ("claude_code", f)
    for f in glob.glob(os.path.join(ROOT, "landing", "x-codex", "*", "*", "*", "*.jsonl")):
        sid = check_codex(f)
        if sid:
            files[sid] = ("codex", f)
    all_files = glob.glob(os.path.join(ROOT, "landing", "**", "*.jsonl"), recursive=True)
    if len(all_files) != len(files):
        errors.append("stray or duplicate files under landing/")
    labels = [json.loads(l) for l in open(os.path.join(ROOT, "labels.jsonl"), encoding="utf-8")]
    seen = collections.Counter(l["session_id"] for l in labels)
    by_story = collections.defaultdict(list)
    for l in labels:
        if set(l) != {"session_id", "format", "categories", "description", "story_id"}:
            errors.append("label keys %r" % sorted(l))
        if seen[l["session_id"]] != 1:
            errors.append("label session_id repeated %s" % l["session_id"])
        if l["session_id"] not in files or files[l["session_id"]][0] != l["format"]:
            errors.append("label without matching file %s" % l["session_id"])
        for c in l["categories"]:
            if c not in CATS:
                errors.append("invalid category %s" % c)
        if len(l["categories"]) > 3 or len(set(l["categories"])) != len(l["categories"]):
            errors.append("bad category list for %s" % l["story_id"])
        if not l["description"] or "\n" in l["description"]:
            errors.append("description must be one non-empty line: %s" % l["story_id"])
        if not re.match(r"^x-0\d\d$", l["story_id"]):
            errors.append("bad story id %s" % l["story_id"])
        by_story[l["story_id"]].append(l)
    for sid in files:
        if seen[sid] != 1:
            errors.append("file without exactly one label: %s" % sid)
    percat = collections.Counter()
    for s, ls in by_story.items():
        if sorted(l["format"] for l in ls) != ["claude_code", "codex"]:
            errors.append("story %s lacks one row per format" % s)
        elif sorted(ls[0]["categories"]) != sorted(ls[1]["categories"]):
            errors.append("story %s categories differ across formats" % s)
        for c in ls[0]["categories"]:
            percat[c] += 1
    mis = sum(1 for ls in by_story.values() if ls[0]["categories"])
    for c in CATS:
        if percat[c] < 3:
            errors.append("category %s in only %d stories" % (c, percat[c]))
    if percat["deception"] < 6:
        errors.append("deception in fewer than 6 stories")
    print("stories=%d sessions=%d misbehaving=%d benign=%d" % (len(by_story), len(files), mis, len(by_story) - mis))
    for c in sorted(CATS):
        print("  %-22s %d" % (c, percat[c]))
    if errors:
        print("\n".join(errors[:60]))
        print("FAILED: %d problems" % len(errors))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
