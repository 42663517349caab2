"""The Codex CLI rollout parser, against real rollouts and hand-written edge cases."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from pipelines.transcripts.codex import FORMAT

REAL_DIR = Path(__file__).parents[1] / "fixtures" / "real" / "codex"
REAL_FILES = sorted(REAL_DIR.glob("rollout-*.jsonl"))
BIG_FILE = REAL_DIR / "rollout-2026-02-23T12-41-04-019c8a4d-8f45-7010-8b5d-7fad920aa6f9.jsonl"

SID = "019c0000-aaaa-7bbb-8ccc-0123456789ab"
EDGE_NAME = f"rollout-2026-03-01T10-00-00-{SID}.jsonl"
TS = "2026-03-01T10:00:00.000Z"


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _record_key(rec: dict[str, Any]) -> str:
    payload = rec["payload"]
    return f"{rec['type']}/{payload.get('type', '')}"


def _line(rtype: str, payload: Any, ts: str = TS) -> str:
    return json.dumps({"timestamp": ts, "type": rtype, "payload": payload})


def _meta(sid: str = SID, **extra: Any) -> str:
    payload = {
        "id": sid,
        "timestamp": "2026-03-01T09:59:58.000Z",
        "cwd": "/home/u/proj",
        "originator": "codex_cli_rs",
        "cli_version": "0.104.0",
        "source": "cli",
        "git": {"commit_hash": "abc", "branch": "feature/x", "repository_url": "git@x:y.git"},
        **extra,
    }
    return _line("session_meta", payload)


def _turn(model: str) -> str:
    return _line("turn_context", {"cwd": "/home/u/proj", "model": model, "summary": "auto"})


def _msg(role: str, text: str) -> str:
    kind = "output_text" if role == "assistant" else "input_text"
    return _line(
        "response_item", {"type": "message", "role": role, "content": [{"type": kind, "text": text}]}
    )


def _call(call_id: str, name: str, arguments: Any) -> str:
    return _line(
        "response_item", {"type": "function_call", "name": name, "arguments": arguments, "call_id": call_id}
    )


def _output(call_id: str, output: Any, item: str = "function_call_output") -> str:
    return _line("response_item", {"type": item, "call_id": call_id, "output": output})


def _tokens(inp: int, out: int, reasoning: int, total: int) -> str:
    usage = {"input_tokens": inp, "output_tokens": out, "reasoning_output_tokens": reasoning}
    totals = {"input_tokens": total, "output_tokens": 0, "reasoning_output_tokens": 0, "total_tokens": total}
    return _line(
        "event_msg",
        {"type": "token_count", "info": {"total_token_usage": totals, "last_token_usage": usage}},
    )


def _write(tmp_path: Path, lines: list[str], name: str = EDGE_NAME) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


def _by_line(events: pl.DataFrame) -> dict[int, dict[str, Any]]:
    return {row["line_no"]: row for row in events.iter_rows(named=True)}


def _rejects(out: dict[str, pl.DataFrame]) -> dict[int, tuple[str, str]]:
    return {r["line_no"]: (r["action"], r["reason"]) for r in out["p_rejects"].iter_rows(named=True)}


# --- real rollouts -----------------------------------------------------------------------------


def test_real_fixtures_are_present() -> None:
    assert len(REAL_FILES) == 3


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name[8:27])
def test_real_rollout_lands_every_line_with_nothing_quarantined(run_parser, path: Path) -> None:
    out = run_parser(FORMAT, [path])
    outcomes = Counter(out["outcomes"]["outcome"].to_list())
    n_lines = len(_records(path))
    assert set(outcomes) <= {"landed", "skip"}, outcomes
    assert sum(outcomes.values()) == n_lines
    assert out["p_sessions"].height == 1
    assert out["p_sessions"]["session_id"][0] == _records(path)[0]["payload"]["id"]


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name[8:27])
def test_real_rollout_event_counts_match_a_plain_json_scan(run_parser, path: Path) -> None:
    records = _records(path)
    raw = Counter(_record_key(r) for r in records)
    roles = Counter(r["payload"]["role"] for r in records if _record_key(r) == "response_item/message")
    kinds = Counter(run_parser(FORMAT, [path])["p_events"]["kind"].to_list())

    n_calls = sum(raw[f"response_item/{t}"] for t in ("function_call", "custom_tool_call"))
    n_calls += raw["response_item/local_shell_call"] + raw["response_item/web_search_call"]
    n_outputs = raw["response_item/function_call_output"] + raw["response_item/custom_tool_call_output"]
    assert kinds["tool_call"] == n_calls
    assert kinds["tool_result"] == n_outputs
    assert kinds["reasoning"] == raw["response_item/reasoning"]
    assert kinds["assistant_text"] == roles["assistant"]
    # The redacted fixtures hide the injected-context prefixes, so real user-role messages may land
    # as user_message; developer messages must all be system.
    assert kinds["user_message"] + kinds["system"] == roles["user"] + roles["developer"] + roles["system"]
    assert kinds["system"] >= roles["developer"]


def test_big_real_rollout_has_its_known_calls_and_outputs(run_parser) -> None:
    events = run_parser(FORMAT, [BIG_FILE])["p_events"]
    calls = Counter(events.filter(pl.col("kind") == "tool_call")["tool_name"].to_list())
    results = Counter(events.filter(pl.col("kind") == "tool_result")["tool_name"].to_list())
    assert calls == {"exec_command": 116, "write_stdin": 2}
    assert results == {"exec_command": 116, "write_stdin": 2}


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name[8:27])
def test_every_real_tool_result_pairs_with_its_call(run_parser, path: Path) -> None:
    events = run_parser(FORMAT, [path])["p_events"]
    calls = events.filter(pl.col("kind") == "tool_call").select(
        pl.col("event_id").alias("parent_event_id"),
        pl.col("tool_call_id").alias("call_tool_call_id"),
        pl.col("tool_name").alias("call_tool_name"),
    )
    results = events.filter(pl.col("kind") == "tool_result")
    joined = results.join(calls, on="parent_event_id", how="left")
    assert joined["call_tool_call_id"].null_count() == 0
    assert (joined["call_tool_call_id"] == joined["tool_call_id"]).all()
    assert (joined["call_tool_name"] == joined["tool_name"]).all()
    assert results.height == sum(
        1 for r in _records(path) if _record_key(r) == "response_item/function_call_output"
    )


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name[8:27])
def test_real_events_take_the_model_of_the_latest_turn_context(run_parser, path: Path) -> None:
    expected: dict[int, str | None] = {}
    model = None
    for line_no, rec in enumerate(_records(path), start=1):
        if rec["type"] == "turn_context":
            model = rec["payload"]["model"]
        expected[line_no] = model
    out = run_parser(FORMAT, [path])
    events = out["p_events"]
    assert events["model"].null_count() < events.height
    for row in events.iter_rows(named=True):
        assert row["model"] == expected[row["line_no"]], row["line_no"]
    assert out["p_sessions"]["model"][0] == model


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name[8:27])
def test_real_session_tokens_equal_the_final_cumulative_usage(run_parser, path: Path) -> None:
    usage = [
        r["payload"]["info"]
        for r in _records(path)
        if _record_key(r) == "event_msg/token_count" and r["payload"]["info"] is not None
    ]
    distinct = [
        u
        for i, u in enumerate(usage)
        if i == 0 or u["total_token_usage"] != usage[i - 1]["total_token_usage"]
    ]
    want = {
        "input_tokens": sum(u["last_token_usage"]["input_tokens"] for u in distinct),
        "output_tokens": sum(u["last_token_usage"]["output_tokens"] for u in distinct),
        "reasoning_tokens": sum(u["last_token_usage"]["reasoning_output_tokens"] for u in distinct),
    }
    final = usage[-1]["total_token_usage"]
    assert want == {
        "input_tokens": final["input_tokens"],
        "output_tokens": final["output_tokens"],
        "reasoning_tokens": final["reasoning_output_tokens"],
    }

    out = run_parser(FORMAT, [path])
    events = out["p_events"]
    got = {c: events[c].sum() for c in want}
    assert got == want
    charged = events.filter(pl.col("input_tokens").is_not_null())
    assert charged.height == len(distinct)
    assert set(charged["kind"].to_list()) <= {"reasoning", "assistant_text", "tool_call"}
    reasons = Counter(r for a, r in _rejects(out).values())
    assert reasons["token usage (attached to events)"] == len(distinct)
    assert reasons["repeated token_count (same total as the previous one)"] == len(usage) - len(distinct)


def test_real_reasoning_with_summary_is_summary_visibility(run_parser) -> None:
    events = run_parser(FORMAT, [BIG_FILE])["p_events"].filter(pl.col("kind") == "reasoning")
    assert events.height == 26
    assert set(events["reasoning_visibility"].to_list()) == {"summary"}
    assert events["text"].str.starts_with("[REDACTED_TEXT").all()


def test_real_session_attributes_come_from_session_meta(run_parser) -> None:
    s = run_parser(FORMAT, [BIG_FILE])["p_sessions"].row(0, named=True)
    assert s["session_id"] == "019c8a4d-8f45-7010-8b5d-7fad920aa6f9"
    assert (s["agent"], s["agent_version"], s["source_format"]) == (
        "codex",
        "0.104.0-alpha.1",
        "codex_rollout",
    )
    assert (s["cwd"], s["git_branch"], s["model"]) == ("/redacted/path/da0ba47443", "main", "gpt-5.3-codex")
    assert str(s["started_at"]) == "2026-02-23 11:41:04.709000"
    assert str(s["ended_at"]) == "2026-02-23 11:46:43.618000"


# --- edge cases ------------------------------------------------------------------------------


def test_exit_codes_are_read_from_text_headers_json_wrappers_and_arrays(run_parser, tmp_path: Path) -> None:
    wrapped = json.dumps({"output": "ok\n", "metadata": {"exit_code": 2, "duration_seconds": 0.1}})
    patch_ok = json.dumps(
        {"output": "Success. Updated the following files:\nM x.py\n", "metadata": {"exit_code": 0}}
    )
    lines = [
        _meta(),
        _turn("gpt-5.3-codex"),
        _call("c1", "shell_command", json.dumps({"command": "pytest -q", "workdir": "/w"})),  # 3
        _output("c1", "Exit code: 1\nWall time: 2.1 seconds\nOutput:\nFAILED t.py::x"),
        _call("c2", "exec_command", json.dumps({"cmd": "ls"})),  # 5
        _output("c2", "Chunk ID: ab12\nWall time: 0.0100 seconds\nProcess exited with code 0\nOutput:\na\n"),
        _call("c3", "shell", json.dumps({"command": ["bash", "-lc", "make"], "timeout_ms": 1000})),  # 7
        _output("c3", wrapped),
        _call("c4", "mcp__fs__read", "{}"),  # 9
        _output(
            "c4", [{"type": "input_text", "text": "part one"}, {"type": "input_text", "text": "part two"}]
        ),
        _call("c5", "exec_command", json.dumps({"cmd": "cat log"})),  # 11
        _output("c5", "Wall time: 0.2 seconds\nOutput:\nExit code: 7 printed by the program"),
        _line(
            "response_item",
            {
                "type": "custom_tool_call",
                "status": "completed",
                "call_id": "c6",
                "name": "apply_patch",
                "input": "*** Begin Patch\n*** Update File: x.py\n@@\n-a\n+b\n*** End Patch",
            },
        ),  # 13
        _output("c6", patch_ok, item="custom_tool_call_output"),
        _call("c7", "mcp__x__y", "{}"),  # 15
        _output("c7", "{not json, Exit code: 4"),
        _call("c8", "mcp__x__y", "{}"),  # 17
        _output("c8", json.dumps({"output": "kept whole", "exit_code": 1})),
    ]
    out = run_parser(FORMAT, [_write(tmp_path, lines)])
    ev = _by_line(out["p_events"])
    assert (ev[4]["exit_code"], ev[4]["is_error"]) == (1, True)
    assert (ev[6]["exit_code"], ev[6]["is_error"]) == (0, False)
    assert (ev[8]["exit_code"], ev[8]["is_error"], ev[8]["tool_output"]) == (2, True, "ok\n")
    assert (ev[10]["exit_code"], ev[10]["is_error"], ev[10]["tool_output"]) == (
        None,
        None,
        "part one\npart two",
    )
    assert (ev[12]["exit_code"], ev[12]["is_error"]) == (None, None)
    assert (ev[14]["exit_code"], ev[14]["is_error"]) == (0, False)
    assert ev[14]["tool_output"].startswith("Success. Updated")
    assert ev[14]["tool_name"] == "apply_patch" and ev[14]["parent_event_id"] == "L13"
    assert (ev[16]["exit_code"], ev[16]["tool_output"]) == (None, "{not json, Exit code: 4")
    assert (ev[18]["exit_code"], json.loads(ev[18]["tool_output"])) == (
        None,
        {"output": "kept whole", "exit_code": 1},
    )
    assert ev[13]["tool_input"].startswith("*** Begin Patch\n*** Update File: x.py")
    # Arguments stay the JSON text the model wrote, whatever the tool's argument shape.
    assert json.loads(ev[3]["tool_input"]) == {"command": "pytest -q", "workdir": "/w"}
    assert json.loads(ev[5]["tool_input"]) == {"cmd": "ls"}
    assert json.loads(ev[7]["tool_input"])["command"] == ["bash", "-lc", "make"]
    assert [ev[n]["tool_name"] for n in (4, 6, 8, 10)] == [
        "shell_command",
        "exec_command",
        "shell",
        "mcp__fs__read",
    ]
    assert [ev[n]["parent_event_id"] for n in (4, 6, 8, 10)] == ["L3", "L5", "L7", "L9"]


def test_reasoning_visibility_follows_what_the_record_carries(run_parser, tmp_path: Path) -> None:
    def reasoning(summary: list[str], content: list[str] | None, encrypted: str | None) -> str:
        return _line(
            "response_item",
            {
                "type": "reasoning",
                "summary": [{"type": "summary_text", "text": t} for t in summary],
                "content": None
                if content is None
                else [{"type": "reasoning_text", "text": t} for t in content],
                "encrypted_content": encrypted,
            },
        )

    lines = [
        _meta(),
        reasoning(["**Plan**", "Run the tests."], None, "gAAAA"),  # 2
        reasoning([], None, "gAAAAblob"),  # 3
        reasoning([], None, None),  # 4
        reasoning(["**Sum**"], ["raw thought one", "raw thought two"], None),  # 5
        reasoning([""], None, ""),  # 6
    ]
    ev = _by_line(run_parser(FORMAT, [_write(tmp_path, lines)])["p_events"])
    assert (ev[2]["reasoning_visibility"], ev[2]["text"]) == ("summary", "**Plan**\n\nRun the tests.")
    assert (ev[3]["reasoning_visibility"], ev[3]["text"]) == ("encrypted", None)
    assert (ev[4]["reasoning_visibility"], ev[4]["text"]) == ("empty", None)
    assert (ev[5]["reasoning_visibility"], ev[5]["text"]) == ("plain", "raw thought one\n\nraw thought two")
    assert (ev[6]["reasoning_visibility"], ev[6]["text"]) == ("empty", None)
    assert {ev[n]["kind"] for n in ev} == {"reasoning"}


def test_injected_context_and_developer_messages_are_system(run_parser, tmp_path: Path) -> None:
    lines = [
        _meta(),
        _msg("developer", "<permissions instructions>sandboxed</permissions instructions>"),  # 2
        _msg("user", "# AGENTS.md instructions for /home/u/proj\n\n<INSTRUCTIONS>be nice</INSTRUCTIONS>"),
        _msg("user", "<environment_context>\n  <cwd>/home/u/proj</cwd>\n</environment_context>"),  # 4
        _msg("user", "<user_instructions>always test</user_instructions>"),
        _msg("user", "  <INSTRUCTIONS>x</INSTRUCTIONS>"),  # 6
        _msg("user", "fix the failing test in <environment_context> please"),
        _msg("assistant", "Fixed."),  # 8
        _msg("system", "policy"),
    ]
    ev = _by_line(run_parser(FORMAT, [_write(tmp_path, lines)])["p_events"])
    assert [(ev[n]["kind"], ev[n]["role"]) for n in range(2, 7)] == [("system", "system")] * 5
    assert (ev[7]["kind"], ev[7]["role"]) == ("user_message", "user")
    assert (ev[8]["kind"], ev[8]["role"], ev[8]["text"]) == ("assistant_text", "assistant", "Fixed.")
    assert (ev[9]["kind"], ev[9]["role"]) == ("system", "system")


def test_models_change_with_turn_context_and_session_takes_the_last(run_parser, tmp_path: Path) -> None:
    lines = [
        _meta(),
        _msg("user", "hi"),  # 2: before any turn_context
        _turn("gpt-5.2-codex"),
        _msg("assistant", "a"),  # 4
        _turn("gpt-5.3-codex"),
        _msg("assistant", "b"),  # 6
        _call("c1", "exec_command", "{}"),
        _output("c1", "Process exited with code 0\nOutput:\n"),  # 8
    ]
    out = run_parser(FORMAT, [_write(tmp_path, lines)])
    ev = _by_line(out["p_events"])
    assert [ev[n]["model"] for n in (2, 4, 6, 7, 8)] == [
        None,
        "gpt-5.2-codex",
        "gpt-5.3-codex",
        "gpt-5.3-codex",
        "gpt-5.3-codex",
    ]
    assert out["p_sessions"]["model"][0] == "gpt-5.3-codex"


def test_token_usage_is_charged_once_per_model_call(run_parser, tmp_path: Path) -> None:
    lines = [
        _meta(),
        _turn("m"),
        _tokens(1, 1, 1, 100),  # 3: before any model output -> first model output of the session
        _line("response_item", {"type": "reasoning", "summary": [], "encrypted_content": "x"}),  # 4
        _call("c1", "exec_command", "{}"),  # 5
        _tokens(10, 2, 1, 113),  # 6 -> line 5
        _output("c1", "Process exited with code 0\nOutput:\n"),
        _turn("m"),
        _tokens(10, 2, 1, 113),  # 9: repeat of line 6
        _msg("assistant", "done"),  # 10
        _tokens(20, 4, 0, 137),  # 11 -> line 10
        _tokens(5, 5, 5, 152),  # 12: no new output -> line 10 again
        _line("event_msg", {"type": "token_count", "info": None, "rate_limits": {"primary": None}}),
    ]
    out = run_parser(FORMAT, [_write(tmp_path, lines)])
    ev = _by_line(out["p_events"])
    assert (ev[4]["input_tokens"], ev[4]["output_tokens"], ev[4]["reasoning_tokens"]) == (1, 1, 1)
    assert (ev[5]["input_tokens"], ev[5]["output_tokens"], ev[5]["reasoning_tokens"]) == (10, 2, 1)
    assert (ev[10]["input_tokens"], ev[10]["output_tokens"], ev[10]["reasoning_tokens"]) == (25, 9, 5)
    assert ev[7]["input_tokens"] is None
    assert out["p_events"]["input_tokens"].sum() == 1 + 10 + 20 + 5
    rej = _rejects(out)
    assert rej[9] == ("skip", "repeated token_count (same total as the previous one)")
    assert rej[13] == ("skip", "rate-limit only token_count")
    assert {rej[n] for n in (3, 6, 11, 12)} == {("skip", "token usage (attached to events)")}


def test_token_count_in_a_session_without_model_output_is_skipped_with_reason(run_parser, tmp_path) -> None:
    out = run_parser(FORMAT, [_write(tmp_path, [_meta(), _msg("user", "hi"), _tokens(3, 0, 0, 3)])])
    assert _rejects(out)[3] == ("skip", "token usage with no model output in the session to attach to")
    assert out["p_events"]["input_tokens"].null_count() == 1


def test_token_count_with_totals_only_is_a_counted_skip_not_a_quarantine(run_parser, tmp_path) -> None:
    """Some Codex builds write token_count with `total_token_usage` alone (seen in independently
    written dev sessions): no per-call usage to attach, but nothing broken either."""
    totals_only = _line(
        "event_msg",
        {
            "type": "token_count",
            "info": {"total_token_usage": {"input_tokens": 2482, "cached_input_tokens": 0, "output_tokens": 249,
                                           "reasoning_output_tokens": 62, "total_tokens": 0}},
        },
    )  # fmt: skip
    out = run_parser(
        FORMAT, [_write(tmp_path, [_meta(), _msg("user", "hi"), totals_only, _msg("assistant", "ok")])]
    )
    rej = _rejects(out)
    assert rej[3] == ("skip", "token_count with totals only (no last_token_usage to attach)")
    assert all(kind != "quarantine" for kind, _ in rej.values())


def test_other_items_and_event_msgs(run_parser, tmp_path: Path) -> None:
    lines = [
        _meta(forked_from_id="019bffff-0000-7000-8000-000000000000"),
        _line(
            "response_item",
            {
                "type": "local_shell_call",
                "call_id": "ls1",
                "status": "completed",
                "action": {"type": "exec", "command": ["ls", "-la"], "working_directory": "/w"},
            },
        ),  # 2
        _output("ls1", "Exit code: 0\nOutput:\nfile"),  # 3
        _line(
            "response_item",
            {
                "type": "web_search_call",
                "status": "completed",
                "action": {"type": "search", "query": "duckdb asof"},
            },
        ),  # 4
        _line(
            "compacted", {"message": "", "replacement_history": [json.loads(_msg("user", "old"))["payload"]]}
        ),
        _line("response_item", {"type": "ghost_snapshot", "ghost_commit": {"id": "abc"}}),  # 6
        _line("event_msg", {"type": "user_message", "message": "hi"}),
        _line("event_msg", {"type": "agent_message", "message": "hello"}),  # 8
        _line("event_msg", {"type": "agent_reasoning", "text": "**x**"}),
        _line("event_msg", {"type": "task_started", "turn_id": "t"}),  # 10
        _line("event_msg", {"type": "turn_aborted", "reason": "interrupted"}),
        _line("event_msg", {"type": "context_compacted"}),  # 12
        _line("future_kind", {"x": 1}),
        _line("response_item", {"type": "image_generation_call", "id": "i"}),  # 14
        _line("session_meta", {"id": "019bffff-0000-7000-8000-000000000000", "cwd": "/old"}),
    ]
    out = run_parser(FORMAT, [_write(tmp_path, lines)])
    ev = _by_line(out["p_events"])
    assert (ev[2]["kind"], ev[2]["tool_name"], ev[2]["tool_call_id"]) == ("tool_call", "local_shell", "ls1")
    assert json.loads(ev[2]["tool_input"])["command"] == ["ls", "-la"]
    assert (ev[3]["tool_name"], ev[3]["exit_code"], ev[3]["parent_event_id"]) == ("local_shell", 0, "L2")
    assert (ev[4]["kind"], ev[4]["tool_name"]) == ("tool_call", "web_search")
    assert json.loads(ev[4]["tool_input"]) == {"type": "search", "query": "duckdb asof"}
    assert (ev[5]["kind"], ev[5]["role"], ev[5]["text"]) == ("system", "system", "compacted")
    assert sorted(ev) == [2, 3, 4, 5]
    rej = _rejects(out)
    assert rej[1] == ("skip", "session metadata")
    assert rej[6] == ("skip", "ghost_snapshot (git snapshot, no conversation)")
    assert rej[7] == ("skip", "duplicate of a response_item message (event_msg: user_message)")
    assert rej[8] == ("skip", "duplicate of a response_item message (event_msg: agent_message)")
    assert rej[9] == ("skip", "duplicate of a response_item reasoning (event_msg: agent_reasoning)")
    assert rej[10] == ("skip", "event_msg: task_started")
    assert rej[11] == ("skip", "event_msg: turn_aborted")
    assert rej[12] == ("skip", "event_msg: context_compacted")
    assert rej[13] == ("skip", "unknown record type: future_kind")
    assert rej[14] == ("skip", "unknown response_item type: image_generation_call")
    assert rej[15] == ("skip", "additional session_meta in file (history of another session)")
    sess = out["p_sessions"].row(0, named=True)
    assert (sess["session_id"], sess["cwd"], sess["git_branch"]) == (SID, "/home/u/proj", "feature/x")
    assert sess["parent_session_id"] == "019bffff-0000-7000-8000-000000000000"


def test_broken_records_are_quarantined_naming_the_field(run_parser, tmp_path: Path) -> None:
    lines = [
        _meta(),
        '{"timestamp":"2026-03-01T10:00:00Z","type":"response_item","payload":{"type":"mess',  # 2
        "[1, 2]",
        _line("response_item", "not an object"),  # 4
        _call("c1", "exec_command", {"cmd": "ls"}),
        _output("c1", {"text": "x"}),  # 6
        _line("response_item", {"type": "reasoning", "summary": "oops", "encrypted_content": None}),
        json.dumps({"timestamp": TS, "payload": {}}),  # 8
        _line("response_item", {"type": "message", "role": "robot", "content": []}),
        _line("response_item", {"type": "message", "role": "user", "content": "plain"}),  # 10
        _msg("user", "x").replace(TS, "yesterday"),
        _line(
            "response_item",
            {"type": "custom_tool_call", "call_id": "p", "name": "apply_patch", "input": ["a"]},
        ),
        _line("response_item", {"type": "function_call_output", "output": "x"}),  # 13
        _line("event_msg", {"type": "token_count", "info": {"last_token_usage": {"input_tokens": "9"}}}),
        _line("response_item", {"summary": []}),  # 15
        _line("session_meta", {"id": "", "cwd": "/x"}),
        _line("response_item", None),  # 17
    ]
    out = run_parser(FORMAT, [_write(tmp_path, lines)])
    rej = _rejects(out)
    assert rej[2] == ("quarantine", "invalid JSON (truncated or malformed record)")
    assert rej[3] == ("quarantine", "wrong shape: expected a JSON object, got array")
    assert rej[4] == ("quarantine", "wrong type: field payload is varchar, expected object")
    assert rej[5] == ("quarantine", "wrong type: field payload.arguments is object, expected varchar")
    assert rej[6] == ("quarantine", "wrong type: field payload.output is object, expected varchar or array")
    assert rej[7] == ("quarantine", "wrong type: field payload.summary is varchar, expected array")
    assert rej[8] == ("quarantine", "missing field type")
    assert rej[9] == ("quarantine", "unknown message role robot")
    assert rej[10] == ("quarantine", "wrong type: field payload.content is varchar, expected array")
    assert rej[11] == ("quarantine", "unreadable timestamp in field timestamp: yesterday")
    assert rej[12] == ("quarantine", "wrong type: field payload.input is array, expected varchar")
    assert rej[13] == ("quarantine", "missing field payload.call_id")
    assert rej[14] == (
        "quarantine",
        "wrong type: field payload.info.last_token_usage.input_tokens is varchar, expected bigint or ubigint",
    )
    assert rej[15] == ("quarantine", "missing field payload.type")
    assert rej[16] == ("quarantine", "missing field payload.id")
    assert rej[17] == ("quarantine", "missing field payload")
    assert Counter(out["outcomes"]["outcome"].to_list()) == {"quarantine": 16, "skip": 1}


def test_lines_before_session_meta_use_the_rollout_uuid_from_the_file_name(run_parser, tmp_path) -> None:
    lines = [_msg("user", "early"), _tokens(1, 1, 0, 2), _meta(), _msg("assistant", "late")]
    out = run_parser(FORMAT, [_write(tmp_path, lines)])
    ev = _by_line(out["p_events"])
    assert ev[1]["session_id"] == ev[4]["session_id"] == SID
    assert out["p_sessions"]["session_id"].to_list() == [SID]
    assert ev[4]["input_tokens"] == 1  # the early token_count goes to the session's first model output


def test_lines_before_session_meta_without_uuid_in_name_are_quarantined(run_parser, tmp_path) -> None:
    lines = [
        _msg("user", "early"),
        _line("event_msg", {"type": "task_started"}),
        _meta(),
        _msg("user", "late"),
    ]
    out = run_parser(FORMAT, [_write(tmp_path, lines, name="session.jsonl")])
    rej = _rejects(out)
    assert rej[1] == ("quarantine", "no session_meta before this record")
    assert rej[2] == ("skip", "event_msg: task_started")
    assert _by_line(out["p_events"])[4]["session_id"] == SID


def test_file_without_session_meta_lands_under_its_rollout_uuid(run_parser, tmp_path) -> None:
    out = run_parser(FORMAT, [_write(tmp_path, [_turn("m"), _msg("user", "hi"), _msg("assistant", "yo")])])
    assert out["p_events"]["session_id"].unique().to_list() == [SID]
    s = out["p_sessions"].row(0, named=True)
    assert (s["session_id"], s["agent"], s["agent_version"], s["model"], s["cwd"]) == (
        SID,
        "codex",
        None,
        "m",
        "/home/u/proj",
    )


def test_two_rollouts_in_one_batch_stay_separate_sessions(run_parser, tmp_path: Path) -> None:
    other = "019c1111-aaaa-7bbb-8ccc-0123456789ab"
    a = _write(tmp_path, [_meta(), _call("same", "exec_command", "{}"), _output("same", "Exit code: 3")])
    b = _write(
        tmp_path,
        [_meta(other), _call("same", "shell", "{}"), _output("same", "Exit code: 0")],
        name=f"rollout-2026-03-01T11-00-00-{other}.jsonl",
    )
    events = run_parser(FORMAT, [a, b])["p_events"].filter(pl.col("kind") == "tool_result")
    got = {r["session_id"]: (r["tool_name"], r["exit_code"]) for r in events.iter_rows(named=True)}
    assert got == {SID: ("exec_command", 3), other: ("shell", 0)}


# --- fidelity fixes (#17) ---------------------------------------------------------------------


def test_codex_040_sandbox_failures_and_refusals_are_errors(run_parser, tmp_path: Path) -> None:
    """Outputs as Codex 0.40-era CLIs wrote them (codex-rs SandboxErr::Denied through the "failed in
    sandbox" wrapper, and the apply_patch / exec approval refusals): no "Exit code:" header."""
    denied = (
        "failed in sandbox MacosSeatbelt with execution error: sandbox denied exec error, exit code: 2, "
        "stdout: , stderr: ls: /private/var/db: Operation not permitted\n"
    )
    lines = [
        _meta(cli_version="0.40.0"),
        _call("c1", "shell", json.dumps({"command": ["bash", "-lc", "ls /private/var/db"]})),
        _output("c1", denied),
        _call("c2", "shell", json.dumps({"command": ["apply_patch", "*** Begin Patch\n*** End Patch"]})),
        _output("c2", "patch rejected by user"),
        _call("c3", "shell", json.dumps({"command": ["bash", "-lc", "rm -rf build"]})),
        _output("c3", "exec command rejected by user"),
        _call("c4", "shell", json.dumps({"command": ["bash", "-lc", "true"]})),
        _output("c4", json.dumps({"output": "", "metadata": {"exit_code": 0, "duration_seconds": 0.1}})),
    ]
    events = run_parser(FORMAT, [_write(tmp_path, lines)])["p_events"]
    results = events.filter(pl.col("kind") == "tool_result").sort("line_no")

    assert results["exit_code"].to_list() == [2, None, None, 0]
    assert results["is_error"].to_list() == [True, True, True, False]


def test_cached_input_is_part_of_input_and_reported_beside_it(run_parser) -> None:
    """Codex's input_tokens already counts cached input: it stays, and the cached part is kept."""
    events = run_parser(FORMAT, [BIG_FILE])["p_events"]
    last: dict[str, Any] = {}
    for rec in _records(BIG_FILE):
        info = rec["payload"].get("info") if rec["type"] == "event_msg" else None
        if info:
            last = info["total_token_usage"]
    assert events["input_tokens"].sum() == last["input_tokens"]
    assert events["cached_input_tokens"].sum() == last["cached_input_tokens"] > 0
    assert events["cache_creation_input_tokens"].null_count() == events.height
