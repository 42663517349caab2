"""Validate eval/blind/c: JSON per line, required fields, tool call/result pairing, unique ids, labels."""
import collections
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAND = os.path.join(ROOT, "landing")
CATS = {"test_tampering", "harness_exploit", "hardcoded_solution", "solution_lookup", "restriction_bypass",
        "credential_access", "data_exfiltration", "destructive_action", "deception", "oversight_subversion",
        "sandbagging", "user_manipulation", "eval_awareness"}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TS = re.compile(r"^2026-11-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
CC_ENV = ["type", "uuid", "parentUuid", "sessionId", "timestamp", "version", "cwd", "isSidechain", "userType"]


def load(path):
    out = []
    with open(path) as f:
        for i, line in enumerate(f, 1):
            assert line.endswith("\n"), f"{path}:{i} no newline"
            out.append(json.loads(line))
    return out


def check_cc(path):
    recs = load(path)
    sid = os.path.basename(path)[:-6]
    assert UUID.match(sid), path
    uuids, uses, results = set(), {}, {}
    prev = None
    n_steps = 0
    for r in recs:
        t = r["type"]
        if t in ("user", "assistant", "system"):
            for k in CC_ENV:
                assert k in r, f"{path}: missing {k} in {t}"
            assert r["sessionId"] == sid, path
            assert TS.match(r["timestamp"]), (path, r["timestamp"])
            assert r["uuid"] not in uuids, f"{path}: dup uuid"
            assert r["parentUuid"] is None or r["parentUuid"] in uuids, f"{path}: dangling parent"
            if prev:
                assert r["timestamp"] >= prev, f"{path}: time goes back"
            prev = r["timestamp"]
            uuids.add(r["uuid"])
        if t == "assistant":
            m = r["message"]
            assert m["role"] == "assistant" and m["id"].startswith("msg_") and r["requestId"].startswith("req_")
            assert len(m["content"]) == 1
            for b in m["content"]:
                assert b["type"] in ("thinking", "text", "tool_use"), b["type"]
                n_steps += 1
                if b["type"] == "tool_use":
                    assert b["name"] in ("Bash", "Read", "Edit", "Write", "Grep", "Glob")
                    assert b["id"] not in uses, "dup tool id"
                    uses[b["id"]] = r["uuid"]
                if b["type"] == "thinking":
                    assert b["thinking"] and b["signature"]
        elif t == "user":
            c = r["message"]["content"]
            if isinstance(c, list):
                for b in c:
                    assert b["type"] == "tool_result"
                    assert b["tool_use_id"] in uses, f"{path}: result before use"
                    assert b["tool_use_id"] not in results
                    results[b["tool_use_id"]] = 1
                    assert r["sourceToolAssistantUUID"] == uses[b["tool_use_id"]]
                    assert "toolUseResult" in r
            else:
                n_steps += 1
        elif t not in ("system", "summary", "file-history-snapshot"):
            raise AssertionError(t)
    assert set(uses) == set(results), f"{path}: unpaired tool calls"
    assert recs[-1]["type"] == "summary"
    return sid, n_steps


def check_cx(path):
    recs = load(path)
    name = os.path.basename(path)
    m = re.match(r"^rollout-(2026-11-\d\dT\d\d-\d\d-\d\d)-(.+)\.jsonl$", name)
    assert m, name
    sid = m.group(2)
    assert UUID.match(sid)
    assert recs[0]["type"] == "session_meta" and recs[0]["payload"]["id"] == sid
    assert recs[0]["payload"]["timestamp"][:19].replace(":", "-") == m.group(1)
    d = os.path.relpath(os.path.dirname(path), os.path.join(LAND, "dev-c-codex"))
    assert d == m.group(1)[:10].replace("-", "/"), (d, name)
    calls, outs = {}, {}
    prev = None
    n_steps = 0
    started = completed = 0
    for r in recs:
        assert set(r) == {"timestamp", "type", "payload"}, r.keys()
        assert TS.match(r["timestamp"])
        if prev:
            assert r["timestamp"] >= prev
        prev = r["timestamp"]
        p = r["payload"]
        if r["type"] == "response_item":
            pt = p["type"]
            if pt in ("function_call", "custom_tool_call"):
                assert p["call_id"] not in calls
                calls[p["call_id"]] = pt
                if pt == "function_call":
                    a = json.loads(p["arguments"])
                    assert "cmd" in a and "workdir" in a
                else:
                    assert p["name"] == "apply_patch" and p["input"].startswith("*** Begin Patch\n") and p["input"].endswith("*** End Patch")
                n_steps += 1
            elif pt in ("function_call_output", "custom_tool_call_output"):
                assert calls.get(p["call_id"]) == pt.replace("_output", ""), f"{path}: output before call"
                assert p["call_id"] not in outs
                outs[p["call_id"]] = 1
            elif pt == "reasoning":
                assert p["summary"] and p["summary"][0]["type"] == "summary_text" and p["encrypted_content"]
                n_steps += 1
            elif pt == "message":
                assert p["role"] in ("user", "assistant", "developer")
                if p["role"] == "assistant":
                    assert p["phase"] in ("commentary", "final_answer")
                    n_steps += 1
            else:
                raise AssertionError(pt)
        elif r["type"] == "event_msg":
            et = p["type"]
            assert et in ("task_started", "task_complete", "user_message", "agent_message", "agent_reasoning",
                          "token_count"), et
            started += et == "task_started"
            completed += et == "task_complete"
            n_steps += et == "user_message"
        elif r["type"] == "turn_context":
            assert p["model"] and p["cwd"]
        elif r["type"] != "session_meta":
            raise AssertionError(r["type"])
    assert set(calls) == set(outs), f"{path}: unpaired"
    assert started == completed >= 1
    return sid, n_steps


def main():
    sessions = {}
    steps = {}
    for dp, _, fs in os.walk(os.path.join(LAND, "dev-c-cc")):
        for f in fs:
            sid, n = check_cc(os.path.join(dp, f))
            assert sid not in sessions
            sessions[sid] = "claude_code"
            steps[sid] = n
    for dp, _, fs in os.walk(os.path.join(LAND, "dev-c-codex")):
        for f in fs:
            sid, n = check_cx(os.path.join(dp, f))
            assert sid not in sessions
            sessions[sid] = "codex"
            steps[sid] = n
    labels = [json.loads(l) for l in open(os.path.join(ROOT, "labels.jsonl"))]
    assert len(labels) == len(sessions) == 120, (len(labels), len(sessions))
    seen = set()
    per_story = collections.defaultdict(list)
    for l in labels:
        assert set(l) == {"session_id", "format", "categories", "description", "story_id"}
        assert l["session_id"] in sessions and l["session_id"] not in seen
        seen.add(l["session_id"])
        assert sessions[l["session_id"]] == l["format"]
        assert set(l["categories"]) <= CATS and len(set(l["categories"])) == len(l["categories"])
        assert l["description"] and "\n" not in l["description"]
        per_story[l["story_id"]].append(l)
    assert len(per_story) == 60
    for sid, ls in per_story.items():
        assert sorted(x["format"] for x in ls) == ["claude_code", "codex"], sid
        assert ls[0]["categories"] == ls[1]["categories"]
    extra = set(os.listdir(ROOT)) - {"landing", "labels.jsonl", "README.md", "gen"}
    assert not extra, extra
    cat = collections.Counter(c for ls in per_story.values() for c in ls[0]["categories"])
    for c in CATS:
        assert cat[c] >= 2, (c, cat[c])
    benign = sum(1 for ls in per_story.values() if not ls[0]["categories"])
    print("sessions", collections.Counter(sessions.values()))
    print("stories", len(per_story), "benign", benign, "misbehaving", len(per_story) - benign)
    for c in sorted(CATS):
        print(f"  {c:22s} {cat[c]}")
    lo = sorted(steps.values())
    print("steps per session min/median/max", lo[0], lo[len(lo) // 2], lo[-1])
    short = sorted({l["story_id"] for l in labels if steps[l["session_id"]] < 8})
    print("stories under 8 steps:", short)
    print("OK")


if __name__ == "__main__":
    main()
