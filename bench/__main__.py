"""How CoT Watch scales: `uv run python -m bench --scale-mb 100 300 1000 --json build/bench.json`.

Synthesizes transcripts at each scale and reports, in one run, landing throughput against DuckDB's
bare `read_json`, monitor throughput against a per-event Python `re` loop, dbt build, quality-check
and snapshot-publish times, end-to-end `cotwatch run` wall time and peak RSS at every scale, and, at
the largest scale, the incremental cost of 1% new files and the dashboard's query latency.
See bench/harness.py for what each figure measures.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.harness import markdown, run_bench


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale-mb", type=float, nargs="+", default=[100.0], help="transcript megabytes per scale"
    )
    parser.add_argument("--json", type=Path, help="write the figures here (JSON)")
    parser.add_argument(
        "--markdown", type=Path, help="write the tables here (default: next to --json, as .md)"
    )
    parser.add_argument("--work-dir", type=Path, default=Path("build/bench"), help="scratch folder")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--baseline-mb", type=float, default=5.0, help="text sample for the Python re loop (MB)"
    )
    parser.add_argument("--dashboard-repeats", type=int, default=20, help="runs of each dashboard query")
    parser.add_argument("--keep", action="store_true", help="keep each scale's data in the work dir")
    args = parser.parse_args(argv)

    result = run_bench(
        args.scale_mb,
        args.work_dir,
        seed=args.seed,
        baseline_mb=args.baseline_mb,
        dashboard_repeats=args.dashboard_repeats,
        keep=args.keep,
        progress=lambda message: print(message, flush=True),
    )
    table = markdown(result)
    print()
    print(table)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, default=str) + "\n")
        print(f"figures: {args.json}")
    md_path = args.markdown or (args.json.with_suffix(".md") if args.json else None)
    if md_path:
        md_path.parent.mkdir(parents=True, exist_ok=True)
        md_path.write_text(table)
        print(f"tables: {md_path}")
    missed = [k for k, t in result["targets"].items() if t["met"] is False]
    if missed:
        print(f"targets missed: {', '.join(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
