"""The scaling benchmark: synthesize transcripts at each scale, then time every stage and the whole run.

Per scale (`run_bench`), in a clean folder under the work dir:

1. `generate_to_size` writes about N MB of Claude Code and Codex transcripts (the generator's
   default formats, all newline-delimited JSON, so DuckDB's `read_json` can read every file).
2. Floor: DuckDB's bare `read_json` of the same files into a table of a fresh database file.
3. Stages, in this process, on a warehouse of their own: `land`, the monitor (`bench.monitor_bench.run`:
   the engine over every event and the per-event Python `re` loop on a sample), `dbt build`, every
   quality suite, `publish_snapshot`.
4. End to end: `cotwatch run` in a subprocess on a fresh data dir; wall time and the peak RSS of its
   process tree (the CLI and the dbt subprocess), sampled every 50 ms.
5. At the largest scale only: dashboard query latency (every query function of `app.queries`, against
   the snapshot the end-to-end run published) and every dashboard page's render time (Streamlit's
   AppTest, cold query caches), then the incremental cost: 1% more files (another
   seed) land into the stage warehouse in this process, and a second `cotwatch run` picks them up.

`run_bench` returns one JSON-able dict: headline figures at the top level (the largest scale),
`scales` with the figures of every scale, `targets` with each target and whether it was met, and
`machine` with what the run ran on (load average included: the machine may be shared).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import psutil

from pipelines.config import Settings

MB = 1_000_000
RSS_SAMPLE_SECONDS = 0.05
INCREMENTAL_SHARE = 0.01
NOOP_REPEATS = 3  # `cotwatch run`s with nothing new; the median is reported
DROPS = 2  # files dropped into the landing folder while `cotwatch watch` runs (first cold, then warm)
WATCH_INTERVAL_S = 2.0
DROP_TIMEOUT_S = 900.0
Progress = Callable[[str], None]

# (key, target, "min" when the figure must be at least the target, "max" when at most)
TARGETS: tuple[tuple[str, float, str], ...] = (
    ("landing_ratio_vs_duckdb", 0.5, "min"),
    ("monitor_mb_per_s", 200.0, "min"),
    ("monitor_speedup_vs_python", 20.0, "min"),
    ("e2e_1gb_seconds", 90.0, "max"),
    ("e2e_peak_rss_mb", 4096.0, "max"),
    ("incremental_ratio", 0.05, "max"),
    ("noop_seconds", 3.0, "max"),
    ("file_to_dashboard_s", 60.0, "max"),
    ("dashboard_p95_ms", 300.0, "max"),
    ("page_render_worst_s", 1.0, "max"),
)

# Figures at the top level of the result, taken from the largest scale.
HEADLINE_KEYS: tuple[str, ...] = (
    "scale_mb",
    "input_mb",
    "files",
    "sessions",
    "events",
    "landing_seconds",
    "landing_mb_per_s",
    "landing_events_per_s",
    "duckdb_read_json_seconds",
    "landing_ratio_vs_duckdb",
    "monitor_seconds",
    "monitor_text_mb",
    "monitor_mb_per_s",
    "run_monitor_mb_per_s",
    "python_loop_mb_per_s",
    "monitor_speedup_vs_python",
    "dbt_build_seconds",
    "quality_checks_seconds",
    "gx_import_seconds",
    "snapshot_publish_seconds",
    "snapshot_mb",
    "e2e_seconds",
    "e2e_peak_rss_mb",
)
LARGEST_ONLY_KEYS: tuple[str, ...] = (
    "incremental_mb",
    "incremental_files",
    "incremental_seconds",
    "incremental_ratio",
    "incremental_landing_seconds",
    "incremental_landing_ratio",
    "noop_seconds",
    "file_to_dashboard_s",
    "dashboard_p50_ms",
    "dashboard_p95_ms",
    "dashboard_worst_query_p95_ms",
    "dashboard_query_errors",
    "page_render_worst_s",
    "page_render_errors",
)
SCALING_KEYS: tuple[str, ...] = (
    "e2e_scaling_exponent",
    "e2e_fixed_seconds",
    "e2e_seconds_per_gb",
)


def required_keys(n_scales: int) -> tuple[str, ...]:
    """Top-level keys a result must hold, each a number (the scaling fit needs two scales)."""
    return HEADLINE_KEYS + LARGEST_ONLY_KEYS + (SCALING_KEYS if n_scales > 1 else ())


# --------------------------------------------------------------------------------------------------
# Machine


def machine_facts() -> dict[str, Any]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "cpu_model": cpu,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "git_commit": _git_commit(),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
    }


def _git_commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=Path(__file__).resolve().parent.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return done.stdout.strip() or None


# --------------------------------------------------------------------------------------------------
# Stages


def synthesize(landing: Path, mb: float, seed: int, labels: Path) -> dict[str, Any]:
    from pipelines.synth.generator import generate_to_size

    started = time.perf_counter()
    summary = generate_to_size(landing, mb, seed=seed, labels_path=labels)
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "sessions": summary.sessions,
        "files": summary.files,
        "bytes": summary.bytes_written,
    }


def duckdb_floor(landing: Path, db_path: Path) -> dict[str, Any]:
    """DuckDB's bare `read_json` of every landing file into a table of a new database file."""
    from pipelines.warehouse.landing import discover

    files = [str(f.path) for f in discover(landing)]
    db_path.unlink(missing_ok=True)
    started = time.perf_counter()
    conn = duckdb.connect(str(db_path))
    try:
        conn.execute("create table floor as select * from read_json($files)", {"files": files})
        rows = conn.execute("select count(*) from floor").fetchone()[0]
    finally:
        conn.close()  # the close checkpoints: the table is on disk, as landed rows are
    seconds = time.perf_counter() - started
    db_path.unlink(missing_ok=True)
    return {"seconds": seconds, "rows": rows, "files": len(files)}


def stage_landing(settings: Settings, progress: Progress) -> dict[str, Any]:
    # DuckDB imports pandas on the first Arrow registration (1+ s, once per process); the pipeline's
    # process has it loaded long before landing, so the one-off import is not landing's time.
    import pandas  # noqa: F401

    from pipelines.warehouse.landing import land

    started = time.perf_counter()
    summary = land(settings, progress=progress)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "bytes": summary.bytes_read,
        "files": summary.files_landed,
        "events": summary.events,
        "sessions": summary.sessions,
        "quarantined": summary.quarantined,
        "failed": summary.files_failed,
    }


def stage_monitor(settings: Settings, baseline_mb: float) -> dict[str, Any]:
    from bench import monitor_bench
    from pipelines.warehouse.connections import open_warehouse
    from pipelines.warehouse.schema import ensure_monitor_schema

    with open_warehouse(settings) as conn:
        ensure_monitor_schema(conn)
    monitor_bench.build_texts(settings.warehouse_path)  # dbt states the facts the matcher reads
    with open_warehouse(settings) as conn:
        return monitor_bench.run(conn, baseline_mb=baseline_mb)


def stage_reviews(settings: Settings) -> None:
    """What the pipeline does before dbt: land the (here empty) review store."""
    from pipelines.reviews import land_reviews
    from pipelines.warehouse.connections import open_warehouse

    with open_warehouse(settings) as conn:
        land_reviews(conn, settings.reviews_dir)


def stage_dbt(settings: Settings, work: Path) -> dict[str, Any]:
    """`dbt build` as the pipeline runs it (no unit tests), with its own target and log folders."""
    from pipelines.dbt_docs import DBT_PROJECT_DIR, dbt_env, dbt_executable

    target = work / "dbt-target"
    logs = work / "dbt-logs"
    target.mkdir(parents=True, exist_ok=True)
    parsed = DBT_PROJECT_DIR / "target" / "partial_parse.msgpack"
    if parsed.exists():  # the pipeline's dbt reuses the project's parse; so does this one
        shutil.copy2(parsed, target / parsed.name)
    command = [
        dbt_executable(),
        "build",
        "--exclude-resource-type",
        "unit_test",
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(target),
    ]
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=DBT_PROJECT_DIR, env=dbt_env(settings, logs), capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        raise RuntimeError(f"dbt build failed (exit {done.returncode}) on {settings.warehouse_path}:\n{tail}")
    return {"seconds": seconds}


def stage_quality(settings: Settings) -> dict[str, Any]:
    """Every quality suite, as the asset checks run them (results recorded like theirs)."""
    from pipelines.quality.results import record_outcome
    from pipelines.quality.suites import all_suites
    from pipelines.quality.validate import run_suite, warm_up
    from pipelines.warehouse.connections import open_warehouse

    gx_import = warm_up()
    checks: dict[str, float] = {}
    failed: list[str] = []
    started = time.perf_counter()
    with open_warehouse(settings) as conn:
        for suite in all_suites():
            outcome = run_suite(conn, suite)
            record_outcome(conn, outcome, run_id="bench")
            checks[suite.name] = round(outcome.seconds, 3)
            if not outcome.passed:
                failed.append(f"{suite.name} ({suite.severity})")
    return {
        "seconds": time.perf_counter() - started,
        "gx_import_seconds": gx_import,
        "checks": checks,
        "failed": failed,
    }


def stage_publish(settings: Settings) -> dict[str, Any]:
    from pipelines.warehouse.serving import publish_snapshot

    started = time.perf_counter()
    path = publish_snapshot(settings)
    return {"seconds": time.perf_counter() - started, "mb": path.stat().st_size / MB}


# --------------------------------------------------------------------------------------------------
# End to end


def cotwatch_command() -> list[str]:
    """The `cotwatch` console script of this environment (what `uv run cotwatch` starts)."""
    script = Path(sys.executable).with_name("cotwatch")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pipelines.cli"]


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for member in members:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += member.memory_info().rss
    return total


def run_cotwatch(landing: Path, data_dir: Path, log_path: Path, progress: Progress) -> dict[str, Any]:
    """`cotwatch run` in a subprocess: wall time, peak RSS of its process tree, its timed output."""
    command = [*cotwatch_command(), "run", "--landing", str(landing), "--data-dir", str(data_dir)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    peak = 0
    lines: list[tuple[float, str]] = []
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, bufsize=1
    )
    watched = psutil.Process(proc.pid)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(watched))
            stop.wait(RSS_SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, name="rss-sampler", daemon=True)
    sampler.start()
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append((time.perf_counter() - started, line.rstrip("\n")))
        progress(f"    | {line.rstrip()[:160]}")
    code = proc.wait()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_path.write_text("".join(f"{t:8.2f}  {text}\n" for t, text in lines))
    if code != 0:
        raise RuntimeError(f"`{' '.join(command)}` exited {code}; its output is in {log_path}")
    return {
        "seconds": seconds,
        "peak_rss_mb": peak / 2**20,
        "stages": _e2e_stages(lines, seconds),
        "nothing_new": any(text.startswith("run: nothing new") for _, text in lines),
    }


def noop_runs(landing: Path, data_dir: Path, work: Path, progress: Progress) -> list[float]:
    """Wall times of `cotwatch run`s with nothing new (after a successful run on the same data dir)."""
    times = []
    for i in range(NOOP_REPEATS):
        run = run_cotwatch(landing, data_dir, work / f"noop-{i}.log", progress)
        if not run["nothing_new"]:
            raise RuntimeError(
                f"a `cotwatch run` with nothing new ran the pipeline; see {work / f'noop-{i}.log'}"
            )
        times.append(round(run["seconds"], 3))
    return times


def _published_sessions(settings: Settings, deployment: str) -> int:
    from pipelines.warehouse.serving import current_snapshot

    try:
        snapshot = current_snapshot(settings)
        if snapshot is None:
            return 0
        with duckdb.connect(str(snapshot), read_only=True) as conn:
            return conn.execute(
                "select count(*) from marts.fct_session_metrics where deployment = ?", [deployment]
            ).fetchone()[0]
    except (duckdb.Error, OSError):  # a snapshot pruned between reading CURRENT and opening it
        return 0


def file_to_dashboard(settings: Settings, work: Path, seed: int, progress: Progress) -> list[float]:
    """Seconds from dropping a new transcript file into the landing folder to its session being in
    the published snapshot's `marts.fct_session_metrics`, with `cotwatch watch` running (polling every
    WATCH_INTERVAL_S). The first drop pays Dagster's import in the watch process, later ones do not."""
    command = [*cotwatch_command(), "watch", "--interval", str(WATCH_INTERVAL_S),
               "--landing", str(settings.landing_dir), "--data-dir", str(settings.data_dir)]  # fmt: skip
    log_path = work / "watch.log"
    latencies = []
    with log_path.open("w") as log:
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})  # fmt: skip
        try:
            while "watch: polling" not in log_path.read_text():
                if proc.poll() is not None:
                    raise RuntimeError(f"`cotwatch watch` exited {proc.returncode}; see {log_path}")
                time.sleep(0.1)
            for i in range(DROPS):
                source = work / f"drop-{i}"
                synthesize(source / "landing", 0.02, seed + 100 + i, source / "labels.jsonl")
                # one whole session per file: a Codex rollout (a Claude Code sidechain alone is not)
                files = sorted(
                    source.glob("landing/*/**/*.jsonl"), key=lambda p: (not p.name.startswith("rollout-"), p)
                )
                first = files[0]
                deployment = f"bench-drop-{i}"
                staged = work / f"{deployment}.partial"
                shutil.copyfile(first, staged)  # written elsewhere, then renamed in: one complete file
                (settings.landing_dir / deployment).mkdir()
                dropped = time.perf_counter()
                os.replace(staged, settings.landing_dir / deployment / first.name)
                while not _published_sessions(settings, deployment):
                    if proc.poll() is not None:
                        raise RuntimeError(f"`cotwatch watch` exited {proc.returncode}; see {log_path}")
                    if time.perf_counter() - dropped > DROP_TIMEOUT_S:
                        raise RuntimeError(
                            f"{deployment} not published after {DROP_TIMEOUT_S}s; see {log_path}"
                        )
                    time.sleep(0.2)
                latencies.append(round(time.perf_counter() - dropped, 2))
                progress(f"    file to dashboard #{i + 1}: {latencies[-1]}s")
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return latencies


def _e2e_stages(lines: list[tuple[float, str]], total: float) -> dict[str, float]:
    """Where the end-to-end time went, from the times the run printed its progress lines."""

    def first(prefix: str) -> float | None:
        return next((t for t, text in lines if text.startswith(prefix)), None)

    def last(prefix: str) -> float | None:
        return next((t for t, text in reversed(lines) if text.startswith(prefix)), None)

    marks = {
        "started": first("run:"),
        "landing_done": last("landing:"),
        "monitor_done": first("monitor:"),
        "dbt_started": first("dbt: build"),
        "dbt_done": last("dbt:"),
        "published": first("serving:"),
    }
    out: dict[str, float] = {"total": round(total, 2)}

    def span(name: str, a: str | None, b: str) -> None:
        start = 0.0 if a is None else marks[a]
        if start is not None and marks[b] is not None:
            out[name] = round(marks[b] - start, 2)

    span("startup", None, "started")
    span("to_landing_done", "started", "landing_done")
    span("landing_done_to_dbt", "landing_done", "dbt_started")
    span("dbt", "dbt_started", "dbt_done")
    span("dbt_done_to_published", "dbt_done", "published")
    if marks["published"] is not None:
        out["after_published"] = round(total - marks["published"], 2)
    return out


# --------------------------------------------------------------------------------------------------
# Dashboard


def query_pages() -> dict[str, list[str]]:
    """The pages (app/app_pages/*.py, plus the shared components) that call each query."""
    import re

    app_dir = Path(__file__).resolve().parent.parent / "app"
    pages: dict[str, list[str]] = {}
    for path in sorted([*app_dir.glob("app_pages/*.py"), app_dir / "components.py"]):
        page = "every page" if path.stem == "components" else path.stem
        for name in sorted(set(re.findall(r"\bq\.([a-z_]+)\b", path.read_text()))):
            pages.setdefault(name, []).append(page)
    return pages


def _query_arguments(q: Any, conn: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What the pages pass by default, by parameter name: the last 14 days (the sidebar's default
    window), every deployment, the most suspicious session and the worst incident (what a reviewer
    opens first), the busiest day of the trend chart, and each page's row limit."""
    from app.components import DEFAULT_WINDOW_DAYS
    from pipelines.warehouse.serving import snapshot_cursor

    def ask(fn: Callable, *args: Any) -> Any:
        cur = snapshot_cursor(conn)
        try:
            return fn(cur, *args)
        finally:
            cur.close()

    bounds = ask(q.date_bounds)
    first, last = bounds["first_day"][0], bounds["last_day"][0]
    window = min(DEFAULT_WINDOW_DAYS, max(1, ((last - first).days + 1) // 2))
    start, end = max(first, last - dt.timedelta(days=window - 1)), last
    incidents = ask(q.incidents, start, end, (), (), (), (), (), 5000)
    if incidents.is_empty():
        raise RuntimeError("the snapshot has no incident in the default window: nothing to open")
    top = incidents.row(0, named=True)
    session_id = ask(q.session_choices, start, end, (), True, 500)["session_id"][0]
    busiest = ask(q.incident_rate_trend, start, end, ()).sort("incidents", descending=True).row(0, named=True)
    catalog = ask(q.tables)
    names = {f"{schema}.{name}" for schema, name in zip(catalog["schema"], catalog["name"], strict=True)}
    return {
        "start": start,
        "end": end,
        "deployments": (),
        "severities": (),
        "categories": (),
        "models": (),
        "review_statuses": (),
        "flagged_only": True,
        "limit": 500,
        "incident_id": top["incident_id"],
        "category": top["category"],
        "session_id": session_id,
        "deployment": busiest["deployment"],
        "day": busiest["day"],
        "lo": 0,
        "hi": 399,
        "present": tuple(t for _, t, _ in q.FRESHNESS_SOURCES if t in names),
        # the trend pages' defaults: per deployment, by week; the monitor-quality and data-quality
        # pages read what the snapshot holds
        "by": "deployment",
        "grain": "week",
        "with_evaluations": "monitor.evaluations" in names,
        "with_scans": "monitor.scanned_sessions" in names,
        "with_dbt": "quality.dbt_results" in names,
        # per query, where a page passes something other than the defaults above
        ("incident_signals", "session_id"): top["session_id"],
        ("incidents", "limit"): 5000,
        ("top_categories", "limit"): 8,
        ("day_incidents", "limit"): 200,
        ("model_trend", "start"): first,
        ("model_summary", "start"): first,
    }


def _arguments_for(name: str, fn: Callable, values: dict[str, Any]) -> tuple:
    import inspect

    params = list(inspect.signature(fn).parameters)[1:]  # after the connection
    unknown = [p for p in params if (name, p) not in values and p not in values]
    if unknown:
        raise RuntimeError(
            f"app/queries.py:{name} takes {unknown}, which the benchmark has no value for "
            "(add it to bench/harness.py:_query_arguments)"
        )
    return tuple(values.get((name, p), values.get(p)) for p in params)


def _percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def dashboard_latency(snapshot: Path, repeats: int) -> dict[str, Any]:
    """Every registered query `repeats` times on a fresh cursor each (the app caches results per
    snapshot, so what a user waits for is the uncached run); p50/p95 per query and over all runs."""
    from app import queries as q
    from pipelines.warehouse.serving import connect_snapshot, snapshot_cursor

    conn = connect_snapshot(snapshot)
    try:
        values = _query_arguments(q, conn)
        arguments = {name: _arguments_for(name, fn, values) for name, fn in q._REGISTRY.items()}
        pages = query_pages()
        per_query: dict[str, dict[str, Any]] = {}
        errors: dict[str, str] = {}
        samples: list[float] = []
        for name, fn in q._REGISTRY.items():
            times = []
            rows = 0
            try:
                for _ in range(repeats):
                    started = time.perf_counter()
                    cur = snapshot_cursor(conn)
                    try:
                        result = fn(cur, *arguments[name])
                        # a frame, or a finding (rate_changes) whose rows are the slices it tested
                        rows = (
                            result.height if hasattr(result, "height") else len(getattr(result, "tested", ()))
                        )
                    finally:
                        cur.close()
                    times.append((time.perf_counter() - started) * 1000)
            except duckdb.Error as exc:
                # A query that fails on real data is a bug of the page: report it, time the others.
                errors[name] = f"app/queries.py:{name}: {str(exc).splitlines()[0]}"
                continue
            samples += times
            per_query[name] = {
                "page": ", ".join(pages.get(name, ["(no page)"])),
                "rows": rows,
                "first_ms": round(times[0], 1),
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(_percentile(times, 95), 1),
            }
        # The SQL page's example queries: typed by a user, so outside the page-query target.
        examples: dict[str, float] = {}
        for title, sql in getattr(q, "EXAMPLE_QUERIES", {}).items():
            times = []
            for _ in range(max(1, repeats // 4)):
                started = time.perf_counter()
                cur = snapshot_cursor(conn)
                try:
                    q.run_readonly_sql(cur, sql)
                finally:
                    cur.close()
                times.append((time.perf_counter() - started) * 1000)
            examples[title] = round(statistics.median(times), 1)
    finally:
        conn.close()
    return {
        "repeats": repeats,
        "errors": errors,
        "sql_examples_p50_ms": examples,
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(_percentile(samples, 95), 1),
        "worst_query_p95_ms": max(v["p95_ms"] for v in per_query.values()),
        "queries": per_query,
    }


PAGE_RENDER_REPEATS = 3
_HARNESS_ONLY_PAGE = "import streamlit as st\nst.title('CoT Watch')\n"


def page_renders(data_dir: Path, repeats: int = PAGE_RENDER_REPEATS) -> dict[str, Any]:
    """Every dashboard page rendered by Streamlit's AppTest on the snapshot under `data_dir`,
    `repeats` times with the query caches cleared before each (what a user waits for on a new
    snapshot or filter); the best time per page.

    AppTest itself costs time on every run (it scans installed packages for components; about 0.4 s
    on a 2-core machine) that a running server does not pay per page view, so each page's own time is
    its best render less the best render of a one-line page, measured the same way in this process:
    `pages_s` holds the best renders as measured, `worst_s` the slowest page's own time.
    A page that shows an exception or an error is reported under `errors`, not timed.
    """
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    app_dir = Path(__file__).resolve().parent.parent / "app"

    def best_of(render: Callable[[], AppTest]) -> tuple[float, list[str]]:
        problems = list(_page_problems(render()))  # warm: imports and the snapshot connection
        times = []
        for _ in range(repeats):
            st.cache_data.clear()
            started = time.perf_counter()
            problems += _page_problems(render())
            times.append(time.perf_counter() - started)
        return min(times), problems

    def page(name: str) -> Callable[[], AppTest]:
        def render() -> AppTest:
            at = AppTest.from_file(str(app_dir / "streamlit_app.py"), default_timeout=300)
            at.switch_page(f"app_pages/{name}.py")
            return at.run()

        return render

    saved = os.environ.get("COTWATCH_DATA_DIR")
    os.environ["COTWATCH_DATA_DIR"] = str(data_dir)
    try:
        harness, _ = best_of(lambda: AppTest.from_string(_HARNESS_ONLY_PAGE, default_timeout=300).run())
        pages: dict[str, float] = {}
        errors: dict[str, str] = {}
        for path in sorted((app_dir / "app_pages").glob("*.py")):
            if path.stem.startswith("_"):
                continue
            seconds, problems = best_of(page(path.stem))
            if problems:
                errors[path.stem] = f"app/app_pages/{path.name}: {problems[0][:300]}"
            else:
                pages[path.stem] = round(seconds, 3)
    finally:
        if saved is None:
            os.environ.pop("COTWATCH_DATA_DIR", None)
        else:
            os.environ["COTWATCH_DATA_DIR"] = saved
        st.cache_data.clear()
    return {
        "repeats": repeats,
        "harness_s": round(harness, 3),
        "pages_s": pages,
        "worst_s": round(max(0.0, max(pages.values(), default=harness) - harness), 3),
        "errors": errors,
    }


def _page_problems(at: Any) -> list[str]:
    return [f"exception: {e.value}" for e in at.exception] + [f"error: {e.value}" for e in at.error]


# --------------------------------------------------------------------------------------------------
# The run


def _scale_label(mb: float) -> str:
    return f"{mb:g}"


def bench_scale(
    mb: float,
    work: Path,
    *,
    seed: int,
    baseline_mb: float,
    largest: bool,
    dashboard_repeats: int,
    progress: Progress,
) -> dict[str, Any]:
    root = work / f"scale-{_scale_label(mb)}"
    shutil.rmtree(root, ignore_errors=True)
    landing = root / "landing"
    stages = Settings(data_dir=root / "stages", landing_dir=landing)
    e2e = Settings(data_dir=root / "e2e", landing_dir=landing)
    out: dict[str, Any] = {"scale_mb": mb, "loadavg_start": [round(x, 2) for x in os.getloadavg()]}

    progress(f"[{mb:g} MB] synthesizing transcripts")
    syn = synthesize(landing, mb, seed, root / "labels.jsonl")
    out.update(
        input_mb=round(syn["bytes"] / MB, 1),
        files=syn["files"],
        sessions=syn["sessions"],
        synth_seconds=syn["seconds"],
    )
    progress(f"[{mb:g} MB] {syn['files']} files, {syn['sessions']} sessions in {syn['seconds']}s")

    progress(f"[{mb:g} MB] DuckDB read_json floor")
    floor = duckdb_floor(landing, root / "floor.duckdb")
    progress(f"[{mb:g} MB] landing (in process)")
    landed = stage_landing(stages, lambda m: progress(f"    {m}"))
    if landed["failed"]:
        raise RuntimeError(
            f"{landed['failed']} files failed to land at {mb:g} MB; see {stages.warehouse_path}"
        )
    out.update(
        events=landed["events"],
        landing_seconds=round(landed["seconds"], 2),
        landing_mb_per_s=round(landed["bytes"] / MB / landed["seconds"], 1),
        landing_events_per_s=round(landed["events"] / landed["seconds"]),
        duckdb_read_json_seconds=round(floor["seconds"], 2),
        duckdb_read_json_rows=floor["rows"],
        landing_ratio_vs_duckdb=round(floor["seconds"] / landed["seconds"], 3),
    )
    progress(
        f"[{mb:g} MB] landing {out['landing_seconds']}s ({out['landing_mb_per_s']} MB/s, "
        f"{out['landing_events_per_s']} events/s); read_json {out['duckdb_read_json_seconds']}s; "
        f"ratio {out['landing_ratio_vs_duckdb']}"
    )

    progress(f"[{mb:g} MB] monitor")
    mon = stage_monitor(stages, baseline_mb)
    # bench.monitor_bench defines the monitor figures; the whole text-matching step (the rule_hits
    # model: texts read, guards, bookkeeping) is reported beside them under its own names.
    whole = mon.get("run_monitor_seconds", mon.get("monitor_seconds"))
    out.update(
        monitor_seconds=whole,
        monitor_text_mb=mon["text_mb"],
        monitor_mb_per_s=mon["monitor_mb_per_s"],
        run_monitor_mb_per_s=round(mon["text_mb"] / whole, 1) if whole else None,
        python_loop_mb_per_s=mon["python_loop_mb_per_s"],
        monitor_speedup_vs_python=mon["monitor_speedup_vs_python"],
        monitor=mon,
    )
    progress(
        f"[{mb:g} MB] monitor on {mon['text_mb']} MB of text: {mon['monitor_mb_per_s']} MB/s, "
        f"{mon['monitor_speedup_vs_python']}x the Python loop; run_monitor {whole}s"
    )

    stage_reviews(stages)
    progress(f"[{mb:g} MB] dbt build")
    dbt = stage_dbt(stages, root)
    out["dbt_build_seconds"] = round(dbt["seconds"], 2)
    progress(f"[{mb:g} MB] dbt build {out['dbt_build_seconds']}s; quality checks")
    quality = stage_quality(stages)
    out.update(
        quality_checks_seconds=round(quality["seconds"], 2),
        gx_import_seconds=round(quality["gx_import_seconds"], 2),
        quality_checks=quality["checks"],
        quality_failed=quality["failed"],
    )
    publish = stage_publish(stages)
    out.update(snapshot_publish_seconds=round(publish["seconds"], 2), snapshot_mb=round(publish["mb"], 1))
    progress(
        f"[{mb:g} MB] quality {out['quality_checks_seconds']}s (+{out['gx_import_seconds']}s GX import), "
        f"publish {out['snapshot_publish_seconds']}s ({out['snapshot_mb']} MB)"
    )

    progress(f"[{mb:g} MB] end to end: cotwatch run")
    run = run_cotwatch(landing, e2e.data_dir, work / f"e2e-{_scale_label(mb)}.log", progress)
    out.update(
        e2e_seconds=round(run["seconds"], 2),
        e2e_peak_rss_mb=round(run["peak_rss_mb"]),
        e2e_stages=run["stages"],
    )
    progress(f"[{mb:g} MB] end to end {out['e2e_seconds']}s, peak RSS {out['e2e_peak_rss_mb']} MB")

    if largest:
        from pipelines.warehouse.serving import current_snapshot

        snapshot = current_snapshot(e2e)
        if snapshot is None:
            raise RuntimeError(f"the end-to-end run published no snapshot under {e2e.serving_dir}")
        progress(f"[{mb:g} MB] dashboard queries x{dashboard_repeats}")
        dash = dashboard_latency(snapshot, dashboard_repeats)
        out.update(
            dashboard_p50_ms=dash["p50_ms"],
            dashboard_p95_ms=dash["p95_ms"],
            dashboard_worst_query_p95_ms=dash["worst_query_p95_ms"],
            dashboard_query_errors=len(dash["errors"]),
            dashboard=dash,
        )
        progress(
            f"[{mb:g} MB] dashboard p50 {dash['p50_ms']} ms, p95 {dash['p95_ms']} ms, "
            f"worst query p95 {dash['worst_query_p95_ms']} ms"
        )

        progress(f"[{mb:g} MB] dashboard pages: each rendered x{PAGE_RENDER_REPEATS} with cold query caches")
        rendered = page_renders(e2e.data_dir)
        out.update(
            page_render_worst_s=rendered["worst_s"],
            page_render_errors=len(rendered["errors"]),
            page_renders=rendered,
        )
        progress(
            f"[{mb:g} MB] page renders (s; AppTest alone {rendered['harness_s']} s): "
            + ", ".join(f"{k} {v}" for k, v in rendered["pages_s"].items())
            + "".join(f"; ERROR {e}" for e in rendered["errors"].values())
        )

        progress(f"[{mb:g} MB] no-op: `cotwatch run` x{NOOP_REPEATS} with nothing new")
        noop = noop_runs(landing, e2e.data_dir, root, progress)
        out.update(noop_seconds=round(statistics.median(noop), 3), noop_runs=noop)
        progress(
            f"[{mb:g} MB] file to dashboard: `cotwatch watch --interval {WATCH_INTERVAL_S:g}`, {DROPS} drops"
        )
        latencies = file_to_dashboard(e2e, root, seed, progress)
        out.update(
            file_to_dashboard_s=round(statistics.median(latencies), 2), file_to_dashboard_runs=latencies
        )
        progress(f"[{mb:g} MB] no-op median {out['noop_seconds']}s of {noop}; file to dashboard {latencies}")

        extra_mb = mb * INCREMENTAL_SHARE
        progress(f"[{mb:g} MB] incremental: {extra_mb:g} MB of new files")
        extra = synthesize(landing, extra_mb, seed + 1, root / "labels-incremental.jsonl")
        again = stage_landing(stages, lambda m: progress(f"    {m}"))
        run2 = run_cotwatch(landing, e2e.data_dir, work / f"e2e-{_scale_label(mb)}-incremental.log", progress)
        out.update(
            incremental_mb=round(extra["bytes"] / MB, 2),
            incremental_files=extra["files"],
            incremental_landing_seconds=round(again["seconds"], 2),
            incremental_landing_ratio=round(again["seconds"] / landed["seconds"], 4),
            incremental_seconds=round(run2["seconds"], 2),
            incremental_ratio=round(run2["seconds"] / run["seconds"], 4),
            incremental_peak_rss_mb=round(run2["peak_rss_mb"]),
            incremental_stages=run2["stages"],
        )
        progress(
            f"[{mb:g} MB] incremental run {out['incremental_seconds']}s ({out['incremental_ratio']:.1%} of "
            f"the full run); landing alone {out['incremental_landing_seconds']}s "
            f"({out['incremental_landing_ratio']:.1%})"
        )
    out["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    return out


def scaling_fit(scales: list[dict[str, Any]]) -> dict[str, float]:
    """How end-to-end time grows: least-squares t = a + b * MB, and the log-log exponent from the
    smallest to the largest scale (1.0 = linear; below 1 while the fixed cost still dominates)."""
    xs = [s["input_mb"] for s in scales]
    ys = [s["e2e_seconds"] for s in scales]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    lo, hi = min(range(len(xs)), key=xs.__getitem__), max(range(len(xs)), key=xs.__getitem__)
    exponent = math.log(ys[hi] / ys[lo]) / math.log(xs[hi] / xs[lo])
    return {
        "e2e_scaling_exponent": round(exponent, 3),
        "e2e_fixed_seconds": round(mean_y - slope * mean_x, 2),
        "e2e_seconds_per_gb": round(slope * 1000, 2),
    }


def evaluate_targets(result: dict[str, Any], scales: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    gb = [s for s in scales if s["scale_mb"] >= 1000]
    figures = dict(result)
    figures["e2e_1gb_seconds"] = gb[0]["e2e_seconds"] if gb else None
    figures["e2e_peak_rss_mb"] = max(s["e2e_peak_rss_mb"] for s in scales)
    targets = {}
    for key, target, sense in TARGETS:
        value = figures.get(key)
        met = None if value is None else (value >= target if sense == "min" else value <= target)
        targets[key] = {
            "value": value,
            "target": target,
            "sense": ">=" if sense == "min" else "<=",
            "met": met,
        }
    return targets


def run_bench(
    scales_mb: list[float],
    work_dir: Path,
    *,
    seed: int = 7,
    baseline_mb: float = 5.0,
    dashboard_repeats: int = 20,
    keep: bool = False,
    progress: Progress = print,
) -> dict[str, Any]:
    """Benchmark every scale (ascending); headline figures come from the largest."""
    if not scales_mb or any(s <= 0 for s in scales_mb):
        raise ValueError(f"scales must be positive megabytes, got {scales_mb}")
    work_dir = work_dir.resolve()
    work_dir.mkdir(parents=True, exist_ok=True)
    machine = machine_facts()
    ordered = sorted(scales_mb)
    started = time.perf_counter()
    scales = []
    for mb in ordered:
        scales.append(
            bench_scale(
                mb,
                work_dir,
                seed=seed,
                baseline_mb=baseline_mb,
                largest=mb == ordered[-1],
                dashboard_repeats=dashboard_repeats,
                progress=progress,
            )
        )
        if not keep:
            shutil.rmtree(work_dir / f"scale-{_scale_label(mb)}", ignore_errors=True)
    machine["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    largest = scales[-1]
    result: dict[str, Any] = {k: largest[k] for k in HEADLINE_KEYS + LARGEST_ONLY_KEYS}
    if len(scales) > 1:
        result.update(scaling_fit(scales))
    result["targets"] = evaluate_targets(result, scales)
    result["machine"] = machine
    result["bench_seconds"] = round(time.perf_counter() - started, 1)
    result["generated_at"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    result["scales"] = scales
    return result


# --------------------------------------------------------------------------------------------------
# Report


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return (
            f"{value:,.3g}" if abs(value) < 10 else f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.1f}"
        )
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


SCALE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("input_mb", "input MB"),
    ("files", "files"),
    ("events", "events"),
    ("landing_seconds", "landing s"),
    ("landing_mb_per_s", "landing MB/s"),
    ("landing_events_per_s", "events/s"),
    ("duckdb_read_json_seconds", "read_json s"),
    ("landing_ratio_vs_duckdb", "ratio vs DuckDB"),
    ("monitor_text_mb", "monitor text MB"),
    ("monitor_mb_per_s", "monitor MB/s"),
    ("monitor_speedup_vs_python", "vs Python re"),
    ("monitor_seconds", "run_monitor s"),
    ("dbt_build_seconds", "dbt build s"),
    ("quality_checks_seconds", "quality s"),
    ("snapshot_publish_seconds", "publish s"),
    ("e2e_seconds", "`cotwatch run` s"),
    ("e2e_peak_rss_mb", "peak RSS MB"),
)


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"Benchmark of {result['generated_at']} (`python -m bench`, commit {m.get('git_commit') or '?'}), "
        f"on {m['nproc']} cores ({m['cpu_model']}), {m['ram_gb']} GB RAM, DuckDB {m['duckdb']}, "
        f"Python {m['python']}; load average {m['loadavg_start'][0]} at the start, "
        f"{m['loadavg_end'][0]} at the end (the machine is shared).",
        "",
        "| scale | " + " | ".join(title for _, title in SCALE_COLUMNS) + " |",
        "|---" * (len(SCALE_COLUMNS) + 1) + "|",
    ]
    for s in result["scales"]:
        row = [f"{s['scale_mb']:g} MB", *(_fmt(s.get(key)) for key, _ in SCALE_COLUMNS)]
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "| target | goal | measured | met |", "|---|---|---|---|"]
    for key, t in result["targets"].items():
        lines.append(
            f"| `{key}` | {t['sense']} {_fmt(t['target'])} | {_fmt(t['value'])} | {_fmt(t['met'])} |"
        )
    largest = result["scales"][-1]
    lines += [
        "",
        f"Incremental, at {largest['scale_mb']:g} MB: {_fmt(result['incremental_files'])} new files "
        f"({_fmt(result['incremental_mb'])} MB): `cotwatch run` {_fmt(result['incremental_seconds'])} s "
        f"({result['incremental_ratio']:.1%} of the full run's {_fmt(largest['e2e_seconds'])} s); landing "
        f"alone {_fmt(result['incremental_landing_seconds'])} s ({result['incremental_landing_ratio']:.1%} "
        f"of the full landing).",
    ]
    if largest.get("noop_runs"):
        lines.append(
            f"No-op `cotwatch run` (nothing new), median of {len(largest['noop_runs'])}: "
            f"{_fmt(largest['noop_seconds'])} s ({', '.join(_fmt(x) for x in largest['noop_runs'])}); "
            f"{largest['noop_seconds'] / largest['e2e_seconds']:.1%} of the full run. File to dashboard with "
            f"`cotwatch watch --interval {WATCH_INTERVAL_S:g}` (drop a file, poll the published snapshot until "
            f"its session is there): {', '.join(_fmt(x) for x in largest['file_to_dashboard_runs'])} s "
            "(the first drop includes the watch process loading Dagster, dbt's adapter and GX)."
        )
    if "e2e_scaling_exponent" in result:
        lines.append(
            f"Scaling of `cotwatch run`: {_fmt(result['e2e_fixed_seconds'])} s fixed + "
            f"{_fmt(result['e2e_seconds_per_gb'])} s per GB (least squares); exponent "
            f"{_fmt(result['e2e_scaling_exponent'])} from the smallest to the largest scale (1 = linear)."
        )
    stages = largest.get("e2e_stages") or {}
    if stages:
        lines.append(
            "Where `cotwatch run` spent its time at the largest scale (s): "
            + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in stages.items())
            + "."
        )
    dash = largest.get("dashboard")
    if dash:
        lines += [
            "",
            f"Dashboard queries at {largest['scale_mb']:g} MB, {dash['repeats']} runs each on the published "
            f"snapshot: p50 {dash['p50_ms']} ms, p95 {dash['p95_ms']} ms over all runs.",
            "",
            "| query | page | rows | first ms | p50 ms | p95 ms |",
            "|---|---|---|---|---|---|",
        ]
        for name, v in sorted(dash["queries"].items(), key=lambda kv: -kv[1]["p95_ms"]):
            lines.append(
                f"| `{name}` | {v['page']} | {v['rows']:,} | {v['first_ms']} | {v['p50_ms']} | {v['p95_ms']} |"
            )
        for name, error in dash["errors"].items():
            lines.append(f"| `{name}` | | error: {error[:160]} | | | |")
        if dash.get("sql_examples_p50_ms"):
            lines += [
                "",
                "SQL page example queries (typed by a user; not in the target), median ms: "
                + "; ".join(f"{title} {ms}" for title, ms in dash["sql_examples_p50_ms"].items())
                + ".",
            ]
    rendered = largest.get("page_renders")
    if rendered:
        lines += [
            "",
            f"Dashboard pages at {largest['scale_mb']:g} MB, each rendered {rendered['repeats']} times by "
            "Streamlit's AppTest with the query caches cleared, best time (s; AppTest alone, on a "
            f"one-line page: {rendered['harness_s']} s; the slowest page's own time, the target's "
            f"figure: {rendered['worst_s']} s): "
            + ", ".join(f"{name} {seconds}" for name, seconds in rendered["pages_s"].items())
            + "."
            + "".join(f" Error: {error}." for error in rendered["errors"].values()),
        ]
    return "\n".join(lines) + "\n"
