"""The quality benchmark builds a contract-true warehouse on which every suite passes."""

from __future__ import annotations

import json
from pathlib import Path

from bench.quality_bench import main


def test_quality_bench_runs_every_suite_green_and_reports_seconds(tmp_path: Path) -> None:
    out = tmp_path / "quality_bench.json"

    assert main(["--events", "20000", "--json", str(out)]) == 0

    figures = json.loads(out.read_text())
    assert figures["events"] == 20_000
    assert len(figures["checks"]) == 7
    assert all(row["passed"] for row in figures["checks"])
    assert figures["checks_seconds"] > 0
