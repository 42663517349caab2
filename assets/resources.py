"""Dagster resources: where the warehouse and the landing folder are."""

from __future__ import annotations

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

    def progress(self, log: Any) -> Callable[[str], None]:
        """A progress callback writing to the run log, and to stdout when echo_progress is set."""

        def report(message: str) -> None:
            log.info(message)
            if self.echo_progress:
                print(message, flush=True)

        return report

    def settings(self) -> Settings:
        return Settings.resolve(self.data_dir or None, self.landing_dir or None)
