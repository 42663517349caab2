"""Renderer: one story -> Claude Code session JSONL and Codex rollout JSONL.

A story is a dict made by S() in dsl.py. Steps:
  ("t", text, header)        reasoning
  ("say", text)              assistant text (the last one of a turn is the final answer)
  ("sh", cmd, out, rc, dur)  shell command
  ("read", path, content)    file read
  ("edit", path, old, new)   in-place edit
  ("write", path, content)   create/overwrite file
  ("user", text)             a new user turn
"""
import base64
import json
import os
import random
import re
import uuid
import zlib
from datetime import datetime, timedelta, timezone

B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
READ_REMINDER = ("\n\n<system-reminder>\nWhenever you read a file, you should consider whether it would be "
                 "considered malware. You CAN and SHOULD provide analysis of malware, what it is doing. But you "
                 "MUST refuse to improve or augment the code. You can still analyze existing code, write reports, "
                 "or answer questions about the code behavior.\n</system-reminder>\n")


def dumps(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))


def session_id(story_id, fmt):
    r = random.Random("%s:%s:session" % (story_id, fmt))
    return str(uuid.UUID(int=r.getrandbits(128), version=4))


class Ids:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def uuid(self):
        return str(uuid.UUID(int=self.r.getrandbits(128), version=4))

    def b62(self, n):
        return "".join(self.r.choice(B62) for _ in range(n))

    def b64(self, n):
        return base64.b64encode(bytes(self.r.getrandbits(8) for _ in range(n))).decode()


class Clock:
    def __init__(self, start, seed):
        self.t = start
        self.r = random.Random(seed)

    def step(self, lo=0.2, hi=2.5):
        self.t += timedelta(milliseconds=int(self.r.uniform(lo, hi) * 1000))
        return self.iso()

    def tick(self):
        self.t += timedelta(milliseconds=1 + self.r.randint(0, 6))
        return self.iso()

    def iso(self):
        return self.t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (self.t.microsecond // 1000)


def start_time(story):
    return datetime.strptime(story["start"], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)


def abspath(story, p):
    return p if p.startswith("/") or p.startswith("~") else os.path.join(story["cwd"], p)


def relpath(story, p):
    cwd = story["cwd"].rstrip("/") + "/"
    return p[len(cwd):] if p.startswith(cwd) else p


def split_turns(steps):
    """Return list of (user_text, [steps]) ."""
    turns = []
    for s in steps:
        if s[0] == "user":
            turns.append([s[1], []])
        else:
            turns[-1][1].append(s)
    return turns


def line_hint(prior_outputs, rel, first_line):
    """find 'N:<line>' or 'path:N:<line>' in earlier grep -n style output"""
    want = first_line.strip()
    if not want:
        return None
    for out in prior_outputs:
        for l in out.split("\n"):
            m = re.match(r"^(?:\./)?(?:[^:\s]+:)?(\d+)[:-](.*)$", l)
            if m and m.group(2).strip() == want:
                return int(m.group(1))
    return None


def with_reads(story):
    """Claude Code refuses to Edit a file it has not Read; agents view the lines first.
    Insert a ranged read of the edited lines before any edit of a file not yet read (both formats)."""
    seen, outs, shown, res = set(), [], [], []
    for s in story["steps"]:
        if s[0] in ("read", "write"):
            seen.add(abspath(story, s[1]))
        if s[0] == "sh":
            outs.append(s[2])
            shown.append((s[1], s[2]))
        if s[0] == "edit" and abspath(story, s[1]) not in seen:
            old = s[2]
            rel = relpath(story, s[1])
            n = line_hint(outs, rel, old.split("\n")[0])
            for cmd, o in shown:
                # the file was printed from its first line (cat FILE / sed -n '1,Np' FILE)
                if n is None and re.search(r"(^|[;&|] *)(cat|sed -n '1,\d+p') %s( |$|;)" % re.escape(rel), cmd):
                    ol = o.split("\n")
                    if old.split("\n")[0] in ol:
                        n = ol.index(old.split("\n")[0]) + 1
            if n is None:
                n = 1 + zlib.crc32((story["id"] + s[1] + old).encode()) % 60
            res.append(("read", s[1], old, n))
            seen.add(abspath(story, s[1]))
        res.append(s)
    return res


def numbered(content, start=1):
    lines = content.split("\n")
    return "\n".join("%6d\u2192%s" % (i + start, l) for i, l in enumerate(lines))


def think_dur(text):
    return 1.0 + min(len(text) / 180.0, 14.0)


# ---------------------------------------------------------------- Claude Code

def render_cc(story):
    sid = session_id(story["id"], "claude_code")
    ids = Ids(story["id"] + ":cc")
    clk = Clock(start_time(story), story["id"] + ":cc:clock")
    cwd = story["cwd"]
    env = {"parentUuid": None, "isSidechain": False, "userType": "external", "cwd": cwd,
           "sessionId": sid, "version": story["cc_version"], "gitBranch": story["branch"]}
    model = story["cc_model"]
    files = {}
    partial = {}
    out = []
    parent = [None]
    usage_in = [story.get("ctx", 14000)]

    def envl(**kw):
        d = dict(env)
        d["parentUuid"] = parent[0]
        d.update(kw)
        return d

    for user_text, steps in split_turns(with_reads(story)):
        uid = ids.uuid()
        ts = clk.step(3, 20) if out else clk.iso()
        out.append({"type": "file-history-snapshot", "messageId": uid,
                    "snapshot": {"messageId": uid, "trackedFileBackups": {}, "timestamp": ts},
                    "isSnapshotUpdate": False})
        d = envl(type="user", message={"role": "user", "content": user_text}, uuid=uid, timestamp=ts,
                 thinkingMetadata={"level": "high", "disabled": False, "triggers": []}, todos=[])
        out.append(d)
        parent[0] = uid
        # group into responses
        resp = None
        last_say = max([i for i, s in enumerate(steps) if s[0] == "say"] or [-1])
        for i, s in enumerate(steps):
            if resp is None:
                resp = {"id": "msg_01" + ids.b62(22), "req": "req_011C" + ids.b62(20),
                        "usage": None}
                usage_in[0] += ids.r.randint(300, 2600)
                cache_new = ids.r.randint(20, 1800)
                resp["usage"] = {"input_tokens": ids.r.randint(3, 12), "cache_creation_input_tokens": cache_new,
                                 "cache_read_input_tokens": usage_in[0],
                                 "cache_creation": {"ephemeral_5m_input_tokens": cache_new,
                                                    "ephemeral_1h_input_tokens": 0},
                                 "output_tokens": ids.r.randint(8, 900), "service_tier": "standard"}
                first = True
            kind = s[0]
            if kind == "t":
                block = {"type": "thinking", "thinking": s[1], "signature": ids.b64(180 + min(len(s[1]), 1400) // 2)}
                ts = clk.step(think_dur(s[1]), think_dur(s[1]) + 3)
            elif kind == "say":
                block = {"type": "text", "text": s[1]}
                ts = clk.step(0.8, 4.0) if not first else clk.step(2, 6)
            else:
                tid = "toolu_01" + ids.b62(22)
                if kind == "sh":
                    inp = {"command": s[1], "description": s[5] if len(s) > 5 and s[5] else desc_for(s[1])}
                    if s[4] and s[4] > 110:
                        inp["timeout"] = 600000
                    block = {"type": "tool_use", "id": tid, "name": "Bash", "input": inp}
                elif kind == "read":
                    rin = {"file_path": abspath(story, s[1])}
                    if len(s) > 3:
                        rin["offset"] = s[3]
                        rin["limit"] = len(s[2].split("\n"))
                    block = {"type": "tool_use", "id": tid, "name": "Read", "input": rin}
                elif kind == "edit":
                    block = {"type": "tool_use", "id": tid, "name": "Edit",
                             "input": {"file_path": abspath(story, s[1]), "old_string": s[2], "new_string": s[3]}}
                elif kind == "write":
                    block = {"type": "tool_use", "id": tid, "name": "Write",
                             "input": {"file_path": abspath(story, s[1]), "content": s[2]}}
                ts = clk.step(0.5, 3.0) if not first else clk.step(2, 7)
            stop = "end_turn" if (kind == "say" and i == len(steps) - 1) else None
            msg = {"model": model, "id": resp["id"], "type": "message", "role": "assistant", "content": [block],
                   "stop_reason": stop, "stop_sequence": None, "usage": resp["usage"]}
            auid = ids.uuid()
            out.append(envl(message=msg, requestId=resp["req"], type="assistant", uuid=auid, timestamp=ts))
            parent[0] = auid
            first = False
            if kind in ("t", "say"):
                continue
            # tool result
            ap = abspath(story, s[1]) if kind != "sh" else None
            if kind == "sh":
                cmd, o, rc, dur = s[1], s[2], s[3], s[4]
                ts = clk.step(dur, dur + 0.3)
                if rc == 0:
                    res = {"tool_use_id": tid, "type": "tool_result", "content": o, "is_error": False}
                    tur = {"stdout": o, "stderr": "", "interrupted": False, "isImage": False}
                else:
                    body = "Exit code %d\n%s" % (rc, o)
                    res = {"type": "tool_result", "content": body, "is_error": True, "tool_use_id": tid}
                    tur = "Error: " + body
            elif kind == "read":
                c = s[2]
                ts = clk.step(0.05, 0.4)
                nl = len(c.split("\n"))
                if len(s) > 3:
                    first = s[3]
                    partial[ap] = (first, c)
                    total = first + nl + 3 + zlib.crc32(c.encode()) % 40
                else:
                    files[ap] = c
                    first, total = 1, nl
                res = {"tool_use_id": tid, "type": "tool_result", "content": numbered(c, first) + READ_REMINDER}
                tur = {"type": "text", "file": {"filePath": ap, "content": c, "numLines": nl, "startLine": first,
                                                "totalLines": total}}
            elif kind == "edit":
                old, new = s[2], s[3]
                orig = files.get(ap)
                ts = clk.step(0.1, 0.6)
                start = 1
                if orig is not None and old in orig:
                    start = orig[:orig.index(old)].count("\n") + 1
                    files[ap] = orig.replace(old, new, 1)
                elif ap in partial and old in partial[ap][1]:
                    pf, pc = partial[ap]
                    start = pf + pc[:pc.index(old)].count("\n")
                    partial[ap] = (pf, pc.replace(old, new, 1))
                ol, nlines = old.split("\n"), new.split("\n")
                patch = [{"oldStart": start, "oldLines": len(ol), "newStart": start, "newLines": len(nlines),
                          "lines": ["-" + l for l in ol] + ["+" + l for l in nlines]}]
                snippet = numbered(new, start)
                res = {"tool_use_id": tid, "type": "tool_result",
                       "content": "The file %s has been updated. Here's the result of running `cat -n` on a "
                                  "snippet of the edited file:\n%s" % (ap, snippet)}
                tur = {"filePath": ap, "oldString": old, "newString": new, "originalFile": orig,
                       "structuredPatch": patch, "userModified": False, "replaceAll": False}
            elif kind == "write":
                existed = ap in files
                prev = files.get(ap)
                files[ap] = s[2]
                ts = clk.step(0.1, 0.5)
                if existed:
                    res = {"tool_use_id": tid, "type": "tool_result",
                           "content": "The file %s has been updated. Here's the result of running `cat -n` on a "
                                      "snippet of the edited file:\n%s" % (ap, numbered(s[2]))}
                    tur = {"type": "update", "filePath": ap, "content": s[2], "structuredPatch": [],
                           "originalFile": prev}
                else:
                    res = {"tool_use_id": tid, "type": "tool_result", "content": "File created successfully at: " + ap}
                    tur = {"type": "create", "filePath": ap, "content": s[2], "structuredPatch": [],
                           "originalFile": None}
            ruid = ids.uuid()
            out.append(envl(type="user", message={"role": "user", "content": [res]}, uuid=ruid, timestamp=ts,
                            toolUseResult=tur))
            parent[0] = ruid
            resp = None
    enc = "-" + cwd.strip("/").replace("/", "-").replace(".", "-").replace("_", "-")
    path = os.path.join("landing", "v-cc", enc, sid + ".jsonl")
    return path, sid, "".join(dumps(o) + "\n" for o in out)


def desc_for(cmd):
    c = cmd.strip()
    rules = [("git commit", "Commit changes"), ("git push --force", "Force push branch"), ("git push", "Push to remote"),
             ("git log", "Show recent commits"), ("git diff", "Show diff"), ("git status", "Check working tree status"),
             ("git fetch", "Fetch from origin"), ("git rebase", "Rebase onto main"), ("git reset", "Reset branch"),
             ("git cherry-pick", "Cherry-pick commits"), ("git checkout", "Switch branch / restore files"),
             ("git grep", "Search tracked files"), ("git show", "Show object from git history"),
             ("git remote", "Configure git remote"), ("git branch", "List branches"), ("git rm", "Remove files from git"),
             ("git describe", "Find latest tag"), ("git add", "Stage and commit"), ("gh pr create", "Open pull request"),
             ("gh pr", "GitHub PR operation"), ("gh run", "Inspect CI run"), ("gh api", "Query GitHub API"),
             ("gh workflow", "Trigger workflow"), ("gh secret", "List repo secrets"), ("gh ", "GitHub CLI"),
             ("pytest", "Run tests"), ("python -m pytest", "Run tests"), ("uv run pytest", "Run tests"),
             ("uv add", "Update dependencies"), ("npm test", "Run test suite"), ("npx jest", "Run jest"),
             ("npx playwright", "Run e2e tests"), ("pnpm", "Run pnpm"), ("npm", "Run npm"), ("go test", "Run Go tests"),
             ("make test", "Run tests"), ("make check", "Run checks"), ("make", "Run make target"),
             ("grep", "Search codebase"), ("cat", "Show file contents"), ("sed -n", "Show file lines"),
             ("sed -i", "Edit in place"), ("ls", "List files"), ("curl", "HTTP request"), ("psql", "Query database"),
             ("pg_dump", "Dump database tables"), ("alembic", "Run migrations"), ("kubectl", "Read job logs"),
             ("aws s3", "S3 operation"), ("aws", "AWS CLI"), ("vault", "Query Vault"), ("sudo", "Run with sudo"),
             ("k6", "Run load test"), ("stripe", "Stripe CLI"), ("pip", "Install package"), ("mvn", "Build with Maven"),
             ("python", "Run Python"), ("echo", "Run shell command"), ("rm ", "Remove files"), ("du ", "Check sizes"),
             ("export", "Run with environment"), ("unset", "Run shell command"), ("date", "Check time"),
             ("for ", "Loop over artifacts"), ("sleep", "Wait, then check status"), ("printf", "Append to file"),
             ("promtool", "Validate rules"), ("ruby", "Run Ruby"), ("twine", "Upload package"), ("tar", "Archive files"),
             ("wc", "Count lines"), ("find", "Find files"), ("npx", "Run npx"), ("DATABASE_URL", "Run migrations"),
             ("VAULT_TOKEN", "Query Vault"), ("NEXT_TELEMETRY", "Check telemetry status"), ("head", "Show file head"),
             ("kill", "Restart dev server"), ("make dev", "Start dev server"), ("date", "Check time")]
    for prefix, d in rules:
        if c.startswith(prefix):
            return d
    return "Run command"


# ---------------------------------------------------------------- Codex

def render_codex(story):
    sid = session_id(story["id"], "codex")
    ids = Ids(story["id"] + ":cx")
    clk = Clock(start_time(story), story["id"] + ":cx:clock")
    cwd = story["cwd"]
    out = []
    start_iso = clk.iso()
    exec_mode = story.get("ci", False)
    meta = {"id": sid, "timestamp": start_iso, "cwd": cwd,
            "originator": "codex_exec" if exec_mode else "codex_cli_rs",
            "cli_version": story["cx_version"], "source": "exec" if exec_mode else "cli",
            "model_provider": "openai",
            "git": {"commit_hash": "%040x" % ids.r.getrandbits(160), "branch": story["branch"],
                    "repository_url": story["repo_url"]}}
    out.append({"timestamp": clk.step(0.3, 1.2), "type": "session_meta", "payload": meta})
    approval = "never" if exec_mode else "on-request"
    sandbox = {"type": "workspace-write", "writable_roots": [cwd], "network_access": bool(story.get("net", False)),
               "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False}
    perm = ("<permissions instructions>\nFilesystem sandboxing: workspace-write. Writable roots: %s. Network access "
            "is %s. Approval policy: %s.\n</permissions instructions>" %
            (cwd, "enabled" if sandbox["network_access"] else "restricted", approval))
    out.append({"timestamp": clk.tick(), "type": "response_item",
                "payload": {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": perm}]}})
    envc = ("<environment_context>\n  <cwd>%s</cwd>\n  <approval_policy>%s</approval_policy>\n  <sandbox_mode>"
            "workspace-write</sandbox_mode>\n  <network_access>%s</network_access>\n  <shell>bash</shell>\n"
            "</environment_context>" % (cwd, approval, "enabled" if sandbox["network_access"] else "restricted"))
    out.append({"timestamp": clk.tick(), "type": "response_item",
                "payload": {"type": "message", "role": "user", "content": [{"type": "input_text", "text": envc}]}})
    model = story["cx_model"]
    tot = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0, "reasoning_output_tokens": 0,
           "total_tokens": 0}
    ctxin = [story.get("ctx", 14000)]
    rl = {"limit_id": "codex", "limit_name": None,
          "primary": {"used_percent": float(ids.r.randint(2, 60)), "window_minutes": 300,
                      "resets_at": int(start_time(story).timestamp()) + ids.r.randint(600, 17000)},
          "secondary": {"used_percent": float(ids.r.randint(1, 40)), "window_minutes": 10080,
                        "resets_at": int(start_time(story).timestamp()) + ids.r.randint(90000, 500000)},
          "credits": {"has_credits": False, "unlimited": False, "balance": None}, "plan_type": None}

    def token_count():
        ctxin[0] += ids.r.randint(400, 3000)
        o = ids.r.randint(40, 900)
        ro = ids.r.randint(0, o)
        last = {"input_tokens": ctxin[0], "cached_input_tokens": max(0, ctxin[0] - ids.r.randint(300, 4000)),
                "output_tokens": o, "reasoning_output_tokens": ro, "total_tokens": ctxin[0] + o}
        for k in tot:
            tot[k] += last[k]
        return {"timestamp": clk.tick(), "type": "event_msg",
                "payload": {"type": "token_count", "info": {"total_token_usage": dict(tot), "last_token_usage": last,
                                                             "model_context_window": 258400},
                            "rate_limits": rl}}

    for user_text, steps in split_turns(with_reads(story)):
        turn_id = ids.uuid()
        tc = {"timestamp": None, "type": "turn_context",
              "payload": {"turn_id": turn_id, "cwd": cwd, "approval_policy": approval, "sandbox_policy": sandbox,
                          "model": model, "personality": "pragmatic",
                          "collaboration_mode": {"mode": "default",
                                                 "settings": {"model": model, "reasoning_effort": story["effort"],
                                                              "developer_instructions": None}},
                          "effort": story["effort"], "summary": "auto",
                          "truncation_policy": {"mode": "tokens", "limit": 10000}}}

        def turn_ctx():
            d = json.loads(json.dumps(tc))
            d["timestamp"] = clk.tick()
            return d
        out.append({"timestamp": clk.step(2, 15) if len(out) > 3 else clk.tick(), "type": "event_msg",
                    "payload": {"type": "task_started", "turn_id": turn_id, "model_context_window": 258400,
                                "collaboration_mode_kind": "default"}})
        out.append({"timestamp": clk.tick(), "type": "response_item",
                    "payload": {"type": "message", "role": "user", "content": [{"type": "input_text", "text": user_text}]}})
        out.append({"timestamp": clk.tick(), "type": "event_msg",
                    "payload": {"type": "user_message", "message": user_text, "images": [], "local_images": [],
                                "text_elements": []}})
        out.append(turn_ctx())
        out.append({"timestamp": clk.step(0.4, 1.2), "type": "event_msg",
                    "payload": {"type": "token_count", "info": None, "rate_limits": rl}})
        says = [i for i, s in enumerate(steps) if s[0] == "say"]
        final_i = says[-1] if says and says[-1] == len(steps) - 1 else None
        final_text = None
        for i, s in enumerate(steps):
            kind = s[0]
            if kind == "t":
                summ = ("**%s**\n\n%s" % (s[2], s[1])) if s[2] else s[1]
                ts = clk.step(think_dur(s[1]), think_dur(s[1]) + 3)
                out.append({"timestamp": ts, "type": "event_msg", "payload": {"type": "agent_reasoning", "text": summ}})
                out.append({"timestamp": clk.tick(), "type": "response_item",
                            "payload": {"type": "reasoning", "summary": [{"type": "summary_text", "text": summ}],
                                        "content": None,
                                        "encrypted_content": "gAAAAAB" + ids.b64(300 + min(len(s[1]), 1500))}})
                continue
            if kind == "say":
                phase = "final_answer" if i == final_i else "commentary"
                ts = clk.step(0.8, 4.0)
                out.append({"timestamp": ts, "type": "event_msg", "payload": {"type": "agent_message", "message": s[1]}})
                out.append({"timestamp": clk.tick(), "type": "response_item",
                            "payload": {"type": "message", "role": "assistant",
                                        "content": [{"type": "output_text", "text": s[1]}], "phase": phase}})
                if i == final_i:
                    final_text = s[1]
                continue
            call_id = "call_" + ids.b62(24)
            if kind in ("sh", "read"):
                if kind == "sh":
                    cmd, o, rc, dur = s[1], s[2], s[3], s[4]
                else:
                    rp = relpath(story, s[1])
                    if len(s) > 3:
                        rng = "%d,%dp" % (s[3], s[3] + len(s[2].split("\n")) - 1)
                    else:
                        rng = "1,220p"
                    cmd, o, rc, dur = "sed -n '%s' %s" % (rng, rp), s[2], 0, 0.05 + ids.r.random() * 0.1
                args = {"cmd": cmd, "workdir": cwd}
                if dur > 25:
                    args["yield_time_ms"] = 30000 if dur < 120 else 600000
                out.append({"timestamp": clk.step(0.5, 3.0), "type": "response_item",
                            "payload": {"type": "function_call", "name": "exec_command",
                                        "arguments": dumps(args), "call_id": call_id}})
                out.append(token_count())
                out.append({"timestamp": clk.step(dur, dur + 0.3), "type": "response_item",
                            "payload": {"type": "function_call_output", "call_id": call_id,
                                        "output": "Exit code: %d\nWall time: %.1f seconds\nOutput:\n%s" %
                                                  (rc, dur, o)}})
            else:
                rp = relpath(story, s[1])
                if kind == "edit":
                    body = "*** Update File: %s\n@@\n%s\n%s" % (
                        rp, "\n".join("-" + l for l in s[2].split("\n")),
                        "\n".join("+" + l for l in s[3].split("\n")))
                    res = "Success. Updated the following files:\nM %s" % rp
                else:
                    c = s[2][:-1] if s[2].endswith("\n") else s[2]
                    body = "*** Add File: %s\n%s" % (rp, "\n".join("+" + l for l in c.split("\n")))
                    res = "Success. Updated the following files:\nA %s" % rp
                patch = "*** Begin Patch\n%s\n*** End Patch" % body
                out.append({"timestamp": clk.step(0.5, 3.0), "type": "response_item",
                            "payload": {"type": "custom_tool_call", "status": "completed", "call_id": call_id,
                                        "name": "apply_patch", "input": patch}})
                out.append(token_count())
                out.append({"timestamp": clk.step(0.1, 0.6), "type": "response_item",
                            "payload": {"type": "custom_tool_call_output", "call_id": call_id,
                                        "output": res}})
            out.append(turn_ctx())
        out.append(token_count())
        out.append({"timestamp": clk.tick(), "type": "event_msg",
                    "payload": {"type": "task_complete", "turn_id": turn_id, "last_agent_message": final_text}})
    st = start_time(story)
    name = "rollout-%s-%s.jsonl" % (st.strftime("%Y-%m-%dT%H-%M-%S"), sid)
    path = os.path.join("landing", "v-codex", st.strftime("%Y"), st.strftime("%m"), st.strftime("%d"), name)
    return path, sid, "".join(dumps(o) + "\n" for o in out)
