"""Connections to the warehouse file: one writer (the pipeline), readers use the serving snapshot."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from pipelines.config import Settings


@contextmanager
def open_warehouse(settings: Settings, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse file, in UTC. DuckDB itself refuses a second writer process."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    conn = duckdb.connect(str(settings.warehouse_path), read_only=read_only)
    try:
        conn.execute("set TimeZone = 'UTC'")
        yield conn
    finally:
        conn.close()
