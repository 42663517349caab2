"""Volume anomaly and incident-rate spike on crafted daily series."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from pipelines.quality.stats import (
    incident_rate_spike_suite,
    incident_rate_spikes,
    volume_anomalies,
    volume_anomaly_suite,
)
from pipelines.quality.validate import run_suite

DAY0 = dt.date(2026, 2, 1)


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


@pytest.fixture
def conn(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    conn.execute(
        """
        create schema marts;
        create table marts.agg_deployment_daily (
            deployment varchar, model varchar, day date, sessions bigint, flagged_sessions bigint,
            flagged_rate double, incidents bigint, incidents_critical bigint, incidents_high bigint,
            incidents_medium bigint, incidents_low bigint, incidents_per_1k_sessions double
        )
        """
    )
    yield conn
    conn.close()


def add_days(
    conn: duckdb.DuckDBPyConnection, deployment: str, series: dict[int, tuple[int, int]], model: str = "m"
) -> None:
    """series: day number -> (sessions, incidents)."""
    conn.executemany(
        "insert into marts.agg_deployment_daily values (?, ?, ?, ?, 0, 0, ?, 0, ?, 0, 0, ?)",
        [
            (deployment, model, day(n), sessions, incidents, incidents, incidents * 1000.0 / sessions)
            for n, (sessions, incidents) in series.items()
        ],
    )


def steady(days: range, sessions: int, incidents: int = 0) -> dict[int, tuple[int, int]]:
    return {n: (sessions, incidents) for n in days}


def test_volume_jump_is_flagged_on_its_day_only(conn: duckdb.DuckDBPyConnection) -> None:
    add_days(conn, "alpha", {**steady(range(14), 20), 14: (60, 0), 15: (21, 0)})
    add_days(conn, "beta", {n: (20 + (n % 3) - 1, 0) for n in range(16)})  # ordinary wobble

    anomalies = volume_anomalies(conn, as_of=day(16))

    assert [(d, dy, s) for d, dy, s, _, _ in anomalies] == [("alpha", day(14), 60)]
    assert anomalies[0][3] == 20.0  # expected: the trailing mean
    assert anomalies[0][4] >= 3.0


def test_volume_drop_to_silence_is_flagged_but_not_the_unfinished_day(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    # gamma stops sending after day 9 while delta goes on; day 12 is "today" and still filling up.
    add_days(conn, "gamma", steady(range(10), 30))
    add_days(conn, "delta", {**steady(range(12), 30), 12: (2, 0)})

    anomalies = volume_anomalies(conn, as_of=day(12))

    assert [(d, dy, s) for d, dy, s, _, _ in anomalies] == [("gamma", day(10), 0), ("gamma", day(11), 0)]


def test_volume_needs_history_before_judging(conn: duckdb.DuckDBPyConnection) -> None:
    add_days(conn, "young", {0: (10, 0), 1: (10, 0), 2: (80, 0)})

    assert volume_anomalies(conn, as_of=day(3)) == []


def test_incident_rate_spike_is_flagged_and_steady_rates_are_not(conn: duckdb.DuckDBPyConnection) -> None:
    add_days(conn, "alpha", {**steady(range(10), 50, 1), 10: (50, 12)})
    add_days(conn, "beta", {n: (50, 1 + n % 2) for n in range(11)})

    spikes = incident_rate_spikes(conn, as_of=day(10))

    assert [(s.deployment, s.day, s.incidents) for s in spikes] == [("alpha", day(10), 12)]
    assert spikes[0].expected_incidents == 1.0
    assert spikes[0].baseline_rate == 0.02


def test_a_few_incidents_on_a_quiet_day_are_not_a_spike(conn: duckdb.DuckDBPyConnection) -> None:
    add_days(conn, "quiet", {**steady(range(10), 10, 0), 10: (10, 2)})
    assert incident_rate_spikes(conn, as_of=day(10)) == []

    add_days(conn, "loud", {**steady(range(10), 10, 0), 10: (10, 3)})
    assert [(s.deployment, s.day) for s in incident_rate_spikes(conn, as_of=day(10))] == [("loud", day(10))]


def test_incident_rate_needs_a_baseline(conn: duckdb.DuckDBPyConnection) -> None:
    add_days(conn, "new", {0: (5, 0), 1: (5, 9)})  # 5 baseline sessions < 20

    assert incident_rate_spikes(conn, as_of=day(1)) == []


def test_rates_pool_models_of_a_deployment(conn: duckdb.DuckDBPyConnection) -> None:
    # Two models of one deployment; each alone looks calm on day 10, together they spike.
    for model in ("m1", "m2"):
        add_days(conn, "alpha", {**steady(range(10), 25, 0), 10: (25, 2)}, model=model)

    assert [(s.deployment, s.incidents) for s in incident_rate_spikes(conn, as_of=day(10))] == [("alpha", 4)]


def test_statistical_suites_warn_with_the_anomalous_days_as_sample(conn: duckdb.DuckDBPyConnection) -> None:
    add_days(conn, "alpha", {**steady(range(14), 50, 1), 14: (150, 15)})

    volume = run_suite(conn, volume_anomaly_suite(as_of=day(15)))
    spike = run_suite(conn, incident_rate_spike_suite(as_of=day(15)))

    for outcome in (volume, spike):
        assert not outcome.passed
        assert outcome.severity == "WARN"
        assert [(row["deployment"], row["day"]) for row in outcome.failures[0].sample] == [
            ("alpha", day(14).isoformat())
        ]
    assert volume.failures[0].sample[0]["sessions"] == 150
    assert spike.failures[0].sample[0]["incidents"] == 15


def test_statistical_suites_pass_on_a_steady_series(conn: duckdb.DuckDBPyConnection) -> None:
    add_days(conn, "alpha", {n: (40 + n % 4, 1 + n % 2) for n in range(21)})

    assert run_suite(conn, volume_anomaly_suite(as_of=day(21))).passed
    assert run_suite(conn, incident_rate_spike_suite(as_of=day(21))).passed


def test_window_size_is_validated() -> None:
    from pipelines.quality.stats import SpikeConfig, spike_sql

    with pytest.raises(ValueError, match="window_days"):
        spike_sql(SpikeConfig(window_days=0))
