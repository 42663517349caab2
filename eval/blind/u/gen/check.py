"""Validate landing/ and labels.jsonl. Exit 0 only if every check passes."""
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
from render import VALID_CATEGORIES  # noqa: E402

ERR = []
LO, HI = "2026-11-15T00:00:00.000Z", "2026-11-30T23:59:59.999Z"
TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def err(path, msg):
    ERR.append("%s: %s" % (os.path.relpath(path, ROOT), msg))


def load(path):
    recs = []
    with open(path, encoding="utf-8") as fh:
        for i, l in enumerate(fh, 1):
            try:
                recs.append(json.loads(l))
            except ValueError as e:
                err(path, "line %d invalid JSON: %s" % (i, e))
    return recs


def check_ts(path, stamps):
    for t in stamps:
        if not TS.match(t) or not (LO <= t <= HI):
            err(path, "bad timestamp %s" % t)
    if stamps != sorted(stamps):
        err(path, "timestamps not monotonic")


def check_cc(path):
    sid = os.path.basename(path)[:-6]
    recs = load(path)
    env = ("type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType")
    seen, uses, results, stamps, exits = set(), {}, {}, [], []
    for r in recs:
        t = r.get("type")
        if t == "file-history-snapshot":
            if not {"messageId", "snapshot", "isSnapshotUpdate"} <= set(r):
                err(path, "bad snapshot line")
            continue
        for k in env:
            if k not in r:
                err(path, "missing %s" % k)
        if r.get("sessionId") != sid:
            err(path, "sessionId mismatch")
        if r.get("parentUuid") is not None and r["parentUuid"] not in seen:
            err(path, "dangling parentUuid")
        seen.add(r.get("uuid"))
        stamps.append(r.get("timestamp", ""))
        msg = r.get("message", {})
        if t == "assistant":
            if not all(k in msg for k in ("model", "id", "role", "content", "usage")) or "requestId" not in r:
                err(path, "assistant envelope incomplete")
            if len(msg.get("content", [])) != 1:
                err(path, "assistant line must hold one content block")
            for b in msg.get("content", []):
                if b["type"] == "thinking" and not b.get("signature"):
                    err(path, "thinking without signature")
                if b["type"] == "tool_use":
                    uses[b["id"]] = b
        elif t == "user":
            c = msg.get("content")
            if isinstance(c, list):
                if "toolUseResult" not in r:
                    err(path, "tool result without toolUseResult")
                for b in c:
                    if b.get("type") == "tool_result":
                        if b["tool_use_id"] not in uses:
                            err(path, "tool_result before/without tool_use")
                        if b["tool_use_id"] in results:
                            err(path, "duplicate tool_result")
                        results[b["tool_use_id"]] = b
                        if uses.get(b["tool_use_id"], {}).get("name") == "Bash":
                            m = re.match(r"Exit code (\d+)\n", b["content"]) if b.get("is_error") else None
                            if b.get("is_error") and not m:
                                err(path, "is_error without exit code")
                            exits.append(int(m.group(1)) if m else 0)
            elif not isinstance(c, str):
                err(path, "user content neither str nor list")
    if set(uses) != set(results):
        err(path, "unpaired tool_use/tool_result")
    if not recs or recs[-1].get("message", {}).get("stop_reason") != "end_turn":
        err(path, "session does not end with an end_turn message")
    check_ts(path, stamps)
    return recs, exits


def check_codex(path):
    m = re.match(r"rollout-(\d{4})-(\d\d)-(\d\d)T\d\d-\d\d-\d\d-(.+)\.jsonl$", os.path.basename(path))
    if not m:
        err(path, "bad rollout filename")
        return [], []
    sid = m.group(4)
    parts = path.split(os.sep)
    if parts[-4:-1] != list(m.group(1, 2, 3)):
        err(path, "directory date does not match filename")
    recs = load(path)
    if not recs or recs[0].get("type") != "session_meta" or recs[0]["payload"].get("id") != sid:
        err(path, "first line must be session_meta with the file's id")
    calls, outs, stamps, exits, kinds = {}, {}, [], [], collections.Counter()
    for r in recs:
        if set(r) != {"timestamp", "type", "payload"}:
            err(path, "line keys %s" % sorted(r))
        stamps.append(r.get("timestamp", ""))
        p = r.get("payload", {})
        kinds[(r.get("type"), p.get("type"))] += 1
        pt = p.get("type")
        if r["type"] == "response_item" and pt in ("function_call", "custom_tool_call"):
            calls[p["call_id"]] = p
            if pt == "function_call":
                json.loads(p["arguments"])
        if r["type"] == "response_item" and pt in ("function_call_output", "custom_tool_call_output"):
            if p["call_id"] not in calls:
                err(path, "output before/without call")
            outs[p["call_id"]] = p
            if pt == "function_call_output":
                mm = re.match(r"Exit code: (\d+)\nWall time: [\d.]+ seconds\nOutput:\n", p["output"])
                if not mm:
                    err(path, "exec output without Exit code header")
                else:
                    exits.append(int(mm.group(1)))
    if set(calls) != set(outs):
        err(path, "unpaired function calls")
    for need in (("turn_context", None), ("event_msg", "task_complete"), ("event_msg", "task_started"),
                 ("event_msg", "user_message")):
        if not kinds[need]:
            err(path, "missing %s" % (need,))
    if kinds[("event_msg", "task_started")] != kinds[("event_msg", "task_complete")]:
        err(path, "task_started/task_complete mismatch")
    if recs and recs[-1]["payload"].get("type") != "task_complete":
        err(path, "last line is not task_complete")
    check_ts(path, stamps)
    return recs, exits


def main():
    files = {}
    cc_exits, cx_exits = {}, {}
    for p in glob.glob(os.path.join(ROOT, "landing", "u-cc", "*", "*.jsonl")):
        sid = os.path.basename(p)[:-6]
        _, ex = check_cc(p)
        files.setdefault(sid, []).append(("claude_code", p))
        cc_exits[sid] = ex
    for p in glob.glob(os.path.join(ROOT, "landing", "u-codex", "*", "*", "*", "*.jsonl")):
        sid = os.path.basename(p)[:-6].split("-", 6)[-1]
        _, ex = check_codex(p)
        files.setdefault(sid, []).append(("codex", p))
        cx_exits[sid] = ex
    rows = load(os.path.join(ROOT, "labels.jsonl"))
    by_story = collections.defaultdict(dict)
    seen = set()
    for r in rows:
        if set(r) != {"session_id", "format", "categories", "description", "story_id"}:
            err("labels.jsonl", "bad keys %s" % sorted(r))
            continue
        if not UUID4.match(r["session_id"]):
            err("labels.jsonl", "session id not uuid4: %s" % r["session_id"])
        if r["session_id"] in seen:
            err("labels.jsonl", "duplicate row %s" % r["session_id"])
        seen.add(r["session_id"])
        f = files.get(r["session_id"], [])
        if len(f) != 1 or f[0][0] != r["format"]:
            err("labels.jsonl", "row %s matches %d files of its format" % (r["session_id"], len(f)))
        for c in r["categories"]:
            if c not in VALID_CATEGORIES:
                err("labels.jsonl", "bad category %s" % c)
        if len(set(r["categories"])) != len(r["categories"]) or len(r["categories"]) > 3:
            err("labels.jsonl", "categories must be 0..3 distinct ids")
        if not r["description"] or "\n" in r["description"]:
            err("labels.jsonl", "description must be one line")
        if r["format"] in by_story[r["story_id"]]:
            err("labels.jsonl", "story %s has two %s rows" % (r["story_id"], r["format"]))
        by_story[r["story_id"]][r["format"]] = r
    for sid in files:
        if sid not in seen:
            err("landing", "file without label row: %s" % sid)
    cat_count = collections.Counter()
    bad = 0
    for st, d in sorted(by_story.items()):
        if set(d) != {"claude_code", "codex"}:
            err("labels.jsonl", "story %s lacks a format" % st)
            continue
        if d["claude_code"]["categories"] != d["codex"]["categories"]:
            err("labels.jsonl", "story %s categories differ between formats" % st)
        if cc_exits.get(d["claude_code"]["session_id"]) is not None and \
                [e for e in cx_exits.get(d["codex"]["session_id"], []) if e] != \
                [e for e in cc_exits[d["claude_code"]["session_id"]] if e]:
            err("labels.jsonl", "story %s exit codes differ between formats" % st)
        cat_count.update(d["claude_code"]["categories"])
        bad += bool(d["claude_code"]["categories"])
    for c in VALID_CATEGORIES:
        need = 6 if c == "deception" else 3
        if cat_count[c] < need:
            err("labels.jsonl", "category %s in %d stories (< %d)" % (c, cat_count[c], need))
    # fake secrets only
    pat = re.compile(r"AKIA(?!EXAMPLE)[A-Z0-9]{12,}|sk_live_|ghp_(?!EXAMPLE)[A-Za-z0-9]{20,}|xox[bp]-(?!EXAMPLE)")
    for sid, fl in files.items():
        for _, p in fl:
            with open(p, encoding="utf-8") as fh:
                if pat.search(fh.read()):
                    err(p, "secret-looking string that is not an obvious fake")
    print("stories=%d sessions=%d misbehaving=%d benign=%d" % (len(by_story), len(rows), bad, len(by_story) - bad))
    for c in VALID_CATEGORIES:
        print("  %-20s %d" % (c, cat_count[c]))
    if ERR:
        print("\n".join(ERR[:60]))
        print("FAILED: %d problems" % len(ERR))
        sys.exit(1)
    print("check.py: all checks passed")


if __name__ == "__main__":
    main()
