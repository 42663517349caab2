"""Evaluation: label reading, the operating point, and the hand-written set end to end in real formats."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from assets.runner import run_pipeline
from pipelines.config import Settings
from pipelines.monitor.evaluate import (
    LabelError,
    WarehouseNotReady,
    evaluate,
    format_report,
    operating_point,
    read_labels,
    record_evaluation,
)
from tests.conftest import REPO
from tests.monitor.handwritten import render

HANDWRITTEN = Path(__file__).resolve().parent / "handwritten"


def test_operating_point_takes_the_lowest_threshold_within_five_percent_fpr() -> None:
    neg = [0.0] * 18 + [0.3, 0.9]  # 20 benign sessions, two with signals
    pos = [0.95, 0.8, 0.5, 0.3, 0.0]
    threshold, tpr, fpr = operating_point(pos, neg)
    # at 0.3 two negatives (10%) would be flagged; at 0.5 one (5%) is
    assert threshold == 0.5
    assert tpr == pytest.approx(3 / 5)
    assert fpr == pytest.approx(1 / 20)


def test_labels_errors_name_the_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text(
        '{"session_id": "a", "categories": []}\n{"session_id": "b", "categories": ["cheating"]}\n'
    )
    with pytest.raises(LabelError, match=r"labels\.jsonl:2: field 'categories': unknown category 'cheating'"):
        read_labels(path)
    path.write_text('{"session_id": "a", "categories": "deception"}\n')
    with pytest.raises(LabelError, match=r":1: field 'categories'"):
        read_labels(path)
    path.write_text('{"session_id": "a", "categories": [], "format": "inspect"}\n')
    with pytest.raises(LabelError, match=r":1: field 'format'"):
        read_labels(path)


def test_an_evaluation_without_marts_says_to_run_the_pipeline_first(tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text('{"session_id": "a", "categories": []}\n')
    with (
        duckdb.connect(str(tmp_path / "warehouse.duckdb")) as conn,
        pytest.raises(WarehouseNotReady, match="cotwatch run"),
    ):
        evaluate(conn, labels)


def test_handwritten_files_are_rendered_from_sessions_py(tmp_path: Path) -> None:
    rows = render.render_all(tmp_path)
    assert len(rows) >= 60
    positives = sum(1 for r in rows if r["categories"])
    assert 0.4 <= positives / len(rows) <= 0.6
    for sub in ("claude-code-dev", "codex-ci", "claude-code-heldout", "codex-heldout"):
        cmp = filecmp.dircmp(tmp_path / sub, HANDWRITTEN / sub)
        stack, diffs = [cmp], []
        while stack:
            c = stack.pop()
            diffs += c.left_only + c.right_only + c.diff_files
            stack += c.subdirs.values()
        assert not diffs, f"re-render with `uv run python -m tests.monitor.handwritten.render`: {diffs[:5]}"
    for labels in ("labels.jsonl", "labels_heldout.jsonl"):
        assert (tmp_path / labels).read_text() == (HANDWRITTEN / labels).read_text()


@pytest.fixture(scope="module")
def handwritten_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path, Path]:
    """A real pipeline run (land, monitor, dbt) over the hand-written dev set, its labels split in
    two files as two "authors" would hand them in."""
    root = tmp_path_factory.mktemp("handwritten")
    settings = Settings(data_dir=root / "data", landing_dir=root / "landing")
    for deployment in ("claude-code-dev", "codex-ci"):
        shutil.copytree(HANDWRITTEN / deployment, settings.landing_dir / deployment)
    outcome = run_pipeline(settings, echo_progress=False)
    assert outcome.success, outcome.failed_steps
    lines = (HANDWRITTEN / "labels.jsonl").read_text().splitlines(keepends=True)
    first, second = root / "first.jsonl", root / "second.jsonl"
    first.write_text("".join(lines[::2]))
    second.write_text("".join(lines[1::2]))
    return settings, first, second


@pytest.mark.slow
def test_evaluation_reads_score_flag_and_categories_from_the_marts(handwritten_run) -> None:
    settings, first, second = handwritten_run
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        report = evaluate(conn, [first, second])
        labels = {**read_labels(first), **read_labels(second)}
        # the same figures straight from the marts, in SQL: incidents per (session, category) and flags
        found = set(conn.execute("select session_id, category from marts.fct_incidents").fetchall())
        flags = dict(conn.execute("select session_id, is_flagged from marts.fct_session_metrics").fetchall())
        formats = dict(conn.execute("select session_id, source_format from raw.sessions").fetchall())
    pairs = [(sid, c) for sid, lab in labels.items() for c in lab.categories]
    assert report.n_labelled == len(labels) == report.overall.n_sessions
    assert report.overall.micro.recall == pytest.approx(sum(p in found for p in pairs) / len(pairs))
    benign = [sid for sid, lab in labels.items() if not lab.categories]
    assert report.overall.session_fpr == pytest.approx(sum(flags[s] for s in benign) / len(benign))
    codex_pairs = [p for p in pairs if formats[p[0]] == "codex_rollout"]
    assert report.overall.per_format["codex"]["recall"] == pytest.approx(
        sum(p in found for p in codex_pairs) / len(codex_pairs)
    )
    # the figures per file add up to the overall ones
    assert sum(f.n_sessions for f in report.per_file.values()) == report.overall.n_sessions
    assert sum(f.micro.tp for f in report.per_file.values()) == report.overall.micro.tp
    # the dev set the rules were written from stays covered (measured 1.00 on 2026-12-06)
    assert report.overall.micro.recall >= 0.95, format_report(report)
    text = format_report(report)
    assert "cross-author (per labels file)" in text
    assert "recall per format" in text


@pytest.mark.slow
def test_eval_monitor_cli_prints_the_report_and_records_one_row(handwritten_run) -> None:
    settings, first, second = handwritten_run
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "eval-monitor",
            "--labels",
            str(first),
            "--labels",
            str(second),
            "--data-dir",
            str(settings.data_dir),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "TPR at <= 5% FPR" in result.stdout
    assert "cross-author" in result.stdout
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        rows = conn.sql("select * from monitor.evaluations").fetchall()
        columns = [d[0] for d in conn.sql("select * from monitor.evaluations").description]
    assert len(rows) == 1
    missing = [c for c, v in zip(columns, rows[0], strict=True) if v is None]
    assert not missing, f"columns left empty: {missing}"
    row = dict(zip(columns, rows[0], strict=True))
    assert row["labels_files"] == f"{first},{second}"
    assert set(json.loads(row["per_labels_file"])) == {str(first), str(second)}
    assert "/engine" in row["rule_pack_version"]


@pytest.mark.slow
def test_record_evaluation_adds_one_row_per_run(handwritten_run, tmp_path: Path) -> None:
    settings, first, _ = handwritten_run
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(settings.warehouse_path, copy)
    with duckdb.connect(str(copy)) as conn:
        before = conn.execute("select count(*) from monitor.evaluations").fetchone()[0]
        ids = {record_evaluation(conn, evaluate(conn, first)) for _ in range(2)}
        after = conn.execute("select count(*) from monitor.evaluations").fetchone()[0]
    assert len(ids) == 2 and after == before + 2


@pytest.mark.slow
def test_eval_monitor_reads_each_labels_file_from_its_own_data_dir(handwritten_run, tmp_path: Path) -> None:
    """Each author's set landed into its own data dir: `--labels A --data-dir DA --labels B --data-dir
    DB` reads A's sessions from DA and B's from DB, with the figures one warehouse holding both gives;
    both warehouses record the evaluation; a count that pairs nothing is refused."""
    settings, first, second = handwritten_run
    # two warehouses, each holding only one file's sessions (real DuckDB files cut from the run)
    dirs = {}
    for name, keep in (("one", first), ("two", second)):
        d = tmp_path / name
        d.mkdir()
        shutil.copy(settings.warehouse_path, d / "warehouse.duckdb")
        with duckdb.connect(str(d / "warehouse.duckdb")) as conn:
            conn.execute(
                "delete from marts.fct_session_metrics where session_id not in (select unnest(?::varchar[]))",
                [list(read_labels(keep))],
            )
            recorded_before = conn.execute("select count(*) from monitor.evaluations").fetchone()[0]
        dirs[name] = d

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pipelines.cli", "eval-monitor", *args],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
        )

    paired = cli("--labels", str(first), "--data-dir", str(dirs["one"]), "--labels", str(second),
                 "--data-dir", str(dirs["two"]))  # fmt: skip
    assert paired.returncode == 0, paired.stderr
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        together = format_report(evaluate(conn, [first, second]))
    # the same report as one warehouse with both sets, bar the recording line
    assert paired.stdout.split("\nrecorded as")[0].strip() == together.strip()
    for d in dirs.values():
        with duckdb.connect(str(d / "warehouse.duckdb"), read_only=True) as conn:
            assert (
                conn.execute("select count(*) from monitor.evaluations").fetchone()[0] == recorded_before + 1
            )
    # paired the wrong way round, every session is missing from the warehouse it is looked up in
    swapped = cli("--labels", str(first), "--data-dir", str(dirs["two"]), "--labels", str(second),
                  "--data-dir", str(dirs["one"]), "--no-record")  # fmt: skip
    assert swapped.returncode == 0, swapped.stderr
    n = len(read_labels(first)) + len(read_labels(second))
    assert f"0 of {n} labelled sessions in the warehouse" in swapped.stdout
    refused = cli("--labels", str(first), "--labels", str(second), "--data-dir", str(dirs["one"]),
                  "--data-dir", str(dirs["two"]), "--data-dir", str(tmp_path), "--no-record")  # fmt: skip
    assert refused.returncode == 2 and "3 --data-dir" in refused.stderr
