"""`cotwatch export`: reviewed incidents as a labelled dataset; read back, every count matches."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.config import Settings
from pipelines.export import TABLES, export_reviewed
from pipelines.reviews import append_review, land_reviews
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.serving import publish_snapshot
from tests.app.conftest import warehouse_query
from tests.conftest import REPO


def review_and_land(settings: Settings, n: int) -> list[tuple[str, str, str, str]]:
    """Review the n newest incidents (alternating verdicts, the last one reviewed twice) and land them
    as the next run does; returns (incident_id, session_id, category, final status)."""
    rows = warehouse_query(
        settings,
        "select incident_id, session_id, category from marts.fct_incidents order by session_date desc, incident_id "
        "limit ?",
        [n],
    )
    reviewed = []
    for i, (incident_id, session_id, category) in enumerate(rows):
        status = ("confirmed", "false_positive", "needs_follow_up")[i % 3]
        append_review(settings, incident_id, session_id, category, status, f"note {i}", "exporter")
        reviewed.append((incident_id, session_id, category, status))
    incident_id, session_id, category, _ = reviewed[-1]
    append_review(settings, incident_id, session_id, category, "confirmed", "second look", "exporter")
    reviewed[-1] = (incident_id, session_id, category, "confirmed")
    with open_warehouse(settings) as conn:
        land_reviews(conn, settings.reviews_dir)
    publish_snapshot(settings)
    return reviewed


def read_back(out: Path, fmt: str) -> dict[str, pl.DataFrame]:
    with duckdb.connect() as conn:
        reader = "read_parquet" if fmt == "parquet" else "read_json_auto"
        return {t: conn.sql(f"select * from {reader}('{out / f'{t}.{fmt}'}')").pl() for t in TABLES}


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_export_round_trip_counts_match_the_warehouse(demo: Settings, tmp_path: Path, fmt: str) -> None:
    reviewed = review_and_land(demo, 7)
    out = tmp_path / "dataset"
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "export", "--out", str(out), "--format", fmt,
         "--data-dir", str(demo.data_dir)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "export: 7 reviewed incidents" in result.stdout
    manifest = json.loads((out / "manifest.json").read_text())
    tables = read_back(out, fmt)

    sessions = sorted({s for _, s, _, _ in reviewed})
    (events,), = warehouse_query(demo, "select count(*) from raw.events where session_id in (select unnest(?))", [sessions])  # fmt: skip
    (signals,), = warehouse_query(
        demo,
        "select count(*) from monitor.signals s join marts.fct_incidents i using (session_id, category) "
        "where i.incident_id in (select unnest(?))",
        [[r[0] for r in reviewed]],
    )  # fmt: skip
    expected = {"incidents": 7, "reviews": 8, "sessions": len(sessions), "events": events, "signals": signals}
    assert {t: tables[t].height for t in TABLES} == expected
    assert {k: manifest["counts"][k] for k in expected} == expected
    assert {f["table"]: f["rows"] for f in manifest["files"].values()} == expected
    assert manifest["format"] == fmt and manifest["rule_pack_version"]
    # the labels are the latest verdicts, and every table joins back to the incidents
    labels = dict(zip(tables["incidents"]["incident_id"], tables["incidents"]["label"], strict=True))
    assert labels == {i: status for i, _, _, status in reviewed}
    assert manifest["counts"]["labels"] == {s: list(labels.values()).count(s) for s in set(labels.values())}
    assert set(tables["signals"]["incident_id"]) <= set(labels)
    assert set(tables["events"]["session_id"]) == set(sessions)
    assert tables["events"].filter(pl.col("session_id") == sessions[0])["event_index"].to_list() == sorted(
        tables["events"].filter(pl.col("session_id") == sessions[0])["event_index"].to_list()
    )


def test_export_since_keeps_only_later_sessions(demo: Settings, tmp_path: Path) -> None:
    reviewed = review_and_land(demo, 6)
    days = dict(warehouse_query(
        demo, "select incident_id, session_date from marts.fct_incidents where incident_id in (select unnest(?))",
        [[r[0] for r in reviewed]],
    ))  # fmt: skip
    cut = max(days.values())
    manifest = export_reviewed(demo, tmp_path / "recent", fmt="jsonl", since=cut)
    assert manifest["since"] == cut.isoformat()
    assert manifest["counts"]["incidents"] == sum(1 for d in days.values() if d >= cut) < len(reviewed) + 1
