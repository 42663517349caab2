"""The serving snapshot: published atomically, kept to the newest few, and readable while a run writes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.config import Settings
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.serving import (
    POINTER,
    SnapshotError,
    connect_snapshot,
    current_snapshot,
    list_snapshots,
    publish_snapshot,
    snapshot_cursor,
)
from tests.conftest import REPO


def make_warehouse(settings: Settings, rows: int) -> None:
    with open_warehouse(settings) as conn:
        conn.execute("create schema if not exists marts")
        conn.execute("create or replace table marts.t as select range as i from range(?)", [rows])
        conn.execute("create or replace view marts.v as select count(*) as n from warehouse.marts.t")


def snapshot_rows(path: Path) -> int:
    conn = connect_snapshot(path)
    try:
        return snapshot_cursor(conn).execute("select n from marts.v").fetchall()[0][0]
    finally:
        conn.close()


def test_no_snapshot_before_the_first_publish(settings: Settings) -> None:
    assert current_snapshot(settings) is None
    with pytest.raises(SnapshotError, match=r"warehouse\.duckdb: no warehouse to publish"):
        publish_snapshot(settings)
    assert not settings.serving_dir.exists() or not any(settings.serving_dir.iterdir())


def test_publish_copies_the_warehouse_and_points_current_at_it(settings: Settings) -> None:
    make_warehouse(settings, 5)
    path = publish_snapshot(settings)
    assert (
        path.parent == settings.serving_dir and path.name.startswith("snapshot-") and path.suffix == ".duckdb"
    )
    assert (settings.serving_dir / POINTER).read_text().strip() == path.name
    assert current_snapshot(settings) == path
    # attached as catalog `warehouse`, so dbt views that name their catalog still resolve
    assert snapshot_rows(path) == 5
    assert not list(settings.serving_dir.glob("*.tmp"))


def test_a_new_publish_swaps_current_and_keeps_the_newest_three(settings: Settings) -> None:
    published = []
    for rows in range(1, 6):
        make_warehouse(settings, rows)
        published.append(publish_snapshot(settings))
    assert list_snapshots(settings) == published[-3:]
    assert current_snapshot(settings) == published[-1]
    assert snapshot_rows(current_snapshot(settings)) == 5


def test_a_snapshot_open_in_a_reader_survives_being_pruned(settings: Settings) -> None:
    make_warehouse(settings, 1)
    first = publish_snapshot(settings)
    reader = connect_snapshot(first)
    for rows in (2, 3, 4):
        make_warehouse(settings, rows)
        publish_snapshot(settings)
    assert not first.exists()
    assert snapshot_cursor(reader).execute("select n from marts.v").fetchall() == [(1,)]
    reader.close()


def test_snapshot_connections_are_read_only(settings: Settings) -> None:
    make_warehouse(settings, 3)
    conn = connect_snapshot(publish_snapshot(settings))
    cur = snapshot_cursor(conn)
    with pytest.raises(duckdb.Error, match=r"read-only|read only"):
        cur.execute("insert into marts.t values (99)")
    with pytest.raises(duckdb.Error):
        cur.execute("copy marts.t to '/tmp/cotwatch-should-not-exist.csv'")
    assert not Path("/tmp/cotwatch-should-not-exist.csv").exists()
    conn.close()


def test_a_corrupt_pointer_is_an_error_naming_the_file(settings: Settings) -> None:
    settings.serving_dir.mkdir(parents=True)
    (settings.serving_dir / POINTER).write_text("../warehouse.duckdb\n")
    with pytest.raises(SnapshotError, match="CURRENT: does not name a snapshot file"):
        current_snapshot(settings)


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from pipelines.config import Settings
    from pipelines.warehouse.connections import open_warehouse
    from pipelines.warehouse.serving import publish_snapshot

    settings = Settings(Path(sys.argv[1]), Path(sys.argv[1]))
    with open_warehouse(settings) as conn:
        print("writing", flush=True)
        deadline = time.monotonic() + 3.0
        while time.monotonic() < deadline:
            conn.execute("insert into marts.t select range + 1000000 from range(5000)")
            conn.execute("delete from marts.t where i >= 1000000")
        conn.execute("insert into marts.t select range + 1000000 from range(7)")
    publish_snapshot(settings)
    print("published", flush=True)
    """
)


def test_readers_keep_working_while_a_run_writes_and_see_the_new_snapshot_after(settings: Settings) -> None:
    make_warehouse(settings, 10)
    publish_snapshot(settings)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(settings.data_dir)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "writing"
    # The writer holds the warehouse: a reader of the warehouse file itself would fail now.
    with pytest.raises(duckdb.Error):
        duckdb.connect(str(settings.warehouse_path), read_only=True)
    seen: set[int] = set()
    reads = 0
    while writer.poll() is None:
        path = current_snapshot(settings)
        seen.add(snapshot_rows(path))
        reads += 1
        time.sleep(0.02)
    assert writer.returncode == 0
    assert "published" in writer.stdout.read()
    assert reads > 20
    assert seen <= {10, 17}  # never a half-written state
    assert 10 in seen
    assert snapshot_rows(current_snapshot(settings)) == 17
