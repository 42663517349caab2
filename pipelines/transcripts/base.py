"""The contract every transcript parser follows.

Parsers are SQL over DuckDB, run once per batch over all lines of every file of their format, so no
Python runs per record. The landing code (`pipelines.warehouse.landing`) prepares, per batch, in the
connection handed to `parse`:

    batch_lines(file_id varchar, line_no integer, line varchar)
        one row per non-blank, valid UTF-8, size-checked line of the batch's files of this format;
        `line` is not yet known to be valid JSON.
    batch_files(file_id varchar, path varchar, deployment varchar, source_format varchar)

and the parser creates (`create or replace temp table`):

    p_events     the columns of `raw.events` (schema.EVENT_COLUMNS) except `event_index`, plus
                 `sub_index integer`: order of the events produced by one line. Landing numbers the
                 events of a session by (line_no, sub_index). Timestamps are UTC `timestamp`.
                 `reasoning_visibility` is never null ('none' on events that are not reasoning).
    p_sessions   the columns of `raw.sessions` (schema.SESSION_COLUMNS) except `deployment`, one
                 row per (session_id, file_id): a file that shares a session id with another is
                 renamed by landing, and its attributes must travel with it, not mix with the other's.
                 `started_at`, `ended_at` and `model` may be null: landing fills them from events.
    p_rejects    (file_id, line_no, action, reason): action 'quarantine' for records that are
                 broken (invalid JSON, wrong shape, wrong field types) and 'skip' for valid records
                 that carry no conversation (metadata, progress, duplicates of another record).

Landing derives each line's outcome: a line that produced an event is landed; else its reject row
decides; a line with neither is quarantined as a parser gap, so nothing is ever lost silently.
Redaction of secrets happens after parsing, in landing, for every text column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import duckdb


class Parser(Protocol):
    def __call__(self, conn: duckdb.DuckDBPyConnection) -> None: ...


EXCERPT_CHARS = 500  # how much of a broken record its quarantine row keeps
# How much of it landing reads to redact before cutting to EXCERPT_CHARS (a secret the limit cuts
# in two must still be recognised): parsers hand over excerpts this long.
EXCERPT_WINDOW = EXCERPT_CHARS + 4096

# (records, broken): the record texts in file order (None where a record could not be read), and
# (record_no, reason, excerpt) for each broken one. record_no is 1-based and becomes `line_no`.
Records = tuple[list[str | None], list[tuple[int, str, str]]]


@dataclass(frozen=True)
class TranscriptFormat:
    """A supported on-disk format: its id in `source_format`, and its SQL parser.

    `records` turns a whole file into records for formats that are not JSON Lines (a zip of JSON
    documents, one big JSON document); landing then treats each record like a line. Left unset,
    a file's records are its lines.
    """

    source_format: str
    agent: str
    description: str
    parse: Parser
    records: Callable[[bytes], Records] | None = None


def rejects_for_invalid_json_sql(required_type: str = "OBJECT") -> str:
    """SQL selecting quarantine rows for lines that are not JSON of the expected top-level type.

    Every parser starts from this so that broken records get the same reasons everywhere.
    """
    return f"""
        select file_id, line_no, 'quarantine' as action,
               case when shape is null then 'invalid JSON (truncated or malformed record)'
                    else 'wrong shape: expected a JSON ' || lower('{required_type}') || ', got '
                         || lower(shape) end as reason
        from (
            -- json_type parses once; invalid JSON gives NULL through the guard
            select file_id, line_no, case when json_valid(line) then json_type(line) end as shape
            from batch_lines
        )
        where shape is null or shape <> '{required_type}'
    """


def split_lines(data: bytes) -> Records:
    """The lines of a JSON Lines file as records; undecodable lines are None, with their reason."""
    try:
        lines: list[str | None] = list(data.decode("utf-8").split("\n"))
        broken: list[tuple[int, str, str]] = []
    except UnicodeDecodeError:
        # Slow path, only for files that hold invalid UTF-8: find the bad lines one by one.
        lines, broken = [], []
        for i, raw in enumerate(data.split(b"\n"), start=1):
            try:
                lines.append(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                lines.append(None)
                excerpt = raw[:EXCERPT_WINDOW].decode("utf-8", errors="replace")
                broken.append((i, f"invalid UTF-8 at byte {exc.start} of the line", excerpt))
    if lines and lines[-1] in ("", "\r"):
        lines.pop()  # the newline that ends the last record does not start another
    return lines, broken
