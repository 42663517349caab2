"""Dagster resources: where the warehouse and the landing folder are."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Generator
from typing import Any

import dagster as dg

from pipelines.config import Settings
from pipelines.warehouse.lock import run_lock


class WarehouseResource(dg.ConfigurableResource):
    """The data dir (warehouse, snapshots, reviews) and the landing root.

    Empty strings mean "resolve at run time" from COTWATCH_DATA_DIR / COTWATCH_LANDING or the
    defaults data/ and data/landing, so nothing is read from the environment at import time.
    """

    data_dir: str = ""
    landing_dir: str = ""
    echo_progress: bool = False  # the CLI prints progress lines; the Dagster UI shows them in the run log
    # Import Great Expectations beside the landing (set by `cotwatch run` for the whole graph, whose
    # quality suites run right after it; a run without them need not import it).
    warm_up_checks: bool = False
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

    @contextlib.contextmanager
    def yield_for_execution(
        self, context: dg.InitResourceContext
    ) -> Generator[WarehouseResource, None, None]:
        """Hold the run lock (pipelines/warehouse/lock.py) while a run uses the warehouse.

        The job runs in one process (assets/jobs.py), where resources are set up once per run, so a
        run launched from the Dagster UI holds the lock from its first step to its last, as
        `cotwatch run` does; a second run is refused with who holds the warehouse. Sensor and
        schedule evaluations (no run) only read the landing folder and take no lock.
        """
        run = context.run
        if run is None:
            yield self
            return
        run_id = run.run_id
        with run_lock(self.settings().data_dir, command=f"dagster run {run_id[:8]}") as stale:
            if stale is not None and context.log is not None:
                context.log.warning(f"took over the lock of a run that died ({stale.describe()})")
            yield self

    def settings(self) -> Settings:
        return Settings.resolve(self.data_dir or None, self.landing_dir or None)

    def lake_url(self) -> str:
        """The lake URL of this run, or "" when the run writes no lake (the default)."""
        return self.lake or os.environ.get("COTWATCH_LAKE", "")
