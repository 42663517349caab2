"""The serving snapshot: a read-only copy of the warehouse that the dashboard reads.

DuckDB allows one writer process or many readers of a file, never both, so the dashboard never opens
`warehouse.duckdb`. After a successful run the pipeline checkpoints the warehouse, copies the file to
`serving/snapshot-<utc stamp>.duckdb` (written as `.tmp`, checked, then renamed) and atomically
replaces the pointer file `serving/CURRENT` with the new name. A reader resolves CURRENT once per
request and opens that snapshot read-only; a snapshot is never modified after its rename, and the
older ones are deleted only after the pointer moved on (an open file survives its unlink on POSIX).

The snapshot's file stem differs from `warehouse`, so readers attach it under the catalog name
`warehouse` (see `SERVING_CATALOG`): dbt views that name their catalog keep resolving.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipelines.config import Settings
from pipelines.warehouse.connections import open_warehouse

POINTER = "CURRENT"
PREFIX = "snapshot-"
SUFFIX = ".duckdb"
KEEP = 3
SERVING_CATALOG = "warehouse"  # the catalog name dbt-duckdb gives the warehouse (its file stem)


class SnapshotError(RuntimeError):
    """Publishing failed; CURRENT still names the previous snapshot."""


def publish_snapshot(settings: Settings, *, keep: int = KEEP) -> Path:
    """Copy the checkpointed warehouse into a new snapshot and point CURRENT at it.

    Must run in the writer's process when no other connection is writing (the last step of a run).
    Returns the new snapshot's path.
    """
    if not settings.warehouse_path.exists():
        raise SnapshotError(f"{settings.warehouse_path}: no warehouse to publish; run the pipeline first")
    # A checkpoint folds the WAL into the file, so the copy is a complete database on its own.
    with open_warehouse(settings) as conn:
        conn.execute("checkpoint")
    serving = settings.serving_dir
    serving.mkdir(parents=True, exist_ok=True)
    name = _new_name(serving)
    tmp = serving / f"{name}.tmp"
    final = serving / name
    try:
        with settings.warehouse_path.open("rb") as src, tmp.open("wb") as dst:
            shutil.copyfileobj(src, dst, length=16 * 1024 * 1024)
            dst.flush()
            os.fsync(dst.fileno())
        _check_readable(tmp)
        os.rename(tmp, final)
        _write_pointer(serving, name)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _prune(serving, keep=keep, current=name)
    return final


def current_snapshot(settings: Settings) -> Path | None:
    """The snapshot CURRENT names, or None before the first publish (or if it vanished)."""
    return snapshot_from_pointer(settings.serving_dir)


def snapshot_from_pointer(serving_dir: Path) -> Path | None:
    pointer = serving_dir / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if not name or "/" in name or not name.startswith(PREFIX):
        raise SnapshotError(f"{pointer}: does not name a snapshot file (content {name[:80]!r})")
    path = serving_dir / name
    return path if path.exists() else None


def list_snapshots(settings: Settings) -> list[Path]:
    """Published snapshots, oldest first."""
    if not settings.serving_dir.is_dir():
        return []
    return sorted(p for p in settings.serving_dir.glob(f"{PREFIX}*{SUFFIX}") if p.is_file())


def connect_snapshot(
    path: Path, *, memory_limit: str | None = None, threads: int | None = None
) -> duckdb.DuckDBPyConnection:
    """A read-only, locked-down connection to a snapshot, attached as catalog `warehouse`.

    External access is switched off after the attach and the configuration is locked, so nothing run
    on this connection (the SQL page included) can read or write other files or re-enable it.
    Use `snapshot_cursor` for each query: a cursor starts in the in-memory catalog. `memory_limit`
    caps what its queries may hold (no spilling to disk: a query past the cap fails).
    """
    conn = duckdb.connect(":memory:")
    try:
        conn.execute("set TimeZone = 'UTC'")
        if memory_limit is not None:
            conn.execute(f"set memory_limit = '{_sql_literal(memory_limit)}'")
            conn.execute("set temp_directory = ''")
        if threads is not None:
            conn.execute(f"set threads = {int(threads)}")
        conn.execute(f"attach '{_sql_literal(str(path))}' as {SERVING_CATALOG} (read_only)")
        conn.execute(f"use {SERVING_CATALOG}")
        conn.execute("set enable_external_access = false")
        conn.execute("set lock_configuration = true")
    except BaseException:
        conn.close()
        raise
    return conn


def snapshot_cursor(conn: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A per-thread cursor on a `connect_snapshot` connection, in the warehouse catalog."""
    cur = conn.cursor()
    cur.execute(f"use {SERVING_CATALOG}")
    return cur


def _new_name(serving: Path) -> str:
    while True:  # names sort in publish order; a clash (same microsecond) just takes the next stamp
        name = f"{PREFIX}{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}{SUFFIX}"
        if not (serving / name).exists():
            return name


def _check_readable(path: Path) -> None:
    try:
        with duckdb.connect(str(path), read_only=True) as conn:
            conn.execute("select count(*) from information_schema.tables").fetchone()
    except duckdb.Error as exc:
        raise SnapshotError(f"{path}: the copied snapshot does not open: {exc}") from exc


def _write_pointer(serving: Path, name: str) -> None:
    tmp = serving / f"{POINTER}.tmp"
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, serving / POINTER)
    try:  # make the rename itself durable
        fd = os.open(serving, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def _prune(serving: Path, *, keep: int, current: str) -> None:
    snapshots = sorted(p for p in serving.glob(f"{PREFIX}*{SUFFIX}") if p.is_file())
    for old in snapshots[: max(0, len(snapshots) - keep)]:
        if old.name != current:
            old.unlink(missing_ok=True)
    for stale in serving.glob(f"{PREFIX}*{SUFFIX}.tmp"):  # left by a publish that was killed
        stale.unlink(missing_ok=True)


def _sql_literal(text: str) -> str:
    return text.replace("'", "''")
