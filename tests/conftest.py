"""Shared fixtures: a fresh landing root and data dir per test, and the real transcript fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.config import Settings

REPO = Path(__file__).resolve().parent.parent
REAL_FIXTURES = REPO / "tests" / "fixtures" / "real"


def pytest_configure(config: pytest.Config) -> None:
    """Parse the dbt project once (only when its manifest is missing or stale) before any test module
    imports the Dagster definitions, which read the manifest."""
    from pipelines.dbt_docs import prepare_manifest

    prepare_manifest()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    landing = tmp_path / "landing"
    landing.mkdir()
    return Settings(data_dir=tmp_path / "data", landing_dir=landing)


@pytest.fixture
def real_landing(settings: Settings) -> Settings:
    """The real Claude Code and Codex fixtures laid out as two deployments."""
    for fmt in ("claude_code", "codex"):
        shutil.copytree(REAL_FIXTURES / fmt, settings.landing_dir / f"{fmt}-team")
    return settings


def query(settings: Settings, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()
