"""The one place this package leans on a library's internals, each with the reason it must.

- `dbt --version` on every invocation: `DbtCliResource` runs it (a private cached property,
  `_cli_version`) to tell dbt-core from the Fusion engine. dbt-core's `--version` also asks the
  package index for the latest release, which costs seconds per run and hangs without a network.
  The dbt that runs here is always this environment's dbt-core, so its version is the package's.
  Revisit when dagster-dbt offers a public way to pass the version (none in 0.29).
- A dbt adapter in this process: `DbtCliResource.cli` builds one (private
  `_initialize_dbt_core_adapter`: profile, project and every macro loaded, 1-2 s) before it starts
  dbt, for `fetch_row_counts()` and `fetch_column_metadata()` only. Neither is used here (dbt holds
  the warehouse's write lock while it runs), and dagster-dbt handles a missing adapter, so the
  resource below starts dbt without building one.
- A connection per event in Dagster's SQLite event log: `SqliteEventLogStorage._connect` (private)
  builds a new engine and connection, and commits with an fsync, for every event it stores, and an
  asset check stores three. A dbt build reports each of its ~190 nodes as an event, and the step
  handles them one by one while dbt waits on its output pipe: about 3 s of a small run. The
  storage below keeps one engine per database file (a few, least recently used first out) and
  runs SQLite in WAL with `synchronous=NORMAL` (a power cut may lose the last runs' events, never
  corrupt the file). Same files, same schema: the default storage reads them. Configured in the
  data dir's dagster.yaml (`assets.runner.INSTANCE_YAML`, as its `event_log_storage`). Revisit if Dagster pools its SQLite
  connections itself.
  The same storage asks, before it stores each asset-check event, whether the index database has
  the asset-check table (`supports_asset_checks`), each time through a new engine and a schema
  query: ~0.9 s of a 300 MB run's ~500 check events. The table is created with the index and
  never dropped, so once it is there the answer is kept.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Iterator, Sequence

import sqlalchemy as sa
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    SQLITE_BUSY_TIMEOUT_SECONDS,
    SqliteEventLogStorage,
)
from dagster_dbt import DbtCliResource
from dbt.version import __version__ as DBT_VERSION
from packaging.version import Version


class LocalDbtCliResource(DbtCliResource):
    """DbtCliResource that knows the local dbt-core version instead of running `dbt --version`, and
    builds no dbt adapter in this process."""

    @property
    def _cli_version(self) -> Version:
        return Version(DBT_VERSION)

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:  # type: ignore[override]
        return None


# Engines kept open: the index database and the few runs being written; a daemon that touches
# many runs closes the least recently used.
MAX_OPEN_SHARDS = 8


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class PooledSqliteEventLogStorage(SqliteEventLogStorage):
    """Dagster's run-sharded SQLite event log with one kept engine per database file."""

    def __init__(self, base_dir: str, inst_data: object = None) -> None:
        # Before the parent's __init__: a new index database is reindexed through `_connect`.
        self._engines: OrderedDict[str, sa.Engine] = OrderedDict()
        self._has_asset_check_table = False
        super().__init__(base_dir, inst_data)  # type: ignore[arg-type]

    @classmethod
    def from_config_value(cls, inst_data: object, config_value: dict) -> PooledSqliteEventLogStorage:  # type: ignore[override]
        # the parent's names its own class, not `cls`
        return cls(inst_data=inst_data, **config_value)

    def _engine(self, shard: str) -> sa.Engine:
        """The kept engine of `shard`; callers hold the parent's `_db_lock`."""
        engine = self._engines.pop(shard, None)
        if engine is None:
            engine = sa.create_engine(
                self.conn_string_for_shard(shard),
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
            )
            sa.event.listen(engine, "connect", _sqlite_pragmas)
        self._engines[shard] = engine
        while len(self._engines) > MAX_OPEN_SHARDS:
            _old, evicted = self._engines.popitem(last=False)
            evicted.dispose()
        return engine

    @contextlib.contextmanager
    def _connect(self, shard: str) -> Iterator[sa.Connection]:
        with self._db_lock:
            engine = self._engine(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    @property
    def supports_asset_checks(self) -> bool:  # type: ignore[override]
        # Only a yes is kept: an index without the table (an old instance before `dagster instance
        # migrate`) is asked again, as by the parent.
        if not self._has_asset_check_table:
            self._has_asset_check_table = bool(super().supports_asset_checks)
        return self._has_asset_check_table

    def _dispose_engines(self) -> None:
        with self._db_lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()

    def wipe(self) -> None:
        self._dispose_engines()  # before the run files are deleted under open connections
        super().wipe()

    def dispose(self) -> None:
        self._dispose_engines()
        super().dispose()
