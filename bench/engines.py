"""DuckDB against Spark on the same input: wall time and peak memory of the dbt build on each engine.

    python -m bench.engines --sessions 400 --work build/engines

Generates transcripts, lands them with `cotwatch run --lake` (DuckDB), then times, on the same
warehouse and lake: `dbt build --full-refresh` on DuckDB (a copy of the warehouse), and
`python -m pipelines.warehouse.spark` (Spark local mode: the models, the rule matching on Spark and
every data test). Peak memory is the largest resident set of the whole process tree (the JVM and the
Python workers included), sampled every 50 ms. Prints one Markdown table row per engine.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from pipelines.dbt_docs import DBT_PROJECT_DIR, dbt_executable

REPO = Path(__file__).resolve().parent.parent


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=400, help="generated sessions (default: 400)")
    parser.add_argument("--work", default="build/engines", help="work folder (default: build/engines)")
    ns = parser.parse_args(argv)
    work = Path(ns.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    landing, data, lake = work / "landing", work / "data", work / "lake"
    cotwatch = [sys.executable, "-m", "pipelines.cli"]
    env = {**os.environ}
    subprocess.run(
        [*cotwatch, "synth", "--out", str(landing), "--sessions", str(ns.sessions)], check=True, cwd=REPO
    )
    mb = sum(p.stat().st_size for p in landing.rglob("*") if p.is_file()) / 1e6
    subprocess.run([*cotwatch, "run", "--landing", str(landing), "--data-dir", str(data), "--lake", str(lake)],
                   check=True, cwd=REPO, stdout=subprocess.DEVNULL)  # fmt: skip
    rows = []
    copy = work / "duckdb-copy"
    shutil.copytree(data, copy)
    seconds, peak, code = measure(
        [dbt_executable(), "build", "--full-refresh", "--exclude-resource-type", "unit_test",
         "--target-path", str(work / "dbt-target")],
        cwd=DBT_PROJECT_DIR, env={**env, "COTWATCH_DATA_DIR": str(copy)}, log=work / "duckdb.log",
    )  # fmt: skip
    rows.append(("DuckDB (dbt-duckdb)", seconds, peak, code))
    seconds, peak, code = measure(
        [sys.executable, "-m", "pipelines.warehouse.spark", "--lake", str(lake), "--work-dir", str(work / "spark")],
        cwd=REPO, env=env, log=work / "spark.log",
    )  # fmt: skip
    rows.append(("Spark local[*] (dbt-spark session)", seconds, peak, code))
    print(f"input: {ns.sessions} sessions, {mb:.1f} MB of transcripts; {psutil.cpu_count()} CPUs")
    print("| engine | wall time (s) | peak memory (MB) | exit |")
    print("|---|---|---|---|")
    for name, s, p, c in rows:
        print(f"| {name} | {s:.0f} | {p:.0f} | {c} |")
    return 0 if all(r[3] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
