"""Test harness for the transcript parsers, standing in for landing until it exists.

`run_parser(fmt, paths)` loads the files' lines into `batch_lines` / `batch_files` the way
`pipelines.warehouse.landing` is specified to (base.py), calls `fmt.parse(conn)`, checks the output
tables against the parser contract, and returns them as Polars frames:

    p_events, p_sessions, p_rejects   the parser's tables
    outcomes                          (file_id, line_no, outcome): 'landed' when the line made an
                                      event, else the reject action, else 'gap' (a parser gap)

`file_id` is the file's name, `line_no` the 1-based physical line number (blank lines are skipped
but still counted), or the record number for formats with a `records` hook.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.transcripts.base import TranscriptFormat
from pipelines.warehouse.schema import EVENT_COLUMNS, SESSION_COLUMNS

EXPECTED_EVENT_COLUMNS = [c for c in EVENT_COLUMNS if c != "event_index"] + ["sub_index"]
EXPECTED_SESSION_COLUMNS = [c for c in SESSION_COLUMNS if c != "deployment"]
EXPECTED_REJECT_COLUMNS = ["file_id", "line_no", "action", "reason"]

RunParser = Callable[[TranscriptFormat, Sequence[Path | str]], dict[str, pl.DataFrame]]


def _load_batch(conn: duckdb.DuckDBPyConnection, fmt: TranscriptFormat, paths: Sequence[Path]) -> None:
    conn.execute("create temp table batch_lines (file_id varchar, line_no integer, line varchar)")
    conn.execute(
        "create temp table batch_files (file_id varchar, path varchar, deployment varchar, "
        "source_format varchar)"
    )
    lines: list[tuple[str, int, str]] = []
    for path in paths:
        file_id = path.name
        conn.execute(
            "insert into batch_files values (?, ?, ?, ?)",
            [file_id, str(path), "test", fmt.source_format],
        )
        if fmt.records is not None:
            # Formats that are not JSON Lines: records as landing reads them; broken ones (None)
            # never reach the parser.
            records, _broken = fmt.records(path.read_bytes())
            lines.extend(
                (file_id, i, r) for i, r in enumerate(records, start=1) if r is not None and r.strip()
            )
            continue
        for i, raw in enumerate(path.read_bytes().split(b"\n"), start=1):
            if raw.strip():
                lines.append((file_id, i, raw.decode("utf-8")))
    if lines:
        conn.executemany("insert into batch_lines values (?, ?, ?)", lines)


def _check_contract(out: dict[str, pl.DataFrame]) -> None:
    assert out["p_events"].columns == EXPECTED_EVENT_COLUMNS, out["p_events"].columns
    assert out["p_sessions"].columns == EXPECTED_SESSION_COLUMNS, out["p_sessions"].columns
    assert out["p_rejects"].columns == EXPECTED_REJECT_COLUMNS, out["p_rejects"].columns
    events = out["p_events"]
    assert events["reasoning_visibility"].null_count() == 0
    assert events["session_id"].null_count() == 0
    assert events["event_id"].null_count() == 0
    # Per file: two files may claim one session (a copy or a resume); landing keeps them apart.
    assert events.select(pl.struct("session_id", "file_id", "event_id").is_duplicated().any()).item() is False
    # One row per session and file: each file's claim keeps its own attributes until landing renames it.
    assert out["p_sessions"].select(pl.struct("session_id", "file_id").is_duplicated().any()).item() is False
    assert set(out["p_rejects"]["action"].unique()) <= {"quarantine", "skip"}


@pytest.fixture
def run_parser(tmp_path: Path) -> RunParser:
    counter = iter(range(1_000_000))

    def run(fmt: TranscriptFormat, paths: Sequence[Path | str]) -> dict[str, pl.DataFrame]:
        conn = duckdb.connect(str(tmp_path / f"parser_{next(counter)}.duckdb"))
        try:
            conn.execute("SET TimeZone='UTC'")
            _load_batch(conn, fmt, [Path(p) for p in paths])
            fmt.parse(conn)
            out = {
                name: conn.sql(f"select * from {name} order by all").pl()
                for name in ("p_events", "p_sessions", "p_rejects")
            }
            out["outcomes"] = conn.sql("""
                select l.file_id, l.line_no,
                       case when exists (select 1 from p_events e
                                         where e.file_id = l.file_id and e.line_no = l.line_no)
                                then 'landed'
                            else coalesce((select min(r.action) from p_rejects r
                                           where r.file_id = l.file_id and r.line_no = l.line_no),
                                          'gap') end as outcome
                from batch_lines l order by all
            """).pl()
        finally:
            conn.close()
        _check_contract(out)
        return out

    return run
