#!/usr/bin/env python3
"""Validate /work/blind-o: JSON, envelopes, call/result pairing, labels <-> files."""
import collections
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
from render import CATEGORIES  # noqa: E402

errors = []


def err(m):
    errors.append(m)


TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
CC_REQ = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]


def in_window(ts):
    return "2026-11-15" <= ts[:10] <= "2026-11-30"


def check_cc(path):
    sid = os.path.basename(path)[:-6]
    rows = [json.loads(l) for l in open(path, encoding="utf-8")]
    uuids, uses, results, last_ts = set(), {}, {}, ""
    for i, d in enumerate(rows):
        t = d.get("type")
        if t == "file-history-snapshot":
            continue
        for k in CC_REQ:
            if k not in d:
                err(f"{path}:{i} missing {k}")
        if d.get("sessionId") != sid:
            err(f"{path}:{i} sessionId mismatch")
        ts = d.get("timestamp", "")
        if not TS.match(ts) or not in_window(ts):
            err(f"{path}:{i} bad timestamp {ts}")
        if ts < last_ts:
            err(f"{path}:{i} timestamp not monotonic")
        last_ts = ts
        if d["parentUuid"] is not None and d["parentUuid"] not in uuids:
            err(f"{path}:{i} dangling parentUuid")
        uuids.add(d["uuid"])
        if t == "assistant":
            m = d["message"]
            if len(m["content"]) != 1:
                err(f"{path}:{i} assistant line must hold one block")
            for k in ("model", "id", "usage", "role"):
                if k not in m:
                    err(f"{path}:{i} message missing {k}")
            if "requestId" not in d:
                err(f"{path}:{i} no requestId")
            for b in m["content"]:
                if b["type"] == "thinking" and not b.get("signature"):
                    err(f"{path}:{i} thinking without signature")
                if b["type"] == "tool_use":
                    uses[b["id"]] = d["uuid"]
        elif t == "user":
            c = d["message"]["content"]
            if isinstance(c, list):
                for b in c:
                    if b.get("type") == "tool_result":
                        results[b["tool_use_id"]] = d
                        if "toolUseResult" not in d:
                            err(f"{path}:{i} tool_result without toolUseResult")
                        if d.get("sourceToolAssistantUUID") != uses.get(b["tool_use_id"]):
                            err(f"{path}:{i} sourceToolAssistantUUID mismatch")
    if set(uses) != set(results):
        err(f"{path}: tool_use/tool_result ids differ")
    if not rows or rows[-1].get("type") not in ("system", "assistant"):
        err(f"{path}: does not end with the final turn")
    return sid


def check_cx(path):
    rows = [json.loads(l) for l in open(path, encoding="utf-8")]
    m = re.search(r"rollout-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)-(.+)\.jsonl$", path)
    sid = m.group(2)
    if rows[0]["type"] != "session_meta" or rows[0]["payload"]["id"] != sid:
        err(f"{path}: first line must be session_meta with id {sid}")
    calls, outs, last_ts = {}, {}, ""
    kinds = collections.Counter()
    for i, d in enumerate(rows):
        if set(d) != {"timestamp", "type", "payload"}:
            err(f"{path}:{i} bad envelope keys {sorted(d)}")
        ts = d["timestamp"]
        if not TS.match(ts) or not in_window(ts):
            err(f"{path}:{i} bad timestamp {ts}")
        if ts < last_ts:
            err(f"{path}:{i} timestamp not monotonic")
        last_ts = ts
        p = d["payload"]
        kinds[(d["type"], p.get("type"))] += 1
        if d["type"] == "response_item":
            pt = p["type"]
            if pt in ("function_call", "custom_tool_call"):
                calls[p["call_id"]] = pt
                if pt == "function_call":
                    json.loads(p["arguments"])
            elif pt in ("function_call_output", "custom_tool_call_output"):
                if p["call_id"] not in calls:
                    err(f"{path}:{i} output before call")
                outs[p["call_id"]] = pt
                if pt == "function_call_output" and not re.match(r"^Exit code: \d+\n", p["output"]):
                    err(f"{path}:{i} output lacks Exit code header")
            elif pt == "reasoning":
                if not p.get("summary") or p["summary"][0]["type"] != "summary_text":
                    err(f"{path}:{i} reasoning without summary")
    if set(calls) != set(outs):
        err(f"{path}: calls and outputs differ")
    for need in [("turn_context", None), ("event_msg", "task_complete"), ("event_msg", "user_message")]:
        if not kinds[need]:
            err(f"{path}: missing {need}")
    if kinds[("event_msg", "task_started")] != kinds[("event_msg", "task_complete")]:
        err(f"{path}: task_started/task_complete count mismatch")
    finals = [d for d in rows if d["type"] == "response_item" and d["payload"].get("phase") == "final_answer"]
    if not finals:
        err(f"{path}: no final answer")
    return sid


def main():
    files = {}
    for p in glob.glob(os.path.join(ROOT, "landing", "o-cc", "*", "*.jsonl")):
        files[check_cc(p)] = ("claude_code", p)
    for p in glob.glob(os.path.join(ROOT, "landing", "o-codex", "*", "*", "*", "*.jsonl")):
        files[check_cx(p)] = ("codex", p)
    labels = [json.loads(l) for l in open(os.path.join(ROOT, "labels.jsonl"), encoding="utf-8")]
    seen = set()
    per_story = collections.defaultdict(dict)
    for row in labels:
        if set(row) != {"session_id", "format", "categories", "description", "story_id"}:
            err(f"label keys {sorted(row)}")
        s = row["session_id"]
        if not UUID4.match(s):
            err(f"{s}: not a uuid4")
        if s in seen:
            err(f"{s}: duplicate label")
        seen.add(s)
        if s not in files:
            err(f"{s}: label without file")
        elif files[s][0] != row["format"]:
            err(f"{s}: format mismatch")
        for c in row["categories"]:
            if c not in CATEGORIES:
                err(f"{s}: bad category {c}")
        if len(row["categories"]) > 3 or len(set(row["categories"])) != len(row["categories"]):
            err(f"{s}: 0-3 distinct categories expected")
        if "\n" in row["description"] or not row["description"]:
            err(f"{s}: description must be one line")
        if row["format"] in per_story[row["story_id"]]:
            err(f"{row['story_id']}: two {row['format']} rows")
        per_story[row["story_id"]][row["format"]] = row
    for s in files:
        if s not in seen:
            err(f"{s}: file without label")
    cat_count = collections.Counter()
    mis = ben = 0
    for st, d in sorted(per_story.items()):
        if set(d) != {"claude_code", "codex"}:
            err(f"{st}: needs one claude_code and one codex row")
            continue
        if d["claude_code"]["categories"] != d["codex"]["categories"]:
            err(f"{st}: category mismatch between formats")
        cats = d["claude_code"]["categories"]
        if cats:
            mis += 1
        else:
            ben += 1
        cat_count.update(cats)
    for c in CATEGORIES:
        need = 6 if c == "deception" else 3
        if cat_count[c] < need:
            err(f"category {c} has {cat_count[c]} stories, need {need}")
    print(f"stories={len(per_story)} sessions={len(labels)} misbehaving={mis} benign={ben}")
    for c in CATEGORIES:
        print(f"  {c}: {cat_count[c]}")
    if errors:
        print(f"FAIL: {len(errors)} problems")
        for e in errors[:50]:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
