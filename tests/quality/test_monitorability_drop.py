"""The monitorability-drop check on crafted daily series of marts.agg_monitorability_daily."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets.quality import quality_checks
from pipelines.quality.stats import (
    MonitorabilityDropConfig,
    monitorability_drop_sql,
    monitorability_drop_suite,
    monitorability_drops,
)
from pipelines.quality.validate import run_suite

DAY0 = dt.date(2026, 2, 1)
MART = dg.AssetKey(["marts", "agg_monitorability_daily"])


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


@pytest.fixture
def conn(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    conn.execute(
        """
        create schema marts;
        create table marts.agg_monitorability_daily (
            deployment varchar, model varchar, day date, sessions bigint, monitorability double
        )
        """
    )
    yield conn
    conn.close()


def add_days(
    conn: duckdb.DuckDBPyConnection, deployment: str, series: dict[int, tuple[int, float]], model: str = "m"
) -> None:
    """series: day number -> (sessions, monitorability)."""
    conn.executemany(
        "insert into marts.agg_monitorability_daily values (?, ?, ?, ?, ?)",
        [(deployment, model, day(n), sessions, score) for n, (sessions, score) in series.items()],
    )


def steady(days: range, sessions: int, score: float) -> dict[int, tuple[int, float]]:
    return {n: (sessions, score) for n in days}


def test_a_model_that_hides_its_reasoning_warns_the_day_it_lands(conn: duckdb.DuckDBPyConnection) -> None:
    # alpha: 20 sessions a day at 0.8; on day 10 three quarters of them move to a model whose
    # reasoning is encrypted. vendor has always been unreadable: nothing dropped there.
    add_days(conn, "alpha", {**steady(range(10), 20, 0.8), 10: (5, 0.8)}, model="m-old")
    add_days(conn, "alpha", {10: (15, 0.0)}, model="m-hidden")
    add_days(conn, "vendor", steady(range(11), 20, 0.0))

    drops = monitorability_drops(conn, as_of=day(10))

    assert len(drops) == 1
    deployment, when, sessions, score, baseline, z = drops[0]
    assert (deployment, when, sessions, score, baseline) == ("alpha", day(10), 20, 0.2, 0.8)
    assert z >= 6.0  # 0.6 below a baseline whose day mean varies by at most sqrt(0.16 / 20)


def test_a_quiet_day_of_a_mixed_deployment_is_not_a_drop_but_a_busy_one_is(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    # Both fall from 0.3 to 0: with 5 sessions that is a likely draw from a deployment whose sessions
    # are either readable or not; with 40 it is not.
    add_days(conn, "quiet", {**steady(range(10), 30, 0.3), 10: (5, 0.0)})
    add_days(conn, "busy", {**steady(range(10), 30, 0.3), 10: (40, 0.0)})

    assert [d[:2] for d in monitorability_drops(conn, as_of=day(10))] == [("busy", day(10))]


def test_a_modest_drop_is_not_sharp(conn: duckdb.DuckDBPyConnection) -> None:
    # 0.8 -> 0.55 on 60 sessions: many standard errors, but the monitor still reads most of it.
    add_days(conn, "alpha", {**steady(range(10), 60, 0.8), 10: (60, 0.55)})

    assert monitorability_drops(conn, as_of=day(10)) == []


def test_a_drop_needs_a_baseline_and_only_days_up_to_as_of_count(conn: duckdb.DuckDBPyConnection) -> None:
    add_days(conn, "young", {0: (10, 0.9), 1: (30, 0.0)})  # 10 baseline sessions < 20
    add_days(conn, "alpha", {**steady(range(10), 30, 0.9), 10: (30, 0.0)})

    assert monitorability_drops(conn, as_of=day(9)) == []
    assert [d[:2] for d in monitorability_drops(conn, as_of=day(10))] == [("alpha", day(10))]


def test_drop_suite_warns_with_the_drop_day_as_sample(conn: duckdb.DuckDBPyConnection) -> None:
    add_days(conn, "alpha", {**steady(range(14), 25, 0.75), 14: (25, 0.05), 15: (25, 0.75)})

    outcome = run_suite(conn, monitorability_drop_suite(as_of=day(15)))

    assert not outcome.passed
    assert outcome.severity == "WARN"
    sample = outcome.failures[0].sample
    assert [(row["deployment"], row["day"], row["monitorability"]) for row in sample] == [
        ("alpha", day(14).isoformat(), 0.05)
    ]
    assert sample[0]["baseline_monitorability"] == 0.75


def test_drop_suite_passes_on_steady_and_recovering_series(conn: duckdb.DuckDBPyConnection) -> None:
    add_days(conn, "alpha", {n: (30 + n % 3, 0.5 + 0.05 * (n % 3)) for n in range(21)})
    add_days(conn, "beta", {**steady(range(10), 30, 0.2), **steady(range(10, 21), 30, 0.9)})

    assert run_suite(conn, monitorability_drop_suite(as_of=day(21))).passed


def test_drop_check_warns_on_the_monitorability_mart_without_blocking() -> None:
    checks = quality_checks([MART])
    specs = {spec.name: (spec.asset_key, spec.blocking) for check in checks for spec in check.check_specs}
    assert specs == {"agg_monitorability_daily_drop": (MART, False)}


def test_drop_window_size_is_validated() -> None:
    with pytest.raises(ValueError, match="window_days"):
        monitorability_drop_sql(MonitorabilityDropConfig(window_days=400))
