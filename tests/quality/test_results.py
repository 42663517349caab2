"""quality.check_results keeps every evaluation; latest_check_results the last one per check."""

from __future__ import annotations

import datetime as dt
import json

from pipelines.config import Settings
from pipelines.quality import suites
from pipelines.quality.results import record_outcome
from pipelines.quality.validate import run_suite
from pipelines.warehouse.connections import open_warehouse
from tests.conftest import query


def test_results_are_appended_and_the_latest_is_the_dashboards_view(warehouse: Settings) -> None:
    with open_warehouse(warehouse) as conn:
        good = run_suite(conn, suites.raw_events_contract())
        record_outcome(conn, good, run_id="run-1", checked_at=dt.datetime(2026, 3, 1, 10))
        conn.execute("update raw.events set kind = 'thinking' where event_index = 3")
        bad = run_suite(conn, suites.raw_events_contract())
        record_outcome(conn, bad, run_id="run-2", checked_at=dt.datetime(2026, 3, 1, 11))

    history = query(
        warehouse, "select run_id, passed, severity, asset from quality.check_results order by checked_at"
    )
    assert history == [
        ("run-1", True, "ERROR", "raw.events"),
        ("run-2", False, "ERROR", "raw.events"),
    ]
    latest = query(warehouse, "select check_name, run_id, passed, details from quality.latest_check_results")
    assert [(name, run, passed) for name, run, passed, _ in latest] == [
        ("raw_events_contract", "run-2", False)
    ]
    details = json.loads(latest[0][3])
    assert details["failed"] == 1
    assert details["failures"][0]["rule"].startswith("kind is one of")
    assert details["failures"][0]["sample"][0]["kind"] == "thinking"
    assert (
        query(warehouse, "select details->>'$.summary' from quality.latest_check_results")[0][0]
        == bad.summary()
    )
