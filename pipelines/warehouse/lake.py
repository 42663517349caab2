"""The lake: the warehouse's redacted raw tables and rule hits as Hive-partitioned Parquet on a local
folder or S3-compatible object storage, readable by DuckDB, Spark, Trino and anything that reads
Parquet (docs/scaling.md).

Layout under the lake root (`/path/to/lake` or `s3://bucket/prefix`):

    raw/events/deployment=<d>/date=<yyyy-mm-dd>/part-<commit>-<n>.parquet
    raw/sessions/...  raw/files/...  raw/quarantine/...  monitor/signals/...
    _manifest/v00000001.json, v00000002.json, ...      one file per commit

The commit protocol. Data files get names no earlier commit used; a commit is the single write of
the next manifest version, which lists every live file of every table with its row count and a
fingerprint of its partition's content. One object write is atomic on S3 (a single PUT, or a
multipart upload that only appears on completion) and on a local disk (write aside, then rename),
so a reader that takes the newest manifest sees either the whole commit or none of it: a run killed
while writing leaves files no manifest names, which readers ignore and the next sync deletes.
Copy-on-write per partition: a partition whose content changed in the warehouse is written anew and
its old files are dropped from the manifest, then deleted, so a reader that lists directories
(Spark or Trino over the plain folders) also sees the current state once a sync has finished.

Why a manifest and not Delta Lake or Iceberg: neither can be read by the engines available here
(DuckDB's delta/iceberg extensions and Spark's Delta/Iceberg jars cannot be installed), while a file
list is read by all of them (`read_parquet([...])`, `spark.read.parquet(*files)`). The manifest is a
subset of what those formats keep; moving to one of them is a change of this module only.

Why sync from the warehouse rather than from the parser: landing already redacts inside its private
parse database and only redacted rows reach the warehouse; reading those rows back is what
guarantees that nothing unredacted reaches the lake. The sync compares per-partition fingerprints
(row count and a hash of every row) with the manifest, so a rerun writes exactly what is missing or
changed, and converges after any crash.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import duckdb
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.fs as pafs

MANIFEST_DIR = "_manifest"
PARTITION_COLUMNS = ("deployment", "date")
# A commit holds every table's files for a group of partitions; this caps the rows of raw.events in
# one commit so a first sync of a large warehouse lands as a series of commits, not one huge one.
DEFAULT_MAX_EVENTS_PER_COMMIT = 2_000_000

# Each lake table: its warehouse table, and the SQL giving its rows with the two partition columns.
# A session's events, hits and the session itself share the session's partition (the day it started,
# else the day its file was landed), so one session is never split across partitions.
_SESSION_PARTITION = "coalesce(cast(s.started_at as date), cast(f.landed_at as date))"
TABLES: dict[str, str] = {
    "raw/files": "select t.*, t.deployment as _p_deployment, cast(t.landed_at as date) as _p_date "
    "from raw.files t",
    "raw/sessions": "select t.*, t.deployment as _p_deployment, "
    f"{_SESSION_PARTITION.replace('s.', 't.')} as _p_date "
    "from raw.sessions t join raw.files f on f.file_id = t.file_id",
    "raw/events": f"select t.*, s.deployment as _p_deployment, {_SESSION_PARTITION} as _p_date "
    "from raw.events t join raw.sessions s using (session_id) join raw.files f on f.file_id = s.file_id",
    "raw/quarantine": "select t.*, f.deployment as _p_deployment, cast(t.quarantined_at as date) as _p_date "
    "from raw.quarantine t join raw.files f using (file_id)",
    # The rule pack's matches (the dbt Python model monitor.rule_hits) and every detector hit
    # (the dbt model monitor.signals: rule hits and structural detectors).
    "monitor/rule_hits": f"select t.*, s.deployment as _p_deployment, {_SESSION_PARTITION} as _p_date "
    "from monitor.rule_hits t join raw.sessions s using (session_id) join raw.files f on f.file_id = s.file_id",
    "monitor/signals": f"select t.*, s.deployment as _p_deployment, {_SESSION_PARTITION} as _p_date "
    "from monitor.signals t join raw.sessions s using (session_id) join raw.files f on f.file_id = s.file_id",
    # Reviews are a dbt source (the Spark build reads them from the lake); judgments for completeness.
    "raw/reviews": f"select t.*, s.deployment as _p_deployment, {_SESSION_PARTITION} as _p_date "
    "from raw.reviews t join raw.sessions s using (session_id) join raw.files f on f.file_id = s.file_id",
    "monitor/judgments": f"select t.*, s.deployment as _p_deployment, {_SESSION_PARTITION} as _p_date "
    "from monitor.judgments t join raw.sessions s using (session_id) join raw.files f on f.file_id = s.file_id",
}
# Row order inside the files: a session's rows together, in session order.
ORDER = {
    "raw/files": "path, landed_at",
    "raw/sessions": "session_id",
    "raw/events": "session_id, event_index",
    "raw/quarantine": "file_id, line_no",
    "monitor/rule_hits": "session_id, event_index, signal_id",
    "monitor/signals": "session_id, event_index, signal_id",
    "raw/reviews": "review_id",
    "monitor/judgments": "session_id, judge_model, content_hash",
}
# The warehouse table each lake table is read from (to skip tables a warehouse does not have yet).
SOURCE_TABLE = {name: name.replace("/", ".") for name in TABLES}

Progress = Callable[[str], None]


class LakeError(RuntimeError):
    """The lake URL or its contents cannot be used (message names the URL or file)."""


@dataclass(frozen=True)
class Lake:
    """A lake root on a filesystem: `root` is a path on `fs` without a scheme."""

    url: str
    fs: pafs.FileSystem
    root: str

    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])


def open_lake(url: str) -> Lake:
    """A local folder (`/data/lake`, `file:///data/lake`) or `s3://bucket/prefix`.

    S3 credentials come from the standard AWS variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
    AWS_SESSION_TOKEN, AWS_PROFILE, ...), the endpoint of an S3-compatible store (MinIO, SeaweedFS,
    Ceph, R2) from COTWATCH_S3_ENDPOINT, the region from AWS_REGION (default us-east-1).
    """
    parsed = urlparse(url)
    if parsed.scheme in ("s3", "s3a"):
        if not parsed.netloc:
            raise LakeError(f"lake URL {url!r} names no bucket (expected s3://bucket/prefix)")
        endpoint = os.environ.get("COTWATCH_S3_ENDPOINT", "")
        options: dict[str, Any] = {
            "region": os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
        }
        if endpoint:
            endpoint_url = urlparse(endpoint if "://" in endpoint else f"http://{endpoint}")
            options["endpoint_override"] = endpoint_url.netloc
            options["scheme"] = endpoint_url.scheme or "http"
            # S3-compatible servers usually serve path-style URLs only.
            options["force_virtual_addressing"] = False
        # The lake may create its bucket (a fresh MinIO/SeaweedFS); on AWS, create it beforehand.
        fs = pafs.S3FileSystem(allow_bucket_creation=True, **options)
        root = f"{parsed.netloc}/{parsed.path.strip('/')}".rstrip("/")
        # The bucket may exist already, or we may not create buckets: the first write will tell.
        with contextlib.suppress(OSError):
            fs.create_dir(parsed.netloc, recursive=False)
        return Lake(url=url, fs=fs, root=root)
    if parsed.scheme in ("", "file"):
        local = Path(parsed.path if parsed.scheme == "file" else url).resolve()
        local.mkdir(parents=True, exist_ok=True)
        return Lake(url=url, fs=pafs.LocalFileSystem(), root=str(local))
    raise LakeError(
        f"lake URL {url!r}: unsupported scheme {parsed.scheme!r} (use a folder or s3://bucket/prefix)"
    )


# -- manifests ---------------------------------------------------------------------------------------


def _manifest_name(version: int) -> str:
    return f"v{version:08d}.json"


def manifest_versions(lake: Lake) -> list[int]:
    """Committed manifest versions, oldest first."""
    selector = pafs.FileSelector(lake.path(MANIFEST_DIR), allow_not_found=True)
    versions = []
    for info in lake.fs.get_file_info(selector):
        name = info.base_name
        if info.type == pafs.FileType.File and name.startswith("v") and name.endswith(".json"):
            try:
                versions.append(int(name[1:-5]))
            except ValueError:
                continue
    return sorted(versions)


def read_manifest(lake: Lake, version: int | None = None) -> dict[str, Any]:
    """The manifest of `version` (default: the newest); an empty lake has version 0 and no tables."""
    if version is None:
        versions = manifest_versions(lake)
        if not versions:
            return {"version": 0, "tables": {}}
        version = versions[-1]
    path = lake.path(MANIFEST_DIR, _manifest_name(version))
    try:
        with lake.fs.open_input_stream(path) as fh:
            return json.loads(fh.read())
    except (OSError, json.JSONDecodeError) as exc:
        raise LakeError(f"{lake.url}: cannot read manifest {path}: {exc}") from exc


def _write_manifest(lake: Lake, manifest: dict[str, Any]) -> None:
    """The commit: one atomic object write of the next manifest version."""
    name = _manifest_name(manifest["version"])
    final = lake.path(MANIFEST_DIR, name)
    if lake.fs.get_file_info(final).type != pafs.FileType.NotFound:
        raise LakeError(f"{lake.url}: manifest {name} exists already: another writer committed; sync again")
    body = json.dumps(manifest, indent=1, sort_keys=True).encode()
    if isinstance(lake.fs, pafs.LocalFileSystem):
        lake.fs.create_dir(lake.path(MANIFEST_DIR), recursive=True)
        aside = lake.path(MANIFEST_DIR, f".{name}.{uuid.uuid4().hex}.tmp")
        with open(aside, "wb") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(aside, final)  # atomic on one filesystem
    else:
        # One PUT: S3 makes an object visible whole or not at all.
        with lake.fs.open_output_stream(final) as fh:
            fh.write(body)


def live_files(manifest: dict[str, Any], table: str) -> list[str]:
    """Every data file of `table` in `manifest`, as paths relative to the lake root."""
    parts = manifest.get("tables", {}).get(table, {})
    return [f for part in sorted(parts) for f in parts[part]["files"]]


# -- sync --------------------------------------------------------------------------------------------


@dataclass
class SyncSummary:
    """What one sync did."""

    url: str
    commits: list[int] = field(default_factory=list)
    partitions_written: int = 0
    files_written: int = 0
    rows_written: int = 0
    files_deleted: int = 0
    seconds: float = 0.0
    version: int = 0

    def as_metadata(self) -> dict[str, Any]:
        return {
            "lake": self.url,
            "version": self.version,
            "commits": len(self.commits),
            "partitions_written": self.partitions_written,
            "files_written": self.files_written,
            "rows_written": self.rows_written,
            "files_deleted": self.files_deleted,
            "seconds": round(self.seconds, 2),
        }


def _partition_key(deployment: str, date: Any) -> str:
    return f"deployment={deployment}/date={date}"


def _existing_tables(conn: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        f"{s}.{t}"
        for s, t in conn.execute("select table_schema, table_name from information_schema.tables").fetchall()
    }


def _fingerprints(conn: duckdb.DuckDBPyConnection, table: str) -> dict[str, tuple[int, str]]:
    """Per partition of a lake table: (rows, hash of every row), computed in the warehouse."""
    rows = conn.execute(
        f"select _p_deployment, _p_date, count(*), cast(sum(hash(x)::hugeint) as varchar) "
        f"from ({TABLES[table]}) x group by all"
    ).fetchall()
    return {_partition_key(d, day): (n, h) for d, day, n, h in rows}


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[list[str]]:
    schema = conn.sql(f"select * from {table} limit 0").to_arrow_table().schema
    return [[f.name, str(f.type)] for f in schema]


def _plan_commits(
    changed: list[str], events_per_partition: dict[str, int], max_events: int
) -> list[list[str]]:
    """Group changed partition keys into commits of at most `max_events` events (at least one each)."""
    groups: list[list[str]] = []
    current: list[str] = []
    total = 0
    for key in sorted(changed):
        n = events_per_partition.get(key, 0)
        if current and total + n > max_events:
            groups.append(current)
            current, total = [], 0
        current.append(key)
        total += n
    if current:
        groups.append(current)
    return groups


def _write_partitions(
    lake: Lake, conn: duckdb.DuckDBPyConnection, table: str, keys: list[str], commit_id: str
) -> dict[str, list[str]]:
    """Write the rows of `keys` of `table` as new files; returns partition key -> relative file paths."""
    pairs = [tuple(part.split("=", 1)[1] for part in key.split("/")) for key in keys]
    # A cursor of its own: the streamed result must not block the caller's connection.
    cur = conn.cursor()
    cur.execute("create or replace temp table _lake_keys (deployment varchar, day varchar)")
    cur.executemany("insert into _lake_keys values (?, ?)", pairs)
    reader = cur.sql(
        # raw.files and raw.sessions carry `deployment` themselves: it moves into the path like the rest.
        "select columns(lambda c: c not in ('deployment', 'date', '_p_deployment', '_p_date')), "
        "_p_deployment as deployment, "
        f"cast(_p_date as varchar) as date from ({TABLES[table]}) x "
        "semi join _lake_keys k on k.deployment = x._p_deployment and k.day = cast(x._p_date as varchar) "
        f"order by {ORDER[table]}"
    ).to_arrow_reader(256_000)
    written: dict[str, list[str]] = {}
    base = lake.path(table)
    prefix = base.rstrip("/") + "/"

    def visit(written_file: Any) -> None:
        relative = (
            written_file.path[len(prefix) :] if written_file.path.startswith(prefix) else written_file.path
        )
        key = "/".join(relative.split("/")[:2])
        written.setdefault(key, []).append(f"{table}/{relative}")

    schema = reader.schema
    # The partition columns live in the path (Hive layout), not in the files.
    partitioning = pads.partitioning(
        pa.schema([schema.field("deployment"), schema.field("date")]), flavor="hive"
    )
    pads.write_dataset(
        reader,
        base,
        format="parquet",
        partitioning=partitioning,
        basename_template=f"part-{commit_id}-{{i}}.parquet",
        filesystem=lake.fs,
        existing_data_behavior="overwrite_or_ignore",
        file_visitor=visit,
        max_rows_per_file=5_000_000,
        max_partitions=100_000,
        create_dir=True,
    )
    cur.close()
    return written


def sync(
    lake: Lake,
    conn: duckdb.DuckDBPyConnection,
    *,
    max_events_per_commit: int = DEFAULT_MAX_EVENTS_PER_COMMIT,
    progress: Progress | None = None,
) -> SyncSummary:
    """Bring the lake to the warehouse's current state: write changed partitions, commit, clean up.

    `conn` may be read-only. Nothing is written when the lake already matches (a rerun is a no-op).
    """
    started = time.perf_counter()
    report = progress or (lambda _m: None)
    summary = SyncSummary(url=lake.url)
    manifest = read_manifest(lake)
    present = _existing_tables(conn)
    tables = [t for t in TABLES if SOURCE_TABLE[t] in present]

    wanted = {t: _fingerprints(conn, t) for t in tables}
    # Every table's columns, also of tables without rows yet, so readers can declare them empty.
    schemas = {t: _columns(conn, SOURCE_TABLE[t]) for t in tables}
    changed: set[str] = set()
    for table in TABLES:
        have = manifest["tables"].get(table, {})
        want = wanted.get(table, {})
        for key in set(have) | set(want):
            old = have.get(key)
            new = want.get(key)
            if old is None or new is None or (old["rows"], old["fingerprint"]) != tuple(new):
                changed.add(key)
    events_per_partition = {k: n for k, (n, _h) in wanted.get("raw/events", {}).items()}
    groups = _plan_commits(sorted(changed), events_per_partition, max_events_per_commit)

    orphans_before = _orphan_files(lake, manifest)
    for group in groups:
        commit_id = f"{manifest['version'] + 1:08d}-{uuid.uuid4().hex[:12]}"
        tables_next = {t: dict(parts) for t, parts in manifest["tables"].items()}
        dropped: list[str] = []
        for table in TABLES:
            parts = tables_next.setdefault(table, {})
            for key in group:
                if key in parts:
                    dropped.extend(parts.pop(key)["files"])
            keys = [k for k in group if k in wanted.get(table, {})]
            if not keys:
                continue
            files = _write_partitions(lake, conn, table, keys, commit_id)
            for key in keys:
                rows, fingerprint = wanted[table][key]
                parts[key] = {"files": sorted(files.get(key, [])), "rows": rows, "fingerprint": fingerprint}
                summary.rows_written += rows
                summary.files_written += len(files.get(key, []))
        _pause_for_crash_test()
        manifest = {
            "version": manifest["version"] + 1,
            "committed_at": datetime.now(UTC).isoformat(),
            "partition_columns": list(PARTITION_COLUMNS),
            "schemas": schemas,
            "tables": {t: parts for t, parts in tables_next.items() if parts},
        }
        _write_manifest(lake, manifest)
        summary.commits.append(manifest["version"])
        summary.partitions_written += len(group)
        summary.files_deleted += _delete(lake, dropped)
        report(f"lake: commit v{manifest['version']}: {len(group)} partitions -> {lake.url}")
    # Files of commits that never happened (a killed run) are not in any manifest: delete them.
    summary.files_deleted += _delete(lake, orphans_before)
    summary.version = manifest["version"]
    summary.seconds = time.perf_counter() - started
    return summary


def _orphan_files(lake: Lake, manifest: dict[str, Any]) -> list[str]:
    """Data files under the lake's tables that the manifest does not name (left by a killed run)."""
    live = {f for table in manifest.get("tables", {}) for f in live_files(manifest, table)}
    orphans = []
    prefix = lake.root.rstrip("/") + "/"
    for table in TABLES:
        selector = pafs.FileSelector(lake.path(table), recursive=True, allow_not_found=True)
        for info in lake.fs.get_file_info(selector):
            if info.type == pafs.FileType.File and info.base_name.endswith(".parquet"):
                relative = info.path[len(prefix) :]
                if relative not in live:
                    orphans.append(relative)
    return orphans


def _delete(lake: Lake, relative_paths: Iterable[str]) -> int:
    n = 0
    for relative in relative_paths:
        try:
            lake.fs.delete_file(lake.path(relative))
            n += 1
        except FileNotFoundError:
            continue
    return n


def _pause_for_crash_test() -> None:
    """Let the crash test kill the process after data files are written and before the commit
    (never set in production)."""
    marker = os.environ.get("COTWATCH_TEST_PAUSE_IN_LAKE_COMMIT")
    if marker:
        Path(marker).write_text("data files written, manifest not yet")
        time.sleep(120)


# -- reading -----------------------------------------------------------------------------------------


def dataset(lake: Lake, table: str, manifest: dict[str, Any] | None = None) -> pads.Dataset:
    """The committed rows of `table` as a pyarrow dataset (partition columns included), for DuckDB
    (`conn.sql("from ds")`), Polars (`pl.scan_pyarrow_dataset`) or pandas."""
    manifest = manifest if manifest is not None else read_manifest(lake)
    files = [lake.path(f) for f in live_files(manifest, table)]
    partitioning = pads.HivePartitioning(pa.schema([("deployment", pa.string()), ("date", pa.date32())]))
    if not files:
        raise LakeError(f"{lake.url}: table {table} has no committed files (manifest v{manifest['version']})")
    return pads.dataset(
        files,
        format="parquet",
        filesystem=lake.fs,
        partitioning=partitioning,
        partition_base_dir=lake.path(table),
    )


def register_views(lake: Lake, conn: duckdb.DuckDBPyConnection, *, schema_prefix: str = "lake_") -> list[str]:
    """Create DuckDB views `lake_raw.events`, `lake_monitor.signals`, ... over the committed files."""
    manifest = read_manifest(lake)
    made = []
    for table in manifest.get("tables", {}):
        schema, name = table.split("/")
        conn.execute(f"create schema if not exists {schema_prefix}{schema}")
        ds = dataset(lake, table, manifest)
        view = f"_lake_ds_{schema}_{name}"
        conn.register(view, ds)
        conn.execute(f"create or replace view {schema_prefix}{schema}.{name} as select * from {view}")
        made.append(f"{schema_prefix}{schema}.{name}")
    return made
