"""The `cotwatch` command as a user runs it: a real subprocess against real files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REAL_FIXTURES, REPO


def cotwatch(*args: str, env: dict[str, str] | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_run_on_real_fixtures_lands_and_summarizes(tmp_path: Path) -> None:
    result = cotwatch("run", "--landing", str(REAL_FIXTURES), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    # SWE-agent, mini-SWE-agent and Gemini CLI fixtures since issue 17 (the README is unsupported)
    assert "landing: 12 files found" in out
    assert "11 landed, 1 unsupported" in out  # Inspect logs land since issue 8
    assert "0 quarantined" in out
    assert "run: ok" in out
    assert (tmp_path / "data" / "warehouse.duckdb").exists()


def test_run_exits_non_zero_and_names_the_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data dir should be")
    result = cotwatch("run", "--landing", str(REAL_FIXTURES), "--data-dir", str(blocker))
    assert result.returncode != 0
    # refused before anything runs: the run lock lives in the data dir (pipelines/warehouse/lock.py)
    assert f"error: data dir {blocker}: File exists" in result.stderr


def test_env_vars_choose_the_folders(tmp_path: Path) -> None:
    env = {"COTWATCH_DATA_DIR": str(tmp_path / "d"), "COTWATCH_LANDING": str(REAL_FIXTURES / "claude_code")}
    result = cotwatch("run", env=env)
    assert result.returncode == 0, result.stderr
    # files directly under the landing root are outside any deployment folder: recorded, not landed
    assert "2 unsupported" in result.stdout
    assert (tmp_path / "d" / "warehouse.duckdb").exists()


def test_docs_without_a_warehouse_says_to_run_first(tmp_path: Path) -> None:
    result = cotwatch("docs", "--data-dir", str(tmp_path / "empty"))
    assert result.returncode == 2
    assert "run `cotwatch run` first" in result.stderr


def test_every_command_has_help() -> None:
    for command in ("synth", "run", "demo", "dashboard", "docs", "eval-monitor"):
        result = cotwatch(command, "--help")
        assert result.returncode == 0, command
        assert "usage: cotwatch" in result.stdout
