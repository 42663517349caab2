"""A small, contract-true warehouse: the real fixtures landed, a few monitor signals, SQL-built marts."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from bench.quality_bench import MONITORABILITY_SQL, build_contract_marts
from pipelines.config import Settings
from pipelines.quality.spec import Suite
from pipelines.quality.validate import CheckOutcome, run_suite
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.landing import land
from pipelines.warehouse.schema import ensure_monitor_schema
from tests.conftest import REAL_FIXTURES
from tests.contract_tables import create_signals_table

# After the fixtures' sessions (January and February 2026), so every time window holds them.
NOW = dt.datetime(2026, 3, 1)

# (session pick, event kind, category, severity): one signal per row, on the first event of that kind.
SIGNALS = (
    ("claude", "reasoning", "eval_awareness", "medium"),
    ("claude", "tool_call", "test_tampering", "high"),
    ("codex", "tool_call", "data_exfiltration", "critical"),
    ("codex", "reasoning", "deception", "high"),
)


def add_signal(
    conn: duckdb.DuckDBPyConnection,
    *,
    source_format: str,
    kind: str,
    category: str,
    severity: str,
    nth: int = 0,
) -> None:
    """A monitor signal on the `nth` event of `kind` in the largest session of `source_format`."""
    ensure_monitor_schema(conn)
    create_signals_table(conn)
    conn.execute(
        """
        insert into monitor.signals
        select md5(e.session_id || ':' || e.event_index || ':' || $category), e.session_id, e.event_index,
               'test.' || $category, '1', $category, $severity,
               case when e.kind = 'reasoning' then 'reasoning' else 'action' end,
               0.9, coalesce(e.text, e.tool_input, ''), 0, 4, timestamp '2026-03-01 00:00:00'
        from raw.events as e
        where e.session_id = (
            select s.session_id from raw.sessions as s join raw.events as x using (session_id)
            where s.source_format like $fmt || '%' group by s.session_id order by count(*) desc limit 1
        ) and e.kind = $kind
        order by e.event_index
        limit 1 offset $nth
        """,
        {"category": category, "severity": severity, "fmt": source_format, "kind": kind, "nth": nth},
    )


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Built once per test session; each test gets its own copy (landing takes most of the setup)."""
    root = tmp_path_factory.mktemp("quality-template")
    landing = root / "landing"
    for fmt in ("claude_code", "codex"):
        shutil.copytree(REAL_FIXTURES / fmt, landing / f"{fmt}-team")
    settings = Settings(data_dir=root / "data", landing_dir=landing)
    land(settings)
    with open_warehouse(settings) as conn:
        for fmt, kind, category, severity in SIGNALS:
            add_signal(conn, source_format=fmt, kind=kind, category=category, severity=severity)
        assert conn.execute("select count(*) from monitor.signals").fetchone()[0] == len(SIGNALS)
        build_contract_marts(conn)
        conn.execute(MONITORABILITY_SQL)
        conn.execute("checkpoint")
    return settings


@pytest.fixture
def warehouse(_template: Settings, tmp_path: Path) -> Settings:
    """Landed real fixtures + 4 signals (one critical) + the four marts, all consistent; a private copy."""
    settings = Settings(data_dir=tmp_path / "data", landing_dir=tmp_path / "landing")
    shutil.copytree(_template.landing_dir, settings.landing_dir)
    shutil.copytree(_template.data_dir, settings.data_dir)
    return settings


def check(settings: Settings, suite: Suite) -> CheckOutcome:
    with open_warehouse(settings, read_only=True) as conn:
        return run_suite(conn, suite)


def execute(settings: Settings, *statements: str) -> None:
    with open_warehouse(settings) as conn:
        for sql in statements:
            conn.execute(sql)
