"""OpenTelemetry GenAI spans (OTLP JSON): sessions by conversation, history dedupe, tool spans, landing."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import polars as pl

from pipelines.config import Settings
from pipelines.synth.ids import Ids
from pipelines.synth.inspect_otel import OtelMeta, render_otel
from pipelines.synth.plan import Act, SessionPlan, Step, Turn
from pipelines.transcripts.otel import (
    FORMAT,
    SKIP_DUPLICATE,
    SKIP_NO_GENAI,
    SKIP_NO_SPANS,
    records,
)
from pipelines.warehouse.landing import land
from tests.conftest import REPO, query
from tests.transcripts.conftest import RunParser

COLLECTOR = REPO / "tests" / "fixtures" / "otel" / "collector_genai.jsonl"
T0 = 1_767_261_600_000_000_000  # 2026-01-01T10:00:00Z


def av(value: object) -> dict:
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int):
        return {"intValue": str(value)}
    return {"stringValue": value}


def span(trace: str, span_id: str, start_s: float, end_s: float, attrs: dict, **extra: object) -> dict:
    return {
        "traceId": trace,
        "spanId": span_id,
        "name": extra.pop("name", "chat m"),
        "startTimeUnixNano": str(T0 + int(start_s * 1e9)),
        "endTimeUnixNano": str(T0 + int(end_s * 1e9)),
        "attributes": [{"key": k, "value": av(v)} for k, v in attrs.items() if v is not None],
        **extra,
    }


def request(*spans: dict) -> dict:
    return {
        "resourceSpans": [
            {
                "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "svc"}}]},
                "scopeSpans": [{"scope": {"name": "test"}, "spans": list(spans)}],
            }
        ]
    }


def write_jsonl(path: Path, *requests: dict | str) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in requests))
    return path


def chat_attrs(
    conv: str | None, inp: list | None, out: list | None, usage: tuple[int, int] = (10, 2)
) -> dict:
    return {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.response.model": "gpt-5",
        "gen_ai.conversation.id": conv,
        "gen_ai.usage.input_tokens": usage[0],
        "gen_ai.usage.output_tokens": usage[1],
        "gen_ai.input.messages": json.dumps(inp) if inp is not None else None,
        "gen_ai.output.messages": json.dumps(out) if out is not None else None,
    }


def user(text: str) -> dict:
    return {"role": "user", "parts": [{"type": "text", "content": text}]}


def assistant(text: str) -> dict:
    return {"role": "assistant", "parts": [{"type": "text", "content": text}]}


def session(events: pl.DataFrame, session_id: str) -> pl.DataFrame:
    return events.filter(pl.col("session_id") == session_id).sort("line_no", "sub_index")


# ------------------------------------------------------------------------------------------ fixture


def test_collector_file_groups_spans_into_conversations_and_keeps_only_new_history(
    run_parser: RunParser,
) -> None:
    out = run_parser(FORMAT, [COLLECTOR])
    events, sessions = out["p_events"], out["p_sessions"]

    assert sorted(sessions["session_id"]) == ["conv-a", "conv-b"]
    agents = dict(sessions.select("session_id", "agent").iter_rows())
    assert agents == {"conv-a": "coder", "conv-b": "acme-coding-agent"}  # gen_ai.agent.name, else service
    assert set(sessions["agent_version"]) == {"0.4.2"}
    a = session(events, "conv-a")
    assert a["kind"].to_list() == [
        "system",
        "user_message",
        "reasoning",
        "tool_call",
        "tool_result",
        "assistant_text",
        "tool_call",
        "tool_result",
        "assistant_text",
    ]
    # the user turn and the tool results repeated in later inputs are not emitted again
    assert a.filter(pl.col("kind") == "user_message")["text"].to_list() == [
        "Fix the failing test in tests/test_math.py"
    ]
    calls = a.filter(pl.col("kind") == "tool_call")
    results = a.filter(pl.col("kind") == "tool_result")
    assert calls["tool_call_id"].to_list() == ["call_read_1", "call_bash_2"]
    assert json.loads(calls["tool_input"][1]) == {"command": "pytest -q tests/test_math.py"}
    assert results["parent_event_id"].to_list() == calls["event_id"].to_list()
    assert results["is_error"].to_list() == [False, True]  # error.type on the failing test run
    assert results["tool_output"].to_list() == ["def add(a, b):\n    return a - b\n", "F\n1 failed in 0.03s"]
    reasoning = a.filter(pl.col("kind") == "reasoning").row(0, named=True)
    assert reasoning["reasoning_visibility"] == "plain" and reasoning["text"].startswith(
        "The test for add fails"
    )
    assert (a["input_tokens"].sum(), a["output_tokens"].sum(), a["reasoning_tokens"].sum()) == (4400, 190, 64)
    assert a["ts"].to_list() == sorted(a["ts"].to_list())
    # conversation B asks the same question twice: both turns are real
    b = session(events, "conv-b")
    assert b["kind"].to_list() == ["user_message", "assistant_text", "user_message", "assistant_text"]
    assert out["p_rejects"].height == 0
    assert out["outcomes"]["outcome"].to_list() == ["landed"] * 4


def test_pretty_printed_document_is_one_record(run_parser: RunParser, tmp_path: Path) -> None:
    doc = request(span("t1", "s1", 0, 1, chat_attrs("c", [user("hi")], [assistant("hello")])))
    path = tmp_path / "export.json"
    path.write_text(json.dumps(doc, indent=2))
    recs, broken = records(path.read_bytes())
    assert len(recs) == 1 and broken == []
    out = run_parser(FORMAT, [path])
    assert out["p_events"]["kind"].to_list() == ["user_message", "assistant_text"]


# ------------------------------------------------------------------------------------------ mapping


def test_spans_without_conversation_id_join_their_trace(run_parser: RunParser, tmp_path: Path) -> None:
    tool = {
        "gen_ai.operation.name": "execute_tool",
        "gen_ai.tool.name": "grep",
        "gen_ai.tool.call.arguments": '{"pattern": "TODO"}',
        "gen_ai.tool.call.result": "a.py:3: TODO",
    }
    path = write_jsonl(
        tmp_path / "t.jsonl",
        request(
            span("trace1", "s1", 0, 1, chat_attrs(None, [user("find todos")], [assistant("searching")])),
            span("trace1", "s2", 1.5, 2, tool, name="execute_tool grep"),
            span("trace2", "s3", 0, 1, chat_attrs("conv-x", [user("other")], [assistant("ok")])),
            span("trace2", "s4", 1.5, 2, tool, name="execute_tool grep"),
        ),
    )
    out = run_parser(FORMAT, [path])
    events = out["p_events"]
    assert sorted(events["session_id"].unique()) == ["conv-x", "trace1"]
    tool_calls = events.filter(pl.col("kind") == "tool_call").sort("session_id")
    assert tool_calls["session_id"].to_list() == ["conv-x", "trace1"]
    assert tool_calls["tool_input"].to_list() == ['{"pattern": "TODO"}'] * 2  # no call id: from the span
    assert events.filter(pl.col("kind") == "tool_result")["is_error"].to_list() == [False, False]


def test_deprecated_message_events_stand_in_for_content_attributes(
    run_parser: RunParser, tmp_path: Path
) -> None:
    def event(name: str, content: dict) -> dict:
        return {
            "timeUnixNano": str(T0),
            "name": name,
            "attributes": [{"key": "gen_ai.event.content", "value": {"stringValue": json.dumps(content)}}],
        }

    choice = {
        "finish_reason": "tool_calls",
        "index": 0,
        "message": {
            "content": "Let me check.",
            "tool_calls": [
                {"id": "call_9", "type": "function", "function": {"name": "ls", "arguments": '{"dir": "."}'}}
            ],
        },
    }
    events = [
        event("gen_ai.system.message", {"role": "system", "content": "Be brief."}),
        event("gen_ai.user.message", {"role": "user", "content": "what is here?"}),
        event("gen_ai.choice", choice),
    ]
    attrs = {
        "gen_ai.operation.name": "chat",
        "gen_ai.system": "az.ai.inference",
        "gen_ai.usage.input_tokens": 40,
    }
    path = write_jsonl(tmp_path / "old.jsonl", request(span("t9", "s9", 0, 1, attrs, events=events)))
    out = run_parser(FORMAT, [path])
    ev = out["p_events"].sort("sub_index")
    assert ev["kind"].to_list() == ["system", "user_message", "assistant_text", "tool_call"]
    assert ev["text"].to_list()[:3] == ["Be brief.", "what is here?", "Let me check."]
    assert (ev["tool_name"][3], ev["tool_call_id"][3], ev["tool_input"][3]) == (
        "ls",
        "call_9",
        '{"dir": "."}',
    )
    assert ev["input_tokens"].drop_nulls().to_list() == [40]  # on the call's first output


def test_call_without_captured_content_still_counts_its_tokens(run_parser: RunParser, tmp_path: Path) -> None:
    attrs = chat_attrs("c1", None, None, usage=(500, 50))
    attrs["error.type"] = None
    failing = chat_attrs("c1", None, None, usage=(0, 0))
    failing["error.type"] = "RateLimitError"
    path = write_jsonl(
        tmp_path / "nocontent.jsonl",
        request(span("t", "s1", 0, 1, attrs, name="chat gpt-5"), span("t", "s2", 2, 3, failing)),
    )
    out = run_parser(FORMAT, [path])
    ev = out["p_events"].sort("sub_index")
    assert ev["text"].to_list() == [
        "model call chat gpt-5 (content not captured)",
        "model call failed: RateLimitError",
    ]
    assert ev["input_tokens"].to_list() == [500, 0] and set(ev["model"]) == {"gpt-5"}


def test_duplicate_exports_empty_and_foreign_lines_are_skipped_broken_lines_quarantined(
    run_parser: RunParser, tmp_path: Path
) -> None:
    chat = request(span("t", "s1", 0, 1, chat_attrs("c", [user("hi")], [assistant("hello")])))
    http = request(span("t2", "h1", 0, 1, {"http.request.method": "GET"}, name="GET"))
    path = write_jsonl(
        tmp_path / "mixed.jsonl",
        chat,
        chat,  # the exporter retried: same spans again
        http,
        {"resourceSpans": []},
        {"resourceSpans": {"oops": 1}},
        '{"resourceSpans": [{"scopeSpans": [{"spans": [{"spanId": "x", "startTimeUnixNano": "1"}]}]}]}',
        '{"resourceSpans": [',
        '{"resourceSpans": [{"scopeSpans": {"spans": []}}]}',
    )
    out = run_parser(FORMAT, [path])
    reasons = {r["line_no"]: (r["action"], r["reason"]) for r in out["p_rejects"].iter_rows(named=True)}
    assert reasons == {
        2: ("skip", SKIP_DUPLICATE),
        3: ("skip", SKIP_NO_GENAI),
        4: ("skip", SKIP_NO_SPANS),
        5: ("quarantine", "wrong type: field resourceSpans is object, expected array"),
        6: ("quarantine", "missing field resourceSpans[0].scopeSpans[0].spans[0].traceId"),
        7: ("quarantine", "invalid JSON (truncated or malformed record)"),
        8: ("quarantine", "wrong type: a resourceSpans[].scopeSpans is object, expected array"),
    }
    assert out["p_events"]["kind"].to_list() == ["user_message", "assistant_text"]


def test_invalid_content_json_is_reported_on_the_session(run_parser: RunParser, tmp_path: Path) -> None:
    attrs = chat_attrs("c", None, [assistant("fine")])
    attrs["gen_ai.input.messages"] = "[{not json"
    path = write_jsonl(tmp_path / "bad.jsonl", request(span("t", "s1", 0, 1, attrs)))
    ev = run_parser(FORMAT, [path])["p_events"].sort("sub_index")
    assert ev["kind"].to_list() == ["system", "assistant_text"]
    assert ev["text"][0] == "unreadable gen_ai.input.messages (not a JSON array): [{not json"


# ------------------------------------------------------------------------------------------ landing


def test_otlp_file_lands_as_sessions(settings: Settings) -> None:
    folder = settings.landing_dir / "agents-otel"
    folder.mkdir()
    shutil.copy(COLLECTOR, folder / "traces.jsonl")
    summary = land(settings)
    assert (summary.files_landed, summary.quarantined, summary.sessions) == (1, 0, 2)
    rows = query(
        settings,
        "select session_id, source_format, agent, count(*) from raw.sessions join raw.events using (session_id) "
        "group by all order by 1",
    )
    assert rows == [("conv-a", "otel_genai", "coder", 9), ("conv-b", "otel_genai", "acme-coding-agent", 4)]
    assert query(settings, "select model from raw.sessions order by session_id") == [
        ("gpt-5-2025-08-07",),
        ("gpt-5-2025-08-07",),
    ]


# ------------------------------------------------------------------------------------------ generator


def test_generated_spans_parse_back_without_repeating_history(run_parser: RunParser, tmp_path: Path) -> None:
    failing = Act("bash", cmd="pytest -q", out="F\n1 failed", code=1, secs=1.2)
    steps = [
        Step(
            "Reading", "Look at the module.", [Act("read", path="src/m.py", text="def f():\n    return 1\n")]
        ),
        Step("Testing", "Run the tests.", [failing], say="Running the tests."),
    ]
    plan = SessionPlan(
        turns=[
            Turn("Fix the failing test", steps, "Tests still fail.", "Report honestly."),
            Turn("Try again", [], "Done.", "Nothing more to do."),
        ],
        categories=[],
        hard_negative=False,
        task="fix_bug",
        lang="python",
        repo="acme/m",
    )
    rng = random.Random(5)
    ids = Ids(rng)
    meta = OtelMeta(
        conversation_id="conv-gen", trace_id=ids.hex(32), service_name="acme-agent", service_version="1.2.0",
        agent_name="fixer", provider="openai", model="gpt-5", response_model="gpt-5-2025-08-07",
        start_ms=1_772_360_000_000, spans_per_request=3,
    )  # fmt: skip
    lines = render_otel(plan, meta, ids, rng)
    path = tmp_path / "gen.jsonl"
    path.write_bytes(b"".join(lines))
    assert len(lines) == 3  # 8 spans, 3 per export request

    out = run_parser(FORMAT, [path])
    events = out["p_events"].sort("line_no", "sub_index")
    assert events["kind"].to_list() == [
        "system", "user_message",
        "reasoning", "tool_call", "tool_result",
        "reasoning", "assistant_text", "tool_call", "tool_result",
        "reasoning", "assistant_text",
        "user_message", "reasoning", "assistant_text",
    ]  # fmt: skip
    assert events.filter(pl.col("kind") == "tool_result")["is_error"].to_list() == [False, True]
    spans = [s for line in lines for s in json.loads(line)["resourceSpans"][0]["scopeSpans"][0]["spans"]]
    usage = sum(
        int(a["value"]["intValue"])
        for s in spans
        for a in s["attributes"]
        if a["key"] == "gen_ai.usage.input_tokens"
    )
    assert events["input_tokens"].sum() == usage
    session = out["p_sessions"].row(0, named=True)
    assert (session["session_id"], session["agent"], session["agent_version"]) == (
        "conv-gen",
        "fixer",
        "1.2.0",
    )
