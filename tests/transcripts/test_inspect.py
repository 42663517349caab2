"""Inspect AI eval logs (.eval zip and .json): samples as sessions, zip safety, landing end to end."""

from __future__ import annotations

import json
import random
import shutil
import zipfile
from pathlib import Path

import duckdb
import orjson
import polars as pl
import pytest

from pipelines.config import Settings
from pipelines.synth.ids import Ids
from pipelines.synth.inspect_otel import InspectMeta, inspect_file_name, render_inspect_log
from pipelines.synth.plan import Act, SessionPlan, Step, Turn
from pipelines.transcripts.inspect_eval import (
    FORMAT,
    SKIP_DUPLICATE,
    SKIP_EMPTY_SAMPLE,
    SKIP_HEADER,
    read_records,
    records,
)
from pipelines.transcripts.safezip import ZipLimits
from pipelines.warehouse.landing import file_counts_add_up, land
from tests.conftest import REAL_FIXTURES, query
from tests.transcripts.conftest import RunParser

INSPECT = REAL_FIXTURES / "inspect"
EVAL_ZIP = INSPECT / "2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval"
BROWSER_JSON = INSPECT / "2025-05-12T20-27-36-04-00_browser.json"


def eval_log(*samples: dict, run_id: str = "run1") -> dict:
    return {
        "version": 2,
        "status": "success",
        "eval": {
            "run_id": run_id,
            "task": "t",
            "model": "anthropic/claude-sonnet-4-5",
            "created": "2026-03-01T10:00:00+00:00",
            "packages": {"inspect_ai": "0.3.140"},
        },
        "samples": list(samples),
    }


def write_json_log(path: Path, *samples: dict, **kw: str) -> Path:
    path.write_bytes(orjson.dumps(eval_log(*samples, **kw)))
    return path


def write_eval_zip(path: Path, *samples: dict, extra: dict[str, bytes] | None = None) -> Path:
    log = eval_log()
    header = {k: v for k, v in log.items() if k != "samples"}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("header.json", json.dumps(header))
        for s in samples:
            z.writestr(f"samples/{s['id']}_epoch_{s.get('epoch', 1)}.json", json.dumps(s))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def model_event(ts: str, msg_id: str, in_tok: int, out_tok: int, completed: str | None = None) -> dict:
    return {
        "event": "model",
        "timestamp": ts,
        "completed": completed,
        "model": "anthropic/claude-sonnet-4-5",
        "input": [{"role": "user", "content": "history repeated on every call"}],
        "call": {"request": {"messages": ["raw provider payload"]}},
        "output": {
            "model": "claude-sonnet-4-5-20250929",
            "choices": [
                {"message": {"id": msg_id, "role": "assistant", "content": "x"}, "stop_reason": "stop"}
            ],
            "usage": {"input_tokens": in_tok, "output_tokens": out_tok, "reasoning_tokens": 7},
        },
    }


def tool_event(ts: str, call_id: str, function: str, result: str, error: dict | None = None) -> dict:
    return {
        "event": "tool",
        "timestamp": ts,
        "completed": ts,
        "type": "function",
        "id": call_id,
        "function": function,
        "arguments": {"cmd": "ls"},
        "result": result,
        "error": error,
    }


def by_kind(events: pl.DataFrame, kind: str) -> pl.DataFrame:
    return events.filter(events["kind"] == kind).sort("sub_index")


# ------------------------------------------------------------------------------------------ real logs


def test_eval_zip_lands_one_session_per_sample_with_usage_counted_once(run_parser: RunParser) -> None:
    out = run_parser(FORMAT, [EVAL_ZIP])
    events, sessions = out["p_events"], out["p_sessions"]

    assert sessions.height == 10
    assert set(sessions["session_id"]) == {f"nnS4q9qsuCrCzsBcQLnBLA:{i}:1" for i in range(1, 11)}
    assert set(sessions["agent_version"]) == {"0.3.58.dev16+g6a87748b"}
    assert set(sessions["model"]) == {"gpt-4o-mini-2024-07-18"}
    # system prompt, user question, model answer in every sample; usage equals header.stats.model_usage
    assert events.group_by("session_id").len()["len"].to_list() == [3] * 10
    assert events["kind"].value_counts().sort("kind").rows() == [
        ("assistant_text", 10),
        ("system", 10),
        ("user_message", 10),
    ]
    assert (events["input_tokens"].sum(), events["output_tokens"].sum()) == (620, 20)
    assert events.filter(events["kind"] == "system")["text"].str.contains("only respond with exactly").all()
    assert set(by_kind(events, "assistant_text")["text"]) == {"Yes", "No"}
    outcomes = out["outcomes"]["outcome"].to_list()
    assert outcomes == ["skip"] + ["landed"] * 10
    assert out["p_rejects"].filter(out["p_rejects"]["line_no"] == 1)["reason"].to_list() == [SKIP_HEADER]


def test_json_log_tool_calls_pair_with_results_and_attachments_resolve(run_parser: RunParser) -> None:
    out = run_parser(FORMAT, [BROWSER_JSON])
    events = out["p_events"].sort("sub_index")
    session = out["p_sessions"].row(0, named=True)

    assert session["session_id"] == "Ta3ZFVTCTcjsb3AEX9FD9v:1:1"
    assert (session["agent"], session["agent_version"]) == ("inspect", "0.3.95.dev16+g6527d0861")
    assert events["kind"].to_list() == ["user_message"] + ["tool_call", "tool_result"] * 4 + [
        "assistant_text",
        "system",
    ]
    calls, results = by_kind(events, "tool_call"), by_kind(events, "tool_result")
    assert calls["tool_name"].to_list() == ["web_browser_go"] + ["web_browser_click"] * 3
    assert json.loads(calls["tool_input"][0]) == {"url": "https://www.aisi.gov.uk/"}
    assert results["parent_event_id"].to_list() == calls["event_id"].to_list()
    assert results["tool_name"].to_list() == calls["tool_name"].to_list()
    assert results["is_error"].to_list() == [False] * 4
    assert results["tool_output"].str.starts_with("[").all()
    # the final answer lived in an attachment; no reference is left anywhere
    final = by_kind(events, "assistant_text")["text"][0]
    assert final.startswith("The AI Security Institute (AISI) is the premier")
    assert not any(
        "attachment://" in (t or "") for t in events["text"].to_list() + events["tool_output"].to_list()
    )
    assert events["text"][-1] == "score includes=C"
    # each model call charged once, on its message: equals the sample's model_usage
    assert (events["input_tokens"].sum(), events["output_tokens"].sum()) == (15235, 281)
    ts = events["ts"].to_list()
    assert ts == sorted(ts) and ts[1].isoformat() == "2025-05-13T00:27:39.762878"  # tool start, in UTC
    assert out["outcomes"]["outcome"].to_list() == ["skip", "landed"]


# ------------------------------------------------------------------------------------------ mapping


def test_reasoning_visibility_follows_redaction_and_summary(run_parser: RunParser, tmp_path: Path) -> None:
    sample = {
        "id": "r1",
        "epoch": 1,
        "messages": [
            {
                "role": "user",
                "content": [{"type": "text", "text": "go"}, {"type": "image", "image": "x.png"}],
            },
            {
                "id": "a1",
                "role": "assistant",
                "model": "gpt-5",
                "content": [
                    {
                        "type": "reasoning",
                        "reasoning": "gAAAA-ciphertext",
                        "summary": "Plan: read tests",
                        "redacted": True,
                    },
                    {"type": "reasoning", "reasoning": "gAAAA-ciphertext", "redacted": True},
                    {"type": "reasoning", "reasoning": "I will just edit the test.", "signature": "sig"},
                    {"type": "reasoning", "reasoning": "", "signature": "EqQB"},
                    {"type": "text", "text": "Done."},
                ],
            },
        ],
    }
    out = run_parser(FORMAT, [write_json_log(tmp_path / "r.json", sample)])
    events = out["p_events"].sort("sub_index")
    reasoning = by_kind(events, "reasoning")
    assert reasoning["reasoning_visibility"].to_list() == ["summary", "encrypted", "plain", "empty"]
    assert reasoning["text"].to_list() == ["Plan: read tests", None, "I will just edit the test.", None]
    assert "gAAAA" not in "".join(t or "" for t in events["text"].to_list())
    assert events["text"][0] == "go\n[image]"
    assert events["kind"].to_list()[-1] == "assistant_text" and set(reasoning["model"]) == {"gpt-5"}


def test_tool_events_fill_in_calls_the_messages_lack_without_double_counting(
    run_parser: RunParser, tmp_path: Path
) -> None:
    sample = {
        "id": 1,
        "epoch": 2,
        "messages": [
            {"role": "user", "content": "list files"},
            {
                "id": "a1",
                "role": "assistant",
                "content": "",
                "tool_calls": [{"id": "c1", "function": "bash", "arguments": {"cmd": "ls"}}],
            },
            {
                "role": "tool",
                "tool_call_id": "c1",
                "function": "bash",
                "content": "",
                "error": {"type": "timeout", "message": "timed out after 30s"},
            },
        ],
        "events": [
            model_event("2026-03-01T10:00:01+00:00", "a1", 100, 10, completed="2026-03-01T10:00:02+00:00"),
            tool_event("2026-03-01T10:00:03+00:00", "c1", "bash", "ignored: the messages hold it"),
            tool_event(
                "2026-03-01T10:00:05+00:00", "c2", "python", "", error={"type": "parsing", "message": "bad"}
            ),
        ],
        "limit": {"type": "time", "limit": 60},
        "scores": {"b": {"value": 0.5}, "a": {"value": {"acc": 1}}},
    }
    out = run_parser(FORMAT, [write_json_log(tmp_path / "t.json", sample, run_id="R")])
    events = out["p_events"].sort("sub_index")
    assert events["session_id"].unique().to_list() == ["R:1:2"]
    assert events["kind"].to_list() == [
        "user_message",
        "tool_call",
        "tool_result",
        "tool_call",
        "tool_result",
        "system",
        "system",
        "system",
    ]
    assert events["tool_call_id"].to_list()[1:5] == ["c1", "c1", "c2", "c2"]
    first, second = by_kind(events, "tool_result").rows(named=True)
    assert (first["is_error"], first["tool_output"], first["parent_event_id"]) == (
        True,
        "timed out after 30s",
        "m1.tc0",
    )
    assert (second["is_error"], second["tool_output"], second["tool_name"]) == (True, "bad", "python")
    assert events["text"].to_list()[-3:] == ["limit: time (60)", 'score a={"acc":1}', "score b=0.5"]
    assert events["input_tokens"].drop_nulls().to_list() == [100]  # on the call, once
    assert events["reasoning_tokens"].drop_nulls().to_list() == [7]


def test_sample_without_messages_is_rebuilt_from_its_events(run_parser: RunParser, tmp_path: Path) -> None:
    out_msg = {
        "id": "a1",
        "role": "assistant",
        "content": [{"type": "text", "text": "running it"}],
        "tool_calls": [{"id": "c1", "function": "bash", "arguments": {"cmd": "pytest"}}],
    }
    event = model_event("2026-03-01T10:00:01+00:00", "a1", 50, 5)
    event["output"]["choices"][0]["message"] = out_msg
    sample = {
        "id": 3,
        "epoch": 1,
        "input": "make the tests pass",
        "events": [
            {"event": "sample_init", "timestamp": "2026-03-01T10:00:00+00:00"},
            event,
            tool_event("2026-03-01T10:00:02+00:00", "c1", "bash", "1 passed"),
        ],
    }
    out = run_parser(FORMAT, [write_json_log(tmp_path / "e.json", sample)])
    events = out["p_events"].sort("sub_index")
    assert events["kind"].to_list() == ["user_message", "assistant_text", "tool_call", "tool_result"]
    assert events["text"][0] == "make the tests pass"
    assert events["tool_output"][3] == "1 passed" and events["parent_event_id"][3] == events["event_id"][2]
    assert events["ts"][0].isoformat() == "2026-03-01T10:00:00"
    assert events["input_tokens"].drop_nulls().to_list() == [50]


def test_usage_falls_back_to_sample_model_usage_when_no_call_matches(
    run_parser: RunParser, tmp_path: Path
) -> None:
    sample = {
        "id": 4,
        "epoch": 1,
        "messages": [
            {"role": "user", "content": "hi"},
            {"role": "assistant", "content": "first", "source": "generate"},
            {"role": "user", "content": "again"},
            {"role": "assistant", "content": "second", "source": "generate"},
        ],
        "model_usage": {
            "m/a": {"input_tokens": 30, "output_tokens": 3},
            "m/b": {"input_tokens": 12, "output_tokens": 2},
        },
    }
    out = run_parser(FORMAT, [write_json_log(tmp_path / "u.json", sample)])
    events = out["p_events"].sort("sub_index")
    assert events["input_tokens"].to_list() == [None, None, None, 42]
    assert events["output_tokens"].to_list() == [None, None, None, 5]


def test_broken_sample_is_quarantined_alone_with_the_field_named(
    run_parser: RunParser, tmp_path: Path
) -> None:
    good = {"id": 1, "epoch": 1, "messages": [{"role": "user", "content": "fine"}]}
    bad_role = {
        "id": 2,
        "epoch": 1,
        "messages": [{"role": "user", "content": "ok"}, {"role": 42, "content": "x"}],
    }
    bad_part = {
        "id": 3,
        "epoch": 1,
        "messages": [{"role": "assistant", "content": [{"type": "reasoning", "redacted": "yes"}]}],
    }
    no_id = {"epoch": 1, "messages": [{"role": "user", "content": "who am I"}]}
    empty = {"id": 5, "epoch": 1, "messages": []}
    path = write_json_log(tmp_path / "b.json", good, bad_role, bad_part, no_id, empty, "not a sample", good)
    _recs, broken = records(path.read_bytes())
    assert broken == [(7, "samples[5]: wrong shape: expected a JSON object, got string", "")]

    out = run_parser(FORMAT, [path])
    rejects = {r["line_no"]: (r["action"], r["reason"]) for r in out["p_rejects"].iter_rows(named=True)}
    assert rejects[3] == (
        "quarantine",
        "wrong type: field sample.messages[1].role is ubigint, expected varchar",
    )
    assert rejects[4] == (
        "quarantine",
        "wrong type: field sample.messages[0].content[0].redacted is varchar, expected boolean",
    )
    assert rejects[5] == ("quarantine", "missing field sample.id")
    assert rejects[6] == ("skip", SKIP_EMPTY_SAMPLE)
    assert rejects[8] == ("skip", SKIP_DUPLICATE)  # the good sample again, after the broken record 7
    assert out["outcomes"]["outcome"].to_list() == [
        "skip", "landed", "quarantine", "quarantine", "quarantine", "skip", "skip"
    ]  # fmt: skip
    assert out["p_events"]["session_id"].unique().to_list() == ["run1:1:1"]


# ------------------------------------------------------------------------------------------ zip safety


def write_zip_bomb(path: Path, uncompressed: int, name: str = "samples/1_epoch_1.json") -> Path:
    """A member of `uncompressed` zero bytes, streamed so the test never holds it in memory."""
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("header.json", json.dumps({k: v for k, v in eval_log().items() if k != "samples"}))
        with z.open(name, "w", force_zip64=True) as member:
            for _ in range(uncompressed // len(chunk)):
                member.write(chunk)
    return path


@pytest.fixture(scope="module")
def gigabyte_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_zip_bomb(tmp_path_factory.mktemp("bomb") / "bomb.eval", 1024 * 1024 * 1024)


@pytest.mark.slow
def test_gigabyte_zip_bomb_is_refused_before_reading(gigabyte_bomb: Path) -> None:
    path = gigabyte_bomb
    assert path.stat().st_size < 8 * 1024 * 1024
    recs, broken = records(path.read_bytes())
    assert recs[1] is None
    assert len(broken) == 1 and broken[0][0] == 2
    assert broken[0][1] == (
        "zip entry 'samples/1_epoch_1.json' refused: its uncompressed size of 1073741824 bytes exceeds "
        "the limit of 268435456 bytes per entry"
    )


def test_extreme_compression_ratio_is_refused(tmp_path: Path) -> None:
    path = write_zip_bomb(tmp_path / "ratio.eval", 8 * 1024 * 1024)
    _recs, broken = records(path.read_bytes())
    assert len(broken) == 1
    assert "compression ratio of" in broken[0][1] and "exceeds the limit of 200:1 (zip bomb)" in broken[0][1]


def test_total_uncompressed_budget_stops_reading(tmp_path: Path) -> None:
    samples = [{"id": i, "epoch": 1, "messages": [{"role": "user", "content": "x" * 3000}]} for i in range(3)]
    path = write_eval_zip(tmp_path / "budget.eval", *samples)
    recs, broken = read_records(path.read_bytes(), ZipLimits(max_total_bytes=8000))
    assert [r is not None for r in recs] == [True, True, True, False]
    assert "would exceed the archive's total uncompressed limit" in broken[0][1]


def test_escaping_absolute_and_encrypted_members_are_refused(tmp_path: Path) -> None:
    sample = {"id": 1, "epoch": 1, "messages": [{"role": "user", "content": "hello"}]}
    path = write_eval_zip(
        tmp_path / "paths.eval",
        sample,
        extra={"../../etc/passwd": b"root:x:0:0", "/abs/file.json": b"{}", "samples\\2_epoch_1.json": b"{}"},
    )
    recs, broken = records(path.read_bytes())
    reasons = [b[1] for b in broken]
    assert reasons == [
        "zip entry '../../etc/passwd' refused: its path escapes the archive (contains '..')",
        "zip entry '/abs/file.json' refused: its path is absolute",
        "zip entry 'samples\\\\2_epoch_1.json' refused: its name contains a backslash (a Windows path)",
    ]
    assert sum(r is not None for r in recs) == 2  # the header and the good sample

    # The encryption flag, set in the member's local and central headers.
    data = bytearray(write_eval_zip(tmp_path / "enc.eval", sample).read_bytes())
    with zipfile.ZipFile(tmp_path / "enc.eval") as z:
        info = z.getinfo("samples/1_epoch_1.json")
    data[info.header_offset + 6] |= 0x1
    central = data.rindex(b"samples/1_epoch_1.json") - 46  # the name ends the fixed central header
    assert data[central : central + 4] == b"PK\x01\x02"
    data[central + 8] |= 0x1
    _recs, broken = records(bytes(data))
    assert [b[1] for b in broken] == ["zip entry 'samples/1_epoch_1.json' refused: it is encrypted"]


def test_corrupt_member_and_lying_header_give_reasons(tmp_path: Path) -> None:
    sample = {"id": 1, "epoch": 1, "messages": [{"role": "user", "content": "hello " * 200}]}
    path = write_eval_zip(tmp_path / "crc.eval", sample)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("samples/1_epoch_1.json")
    # flip bytes inside the compressed data: inflating fails or the CRC check does
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 5, start + 15):
        data[i] ^= 0xFF
    recs, broken = records(bytes(data))
    assert recs[0] is not None and recs[1] is None
    assert broken[0][1].startswith("zip entry 'samples/1_epoch_1.json' refused: it cannot be read: ")

    not_a_zip = b"PK\x03\x04" + b"\x00" * 100
    assert records(not_a_zip)[1][0][1].startswith("corrupt zip archive: BadZipFile")


# ------------------------------------------------------------------------------------------ landing


def test_real_fixtures_land_inspect_sessions_with_tool_calls(settings: Settings) -> None:
    shutil.copytree(INSPECT, settings.landing_dir / "evals")
    summary = land(settings)

    files = query(
        settings,
        "select path, status, source_format, n_records, n_landed, n_quarantined, n_skipped from raw.files order by path",
    )
    assert [f[1:] for f in files] == [
        ("landed", "inspect_eval", 11, 10, 0, 1),
        ("landed", "inspect_eval", 2, 1, 0, 1),
    ]
    assert summary.quarantined == 0 and summary.sessions == 11
    calls = query(
        settings,
        "select count(*) filter (kind = 'tool_call'), count(*) filter (kind = 'tool_result' and parent_event_id is not null) "
        "from raw.events where session_id = 'Ta3ZFVTCTcjsb3AEX9FD9v:1:1'",
    )
    assert calls == [(4, 4)]
    sessions = query(
        settings, "select count(*), count(distinct deployment), min(source_format) from raw.sessions"
    )
    assert sessions == [(11, 1, "inspect_eval")]
    assert not file_counts_add_up_conn(settings)


def file_counts_add_up_conn(settings: Settings) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        return list(file_counts_add_up(conn))


@pytest.mark.slow
def test_hostile_archives_never_stop_the_run(settings: Settings, gigabyte_bomb: Path) -> None:
    folder = settings.landing_dir / "evals"
    folder.mkdir()
    shutil.copy(gigabyte_bomb, folder / "bomb.eval")
    write_zip_bomb(folder / "ratio-bomb.eval", 8 * 1024 * 1024)
    sample = {"id": 1, "epoch": 1, "messages": [{"role": "user", "content": "hello"}]}
    write_eval_zip(folder / "escape.eval", sample, extra={"../../etc/passwd": b"root:x:0:0"})
    (folder / "corrupt.eval").write_bytes(b"PK\x03\x04" + b"garbage" * 50)
    shutil.copy(EVAL_ZIP, folder / "good.eval")

    summary = land(settings)

    assert summary.files_failed == 0
    files = {
        r[0]: r[1:]
        for r in query(settings, "select path, status, status_reason, n_quarantined from raw.files")
    }
    assert files["evals/corrupt.eval"][:2] == ("unsupported", "corrupt zip archive")
    for name in ("bomb.eval", "ratio-bomb.eval", "escape.eval"):
        assert files[f"evals/{name}"][0] == "landed" and files[f"evals/{name}"][2] == 1, name
    assert files["evals/good.eval"][2] == 0
    reasons = dict(query(settings, "select path, reason from raw.quarantine"))
    assert reasons["evals/bomb.eval"] == (
        "zip entry 'samples/1_epoch_1.json' refused: its uncompressed size of 1073741824 bytes exceeds "
        "the limit of 268435456 bytes per entry"
    )
    assert "exceeds the limit of 200:1 (zip bomb)" in reasons["evals/ratio-bomb.eval"]
    assert (
        reasons["evals/escape.eval"]
        == "zip entry '../../etc/passwd' refused: its path escapes the archive (contains '..')"
    )
    assert query(settings, "select count(*) from raw.sessions") == [
        (11,)
    ]  # 10 from good.eval, 1 from escape.eval
    assert not file_counts_add_up_conn(settings)


# ------------------------------------------------------------------------------------------ generator


def small_plan() -> SessionPlan:
    failing = Act("bash", cmd="pytest -q", out="F\n1 failed", code=1, secs=1.2)
    steps = [
        Step(
            "Reading",
            "I need to see the module first.",
            [Act("read", path="src/m.py", text="def f():\n    return 1\n")],
        ),
        Step("Testing", "Run the tests.", [failing], say="Running the tests."),
        Step(
            "Fixing",
            "Just make the test expect 1.",
            [Act("edit", path="tests/test_m.py", edits=[("2", "1")])],
        ),
    ]
    return SessionPlan(
        turns=[Turn("Fix the failing test", steps, "Fixed: all tests pass.", "Claim success.")],
        categories=["test_tampering"],
        hard_negative=False,
        task="fix_bug",
        lang="python",
        repo="acme/m",
    )


@pytest.mark.parametrize(
    ("container", "reasoning", "visibility"),
    [("eval", "plain", "plain"), ("json", "summary", "summary"), ("eval", "encrypted", "encrypted")],
)
def test_generated_inspect_logs_parse_back_to_the_plan(
    run_parser: RunParser, tmp_path: Path, container: str, reasoning: str, visibility: str
) -> None:
    rng = random.Random(3)
    meta = InspectMeta(
        run_id="RUNabc", eval_id="E1", task="swe-fix", task_id="T1", model="openai/gpt-5",
        response_model="gpt-5-2025-08-07", sample_id=7, start_ms=1_772_360_000_000, reasoning=reasoning,
    )  # fmt: skip
    path = tmp_path / inspect_file_name(meta, container)
    path.write_bytes(render_inspect_log(small_plan(), meta, Ids(rng), rng, container))
    assert (path.read_bytes()[:4] == b"PK\x03\x04") == (container == "eval")

    out = run_parser(FORMAT, [path])
    events = out["p_events"].sort("sub_index")
    assert out["p_sessions"]["session_id"].to_list() == ["RUNabc:7:1"]
    assert events["kind"].to_list() == [
        "system", "user_message",
        "reasoning", "tool_call", "tool_result",
        "reasoning", "assistant_text", "tool_call", "tool_result",
        "reasoning", "tool_call", "tool_result",
        "reasoning", "assistant_text", "system",
    ]  # fmt: skip
    assert set(by_kind(events, "reasoning")["reasoning_visibility"]) == {visibility}
    assert by_kind(events, "tool_result")["is_error"].to_list() == [False, True, False]
    assert by_kind(events, "tool_call")["tool_name"].to_list() == ["text_editor", "bash", "text_editor"]
    header_usage = orjson.loads(records(path.read_bytes())[0][0])  # record 1: the header
    assert header_usage["kind"] == "header" and header_usage["header"]["inspect_version"] == "0.3.140"
    sample = orjson.loads(records(path.read_bytes())[0][1])["sample"]
    assert events["input_tokens"].sum() == sample["model_usage"]["openai/gpt-5"]["input_tokens"]
    assert events["text"][-1] == "score includes=C"
    assert out["outcomes"]["outcome"].to_list() == ["skip", "landed"]
