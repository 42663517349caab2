"""One-document trajectories (SWE-agent, mini-SWE-agent, Gemini CLI chat, ATIF) on real public files."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from pipelines.transcripts.compressed import inflate
from pipelines.transcripts.sniff import sniff
from pipelines.transcripts.trajectories import ATIF, GEMINI_CHAT, MINI_SWE_AGENT, SWE_AGENT

REAL = Path(__file__).parents[1] / "fixtures" / "real"
SWE_RUN = REAL / "swe_agent" / "swe-agent__test-repo-i1.traj"
SWE_DEMO = REAL / "swe_agent" / "function_calling_simple.traj"
MINI_GZ = REAL / "mini_swe_agent" / "sqlfluff__sqlfluff-2419.traj.json.gz"
GEMINI_GZ = REAL / "gemini_cli" / "gemini-cli-chat.json.gz"


def _plain(path: Path, tmp_path: Path) -> Path:
    """The parser harness reads plain files; landing inflates, here gunzip does."""
    if path.suffix != ".gz":
        return path
    out = tmp_path / path.name.removesuffix(".gz")
    out.write_bytes(gzip.decompress(path.read_bytes()))
    return out


def _doc(path: Path) -> Any:
    data, reason = inflate(path.read_bytes())
    assert reason is None
    return json.loads(data)


@pytest.mark.parametrize(
    ("path", "fmt"),
    [(SWE_RUN, SWE_AGENT), (SWE_DEMO, SWE_AGENT), (MINI_GZ, MINI_SWE_AGENT), (GEMINI_GZ, GEMINI_CHAT)],
)
def test_real_trajectory_is_sniffed_and_lands_with_nothing_quarantined(run_parser, tmp_path, path, fmt):
    data, _ = inflate(path.read_bytes())
    assert sniff(data).source_format == fmt.source_format
    out = run_parser(fmt, [_plain(path, tmp_path)])

    outcomes = Counter(out["outcomes"]["outcome"].to_list())
    assert outcomes["quarantine"] == 0 and outcomes["gap"] == 0, out["p_rejects"]
    assert outcomes["skip"] == 1  # the session header record
    sessions = out["p_sessions"]
    assert sessions.height == 1
    assert sessions["source_format"].to_list() == [fmt.source_format]
    # The session is named after the file (the run's instance id).
    assert sessions["session_id"][0] == path.name.split(".")[0]


def test_swe_agent_steps_become_reasoning_calls_and_results(run_parser):
    doc = json.loads(SWE_RUN.read_text())
    events = run_parser(SWE_AGENT, [SWE_RUN])["p_events"].sort("line_no")

    steps = doc["trajectory"]
    calls = events.filter(pl.col("kind") == "tool_call")
    assert calls["tool_name"].to_list() == [s["action"].split()[0] for s in steps]
    assert [json.loads(i)["command"] for i in calls["tool_input"]] == [
        s["action"].rstrip("\n") for s in steps
    ]
    results = events.filter(pl.col("kind") == "tool_result")
    assert results["tool_output"].to_list() == [s["observation"] for s in steps]
    assert results["tool_call_id"].to_list() == calls["tool_call_id"].to_list()
    assert events.filter(pl.col("kind") == "reasoning")["text"].to_list() == [s["thought"] for s in steps]
    # The issue is the user's message; the system prompt and the demonstration are not.
    users = events.filter(pl.col("kind") == "user_message")["text"].to_list()
    assert len(users) == 1 and "SyntaxError: invalid syntax" in users[0]
    last = events.tail(1).row(0, named=True)
    stats = doc["info"]["model_stats"]
    assert last["kind"] == "system" and last["text"].startswith("exit status: submitted\nsubmission:")
    assert (last["input_tokens"], last["output_tokens"]) == (stats["tokens_sent"], stats["tokens_received"])


def test_swe_agent_function_calling_history_pairs_calls_and_results(run_parser):
    events = run_parser(SWE_AGENT, [SWE_DEMO])["p_events"].sort("line_no")
    calls = events.filter(pl.col("kind") == "tool_call")
    results = events.filter(pl.col("kind") == "tool_result")
    assert calls.height == results.height == 5
    assert calls["tool_call_id"].to_list() == results["tool_call_id"].to_list()
    assert calls["tool_call_id"].null_count() == 0


def test_mini_swe_agent_keeps_usage_return_codes_and_the_submission(run_parser, tmp_path):
    doc = _doc(MINI_GZ)
    out = run_parser(MINI_SWE_AGENT, [_plain(MINI_GZ, tmp_path)])
    events = out["p_events"].sort("line_no")

    assistants = [m for m in doc["messages"] if m["role"] == "assistant"]
    usage = [m["extra"]["response"]["usage"] for m in assistants]
    assert events["input_tokens"].sum() == sum(u["prompt_tokens"] for u in usage)
    assert events["output_tokens"].sum() == sum(u["completion_tokens"] for u in usage)
    assert events["cached_input_tokens"].sum() == sum(
        u["prompt_tokens_details"]["cached_tokens"] for u in usage
    )
    assert events.filter(pl.col("input_tokens").is_not_null()).height == len(assistants)

    tools = [m for m in doc["messages"] if m["role"] == "tool"]
    results = events.filter(pl.col("kind") == "tool_result")
    assert results["exit_code"].to_list() == [m["extra"]["returncode"] for m in tools]
    assert results["is_error"].to_list() == [m["extra"]["returncode"] != 0 for m in tools]
    calls = events.filter(pl.col("kind") == "tool_call")
    assert set(results["tool_call_id"]) <= set(calls["tool_call_id"])
    # Model calls and tool results carry their time; the prompt messages and the exit have none.
    timed = events.filter(pl.col("kind").is_in(["reasoning", "tool_call", "tool_result"]))
    assert timed["ts"].null_count() == 0
    session = out["p_sessions"].row(0, named=True)
    assert (session["agent"], session["agent_version"], session["model"]) == (
        "mini-swe-agent",
        doc["info"]["mini_version"],
        doc["info"]["config"]["model"]["model_name"],
    )
    exit_event = events.tail(1).row(0, named=True)
    assert exit_event["text"].startswith("exit status: Submitted\nsubmission:\ndiff --git")


def test_mini_swe_agent_text_actions_pair_with_returncode_messages(run_parser, tmp_path):
    """mini-SWE-agent 1.x (`mini-swe-agent-1`): the command in a ```bash block, its result in the next
    user message."""
    doc = {
        "info": {"mini_version": "1.9.0", "exit_status": "Submitted", "submission": ""},
        "trajectory_format": "mini-swe-agent-1",
        "messages": [
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "Please solve this issue: tests fail"},
            {"role": "assistant", "content": "THOUGHT: run them.\n\n```bash\npytest -q\n```"},
            {"role": "user", "content": "<returncode>1</returncode>\n<output>\n1 failed\n</output>"},
            {
                "role": "assistant",
                "content": "THOUGHT: done.\n\n```bash\necho COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT\n```",
            },
            {"role": "user", "content": "<returncode>0</returncode>\n<output>\n</output>"},
        ],
    }
    path = tmp_path / "demo__demo-1.traj.json"
    path.write_text(json.dumps(doc))
    events = run_parser(MINI_SWE_AGENT, [path])["p_events"].sort("line_no")

    assert events["kind"].to_list() == [
        "system",
        "user_message",
        "reasoning",
        "tool_call",
        "tool_result",
        "reasoning",
        "tool_call",
        "tool_result",
        "system",
    ]
    results = events.filter(pl.col("kind") == "tool_result")
    assert results["exit_code"].to_list() == [1, 0]
    assert results["is_error"].to_list() == [True, False]
    calls = events.filter(pl.col("kind") == "tool_call")
    assert [json.loads(i)["command"] for i in calls["tool_input"]] == [
        "pytest -q",
        "echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT",
    ]
    assert results["tool_call_id"].to_list() == calls["tool_call_id"].to_list()


def test_gemini_chat_maps_thoughts_calls_and_responses(run_parser, tmp_path):
    doc = _doc(GEMINI_GZ)
    events = run_parser(GEMINI_CHAT, [_plain(GEMINI_GZ, tmp_path)])["p_events"].sort("line_no")

    parts = [(c["role"], p) for c in doc for p in c["parts"]]
    thoughts = [p["text"] for r, p in parts if r == "model" and p.get("thought")]
    assert events.filter(pl.col("kind") == "reasoning")["text"].to_list() == thoughts
    assert set(events.filter(pl.col("kind") == "reasoning")["reasoning_visibility"]) == {"summary"}
    call_ids = [p["functionCall"]["id"] for _r, p in parts if "functionCall" in p]
    assert events.filter(pl.col("kind") == "tool_call")["tool_call_id"].to_list() == call_ids
    result_ids = [p["functionResponse"]["id"] for _r, p in parts if "functionResponse" in p]
    assert events.filter(pl.col("kind") == "tool_result")["tool_call_id"].to_list() == result_ids
    # The CLI's own context messages are system, not the user's words.
    users = events.filter(pl.col("kind") == "user_message")["text"].to_list()
    assert not any(u.startswith(("<session_context>", "<state_snapshot>")) for u in users)
    assert "agent teams shouldn't persist, I want it to ask me every boot" in users
    # The session context names the workspace: the session's cwd (which paths are the project's own).
    out = run_parser(GEMINI_CHAT, [_plain(GEMINI_GZ, tmp_path)])
    assert out["p_sessions"]["cwd"].to_list() == ["/Users/ntaylormullen/GitHub/gemini-cli2"]


def _atif_doc() -> dict[str, Any]:
    """The shapes of the ATIF RFC (v1.4) example: no real Harbor file was found in public repositories."""
    return {
        "schema_version": "ATIF-v1.4",
        "session_id": "025B810F-B3A2-4C67-93C0-FE7A142A947A",
        "agent": {
            "name": "harbor-agent",
            "version": "1.0.0",
            "model_name": "gemini-2.5-flash",
            "extra": {"cwds": ["/workspace"], "git_branches": ["main"]},
        },
        "steps": [
            {
                "step_id": 1,
                "timestamp": "2025-10-11T10:30:00Z",
                "source": "system",
                "message": "You are a coding agent.",
            },
            {
                "step_id": 2,
                "timestamp": "2025-10-11T10:30:01Z",
                "source": "user",
                "message": "Make the failing test pass.",
            },
            {
                "step_id": 3,
                "timestamp": "2025-10-11T10:30:05Z",
                "source": "agent",
                "model_name": "gemini-2.5-flash",
                "reasoning_content": "Run the tests first.",
                "message": "I will run the tests.",
                "tool_calls": [
                    {"tool_call_id": "call_1", "function_name": "bash", "arguments": {"command": "pytest -q"}}
                ],
                "observation": {"results": [{"source_call_id": "call_1", "content": "1 failed"}]},
                "metrics": {"prompt_tokens": 520, "completion_tokens": 80, "cached_tokens": 200},
            },
            {
                "step_id": 4,
                "timestamp": "2025-10-11T10:30:09Z",
                "source": "agent",
                "message": "Fixed the off-by-one.",
                "metrics": {"prompt_tokens": 700, "completion_tokens": 20},
            },
        ],
        "final_metrics": {"total_prompt_tokens": 1220, "total_completion_tokens": 100},
    }


def test_atif_steps_map_to_events_with_their_metrics(run_parser, tmp_path):
    path = tmp_path / "trajectory.json"
    path.write_text(json.dumps(_atif_doc(), indent=2))
    assert sniff(path.read_bytes()).source_format == "atif"
    out = run_parser(ATIF, [path])
    events = out["p_events"].sort("line_no")

    assert events["kind"].to_list() == [
        "system",
        "user_message",
        "reasoning",
        "reasoning",
        "tool_call",
        "tool_result",
        "assistant_text",
    ]
    assert events["input_tokens"].sum() == 1220 and events["output_tokens"].sum() == 100
    assert events["cached_input_tokens"].sum() == 200
    session = out["p_sessions"].row(0, named=True)
    assert (session["agent"], session["session_id"]) == (
        "harbor-agent",
        "025B810F-B3A2-4C67-93C0-FE7A142A947A",
    )
    assert (session["cwd"], session["git_branch"]) == ("/workspace", "main")


HARBOR = sorted((REAL / "atif").glob("*.json"))


@pytest.mark.parametrize("path", HARBOR, ids=lambda p: p.name)
def test_real_harbor_trajectory_lands_whole_with_results_paired(run_parser, path):
    """Files Harbor itself wrote (its golden trajectories for the terminus-2 and OpenHands agents)."""
    doc = json.loads(path.read_text())
    assert sniff(path.read_bytes()).source_format == "atif"
    out = run_parser(ATIF, [path])

    outcomes = Counter(out["outcomes"]["outcome"].to_list())
    assert outcomes["quarantine"] == 0 and outcomes["gap"] == 0, out["p_rejects"]
    own = [st for st in doc["steps"] if not st.get("is_copied_context")]
    copied = len(doc["steps"]) - len(own)
    assert outcomes["skip"] == 1 + copied  # the session header and the parent's copied context
    skips = out["p_rejects"].filter(pl.col("action") == "skip")["reason"].to_list()
    assert skips.count("context copied from the parent trajectory (is_copied_context)") == copied

    events = out["p_events"]
    # Every step's tokens, once: per-step metrics summed (final_metrics also counts the subagents').
    assert events["input_tokens"].sum() == sum(
        (st.get("metrics") or {}).get("prompt_tokens", 0) for st in own
    )
    assert events["output_tokens"].sum() == sum(
        (st.get("metrics") or {}).get("completion_tokens", 0) for st in own
    )
    calls = events.filter(pl.col("kind") == "tool_call")
    assert calls.height == sum(len(st.get("tool_calls") or []) for st in own)
    # A result pairs with its call: by source_call_id, or with the step's only call (terminus-2
    # writes one observation per step without an id); only results of steps without a call stay unpaired.
    results = events.filter(pl.col("kind") == "tool_result")
    unpaired_expected = sum(
        len((st.get("observation") or {}).get("results") or []) for st in own if not st.get("tool_calls")
    )
    assert results.filter(pl.col("tool_call_id").is_null()).height == unpaired_expected
    assert set(results["tool_call_id"].drop_nulls()) <= set(calls["tool_call_id"])
    session = out["p_sessions"].row(0, named=True)
    assert session["agent"] == doc["agent"]["name"]
    assert session["parent_session_id"] == (doc["agent"].get("extra") or {}).get("parent_session_id")


def test_harbor_subagent_names_its_parent_and_the_parent_points_at_it(run_parser):
    parent = REAL / "atif" / "terminus_2__hello-world-context-summarization.trajectory.json"
    child = (
        REAL
        / "atif"
        / "terminus_2__hello-world-context-summarization.trajectory.summarization-1-summary.json"
    )
    out = run_parser(ATIF, [parent, child])
    sessions = {r["session_id"]: r for r in out["p_sessions"].iter_rows(named=True)}
    child_id = json.loads(child.read_text())["session_id"]
    assert sessions[child_id]["parent_session_id"] == json.loads(parent.read_text())["session_id"]
    refs = out["p_events"].filter(pl.col("tool_output").str.starts_with("subagent trajectory: "))
    assert child_id in refs["tool_output"][0]


def test_broken_part_of_a_document_is_quarantined_and_the_rest_lands(run_parser, tmp_path):
    doc = json.loads(SWE_RUN.read_text())
    doc["trajectory"][2] = "not a step"
    path = tmp_path / "broken.traj"
    path.write_text(json.dumps(doc))
    out = run_parser(SWE_AGENT, [path])

    events = out["p_events"]
    assert events.filter(pl.col("kind") == "tool_call").height == len(doc["trajectory"]) - 1
    # The broken step never reaches the parser: landing quarantines it from the records hook.
    records, broken = SWE_AGENT.records(path.read_bytes())  # type: ignore[misc]
    assert [b[1] for b in broken] == ["wrong type: field trajectory[2] is str, expected object"]
    assert records[broken[0][0] - 1] is None
