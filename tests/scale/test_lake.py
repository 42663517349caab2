"""The lake: partitioned Parquet on a local folder and on a real S3-compatible server (SeaweedFS),
committed by manifest, convergent on rerun, unharmed by a killed writer, never holding a secret."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import duckdb
import pyarrow.fs as pafs
import pytest

from pipelines.config import Settings
from pipelines.warehouse import lake as lakemod
from pipelines.warehouse.landing import land
from tests.conftest import REPO
from tests.scale.s3server import S3Server
from tests.warehouse.test_landing import SECRETS, canonical_line

WAREHOUSE_COUNTS = {
    "raw/files": "select count(*) from raw.files",
    "raw/sessions": "select count(*) from raw.sessions",
    "raw/events": "select count(*) from raw.events",
}


def _warehouse(settings: Settings) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(settings.warehouse_path), read_only=True)


def _lake_rows(lake: lakemod.Lake, table: str, columns: str = "* exclude (deployment, date)") -> list[tuple]:
    """The committed rows of a lake table read back through DuckDB, sorted."""
    conn = duckdb.connect()
    lakemod.register_views(lake, conn)
    schema, name = table.split("/")
    return conn.sql(f"select {columns} from lake_{schema}.{name} order by all").fetchall()


def _s3_url() -> str:
    return f"s3://cotwatch-lake/{uuid.uuid4().hex[:8]}"


def test_local_lake_holds_the_warehouse_rows_in_hive_partitions(landed: Settings, tmp_path: Path) -> None:
    lake = lakemod.open_lake(str(tmp_path / "lake"))
    with _warehouse(landed) as conn:
        summary = lakemod.sync(lake, conn)
        expected = {t: conn.execute(q).fetchall()[0][0] for t, q in WAREHOUSE_COUNTS.items()}
        events = conn.sql(
            "select * exclude (session_id), session_id from raw.events order by all"
        ).fetchall()  # fmt: skip

    assert summary.commits == [1]
    manifest = lakemod.read_manifest(lake)
    for table, n in expected.items():
        assert sum(p["rows"] for p in manifest["tables"][table].values()) == n
    # Hive layout: deployment=<d>/date=<yyyy-mm-dd>/ under each table.
    paths = lakemod.live_files(manifest, "raw/events")
    assert {p.split("/")[2] for p in paths} == {"deployment=claude_code-team", "deployment=codex-team"}
    assert all(p.split("/")[3].startswith("date=20") for p in paths)
    conn = duckdb.connect()
    lakemod.register_views(lake, conn)
    back = conn.sql(
        "select * exclude (session_id, deployment, date), session_id from lake_raw.events order by all"
    ).fetchall()  # fmt: skip
    assert back == events
    # The partition columns come back from the path, and a session sits in one partition only.
    split = conn.sql(
        "select count(*) from (select session_id from lake_raw.events group by 1 having count(distinct (deployment, date)) > 1)"
    ).fetchall()[0][0]
    assert split == 0


def test_sync_twice_commits_nothing_the_second_time(landed: Settings, tmp_path: Path) -> None:
    lake = lakemod.open_lake(str(tmp_path / "lake"))
    with _warehouse(landed) as conn:
        lakemod.sync(lake, conn)
        again = lakemod.sync(lake, conn)
    assert again.commits == []
    assert again.files_written == 0
    assert lakemod.manifest_versions(lake) == [1]


def test_grown_file_rewrites_its_partition_and_drops_the_old_files(
    settings: Settings, tmp_path: Path
) -> None:
    path = settings.landing_dir / "team-g" / "s.jsonl"
    path.parent.mkdir()
    path.write_text(canonical_line("s1", "user_message", "fix it") + "\n")
    other = settings.landing_dir / "team-h" / "t.jsonl"
    other.parent.mkdir()
    other.write_text(canonical_line("t1", "user_message", "unrelated") + "\n")
    land(settings)
    lake = lakemod.open_lake(str(tmp_path / "lake"))
    with _warehouse(settings) as conn:
        lakemod.sync(lake, conn)
    first = lakemod.read_manifest(lake)
    old_events = lakemod.live_files(first, "raw/events")

    with path.open("a") as fh:
        fh.write(canonical_line("s1", "assistant_text", "done") + "\n")
    land(settings)
    with _warehouse(settings) as conn:
        summary = lakemod.sync(lake, conn)

    assert summary.commits == [2]
    second = lakemod.read_manifest(lake)
    # team-h did not change: its files are the same objects; team-g's were replaced and deleted.
    kept = [f for f in old_events if "team-h" in f]
    assert kept and all(f in lakemod.live_files(second, "raw/events") for f in kept)
    replaced = [f for f in old_events if "team-g" in f]
    assert replaced and not any(f in lakemod.live_files(second, "raw/events") for f in replaced)
    assert not any((tmp_path / "lake" / f).exists() for f in replaced)
    assert _lake_rows(lake, "raw/events", "text") == [("done",), ("fix it",), ("unrelated",)]
    # Both versions of the file are in raw.files (landed and superseded), as in the warehouse.
    assert _lake_rows(lake, "raw/files", "status") == [("landed",), ("landed",), ("superseded",)]


def test_s3_lake_on_a_real_server_round_trips_and_reruns_as_a_no_op(
    landed: Settings, s3_env: S3Server
) -> None:
    url = _s3_url()
    lake = lakemod.open_lake(url)
    assert isinstance(lake.fs, pafs.S3FileSystem)
    with _warehouse(landed) as conn:
        summary = lakemod.sync(lake, conn)
        again = lakemod.sync(lake, conn)
        sessions = conn.sql("select * exclude (deployment) from raw.sessions order by all").fetchall()
    assert summary.commits == [1] and summary.files_written > 0
    assert again.commits == []
    assert _lake_rows(lake, "raw/sessions") == sessions
    # The objects are really on the server: list them with a client of its own.
    listed = lake.fs.get_file_info(pafs.FileSelector(lake.path("raw/events"), recursive=True))
    assert sum(1 for i in listed if i.base_name.endswith(".parquet")) == len(
        lakemod.live_files(lakemod.read_manifest(lake), "raw/events")
    )


def test_no_secret_reaches_the_lake(settings: Settings, s3_env: S3Server) -> None:
    folder = settings.landing_dir / "team-s"
    folder.mkdir()
    lines = [
        canonical_line("s1", "user_message", f"use key {SECRETS['anthropic_key']} and {SECRETS['slack_token']}"),
        canonical_line("s1", "tool_call", "", tool_name="bash", tool_input={"command": f"export T={SECRETS['github_token']}"}, tool_call_id="c"),
        canonical_line("s1", "tool_result", "", tool_output=f"AWS_ACCESS_KEY_ID={SECRETS['aws_access_key']}", tool_call_id="c"),
        canonical_line("s1", "reasoning", f"the token {SECRETS['jwt']} is an admin JWT"),
        '{"session_id": "s1", "kind": "user_message", "text": "' + SECRETS["openai_key"],
    ]  # fmt: skip
    (folder / "s.jsonl").write_text("\n".join(lines) + "\n")
    land(settings)
    lake = lakemod.open_lake(_s3_url())
    with _warehouse(settings) as conn:
        lakemod.sync(lake, conn)

    manifest = lakemod.read_manifest(lake)
    assert "raw/quarantine" in manifest["tables"]
    text = json.dumps([_lake_rows(lake, t) for t in manifest["tables"]], default=str)
    assert "[REDACTED:" in text
    # Every byte of every object, not only what a reader decodes.
    blobs = b""
    for info in lake.fs.get_file_info(pafs.FileSelector(lake.root, recursive=True)):
        if info.type == pafs.FileType.File:
            with lake.fs.open_input_stream(info.path) as fh:
                blobs += fh.read()
    for name, secret in SECRETS.items():
        assert secret not in text, name
        assert secret.encode() not in blobs, name


@pytest.mark.parametrize("where", ["local", "s3"])
def test_killed_lake_write_leaves_the_previous_version_readable(
    where: str, settings: Settings, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    env_extra: dict[str, str] = {}
    if where == "s3":
        env_extra = request.getfixturevalue("s3_env").env
        url = _s3_url()
    else:
        url = str(tmp_path / "lake")
    path = settings.landing_dir / "team-k" / "s.jsonl"
    path.parent.mkdir()
    path.write_text(canonical_line("s1", "user_message", "v1") + "\n")
    land(settings)
    lake = lakemod.open_lake(url)
    with _warehouse(settings) as conn:
        lakemod.sync(lake, conn)
    before = _lake_rows(lake, "raw/events")

    path.write_text(
        canonical_line("s1", "user_message", "v2") + "\n" + canonical_line("s1", "assistant_text", "x") + "\n"
    )
    land(settings)
    marker = tmp_path / "in-commit"
    code = (
        "import duckdb; from pipelines.warehouse import lake as L; "
        f"L.sync(L.open_lake({url!r}), duckdb.connect({str(settings.warehouse_path)!r}, read_only=True))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        env={**os.environ, **env_extra, "COTWATCH_TEST_PAUSE_IN_LAKE_COMMIT": str(marker)},
        cwd=REPO,
    )
    deadline = time.time() + 120
    while not marker.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), "the sync subprocess never reached its commit"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    # The new data files are there, but no manifest names them: readers see version 1, unchanged.
    assert lakemod.manifest_versions(lake) == [1]
    assert len(lakemod._orphan_files(lake, lakemod.read_manifest(lake))) > 0
    assert _lake_rows(lake, "raw/events") == before

    with _warehouse(settings) as conn:
        summary = lakemod.sync(lake, conn)
    assert summary.commits == [2]
    assert _lake_rows(lake, "raw/events", "text") == [("v2",), ("x",)]
    assert lakemod._orphan_files(lake, lakemod.read_manifest(lake)) == []


def test_lake_url_errors_name_the_url() -> None:
    with pytest.raises(lakemod.LakeError, match="gs://b/p"):
        lakemod.open_lake("gs://b/p")
    with pytest.raises(lakemod.LakeError, match="names no bucket"):
        lakemod.open_lake("s3:///prefix")
