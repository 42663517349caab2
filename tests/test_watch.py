"""`cotwatch watch` as a user runs it: a real long-running subprocess, a file dropped in while it runs,
SIGTERM in the middle of that file's run, which still publishes it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from pipelines.config import Settings
from pipelines.warehouse.serving import current_snapshot
from tests.conftest import REAL_FIXTURES, REPO
from tests.test_cli import cotwatch

RUN_TIMEOUT_S = 900  # one pipeline run on a loaded 2-core machine, with headroom


def published_deployments(settings: Settings) -> set[str]:
    snapshot = current_snapshot(settings)
    if snapshot is None:
        return set()
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        return {
            d for (d,) in conn.execute("select distinct deployment from marts.fct_session_metrics").fetchall()
        }


def wait_for(predicate, timeout: float, what: str, proc: subprocess.Popen, log: Path) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        assert proc.poll() is None, (
            f"watch exited ({proc.returncode}) while waiting for {what}:\n{log.read_text()}"
        )
        time.sleep(0.5)
    raise AssertionError(f"no {what} after {timeout}s:\n{log.read_text()}")


def test_watch_lands_a_dropped_file_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    shutil.copytree(REAL_FIXTURES / "codex", landing / "codex-team")
    settings = Settings(data_dir=tmp_path / "data", landing_dir=landing)
    log = tmp_path / "watch.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipelines.cli", "watch", "--interval", "1",
             "--landing", str(landing), "--data-dir", str(settings.data_dir)],
            cwd=REPO, env=dict(os.environ), stdout=out, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
    try:
        wait_for(
            lambda: "codex-team" in published_deployments(settings), RUN_TIMEOUT_S, "first publish", proc, log
        )
        wait_for(lambda: "watch: published" in log.read_text(), 60, "the run's end", proc, log)
        # between polls the lock is free: a manual run checks, finds nothing new and stops
        manual = cotwatch("run", "--landing", str(landing), "--data-dir", str(settings.data_dir))
        assert manual.returncode in (0, 3), manual.stdout + manual.stderr  # 3: it met the watch's poll
        assert manual.returncode == 3 or "run: nothing new" in manual.stdout

        # dropped as producers should (written aside, then renamed in): a poll that caught a plain copy
        # half-written would land the half, then the whole, and count a third run
        new = landing / "claude-team" / "session.jsonl"
        new.parent.mkdir()
        staged = tmp_path / "session.jsonl.part"
        shutil.copy(REAL_FIXTURES / "claude_code" / "sample_main_transcript.jsonl", staged)
        os.replace(staged, new)
        # SIGTERM in the middle of that file's run (its landing has begun): the watch stops after the
        # run, which still lands and publishes the file. (Dagster takes SIGTERM over while it runs on
        # the main thread, and then the signal failed the run's step and was lost: the watch ran on.)
        wait_for(
            lambda: "landing: 4 files found" in log.read_text(), RUN_TIMEOUT_S, "the file's run", proc, log
        )
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=RUN_TIMEOUT_S) == 0, log.read_text()
        assert "claude-team" in published_deployments(settings), log.read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = log.read_text()
    assert "watch: polling" in text
    assert "watch: 1 new or changed landing files (claude-team/session.jsonl)" in text
    assert "watch: stopping after the run in progress" in text
    assert "watch: stopped after 2 runs (0 failed)" in text
    assert "Traceback" not in text


def test_watch_refuses_a_missing_landing_folder_and_a_bad_interval(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    result = cotwatch("watch", "--landing", str(missing), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 2 and f"landing folder not found: {missing}" in result.stderr
    result = cotwatch(
        "watch", "--landing", str(REAL_FIXTURES), "--interval", "0", "--data-dir", str(tmp_path / "d")
    )
    assert result.returncode == 2 and "--interval must be a positive number" in result.stderr
