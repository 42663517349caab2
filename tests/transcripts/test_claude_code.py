"""The Claude Code JSONL parser, on the real fasthooks transcripts and on hand-written edge cases."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from pipelines.transcripts.claude_code import FORMAT

REAL = Path(__file__).parents[1] / "fixtures" / "real" / "claude_code"
MAIN = REAL / "sample_main_transcript.jsonl"
SIDECHAIN = REAL / "sample_agent_sidechain.jsonl"
MAIN_SESSION = "c45af7b1-cb7c-4e51-93db-8cbb250a877a"

# Record-type counts of the main transcript, from ../shared/reference/transcript-formats.md.
REFERENCE_COUNTS = {
    ("assistant", "thinking"): 12,
    ("assistant", "tool_use"): 10,
    ("assistant", "text"): 6,
    ("user", "tool_result"): 10,
    ("user", "string"): 9,
    ("file-history-snapshot", None): 10,
    ("system", "stop_hook_summary"): 5,
    ("system", "compact_boundary"): 1,
}


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _record_type_counts(path: Path) -> Counter[tuple[str, str | None]]:
    counts: Counter[tuple[str, str | None]] = Counter()
    for r in _records(path):
        if r["type"] in ("user", "assistant"):
            content = r["message"]["content"]
            if isinstance(content, str):
                counts[(r["type"], "string")] += 1
            else:
                counts.update((r["type"], b["type"]) for b in content)
        else:
            counts[(r["type"], r.get("subtype"))] += 1
    return counts


# --- hand-written records -------------------------------------------------------------------------

SESSION = "s-edge"
TS = "2026-03-01T10:00:00.000Z"


def envelope(rtype: str, uuid: str, parent: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "parentUuid": parent,
        "isSidechain": False,
        "userType": "external",
        "cwd": "/repo",
        "sessionId": SESSION,
        "version": "2.1.70",
        "gitBranch": "main",
        "type": rtype,
        "uuid": uuid,
        "timestamp": TS,
        **extra,
    }


def user(uuid: str, content: Any, parent: str | None = None, **extra: Any) -> dict[str, Any]:
    return envelope("user", uuid, parent, message={"role": "user", "content": content}, **extra)


def assistant(
    uuid: str,
    blocks: list[dict[str, Any]],
    msg_id: str = "msg_1",
    request_id: str = "req_1",
    parent: str | None = None,
    usage: dict[str, Any] | None = None,
    model: str = "claude-opus-4-6",
) -> dict[str, Any]:
    message = {
        "model": model,
        "id": msg_id,
        "type": "message",
        "role": "assistant",
        "content": blocks,
        "stop_reason": None,
        "usage": usage if usage is not None else {"input_tokens": 10, "output_tokens": 5},
    }
    return envelope("assistant", uuid, parent, message=message, requestId=request_id)


def write_jsonl(path: Path, records: list[Any]) -> Path:
    """Records are dicts (dumped as compact JSON) or raw strings written as they are."""
    lines = [r if isinstance(r, str) else json.dumps(r, separators=(",", ":")) for r in records]
    path.write_text("\n".join(lines) + "\n")
    return path


def reasons(out: dict[str, pl.DataFrame], action: str) -> dict[int, str]:
    rejects = out["p_rejects"].filter(pl.col("action") == action)
    return dict(zip(rejects["line_no"].to_list(), rejects["reason"].to_list(), strict=True))


def assert_conserved(out: dict[str, pl.DataFrame]) -> None:
    """Every line either landed or has a reject row: nothing left to landing's parser-gap bucket."""
    assert out["outcomes"].filter(pl.col("outcome") == "gap").height == 0, out["outcomes"]


# --- real transcripts -----------------------------------------------------------------------------


def test_real_transcripts_land_every_line_with_nothing_quarantined(run_parser):
    out = run_parser(FORMAT, [MAIN, SIDECHAIN])

    assert_conserved(out)
    outcomes = Counter(out["outcomes"]["outcome"].to_list())
    assert outcomes == {"landed": 63 - 10 + 2, "skip": 10}
    assert reasons(out, "quarantine") == {}
    assert set(reasons(out, "skip").values()) == {"non-conversation record: file-history-snapshot"}


def test_real_main_transcript_events_match_reference_record_type_counts(run_parser):
    assert _record_type_counts(MAIN) == REFERENCE_COUNTS
    events = run_parser(FORMAT, [MAIN])["p_events"]

    kinds = Counter(events["kind"].to_list())
    assert kinds["reasoning"] == 12
    assert kinds["tool_call"] == 10
    assert kinds["assistant_text"] == 6
    assert kinds["tool_result"] == 10
    # 9 user string lines: 5 prompts, plus 4 CLI lines (compact summary, Caveat, <command-name>,
    # <local-command-stdout>) that are system events; plus the 6 system records.
    assert kinds["user_message"] == 5
    assert kinds["system"] == 4 + 5 + 1
    assert events.height == 12 + 10 + 6 + 10 + 9 + 6
    assert (events.filter(pl.col("kind") == "reasoning")["reasoning_visibility"] == "plain").all()
    assert (events.filter(pl.col("kind") != "reasoning")["reasoning_visibility"] == "none").all()
    assert events["model"].drop_nulls().unique().to_list() == ["claude-haiku-4-5-20251001"]


def test_real_event_ids_and_parents_follow_the_uuid_chain(run_parser):
    events = run_parser(FORMAT, [MAIN])["p_events"].sort("line_no")
    by_line = {r["uuid"]: r for r in _records(MAIN) if "uuid" in r}

    assert set(events["event_id"]) <= set(by_line)
    for e in events.iter_rows(named=True):
        assert e["parent_event_id"] == by_line[e["event_id"]]["parentUuid"]
    # Every parent that names a line of the file names an event, so the tree stays connected.
    parents = set(events["parent_event_id"].drop_nulls())
    assert parents <= set(events["event_id"])
    assert events["ts"].null_count() == 0
    assert str(events["ts"][0]) == "2026-01-02 19:18:31.028000"


def test_every_real_tool_call_pairs_with_one_tool_result_of_the_same_tool(run_parser):
    events = run_parser(FORMAT, [MAIN])["p_events"]
    calls = events.filter(pl.col("kind") == "tool_call").select("tool_call_id", "tool_name", "tool_input")
    results = events.filter(pl.col("kind") == "tool_result").select(
        "tool_call_id", pl.col("tool_name").alias("result_tool_name"), "role"
    )

    assert calls.height == 10 and calls["tool_call_id"].n_unique() == 10
    paired = calls.join(results, on="tool_call_id", how="full", coalesce=True)
    assert paired.height == 10
    assert paired["result_tool_name"].to_list() == paired["tool_name"].to_list()
    assert (paired["role"] == "tool").all()
    assert Counter(calls["tool_name"].to_list()) == {"Bash": 5, "Write": 3, "Read": 2}
    commands = {json.loads(i)["command"] for i in calls.filter(pl.col("tool_name") == "Bash")["tool_input"]}
    assert commands == {
        "ls -la",
        "cat nonexistent.txt",
        "python /workspace/number_generator.py",
        "python3 /workspace/number_generator.py",
        "ls -lh /workspace/*.txt /workspace/number_generator.py",
    }


def test_exit_codes_are_parsed_from_bash_results(run_parser):
    events = run_parser(FORMAT, [MAIN])["p_events"].filter(pl.col("kind") == "tool_result")

    failed = events.filter(pl.col("is_error"))
    assert sorted(failed["exit_code"].to_list()) == [1, 127]
    assert failed["tool_output"].str.starts_with("Exit code").all()
    bash_ok = events.filter((pl.col("tool_name") == "Bash") & ~pl.col("is_error"))
    assert bash_ok.height == 3 and bash_ok["exit_code"].to_list() == [0, 0, 0]
    # Write and Read results have no shell output: no exit code to claim.
    others = events.filter(pl.col("tool_name") != "Bash")
    assert others.height == 5 and others["exit_code"].null_count() == 5


def test_usage_is_counted_once_per_api_response(run_parser):
    events = run_parser(FORMAT, [MAIN])["p_events"]

    # Ground truth from the raw file: per message id, the final (largest) output count.
    # input_tokens is all input (#17): Anthropic's uncached input_tokens plus cache reads and writes.
    per_message: dict[str, int] = {}
    input_per_message: dict[str, int] = {}
    cached_per_message: dict[str, int] = {}
    created_per_message: dict[str, int] = {}
    for r in _records(MAIN):
        if r["type"] == "assistant":
            mid, usage = r["message"]["id"], r["message"]["usage"]
            per_message[mid] = max(per_message.get(mid, 0), usage["output_tokens"])
            read, created = usage["cache_read_input_tokens"], usage["cache_creation_input_tokens"]
            every = usage["input_tokens"] + read + created
            input_per_message[mid] = max(input_per_message.get(mid, 0), every)
            cached_per_message[mid] = max(cached_per_message.get(mid, 0), read)
            created_per_message[mid] = max(created_per_message.get(mid, 0), created)
    assert len(per_message) == 12

    assert events["output_tokens"].sum() == sum(per_message.values()) == 1480
    assert events["input_tokens"].sum() == sum(input_per_message.values()) == 231864
    assert events["cached_input_tokens"].sum() == sum(cached_per_message.values())
    assert events["cache_creation_input_tokens"].sum() == sum(created_per_message.values())
    assert sum(cached_per_message.values()) > 0 and sum(created_per_message.values()) > 0
    assert events["output_tokens"].drop_nulls().len() == 12
    assert events["reasoning_tokens"].null_count() == events.height
    # Every response starts with a thinking line in this file: that event carries the usage.
    tokened = events.filter(pl.col("output_tokens").is_not_null())
    assert (tokened["kind"] == "reasoning").all()


def test_subagent_file_is_a_child_session_of_its_main_session(run_parser):
    out = run_parser(FORMAT, [MAIN, SIDECHAIN])
    sessions = {r["session_id"]: r for r in out["p_sessions"].iter_rows(named=True)}

    child_id = f"{MAIN_SESSION}:af1ff21"
    assert set(sessions) == {MAIN_SESSION, child_id}
    assert sessions[child_id]["parent_session_id"] == MAIN_SESSION
    assert sessions[MAIN_SESSION]["parent_session_id"] is None
    assert sessions[child_id]["file_id"] == SIDECHAIN.name
    child_events = out["p_events"].filter(pl.col("session_id") == child_id).sort("line_no")
    assert child_events["kind"].to_list() == ["user_message", "assistant_text"]
    assert child_events["output_tokens"].to_list() == [None, 152]


def test_session_attributes_come_from_the_envelope(run_parser):
    sessions = run_parser(FORMAT, [MAIN])["p_sessions"]

    assert sessions.height == 1
    s = sessions.row(0, named=True)
    assert s["session_id"] == MAIN_SESSION
    assert s["source_format"] == "claude_code_jsonl"
    assert s["agent"] == "claude_code"
    assert s["agent_version"] == "2.0.76"
    assert s["model"] == "claude-haiku-4-5-20251001"
    assert s["cwd"] == "/workspace"
    assert s["git_branch"] is None  # the file has gitBranch ""
    assert str(s["started_at"]) == "2026-01-02 19:18:31.028000"
    assert s["ended_at"] > s["started_at"]


def test_compaction_becomes_system_events_not_a_user_prompt(run_parser):
    events = run_parser(FORMAT, [MAIN])["p_events"].sort("line_no")
    tail = events.filter(pl.col("line_no") >= 59)

    assert tail["kind"].to_list() == ["system"] * 5
    assert tail["role"].to_list() == ["system"] * 5
    assert tail["text"][0] == "Conversation compacted"
    assert tail["parent_event_id"][0] is None
    assert tail["text"][1].startswith("This session is being continued")
    assert events.filter(pl.col("line_no") == 8)["text"].to_list() == ["stop_hook_summary"]


def test_repeated_sessions_keep_usage_and_pairing_per_session(run_parser, tmp_path):
    """The same message and tool ids in different sessions must not merge across sessions."""
    text = MAIN.read_text()
    copies = [text.replace(MAIN_SESSION, f"session-{i}") for i in range(5)]
    big = tmp_path / "repeated.jsonl"
    big.write_text("".join(copies))

    out = run_parser(FORMAT, [big])
    events = out["p_events"]
    assert reasons(out, "quarantine") == {}
    assert out["p_sessions"].height == 5
    per_session = events.group_by("session_id").agg(
        pl.len().alias("n"),
        pl.col("output_tokens").sum().alias("out"),
        pl.col("tool_name").filter(pl.col("kind") == "tool_result").null_count().alias("unpaired"),
    )
    assert per_session["n"].to_list() == [53] * 5
    assert per_session["out"].to_list() == [1480] * 5
    assert per_session["unpaired"].to_list() == [0] * 5


# --- edge cases -----------------------------------------------------------------------------------


def test_empty_thinking_with_only_a_signature_is_empty_reasoning(run_parser, tmp_path):
    path = write_jsonl(
        tmp_path / "t.jsonl",
        [assistant("a1", [{"type": "thinking", "thinking": "", "signature": "EpcDCkYIBxgCKkD"}])],
    )
    events = run_parser(FORMAT, [path])["p_events"]

    assert events.select("kind", "role", "reasoning_visibility").rows() == [
        ("reasoning", "assistant", "empty")
    ]
    assert events["output_tokens"].to_list() == [5]


def test_redacted_thinking_is_encrypted_reasoning(run_parser, tmp_path):
    path = write_jsonl(
        tmp_path / "t.jsonl",
        [
            assistant(
                "a1",
                [
                    {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix/LafPsn4a"},
                    {"type": "text", "text": "Here is the fix."},
                ],
            )
        ],
    )
    events = run_parser(FORMAT, [path])["p_events"].sort("sub_index")

    assert events.select("kind", "reasoning_visibility", "text", "event_id").rows() == [
        ("reasoning", "encrypted", None, "a1"),
        ("assistant_text", "none", "Here is the fix.", "a1:1"),
    ]
    assert events["output_tokens"].to_list() == [5, None]


def test_truncated_line_is_quarantined_and_the_others_land(run_parser, tmp_path):
    good = user("u1", "fix the bug")
    truncated = json.dumps(user("u2", "and the tests"))[:-25]
    path = write_jsonl(tmp_path / "t.jsonl", [good, truncated, user("u3", "thanks", parent="u1")])
    out = run_parser(FORMAT, [path])

    assert_conserved(out)
    assert reasons(out, "quarantine") == {2: "invalid JSON (truncated or malformed record)"}
    assert out["p_events"]["event_id"].to_list() == ["u1", "u3"]


def test_json_that_is_not_an_object_is_quarantined(run_parser, tmp_path):
    path = write_jsonl(tmp_path / "t.jsonl", ["[1, 2]", '"text"', user("u1", "hi")])
    out = run_parser(FORMAT, [path])

    assert reasons(out, "quarantine") == {
        1: "wrong shape: expected a JSON object, got array",
        2: "wrong shape: expected a JSON object, got varchar",
    }


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (
            {**user("u1", "hi"), "message": "hi"},
            "wrong type: field message is varchar, expected object",
        ),
        (
            user("u1", 42),
            "wrong type: field message.content is ubigint, expected varchar or array",
        ),
        (
            {**user("u1", "hi"), "timestamp": 1767380000},
            "wrong type: field timestamp is ubigint, expected varchar",
        ),
        (
            assistant("a1", [{"type": "text", "text": "x"}], usage={"input_tokens": 1, "output_tokens": "5"}),
            "wrong type: field message.usage.output_tokens is varchar, expected bigint or ubigint or double",
        ),
        (
            {**user("u1", "hi"), "isSidechain": "yes"},
            "wrong type: field isSidechain is varchar, expected boolean",
        ),
        (
            {**user("u1", "hi"), "sessionId": 7},
            "wrong type: field sessionId is ubigint, expected varchar",
        ),
        (
            {**user("u1", "hi"), "type": ["user"]},
            "wrong type: field type is array, expected varchar",
        ),
        (
            user("u1", [{"type": "tool_result", "tool_use_id": "t1", "content": "ok", "is_error": "no"}]),
            "wrong type: field message.content[0].is_error is varchar, expected boolean",
        ),
        (
            user("u1", [{"type": "text", "text": "a"}, "loose string"]),
            "wrong type: field message.content[1] is varchar, expected object",
        ),
        (
            user("u1", [{"type": "tool_result", "tool_use_id": "t1", "content": {"text": "x"}}]),
            "wrong type: field message.content[0].content is object, expected varchar or array",
        ),
        (
            assistant("a1", [{"type": "thinking", "thinking": ["x"]}]),
            "wrong type: field message.content[0].thinking is array, expected varchar",
        ),
        (assistant("a1", [{"text": "no type"}]), "missing field message.content[0].type"),
        ({**user("u1", "hi"), "sessionId": None}, "missing field sessionId"),
        ({k: v for k, v in user("u1", "hi").items() if k != "sessionId"}, "missing field sessionId"),
        ({k: v for k, v in user("u1", "hi").items() if k != "message"}, "missing field message"),
        ({**user("u1", "hi"), "message": {"role": "user"}}, "missing field message.content"),
        (user("u1", None), "missing field message.content"),
        ({**user("u1", "hi"), "message": None}, "missing field message"),
        ({"uuid": "x", "sessionId": SESSION}, "missing field type"),
        (
            {**user("u1", "hi"), "timestamp": "yesterday"},
            "unreadable timestamp in field timestamp: yesterday",
        ),
    ],
)
def test_broken_records_are_quarantined_with_a_reason_naming_the_field(run_parser, tmp_path, record, reason):
    path = write_jsonl(tmp_path / "t.jsonl", [record, user("ok", "still lands")])
    out = run_parser(FORMAT, [path])

    assert_conserved(out)
    assert reasons(out, "quarantine") == {1: reason}
    assert out["p_events"]["event_id"].to_list() == ["ok"]


def test_user_text_blocks_become_user_messages_with_per_block_ids(run_parser, tmp_path):
    path = write_jsonl(
        tmp_path / "t.jsonl",
        [
            user(
                "u1",
                [
                    {"type": "text", "text": "look at this screenshot"},
                    {
                        "type": "image",
                        "source": {"type": "base64", "media_type": "image/png", "data": "iVBO"},
                    },
                    {"type": "text", "text": "and fix the layout"},
                ],
            ),
            user("u2", [{"type": "text", "text": "<command-name>/clear</command-name>"}], parent="u1"),
        ],
    )
    events = run_parser(FORMAT, [path])["p_events"].sort("line_no", "sub_index")

    assert events.select("event_id", "kind", "role", "text", "sub_index").rows() == [
        ("u1", "user_message", "user", "look at this screenshot", 0),
        ("u1:2", "user_message", "user", "and fix the layout", 2),
        ("u2", "system", "system", "<command-name>/clear</command-name>", 0),
    ]
    assert events["parent_event_id"].to_list() == [None, None, "u1"]


def test_meta_user_lines_are_system_events(run_parser, tmp_path):
    path = write_jsonl(
        tmp_path / "t.jsonl",
        [
            user("u1", "Caveat: The messages below were generated by the user while running local commands."),
            user("u2", "<local-command-stdout>done</local-command-stdout>"),
            user("u3", "Base directory for this skill: /x", isMeta=True),
            user("u4", "This session is being continued from a previous conversation", isCompactSummary=True),
            user("u5", "Explain what Caveat: means in this file"),
        ],
    )
    events = run_parser(FORMAT, [path])["p_events"].sort("line_no")

    assert events["kind"].to_list() == ["system"] * 4 + ["user_message"]
    assert events["role"].to_list() == ["system"] * 4 + ["user"]


def test_tool_result_array_content_is_flattened_to_its_text_parts(run_parser, tmp_path):
    path = write_jsonl(
        tmp_path / "t.jsonl",
        [
            assistant(
                "a1", [{"type": "tool_use", "id": "toolu_1", "name": "mcp__x__fetch", "input": {"u": 1}}]
            ),
            user(
                "u1",
                [
                    {
                        "type": "tool_result",
                        "tool_use_id": "toolu_1",
                        "content": [
                            {"type": "text", "text": "first part"},
                            {"type": "image", "source": {"type": "base64", "data": "AAAA"}},
                            {"type": "text", "text": "second part"},
                        ],
                    }
                ],
                parent="a1",
            ),
        ],
    )
    events = run_parser(FORMAT, [path])["p_events"].sort("line_no")

    result = events.filter(pl.col("kind") == "tool_result").row(0, named=True)
    assert result["tool_output"] == "first part\nsecond part"
    assert result["tool_call_id"] == "toolu_1"
    assert result["tool_name"] == "mcp__x__fetch"
    assert result["is_error"] is False
    assert result["exit_code"] is None
    assert events.filter(pl.col("kind") == "tool_call")["tool_input"].to_list() == ['{"u":1}']


def test_exit_code_rules_for_shell_results(run_parser, tmp_path):
    def result(uuid: str, tool_id: str, content: str, is_error: bool | None, tur: Any) -> dict[str, Any]:
        block: dict[str, Any] = {"type": "tool_result", "tool_use_id": tool_id, "content": content}
        if is_error is not None:
            block["is_error"] = is_error
        return user(uuid, [block], toolUseResult=tur)

    shell_ok = {"stdout": "ok", "stderr": "", "interrupted": False, "isImage": False}
    path = write_jsonl(
        tmp_path / "t.jsonl",
        [
            result("r1", "t1", "Exit code 2\nboom", True, "Error: Exit code 2\nboom"),
            result("r2", "t2", "ok", False, shell_ok),
            result("r3", "t3", "killed", True, shell_ok),
            result("r4", "t4", "ok", None, shell_ok),
            result("r5", "t5", "File created", None, {"type": "create", "filePath": "/a"}),
            result("r6", "t6", "Exit code 1", False, "plain string result"),
        ],
    )
    events = run_parser(FORMAT, [path])["p_events"].sort("line_no")

    assert events["exit_code"].to_list() == [2, 0, None, 0, None, 1]
    assert events["is_error"].to_list() == [True, False, True, False, False, False]


def test_streamed_response_puts_final_usage_on_its_first_event(run_parser, tmp_path):
    def part(uuid: str, block: dict[str, Any], out_tokens: int, parent: str | None) -> dict[str, Any]:
        return assistant(
            uuid,
            [block],
            msg_id="msg_A",
            request_id="req_A",
            parent=parent,
            usage={"input_tokens": 9, "cache_read_input_tokens": 100, "output_tokens": out_tokens},
        )

    path = write_jsonl(
        tmp_path / "t.jsonl",
        [
            part("a1", {"type": "thinking", "thinking": "plan", "signature": "s"}, 3, None),
            part("a2", {"type": "text", "text": "Running it."}, 3, "a1"),
            part(
                "a3",
                {"type": "tool_use", "id": "toolu_9", "name": "Bash", "input": {"command": "ls"}},
                87,
                "a2",
            ),
            assistant(
                "a4", [{"type": "text", "text": "Done."}], msg_id="msg_B", request_id="req_B", parent="a3"
            ),
        ],
    )
    events = run_parser(FORMAT, [path])["p_events"].sort("line_no")

    # all input: 9 uncached + 100 read from the cache (#17; this test pinned 9 before)
    assert events["input_tokens"].to_list() == [109, None, None, 10]
    assert events["cached_input_tokens"].to_list() == [100, None, None, None]
    assert events["output_tokens"].to_list() == [87, None, None, 5]
    assert events["parent_event_id"].to_list() == [None, "a1", "a2", "a3"]


def test_synthetic_model_is_not_a_session_model(run_parser, tmp_path):
    path = write_jsonl(
        tmp_path / "t.jsonl",
        [
            assistant("a1", [{"type": "text", "text": "API Error: 529"}], msg_id="m1", model="<synthetic>"),
            assistant("a2", [{"type": "text", "text": "ok"}], msg_id="m2", model="claude-sonnet-4-5"),
        ],
    )
    out = run_parser(FORMAT, [path])

    assert out["p_events"].sort("line_no")["model"].to_list() == [None, "claude-sonnet-4-5"]
    assert out["p_sessions"]["model"].to_list() == ["claude-sonnet-4-5"]


def test_non_conversation_and_unknown_records_are_skipped_with_one_reason_per_type(run_parser, tmp_path):
    path = write_jsonl(
        tmp_path / "t.jsonl",
        [
            {"type": "summary", "summary": "Fix login bug", "leafUuid": "u1"},
            {"type": "file-history-snapshot", "messageId": "u1", "snapshot": {}, "isSnapshotUpdate": False},
            {"type": "progress", "sessionId": SESSION, "data": {"type": "bash_progress"}},
            {"type": "queue-operation", "operation": "enqueue", "sessionId": SESSION, "content": "x"},
            {"type": "attachment", "sessionId": SESSION, "attachment": {"type": "hook"}},
            {"type": "hologram", "sessionId": SESSION, "uuid": "h1"},
            {"type": "progress", "sessionId": SESSION, "data": {"type": "hook_progress"}},
            user("u1", "hi"),
        ],
    )
    out = run_parser(FORMAT, [path])

    assert_conserved(out)
    assert reasons(out, "skip") == {
        1: "summary record (session title)",
        2: "non-conversation record: file-history-snapshot",
        3: "non-conversation record: progress",
        4: "non-conversation record: queue-operation",
        5: "non-conversation record: attachment",
        6: "unknown record type: hologram",
        7: "non-conversation record: progress",
    }
    assert out["p_events"].height == 1


def test_conversation_line_without_events_is_skipped_with_reason(run_parser, tmp_path):
    path = write_jsonl(
        tmp_path / "t.jsonl",
        [
            user(
                "u1",
                [{"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "x"}}],
            ),
            user("u2", []),
            assistant("a1", [{"type": "server_tool_use", "id": "srv_1", "name": "web_search", "input": {}}]),
            user("u3", "real prompt"),
        ],
    )
    out = run_parser(FORMAT, [path])

    assert_conserved(out)
    assert reasons(out, "skip") == {
        1: "no conversation content in user record (blocks: image)",
        2: "no conversation content in user record (empty content)",
        3: "no conversation content in assistant record (blocks: server_tool_use)",
    }
    assert out["p_events"]["event_id"].to_list() == ["u3"]
    # The session still exists: its lines were valid.
    assert out["p_sessions"]["session_id"].to_list() == [SESSION]


def test_duplicate_lines_of_a_session_are_skipped(run_parser, tmp_path):
    first = user("u1", "hi")
    answer = assistant("a1", [{"type": "text", "text": "hello"}], parent="u1")
    path = write_jsonl(tmp_path / "t.jsonl", [first, answer, first, answer])
    out = run_parser(FORMAT, [path])

    assert sorted(out["p_events"]["line_no"].to_list()) == [1, 2]
    assert reasons(out, "skip") == {
        3: "duplicate of an earlier user record (same uuid)",
        4: "duplicate of an earlier assistant record (same uuid)",
    }
    assert out["p_events"]["output_tokens"].sum() == 5


def test_system_records_keep_their_content_or_subtype(run_parser, tmp_path):
    path = write_jsonl(
        tmp_path / "t.jsonl",
        [
            envelope("system", "s1", subtype="local_command", content="<local-command-stdout>x"),
            envelope("system", "s2", subtype="turn_duration", durationMs=1200),
            envelope("system", "s3", subtype="informational", content={"note": "object content"}),
        ],
    )
    events = run_parser(FORMAT, [path])["p_events"].sort("line_no")

    assert events["text"].to_list() == [
        "<local-command-stdout>x",
        "turn_duration",
        '{"note":"object content"}',
    ]
    assert events["kind"].to_list() == ["system"] * 3


def test_sidechain_without_agent_id_takes_the_agent_from_the_file_name(run_parser, tmp_path):
    record = {**user("u1", "Warmup"), "isSidechain": True}
    path = write_jsonl(tmp_path / "agent-a1b2c3.jsonl", [record])
    sessions = run_parser(FORMAT, [path])["p_sessions"]

    assert sessions.select("session_id", "parent_session_id").rows() == [(f"{SESSION}:a1b2c3", SESSION)]


def test_line_without_uuid_gets_an_id_from_its_position(run_parser, tmp_path):
    record = {k: v for k, v in user("u1", "hi").items() if k != "uuid"}
    path = write_jsonl(tmp_path / "t.jsonl", [user("u0", "first"), record])
    events = run_parser(FORMAT, [path])["p_events"].sort("line_no")

    assert events["event_id"].to_list() == ["u0", "t.jsonl:2"]


def test_event_columns_have_the_warehouse_types(run_parser):
    events = run_parser(FORMAT, [MAIN])["p_events"]

    assert events.schema["ts"] == pl.Datetime("us")  # naive UTC timestamp, not timestamptz
    assert events.schema["line_no"] == pl.Int32
    assert events.schema["sub_index"] == pl.Int32
    assert events.schema["exit_code"] == pl.Int32
    assert events.schema["is_error"] == pl.Boolean
    for column in ("input_tokens", "output_tokens", "reasoning_tokens"):
        assert events.schema[column] == pl.Int64


# --- fidelity fixes (#17) ---------------------------------------------------------------------


def _inline_sidechain_session() -> list[dict[str, Any]]:
    """A faithful reproduction of a Claude Code 1.0-era file: two parallel Task runs written inline
    in the parent's file (`isSidechain: true`, no `agentId`, each run's first line with no parent),
    their lines interleaved with each other, then the Task results back in the parent."""

    def side(record: dict[str, Any]) -> dict[str, Any]:
        return {**record, "isSidechain": True, "version": "1.0.24"}

    def main(record: dict[str, Any]) -> dict[str, Any]:
        return {**record, "version": "1.0.24"}

    def task(tool_id: str, prompt: str) -> dict[str, Any]:
        return {
            "type": "tool_use",
            "id": tool_id,
            "name": "Task",
            "input": {"description": prompt[:20], "prompt": prompt},
        }

    def result(uuid: str, tool_id: str, text: str, parent: str) -> dict[str, Any]:
        block = {"type": "tool_result", "tool_use_id": tool_id, "content": [{"type": "text", "text": text}]}
        return user(uuid, [block], parent)

    glob = {"type": "tool_use", "id": "toolu_g", "name": "Glob", "input": {"pattern": "**/*.toml"}}
    return [
        main(user("u1", "Find the config file and the tests")),
        main(assistant("a1", [task("toolu_A", "Find the config file")], msg_id="m1", parent="u1")),
        main(assistant("a2", [task("toolu_B", "Find the tests")], msg_id="m1", parent="a1")),
        side(user("sA1", "Find the config file")),
        side(user("sB1", "Find the tests")),
        side(assistant("sA2", [glob], msg_id="m2", parent="sA1")),
        side(result("sA3", "toolu_g", "pyproject.toml", "sA2")),
        side(assistant("sB2", [{"type": "text", "text": "tests/ holds them"}], msg_id="m3", parent="sB1")),
        side(assistant("sA4", [{"type": "text", "text": "pyproject.toml"}], msg_id="m4", parent="sA3")),
        main(result("u2", "toolu_A", "pyproject.toml", "a2")),
        main(result("u3", "toolu_B", "tests/ holds them", "u2")),
        main(
            assistant(
                "a3",
                [{"type": "text", "text": "Config in pyproject.toml, tests in tests/."}],
                msg_id="m5",
                parent="u3",
            )
        ),
    ]


def test_inline_sidechain_lines_become_child_sessions_linked_to_their_task_call(run_parser, tmp_path):
    path = write_jsonl(tmp_path / f"{SESSION}.jsonl", _inline_sidechain_session())
    out = run_parser(FORMAT, [path])
    assert_conserved(out)
    events, sessions = out["p_events"], out["p_sessions"]

    side_a, side_b = f"{SESSION}:sidechain-sA1", f"{SESSION}:sidechain-sB1"
    parents = dict(sessions.select("session_id", "parent_session_id").rows())
    assert parents == {SESSION: None, side_a: SESSION, side_b: SESSION}

    main = events.filter(pl.col("session_id") == SESSION).sort("line_no")
    # The Task prompts are not the human's messages, and the subagent's Glob is not the main agent's.
    assert main.filter(pl.col("kind") == "user_message")["text"].to_list() == [
        "Find the config file and the tests"
    ]
    assert main.filter(pl.col("kind") == "tool_call")["tool_name"].to_list() == ["Task", "Task"]

    a = events.filter(pl.col("session_id") == side_a).sort("line_no")
    assert a["kind"].to_list() == ["user_message", "tool_call", "tool_result", "assistant_text"]
    assert a["tool_name"].to_list()[1:3] == ["Glob", "Glob"]
    # Each run's first event points at the Task call that started it.
    assert a["parent_event_id"][0] == "a1"
    b = events.filter(pl.col("session_id") == side_b).sort("line_no")
    assert b["kind"].to_list() == ["user_message", "assistant_text"]
    assert b["parent_event_id"][0] == "a2"


def test_bash_output_of_a_running_shell_has_no_exit_code(run_parser, tmp_path):
    def poll(uuid: str, status: str, exit_code: int | None, text: str) -> dict[str, Any]:
        tur = {
            "shellId": "bash_1",
            "command": "npm run dev",
            "status": status,
            "exitCode": exit_code,
            "stdout": text,
            "stderr": "",
            "stdoutLines": 1,
            "stderrLines": 0,
            "timestamp": TS,
        }
        block = {"type": "tool_result", "tool_use_id": f"t{uuid}", "content": f"<status>{status}</status>"}
        return user(uuid, [block], toolUseResult=tur)

    path = write_jsonl(
        tmp_path / "t.jsonl",
        [
            poll("r1", "running", None, "ready on :3000"),
            poll("r2", "completed", 0, "done"),
            poll("r3", "failed", 2, "boom"),
        ],
    )
    events = run_parser(FORMAT, [path])["p_events"].sort("line_no")

    assert events["exit_code"].to_list() == [None, 0, 2]


def test_same_uuid_in_another_file_stays_with_that_file(run_parser, tmp_path):
    """A copy of a record in another file no longer takes the record away from its own file."""
    call = {"type": "tool_use", "id": "toolu_1", "name": "Bash", "input": {"command": "pytest"}}
    real = [user("u1", "run the tests"), assistant("a1", [call], parent="u1")]
    broken_copy = [
        user("u1", "run the tests"),
        assistant("a1", [{"type": "text", "text": "(cut)"}], parent="u1"),
    ]
    first = write_jsonl(tmp_path / "b-copy.jsonl", broken_copy)
    second = write_jsonl(tmp_path / "a-real.jsonl", real)
    out = run_parser(FORMAT, [first, second])
    assert_conserved(out)

    events = out["p_events"]
    # The real file keeps its tool call; the copy keeps its own (different) a1, and only its
    # byte-identical u1 is skipped as a duplicate.
    assert events.group_by("file_id").len().sort("file_id").rows() == [
        ("a-real.jsonl", 2),
        ("b-copy.jsonl", 1),
    ]
    real_call = events.filter((pl.col("file_id") == "a-real.jsonl") & (pl.col("kind") == "tool_call"))
    assert real_call["tool_call_id"].to_list() == ["toolu_1"]
    assert events.filter(pl.col("file_id") == "b-copy.jsonl")["text"].to_list() == ["(cut)"]
    assert out["p_rejects"].filter(pl.col("action") == "skip")["file_id"].to_list() == ["b-copy.jsonl"]


def test_identical_copy_in_another_file_of_the_session_is_skipped_there(run_parser, tmp_path):
    """A session's own file versions (a resumed copy) do not double its records."""
    lines = [user("u1", "hi"), assistant("a1", [{"type": "text", "text": "hello"}], parent="u1")]
    own = write_jsonl(tmp_path / f"{SESSION}.jsonl", lines)
    copy = write_jsonl(tmp_path / "resumed.jsonl", [*lines, user("u2", "more", parent="a1")])
    out = run_parser(FORMAT, [own, copy])
    assert_conserved(out)

    events = out["p_events"]
    assert events.filter(pl.col("file_id") == own.name)["event_id"].sort().to_list() == ["a1", "u1"]
    assert events.filter(pl.col("file_id") == copy.name)["event_id"].to_list() == ["u2"]
    skipped = out["p_rejects"].filter(pl.col("file_id") == copy.name)["reason"].to_list()
    assert skipped == [
        "duplicate of the same user record in another file of its session",
        "duplicate of the same assistant record in another file of its session",
    ]
    assert events["output_tokens"].sum() == 5
