"""Choose a file's format from its content, never from its name alone.

Sniffing reads at most the first few records; a file whose records do not look like any supported
format is recorded as unsupported with the reason.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass
from io import BytesIO

import orjson

SNIFF_RECORDS = 20

CLAUDE_TYPES = {
    "user",
    "assistant",
    "system",
    "summary",
    "file-history-snapshot",
    "queue-operation",
    "progress",
    "attachment",
    "permission-mode",
    "ai-title",
    "custom-title",
    "agent-name",
    "last-prompt",
    "pr-link",
    "turn_end",
}
CODEX_TYPES = {"session_meta", "response_item", "event_msg", "turn_context", "compacted"}


@dataclass(frozen=True)
class Sniffed:
    source_format: str  # a format id, or 'unknown'
    reason: str | None = None  # why the file is unsupported when no parser is registered for it


def _record_format(record: object) -> str | None:
    if not isinstance(record, dict):
        return None
    rtype = record.get("type")
    if "payload" in record and rtype in CODEX_TYPES:
        return "codex_rollout"
    if rtype in CLAUDE_TYPES and (
        "sessionId" in record or "uuid" in record or "leafUuid" in record or "messageId" in record
    ):
        return "claude_code_jsonl"
    if record.get("record") in ("event", "session") or ("session_id" in record and "kind" in record):
        return "canonical"
    if "resourceSpans" in record:
        return "otel_genai"  # the OpenTelemetry collector's file exporter: one export request per line
    return None


def _trajectory_format(doc: object) -> str | None:
    """One-document agent trajectories (pipelines.transcripts.trajectories), by their keys."""
    if isinstance(doc, dict):
        if str(doc.get("schema_version", "")).startswith("ATIF") and isinstance(doc.get("steps"), list):
            return "atif"
        info = doc.get("info")
        if isinstance(doc.get("messages"), list) and (
            str(doc.get("trajectory_format", "")).startswith("mini-swe-agent")
            or (isinstance(info, dict) and "mini_version" in info)
        ):
            return "mini_swe_agent_traj"
        history = doc.get("history")
        if isinstance(doc.get("trajectory"), list) or (
            isinstance(history, list)
            and any(isinstance(m, dict) and "agent" in m and "role" in m for m in history[:5])
        ):
            return "swe_agent_traj"
    if (
        isinstance(doc, list)
        and doc
        and all(isinstance(c, dict) and c.get("role") in ("user", "model") and "parts" in c for c in doc[:5])
    ):
        return "gemini_cli_chat"
    return None


def _describe_json_document(doc: object) -> Sniffed:
    if isinstance(doc, dict) and "eval" in doc and ("samples" in doc or "results" in doc):
        return Sniffed("inspect_eval", "Inspect AI eval log (.json): this format is not supported yet")
    if isinstance(doc, dict) and "resourceSpans" in doc:
        return Sniffed("otel_genai", "OpenTelemetry OTLP JSON: this format is not supported yet")
    trajectory = _trajectory_format(doc)
    if trajectory:
        return Sniffed(trajectory, f"{trajectory} trajectory: this format is not supported yet")
    kind = type(doc).__name__
    return Sniffed("unknown", f"a single JSON {kind} document of no known transcript format")


GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"


def _utf16(head: bytes) -> bool:
    """A UTF-16 text: its byte-order mark, or ASCII with every other byte NUL (JSON starts ASCII)."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    sample = head[:64]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return even.count(0) == len(even) or odd.count(0) == len(odd)


def sniff(data: bytes) -> Sniffed:
    """Detect the format of a file from its bytes.

    NUL bytes decide nothing for a whole file: a line holding one is quarantined by itself when the
    file is landed. Only a file in which no record parses is called binary, or by what it really is
    (gzip, UTF-16, a damaged zip).
    """
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]  # a byte-order mark is allowed before the first record
    if not data.strip():
        return Sniffed("unknown", "empty file")
    if data[:2] == GZIP_MAGIC:
        return Sniffed(
            "unknown", "gzip-compressed file: decompress it to land it (not a supported format here)"
        )
    if _utf16(data[:256]):
        return Sniffed(
            "unknown", "UTF-16 text: transcripts must be UTF-8 (convert it with iconv -f UTF-16 -t UTF-8)"
        )
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return Sniffed("unknown", "corrupt zip archive")
        except (zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError, UnicodeDecodeError,
                OSError) as exc:  # fmt: skip
            # a damaged or exotic archive (zip version, encoding of names): this file only
            return Sniffed("unknown", f"corrupt zip archive ({type(exc).__name__}: {exc})"[:300])
        if "header.json" in names or any(n.startswith("samples/") for n in names):
            return Sniffed(
                "inspect_eval", "Inspect AI eval log (.eval zip): this format is not supported yet"
            )
        return Sniffed("unknown", "zip archive of no known transcript format")
    has_nul = b"\x00" in data[:8192]

    votes: Counter[str] = Counter()
    seen = 0
    parsed_any = False
    first_record: object = None
    for raw_line in data.split(b"\n", SNIFF_RECORDS * 2)[: SNIFF_RECORDS * 2]:
        if not raw_line.strip():
            continue
        seen += 1
        if seen > SNIFF_RECORDS:
            break
        try:
            record = orjson.loads(raw_line)
        except orjson.JSONDecodeError:
            continue
        if not isinstance(record, dict):
            continue  # a bare number or list: a fragment of a pretty-printed document, not a record
        if not parsed_any:
            first_record = record
        parsed_any = True
        fmt = _record_format(record)
        if fmt:
            votes[fmt] += 1
    if votes:
        return Sniffed(votes.most_common(1)[0][0])
    if not parsed_any:
        if has_nul:
            return Sniffed(
                "unknown", "binary file (NUL bytes, and no record in the first lines parses as JSON)"
            )
        # Not JSONL: maybe one pretty-printed JSON document.
        try:
            return _describe_json_document(orjson.loads(data))
        except orjson.JSONDecodeError:
            return Sniffed("unknown", "not JSON Lines: no record in the first lines parses as JSON")
    if seen == 1:
        return _describe_json_document(first_record)
    return Sniffed("unknown", "JSON Lines of no known transcript format")
