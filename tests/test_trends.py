"""The overview's sentence: tested flagged-rate changes (pipelines/trends.py) and the alert that carries it."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.config import Settings
from pipelines.quality.alerts import slack_payload, trend_alerts
from pipelines.trends import (
    flagged_rate_changes,
    format_p,
    holm_adjust,
    two_proportion_p,
    wilson_interval,
    with_wilson,
)
from pipelines.warehouse.serving import current_snapshot

AGG_DDL = """
create schema marts;
create table marts.agg_deployment_daily (
    deployment varchar, model varchar, day date, sessions bigint, flagged_sessions bigint, flagged_rate double,
    incidents bigint, incidents_critical bigint, incidents_high bigint, incidents_medium bigint,
    incidents_low bigint, incidents_per_1k_sessions double
)
"""
LAST_DAY = date(2026, 3, 28)


def daily(
    conn: duckdb.DuckDBPyConnection, deployment: str, model: str, rates: list[float], sessions: int
) -> None:
    """One row per day ending on LAST_DAY, `sessions` a day, flagged at the given rate of each day."""
    first = LAST_DAY - timedelta(days=len(rates) - 1)
    conn.executemany(
        "insert into marts.agg_deployment_daily values (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0)",
        [
            (deployment, model, first + timedelta(days=i), sessions, round(rate * sessions), rate)
            for i, rate in enumerate(rates)
        ],
    )


@pytest.fixture
def agg() -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect(":memory:")
    conn.execute(AGG_DDL)
    return conn


def test_two_proportion_test_matches_the_textbook_formula() -> None:
    z, p = two_proportion_p(10, 100, 25, 100)
    pooled = 35 / 200
    expected_z = (0.25 - 0.10) / math.sqrt(pooled * (1 - pooled) * (2 / 100))
    assert z == pytest.approx(expected_z)
    assert z == pytest.approx(2.7915, abs=1e-4)
    assert p == pytest.approx(0.00525, abs=5e-5)  # two-sided: 2 * (1 - Phi(2.79)), from a normal table
    assert two_proportion_p(0, 50, 0, 50) == (0.0, 1.0)
    with pytest.raises(ValueError, match="sessions must be positive"):
        two_proportion_p(1, 0, 1, 10)


def test_holm_adjusts_in_step_down_order_and_stays_monotone() -> None:
    assert holm_adjust([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert holm_adjust([0.5, 0.001]) == pytest.approx([0.5, 0.002])
    assert holm_adjust([]) == []


def test_wilson_interval_is_wide_for_few_sessions_and_agrees_in_polars() -> None:
    lo, hi = wilson_interval(0, 10)
    assert lo == 0.0 and hi == pytest.approx(0.2775, abs=1e-4)
    lo5, hi5 = wilson_interval(1, 5)
    lo500, hi500 = wilson_interval(100, 500)
    assert hi5 - lo5 > 4 * (hi500 - lo500)
    frame = with_wilson(pl.DataFrame({"k": [1, 100, 0], "n": [5, 500, 0]}), "k", "n")
    assert frame["rate_lo"][0] == pytest.approx(lo5) and frame["rate_hi"][1] == pytest.approx(hi500)
    assert frame["rate"][2] is None  # no sessions: no rate, not 0%


def test_p_values_are_written_the_way_the_issue_asks() -> None:
    assert format_p(0.004) == "p < 0.01"
    assert format_p(0.0002) == "p < 0.001"
    assert format_p(0.2) == "p = 0.20"


def test_a_model_that_gets_worse_is_named_with_its_rates_and_p(agg: duckdb.DuckDBPyConnection) -> None:
    for deployment in ("payments", "research"):
        daily(agg, deployment, "steady-model", [0.10] * 28, 20)
        daily(agg, deployment, "drifting-model", [0.10] * 14 + [0.25] * 14, 20)
    finding = flagged_rate_changes(agg)
    assert finding.window_days == 14 and finding.window_start == LAST_DAY - timedelta(days=13)
    lead = finding.rising[0]
    assert (lead.slice_kind, lead.model) == ("model", "drifting-model")
    assert finding.sentence.startswith(
        "drifting-model: flagged rate 10% → 25% over the last 2 weeks, p < 0.001"
    )
    assert all(c.model == "drifting-model" or c.deployment for c in finding.significant)
    assert not any(c.model == "steady-model" and c.significant for c in finding.tested)
    # a deployment filter narrows the family of tests
    only = flagged_rate_changes(agg, deployments=("payments",))
    assert {c.deployment for c in only.tested if c.deployment} == {"payments"}


def test_noise_is_not_called_a_change(agg: duckdb.DuckDBPyConnection) -> None:
    daily(agg, "payments", "steady-model", [0.10, 0.15] * 14, 20)
    finding = flagged_rate_changes(agg)
    assert not finding.significant
    assert finding.sentence.startswith("No significant change in the flagged rate over the last 2 weeks")


def test_slices_with_few_sessions_are_not_tested(agg: duckdb.DuckDBPyConnection) -> None:
    daily(agg, "tiny", "rare-model", [0.0] * 14 + [1.0] * 14, 1)  # 14 sessions a window
    finding = flagged_rate_changes(agg)
    assert finding.tested == ()
    assert finding.sentence.startswith("Too few sessions to test a change")


def test_short_history_compares_its_two_halves(agg: duckdb.DuckDBPyConnection) -> None:
    daily(agg, "payments", "m", [0.1] * 10, 30)
    assert flagged_rate_changes(agg).window_days == 5


def test_an_empty_warehouse_says_there_is_nothing_to_compare(agg: duckdb.DuckDBPyConnection) -> None:
    assert flagged_rate_changes(agg).sentence == "No sessions yet: nothing to compare."


# --- the demo's injected drift, through the real pipeline ---------------------------------------

DRIFT_SESSIONS, DRIFT_DAYS = 3000, 28  # `cotwatch demo`'s defaults


@pytest.fixture(scope="module")
def drift_demo(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    from assets.runner import run_pipeline
    from pipelines.synth.generator import generate

    root: Path = tmp_path_factory.mktemp("drift")
    settings = Settings(data_dir=root / "data", landing_dir=root / "landing")
    generate(settings.landing_dir, sessions=DRIFT_SESSIONS, days=DRIFT_DAYS, seed=7)
    outcome = run_pipeline(settings, echo_progress=False)
    assert outcome.success, outcome
    return settings


@pytest.mark.slow
def test_the_drift_the_demo_generator_injects_is_named_in_the_sentence_and_the_alert(
    drift_demo: Settings,
) -> None:
    from pipelines.synth.generator import DRIFT_MODEL

    snapshot = current_snapshot(drift_demo)
    assert snapshot is not None
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        finding = flagged_rate_changes(conn)
        alerts = trend_alerts(conn)
    lead = finding.rising[0]
    assert (lead.slice_kind, lead.model) == ("model", DRIFT_MODEL)
    assert lead.after_rate > 1.5 * lead.before_rate and lead.p_adjusted < 0.05
    assert finding.sentence.startswith(f"{DRIFT_MODEL}: flagged rate ")
    assert "over the last 2 weeks, p " in finding.sentence
    # no model without injected drift is called rising
    assert {c.model for c in finding.rising if c.slice_kind == "model"} == {DRIFT_MODEL}
    # the alert webhook gets the same finding, in the words of the overview
    payload = [slack_payload(a) for a in alerts if a.kind == "flagged_rate_rise"]
    # Slack's mrkdwn escapes &, < and > in the text it shows
    escaped = lead.sentence().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert payload and any(escaped in p["text"] for p in payload)
