"""Dashboard fixtures: a demo-size warehouse published as a serving snapshot, and AppTest helpers."""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.config import Settings
from pipelines.warehouse.serving import current_snapshot
from tests.app import contract_warehouse
from tests.conftest import REPO

APP = REPO / "app" / "streamlit_app.py"
PAGES = (
    "overview",
    "deployments",
    "incidents",
    "sessions",
    "detectors",
    "monitor_quality",
    "data_quality",
    "sql",
)
DEMO_SESSIONS, DEMO_DAYS, DEMO_SEED = 600, 21, 7  # a fifth of `cotwatch demo` (3,000 over 28 days): faster


def pipeline_is_wired() -> bool:
    """Whether the Dagster definitions hold the whole pipeline up to the serving snapshot."""
    import dagster as dg

    from assets import definitions

    keys = definitions.build_definitions().resolve_asset_graph().get_all_asset_keys()
    return {dg.AssetKey(["serving", "snapshot"]), dg.AssetKey(["marts", "fct_incidents"])} <= keys


def build_demo(settings: Settings) -> None:
    """Build and publish the demo warehouse the dashboard reads.

    With the pipeline wired, this is `cotwatch demo` without the server: synthetic transcripts, then
    every asset through Dagster. Otherwise a warehouse built with SQL along the data contract.
    """
    if pipeline_is_wired():
        from assets.runner import run_pipeline
        from pipelines.synth.generator import generate

        generate(settings.landing_dir, sessions=DEMO_SESSIONS, days=DEMO_DAYS, seed=DEMO_SEED)
        outcome = run_pipeline(settings, echo_progress=False)
        assert outcome.success, outcome
    else:
        contract_warehouse.build_and_publish(settings, sessions=DEMO_SESSIONS, days=DEMO_DAYS, seed=DEMO_SEED)


def next_run(settings: Settings) -> None:
    """The next pipeline run: lands the reviews, rebuilds the marts, publishes a new snapshot."""
    if pipeline_is_wired():
        from assets.runner import run_pipeline

        outcome = run_pipeline(settings, echo_progress=False)
        assert outcome.success, outcome
    else:
        contract_warehouse.rerun(settings)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Built once per test session; tests that write (reviews, runs) use `demo` (a private copy)."""
    root = tmp_path_factory.mktemp("demo")
    landing = root / "landing"
    landing.mkdir()
    settings = Settings(data_dir=root / "data", landing_dir=landing)
    build_demo(settings)
    assert current_snapshot(settings) is not None
    return settings


@pytest.fixture
def demo(demo_template: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """A private copy of the demo data dir, with COTWATCH_DATA_DIR pointing at it."""
    data = tmp_path / "data"
    shutil.copytree(demo_template.data_dir, data)
    settings = Settings(data_dir=data, landing_dir=demo_template.landing_dir)
    monkeypatch.setenv("COTWATCH_DATA_DIR", str(data))
    return settings


@pytest.fixture
def shared_demo(demo_template: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The shared demo data dir, for read-only tests."""
    monkeypatch.setenv("COTWATCH_DATA_DIR", str(demo_template.data_dir))
    return demo_template


def warehouse_query(settings: Settings, sql: str, params: list | dict | None = None) -> list[tuple]:
    """Ground truth for assertions, read from the current snapshot (not through the app's code)."""
    snap = current_snapshot(settings)
    assert snap is not None
    with duckdb.connect(str(snap), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


def open_page(page: str, query_params: dict[str, str] | None = None, timeout: float = 60) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    return at


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fact(at: AppTest, label: str) -> str:
    """The value of a label in a page's facts row (components.facts_html)."""
    html = "".join(h.value for h in at.get("html"))
    found = re.search(
        rf'<div class="cw-fact-k">{re.escape(label)}</div><div class="cw-fact-v">(.*?)</div>', html
    )
    assert found, f"no fact {label!r} on the page"
    return found.group(1)


def page_problems(at: AppTest) -> list[str]:
    return [f"exception: {e.value}" for e in at.exception] + [f"error: {e.value}" for e in at.error]


@pytest.fixture
def empty_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    settings = Settings(data_dir=tmp_path / "data", landing_dir=tmp_path / "landing")
    monkeypatch.setenv("COTWATCH_DATA_DIR", str(settings.data_dir))
    yield settings


def frame_with(at: AppTest, *columns: str):
    """The value (a pandas frame) of the first dataframe on the page that has all `columns` (a
    read-only st.dataframe has no key AppTest can find it by)."""
    for element in at.dataframe:
        value = element.value
        if set(columns) <= set(value.columns):
            return value
    raise AssertionError(
        f"no dataframe with columns {columns} among {[list(d.value.columns) for d in at.dataframe]}"
    )
