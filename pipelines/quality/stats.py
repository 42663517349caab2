"""Statistical checks over `marts.agg_deployment_daily`: is a deployment's day out of line with its
own trailing window?

- Volume anomaly: the sessions of a (deployment, day) against the median of its previous
  `window_days` days, in units of their spread (1.4826 x the median absolute deviation, which one
  outlier in the window does not inflate the way it inflates a standard deviation). Days without
  sessions count as 0 (a deployment that goes silent is an anomaly too), and the current UTC day is
  left out because it is still filling up. The spread is floored at the Poisson noise sqrt(median),
  so a perfectly regular history does not turn every wobble into an anomaly.
- Incident-rate spike: the incidents of a (deployment, day) against the rate of its previous
  `window_days` days applied to that day's sessions, in Poisson units, with a minimum count and ratio
  so that one incident on a quiet day is not a spike.

- Monitorability drop (over `marts.agg_monitorability_daily`): the monitorability of a
  (deployment, day) against the session-weighted score of its previous `window_days` days. A
  session's score lies in [0, 1], so the day's mean has a standard error of at most
  sqrt(b (1 - b) / n) around a baseline b; a drop must be that many errors deep, a minimum in
  absolute terms and a minimum share of the baseline, so a quiet day drawn from a mixed deployment
  is not a drop. The current day counts: a model that hides its reasoning should warn the day it
  lands.

Each is scored in one SQL statement; the suites hand the scored frame to GX, the alert sensor
reads the spikes through `incident_rate_spikes`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

from pipelines.quality.spec import Frame, Suite, in_set


@dataclass(frozen=True)
class VolumeConfig:
    window_days: int = 7
    min_history_days: int = 5
    z_threshold: float = 3.0
    min_relative_change: float = 0.5  # |sessions - expected| must also be at least half the expectation


@dataclass(frozen=True)
class SpikeConfig:
    window_days: int = 7
    min_baseline_sessions: int = 20
    min_incidents: int = 3
    z_threshold: float = 3.0
    min_ratio: float = 2.0  # at least twice the incidents the baseline rate predicts


@dataclass(frozen=True)
class MonitorabilityDropConfig:
    window_days: int = 7
    min_baseline_sessions: int = 20
    min_sessions: int = 5
    z_threshold: float = 3.0
    min_drop: float = 0.2  # the score falls by at least this much (it lies in [0, 1])
    min_relative_drop: float = 0.5  # and by at least half of the baseline


DEFAULT_VOLUME = VolumeConfig()
DEFAULT_SPIKE = SpikeConfig()
DEFAULT_MONITORABILITY_DROP = MonitorabilityDropConfig()


def _window(days: int) -> int:
    if not isinstance(days, int) or not 1 <= days <= 366:
        raise ValueError(f"window_days must be an integer from 1 to 366, got {days!r}")
    return days


def volume_sql(config: VolumeConfig) -> str:
    preceding = _window(config.window_days)
    return f"""
    with daily as (
        select deployment, day, sum(sessions) as sessions
        from marts.agg_deployment_daily
        where day < $as_of
        group by deployment, day
    ),
    span as (
        select deployment, min(day) as first_day, (select max(day) from daily) as last_day
        from daily
        group by deployment
    ),
    calendar as (
        select deployment, cast(unnest(generate_series(first_day, last_day, interval 1 day)) as date) as day
        from span
    ),
    dense as (
        select c.deployment, c.day, coalesce(d.sessions, 0) as sessions
        from calendar as c
        left join daily as d on d.deployment = c.deployment and d.day = c.day
    ),
    scored as (
        select
            deployment,
            day,
            sessions,
            count(*) over previous_days as history_days,
            median(sessions) over previous_days as expected,
            greatest(
                1.4826 * mad(sessions) over previous_days, sqrt(median(sessions) over previous_days), 1.0
            ) as spread
        from dense
        window previous_days as (partition by deployment order by day rows between {preceding} preceding and 1 preceding)
    )
    select
        deployment,
        day,
        cast(sessions as bigint) as sessions,
        history_days,
        round(expected, 2) as expected,
        round((sessions - expected) / spread, 2) as z,
        coalesce(
            history_days >= $min_history_days
            and abs(sessions - expected) / spread >= $z_threshold
            and abs(sessions - expected) >= $min_relative_change * expected,
            false
        ) as is_anomaly
    from scored
    order by deployment, day
    """


def spike_sql(config: SpikeConfig) -> str:
    preceding = _window(config.window_days)
    return f"""
    with daily as (
        select deployment, day, sum(sessions) as sessions, sum(incidents) as incidents
        from marts.agg_deployment_daily
        where day <= $as_of
        group by deployment, day
    ),
    baseline as (
        select
            deployment,
            day,
            sessions,
            incidents,
            coalesce(sum(sessions) over previous_days, 0) as baseline_sessions,
            coalesce(sum(incidents) over previous_days, 0) as baseline_incidents
        from daily
        window previous_days as (
            partition by deployment order by day
            range between interval {preceding} day preceding and interval 1 day preceding
        )
    ),
    scored as (
        select
            *,
            baseline_incidents / nullif(baseline_sessions, 0) as baseline_rate,
            baseline_incidents / nullif(baseline_sessions, 0) * sessions as expected
        from baseline
    )
    select
        deployment,
        day,
        cast(sessions as bigint) as sessions,
        cast(incidents as bigint) as incidents,
        cast(baseline_sessions as bigint) as baseline_sessions,
        cast(baseline_incidents as bigint) as baseline_incidents,
        round(baseline_rate, 4) as baseline_rate,
        round(incidents / sessions, 4) as rate,
        round(expected, 2) as expected_incidents,
        round((incidents - expected) / sqrt(greatest(expected, 1.0)), 2) as z,
        coalesce(
            baseline_sessions >= $min_baseline_sessions
            and incidents >= $min_incidents
            and (incidents - expected) / sqrt(greatest(expected, 1.0)) >= $z_threshold
            and incidents >= $min_ratio * expected,
            false
        ) as is_spike
    from scored
    order by deployment, day
    """


def monitorability_drop_sql(config: MonitorabilityDropConfig) -> str:
    preceding = _window(config.window_days)
    return f"""
    with daily as (
        select
            deployment,
            day,
            sum(sessions) as sessions,
            -- monitorability is a mean over sessions: weighting by sessions pools models exactly
            sum(monitorability * sessions) as readable_sessions
        from marts.agg_monitorability_daily
        where day <= $as_of
        group by deployment, day
    ),
    baseline as (
        select
            deployment,
            day,
            sessions,
            readable_sessions / sessions as monitorability,
            coalesce(sum(sessions) over previous_days, 0) as baseline_sessions,
            sum(readable_sessions) over previous_days / nullif(sum(sessions) over previous_days, 0)
                as baseline_monitorability
        from daily
        window previous_days as (
            partition by deployment order by day
            range between interval {preceding} day preceding and interval 1 day preceding
        )
    ),
    scored as (
        select
            *,
            baseline_monitorability - monitorability as score_drop,
            -- the largest spread scores in [0, 1] with this mean can have; floored so a baseline
            -- of exactly 0 or 1 still tolerates some noise
            greatest(
                sqrt(baseline_monitorability * (1 - baseline_monitorability) / sessions),
                0.05
            ) as standard_error
        from baseline
    )
    select
        deployment,
        day,
        cast(sessions as bigint) as sessions,
        cast(baseline_sessions as bigint) as baseline_sessions,
        round(monitorability, 4) as monitorability,
        round(baseline_monitorability, 4) as baseline_monitorability,
        round(score_drop, 4) as score_drop,
        round(score_drop / standard_error, 2) as z,
        coalesce(
            baseline_sessions >= $min_baseline_sessions
            and sessions >= $min_sessions
            and score_drop >= $min_drop
            and score_drop >= $min_relative_drop * baseline_monitorability
            and score_drop / standard_error >= $z_threshold,
            false
        ) as is_drop
    from scored
    order by deployment, day
    """


def _volume_params(as_of: dt.date, config: VolumeConfig) -> dict[str, Any]:
    return {
        "as_of": as_of,
        "min_history_days": config.min_history_days,
        "z_threshold": config.z_threshold,
        "min_relative_change": config.min_relative_change,
    }


def _spike_params(as_of: dt.date, config: SpikeConfig) -> dict[str, Any]:
    return {
        "as_of": as_of,
        "min_baseline_sessions": config.min_baseline_sessions,
        "min_incidents": config.min_incidents,
        "z_threshold": config.z_threshold,
        "min_ratio": config.min_ratio,
    }


def _drop_params(as_of: dt.date, config: MonitorabilityDropConfig) -> dict[str, Any]:
    return {
        "as_of": as_of,
        "min_baseline_sessions": config.min_baseline_sessions,
        "min_sessions": config.min_sessions,
        "min_drop": config.min_drop,
        "min_relative_drop": config.min_relative_drop,
        "z_threshold": config.z_threshold,
    }


def today_utc() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def volume_anomaly_suite(as_of: dt.date | None = None, config: VolumeConfig = DEFAULT_VOLUME) -> Suite:
    """WARN: days before `as_of` (default: today, UTC) whose session volume leaves its trailing window."""
    as_of = as_of or today_utc()
    return Suite(
        name="agg_deployment_daily_volume_anomaly",
        table="marts.agg_deployment_daily",
        severity="WARN",
        description=(
            f"Sessions per deployment and day stay within {config.z_threshold} spreads of the trailing "
            f"{config.window_days}-day median (complete days only)."
        ),
        frames=(
            Frame(
                "volume_by_deployment_day",
                volume_sql(config),
                (in_set("is_anomaly", [False], "no deployment's daily session volume is anomalous"),),
                _volume_params(as_of, config),
            ),
        ),
    )


def incident_rate_spike_suite(as_of: dt.date | None = None, config: SpikeConfig = DEFAULT_SPIKE) -> Suite:
    """WARN: (deployment, day) whose incidents far exceed what the trailing rate predicts."""
    as_of = as_of or today_utc()
    return Suite(
        name="agg_deployment_daily_incident_rate_spike",
        table="marts.agg_deployment_daily",
        severity="WARN",
        description=(
            f"Incidents per deployment and day do not spike above the trailing {config.window_days}-day "
            f"incident rate (z >= {config.z_threshold}, at least {config.min_incidents} incidents and "
            f"{config.min_ratio}x the expected count)."
        ),
        frames=(
            Frame(
                "incident_rate_by_deployment_day",
                spike_sql(config),
                (in_set("is_spike", [False], "no deployment's daily incident rate spikes"),),
                _spike_params(as_of, config),
            ),
        ),
    )


def monitorability_drop_suite(
    as_of: dt.date | None = None, config: MonitorabilityDropConfig = DEFAULT_MONITORABILITY_DROP
) -> Suite:
    """WARN: (deployment, day) whose monitorability falls sharply below its trailing window's."""
    as_of = as_of or today_utc()
    return Suite(
        name="agg_monitorability_daily_drop",
        table="marts.agg_monitorability_daily",
        severity="WARN",
        description=(
            f"No deployment's daily monitorability drops below its trailing {config.window_days}-day "
            f"score by {config.min_drop} or more, by at least {config.min_relative_drop:.0%} of it, and "
            f"z >= {config.z_threshold} (at least {config.min_sessions} sessions that day and "
            f"{config.min_baseline_sessions} in the window): the monitor suddenly reads less of the "
            "reasoning, so its incident rate means less."
        ),
        frames=(
            Frame(
                "monitorability_by_deployment_day",
                monitorability_drop_sql(config),
                (in_set("is_drop", [False], "no deployment's daily monitorability drops sharply"),),
                _drop_params(as_of, config),
            ),
        ),
    )


@dataclass(frozen=True)
class Spike:
    deployment: str
    day: dt.date
    sessions: int
    incidents: int
    expected_incidents: float
    baseline_rate: float | None
    z: float


def incident_rate_spikes(
    conn: duckdb.DuckDBPyConnection, *, as_of: dt.date | None = None, config: SpikeConfig = DEFAULT_SPIKE
) -> list[Spike]:
    """Every (deployment, day) the spike check flags, oldest first."""
    rows = conn.execute(
        f"select deployment, day, sessions, incidents, expected_incidents, baseline_rate, z "
        f"from ({spike_sql(config)}) where is_spike",
        _spike_params(as_of or today_utc(), config),
    ).fetchall()
    return [Spike(*row) for row in rows]


def volume_anomalies(
    conn: duckdb.DuckDBPyConnection, *, as_of: dt.date | None = None, config: VolumeConfig = DEFAULT_VOLUME
) -> list[tuple[str, dt.date, int, float, float]]:
    """(deployment, day, sessions, expected (the trailing median), z) of every anomalous day."""
    return conn.execute(
        f"select deployment, day, sessions, expected, z from ({volume_sql(config)}) where is_anomaly",
        _volume_params(as_of or today_utc(), config),
    ).fetchall()


def monitorability_drops(
    conn: duckdb.DuckDBPyConnection,
    *,
    as_of: dt.date | None = None,
    config: MonitorabilityDropConfig = DEFAULT_MONITORABILITY_DROP,
) -> list[tuple[str, dt.date, int, float, float, float]]:
    """(deployment, day, sessions, monitorability, baseline_monitorability, z) of every sharp drop."""
    return conn.execute(
        "select deployment, day, sessions, monitorability, baseline_monitorability, z "
        f"from ({monitorability_drop_sql(config)}) where is_drop",
        _drop_params(as_of or today_utc(), config),
    ).fetchall()
