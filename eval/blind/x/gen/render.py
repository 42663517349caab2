"""Render a story (see dsl.py) as a Claude Code session and as a Codex rollout.

Deterministic: all ids come from random.Random seeded by "<story id>:<format>";
timestamps come from a PRNG seeded by the story id only, so both renders share a clock.
"""
import base64
import datetime as dt
import json
import os
import random
import re

CC_MODELS = ["claude-opus-4-6", "claude-sonnet-4-5-20250929", "claude-opus-4-6", "claude-haiku-4-5-20251001"]
CC_VERSIONS = ["2.0.76", "2.1.14", "2.1.31", "2.0.76"]
CX_MODELS = ["gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.3-codex"]
CX_VERSIONS = ["0.104.0", "0.106.0", "0.104.0"]

START = dt.datetime(2026, 11, 15, 7, 0, 0, tzinfo=dt.timezone.utc)


def dumps(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))


class Ids:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def uuid4(self):
        n = self.r.getrandbits(128)
        n &= ~(0xF000 << 64)
        n |= 0x4000 << 64
        n &= ~(0xC000 << 48)
        n |= 0x8000 << 48
        h = "%032x" % n
        return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

    def tok(self, n, alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def b64(self, nbytes):
        return base64.b64encode(bytes(self.r.getrandbits(8) for _ in range(nbytes))).decode()


class Clock:
    def __init__(self, story_id):
        n = int(re.sub(r"\D", "", story_id))
        r = random.Random("clock:" + story_id)
        # spread 60 stories over 2026-11-15 .. 2026-11-29
        self.t = START + dt.timedelta(hours=n * 5.6 + r.uniform(0, 3))
        self.r = r

    def tick(self, lo=0.05, hi=2.0):
        self.t += dt.timedelta(seconds=self.r.uniform(lo, hi))
        return self.iso()

    def iso(self):
        return self.t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (self.t.microsecond // 1000)


def enc_cwd(cwd):
    return re.sub(r"[^A-Za-z0-9]", "-", cwd)


def numbered(content, start=1):
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    return "\n".join("%6d\u2192%s" % (i + start, l) for i, l in enumerate(lines))


def timeline(story):
    """Pre-compute timestamps for every event so both formats share them."""
    c = Clock(story["id"])
    out = []
    for turn in story["turns"]:
        tt = {"prompt": c.tick(20, 90), "steps": [], "final": None}
        for st in turn["steps"]:
            if st["k"] in ("think", "say"):
                tt["steps"].append(c.tick(1.5, 9))
            else:
                call = c.tick(0.3, 3)
                secs = st.get("secs") or round(c.r.uniform(0.05, 3.5), 1)
                done = c.tick(secs, secs + 0.3)
                tt["steps"].append((call, done, secs))
        tt["final"] = c.tick(2, 12)
        out.append(tt)
    return out


def file_states(story):
    """Known content of each file before every edit/write step: {(turn, step): content or None}."""
    known, prev = {}, {}
    for ti, turn in enumerate(story["turns"]):
        for si, st in enumerate(turn["steps"]):
            if st["k"] == "read":
                known[st["path"]] = st["content"]
            elif st["k"] == "write":
                prev[(ti, si)] = st.get("prev", known.get(st["path"]))
                known[st["path"]] = st["content"]
            elif st["k"] == "edit":
                before = known.get(st["path"])
                prev[(ti, si)] = before
                if before is not None and st["old"] in before:
                    known[st["path"]] = before.replace(st["old"], st["new"], 1)
                else:
                    known.pop(st["path"], None)
    return prev


def line_of(content, needle):
    if content is None or needle not in content:
        return None
    return content[:content.index(needle)].count("\n") + 1


def group_steps(steps):
    """Group steps into API responses: leading think/say blocks + one tool call."""
    groups, cur = [], []
    for i, st in enumerate(steps):
        cur.append(i)
        if st["k"] not in ("think", "say"):
            groups.append(cur)
            cur = []
    return groups, cur  # trailing think/say go with the final message


# --------------------------------------------------------------------------- Claude Code

def render_cc(story, idx):
    ids = Ids(story["id"] + ":claude_code")
    sid = ids.uuid4()
    model = CC_MODELS[idx % len(CC_MODELS)]
    version = CC_VERSIONS[idx % len(CC_VERSIONS)]
    cwd = story["cwd"]
    tl = timeline(story)
    lines = []
    parent = [None]
    slug = "-".join(ids.r.choice(w) for w in (
        ["quiet", "brisk", "amber", "lucid", "hollow", "gentle", "rapid", "stale"],
        ["sprouting", "drifting", "folding", "humming", "winding", "glowing"],
        ["ocean", "lantern", "falcon", "meadow", "cobalt", "harbor", "quartz"]))

    def env(extra):
        d = {"parentUuid": parent[0], "isSidechain": False, "userType": "external", "cwd": cwd,
             "sessionId": sid, "version": version, "gitBranch": story["branch"]}
        if len(lines) > 2:
            d["slug"] = slug
        d.update(extra)
        return d

    usage_state = {"cache": 9000 + ids.r.randint(0, 8000)}

    def usage(out_toks):
        cc = ids.r.randint(20, 1800)
        u = {"input_tokens": ids.r.randint(3, 12), "cache_creation_input_tokens": cc,
             "cache_read_input_tokens": usage_state["cache"],
             "cache_creation": {"ephemeral_5m_input_tokens": cc, "ephemeral_1h_input_tokens": 0},
             "output_tokens": out_toks, "service_tier": "standard"}
        usage_state["cache"] += cc
        return u

    def assistant_msg(blocks, ts_list, final):
        mid = "msg_01" + ids.tok(22)
        rid = "req_011C" + ids.tok(20)
        u = usage(ids.r.randint(40, 900))
        for j, (blk, ts) in enumerate(zip(blocks, ts_list)):
            uid = ids.uuid4()
            last = j == len(blocks) - 1
            msg = {"model": model, "id": mid, "type": "message", "role": "assistant", "content": [blk],
                   "stop_reason": ("end_turn" if final else "tool_use") if last else None,
                   "stop_sequence": None, "usage": u}
            lines.append(env({"message": msg, "requestId": rid, "type": "assistant", "uuid": uid, "timestamp": ts}))
            parent[0] = uid
        return parent[0]

    def block_for(st):
        if st["k"] == "think":
            return {"type": "thinking", "thinking": st["text"], "signature": "Eq" + ids.b64(150)}
        if st["k"] == "say":
            return {"type": "text", "text": st["text"]}
        tid = "toolu_01" + ids.tok(22)
        if st["k"] == "bash":
            inp = {"command": st["cmd"]}
            if st.get("desc"):
                inp["description"] = st["desc"]
            if st.get("secs") and st["secs"] > 60:
                inp["timeout"] = 600000
            return {"type": "tool_use", "id": tid, "name": "Bash", "input": inp}
        if st["k"] == "read":
            return {"type": "tool_use", "id": tid, "name": "Read", "input": {"file_path": absp(cwd, st["path"])}}
        if st["k"] == "edit":
            return {"type": "tool_use", "id": tid, "name": "Edit",
                    "input": {"file_path": absp(cwd, st["path"]), "old_string": st["old"], "new_string": st["new"]}}
        if st["k"] == "write":
            return {"type": "tool_use", "id": tid, "name": "Write",
                    "input": {"file_path": absp(cwd, st["path"]), "content": st["content"]}}
        raise ValueError(st)

    def result_line(st, tool_id, ts, a_uuid, prev=None):
        uid = ids.uuid4()
        if st["k"] == "bash":
            out = st["out"]
            if st["rc"] == 0:
                blk = {"tool_use_id": tool_id, "type": "tool_result", "content": out, "is_error": False}
                tur = {"stdout": out, "stderr": "", "interrupted": False, "isImage": False}
            else:
                txt = "Exit code %d\n%s" % (st["rc"], out)
                blk = {"type": "tool_result", "content": txt, "is_error": True, "tool_use_id": tool_id}
                tur = "Error: " + txt
        elif st["k"] == "read":
            c = st["content"]
            n = len(c.rstrip("\n").split("\n"))
            blk = {"tool_use_id": tool_id, "type": "tool_result", "content": numbered(c)}
            tur = {"type": "text", "file": {"filePath": absp(cwd, st["path"]), "content": c, "numLines": n,
                                            "startLine": 1, "totalLines": n}}
        elif st["k"] == "edit":
            p = absp(cwd, st["path"])
            before = prev
            start = line_of(before, st["old"]) or ids.r.randint(3, 60)
            snippet = numbered(st["new"], start=start)
            blk = {"tool_use_id": tool_id, "type": "tool_result",
                   "content": "The file %s has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n%s" % (p, snippet)}
            ol, nl = st["old"].split("\n"), st["new"].split("\n")
            tur = {"filePath": p, "oldString": st["old"], "newString": st["new"], "originalFile": before,
                   "structuredPatch": [{"oldStart": start, "oldLines": len(ol), "newStart": start, "newLines": len(nl),
                                        "lines": ["-" + l for l in ol] + ["+" + l for l in nl]}],
                   "userModified": False, "replaceAll": False}
        elif prev is not None:
            p = absp(cwd, st["path"])
            ol, nl = prev.rstrip("\n").split("\n"), st["content"].rstrip("\n").split("\n")
            blk = {"tool_use_id": tool_id, "type": "tool_result",
                   "content": "The file %s has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n%s" % (p, numbered(st["content"]))}
            tur = {"type": "update", "filePath": p, "content": st["content"],
                   "structuredPatch": [{"oldStart": 1, "oldLines": len(ol), "newStart": 1, "newLines": len(nl),
                                        "lines": ["-" + l for l in ol] + ["+" + l for l in nl]}],
                   "originalFile": prev}
        else:
            p = absp(cwd, st["path"])
            blk = {"tool_use_id": tool_id, "type": "tool_result", "content": "File created successfully at: %s" % p}
            tur = {"type": "create", "filePath": p, "content": st["content"], "structuredPatch": [], "originalFile": None}
        d = env({"type": "user", "message": {"role": "user", "content": [blk]}, "uuid": uid, "timestamp": ts,
                 "toolUseResult": tur})
        if version != "2.0.76":
            d["sourceToolAssistantUUID"] = a_uuid
        lines.append(d)
        parent[0] = uid

    fprev = file_states(story)
    for ti, (turn, tt) in enumerate(zip(story["turns"], tl)):
        puid = ids.uuid4()
        lines.append({"type": "file-history-snapshot", "messageId": puid,
                      "snapshot": {"messageId": puid, "trackedFileBackups": {}, "timestamp": tt["prompt"]},
                      "isSnapshotUpdate": False})
        lines.append(env({"type": "user", "message": {"role": "user", "content": turn["prompt"]}, "uuid": puid,
                          "timestamp": tt["prompt"], "thinkingMetadata": {"level": "high", "disabled": False, "triggers": []},
                          "todos": []}))
        parent[0] = puid
        steps = turn["steps"]
        groups, trailing = group_steps(steps)
        for g in groups:
            blocks, tss = [], []
            for i in g:
                st = steps[i]
                blocks.append(block_for(st))
                tss.append(tt["steps"][i] if st["k"] in ("think", "say") else tt["steps"][i][0])
            a_uuid = assistant_msg(blocks, tss, False)
            st = steps[g[-1]]
            result_line(st, blocks[-1]["id"], tt["steps"][g[-1]][1], a_uuid, fprev.get((ti, g[-1])))
        blocks, tss = [], []
        for i in trailing:
            blocks.append(block_for(steps[i]))
            tss.append(tt["steps"][i])
        blocks.append({"type": "text", "text": turn["final"]})
        tss.append(tt["final"])
        assistant_msg(blocks, tss, True)
    path = os.path.join("x-cc", enc_cwd(cwd), sid + ".jsonl")
    return sid, path, "".join(dumps(l) + "\n" for l in lines)


def absp(cwd, p):
    if p.startswith("/") or p.startswith("~"):
        return p
    return cwd.rstrip("/") + "/" + p


def relp(cwd, p):
    pre = cwd.rstrip("/") + "/"
    return p[len(pre):] if p.startswith(pre) else p


# --------------------------------------------------------------------------- Codex

def render_codex(story, idx):
    ids = Ids(story["id"] + ":codex")
    sid = ids.uuid4()
    model = CX_MODELS[idx % len(CX_MODELS)]
    cli = CX_VERSIONS[idx % len(CX_VERSIONS)]
    cwd = story["cwd"]
    tl = timeline(story)
    lines = []
    t0 = dt.datetime.strptime(tl[0]["prompt"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.timezone.utc)
    p0 = t0 - dt.timedelta(seconds=4, milliseconds=137)
    pre = p0.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (p0.microsecond // 1000)

    def add(ts, typ, payload):
        lines.append({"timestamp": ts, "type": typ, "payload": payload})

    repo = story.get("repo") or ("git@git.internal:%s.git" % (cwd.rstrip("/").split("/")[-1]))
    add(pre, "session_meta", {"id": sid, "timestamp": pre, "cwd": cwd, "originator": "codex_cli_rs", "cli_version": cli,
                              "source": "cli", "model_provider": "openai",
                              "git": {"commit_hash": "%040x" % ids.r.getrandbits(160), "branch": story["branch"],
                                      "repository_url": repo}})
    sandbox = {"type": "workspace-write", "writable_roots": [cwd], "network_access": False,
               "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False}
    add(pre, "response_item", {"type": "message", "role": "developer", "content": [{"type": "input_text", "text":
        "<permissions instructions>\nFilesystem sandboxing defines which files can be read or written. `sandbox_mode` is `workspace-write`: the sandbox permits reading files, and editing files in `cwd` and `writable_roots`. Network access is restricted.\nApprovals: `on-request`. Commands that need to escape the sandbox must be run with `with_escalated_permissions` and a justification.\n</permissions instructions>"}]})
    add(pre, "response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text":
        "<environment_context>\n  <cwd>%s</cwd>\n  <approval_policy>on-request</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n  <shell>bash</shell>\n</environment_context>" % cwd}]})
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": 0}

    def token_count(ts):
        last = {"input_tokens": ids.r.randint(9000, 30000), "cached_input_tokens": 0, "output_tokens": ids.r.randint(60, 900),
                "reasoning_output_tokens": 0, "total_tokens": 0}
        last["cached_input_tokens"] = int(last["input_tokens"] * ids.r.uniform(0.2, 0.95))
        last["reasoning_output_tokens"] = int(last["output_tokens"] * ids.r.uniform(0.1, 0.6))
        last["total_tokens"] = last["input_tokens"] + last["output_tokens"]
        for k in tot:
            tot[k] += last[k]
        add(ts, "event_msg", {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last,
                                                               "model_context_window": 258400},
                              "rate_limits": {"primary": {"used_percent": float(ids.r.randint(1, 40)), "window_minutes": 300,
                                                          "resets_at": 1795000000 + ids.r.randint(0, 900000)},
                                              "secondary": None, "credits": None, "plan_type": None}})

    fprev = file_states(story)
    for ti, (turn, tt) in enumerate(zip(story["turns"], tl)):
        turn_id = ids.uuid4()
        ts = tt["prompt"]
        add(ts, "event_msg", {"type": "task_started", "turn_id": turn_id, "model_context_window": 258400,
                              "collaboration_mode_kind": "default"})
        add(ts, "response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": turn["prompt"]}]})
        add(ts, "event_msg", {"type": "user_message", "message": turn["prompt"], "images": [], "local_images": [],
                              "text_elements": []})
        tc = {"turn_id": turn_id, "cwd": cwd, "approval_policy": "on-request", "sandbox_policy": sandbox, "model": model,
              "effort": "high", "summary": "auto", "truncation_policy": {"mode": "tokens", "limit": 10000}}
        add(ts, "turn_context", tc)
        steps = turn["steps"]
        for i, st in enumerate(steps):
            if st["k"] == "think":
                ts = tt["steps"][i]
                add(ts, "event_msg", {"type": "agent_reasoning", "text": st["text"]})
                add(ts, "response_item", {"type": "reasoning", "summary": [{"type": "summary_text", "text": st["text"]}],
                                          "content": None, "encrypted_content": "gAAAAAB" + ids.b64(240)})
                continue
            if st["k"] == "say":
                ts = tt["steps"][i]
                add(ts, "event_msg", {"type": "agent_message", "message": st["text"]})
                add(ts, "response_item", {"type": "message", "role": "assistant",
                                          "content": [{"type": "output_text", "text": st["text"]}], "phase": "commentary"})
                continue
            call_ts, done_ts, secs = tt["steps"][i]
            cid = "call_" + ids.tok(24)
            if st["k"] in ("bash", "read"):
                if st["k"] == "bash":
                    cmd, out, rc = st["cmd"], st["out"], st["rc"]
                else:
                    p = relp(cwd, st["path"])
                    cmd, out, rc = "sed -n '1,200p' %s" % p, st["content"], 0
                args = {"cmd": cmd, "workdir": cwd}
                if st.get("secs") and st["secs"] > 10:
                    args["yield_time_ms"] = 30000
                add(call_ts, "response_item", {"type": "function_call", "name": "exec_command",
                                               "arguments": dumps(args), "call_id": cid})
                token_count(call_ts)
                add(done_ts, "response_item", {"type": "function_call_output", "call_id": cid,
                                               "output": "Exit code: %d\nWall time: %s seconds\nOutput:\n%s" % (rc, secs, out)})
            else:
                p = relp(cwd, st["path"])
                before = fprev.get((ti, i))
                if st["k"] == "edit":
                    ctx = ""
                    ln = line_of(before, st["old"])
                    if ln and ln > 1:
                        ctx = before.split("\n")[ln - 2]
                    body = "*** Update File: %s\n@@%s\n%s\n%s\n" % (
                        p, (" " + ctx) if ctx.strip() else "",
                        "\n".join("-" + l for l in st["old"].split("\n")), "\n".join("+" + l for l in st["new"].split("\n")))
                    res = "M %s" % p
                elif before is not None:
                    o = before[:-1] if before.endswith("\n") else before
                    c = st["content"][:-1] if st["content"].endswith("\n") else st["content"]
                    body = "*** Update File: %s\n@@\n%s\n%s\n" % (
                        p, "\n".join("-" + l for l in o.split("\n")), "\n".join("+" + l for l in c.split("\n")))
                    res = "M %s" % p
                else:
                    c = st["content"][:-1] if st["content"].endswith("\n") else st["content"]
                    body = "*** Add File: %s\n%s\n" % (p, "\n".join("+" + l for l in c.split("\n")))
                    res = "A %s" % p
                add(call_ts, "response_item", {"type": "custom_tool_call", "status": "completed", "call_id": cid,
                                               "name": "apply_patch", "input": "*** Begin Patch\n" + body + "*** End Patch"})
                token_count(call_ts)
                add(done_ts, "response_item", {"type": "custom_tool_call_output", "call_id": cid,
                                               "output": "Success. Updated the following files:\n" + res})
            add(done_ts, "turn_context", tc)
        ts = tt["final"]
        add(ts, "event_msg", {"type": "agent_message", "message": turn["final"]})
        add(ts, "response_item", {"type": "message", "role": "assistant",
                                  "content": [{"type": "output_text", "text": turn["final"]}], "phase": "final_answer"})
        token_count(ts)
        add(ts, "event_msg", {"type": "task_complete", "turn_id": turn_id, "last_agent_message": turn["final"]})
    t = dt.datetime.strptime(pre, "%Y-%m-%dT%H:%M:%S.%fZ")
    path = os.path.join("x-codex", t.strftime("%Y"), t.strftime("%m"), t.strftime("%d"),
                        "rollout-%s-%s.jsonl" % (t.strftime("%Y-%m-%dT%H-%M-%S"), sid))
    return sid, path, "".join(dumps(l) + "\n" for l in lines)
