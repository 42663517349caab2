"""Monitorability on the dashboard: beside every incident rate, with a warning where the monitor reads
little of a deployment's reasoning (the demo's `vendor-eval` runs a model whose reasoning is encrypted)."""

from __future__ import annotations

import re
from datetime import date

from app import queries as q
from pipelines.config import Settings
from pipelines.synth.generator import ENCRYPTED_ONLY_DEPLOYMENT, ENCRYPTED_ONLY_MODEL
from pipelines.warehouse.serving import connect_snapshot, current_snapshot, snapshot_cursor
from tests.app.conftest import open_page, page_problems, warehouse_query
from tests.app.test_pages import default_range, metric

BY_DEPLOYMENT = """
select deployment, sum(monitorability * sessions) / sum(sessions) as monitorability
from marts.agg_monitorability_daily
where day between ? and ?
group by deployment
order by deployment
"""


def low_deployments(settings: Settings, start: date, end: date) -> list[str]:
    return [
        d
        for d, score in warehouse_query(settings, BY_DEPLOYMENT, [start, end])
        if score < q.LOW_MONITORABILITY
    ]


def warning_text(at) -> str:
    texts = [w.value for w in at.warning if "Low monitorability" in w.value]
    assert len(texts) <= 1
    return texts[0] if texts else ""


def frame_with(at, *columns: str):
    """The one table of the page that has all of `columns`."""
    frames = [df.value for df in at.dataframe if set(columns) <= set(df.value.columns)]
    assert len(frames) == 1, f"{len(frames)} tables with {columns}"
    return frames[0]


def warned(at) -> list[str]:
    """Deployments the low-monitorability warning names (they are shown as inline code)."""
    return re.findall(r"`([^`]+)`", warning_text(at))


def test_demo_has_a_deployment_whose_reasoning_is_only_encrypted(shared_demo: Settings) -> None:
    rows = warehouse_query(
        shared_demo,
        "select s.model, e.reasoning_visibility, count(*) from raw.events e join raw.sessions s using (session_id) "
        "where s.deployment = ? and e.kind = 'reasoning' group by all",
        [ENCRYPTED_ONLY_DEPLOYMENT],
    )
    assert [(model, visibility) for model, visibility, _ in rows] == [(ENCRYPTED_ONLY_MODEL, "encrypted")]
    assert rows[0][2] > 50


def test_overview_warns_about_the_encrypted_only_deployment_and_no_readable_one(
    shared_demo: Settings,
) -> None:
    start, end = default_range(shared_demo)
    low = low_deployments(shared_demo, start, end)
    everyone = [d for d, _ in warehouse_query(shared_demo, BY_DEPLOYMENT, [start, end])]
    assert ENCRYPTED_ONLY_DEPLOYMENT in low and len(low) < len(everyone)

    at = open_page("overview")

    assert not page_problems(at)
    assert sorted(warned(at)) == low
    assert f"`{ENCRYPTED_ONLY_DEPLOYMENT}` 0.00 (encrypted 100%)" in warning_text(at)


def test_overview_shows_monitorability_beside_the_incident_rates(shared_demo: Settings) -> None:
    start, end = default_range(shared_demo)
    (overall,), = warehouse_query(
        shared_demo,
        "select sum(monitorability * sessions) / sum(sessions) from marts.agg_monitorability_daily where day between ? and ?",
        [start, end],
    )  # fmt: skip
    rates = dict(
        warehouse_query(
            shared_demo,
            "select deployment, 1000.0 * sum(incidents) / sum(sessions) from marts.agg_deployment_daily "
            "where day between ? and ? group by 1",
            [start, end],
        )
    )
    scores = dict(warehouse_query(shared_demo, BY_DEPLOYMENT, [start, end]))

    at = open_page("overview")

    assert metric(at, "Monitorability") == f"{overall:.2f}"
    table = frame_with(at, "monitorability", "encrypted_share").set_index("deployment")
    assert sorted(table.index) == sorted(scores)
    for deployment, score in scores.items():
        row = table.loc[deployment]
        assert abs(row["monitorability"] - score) < 1e-9
        assert abs(row["incidents_per_1k"] - rates[deployment]) < 1e-9
        assert row["low_monitorability"] == ("⚠ low" if score < q.LOW_MONITORABILITY else "")
    assert table.loc[ENCRYPTED_ONLY_DEPLOYMENT, "encrypted_share"] == 1.0


def test_warning_follows_the_deployment_filter(shared_demo: Settings) -> None:
    start, end = default_range(shared_demo)
    best = max(warehouse_query(shared_demo, BY_DEPLOYMENT, [start, end]), key=lambda r: r[1])[0]

    at = open_page("overview")
    at.multiselect(key="w_deps").set_value([best]).run()
    assert not page_problems(at)
    assert warned(at) == []

    at.multiselect(key="w_deps").set_value([best, ENCRYPTED_ONLY_DEPLOYMENT]).run()
    assert warned(at) == [ENCRYPTED_ONLY_DEPLOYMENT]


def test_deployments_page_badges_the_low_deployment_beside_its_incident_rate(shared_demo: Settings) -> None:
    start, end = default_range(shared_demo)
    scores = dict(warehouse_query(shared_demo, BY_DEPLOYMENT, [start, end]))

    at = open_page("deployments")

    assert not page_problems(at)
    assert sorted(warned(at)) == low_deployments(shared_demo, start, end)
    table = frame_with(at, "deployment", "monitorability", "flagged_rate").set_index("deployment")
    columns = list(table.columns)
    assert columns.index("monitorability") == columns.index("incidents_per_1k") + 1
    for deployment, score in scores.items():
        assert abs(table.loc[deployment, "monitorability"] - score) < 1e-9
    assert table.loc[ENCRYPTED_ONLY_DEPLOYMENT, "low_monitorability"] == "⚠ low"


def test_model_trend_shows_monitorability_per_model_from_its_first_day(shared_demo: Settings) -> None:
    """The trend chart's data: a value for every (model, day) with sessions, starting on the model's
    first session day, so a model that hides its reasoning shows near 0 the day it lands."""
    (first, last), = warehouse_query(shared_demo, "select min(day), max(day) from marts.agg_monitorability_daily")  # fmt: skip
    snapshot = current_snapshot(shared_demo)
    assert snapshot is not None
    conn = connect_snapshot(snapshot)
    try:
        trend = q.model_trend(snapshot_cursor(conn), first, last, ())
    finally:
        conn.close()
    assert trend["monitorability"].null_count() == 0
    firsts = dict(
        warehouse_query(
            shared_demo, "select model, min(session_date) from marts.fct_session_metrics group by 1"
        )
    )
    assert {m: trend.filter(trend["model"] == m)["day"].min() for m in firsts} == firsts
    hidden = trend.filter(trend["model"] == ENCRYPTED_ONLY_MODEL)
    assert hidden.height > 5 and hidden["monitorability"].max() == 0.0
    readable = trend.filter(trend["model"] != ENCRYPTED_ONLY_MODEL)
    assert readable["monitorability"].mean() > 0.3
