"""Where the pipeline reads and writes: one small settings object shared by the CLI and Dagster."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

WAREHOUSE_FILE = "warehouse.duckdb"  # dbt-duckdb names the catalog after the stem: keep it


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    landing_dir: Path

    @property
    def warehouse_path(self) -> Path:
        return self.data_dir / WAREHOUSE_FILE

    @property
    def serving_dir(self) -> Path:
        return self.data_dir / "serving"

    @property
    def reviews_dir(self) -> Path:
        return self.data_dir / "reviews"

    @classmethod
    def resolve(cls, data_dir: str | Path | None = None, landing_dir: str | Path | None = None) -> Settings:
        """Explicit arguments win, then COTWATCH_DATA_DIR / COTWATCH_LANDING, then data/ and data/landing."""
        data = Path(data_dir or os.environ.get("COTWATCH_DATA_DIR") or "data")
        landing = Path(landing_dir or os.environ.get("COTWATCH_LANDING") or "data/landing")
        return cls(data_dir=data.resolve(), landing_dir=landing.resolve())
