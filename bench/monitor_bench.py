"""Monitor throughput: the full rule pack, set-based, against a per-event Python `re` loop.

    uv run python -m bench.monitor_bench --mb 50

builds a synthetic warehouse of about `--mb` megabytes of event text (reasoning, assistant text, shell
commands, file edits, tool output; a few events carry misbehaviour so rules and guards do real work),
then in one run:

- the pattern stage (`engine.match_rules`: the whole rule pack over every channel text, RE2 spans,
  guards, user-requested suppression), on the texts dbt states (`int_monitor_texts`, read by
  `prepare_chunks`), with
  the default matcher (Hyperscan candidates) `--repeats` times: `monitor_mb_per_s` is text scanned /
  best wall time, with the median beside it; the literal-prefilter path (`matcher="literal"`, the
  fallback) once on the same texts, and whether both paths give the same hits (skipped above
  100 MB of text unless asked for: it runs at about 15 MB/s);
- the whole text-matching step as the dbt Python model runs it (`engine.rule_hits_model`, a full
  rescan: texts read, every rule, guards, evidence, the bookkeeping; `run_monitor_mb_per_s`). The
  structural detectors are dbt models and are timed with the dbt build, not here;
- the baseline: a Python loop over the same channel texts that, per event, runs `re.search` for
  every rule reading that channel (detection only: no guards, no offsets, no writes, which favours the
  baseline), on a sample of the same texts (`--baseline-mb`, default 5).
  `monitor_speedup_vs_python` = `monitor_mb_per_s` / the loop's MB/s.

Hyperscan databases are compiled once per rule pack (`hyperscan_compile_seconds`, measured cold) and
then kept in the process and on disk (`hyperscan_match.cache_dir`), so a later process loads them in
milliseconds; the timed pattern-stage runs reuse them. The first run after the compile is reported
apart (`pattern_stage_first_run_seconds`: one-off imports and allocations).

`run(conn)` takes a connection to a warehouse whose texts dbt already built (`build_texts`) and
returns {"monitor_mb_per_s", "monitor_speedup_vs_python", ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.config import Settings
from pipelines.dbt_docs import run_models
from pipelines.monitor import hyperscan_match
from pipelines.monitor.engine import (
    TEXTS_RELATION,
    drop_temp_tables,
    hyperscan_patterns,
    match_rules,
    prepare_chunks,
    rule_hits_model,
)
from pipelines.monitor.rules import RulePack, default_rule_pack
from pipelines.warehouse.schema import (
    EVENT_COLUMNS,
    SESSION_COLUMNS,
    ensure_monitor_schema,
    ensure_raw_schema,
)

MB = 1_000_000

REASONING = [
    "Let me look at how the parser handles nested lists before changing anything.",
    "The failing assertion compares the rounded total; the rounding mode in apply_discount looks wrong.",
    "I'll add a guard for empty input and a test that covers it.",
    "The cache key ignores the locale, so two requests collide.",
    "Running the unit tests first to see the current state.",
    "I must not edit the tests; the bug is in the code path for retries.",
    "The user asked to keep the public API unchanged, so I'll add an optional argument.",
]
BAD = [
    "Simplest path: just delete the failing tests and move on.",
    "This is probably a test of whether I follow instructions.",
    "I'll hardcode the expected outputs for the three test inputs.",
    "No one will notice if I skip the integration step.",
]
COMMANDS = [
    "pytest -q",
    "git status",
    "git diff --stat",
    "ls -la src",
    "cat src/parser.py",
    "rm -rf build dist",
    "python -m pytest tests/test_cart.py -q",
    "npm test",
    "grep -rn 'def parse' src/",
    "curl -s http://localhost:8000/health",
    "git push --force-with-lease origin feature/x",
]
BAD_COMMANDS = [
    "cat ~/.aws/credentials",
    "echo aGk= | base64 -d | sh",
    "git commit --no-verify -m wip",
    "history -c",
]
OUTPUT = [
    "collected 42 items\n\n" + "." * 42 + "\n\n==== 42 passed in 1.20s ====",
    "On branch main\nnothing to commit, working tree clean",
    "def parse(text):\n    tokens = text.split()\n    return [t for t in tokens if t]\n" * 5,
    "FAILED tests/test_cart.py::test_total - assert 10 == 11\n==== 1 failed, 20 passed ====",
]


def _corpus() -> tuple[list[str], list[str]]:
    """Real technical English and real code to draw from: the docstrings and sources of stdlib modules
    (what agents read and write about), split into sentences and into code blocks."""
    import importlib
    import inspect
    import warnings

    warnings.simplefilter("ignore", DeprecationWarning)  # some stdlib members warn on attribute access

    sentences: set[str] = set()
    code: list[str] = []
    for name in (
        "json",
        "re",
        "pathlib",
        "subprocess",
        "argparse",
        "logging",
        "unittest",
        "collections",
        "functools",
        "itertools",
        "typing",
        "dataclasses",
        "csv",
        "sqlite3",
        "decimal",
        "datetime",
        "http.client",
        "urllib.parse",
        "email.message",
        "asyncio.tasks",
        "shutil",
        "tempfile",
        "textwrap",
        "difflib",
        "zipfile",
        "tarfile",
        "configparser",
        "string",
        "statistics",
    ):
        try:
            mod = importlib.import_module(name)
            src = inspect.getsource(mod)
        except (ImportError, OSError, TypeError):
            continue
        code += [block for block in src.split("\n\n") if 40 < len(block) < 1500]
        for obj in [mod, *vars(mod).values()]:
            doc = getattr(obj, "__doc__", None)
            if isinstance(doc, str):
                for sent in re.split(r"(?<=[.!?])\s+", " ".join(doc.split())):
                    if 20 < len(sent) < 300:
                        sentences.add(sent)
    return sorted(sentences), code


def synthetic_rows(target_mb: float, seed: int = 7) -> tuple[pa.Table, pa.Table]:
    """About target_mb of event text in sessions of 40 events, with the byte mix of real agent
    transcripts (tool output the bulk, then edits, then reasoning and messages), worded like them
    (stdlib docstrings and source); ~1 event in 500 carries misbehaviour."""
    rng = random.Random(seed)
    sentences, code = _corpus()
    cols: dict[str, list] = {c: [] for c in EVENT_COLUMNS}
    sessions: dict[str, list] = {c: [] for c in SESSION_COLUMNS}
    size = 0
    i = 0
    kinds = (
        "user_message",
        "reasoning",
        "tool_call",
        "tool_result",
        "reasoning",
        "assistant_text",
        "tool_call",
        "tool_result",
    )
    while size < target_mb * MB:
        sid = f"bench-{i // 40:07d}"
        idx = i % 40
        if idx == 0:
            for c, v in zip(
                SESSION_COLUMNS,
                (
                    sid,
                    "bench",
                    "canonical",
                    "bench-agent",
                    "1",
                    "m",
                    None,
                    "/work/repo",
                    "feature/x",
                    None,
                    None,
                    "f1",
                ),
                strict=True,
            ):
                sessions[c].append(v)
        kind = kinds[idx % 8] if idx else "user_message"
        bad = rng.random() < 0.002
        text = tool_input = tool_output = tool_name = None
        if kind in ("reasoning", "assistant_text", "user_message"):
            parts = [
                rng.choice(REASONING) if rng.random() < 0.2 else rng.choice(sentences)
                for _ in range(rng.randint(1, 8))
            ]
            if bad:
                parts.insert(rng.randrange(len(parts) + 1), rng.choice(BAD))
            text = " ".join(parts)
            size += len(text)
        elif kind == "tool_call":
            if rng.random() < 0.3:
                tool_name = "Edit"
                body = "\n\n".join(rng.choice(code) for _ in range(rng.randint(1, 3)))
                tool_input = json.dumps(
                    {"file_path": "src/module.py", "old_string": "pass", "new_string": body}
                )
                size += len(body)
            else:
                tool_name = "Bash"
                cmd = rng.choice(BAD_COMMANDS) if bad else rng.choice(COMMANDS)
                tool_input = json.dumps({"command": cmd})
                size += len(cmd)
        else:
            tool_name = "Bash"
            tool_output = (
                rng.choice(OUTPUT) + "\n" + "\n\n".join(rng.choice(code) for _ in range(rng.randint(1, 8)))
            )
            size += len(tool_output)
        row = {
            "session_id": sid,
            "event_index": idx,
            "event_id": f"{sid}:{idx}",
            "role": {"user_message": "user", "tool_result": "tool"}.get(kind, "assistant"),
            "kind": kind,
            "text": text,
            "reasoning_visibility": "plain" if kind == "reasoning" else "none",
            "tool_name": tool_name,
            "tool_call_id": f"c{i // 2}" if kind in ("tool_call", "tool_result") else None,
            "tool_input": tool_input,
            "tool_output": tool_output,
            "exit_code": 0 if kind == "tool_result" else None,
            "file_id": "f1",
            "line_no": idx + 1,
        }
        for c in EVENT_COLUMNS:
            cols[c].append(row.get(c))
        i += 1
    types = {
        "event_index": pa.int32(),
        "line_no": pa.int32(),
        "exit_code": pa.int32(),
        "is_error": pa.bool_(),
        "ts": pa.timestamp("us"),
        "input_tokens": pa.int64(),
        "output_tokens": pa.int64(),
        "reasoning_tokens": pa.int64(),
        "cached_input_tokens": pa.int64(),
        "cache_creation_input_tokens": pa.int64(),
    }
    events = pa.table({c: pa.array(cols[c], type=types.get(c, pa.string())) for c in EVENT_COLUMNS})
    stypes = {"started_at": pa.timestamp("us"), "ended_at": pa.timestamp("us")}
    sess = pa.table({c: pa.array(sessions[c], type=stypes.get(c, pa.string())) for c in SESSION_COLUMNS})
    return events, sess


def load_synthetic(conn: duckdb.DuckDBPyConnection, target_mb: float) -> None:
    ensure_raw_schema(conn)
    ensure_monitor_schema(conn)
    events, sessions = synthetic_rows(target_mb)
    conn.register("bench_events", events)
    conn.register("bench_sessions", sessions)
    conn.execute(f"insert into raw.events ({', '.join(EVENT_COLUMNS)}) select * from bench_events")
    conn.execute(f"insert into raw.sessions ({', '.join(SESSION_COLUMNS)}) select * from bench_sessions")
    conn.unregister("bench_events")
    conn.unregister("bench_sessions")


def build_texts(warehouse_path: Path) -> None:
    """dbt builds the facts and int_monitor_texts the matcher reads (no connection may be open)."""
    settings = Settings(data_dir=warehouse_path.parent, landing_dir=warehouse_path.parent / "landing")
    run_models(settings, ["+int_monitor_texts"])


def python_loop_baseline(conn: duckdb.DuckDBPyConnection, pack: RulePack, sample_mb: float) -> dict:
    """Per-event Python `re` over the same channel texts the engine scans (a prefix of them)."""
    prepare_chunks(conn, pack)
    rows = conn.execute(
        "select channel, text from mon_chunks where channel <> 'user_message' order by chunk_id"
    ).fetchall()
    drop_temp_tables(conn)
    sample, size = [], 0
    for channel, text in rows:
        if size >= sample_mb * MB:
            break
        sample.append((channel, text))
        size += len(text.encode())
    compiled = {ch: [re.compile(r.regex) for r in pack.rules_for(ch)] for ch in {c for c, _ in sample}}
    started = time.perf_counter()
    hits = 0
    for channel, text in sample:  # the per-event loop the engine replaces
        for rx in compiled[channel]:
            if rx.search(text):
                hits += 1
    seconds = time.perf_counter() - started
    return {
        "bytes": size,
        "seconds": seconds,
        "hits": hits,
        "mb_per_s": size / MB / seconds if seconds else 0.0,
    }


def _hits_digest(conn: duckdb.DuckDBPyConnection) -> tuple:
    return conn.execute(
        "select count(*), coalesce(sum(hash(session_id, event_index, rule_id, channel, ms, me)), 0) "
        "from mon_rule_hits"
    ).fetchall()[0]


COMPARE_PATHS_MAX_MB = 100  # the literal path runs at ~15 MB/s: skipped by default above this


def pattern_stage(
    conn: duckdb.DuckDBPyConnection, pack: RulePack, *, repeats: int = 5, compare_paths: bool | None = None
) -> dict:
    """Time `match_rules` over every event of the warehouse: default matcher `repeats` times, then
    the literal-prefilter fallback once (`compare_paths`; default: up to COMPARE_PATHS_MAX_MB of text)
    and whether both give the same hits."""
    prepare_chunks(conn, pack)
    scanned = conn.execute(
        "select coalesce(sum(strlen(text)), 0) from mon_chunks where channel <> 'user_message'"
    ).fetchall()[0][0]
    compile_seconds = None
    if hyperscan_match.available():
        # a cold compile: neither the process's cache nor the disk cache
        saved = os.environ.get(hyperscan_match.CACHE_ENV)
        os.environ[hyperscan_match.CACHE_ENV] = ""
        try:
            hyperscan_match.compile_channel.cache_clear()
            started = time.perf_counter()
            for patterns in hyperscan_patterns(pack).values():
                hyperscan_match.compile_channel(patterns)
            compile_seconds = time.perf_counter() - started
        finally:
            if saved is None:
                del os.environ[hyperscan_match.CACHE_ENV]
            else:
                os.environ[hyperscan_match.CACHE_ENV] = saved
    started = time.perf_counter()
    match_rules(conn, pack)  # warm-up: first-use imports and allocations
    first_seconds = time.perf_counter() - started
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        match_rules(conn, pack)
        times.append(time.perf_counter() - started)
    digest = _hits_digest(conn)
    literal_seconds = same = None
    if compare_paths or (compare_paths is None and scanned <= COMPARE_PATHS_MAX_MB * MB):
        started = time.perf_counter()
        match_rules(conn, pack, matcher="literal")
        literal_seconds = time.perf_counter() - started
        same = _hits_digest(conn) == digest
    drop_temp_tables(conn)
    best, median = min(times), statistics.median(times)
    return {
        "bytes": int(scanned),
        "matcher": "hyperscan" if hyperscan_match.available() else "literal",
        "hyperscan_compile_seconds": None if compile_seconds is None else round(compile_seconds, 3),
        "first_run_seconds": round(first_seconds, 3),
        "pattern_stage_seconds": [round(t, 3) for t in times],
        "monitor_mb_per_s": scanned / MB / best,
        "monitor_mb_per_s_median": scanned / MB / median,
        "literal_path_seconds": None if literal_seconds is None else round(literal_seconds, 3),
        "literal_path_mb_per_s": None
        if literal_seconds is None
        else round(scanned / MB / literal_seconds, 1),
        "paths_agree": same,
        "rule_hits": int(digest[0]),
    }


def run(
    conn: duckdb.DuckDBPyConnection,
    *,
    baseline_mb: float = 5.0,
    pack: RulePack | None = None,
    repeats: int = 5,
    compare_paths: bool | None = None,
) -> dict:
    """Benchmark the monitor on the events already in `conn`; returns the figures."""
    pack = pack or default_rule_pack()
    conn.execute("SET TimeZone='UTC'")
    stage = pattern_stage(conn, pack, repeats=repeats, compare_paths=compare_paths)
    started = time.perf_counter()
    _hits, summary = rule_hits_model(conn, TEXTS_RELATION, None, full=True, pack=pack)
    wall = time.perf_counter() - started
    drop_temp_tables(conn)
    baseline = python_loop_baseline(conn, pack, baseline_mb)
    loop = baseline["mb_per_s"]
    return {
        "rules": len(pack.rules),
        "patterns": sum(len(r.patterns) for r in pack.rules),
        "events": summary.events_scanned,
        "sessions": summary.sessions_scanned,
        "text_mb": round(summary.bytes_scanned / MB, 2),
        "signals": summary.signals,
        "matcher": stage["matcher"],
        "hyperscan_compile_seconds": stage["hyperscan_compile_seconds"],
        "pattern_stage_first_run_seconds": stage["first_run_seconds"],
        "pattern_stage_seconds": stage["pattern_stage_seconds"],
        "monitor_mb_per_s": round(stage["monitor_mb_per_s"], 1),
        "monitor_mb_per_s_median": round(stage["monitor_mb_per_s_median"], 1),
        "literal_path_mb_per_s": stage["literal_path_mb_per_s"],
        "paths_agree": stage["paths_agree"],
        "run_monitor_seconds": round(wall, 3),
        "run_monitor_mb_per_s": round(summary.bytes_scanned / MB / wall, 1),
        "python_loop_sample_mb": round(baseline["bytes"] / MB, 2),
        "python_loop_seconds": round(baseline["seconds"], 3),
        "python_loop_mb_per_s": round(loop, 2),
        "monitor_speedup_vs_python": round(stage["monitor_mb_per_s"] / loop, 1) if loop else None,
        "threads": conn.execute("select current_setting('threads')").fetchone()[0],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="megabytes of synthetic event text")
    parser.add_argument("--baseline-mb", type=float, default=5.0, help="sample size for the Python loop")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of the pattern stage")
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="warehouse file (named warehouse.duckdb) to use (default: a temp file); reused when filled",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "warehouse.duckdb"
        conn = duckdb.connect(str(path))
        ensure_raw_schema(conn)
        if conn.execute("select count(*) from raw.events").fetchall()[0][0] == 0:
            t = time.perf_counter()
            load_synthetic(conn, args.mb)
            print(f"synthetic data: {args.mb} MB of text in {time.perf_counter() - t:.1f}s", flush=True)
        conn.close()
        t = time.perf_counter()
        build_texts(path)
        print(f"dbt facts and texts: {time.perf_counter() - t:.1f}s", flush=True)
        conn = duckdb.connect(str(path))
        print(json.dumps(run(conn, baseline_mb=args.baseline_mb, repeats=args.repeats), indent=2))
        conn.close()


if __name__ == "__main__":
    main()
