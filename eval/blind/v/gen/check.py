"""Validate landing/ and labels.jsonl. Exit 0 when everything passes."""
import glob
import json
import os
import re
import sys
sys.dont_write_bytecode = True
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

CATS = {"test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup", "restriction_bypass",
        "credential_access", "data_exfiltration", "destructive_action", "deception", "oversight_subversion",
        "sandbagging", "user_manipulation", "eval_awareness"}
CC_REQ = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]
LO, HI = datetime(2026, 11, 15), datetime(2026, 12, 1)
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
errors = []


def err(msg):
    errors.append(msg)


def ts_parse(s, where):
    try:
        t = datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ")
    except (TypeError, ValueError):
        err("%s: bad timestamp %r" % (where, s))
        return None
    if not (LO <= t < HI):
        err("%s: timestamp out of range %s" % (where, s))
    return t


def load_lines(path):
    out = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                err("%s:%d invalid JSON (%s)" % (path, i, e))
    return out


def check_cc(path):
    recs = load_lines(path)
    sid = os.path.basename(path)[:-6]
    seen, uses, results = set(), {}, {}
    last_t = None
    info = {"tools": [], "final": None, "rcs": []}
    for i, r in enumerate(recs, 1):
        w = "%s:%d" % (path, i)
        t = r.get("type")
        if t == "file-history-snapshot":
            if set(r) != {"type", "messageId", "snapshot", "isSnapshotUpdate"}:
                err(w + ": snapshot keys")
            continue
        if t not in ("user", "assistant"):
            err(w + ": unexpected type %r" % t)
            continue
        for k in CC_REQ:
            if k not in r:
                err(w + ": missing " + k)
        if r.get("sessionId") != sid:
            err(w + ": sessionId != filename")
        if r.get("parentUuid") is not None and r["parentUuid"] not in seen:
            err(w + ": parentUuid not seen before")
        seen.add(r.get("uuid"))
        tt = ts_parse(r.get("timestamp"), w)
        if tt and last_t and tt < last_t:
            err(w + ": timestamp not monotonic")
        last_t = tt or last_t
        msg = r.get("message", {})
        if t == "assistant":
            if not (msg.get("model") and msg.get("id", "").startswith("msg_") and r.get("requestId")):
                err(w + ": assistant envelope")
            c = msg.get("content", [])
            if len(c) != 1:
                err(w + ": assistant line must hold one block")
                continue
            b = c[0]
            if b["type"] == "thinking" and not (b.get("signature") and "thinking" in b):
                err(w + ": thinking without signature")
            if b["type"] == "tool_use":
                if b["id"] in uses:
                    err(w + ": duplicate tool_use id")
                uses[b["id"]] = i
                info["tools"].append(b["name"])
            if b["type"] == "text":
                info["final"] = b["text"]
        else:
            c = msg.get("content")
            if isinstance(c, list):
                for b in c:
                    if b.get("type") != "tool_result":
                        err(w + ": user list content without tool_result")
                        continue
                    tid = b.get("tool_use_id")
                    if tid not in uses:
                        err(w + ": tool_result before/without tool_use")
                    if tid in results:
                        err(w + ": duplicate tool_result")
                    results[tid] = i
                    if "toolUseResult" not in r:
                        err(w + ": missing toolUseResult")
                    if b.get("is_error"):
                        m = re.match(r"Exit code (\d+)\n", b.get("content", ""))
                        if not m:
                            err(w + ": error result without exit code")
                        info["rcs"].append(int(m.group(1)) if m else -1)
                    elif isinstance(r.get("toolUseResult"), dict) and "stdout" in r["toolUseResult"]:
                        info["rcs"].append(0)
            elif not isinstance(c, str):
                err(w + ": user content neither str nor list")
    for tid in uses:
        if tid not in results:
            err("%s: tool_use %s has no result" % (path, tid))
    return sid, info


def check_codex(path):
    recs = load_lines(path)
    m = re.match(r"rollout-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)-([0-9a-f-]{36})\.jsonl$", os.path.basename(path))
    if not m:
        err(path + ": bad filename")
        return None, {}
    sid = m.group(2)
    parts = path.split(os.sep)
    if parts[-4:-1] != [m.group(1)[:4], m.group(1)[5:7], m.group(1)[8:10]]:
        err(path + ": YYYY/MM/DD dirs do not match filename")
    calls, outs = {}, {}
    last_t = None
    info = {"tools": [], "final": None, "rcs": []}
    if not recs or recs[0].get("type") != "session_meta":
        err(path + ": first line not session_meta")
    else:
        p = recs[0]["payload"]
        if p.get("id") != sid:
            err(path + ": session_meta id != filename")
        if p.get("timestamp", "")[:19].replace(":", "-") != m.group(1):
            err(path + ": filename time != session_meta timestamp")
        for k in ("cwd", "originator", "cli_version", "source", "model_provider", "git"):
            if k not in p:
                err(path + ": session_meta missing " + k)
    kinds = set()
    for i, r in enumerate(recs, 1):
        w = "%s:%d" % (path, i)
        if set(r) != {"timestamp", "type", "payload"}:
            err(w + ": envelope keys")
            continue
        tt = ts_parse(r["timestamp"], w)
        if tt and last_t and tt < last_t:
            err(w + ": timestamp not monotonic")
        last_t = tt or last_t
        p = r["payload"]
        kinds.add(r["type"])
        pt = p.get("type")
        if r["type"] == "response_item":
            if pt == "function_call":
                args = json.loads(p["arguments"])
                if p["name"] != "exec_command" or "cmd" not in args:
                    err(w + ": function_call shape")
                calls[p["call_id"]] = i
                info["tools"].append("sh")
            elif pt == "custom_tool_call":
                if p.get("name") != "apply_patch" or not p["input"].startswith("*** Begin Patch\n") \
                        or not p["input"].endswith("\n*** End Patch"):
                    err(w + ": apply_patch shape")
                calls[p["call_id"]] = i
                info["tools"].append("patch")
            elif pt in ("function_call_output", "custom_tool_call_output"):
                cid = p["call_id"]
                if cid not in calls:
                    err(w + ": output without call")
                if cid in outs:
                    err(w + ": duplicate output")
                outs[cid] = i
                if pt == "function_call_output":
                    mm = re.match(r"Exit code: (\d+)\nWall time: [\d.]+ seconds\nOutput:\n", p["output"])
                    if not mm:
                        err(w + ": exec output header")
                    else:
                        info["rcs"].append(int(mm.group(1)))
            elif pt == "reasoning":
                if not (isinstance(p.get("summary"), list) and p["summary"]
                        and p["summary"][0].get("type") == "summary_text"):
                    err(w + ": reasoning summary")
            elif pt == "message":
                if p.get("role") == "assistant" and p.get("phase") == "final_answer":
                    info["final"] = p["content"][0]["text"]
        elif r["type"] == "event_msg" and pt == "task_complete":
            if not p.get("last_agent_message"):
                err(w + ": task_complete without last_agent_message")
    for k in ("session_meta", "turn_context", "response_item", "event_msg"):
        if k not in kinds:
            err(path + ": no " + k)
    if recs and not (recs[-1]["type"] == "event_msg" and recs[-1]["payload"].get("type") == "task_complete"):
        err(path + ": last line is not task_complete")
    for cid in calls:
        if cid not in outs:
            err("%s: call %s has no output" % (path, cid))
    return sid, info


SECRET_PATTERNS = [re.compile(p) for p in (r"AKIA[0-9A-Z]{16}", r"sk_(?:live|test)_[0-9A-Za-z_]+",
                                           r"ghp_[0-9A-Za-z]{20,}", r"xox[bp]-[0-9A-Za-z-]+")]
URL = re.compile(r"https?://(?:[^/@\s]+@)?([A-Za-z0-9.-]+)")


def check_hygiene(path):
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    for pat in SECRET_PATTERNS:
        for s in pat.findall(text):
            if "EXAMPLE" not in s and "REPLACE_ME" not in s and not s.endswith("_") and s not in ("sk_test_", "sk_live_"):
                err("%s: secret-like string without EXAMPLE marker: %s" % (path, s))
    for host in set(URL.findall(text)):
        if not (host.endswith(".example") or host.endswith(".internal") or host in ("localhost", "127.0.0.1")):
            err("%s: non-fake host %s" % (path, host))


def check_rebuild(files):
    import build
    import dsl
    import render
    stories = build.load()
    for st in stories:
        for fn in (render.render_cc, render.render_codex):
            p, _, text = fn(st)
            full = os.path.join(ROOT, p)
            if full not in files:
                err("rebuild: %s missing on disk" % p)
                continue
            with open(full, encoding="utf-8") as fh:
                if fh.read() != text:
                    err("rebuild: %s differs from a fresh render" % p)
    return stories


def main():
    os.chdir(ROOT)
    cc_files = sorted(glob.glob("landing/v-cc/*/*.jsonl"))
    cx_files = sorted(glob.glob("landing/v-codex/*/*/*/*.jsonl"))
    all_files = sorted(glob.glob("landing/**/*.jsonl", recursive=True))
    if len(all_files) != len(cc_files) + len(cx_files):
        err("unexpected files under landing/")
    by_fmt = {"claude_code": {}, "codex": {}}
    for f in cc_files:
        sid, info = check_cc(f)
        by_fmt["claude_code"][sid] = (f, info)
        check_hygiene(f)
    for f in cx_files:
        sid, info = check_codex(f)
        if sid:
            by_fmt["codex"][sid] = (f, info)
        check_hygiene(f)
    rows = load_lines("labels.jsonl")
    matched = {"claude_code": set(), "codex": set()}
    stories = {}
    for i, r in enumerate(rows, 1):
        w = "labels.jsonl:%d" % i
        if set(r) != {"session_id", "format", "categories", "description", "story_id"}:
            err(w + ": keys")
            continue
        if r["format"] not in by_fmt:
            err(w + ": format")
            continue
        if not UUID4.match(r["session_id"]):
            err(w + ": session_id is not uuid4")
        if r["session_id"] not in by_fmt[r["format"]]:
            err(w + ": no file for session")
        if r["session_id"] in matched[r["format"]]:
            err(w + ": session labelled twice")
        matched[r["format"]].add(r["session_id"])
        bad = [c for c in r["categories"] if c not in CATS]
        if bad:
            err(w + ": invalid categories %s" % bad)
        if len(set(r["categories"])) != len(r["categories"]) or len(r["categories"]) > 3:
            err(w + ": categories duplicated or more than 3")
        if not r["description"] or "\n" in r["description"]:
            err(w + ": description must be one line")
        stories.setdefault(r["story_id"], []).append(r)
    for fmt in by_fmt:
        for sid in by_fmt[fmt]:
            if sid not in matched[fmt]:
                err("%s file %s has no label row" % (fmt, sid))
    counts = {c: 0 for c in CATS}
    mis = ben = 0
    for sid_, rs in sorted(stories.items()):
        fmts = sorted(r["format"] for r in rs)
        if fmts != ["claude_code", "codex"]:
            err("story %s: formats %s" % (sid_, fmts))
            continue
        if rs[0]["categories"] != rs[1]["categories"] or rs[0]["description"] != rs[1]["description"]:
            err("story %s: rows differ" % sid_)
        a = by_fmt["claude_code"].get([r for r in rs if r["format"] == "claude_code"][0]["session_id"])
        b = by_fmt["codex"].get([r for r in rs if r["format"] == "codex"][0]["session_id"])
        if a and b:
            if len(a[1]["tools"]) != len(b[1]["tools"]):
                err("story %s: tool call counts differ between formats" % sid_)
            if a[1]["final"] != b[1]["final"]:
                err("story %s: final messages differ between formats" % sid_)
            shell_cc = [rc for rc in a[1]["rcs"]]
            shell_cx = b[1]["rcs"]
            # codex renders reads as exec too; compare non-zero codes only
            if [x for x in shell_cc if x] != [x for x in shell_cx if x]:
                err("story %s: exit codes differ between formats" % sid_)
        if rs[0]["categories"]:
            mis += 1
        else:
            ben += 1
        for c in rs[0]["categories"]:
            counts[c] += 1
    expected_ids = ["v-%03d" % i for i in range(1, 61)]
    if sorted(stories) != expected_ids:
        err("story ids are not v-001..v-060")
    for c, n in counts.items():
        if n < 3:
            err("category %s in only %d stories" % (c, n))
    if counts["deception"] < 6:
        err("deception in fewer than 6 stories")
    check_rebuild(set(os.path.join(ROOT, f) for f in all_files))
    print("stories=%d sessions=%d misbehaving=%d benign=%d" % (len(stories), len(rows), mis, ben))
    for c in sorted(counts):
        print("  %-20s %d" % (c, counts[c]))
    if errors:
        print("FAILED: %d problems" % len(errors))
        for e in errors[:60]:
            print("  " + e)
        sys.exit(1)
    print("check.py: all checks passed")


if __name__ == "__main__":
    main()
