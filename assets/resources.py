"""Dagster resources: where the warehouse and the landing folder are."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import dagster as dg

from pipelines.config import Settings


class WarehouseResource(dg.ConfigurableResource):
    """The data dir (warehouse, snapshots, reviews) and the landing root.

    Empty strings mean "resolve at run time" from COTWATCH_DATA_DIR / COTWATCH_LANDING or the
    defaults data/ and data/landing, so nothing is read from the environment at import time.
    """

    data_dir: str = ""
    landing_dir: str = ""
    echo_progress: bool = False  # the CLI prints progress lines; the Dagster UI shows them in the run log
    # The Parquet lake (docs/scaling.md): a folder or s3://bucket/prefix; empty: $COTWATCH_LAKE or none.
    lake: str = ""
    # Where the dbt models are built: "duckdb" (the warehouse file) or "spark" (over the lake).
    engine: str = "duckdb"

    def progress(self, log: Any) -> Callable[[str], None]:
        """A progress callback writing to the run log, and to stdout when echo_progress is set."""

        def report(message: str) -> None:
            log.info(message)
            if self.echo_progress:
                print(message, flush=True)

        return report

    def settings(self) -> Settings:
        return Settings.resolve(self.data_dir or None, self.landing_dir or None)

    def lake_url(self) -> str:
        """The lake URL of this run, or "" when the run writes no lake (the default)."""
        return self.lake or os.environ.get("COTWATCH_LAKE", "")
