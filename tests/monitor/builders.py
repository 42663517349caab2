"""Build small warehouses for monitor tests: sessions as Python calls, rows straight into raw tables.

The monitor starts from `raw.events` / `raw.sessions` (and `raw.files` for landing times), so tests
write those tables directly with the column meanings of the data contract (tool_input is JSON text,
Codex apply_patch input is raw patch text) instead of going through a transcript parser, then build
the real dbt models over them (`run_monitor`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.config import Settings
from pipelines.dbt_docs import run_models
from pipelines.warehouse.schema import (
    EVENT_COLUMNS,
    SESSION_COLUMNS,
    ensure_monitor_schema,
    ensure_raw_schema,
    forget_text_scans,
)

T0 = datetime(2026, 3, 1, 10, 0, 0, tzinfo=UTC).replace(tzinfo=None)


@dataclass
class SessionBuilder:
    session_id: str
    cwd: str | None = "/work/repo"
    git_branch: str | None = "feature/work"
    deployment: str = "test-deploy"
    source_format: str = "canonical"
    file_id: str = "file-1"
    events: list[dict] = field(default_factory=list)
    _calls: int = 0

    def _add(self, kind: str, role: str, **cols: object) -> SessionBuilder:
        i = len(self.events)
        row = {c: None for c in EVENT_COLUMNS}
        row.update(
            session_id=self.session_id,
            event_index=i,
            event_id=f"{self.session_id}:{i}",
            ts=T0 + timedelta(seconds=i),
            role=role,
            kind=kind,
            reasoning_visibility="plain" if kind == "reasoning" else "none",
            file_id=self.file_id,
            line_no=i + 1,
        )
        row.update(cols)
        self.events.append(row)
        return self

    def user(self, text: str) -> SessionBuilder:
        return self._add("user_message", "user", text=text)

    def think(self, text: str) -> SessionBuilder:
        return self._add("reasoning", "assistant", text=text)

    def say(self, text: str) -> SessionBuilder:
        return self._add("assistant_text", "assistant", text=text)

    def tool(
        self,
        name: str,
        tool_input: dict | str,
        output: str = "",
        *,
        exit_code: int | None = None,
        is_error: bool | None = None,
    ) -> SessionBuilder:
        self._calls += 1
        call_id = f"call_{self.session_id}_{self._calls}"
        raw = tool_input if isinstance(tool_input, str) else json.dumps(tool_input)
        self._add("tool_call", "assistant", tool_name=name, tool_call_id=call_id, tool_input=raw)
        return self._add(
            "tool_result",
            "tool",
            tool_name=name,
            tool_call_id=call_id,
            tool_output=output,
            exit_code=exit_code,
            is_error=is_error,
        )

    def bash(self, command: str, output: str = "", *, exit_code: int = 0) -> SessionBuilder:
        return self.tool("Bash", {"command": command}, output, exit_code=exit_code, is_error=exit_code != 0)

    def edit(self, path: str, old: str, new: str) -> SessionBuilder:
        return self.tool("Edit", {"file_path": path, "old_string": old, "new_string": new}, "ok")

    def write(self, path: str, content: str) -> SessionBuilder:
        return self.tool("Write", {"file_path": path, "content": content}, "File created")

    def read(self, path: str, output: str = "") -> SessionBuilder:
        return self.tool("Read", {"file_path": path}, output)

    def patch(self, patch_text: str) -> SessionBuilder:
        return self.tool("apply_patch", patch_text, "Success. Updated the following files")

    def session_row(self) -> dict:
        return {
            "session_id": self.session_id,
            "deployment": self.deployment,
            "source_format": self.source_format,
            "agent": "test-agent",
            "agent_version": "1",
            "model": "test-model",
            "parent_session_id": None,
            "cwd": self.cwd,
            "git_branch": self.git_branch,
            "started_at": T0,
            "ended_at": T0 + timedelta(seconds=len(self.events)),
            "file_id": self.file_id,
        }


EVENT_TYPES = {
    "event_index": pa.int32(),
    "ts": pa.timestamp("us"),
    "is_error": pa.bool_(),
    "exit_code": pa.int32(),
    "input_tokens": pa.int64(),
    "output_tokens": pa.int64(),
    "reasoning_tokens": pa.int64(),
    "line_no": pa.int32(),
    "cached_input_tokens": pa.int64(),
    "cache_creation_input_tokens": pa.int64(),
}
SESSION_TYPES = {"started_at": pa.timestamp("us"), "ended_at": pa.timestamp("us")}


def _table(rows: list[dict], columns: tuple[str, ...], types: dict[str, pa.DataType]) -> pa.Table:
    return pa.table({c: pa.array([r[c] for r in rows], type=types.get(c, pa.string())) for c in columns})


def write_sessions(conn: duckdb.DuckDBPyConnection, sessions: list[SessionBuilder]) -> None:
    """Replace these sessions in raw.sessions / raw.events."""
    ensure_raw_schema(conn)
    ensure_monitor_schema(conn)
    ids = [s.session_id for s in sessions]
    conn.execute("delete from raw.events where session_id in (select unnest(?))", [ids])
    conn.execute("delete from raw.sessions where session_id in (select unnest(?))", [ids])
    events = [e for s in sessions for e in s.events]
    if events:
        conn.register("b_events", _table(events, EVENT_COLUMNS, EVENT_TYPES))
        conn.execute(f"insert into raw.events ({', '.join(EVENT_COLUMNS)}) select * from b_events")
        conn.unregister("b_events")
    conn.register("b_sessions", _table([s.session_row() for s in sessions], SESSION_COLUMNS, SESSION_TYPES))
    conn.execute(f"insert into raw.sessions ({', '.join(SESSION_COLUMNS)}) select * from b_sessions")
    conn.unregister("b_sessions")
    # the file versions the sessions came from: dbt reprocesses a session when its file is landed again
    conn.execute(
        """
        insert or replace into raw.files (file_id, path, deployment, source_format, sha256, size_bytes,
            n_records, n_landed, n_quarantined, n_skipped, n_events, n_redactions, status, landed_at)
        select file_id, file_id || '.jsonl', any_value(deployment), any_value(source_format), md5(file_id), 0,
               0, 0, 0, 0, 0, 0, 'landed', now()::timestamp
        from raw.sessions where session_id in (select unnest(?)) group by file_id
        """,
        [ids],
    )


def warehouse(path: Path, sessions: list[SessionBuilder]) -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect(str(path))
    conn.execute("SET TimeZone='UTC'")
    write_sessions(conn, sessions)
    return conn


def run_monitor(
    conn: duckdb.DuckDBPyConnection, *, full: bool = False, select: str = ""
) -> duckdb.DuckDBPyConnection:
    """The real monitor over a warehouse a test wrote: closes `conn`, `dbt build`s the project (or the
    `select`ion) — facts, texts, the rule_hits Python model, the detector families, monitor.signals,
    incidents, marts, with their tests — and returns a new connection to the same file. `full`
    rescans every session's texts."""
    path = Path(
        conn.execute(
            "select path from duckdb_databases() where database_name = current_database()"
        ).fetchone()[0]
    )
    if full:
        forget_text_scans(conn)
    conn.close()
    settings = Settings(data_dir=path.parent, landing_dir=path.parent / "landing")
    run_models(settings, [select] if select else [], command="build")
    reopened = duckdb.connect(str(path))
    reopened.execute("SET TimeZone='UTC'")
    return reopened


def texts_warehouse(path: Path, sessions: list[SessionBuilder]) -> duckdb.DuckDBPyConnection:
    """A warehouse with these sessions and the texts the rule matcher reads (dbt's int_monitor_texts
    and the facts under it), for tests of the matching step alone."""
    return run_monitor(warehouse(path, sessions), select="+int_monitor_texts")


def last_scan(conn: duckdb.DuckDBPyConnection) -> dict:
    """The text-matching step's figures of its last scan (monitor.scan_runs)."""
    cur = conn.execute("select * from monitor.scan_runs order by scanned_at desc limit 1")
    names = [d[0] for d in cur.description]
    return dict(zip(names, cur.fetchone(), strict=True))


def example_session(
    session_id: str, channel: str, text: str, user: str | None, path: str | None
) -> SessionBuilder:
    """One rule-pack example as a session: an optional earlier user message, then the example text."""
    s = SessionBuilder(session_id)
    if user:
        s.user(user)
    else:
        s.user("Please help with this repository.")
    if channel == "reasoning":
        s.think(text)
    elif channel == "assistant_text":
        s.say(text)
    elif channel == "user_message":
        s.user(text)
    elif channel == "tool_input":
        if text.lstrip().startswith("{"):
            s.tool("Read", text, "")
        else:
            s.bash(text, "")
    elif channel == "file_edit":
        s.write(path or "src/module.py", text)
    elif channel == "tool_output":
        s.bash("cat notes.txt", text)
    else:
        raise ValueError(f"unknown channel {channel}")
    return s
