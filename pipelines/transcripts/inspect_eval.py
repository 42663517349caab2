"""Inspect AI eval logs: `.eval` (a zip of JSON members) and `.json` (one EvalLog document).

Reference: transcript-formats.md section 3. A log holds the eval's header (`eval`: run_id, task,
model, packages, ...) and its samples; each sample (one per dataset item and epoch) is a session
`<eval.run_id>:<sample.id>:<epoch>` (`sample.uuid` when the log has no run_id).

Records (`records`, per file, in Python): record 1 is the header, skipped; then one record per
sample, `{"kind": "sample", "entry", "header": {...}, "sample": {...}}` as compact JSON. The sample
keeps what the parser reads: messages, scores, usage, error, limit, and its model/tool/init events
cut down to the fields used (model inputs and raw provider payloads repeat the whole history on
every call and are dropped). `attachment://<hash>` references are resolved against
`sample.attachments` (images excepted: they stay references and become `[image]`). `.eval` members
are checked before they are read (safezip: size, ratio, paths, encryption, method); a refused or
unreadable member becomes a broken record with the reason, which landing quarantines.

Mapping (SQL, over all samples of the batch):

    system / user message            system / user_message, text = text parts (media as [image] ...)
    assistant text part / string     assistant_text
    assistant ContentReasoning       reasoning: redacted -> summary ('summary') or no text
                                     ('encrypted'); else reasoning ('plain'), else summary, else 'empty'
    assistant tool_calls[]           tool_call (tool_input = arguments JSON)
    assistant tool_use part          tool_call, and tool_result when it carries a result (server tools)
    tool message                     tool_result (is_error when `error` is set; the error message is
                                     the output when the content is empty), paired by tool_call_id
    ToolEvent                        tool_call and/or tool_result only for a call id that the
                                     messages do not already hold (a sample cut short by a limit)
    sample.error / sample.limit      system 'error: ...' / 'limit: ...'
    sample.scores                    one system event 'score <name>=<value>' each, at the end

A sample without messages (older or streaming logs) is read from its events instead: the input,
then each model call's output message, with ToolEvents for the results.

Timestamps: messages carry none. An assistant message takes the end of the model call that produced
it (matched on message id, or in call order for logs without ids); tool calls and results take their
ToolEvent's start and end; other messages take the previous event's time, the first ones the sample's
start. Tokens: each model call's usage on the first event of its message, so a session's sum counts
every call once; a log whose calls match no message charges `sample.model_usage` to the last
assistant message instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import duckdb
import orjson

from pipelines.transcripts.base import Records, TranscriptFormat, rejects_for_invalid_json_sql
from pipelines.transcripts.safezip import (
    DEFAULT_LIMITS,
    EntryRefused,
    ZipLimits,
    entry_name,
    entry_problem,
    open_archive,
    read_entry,
)
from pipelines.transcripts.sqlutil import INTEGER, role_from_kind, run_steps, ts_expr, type_check_case

SOURCE_FORMAT = "inspect_eval"
ZIP_MAGIC = b"PK\x03\x04"
# The first member present is the header: finished logs, logs still running, logs before 0.3.60.
HEADER_MEMBERS = ("header.json", "_journal/start.json", "start.json")
SAMPLE_MEMBER = re.compile(r"samples/[^/]+\.json")
EVAL2_SAMPLE_MEMBER = re.compile(r"samples/[^/]+/sample\.json")
ATTACHMENT_REF = re.compile(rb'"attachment://([A-Za-z0-9_-]{1,128})"')
EXCERPT_BYTES = 500

SKIP_HEADER = "eval log header (no conversation)"
SKIP_EMPTY_SAMPLE = "sample with no messages, tool events, error or scores"
SKIP_DUPLICATE = "duplicate of an earlier sample in the file (same run, id and epoch)"

# ------------------------------------------------------------------------------------------ records

_SAMPLE_KEYS = (
    "id",
    "epoch",
    "uuid",
    "started_at",
    "completed_at",
    "messages",
    "scores",
    "model_usage",
    "limit",
)
_TOOL_EVENT_KEYS = (
    "i",
    "event",
    "timestamp",
    "completed",
    "id",
    "function",
    "arguments",
    "result",
    "error",
    "failed",
)


def _kind(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number"
    )


def _header_fields(log: dict[str, Any]) -> dict[str, Any]:
    spec = log.get("eval") if isinstance(log.get("eval"), dict) else {}
    packages = spec.get("packages") if isinstance(spec.get("packages"), dict) else {}
    return {
        "run_id": spec.get("run_id"),
        "eval_id": spec.get("eval_id"),
        "task": spec.get("task"),
        "model": spec.get("model"),
        "created": spec.get("created"),
        "inspect_version": packages.get("inspect_ai"),
        "solver": spec.get("solver"),
        "status": log.get("status"),
    }


def _first_message(output: object) -> object:
    choices = output.get("choices") if isinstance(output, dict) else None
    if isinstance(choices, list) and choices and isinstance(choices[0], dict):
        return choices[0].get("message")
    return None


def _slim_event(i: int, event: object, has_messages: bool, call_ids: set, result_ids: set) -> object:
    """The fields of one event the parser reads, or None for events it does not read."""
    if not isinstance(event, dict):
        return event  # the parser reports the wrong type
    kind = event.get("event")
    if kind == "model":
        output = event.get("output") if isinstance(event.get("output"), dict) else {}
        message = _first_message(output)
        if has_messages and isinstance(message, dict):
            message = {"id": message.get("id")}  # only matched to the sample's messages
        return {
            "i": i,
            "event": kind,
            "timestamp": event.get("timestamp"),
            "completed": event.get("completed"),
            "model": event.get("model"),
            "output": {
                "model": output.get("model"),
                "usage": output.get("usage"),
                "time": output.get("time"),
                "message": message,
            },
        }
    if kind == "tool":
        slim = {key: event.get(key) for key in _TOOL_EVENT_KEYS}
        slim["i"] = i
        # What the messages already hold is not copied again (results can be large).
        if event.get("id") in call_ids:
            slim.pop("arguments")
        if event.get("id") in result_ids:
            slim.pop("result")
        return slim
    if kind == "sample_init":
        return {"i": i, "event": kind, "timestamp": event.get("timestamp")}
    return None


def _slim_sample(sample: dict[str, Any]) -> dict[str, Any]:
    messages = sample.get("messages")
    has_messages = isinstance(messages, list) and len(messages) > 0
    call_ids: set = set()
    result_ids: set = set()
    if has_messages:
        for message in messages:
            if not isinstance(message, dict):
                continue
            if message.get("role") == "tool":
                result_ids.add(message.get("tool_call_id"))
            calls = message.get("tool_calls")
            if isinstance(calls, list):
                call_ids.update(c.get("id") for c in calls if isinstance(c, dict))
    call_ids.discard(None)
    result_ids.discard(None)
    slim = {key: sample[key] for key in _SAMPLE_KEYS if key in sample}
    output = sample.get("output")
    slim["output_model"] = output.get("model") if isinstance(output, dict) else None
    error = sample.get("error")
    slim["error"] = error.get("message") if isinstance(error, dict) else error
    if not has_messages:
        slim["input"] = sample.get("input")
    events = sample.get("events")
    if isinstance(events, list):
        kept = (_slim_event(i, e, has_messages, call_ids, result_ids) for i, e in enumerate(events))
        slim["events"] = [e for e in kept if e is not None]
    elif events is not None:
        slim["events"] = events
    return slim


class _Builder:
    """Collects records in file order; a broken one is None in `records` plus its reason."""

    def __init__(self) -> None:
        self.records: list[str | None] = []
        self.broken: list[tuple[int, str, str]] = []

    def refuse(self, reason: str, excerpt: str = "") -> None:
        self.records.append(None)
        self.broken.append((len(self.records), reason[:1000], excerpt[:EXCERPT_BYTES]))

    def add(self, obj: dict[str, Any], attachments: object = None) -> None:
        raw = orjson.dumps(obj)
        if isinstance(attachments, dict) and attachments:

            def resolve(match: re.Match[bytes]) -> bytes:
                value = attachments.get(match.group(1).decode())
                if not isinstance(value, str) or value.startswith("data:"):
                    return match.group(0)  # unknown, or an image: the reference is enough
                return orjson.dumps(value)

            raw = ATTACHMENT_REF.sub(resolve, raw)
        self.records.append(raw.decode())

    def add_sample(self, header: dict[str, Any], sample: object, entry: str) -> None:
        if not isinstance(sample, dict):
            self.refuse(f"{entry}: wrong shape: expected a JSON object, got {_kind(sample)}")
            return
        record = {"kind": "sample", "entry": entry, "header": header, "sample": _slim_sample(sample)}
        self.add(record, sample.get("attachments"))


def _json_records(data: bytes, out: _Builder) -> None:
    try:
        log = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        out.refuse(f"invalid JSON document: {exc}", data[:EXCERPT_BYTES].decode("utf-8", "replace"))
        return
    if not isinstance(log, dict):
        out.refuse(f"wrong shape: expected an Inspect eval log (JSON object), got {_kind(log)}")
        return
    header = _header_fields(log)
    samples = log.get("samples")
    out.add({"kind": "header", "header": header})
    if samples is None:
        return
    if not isinstance(samples, list):
        out.refuse(f"wrong type: field samples is {_kind(samples)}, expected array")
        return
    for i, sample in enumerate(samples):
        out.add_sample(header, sample, f"samples[{i}]")


def _zip_records(data: bytes, out: _Builder, limits: ZipLimits) -> None:
    archive, reason = open_archive(data, limits)
    if archive is None:
        out.refuse(reason or "corrupt zip archive")
        return
    budget = limits.max_total_bytes
    failed = object()

    def load(info: Any) -> object:
        nonlocal budget
        name = entry_name(info)
        problem = entry_problem(info, limits)
        if problem:
            out.refuse(f"zip entry {name} refused: {problem}", info.filename[:200])
            return failed
        try:
            raw = read_entry(archive, info, budget)
        except EntryRefused as exc:
            out.refuse(f"zip entry {name} refused: {exc}", info.filename[:200])
            return failed
        budget -= len(raw)
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            out.refuse(
                f"zip entry {name}: invalid JSON ({exc})", raw[:EXCERPT_BYTES].decode("utf-8", "replace")
            )
            return failed

    infos = archive.infolist()
    names = {info.filename: info for info in infos}
    header_info = next((names[n] for n in HEADER_MEMBERS if n in names), None)
    header: dict[str, Any] = {}
    if header_info is not None:
        doc = load(header_info)
        if isinstance(doc, dict):
            header = _header_fields(doc)
            out.add({"kind": "header", "header": header})
        elif doc is not failed:
            out.refuse(
                f"zip entry {entry_name(header_info)}: wrong shape: expected a JSON object, got {_kind(doc)}"
            )
    for info in infos:
        if info is header_info:
            continue
        if SAMPLE_MEMBER.fullmatch(info.filename):
            sample = load(info)
            if sample is not failed:
                out.add_sample(header, sample, info.filename)
        elif EVAL2_SAMPLE_MEMBER.fullmatch(info.filename):
            out.refuse(
                f"zip entry {entry_name(info)}: a sample in the chunked .eval2 layout, which is not supported",
                info.filename[:200],
            )
        else:
            # Journal, summaries, reductions are not read, but a hostile member is still reported.
            problem = entry_problem(info, limits)
            if problem:
                out.refuse(f"zip entry {entry_name(info)} refused: {problem}", info.filename[:200])


def read_records(data: bytes, limits: ZipLimits = DEFAULT_LIMITS) -> Records:
    """An `.eval` zip or `.json` log as records (see the module doc); never raises."""
    out = _Builder()
    try:
        if data[:4] == ZIP_MAGIC:
            _zip_records(data, out, limits)
        else:
            _json_records(data, out)
    except Exception as exc:  # a log this reader cannot follow must not stop the run
        out.refuse(f"unreadable Inspect log: {type(exc).__name__}: {exc}")
    return out.records, out.broken


def records(data: bytes) -> Records:
    return read_records(data)


# ------------------------------------------------------------------------------------------ parser

ROW_PATHS = {
    "kind": "$.kind",
    "entry": "$.entry",
    "run_id": "$.header.run_id",
    "hmodel": "$.header.model",
    "version": "$.header.inspect_version",
    "created": "$.header.created",
    "id": "$.sample.id",
    "epoch": "$.sample.epoch",
    "uuid": "$.sample.uuid",
    "messages": "$.sample.messages",
    "events": "$.sample.events",
    "scores": "$.sample.scores",
    "model_usage": "$.sample.model_usage",
    "output_model": "$.sample.output_model",
    "started_at": "$.sample.started_at",
    "completed_at": "$.sample.completed_at",
    "error": "$.sample.error",
    "limit": "$.sample.limit",
    "limit_type": "$.sample.limit.type",
    "limit_value": "$.sample.limit.limit",
    "input": "$.sample.input",
}
R = {name: f"v[{i + 1}]" for i, name in enumerate(ROW_PATHS)}
ROW_CHECKS = [
    (R["id"], "sample.id", ("VARCHAR", *INTEGER)),
    (R["epoch"], "sample.epoch", INTEGER),
    (R["uuid"], "sample.uuid", ("VARCHAR",)),
    (R["messages"], "sample.messages", ("ARRAY",)),
    (R["events"], "sample.events", ("ARRAY",)),
    (R["scores"], "sample.scores", ("OBJECT",)),
    (R["model_usage"], "sample.model_usage", ("OBJECT",)),
    (R["output_model"], "sample.output.model", ("VARCHAR",)),
    (R["started_at"], "sample.started_at", ("VARCHAR",)),
    (R["completed_at"], "sample.completed_at", ("VARCHAR",)),
    (R["error"], "sample.error.message", ("VARCHAR",)),
    (R["limit"], "sample.limit", ("OBJECT",)),
    (R["input"], "sample.input", ("VARCHAR", "ARRAY")),
]

EVENT_PATHS = {
    "i": "$.i",
    "event": "$.event",
    "timestamp": "$.timestamp",
    "completed": "$.completed",
    "model": "$.model",
    "out_model": "$.output.model",
    "usage": "$.output.usage",
    "in_tok": "$.output.usage.input_tokens",
    "out_tok": "$.output.usage.output_tokens",
    "rsn_tok": "$.output.usage.reasoning_tokens",
    "cr_tok": "$.output.usage.input_tokens_cache_read",
    "cw_tok": "$.output.usage.input_tokens_cache_write",
    "total_tok": "$.output.usage.total_tokens",
    "out_msg": "$.output.message",
    "out_msg_id": "$.output.message.id",
    "out_time": "$.output.time",
    "id": "$.id",
    "function": "$.function",
    "arguments": "$.arguments",
    "result": "$.result",
    "error": "$.error",
    "error_message": "$.error.message",
    "failed": "$.failed",
}
E = {name: f"ev[{i + 1}]" for i, name in enumerate(EVENT_PATHS)}
# '@' stands for the event's path in the sample, filled in per row.
EVENT_CHECKS = [
    (E["event"], "@.event", ("VARCHAR",)),
    (E["timestamp"], "@.timestamp", ("VARCHAR",)),
    (E["completed"], "@.completed", ("VARCHAR",)),
    (E["model"], "@.model", ("VARCHAR",)),
    (E["out_model"], "@.output.model", ("VARCHAR",)),
    (E["usage"], "@.output.usage", ("OBJECT",)),
    (E["in_tok"], "@.output.usage.input_tokens", INTEGER),
    (E["out_tok"], "@.output.usage.output_tokens", INTEGER),
    (E["rsn_tok"], "@.output.usage.reasoning_tokens", INTEGER),
    (E["cr_tok"], "@.output.usage.input_tokens_cache_read", INTEGER),
    (E["cw_tok"], "@.output.usage.input_tokens_cache_write", INTEGER),
    (E["total_tok"], "@.output.usage.total_tokens", INTEGER),
    (E["out_msg"], "@.output.choices[0].message", ("OBJECT",)),
    (E["id"], "@.id", ("VARCHAR",)),
    (E["function"], "@.function", ("VARCHAR",)),
    (E["error"], "@.error", ("OBJECT",)),
    (E["failed"], "@.failed", ("BOOLEAN",)),
]

MESSAGE_PATHS = {
    "role": "$.role",
    "content": "$.content",
    "id": "$.id",
    "tool_calls": "$.tool_calls",
    "tool_call_id": "$.tool_call_id",
    "function": "$.function",
    "error": "$.error",
    "error_message": "$.error.message",
    "model": "$.model",
    "source": "$.source",
}
M = {name: f"mv[{i + 1}]" for i, name in enumerate(MESSAGE_PATHS)}
MESSAGE_CHECKS = [
    (M["role"], "@.role", ("VARCHAR",)),
    (M["content"], "@.content", ("VARCHAR", "ARRAY")),
    (M["id"], "@.id", ("VARCHAR",)),
    (M["tool_calls"], "@.tool_calls", ("ARRAY",)),
    (M["tool_call_id"], "@.tool_call_id", ("VARCHAR",)),
    (M["function"], "@.function", ("VARCHAR",)),
    (M["error"], "@.error", ("OBJECT",)),
    (M["model"], "@.model", ("VARCHAR",)),
    (M["source"], "@.source", ("VARCHAR",)),
]
ROLES_SQL = "('system', 'user', 'assistant', 'tool')"

CALL_PATHS = {"id": "$.id", "function": "$.function", "arguments": "$.arguments"}
C = {name: f"cv[{i + 1}]" for i, name in enumerate(CALL_PATHS)}
CALL_CHECKS = [
    (C["id"], "@.id", ("VARCHAR",)),
    (C["function"], "@.function", ("VARCHAR",)),
    (C["arguments"], "@.arguments", ("OBJECT", "VARCHAR", "ARRAY")),
]

PART_PATHS = {
    "type": "$.type",
    "text": "$.text",
    "reasoning": "$.reasoning",
    "summary": "$.summary",
    "redacted": "$.redacted",
    "id": "$.id",
    "name": "$.name",
    "arguments": "$.arguments",
    "result": "$.result",
    "error": "$.error",
}
P = {name: f"pv[{i + 1}]" for i, name in enumerate(PART_PATHS)}
PTYPE = f"({P['type']} ->> '$')"
PART_CHECKS = [
    (P["type"], "@.type", ("VARCHAR",)),
    (f"case when {PTYPE} = 'text' then {P['text']} end", "@.text", ("VARCHAR",)),
    (P["reasoning"], "@.reasoning", ("VARCHAR",)),
    (P["summary"], "@.summary", ("VARCHAR",)),
    (P["redacted"], "@.redacted", ("BOOLEAN",)),
]

# Ordering inside a sample: messages (and, for event-built samples, events) by position, then the
# sample's error and limit, then its scores.
ORD_END = 1_000_000_000


USAGE_FIELDS = {
    "in_tok": "input_tokens",
    "out_tok": "output_tokens",
    "cr_tok": "input_tokens_cache_read",
    "cw_tok": "input_tokens_cache_write",
    "total_tok": "total_tokens",
}


def _all_input(cast: str, field: Callable[[str], str]) -> str:
    """All input tokens of an Inspect `ModelUsage`. Providers differ: OpenAI's `input_tokens`
    already holds the cache reads, Anthropic's holds neither cache reads nor writes. The total
    tells them apart: when input + output + cache read + cache write add up to `total_tokens`,
    the cache buckets were counted apart and are added; otherwise `input_tokens` is all input."""
    v = {name: cast.format(field(name)) for name in USAGE_FIELDS}
    apart = (
        f"{v['in_tok']} + {v['out_tok']} + coalesce({v['cr_tok']}, 0) + coalesce({v['cw_tok']}, 0)"
        f" = {v['total_tok']}"
    )
    return (
        f"case when coalesce({v['cr_tok']}, 0) + coalesce({v['cw_tok']}, 0) > 0 and {apart} "
        f"then {v['in_tok']} + coalesce({v['cr_tok']}, 0) + coalesce({v['cw_tok']}, 0) "
        f"else {v['in_tok']} end"
    )


def _s(col: str) -> str:
    """A JSON value as a SQL string (strings unquoted; NULL for absent or JSON null)."""
    return f"({col} ->> '$')"


def _at(checks: list[tuple[str, str, tuple[str, ...]]], path_sql: str) -> str:
    """type_check_case with '@' in field names replaced by the row's path."""
    return f"replace({type_check_case(checks)}, '@', {path_sql})"


def _json_text(col: str) -> str:
    """JSON text of an object or array; a string as itself."""
    return f"case when json_type({col}) = 'VARCHAR' then {_s(col)} else {col}::varchar end"


def _content_text(col: str) -> str:
    """Text of a message content (a string or a list of Content parts); media become [image] etc."""
    return f"""case json_type({col})
        when 'VARCHAR' then {_s(col)}
        when 'ARRAY' then array_to_string(list_transform({col}::json[], lambda x: case
            when json_type(x) = 'VARCHAR' then x ->> '$'
            when x ->> '$.type' = 'text' then x ->> '$.text'
            when x ->> '$.type' = 'reasoning' then null
            else '[' || coalesce(x ->> '$.type', json_type(x)) || ']' end), chr(10))
        when 'OBJECT' then coalesce({col} ->> '$.text', {col}::varchar)
        when 'NULL' then null
        else {_s(col)} end"""


def _rows(conn: duckdb.DuckDBPyConnection) -> None:
    row_paths = ", ".join(f"'{p}'" for p in ROW_PATHS.values())
    conn.execute(f"""
        create or replace temp table i_rows as
        select file_id, line_no, v, {_s(R["kind"])} as rkind
        from (
            select file_id, line_no, json_extract(line, [{row_paths}]) as v
            from batch_lines
            where case when json_valid(line) then json_type(line) end = 'OBJECT'
        )
    """)


def _samples(conn: duckdb.DuckDBPyConnection) -> None:
    """1. Samples: identity, header fields, and what is wrong with the sample as a whole."""
    conn.execute(f"""
        create or replace temp table i_samples_all as
        select file_id, line_no,
               case when run_id is not null and sample_id is not null
                        then run_id || ':' || sample_id || ':' || coalesce(epoch, '1')
                    when uuid is not null then uuid
                    else file_id || ':' || line_no end as session_id,
               sample_id, version, hmodel, created, messages, events, scores, model_usage,
               output_model, started_at, completed_at, error_message, limit_text, input,
               coalesce(json_array_length(messages), 0) as n_msgs,
               coalesce(json_array_length(messages), 0) > 0 as has_msgs,
               case json_type(input) when 'VARCHAR' then 1 when 'ARRAY' then json_array_length(input)
                    else 0 end as n_input,
               problem
        from (
            select file_id, line_no,
                   nullif({_s(R["run_id"])}, '') as run_id, {_s(R["id"])} as sample_id,
                   {_s(R["epoch"])} as epoch, nullif({_s(R["uuid"])}, '') as uuid,
                   {_s(R["version"])} as version, {_s(R["hmodel"])} as hmodel,
                   {ts_expr(_s(R["created"]))} as created,
                   {R["messages"]} as messages, {R["events"]} as events, {R["scores"]} as scores,
                   {R["model_usage"]} as model_usage, {_s(R["output_model"])} as output_model,
                   {ts_expr(_s(R["started_at"]))} as started_at,
                   {ts_expr(_s(R["completed_at"]))} as completed_at,
                   {_s(R["error"])} as error_message,
                   case when {R["limit"]} is not null and json_type({R["limit"]}) = 'OBJECT'
                        then coalesce({_s(R["limit_type"])}, 'limit')
                             || coalesce(' (' || {_s(R["limit_value"])} || ')', '') end as limit_text,
                   {R["input"]} as input,
                   coalesce(
                       {type_check_case(ROW_CHECKS)},
                       case when coalesce({_s(R["id"])}, '') = '' then 'missing field sample.id'
                            when {_s(R["started_at"])} is not null and {ts_expr(_s(R["started_at"]))} is null
                                then 'unreadable timestamp in field sample.started_at: '
                                     || left({_s(R["started_at"])}, 60)
                            when {_s(R["completed_at"])} is not null
                                 and {ts_expr(_s(R["completed_at"]))} is null
                                then 'unreadable timestamp in field sample.completed_at: '
                                     || left({_s(R["completed_at"])}, 60)
                       end) as problem
            from i_rows where rkind = 'sample'
        )
    """)
    # A sample stored twice in one file (same run, id and epoch) lands once, from its first record.
    conn.execute("""
        create or replace temp table i_samples as
        select * from i_samples_all
        qualify row_number() over (partition by file_id, session_id order by line_no) = 1
    """)


def _events(conn: duckdb.DuckDBPyConnection) -> None:
    """2. The events read (model calls, tool calls, sample start), each checked."""
    event_paths = ", ".join(f"'{p}'" for p in EVENT_PATHS.values())
    conn.execute(f"""
        create or replace temp table i_events as
        select file_id, line_no, session_id, eidx, etype, orig_i,
               {ts_expr(_s(E["timestamp"]))} as ts,
               -- logs before `completed` existed: the call's start plus its duration
               coalesce({ts_expr(_s(E["completed"]))},
                        {ts_expr(_s(E["timestamp"]))}
                            + to_microseconds(try_cast(try_cast({_s(E["out_time"])} as double) * 1e6 as bigint)))
                   as completed,
               coalesce({_s(E["out_model"])}, {_s(E["model"])}) as model,
               {_all_input("try_cast({} as bigint)", lambda f: _s(E[f]))} as input_tokens,
               try_cast({_s(E["cr_tok"])} as bigint) as cached_input_tokens,
               try_cast({_s(E["cw_tok"])} as bigint) as cache_creation_input_tokens,
               try_cast({_s(E["out_tok"])} as bigint) as output_tokens,
               try_cast({_s(E["rsn_tok"])} as bigint) as reasoning_tokens,
               {E["usage"]} is not null and json_type({E["usage"]}) = 'OBJECT' as has_usage,
               {E["out_msg"]} as out_msg, {_s(E["out_msg_id"])} as out_msg_id,
               {_s(E["id"])} as call_id, {_s(E["function"])} as function,
               case when {E["arguments"]} is not null and json_type({E["arguments"]}) <> 'NULL'
                    then {_json_text(E["arguments"])} end as arguments,
               {_content_text(E["result"])} as result,
               ({E["error"]} is not null and json_type({E["error"]}) <> 'NULL')
                   or coalesce(({E["failed"]})::boolean, false) as is_error,
               {_s(E["error_message"])} as error_message,
               case when json_type(e) <> 'OBJECT'
                        then 'wrong type: field ' || path || ' is ' || lower(json_type(e)) || ', expected object'
                    else coalesce({_at(EVENT_CHECKS, "path")},
                        case when {_s(E["timestamp"])} is not null and {ts_expr(_s(E["timestamp"]))} is null
                             then 'unreadable timestamp in field ' || path || '.timestamp: '
                                  || left({_s(E["timestamp"])}, 60) end)
               end as problem
        from (
            select *, {_s(E["event"])} as etype,
                   coalesce(try_cast({_s(E["i"])} as bigint), eidx) as orig_i,
                   'sample.events[' || coalesce(try_cast({_s(E["i"])} as bigint), eidx) || ']' as path
            from (
                select *, json_extract(e, [{event_paths}]) as ev
                from (
                    select file_id, line_no, session_id, unnest(events::json[]) as e,
                           unnest(range(json_array_length(events)::bigint)) as eidx
                    from i_samples where problem is null and json_type(events) = 'ARRAY'
                )
            )
        )
    """)


def _items(conn: duckdb.DuckDBPyConnection) -> None:
    """3. Conversation items: the sample's messages; or, for a sample without them, its input and each
    model call's output message."""
    conn.execute("""
        create or replace temp table i_items as
        select file_id, line_no, session_id, 'message' as src, idx, idx as ord, 'm' || idx as item_key, m,
               'sample.messages[' || idx || ']' as path
        from (
            select file_id, line_no, session_id, unnest(messages::json[]) as m,
                   unnest(range(json_array_length(messages)::bigint)) as idx
            from i_samples where problem is null and has_msgs
        )
        union all
        select file_id, line_no, session_id, 'input', 0, 0, 'i0',
               json_object('role', 'user', 'content', input ->> '$'), 'sample.input'
        from i_samples where problem is null and not has_msgs and json_type(input) = 'VARCHAR'
        union all
        select file_id, line_no, session_id, 'input', idx, idx, 'i' || idx, m, 'sample.input[' || idx || ']'
        from (
            select file_id, line_no, session_id, unnest(input::json[]) as m,
                   unnest(range(json_array_length(input)::bigint)) as idx
            from i_samples where problem is null and not has_msgs and json_type(input) = 'ARRAY'
        )
        union all
        select e.file_id, e.line_no, e.session_id, 'model', e.eidx, s.n_input + e.eidx, 'e' || e.orig_i,
               e.out_msg, 'sample.events[' || e.orig_i || '].output.choices[0].message'
        from i_events e join i_samples s using (file_id, line_no)
        where not s.has_msgs and e.problem is null and e.etype = 'model'
          and e.out_msg is not null and json_type(e.out_msg) = 'OBJECT'
    """)


def _messages(conn: duckdb.DuckDBPyConnection) -> None:
    message_paths = ", ".join(f"'{p}'" for p in MESSAGE_PATHS.values())
    conn.execute(f"""
        create or replace temp table i_msgs as
        select file_id, line_no, session_id, src, idx, ord, item_key, path,
               {_s(M["role"])} as role, {M["content"]} as content, json_type({M["content"]}) as content_type,
               {_content_text(M["content"])} as content_text,
               {_s(M["id"])} as msg_id, {M["tool_calls"]} as tool_calls,
               {_s(M["tool_call_id"])} as tool_call_id, {_s(M["function"])} as function,
               {M["error"]} is not null and json_type({M["error"]}) <> 'NULL' as has_error,
               {_s(M["error_message"])} as error_message,
               {_s(M["model"])} as model, {_s(M["source"])} as source,
               case when json_type(m) <> 'OBJECT'
                        then 'wrong type: field ' || path || ' is ' || lower(json_type(m)) || ', expected object'
                    else coalesce({_at(MESSAGE_CHECKS, "path")},
                        case when coalesce({_s(M["role"])}, '') = '' then 'missing field ' || path || '.role'
                             when {_s(M["role"])} not in {ROLES_SQL}
                                 then 'unknown message role ' || left({_s(M["role"])}, 60) || ' at ' || path
                        end)
               end as problem
        from (select *, json_extract(m, [{message_paths}]) as mv from i_items)
    """)


def _calls(conn: duckdb.DuckDBPyConnection) -> None:
    call_paths = ", ".join(f"'{p}'" for p in CALL_PATHS.values())
    conn.execute(f"""
        create or replace temp table i_calls as
        select file_id, line_no, ord, tcidx, {_s(C["id"])} as call_id, {_s(C["function"])} as function,
               case when {C["arguments"]} is not null and json_type({C["arguments"]}) <> 'NULL'
                    then {_json_text(C["arguments"])} end as arguments,
               case when json_type(tc) <> 'OBJECT'
                        then 'wrong type: field ' || cpath || ' is ' || lower(json_type(tc)) || ', expected object'
                    else coalesce({_at(CALL_CHECKS, "cpath")},
                        case when coalesce({_s(C["function"])}, '') = ''
                             then 'missing field ' || cpath || '.function' end)
               end as problem
        from (
            select *, json_extract(tc, [{call_paths}]) as cv, path || '.tool_calls[' || tcidx || ']' as cpath
            from (
                select file_id, line_no, ord, path, unnest(tool_calls::json[]) as tc,
                       unnest(range(json_array_length(tool_calls)::bigint)) as tcidx
                from i_msgs
                where problem is null and role = 'assistant' and json_type(tool_calls) = 'ARRAY'
            )
        )
    """)


def _parts(conn: duckdb.DuckDBPyConnection) -> None:
    part_paths = ", ".join(f"'{p}'" for p in PART_PATHS.values())
    conn.execute(f"""
        create or replace temp table i_parts as
        select file_id, line_no, ord, pidx, {PTYPE} as ptype, {_s(P["text"])} as text,
               {_s(P["reasoning"])} as reasoning, {_s(P["summary"])} as summary,
               coalesce(({P["redacted"]})::boolean, false) as redacted,
               {_s(P["id"])} as part_id, {_s(P["name"])} as name,
               case when {P["arguments"]} is not null and json_type({P["arguments"]}) <> 'NULL'
                    then {_json_text(P["arguments"])} end as arguments,
               {_content_text(P["result"])} as result,
               {P["error"]} is not null and json_type({P["error"]}) <> 'NULL' as has_error,
               case when json_type(part) <> 'OBJECT'
                        then 'wrong type: field ' || ppath || ' is ' || lower(json_type(part)) || ', expected object'
                    when coalesce({PTYPE}, '') = '' then 'missing field ' || ppath || '.type'
                    else {_at(PART_CHECKS, "ppath")}
               end as problem
        from (
            select *, json_extract(part, [{part_paths}]) as pv, path || '.content[' || pidx || ']' as ppath
            from (
                select file_id, line_no, ord, path, unnest(content::json[]) as part,
                       unnest(range(json_array_length(content)::bigint)) as pidx
                from i_msgs where problem is null and role = 'assistant' and content_type = 'ARRAY'
            )
        )
    """)


def _sample_errors(conn: duckdb.DuckDBPyConnection) -> None:
    """4. A sample with any broken piece is quarantined whole, with the first problem found."""
    conn.execute("""
        create or replace temp table i_errors as
        select file_id, line_no, arg_min(problem, rank) as reason
        from (
            select file_id, line_no, problem, 0 as rank from i_samples where problem is not null
            union all select file_id, line_no, problem, 1 + eidx from i_events where problem is not null
            union all select file_id, line_no, problem, 1e12 + ord from i_msgs where problem is not null
            union all select file_id, line_no, problem, 1e12 + ord + 0.5 from i_calls where problem is not null
            union all select file_id, line_no, problem, 1e12 + ord + 0.5 from i_parts where problem is not null
        )
        group by all
    """)


def _message_events(conn: duckdb.DuckDBPyConnection) -> None:
    """5. Events from the conversation items."""
    visibility = """case when redacted then case when coalesce(summary, '') <> '' then 'summary' else 'encrypted' end
                         when coalesce(reasoning, '') <> '' then 'plain'
                         when coalesce(summary, '') <> '' then 'summary'
                         else 'empty' end"""
    conn.execute(f"""
        create or replace temp table i_msg_events as
        with ok as (select * from i_msgs anti join i_errors using (file_id, line_no))
        -- whole messages: system, user, tool, and assistant string content
        select file_id, line_no, session_id, ord, 0::double as sub, item_key as event_key, role as msg_role,
               case role when 'system' then 'system' when 'user' then 'user_message'
                         when 'tool' then 'tool_result' else 'assistant_text' end as kind,
               case when role <> 'tool' then content_text end as text,
               'none' as reasoning_visibility,
               case when role = 'tool' then function end as tool_name,
               case when role = 'tool' then tool_call_id end as tool_call_id,
               null::varchar as tool_input,
               case when role = 'tool' then coalesce(nullif(content_text, ''), error_message) end as tool_output,
               case when role = 'tool' then has_error end as is_error,
               model
        from ok
        where role in ('system', 'user', 'tool')
           or (role = 'assistant' and content_type = 'VARCHAR' and coalesce(content_text, '') <> '')
        union all
        -- assistant content parts
        select m.file_id, m.line_no, m.session_id, m.ord, p.pidx * 2, m.item_key || '.' || p.pidx, 'assistant',
               case p.ptype when 'reasoning' then 'reasoning' when 'tool_use' then 'tool_call'
                            else 'assistant_text' end,
               case p.ptype when 'text' then p.text when 'tool_use' then null
                            when 'reasoning' then case {visibility} when 'plain' then p.reasoning
                                                                    when 'summary' then p.summary end
                            else '[' || p.ptype || ']' end,
               case when p.ptype = 'reasoning' then {visibility} else 'none' end,
               case when p.ptype = 'tool_use' then p.name end,
               case when p.ptype = 'tool_use' then p.part_id end,
               case when p.ptype = 'tool_use' then p.arguments end,
               null, null, m.model
        from i_parts p join ok m using (file_id, line_no, ord)
        where not (p.ptype = 'text' and coalesce(p.text, '') = '')
        union all
        -- results of server-side tools, carried by the same part
        select m.file_id, m.line_no, m.session_id, m.ord, p.pidx * 2 + 1, m.item_key || '.' || p.pidx || '.r',
               'assistant', 'tool_result', null, 'none', p.name, p.part_id, null, p.result, p.has_error, null
        from i_parts p join ok m using (file_id, line_no, ord)
        where p.ptype = 'tool_use' and p.result is not null
        union all
        -- assistant tool calls, after the content
        select m.file_id, m.line_no, m.session_id, m.ord, 1e6 + c.tcidx, m.item_key || '.tc' || c.tcidx,
               'assistant', 'tool_call', null, 'none', c.function, c.call_id, c.arguments, null, null, m.model
        from i_calls c join ok m using (file_id, line_no, ord)
    """)


def _model_calls(conn: duckdb.DuckDBPyConnection) -> None:
    """6. Which model call produced each assistant message: by message id, or for logs without ids, the
    k-th call for the k-th generated assistant message. Event-built samples know it already."""
    conn.execute("""
        create or replace temp table i_match as
        with am as (
            select file_id, line_no, ord, msg_id,
                   row_number() over (partition by file_id, line_no order by ord) as k
            from i_msgs
            where src = 'message' and role = 'assistant' and coalesce(source, 'generate') <> 'input'
              and problem is null
        ),
        me as (
            select file_id, line_no, eidx, out_msg_id,
                   row_number() over (partition by file_id, line_no order by eidx) as k
            from i_events where etype = 'model' and problem is null
        ),
        by_id as (
            select am.file_id, am.line_no, am.ord, min(me.eidx) as eidx
            from am join me on am.file_id = me.file_id and am.line_no = me.line_no
                           and am.msg_id = me.out_msg_id
            group by all
        ),
        by_k as (
            select am.file_id, am.line_no, am.ord, me.eidx
            from am join me using (file_id, line_no, k)
            anti join (select distinct file_id, line_no from by_id) using (file_id, line_no)
        )
        select * from by_id
        union all select * from by_k
        union all select file_id, line_no, ord, idx from i_items where src = 'model'
    """)


def _extra_events(conn: duckdb.DuckDBPyConnection) -> None:
    """7. ToolEvents for calls the messages do not hold; the sample's error, limit and scores."""
    conn.execute(f"""
        create or replace temp table i_extra_events as
        with te as (
            select e.*, s.has_msgs, case when s.has_msgs then s.n_msgs else s.n_input end + e.eidx as ord
            from i_events e join i_samples s using (file_id, line_no)
            anti join i_errors using (file_id, line_no)
            where e.etype = 'tool'
        ),
        known as (
            select distinct file_id, line_no, kind, tool_call_id from i_msg_events
            where kind in ('tool_call', 'tool_result') and tool_call_id is not null
        ),
        scores as (
            select file_id, line_no, session_id, sc.key as name, sc.value as score,
                   row_number() over (partition by file_id, line_no order by sc.key) as k
            from (
                select file_id, line_no, session_id,
                       unnest(map_entries(json_transform(scores, '"MAP(VARCHAR, JSON)"'))) as sc
                from i_samples anti join i_errors using (file_id, line_no)
                where json_type(scores) = 'OBJECT'
            )
        )
        select file_id, line_no, session_id, ord, 0::double as sub, 'e' || orig_i as event_key, 'assistant' as msg_role,
               'tool_call' as kind, null::varchar as text, 'none' as reasoning_visibility, function as tool_name,
               call_id as tool_call_id, arguments as tool_input, null::varchar as tool_output,
               null::boolean as is_error, null::varchar as model, ts as own_ts
        from te
        where call_id is null or not exists (
            select 1 from known k where k.file_id = te.file_id and k.line_no = te.line_no
                                    and k.kind = 'tool_call' and k.tool_call_id = te.call_id)
        union all
        select file_id, line_no, session_id, ord, 1, 'e' || orig_i || '.r', 'tool', 'tool_result', null, 'none',
               function, call_id, null, coalesce(nullif(result, ''), error_message), is_error, null,
               coalesce(completed, ts)
        from te
        where call_id is null or not exists (
            select 1 from known k where k.file_id = te.file_id and k.line_no = te.line_no
                                    and k.kind = 'tool_result' and k.tool_call_id = te.call_id)
        union all
        select file_id, line_no, session_id, {ORD_END}, 0, 'error', 'system', 'system',
               'error: ' || error_message, 'none', null, null, null, null, null, null, completed_at
        from i_samples anti join i_errors using (file_id, line_no)
        where error_message is not null
        union all
        select file_id, line_no, session_id, {ORD_END}, 1, 'limit', 'system', 'system',
               'limit: ' || limit_text, 'none', null, null, null, null, null, null, completed_at
        from i_samples anti join i_errors using (file_id, line_no)
        where limit_text is not null
        union all
        select s.file_id, s.line_no, s.session_id, {ORD_END} + 1, k, 'score:' || name, 'system', 'system',
               'score ' || name || '=' || coalesce(
                   case json_type(score -> '$.value') when 'VARCHAR' then score ->> '$.value'
                        else (score -> '$.value')::varchar end, 'null'),
               'none', null, null, null, null, null, null, sm.completed_at
        from scores s join i_samples sm using (file_id, line_no)
    """)


def _ordered(conn: duckdb.DuckDBPyConnection) -> None:
    """8. Timestamps and tokens, then the events in sample order."""
    conn.execute("""
        create or replace temp table i_all as
        with tool_times as (
            select file_id, line_no, call_id, arg_min(ts, eidx) as started, arg_min(coalesce(completed, ts), eidx) as ended
            from i_events where etype = 'tool' and problem is null and call_id is not null
            group by all
        ),
        model_times as (
            select m.file_id, m.line_no, m.ord, coalesce(e.completed, e.ts) as ended, e.model,
                   e.input_tokens, e.output_tokens, e.reasoning_tokens, e.has_usage,
                   e.cached_input_tokens, e.cache_creation_input_tokens
            from i_match m join i_events e using (file_id, line_no, eidx)
        ),
        msg as (
            select x.*,
                   case when x.kind = 'tool_call' then coalesce(t.started, mt.ended)
                        when x.kind = 'tool_result' then t.ended
                        when x.msg_role = 'assistant' then mt.ended end as own_ts,
                   coalesce(x.model, case when x.msg_role = 'assistant' then mt.model end) as ev_model,
                   mt.has_usage, mt.input_tokens, mt.output_tokens, mt.reasoning_tokens,
                   mt.cached_input_tokens, mt.cache_creation_input_tokens,
                   mt.ord is not null as matched
            from i_msg_events x
            left join tool_times t on t.file_id = x.file_id and t.line_no = x.line_no
                                  and t.call_id = x.tool_call_id and x.kind in ('tool_call', 'tool_result')
            left join model_times mt on mt.file_id = x.file_id and mt.line_no = x.line_no and mt.ord = x.ord
        )
        select file_id, line_no, session_id, ord, sub, event_key, kind, text, reasoning_visibility, tool_name,
               tool_call_id, tool_input, tool_output, is_error, ev_model as model, own_ts,
               case when has_usage and row_number() over (partition by file_id, line_no, ord order by sub) = 1
                    then input_tokens end as input_tokens,
               case when has_usage and row_number() over (partition by file_id, line_no, ord order by sub) = 1
                    then output_tokens end as output_tokens,
               case when has_usage and row_number() over (partition by file_id, line_no, ord order by sub) = 1
                    then reasoning_tokens end as reasoning_tokens,
               matched and msg_role = 'assistant' as from_model,
               case when has_usage and row_number() over (partition by file_id, line_no, ord order by sub) = 1
                    then cached_input_tokens end as cached_input_tokens,
               case when has_usage and row_number() over (partition by file_id, line_no, ord order by sub) = 1
                    then cache_creation_input_tokens end as cache_creation_input_tokens
        from msg
        union all
        select file_id, line_no, session_id, ord, sub, event_key, kind, text, reasoning_visibility, tool_name,
               tool_call_id, tool_input, tool_output, is_error, model, own_ts, null, null, null, false, null, null
        from i_extra_events
    """)


def _fallback_usage(conn: duckdb.DuckDBPyConnection) -> None:
    """Logs whose model calls match no message: the sample's usage goes on its last assistant message."""
    conn.execute(f"""
        create or replace temp table i_fallback_usage as
        with unmatched as (
            select file_id, line_no from i_all group by all having not bool_or(from_model)
        ),
        usage as (
            select file_id, line_no,
                   list_sum(list_transform(map_values(m), lambda u:
                       {_all_input("try_cast({} as bigint)", lambda f: "(u ->> '$." + USAGE_FIELDS[f] + "')")}))
                       as input_tokens,
                   list_sum(list_transform(map_values(m),
                       lambda u: try_cast(u ->> '$.input_tokens_cache_read' as bigint))) as cached_input_tokens,
                   list_sum(list_transform(map_values(m),
                       lambda u: try_cast(u ->> '$.input_tokens_cache_write' as bigint)))
                       as cache_creation_input_tokens,
                   list_sum(list_transform(map_values(m), lambda u: try_cast(u ->> '$.output_tokens' as bigint)))
                       as output_tokens,
                   list_sum(list_transform(map_values(m), lambda u: try_cast(u ->> '$.reasoning_tokens' as bigint)))
                       as reasoning_tokens
            from (
                select file_id, line_no, json_transform(model_usage, '"MAP(VARCHAR, JSON)"') as m
                from i_samples where json_type(model_usage) = 'OBJECT'
            )
        ),
        target as (
            select file_id, line_no, arg_max(event_key, [ord, sub]) as event_key
            from (
                select a.*, min(sub) over (partition by file_id, line_no, ord) as first_sub
                from i_all a where kind in ('assistant_text', 'reasoning', 'tool_call') and ord < 1000000000
            )
            where sub = first_sub
            group by all
        )
        select t.file_id, t.line_no, t.event_key, u.input_tokens, u.output_tokens, u.reasoning_tokens,
               u.cached_input_tokens, u.cache_creation_input_tokens
        from target t join unmatched using (file_id, line_no) join usage u using (file_id, line_no)
    """)


def _p_events(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(f"""
        create or replace temp table p_events as
        with starts as (
            select s.file_id, s.line_no,
                   coalesce(s.started_at, min(e.ts) filter (e.etype = 'sample_init'), min(e.ts), s.created)
                       as sample_start
            from i_samples s left join i_events e using (file_id, line_no)
            group by s.file_id, s.line_no, s.started_at, s.created
        ),
        calls as (
            select file_id, line_no, tool_call_id, arg_min(event_key, [ord, sub]) as call_key,
                   arg_min(tool_name, [ord, sub]) as call_name
            from i_all where kind = 'tool_call' and tool_call_id is not null
            group by all
        )
        select
            a.session_id,
            a.event_key as event_id,
            case when a.kind = 'tool_result' then c.call_key end as parent_event_id,
            coalesce(a.own_ts,
                     last_value(a.own_ts ignore nulls) over (
                         partition by a.file_id, a.line_no order by a.ord, a.sub
                         rows between unbounded preceding and current row),
                     st.sample_start) as ts,
            {role_from_kind("a.kind")} as role,
            a.kind,
            a.text,
            a.reasoning_visibility,
            coalesce(a.tool_name, case when a.kind = 'tool_result' then c.call_name end) as tool_name,
            a.tool_call_id,
            a.tool_input,
            a.tool_output,
            a.is_error,
            null::integer as exit_code,
            coalesce(a.input_tokens, f.input_tokens)::bigint as input_tokens,
            coalesce(a.output_tokens, f.output_tokens)::bigint as output_tokens,
            coalesce(a.reasoning_tokens, f.reasoning_tokens)::bigint as reasoning_tokens,
            a.model,
            a.file_id,
            a.line_no,
            coalesce(a.cached_input_tokens, f.cached_input_tokens)::bigint as cached_input_tokens,
            coalesce(a.cache_creation_input_tokens, f.cache_creation_input_tokens)::bigint
                as cache_creation_input_tokens,
            (row_number() over (partition by a.file_id, a.line_no order by a.ord, a.sub) - 1)::integer
                as sub_index
        from i_all a
        join starts st using (file_id, line_no)
        left join calls c on c.file_id = a.file_id and c.line_no = a.line_no and c.tool_call_id = a.tool_call_id
        left join i_fallback_usage f on f.file_id = a.file_id and f.line_no = a.line_no
                                     and f.event_key = a.event_key
    """)


def _p_rejects(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(f"""
        create or replace temp table p_rejects as
        {rejects_for_invalid_json_sql()}
        union all
        select file_id, line_no, 'skip', '{SKIP_HEADER}' from i_rows where rkind = 'header'
        union all
        select file_id, line_no, 'quarantine', 'unknown record kind: ' || coalesce(left(rkind, 60), 'none')
        from i_rows where rkind is null or rkind not in ('header', 'sample')
        union all
        select file_id, line_no, 'quarantine', reason from i_errors
        union all
        select file_id, line_no, 'skip', '{SKIP_DUPLICATE}'
        from i_samples_all anti join i_samples using (file_id, line_no)
        union all
        select file_id, line_no, 'skip', '{SKIP_EMPTY_SAMPLE}'
        from i_samples s anti join i_errors using (file_id, line_no)
        where not exists (select 1 from p_events e where e.file_id = s.file_id and e.line_no = s.line_no)
    """)


def _p_sessions(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(f"""
        create or replace temp table p_sessions as
        with first_model as (
            select file_id, line_no, arg_min(model, eidx) as model
            from i_events where etype = 'model' and problem is null and model is not null
            group by all
        )
        select
            s.session_id,
            '{SOURCE_FORMAT}' as source_format,
            'inspect' as agent,
            any_value(s.version) as agent_version,
            any_value(coalesce(s.output_model, fm.model, s.hmodel)) as model,
            null::varchar as parent_session_id,
            null::varchar as cwd,
            null::varchar as git_branch,
            min(e.ts) as started_at,
            max(coalesce(s.completed_at, e.ts)) as ended_at,
            s.file_id
        from i_samples s
        join p_events e using (file_id, line_no)
        left join first_model fm using (file_id, line_no)
        group by s.session_id, s.file_id
    """)


STEPS = (
    _rows,
    _samples,
    _events,
    _items,
    _messages,
    _calls,
    _parts,
    _sample_errors,
    _message_events,
    _model_calls,
    _extra_events,
    _ordered,
    _fallback_usage,
    _p_events,
    _p_rejects,
    _p_sessions,
)
TEMP_TABLES = (
    "i_rows",
    "i_samples_all",
    "i_samples",
    "i_events",
    "i_items",
    "i_msgs",
    "i_calls",
    "i_parts",
    "i_errors",
    "i_msg_events",
    "i_match",
    "i_extra_events",
    "i_all",
    "i_fallback_usage",
)


def parse(conn: duckdb.DuckDBPyConnection) -> None:
    run_steps(conn, STEPS, TEMP_TABLES)


FORMAT = TranscriptFormat(
    source_format=SOURCE_FORMAT,
    agent="inspect",
    description="Inspect AI eval logs (.eval zip or .json), one session per sample and epoch",
    parse=parse,
    records=records,
)
