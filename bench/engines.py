"""DuckDB against Spark on the same input: wall time and peak memory of the dbt build on each engine.

    python -m bench.engines --sessions 400 --work build/engines [--repeats 3]

Generates transcripts, lands them with `cotwatch run --lake` (DuckDB), then times, on the same
warehouse and lake: `dbt build --full-refresh` on DuckDB (a copy of the warehouse), and
`python -m pipelines.warehouse.spark` (Spark local mode: the models, the rule matching on Spark and
every data test). Peak memory is the largest resident set of the whole process tree (the JVM and the
Python workers included), sampled every 50 ms. With --repeats N each engine builds N times on the
same input (alternating), and the medians are reported. Prints one Markdown table row per engine.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import psutil

from pipelines.dbt_docs import DBT_PROJECT_DIR, dbt_executable

REPO = Path(__file__).resolve().parent.parent
DUCKDB = "DuckDB (dbt-duckdb)"
SPARK = "Spark local[*] (dbt-spark session)"


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    with contextlib.suppress(psutil.NoSuchProcess):
        for member in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                total += member.memory_info().rss
    return total


def measure(cmd: list[str], *, cwd: Path, env: dict[str, str], log: Path) -> tuple[float, float, int]:
    """(seconds, peak tree RSS in MB, exit code) of one command."""
    started = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        watched = psutil.Process(proc.pid)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss(watched))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = proc.wait()
        done.set()
        sampler.join()
    return time.perf_counter() - started, peak / 2**20, code


def _progress(engine: str, i: int, run: tuple[float, float, int], load: float) -> None:
    """One line per finished build, so an interrupted series still leaves its measurements."""
    seconds, peak, code = run
    print(f"run {i + 1}: {engine}: {seconds:.0f} s, {peak:.0f} MB, exit {code}, load {load:.1f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=400, help="generated sessions (default: 400)")
    parser.add_argument("--work", default="build/engines", help="work folder (default: build/engines)")
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="builds per engine on the same input; medians reported (default: 1)",
    )
    parser.add_argument(
        "--keep-input",
        action="store_true",
        default=False,
        help="reuse the transcripts, warehouse and lake an earlier run left in --work (default: generate anew)",
    )
    ns = parser.parse_args(argv)
    work = Path(ns.work).resolve()
    landing, data, lake = work / "landing", work / "data", work / "lake"
    if not (ns.keep_input and (data / "warehouse.duckdb").exists() and (lake / "_manifest").exists()):
        shutil.rmtree(work, ignore_errors=True)
        cotwatch = [sys.executable, "-m", "pipelines.cli"]
        subprocess.run(
            [*cotwatch, "synth", "--out", str(landing), "--sessions", str(ns.sessions)], check=True, cwd=REPO
        )
        subprocess.run([*cotwatch, "run", "--landing", str(landing), "--data-dir", str(data), "--lake", str(lake)],
                       check=True, cwd=REPO, stdout=subprocess.DEVNULL)  # fmt: skip
    mb = sum(p.stat().st_size for p in landing.rglob("*") if p.is_file()) / 1e6
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as conn:
        n_sessions, n_events = conn.execute(
            "select (select count(*) from raw.sessions), (select count(*) from raw.events)"
        ).fetchone()
    env = {**os.environ}
    runs: dict[str, list[tuple[float, float, int]]] = {DUCKDB: [], SPARK: []}
    loads: list[float] = []
    for i in range(ns.repeats):
        copy = work / f"duckdb-copy-{i}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(data, copy)
        loads.append(os.getloadavg()[0])
        runs[DUCKDB].append(measure(
            [dbt_executable(), "build", "--full-refresh", "--exclude-resource-type", "unit_test",
             "--target-path", str(work / "dbt-target")],
            cwd=DBT_PROJECT_DIR, env={**env, "COTWATCH_DATA_DIR": str(copy)}, log=work / f"duckdb-{i}.log",
        ))  # fmt: skip
        shutil.rmtree(copy, ignore_errors=True)
        loads.append(os.getloadavg()[0])
        _progress(DUCKDB, i, runs[DUCKDB][-1], loads[-1])
        runs[SPARK].append(measure(
            [sys.executable, "-m", "pipelines.warehouse.spark", "--lake", str(lake), "--work-dir", str(work / "spark")],
            cwd=REPO, env=env, log=work / f"spark-{i}.log",
        ))  # fmt: skip
        loads.append(os.getloadavg()[0])
        _progress(SPARK, i, runs[SPARK][-1], loads[-1])
    print(f"input: {n_sessions} sessions, {n_events} events, {mb:.1f} MB of transcripts; {psutil.cpu_count()} CPUs; "
          f"load average (1 min) between runs {min(loads):.1f} to {max(loads):.1f}")  # fmt: skip
    print(
        "| engine | builds ok | wall time (s), median | peak memory (MB), median | each build (s / MB / exit) |"
    )
    print("|---|---|---|---|---|")
    for name, measured in runs.items():
        ok = [(s, p) for s, p, c in measured if c == 0]  # a failed build's time measures nothing
        each = ", ".join(f"{s:.0f} / {p:.0f} / {c}" for s, p, c in measured)
        time_median = f"{statistics.median(s for s, _ in ok):.0f}" if ok else "-"
        peak_median = f"{statistics.median(p for _, p in ok):.0f}" if ok else "-"
        print(f"| {name} | {len(ok)} of {len(measured)} | {time_median} | {peak_median} | {each} |")
    return 0 if all(c == 0 for measured in runs.values() for _, _, c in measured) else 1


if __name__ == "__main__":
    sys.exit(main())
