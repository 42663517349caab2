"""The `cotwatch` command as a user runs it: a real subprocess against real files."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb

from assets.runner import prepare_dagster_home
from tests.conftest import REAL_FIXTURES, REPO


def cotwatch(
    *args: str, env: dict[str, str] | None = None, timeout: int = 600, python_args: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *python_args, "-m", "pipelines.cli", *args],
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
    # SWE-agent, mini-SWE-agent, Gemini CLI and Harbor ATIF fixtures since issue 17 (the README is
    # unsupported)
    assert "landing: 17 files found" in out
    assert "16 landed, 1 unsupported" in out  # Inspect logs land since issue 8
    assert "0 quarantined" in out
    assert "run: ok" in out
    assert (tmp_path / "data" / "warehouse.duckdb").exists()


def test_run_exits_non_zero_and_names_the_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data dir should be")
    result = cotwatch("run", "--landing", str(REAL_FIXTURES), "--data-dir", str(blocker))
    assert result.returncode == 2
    assert f"error: data dir is not a folder: {blocker}" in result.stderr
    assert "Traceback" not in result.stderr


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
    for command in ("synth", "run", "demo", "dashboard", "docs", "eval-monitor", "export"):
        result = cotwatch(command, "--help")
        assert result.returncode == 0, command
        assert "usage: cotwatch" in result.stdout


def test_run_on_a_missing_landing_folder_exits_2_and_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir"
    result = cotwatch("run", "--landing", str(missing), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"error: landing folder not found: {missing}" in result.stderr
    assert not (tmp_path / "data").exists()  # nothing ran, nothing was published


def test_run_on_a_landing_path_that_is_a_file_exits_2(tmp_path: Path) -> None:
    a_file = tmp_path / "landing.txt"
    a_file.write_text("not a folder")
    result = cotwatch("run", "--landing", str(a_file), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 2
    assert f"error: landing path is not a folder: {a_file}" in result.stderr


def test_run_on_an_empty_landing_folder_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "landing"
    empty.mkdir()
    result = cotwatch("run", "--landing", str(empty), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"the landing folder {empty} is empty: no transcripts to land" in result.stdout


def test_run_lists_unsupported_files_with_their_reason_and_skips_by_reason(tmp_path: Path) -> None:
    result = cotwatch("run", "--landing", str(REAL_FIXTURES), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stdout + result.stderr
    (path, reason), = query_db(
        tmp_path / "data", "select path, status_reason from raw.files where status = 'unsupported'"
    )  # fmt: skip
    assert f"  unsupported: {path}: {reason}" in result.stdout
    assert "run: ok (1 unsupported file not landed, listed above)" in result.stdout
    skips = query_db(
        tmp_path / "data",
        "select r.key, sum(r.value::bigint) from raw.files f, json_each(f.skip_reasons) r group by 1 order by 2 desc, 1",
    )
    assert skips, "the real fixtures have skipped records"
    reason, n = skips[0]
    assert f"{n:>10,} skipped: {reason}" in result.stdout
    # the dbt line counts in words a person reads, not dbt's status names
    assert re.search(r"dbt: \d+ models and \d+ seeds built; (\d+) of \1 data tests passed", result.stdout)
    assert " success" not in result.stdout


def test_dagster_runs_of_the_cli_are_kept_in_the_data_dirs_instance(tmp_path: Path) -> None:
    import dagster as dg

    result = cotwatch("run", "--landing", str(REAL_FIXTURES / "codex"), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stdout + result.stderr
    home = tmp_path / "data" / "dagster"
    assert "enabled: false" in (home / "dagster.yaml").read_text()
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert type(instance.event_log_storage).__name__ == "PooledSqliteEventLogStorage"
        runs = instance.get_runs()
        assert len(runs) == 1 and runs[0].status == dg.DagsterRunStatus.SUCCESS
        record = instance.get_latest_materialization_event(dg.AssetKey(["serving", "snapshot"]))
        assert record is not None and record.run_id == runs[0].run_id
        pooled_logs = len(instance.all_logs(runs[0].run_id))
        checks = instance.event_log_storage.get_asset_check_execution_history(
            dg.AssetCheckKey(dg.AssetKey(["raw", "events"]), "raw_events_contract"), limit=5
        )
    assert pooled_logs > 100 and len(checks) == 1
    # the files are Dagster's own format: its default storage (a dagster.yaml written by hand, which
    # cotwatch keeps) reads the same run, events and checks
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    prepare_dagster_home(tmp_path / "data")
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert type(instance.event_log_storage).__name__ == "SqliteEventLogStorage"
        (run,) = instance.get_runs()
        assert run.run_id == runs[0].run_id and len(instance.all_logs(run.run_id)) == pooled_logs
        assert instance.get_latest_materialization_event(dg.AssetKey(["serving", "snapshot"])) is not None


def test_dagster_yaml_written_by_cotwatch_follows_the_data_dir(tmp_path: Path) -> None:
    def storage_dirs(home: Path) -> list[str]:
        return re.findall(r'base_dir: "([^"]+)"', (home / "dagster.yaml").read_text())

    home = prepare_dagster_home(tmp_path / "one")
    assert storage_dirs(home) == [f"{home}/history", f"{home}/history/runs", f"{home}/schedules"]
    moved = tmp_path / "two"
    (tmp_path / "one").rename(moved)
    home = prepare_dagster_home(moved)
    assert storage_dirs(home) == [f"{home}/history", f"{home}/history/runs", f"{home}/schedules"]


def test_every_option_has_help_text_and_a_default() -> None:
    from pipelines.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) >= {"synth", "run", "demo", "dashboard", "docs", "eval-monitor", "export"}
    for name, command in sub.choices.items():
        for action in command._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, f"{name} {action.option_strings}: no help"
            described = (
                action.required
                or action.default is not None
                or "unset" in action.help
                or "$COTWATCH" in action.help
            )
            assert described, f"{name} {action.option_strings}: no default and no word on what unset means"
        text = command.format_help()
        assert "(default: 8501)" in text or name not in ("demo", "dashboard")


def test_export_without_a_snapshot_exits_2(tmp_path: Path) -> None:
    result = cotwatch("export", "--out", str(tmp_path / "out"), "--data-dir", str(tmp_path / "empty"))
    assert result.returncode == 2
    assert "no serving snapshot" in result.stderr and "run `cotwatch run` first" in result.stderr


def test_export_rejects_a_malformed_since_date(tmp_path: Path) -> None:
    result = cotwatch("export", "--out", str(tmp_path / "out"), "--since", "last week")
    assert result.returncode == 2
    assert "expected a date as YYYY-MM-DD" in result.stderr


def query_db(data_dir: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as conn:
        return conn.execute(sql).fetchall()
