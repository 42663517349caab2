"""`cotwatch run --lake s3://...` as a user runs it: a real subprocess, a real S3-compatible server."""

from __future__ import annotations

import uuid
from pathlib import Path

import duckdb
import pytest

from pipelines.warehouse import lake as lakemod
from tests.scale.s3server import S3Server
from tests.test_cli import cotwatch


@pytest.mark.slow
def test_run_with_lake_writes_every_table_to_s3(tmp_path: Path, s3_env: S3Server) -> None:
    url = f"s3://cotwatch-cli/{uuid.uuid4().hex[:8]}"
    data, landing = tmp_path / "data", tmp_path / "landing"
    # Generated sessions, so that the monitor has hits to land too.
    assert cotwatch("synth", "--out", str(landing), "--sessions", "40", "--days", "3").returncode == 0
    run = ("run", "--landing", str(landing), "--data-dir", str(data))
    result = cotwatch(*run, "--lake", url, env=s3_env.env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"lake: v1 at {url}" in result.stdout

    lake = lakemod.open_lake(url)
    manifest = lakemod.read_manifest(lake)
    assert set(manifest["tables"]) >= {"raw/files", "raw/sessions", "raw/events", "monitor/signals"}
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as wh:
        signals = wh.sql("select count(*) from monitor.signals").fetchall()[0][0]
        events = wh.sql("select count(*) from raw.events").fetchall()[0][0]
    conn = duckdb.connect()
    lakemod.register_views(lake, conn)
    assert conn.sql("select count(*) from lake_monitor.signals").fetchall()[0][0] == signals > 0
    assert conn.sql("select count(*) from lake_raw.events").fetchall()[0][0] == events

    # The same command again, the lake from the environment: nothing new to land or commit.
    again = cotwatch(*run, env={**s3_env.env, "COTWATCH_LAKE": url})
    assert again.returncode == 0, again.stdout + again.stderr
    assert lakemod.manifest_versions(lake) == [1]
